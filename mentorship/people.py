"""Rules for the minimum personal data collected at registration: name, date of birth, category, class."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from mentorship.errors import InvalidInput
from mentorship.roles import Category, Role

NAME_MAX = 100
GROUP_MAX = 20
MIN_AGE = 6
MAX_AGE = 100

_DATE_FORMATS = ("%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")


def clean_name(text: str) -> str:
    """Normalise a name as typed; markup is kept literally (the bot escapes it when showing it)."""
    name = " ".join(text.split())
    if not name:
        raise InvalidInput("reg-name-empty")
    if len(name) > NAME_MAX:
        raise InvalidInput("reg-name-too-long", max=NAME_MAX)
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InvalidInput("reg-name-bad-chars")
    if not any(ch.isalpha() for ch in name):
        raise InvalidInput("reg-name-no-letters")
    return name


def parse_birth_date(text: str, today: date) -> date:
    raw = text.strip()
    if not re.fullmatch(r"[0-9./\-]{6,10}", raw):
        raise InvalidInput("reg-dob-format")
    for fmt in _DATE_FORMATS:
        try:
            born = datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        break
    else:
        raise InvalidInput("reg-dob-format")
    if born > today:
        raise InvalidInput("reg-dob-future")
    age = age_on(born, today)
    if age < MIN_AGE or age > MAX_AGE:
        raise InvalidInput("reg-dob-range", min=MIN_AGE, max=MAX_AGE)
    return born


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


#: Age bands per (role, category) from DESIGN §1 and the seeds: mentees are pupils from 10, pupil mentors 15–19,
#: staff and teachers adults.
_AGE_BANDS: dict[tuple[Role | None, Category], tuple[int, int]] = {
    (Role.MENTEE, Category.PUPIL): (10, 19),
    (Role.MENTOR, Category.PUPIL): (15, 19),
    (None, Category.PUPIL): (6, 19),
    (None, Category.STUDENT): (14, 100),
    (None, Category.TEACHER): (18, 100),
    (None, Category.STAFF): (18, 100),
    (None, Category.YOUNG_SPECIALIST): (18, 40),
    (None, Category.GRADUATE): (16, 100),
    (None, Category.EMPLOYER): (18, 100),
    (None, Category.PARENT): (18, 100),
}


def check_category_age(role: Role, category: Category, born: date, today: date) -> None:
    band = _AGE_BANDS.get((role, category)) or _AGE_BANDS[(None, category)]
    age = age_on(born, today)
    if not band[0] <= age <= band[1]:
        raise InvalidInput("reg-category-age", low=band[0], high=band[1], age=age)


def clean_group(text: str) -> str:
    group = " ".join(text.split())
    if not group:
        raise InvalidInput("reg-group-empty")
    if len(group) > GROUP_MAX:
        raise InvalidInput("reg-group-too-long", max=GROUP_MAX)
    if any(unicodedata.category(ch).startswith("C") for ch in group):
        raise InvalidInput("reg-name-bad-chars")
    return group


def address_of(category: Category | None) -> str:
    """How a text speaks to the person (the `$you` selector of locales/ru): "ty" to pupils, "vy" to adults."""
    return "ty" if category == Category.PUPIL else "vy"


#: Who is a pupil in each form of mentorship, by role (Р-145): «ученик – ученик» both, «студент/работодатель –
#: ученик» the mentee.
_PUPIL_IN_FORM: dict[Role, frozenset[str]] = {
    Role.MENTEE: frozenset({"pp", "sp", "ep"}),
    Role.MENTOR: frozenset({"pp"}),
}


def address_before_category(role: Role, form: str | None) -> str:
    """How registration speaks before the person has said who they are: "ty" when the invitation's form makes them
    a pupil, "vy" when it makes them an adult (or a student), "unknown" otherwise — then the texts use a phrasing
    that needs neither «ты» nor «вы». Once the category is chosen, `address_of` decides."""
    if role not in _PUPIL_IN_FORM:
        return "vy"
    if form is None:
        return "unknown"
    return "ty" if form in _PUPIL_IN_FORM[role] else "vy"
