"""Read-only data for the broadcast windows; the preview is rendered exactly as recipients will read it."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dialogs.org_picker import ORGANISATION_ID
from bot.i18n import Localizer
from mentorship.entities import Actor
from mentorship.services import broadcasts
from mentorship.services.broadcasts import Audience

AUDIENCE = "audience"
TEXT = "text"
TOKEN = "token"


async def audiences(t: Localizer, **_: Any) -> dict[str, Any]:
    return {"audiences": [(a.value, t(f"broadcast-audience-{a.value}")) for a in Audience]}


async def text(dialog_manager: DialogManager, t: Localizer, **_: Any) -> dict[str, Any]:
    audience = dialog_manager.dialog_data.get(AUDIENCE, Audience.EVERYONE.value)
    return {"audience": t(f"broadcast-audience-{audience}"), "max": broadcasts.TEXT_MAX}


async def preview(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer,
                  **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    shown = await broadcasts.preview(session, actor, data[ORGANISATION_ID], Audience(data[AUDIENCE]), data[TEXT])
    return {
        "audience": t(f"broadcast-audience-{shown.audience.value}"),
        "count": shown.recipients,
        # Rendered through the translator, which escapes the curator's text: what they see is what people get.
        "message": t("broadcast-message", organisation=shown.organisation.name, text=shown.text),
    }
