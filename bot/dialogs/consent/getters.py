"""Read-only data for the consent windows: the first consent still to be asked, rendered in the viewer's language."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consent_texts import ConsentTexts
from bot.dialogs.document import NO_DOCUMENT, document_view
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
        return {**NO_DOCUMENT, "summary": t("consent-all-done")}
    return document_view(t, consent_texts, asks[0], GivenBy.SELF, {"organisation": current.organisation.name},
                         current=total - len(asks) + 1, total=total)
