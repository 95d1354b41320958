"""Russian personal names in grammatical cases (pytrovich, the Python port of petrovich's rules).

A person's name is one field, typed as asked: surname, then first name, sometimes a patronymic
(surname, first name[, patronymic] — see tests/test_names.py for examples); some type the first name first. `decline` returns the
name in a case only when it is sure of the result: every word Cyrillic, the parts' order clear, the
gender known (from the patronymic, else from the first name or the surname, which must not disagree).
Otherwise it returns None and the text uses a phrasing that needs no case. Latin names and anything
else the rules do not know are never declined.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case as _LibCase
from pytrovich.enums import Gender, NamePart
from pytrovich.maker import PetrovichDeclinationMaker


class Case(StrEnum):
    """The case a text needs; the value is the suffix of the Fluent variable (`$child_gen`)."""

    GENITIVE = "gen"
    DATIVE = "dat"
    ACCUSATIVE = "acc"
    INSTRUMENTAL = "ins"
    PREPOSITIONAL = "pre"


_LIB_CASE = {
    Case.GENITIVE: _LibCase.GENITIVE,
    Case.DATIVE: _LibCase.DATIVE,
    Case.ACCUSATIVE: _LibCase.ACCUSATIVE,
    Case.INSTRUMENTAL: _LibCase.INSTRUMENTAL,
    Case.PREPOSITIONAL: _LibCase.PREPOSITIONAL,
}

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_PATRONYMIC_ENDINGS = ("вич", "ич", "вна", "чна", "оглы", "кызы")
#: Endings only surnames have (first names end in -ин, -ина too: Валентин, Марина, so those do not decide).
_SURNAME_ENDINGS = ("ов", "ев", "ёв", "ова", "ева", "ёва", "ский", "ская", "цкий", "цкая", "ской", "цкой", "ой",
                    "ых", "их")
_SURNAME_STEM = 3  # Лев, Цой: too short to be a surname by its ending

_maker = PetrovichDeclinationMaker()
_detector = PetrovichGenderDetector()


def _definite(gender: Gender) -> Gender | None:
    return None if gender == Gender.ANDROGYNOUS else gender


def _is_patronymic(word: str) -> bool:
    low = word.lower()
    return low.endswith(_PATRONYMIC_ENDINGS) and _definite(_detector.detect(middlename=word)) is not None


def _looks_like_surname(word: str) -> bool:
    low = word.lower()
    return any(low.endswith(ending) and len(low) - len(ending) >= _SURNAME_STEM for ending in _SURNAME_ENDINGS)


def _gender(last: str, first: str, middle: str | None) -> Gender | None:
    """The gender the parts agree on, or None: a patronymic decides; otherwise the first name and the surname,
    and a definite answer of one of them must not contradict a definite answer of the other."""
    known = [g for g in (_definite(_detector.detect(lastname=last)), _definite(_detector.detect(firstname=first)))
             if g is not None]
    if middle is not None:
        by_patronymic = _definite(_detector.detect(middlename=middle))
        if by_patronymic is None or any(g != by_patronymic for g in known):
            return None
        return by_patronymic
    if not known or len(set(known)) > 1:
        return None
    return known[0]


def _inflect(part: NamePart, gender: Gender, case: Case, word: str) -> str:
    result = _maker.make(part, gender, _LIB_CASE[case], word, known_gender=False)
    return result.upper() if word.isupper() and len(word) > 1 else result


def _declined(words: list[str], roles: tuple[NamePart, ...], case: Case) -> str | None:
    by_role = dict(zip(roles, words, strict=True))
    gender = _gender(by_role[NamePart.LASTNAME], by_role[NamePart.FIRSTNAME], by_role.get(NamePart.MIDDLENAME))
    if gender is None:
        return None
    return " ".join(_inflect(role, gender, case, word) for role, word in zip(roles, words, strict=True))


@lru_cache(maxsize=4096)
def decline(full_name: str, case: Case) -> str | None:
    """`full_name` in `case`, or None when not sure (then use a phrasing that needs no case)."""
    words = full_name.split()
    if not 2 <= len(words) <= 3 or not all(_WORD.fullmatch(word) for word in words):
        return None
    last, first, middle = NamePart.LASTNAME, NamePart.FIRSTNAME, NamePart.MIDDLENAME
    if len(words) == 3:
        if _is_patronymic(words[2]) and not _is_patronymic(words[1]):
            return _declined(words, (last, first, middle), case)
        if _is_patronymic(words[1]) and not _is_patronymic(words[2]):
            return _declined(words, (first, middle, last), case)
        return None
    if any(_is_patronymic(word) for word in words):
        return None
    surname_first, first_name_first = (last, first), (first, last)
    looks = [_looks_like_surname(word) for word in words]
    if looks == [True, False]:
        return _declined(words, surname_first, case)
    if looks == [False, True]:
        return _declined(words, first_name_first, case)
    # The order is not clear: both readings that the rules can decline must give the same words.
    readings = {result for roles in (surname_first, first_name_first)
                if (result := _declined(words, roles, case)) is not None}
    return readings.pop() if len(readings) == 1 else None
