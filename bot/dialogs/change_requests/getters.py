"""Read-only data for the change request list and card."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dialogs.org_picker import ORGANISATION_ID
from bot.i18n import Localizer
from bot.pair_texts import fit, person_name, request_text, shorten_label
from mentorship.entities import Actor
from mentorship.services import pair_changes
from mentorship.services.questionnaires import ShippedQuestionnaires


async def listing(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer,
                  **_: Any) -> dict[str, Any]:
    cards = await pair_changes.open_requests(session, actor, dialog_manager.dialog_data[ORGANISATION_ID])
    # Button labels are plain text: the name goes in as it is (Telegram does not parse a button's text).
    items = [
        (c.request.id, shorten_label(f"№{c.request.id} · {person_name(c.mentee, t)} · "
                                     + t("pair-change-item-pair", pair=c.request.pair_id)))
        for c in cards
    ]
    return {"heading": t("pair-change-list", count=len(cards)), "requests": items}


async def request_card(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer,
                       questionnaires: ShippedQuestionnaires, **_: Any) -> dict[str, Any]:
    request_id = dialog_manager.dialog_data["request_id"]
    cards = await pair_changes.open_requests(session, actor, dialog_manager.dialog_data[ORGANISATION_ID])
    card = next((c for c in cards if c.request.id == request_id), None)
    if card is None:  # decided meanwhile, here or by another curator
        return {"body": t("pair-change-decided", id=request_id), "open": False, "this_request": [], "this_pair": []}
    return {
        "body": fit(request_text(card, t, questionnaires)),
        "open": True,
        "this_request": [(card.request.id,)],
        "this_pair": [(card.request.pair_id,)],
    }
