"""Consent texts from locales/ and their versions.

A text's version is a hash of every language's wording of that consent (summary and full text, for the person
and for a parent). Edit a word and the version changes, so everyone is asked again: nobody is held to a text
they never saw. Each record also keeps the hash of exactly what that person was shown.
"""

from __future__ import annotations

import hashlib
from typing import Any

from bot.i18n import SUPPORTED_LOCALES, Translator
from mentorship.consent import ConsentKind, GivenBy

PARTS = ("summary", "full")


def key(kind: ConsentKind, by: GivenBy, part: str) -> str:
    return f"consent-{kind.value}-{part}-{by.value}"


class ConsentTexts:
    def __init__(self, translator: Translator) -> None:
        self.translator = translator
        self.versions: dict[ConsentKind, str] = {}
        for kind in ConsentKind:
            digest = hashlib.sha256()
            for locale in SUPPORTED_LOCALES:
                for by in GivenBy:
                    for part in PARTS:
                        digest.update(self._template(locale, key(kind, by, part)).encode())
            self.versions[kind] = digest.hexdigest()[:16]

    def _template(self, locale: str, message_key: str) -> str:
        # The raw pattern, not a rendering: the version must not depend on whose name fills the blanks.
        bundle = self.translator._bundles[locale]
        message = bundle._messages.get(message_key)
        if message is None:
            raise KeyError(f"consent text {message_key!r} is missing in {locale}")
        return repr(message.value)

    def render(self, locale: str, kind: ConsentKind, by: GivenBy, part: str, **args: Any) -> str:
        return self.translator.get(locale, key(kind, by, part), **args)

    def shown_hash(self, locale: str, kind: ConsentKind, by: GivenBy, **args: Any) -> str:
        shown = "\n".join(self.render(locale, kind, by, part, **args) for part in PARTS)
        return hashlib.sha256(shown.encode()).hexdigest()
