"""What every bot the tests build shares, read from disk once per test process: the translator (the `.ftl` files of
both languages), the consent texts and their versions, and the shipped questionnaires (the YAML files).

Parsing them is most of what building an app costs (about a second); the tests build hundreds of apps, so
`Harness.create` passes these to `bot.app.create_app` instead. They hold no state of a run: the translator and the
consent texts only read, and `questionnaires()` wraps the parsed definitions in a new `ShippedQuestionnaires` each
time, since that object remembers whether it has stored them in its database yet. A test about what a new process
reads from disk builds the app without them (`World.fresh`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bot.consent_texts import ConsentTexts
from bot.i18n import Translator
from mentorship import questionnaire as rules
from mentorship.services.questionnaires import SHIPPED_DIR, ShippedQuestionnaires


@dataclass(frozen=True)
class World:
    """The texts one app is built with; `None` everywhere means "read them from disk, as `python -m bot` does"."""

    translator: Translator | None = None
    consent_texts: ConsentTexts | None = None
    definitions: tuple[rules.Questionnaire, ...] | None = None

    @classmethod
    def fresh(cls) -> World:
        return cls()

    def app_arguments(self) -> dict:
        """Keyword arguments for `create_app`."""
        shipped = None if self.definitions is None else ShippedQuestionnaires(self.definitions)
        return {"translator": self.translator, "consent_texts": self.consent_texts, "questionnaires": shipped}


@cache
def shared(default_locale: str = "ru") -> World:
    """The texts parsed once for this test process."""
    translator = translator_for(default_locale)
    return World(translator=translator, consent_texts=ConsentTexts(translator), definitions=_definitions())


@cache
def translator_for(default_locale: str = "ru") -> Translator:
    return Translator(default_locale=default_locale)


@cache
def _definitions() -> tuple[rules.Questionnaire, ...]:
    return tuple(rules.load_directory(SHIPPED_DIR))


def questionnaires() -> ShippedQuestionnaires:
    """The shipped questionnaires, parsed once, in an object of their own (it remembers what it stored)."""
    return ShippedQuestionnaires(_definitions())
