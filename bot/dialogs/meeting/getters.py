"""Read-only data for the meeting windows."""

from __future__ import annotations

import html

from datetime import date
from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Localizer
from mentorship.entities import Actor
from mentorship.meetings import MeetingKind
from mentorship.services import meetings


async def pairs_getter(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, **_: Any) -> dict[str, Any]:
    pairs = await meetings.mentor_pairs(session, actor)
    people = await meetings.names(session, {i for p in pairs for i in p.mentee_person_ids})
    return {"pairs": [(p.id, ", ".join(people.get(i, "—") for i in p.mentee_person_ids)) for p in pairs]}


async def kinds_getter(t: Localizer, **_: Any) -> dict[str, Any]:
    return {"kinds": [(k.value, t(f"meeting-kind-{k.value}")) for k in MeetingKind]}


async def summary_getter(dialog_manager: DialogManager, t: Localizer, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {
        "kind": t(f"meeting-kind-{data['kind']}"), "when": f"{date.fromisoformat(data['day']):%d.%m.%Y} {data['time']}",
        "minutes": data["minutes"], "online": "yes" if data["online"] else "no", "place": data["place"],
        "logged": "yes" if data.get("logged") else "no",
    }


async def move_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"id": (dialog_manager.start_data or {}).get("move") or 0}


async def overlap_getter(dialog_manager: DialogManager, t: Localizer, **_: Any) -> dict[str, Any]:
    clashes = dialog_manager.dialog_data.get("clashes") or []
    # Each line is escaped already; the window's own translation escapes its arguments once more.
    return {"meetings": html.unescape("\n".join(
        t("meeting-overlap-line", id=c["id"], when=c["when"], minutes=c["minutes"],
          kind=t(f"meeting-kind-{c['kind']}"), **{"with": c["with"]})
        for c in clashes
    )), "count": len(clashes)}
