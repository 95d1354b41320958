"""Translations from locales/<lang>/*.ftl (Project Fluent: correct Russian plurals via CLDR rules).

Every string argument is HTML-escaped here, once, because every message is sent with parse_mode=HTML:
a name like `<b>Вася & Co</b>` can never turn into markup, whichever handler shows it.

A person's name in a grammatical case: a text that refers to `$child_gen` (any name argument, then `_gen`, `_dat`,
`_acc`, `_ins` or `_pre`) gets `$child` in that case from `mentorship.names.decline`, and `$child_gen_ok` = yes
or no; when the name cannot be declined for sure, `$child_gen` is the name as typed and the text, selecting on
`$child_gen_ok`, uses a phrasing that needs no case. Only the messages that refer to such a variable pay for it.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast, visitor

from mentorship.names import Case, decline

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SUPPORTED_LOCALES = ("ru", "en")


_CASE_SUFFIXES = {f"_{case.value}": case for case in Case}


class _References(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.variables: set[str] = set()
        self.messages: set[str] = set()
        self.quoted: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:  # noqa: N802 (the visitor's naming)
        self.variables.add(node.id.name)

    def visit_MessageReference(self, node: ast.MessageReference) -> None:  # noqa: N802
        self.messages.add(node.id.name)

    def visit_Pattern(self, node: ast.Pattern) -> None:  # noqa: N802
        """Variables the text itself puts in quotes: «{ $name }» or "{ $name }"."""
        elements = node.elements
        for i, element in enumerate(elements):
            if not (isinstance(element, ast.Placeable) and isinstance(element.expression, ast.VariableReference)):
                continue
            before = elements[i - 1] if i > 0 else None
            after = elements[i + 1] if i + 1 < len(elements) else None
            if (isinstance(before, ast.TextElement) and before.value.endswith(("«", '"'))
                    and isinstance(after, ast.TextElement) and after.value.startswith(("»", '"'))):
                self.quoted.add(element.expression.id.name)
        self.generic_visit(node)


def _references(message: ast.Message) -> _References:
    found = _References()
    found.visit(message)
    return found


def _cased_references(message_id: str, references: Mapping[str, _References]) -> tuple[tuple[str, Case], ...]:
    """(name argument, case) for every `$<name>_<case>` or `$<name>_<case>_ok` the message refers to, itself or
    through the messages it includes (they see the same arguments)."""
    variables: set[str] = set()
    seen: set[str] = set()
    todo = [message_id]
    while todo:
        current = todo.pop()
        if current in seen or current not in references:
            continue
        seen.add(current)
        variables |= references[current].variables
        todo.extend(references[current].messages)
    cased: set[tuple[str, Case]] = set()
    for name in variables:
        base = name.removesuffix("_ok")
        for suffix, case in _CASE_SUFFIXES.items():
            if base.endswith(suffix) and len(base) > len(suffix):
                cased.add((base.removesuffix(suffix), case))
    return tuple(sorted(cased))


class Translator:
    def __init__(self, locales_dir: Path = LOCALES_DIR, default_locale: str = "ru") -> None:
        self.default_locale = default_locale
        self.locales_dir = locales_dir
        self._bundles: dict[str, FluentBundle] = {}
        self._cased: dict[tuple[str, str], tuple[tuple[str, Case], ...]] = {}
        self._quoted: dict[tuple[str, str], frozenset[str]] = {}
        for locale in SUPPORTED_LOCALES:
            bundle = FluentBundle([locale], use_isolating=False)
            references: dict[str, _References] = {}
            for path in sorted((locales_dir / locale).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                errors = bundle.add_resource(resource)
                if errors:
                    raise ValueError(f"{path}: {errors}")
                references.update({entry.id.name: _references(entry) for entry in resource.body
                                   if isinstance(entry, ast.Message)})
            for message_id, found in references.items():
                if cased := _cased_references(message_id, references):
                    self._cased[(locale, message_id)] = cased
                if found.quoted - QUOTED_ARGS:
                    self._quoted[(locale, message_id)] = frozenset(found.quoted)
            self._bundles[locale] = bundle

    def input_words(self, key: str) -> frozenset[str]:
        """Words a person may type, listed comma-separated under `key` in every language and accepted whatever the
        person's own (a unit, the word before a date), case-folded."""
        return frozenset(word.strip().casefold() for locale in SUPPORTED_LOCALES
                         for word in self.get(locale, key).split(",") if word.strip())

    def keys(self, locale: str) -> set[str]:
        return set(self._bundles[locale]._messages)

    def normalise(self, locale: str | None) -> str:
        short = (locale or "").split("-")[0].lower()
        return short if short in self._bundles else self.default_locale

    def get(self, locale: str, key: str, **args: Any) -> str:
        bundle = self._bundles[self.normalise(locale)]
        if not bundle.has_message(key):
            log.error("missing translation key=%s locale=%s", key, locale)
            return key
        message = bundle.get_message(key)
        if message.value is None:
            log.error("translation has no value key=%s locale=%s", key, locale)
            return key
        if "you" not in args:  # a text that does not know whom it speaks to uses the formal register
            args = {"you": "vy", **args}
        cased = self._cased.get((bundle.locales[0], key))
        if cased:
            args = {**args, **_declined_args(args, cased)}
        quoted = self._quoted.get((bundle.locales[0], key), QUOTED_ARGS)
        text, errors = bundle.format_pattern(message.value, _fluent_args(args, bundle.locales[0], quoted | QUOTED_ARGS))
        if errors:
            log.error("translation error key=%s locale=%s errors=%s", key, locale, errors)
        return text

    def bind(self, locale: str, **defaults: Any) -> Localizer:
        return Localizer(self, self.normalise(locale), defaults)


class Localizer:
    """A translator bound to one locale: `t("key", name=...)`. `defaults` go with every text unless given: the
    middleware binds `you` (the register of the person it speaks to), so every text addresses them alike."""

    __slots__ = ("translator", "locale", "defaults")

    def __init__(self, translator: Translator, locale: str, defaults: Mapping[str, Any] | None = None) -> None:
        self.translator = translator
        self.locale = locale
        self.defaults = dict(defaults or {})

    def __call__(self, key: str, **args: Any) -> str:
        return self.translator.get(self.locale, key, **{**self.defaults, **args})


#: Arguments the texts put in quotes («{ $organisation }», "{ $title }"): quotes inside such a value become the
#: inner quotes of the language, so «МБОУ «СОШ № 5»» reads «МБОУ „СОШ № 5“». So do the quotes inside any other
#: argument a message puts in quotes itself («Организация «{ $name }» создана»).
QUOTED_ARGS = frozenset({"organisation", "title", "question", "option"})
INNER_QUOTES = {"ru": str.maketrans({"«": "„", "»": "“"}), "en": str.maketrans({"«": "'", "»": "'", '"': "'"})}


def _declined_args(args: Mapping[str, Any], cased: tuple[tuple[str, Case], ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, case in cased:
        value = args.get(name)
        if not isinstance(value, str):
            continue
        declined = decline(value, case)
        out[f"{name}_{case.value}"] = declined if declined is not None else value
        out[f"{name}_{case.value}_ok"] = declined is not None
    return out


def _fluent_args(args: Mapping[str, Any], locale: str = "ru", quoted: frozenset[str] = QUOTED_ARGS) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in args.items():
        if isinstance(value, bool):
            out[name] = "yes" if value else "no"
        elif isinstance(value, str):
            if name in quoted and locale in INNER_QUOTES:
                value = value.translate(INNER_QUOTES[locale])
            out[name] = html.escape(value, quote=False)
        elif isinstance(value, int | float | Decimal):
            out[name] = value
        elif isinstance(value, datetime | date):
            out[name] = value.strftime("%d.%m.%Y %H:%M") if isinstance(value, datetime) else value.strftime("%d.%m.%Y")
        elif value is None:
            out[name] = "—"
    return out
