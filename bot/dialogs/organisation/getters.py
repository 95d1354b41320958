"""Read-only data for the new-organisation windows."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import Localizer
from mentorship.roles import RUSSIAN_TIMEZONES, MentorshipForm, OrgKind
from mentorship.services.organisations import municipalities as known_municipalities

MUNICIPALITY_BUTTONS = 12


async def kinds(t: Localizer, **_: Any) -> dict[str, Any]:
    return {"kinds": [(k.value, t(f"org-kind-{k.value}")) for k in OrgKind]}


async def municipalities(session: AsyncSession, **_: Any) -> dict[str, Any]:
    names = (await known_municipalities(session))[:MUNICIPALITY_BUTTONS]
    return {"municipalities": list(enumerate(names)), "has_municipalities": bool(names)}


async def timezones(t: Localizer, settings: Settings, **_: Any) -> dict[str, Any]:
    zones = list(RUSSIAN_TIMEZONES)
    if settings.default_timezone not in zones:
        zones.insert(0, settings.default_timezone)
    return {"timezones": [(i, _zone_label(t, z)) for i, z in enumerate(zones)], "zone_names": zones}


def _zone_label(t: Localizer, zone: str) -> str:
    offset = datetime.now(ZoneInfo(zone)).utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset else 0
    name = t("tz-" + zone.replace("/", "-").lower()) if zone in RUSSIAN_TIMEZONES else zone
    return f"{name} (UTC{hours:+d})"


async def forms(t: Localizer, **_: Any) -> dict[str, Any]:
    return {"forms": [(f.value, t(f"form-{f.value}")) for f in MentorshipForm]}


async def summary(dialog_manager: DialogManager, t: Localizer, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    chosen = dialog_manager.find("forms").get_checked()
    return {
        "name": data["name"],
        "kind": t(f"org-kind-{data['kind']}"),
        "municipality": data["municipality"],
        "timezone": data["timezone"],
        "forms": ", ".join(t(f"form-{f}") for f in chosen) or "—",
    }
