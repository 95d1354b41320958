"""Read-only data for the pair list and card."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dialogs.org_picker import ORGANISATION_ID
from bot.i18n import Localizer
from bot.pair_texts import fit, pair_label, render
from mentorship.entities import Actor, PairStatus
from mentorship.services import pairs
from mentorship.services.questionnaires import ShippedQuestionnaires

#: start_data["view"]: proposals waiting for a decision (/pending) or every decided pair (/pairs).
PENDING, DECIDED = "pending", "pairs"


async def listing(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer,
                  **_: Any) -> dict[str, Any]:
    organisation_id = dialog_manager.dialog_data[ORGANISATION_ID]
    if (dialog_manager.start_data or {}).get("view") == PENDING:
        cards = await pairs.pending(session, actor, organisation_id)
        heading = t("pair-pending", count=len(cards))
    else:
        cards = await pairs.list_pairs(session, actor, organisation_id)
        live = sum(1 for c in cards if c.pair.status in (PairStatus.APPROVED, PairStatus.ACTIVE))  # not suspended
        heading = t("pair-list", count=len(cards), live=live)
    return {"heading": heading, "pairs": [(c.pair.id, pair_label(c, t)) for c in cards], "any": bool(cards)}


async def pair_card(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer,
                    questionnaires: ShippedQuestionnaires, **_: Any) -> dict[str, Any]:
    card = await pairs.card(session, actor, dialog_manager.dialog_data["pair_id"])
    return {
        "body": fit(render(card, t, questionnaires)),
        "this_pair": [(card.pair.id,)],
        "proposed": card.pair.status == PairStatus.PROPOSED,
        "live": card.pair.status.live,
    }
