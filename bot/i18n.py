"""Translations from locales/<lang>/*.ftl (Project Fluent: correct Russian plurals via CLDR rules).

Every string argument is HTML-escaped here, once, because every message is sent with parse_mode=HTML:
a name like `<b>Вася & Co</b>` can never turn into markup, whichever handler shows it.
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

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SUPPORTED_LOCALES = ("ru", "en")


class Translator:
    def __init__(self, locales_dir: Path = LOCALES_DIR, default_locale: str = "ru") -> None:
        self.default_locale = default_locale
        self.locales_dir = locales_dir
        self._bundles: dict[str, FluentBundle] = {}
        for locale in SUPPORTED_LOCALES:
            bundle = FluentBundle([locale], use_isolating=False)
            for path in sorted((locales_dir / locale).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                errors = bundle.add_resource(resource)
                if errors:
                    raise ValueError(f"{path}: {errors}")
            self._bundles[locale] = bundle

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
        text, errors = bundle.format_pattern(message.value, _fluent_args(args, bundle.locales[0]))
        if errors:
            log.error("translation error key=%s locale=%s errors=%s", key, locale, errors)
        return text

    def bind(self, locale: str) -> Localizer:
        return Localizer(self, self.normalise(locale))


class Localizer:
    """A translator bound to one locale: `t("key", name=...)`."""

    __slots__ = ("translator", "locale")

    def __init__(self, translator: Translator, locale: str) -> None:
        self.translator = translator
        self.locale = locale

    def __call__(self, key: str, **args: Any) -> str:
        return self.translator.get(self.locale, key, **args)


#: Arguments the texts put in quotes («{ $organisation }», "{ $title }"): quotes inside such a value become the
#: inner quotes of the language, so «МБОУ «СОШ № 5»» reads «МБОУ „СОШ № 5“».
QUOTED_ARGS = frozenset({"organisation", "title", "question", "option"})
INNER_QUOTES = {"ru": str.maketrans({"«": "„", "»": "“"}), "en": str.maketrans({"«": "'", "»": "'", '"': "'"})}


def _fluent_args(args: Mapping[str, Any], locale: str = "ru") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in args.items():
        if isinstance(value, bool):
            out[name] = "yes" if value else "no"
        elif isinstance(value, str):
            if name in QUOTED_ARGS and locale in INNER_QUOTES:
                value = value.translate(INNER_QUOTES[locale])
            out[name] = html.escape(value, quote=False)
        elif isinstance(value, int | float | Decimal):
            out[name] = value
        elif isinstance(value, datetime | date):
            out[name] = value.strftime("%d.%m.%Y %H:%M") if isinstance(value, datetime) else value.strftime("%d.%m.%Y")
        elif value is None:
            out[name] = "—"
    return out
