"""Consent texts from locales/ and their versions.

A text's version is a digest of its wording as written in the `.ftl` files: the source of the summary and the
full text, for the person and for a parent, in every language. It depends on nothing but those characters, so
every process, replica, machine and Python version computes the same version for the same text, and a restart
keeps every consent given valid. Edit a word and the version changes, so everyone is asked again: nobody is held
to a text they never saw. Each record also keeps the hash of exactly what that person was shown.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fluent.syntax import FluentParser, ast

from bot.i18n import SUPPORTED_LOCALES, Translator
from mentorship.consent import ConsentKind, GivenBy
from mentorship.names import Case, decline

PARTS = ("summary", "full")


def key(kind: ConsentKind, by: GivenBy, part: str) -> str:
    return f"consent-{kind.value}-{part}-{by.value}"


#: The Russian texts for a parent that put `$child` after a noun in the genitive («ребёнка { $child }»). Their
#: wording is their version, so it does not change: the name passed in is declined instead (the wording, and so
#: every consent given, stays as it is); a name that cannot be declined for sure goes in brackets, an aside that
#: needs no case («ребёнка (Zhang Wei)»). tests/test_name_grammar.py keeps this list in step with the texts.
CHILD_GENITIVE = frozenset({
    ("ru", key(ConsentKind.PERSONAL_DATA, GivenBy.GUARDIAN, "full")),
    ("ru", key(ConsentKind.AGREEMENT, GivenBy.GUARDIAN, "summary")),
    ("ru", key(ConsentKind.AGREEMENT, GivenBy.GUARDIAN, "full")),
    ("ru", key(ConsentKind.CONTACTS, GivenBy.GUARDIAN, "full")),
})


def child_in_case(locale: str, message_key: str, child: str) -> str:
    if (locale, message_key) not in CHILD_GENITIVE:
        return child
    declined = decline(child, Case.GENITIVE)
    return declined if declined is not None else f"({child})"


def normalise_source(source: str) -> str:
    """The wording of one message entry, free of what an editor may change without changing a word: the Unicode
    form, line endings, and white space at the ends of lines."""
    text = unicodedata.normalize("NFC", source).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def message_sources(locales_dir: Path) -> dict[tuple[str, str], str]:
    """(locale, message id) → the message's normalised source in the `.ftl` files."""
    parser = FluentParser(with_spans=True)
    sources: dict[tuple[str, str], str] = {}
    for locale in SUPPORTED_LOCALES:
        for path in sorted((locales_dir / locale).glob("*.ftl")):
            text = path.read_text(encoding="utf-8")
            for entry in parser.parse(text).body:
                if isinstance(entry, ast.Message) and entry.span is not None:
                    sources[(locale, entry.id.name)] = normalise_source(text[entry.span.start : entry.span.end])
    return sources


def consent_versions(sources: Mapping[tuple[str, str], str]) -> dict[ConsentKind, str]:
    versions: dict[ConsentKind, str] = {}
    for kind in ConsentKind:
        digest = hashlib.sha256()
        for locale in SUPPORTED_LOCALES:
            for by in GivenBy:
                for part in PARTS:
                    message_key = key(kind, by, part)
                    source = sources.get((locale, message_key))
                    if source is None:
                        raise KeyError(f"consent text {message_key!r} is missing in {locale}")
                    # Separators make the concatenation unambiguous: no two different sets of texts share a digest.
                    digest.update(f"{locale}\x1f{message_key}\x1f{source}\x1e".encode())
        versions[kind] = digest.hexdigest()[:16]
    return versions


class ConsentTexts:
    def __init__(self, translator: Translator) -> None:
        self.translator = translator
        self.versions: dict[ConsentKind, str] = consent_versions(message_sources(translator.locales_dir))

    def render(self, locale: str, kind: ConsentKind, by: GivenBy, part: str, **args: Any) -> str:
        message_key = key(kind, by, part)
        if isinstance(args.get("child"), str):
            args["child"] = child_in_case(self.translator.normalise(locale), message_key, args["child"])
        return self.translator.get(locale, message_key, **args)

    def shown_hash(self, locale: str, kind: ConsentKind, by: GivenBy, **args: Any) -> str:
        shown = "\n".join(self.render(locale, kind, by, part, **args) for part in PARTS)
        return hashlib.sha256(shown.encode()).hexdigest()
