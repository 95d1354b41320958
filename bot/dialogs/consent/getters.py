"""Read-only data for the consent windows: the first consent still to be asked, rendered in the viewer's language."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consent_texts import ConsentTexts
from bot.i18n import Localizer
from mentorship.clock import Clock
from mentorship.consent import GivenBy
from mentorship.entities import Actor
from mentorship.services.consents import situation


async def current_ask(dialog_manager: DialogManager, session: AsyncSession, clock: Clock, actor: Actor,
                      consent_texts: ConsentTexts, t: Localizer, **_: Any) -> dict[str, Any]:
    organisation_id = dialog_manager.start_data["organisation_id"]
    current = await situation(session, clock, actor.person, organisation_id)
    asks = current.ask_self(consent_texts.versions)
    total = len([r for r in current.needed if r.by == GivenBy.SELF])
    if not asks:
        return {"summary": t("consent-all-done"), "full": "", "title": "", "choices": [], "step": "", "has_ask": False}
    requirement = asks[0]
    kind = requirement.kind
    args = {"organisation": current.organisation.name}
    agree, decline = ("consent-agree", "consent-decline") if requirement.required else ("consent-allow", "consent-disallow")
    return {
        "title": t(f"consent-{kind.value}-title"),
        "summary": consent_texts.render(t.locale, kind, GivenBy.SELF, "summary", **args),
        "full": consent_texts.render(t.locale, kind, GivenBy.SELF, "full", **args),
        "step": t("consent-step", current=total - len(asks) + 1, total=total),
        "choices": [(f"y{kind.value}", t(agree)), (f"n{kind.value}", t(decline))],
        "has_ask": True,
        "required": requirement.required,
    }
