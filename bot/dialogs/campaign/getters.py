"""Read-only data for the campaign windows (texts from locales; the service checks the curator)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Localizer
from mentorship.entities import Actor
from mentorship.services import surveys
from mentorship.services.organisations import get_organisation

AUDIENCES = ("mentee", "mentor", "both")


async def main(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer, **_: Any) -> dict[str, Any]:
    organisation_id = dialog_manager.dialog_data["organisation_id"]
    organisation = await get_organisation(session, organisation_id)
    zone = ZoneInfo(organisation.timezone) if organisation else None
    lines = [
        t(
            "campaign-line",
            id=line.campaign.id,
            role=t(f"campaign-role-{line.campaign.role.value}"),
            reason=t(f"campaign-reason-{line.campaign.reason.value}"),
            closes=line.campaign.closes_at.astimezone(zone).date(),
            invited=line.invited,
            answered=line.answered,
        )
        for line in await surveys.open_campaigns(session, actor, organisation_id)
    ]
    return {
        "organisation": organisation.name if organisation else "",
        "lines": "\n".join(lines),
        "has_open": bool(lines),
        "audiences": [(a, t(f"campaign-audience-{a}")) for a in AUDIENCES],
    }


async def date(dialog_manager: DialogManager, t: Localizer, **_: Any) -> dict[str, Any]:
    return {"audience": t(f"campaign-audience-{dialog_manager.dialog_data.get('audience', 'both')}")}
