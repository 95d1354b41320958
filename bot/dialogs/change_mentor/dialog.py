"""Windows: which pair (only when there are several), then the reason as free text."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Cancel, Column
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dialogs.common import buttons_expected, typed_step
from bot.dialogs.widgets import Tr, Window, choices
from bot.i18n import Localizer
from bot.states import ChangeMentor
from mentorship.entities import Actor, PairStatus
from mentorship.services import pair_changes
from mentorship.services.pair_changes import REASON_LIMIT


async def pairs_getter(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer,
                       **_: Any) -> dict[str, Any]:
    cards = await pair_changes.changeable(session, actor)
    items = []
    for card in cards:
        # A pair still waiting for consents has not been announced: its mentor is not named yet.
        if card.pair.status == PairStatus.ACTIVE and card.mentor is not None and card.mentor.full_name:
            items.append((card.pair.id, t("pair-change-choice", id=card.pair.id, mentor=card.mentor.full_name)))
        else:
            items.append((card.pair.id, t("pair-change-choice-waiting", id=card.pair.id)))
    return {"pairs": items}


async def on_start(start_data: Any, manager: DialogManager) -> None:
    pair_ids = (start_data or {}).get("pair_ids") or []
    if len(pair_ids) == 1:
        manager.dialog_data["pair_id"] = pair_ids[0]
        await manager.switch_to(ChangeMentor.reason)


async def on_pair(callback: CallbackQuery, _widget: Any, manager: DialogManager, item_id: str) -> None:
    if not item_id.isdigit():
        await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
        return
    manager.dialog_data["pair_id"] = int(item_id)
    await manager.switch_to(ChangeMentor.reason)


async def on_reason(message: Message, _widget: object, manager: DialogManager, reason: str) -> None:
    middleware = manager.middleware_data
    await pair_changes.request_change(middleware["session"], middleware["clock"], middleware["actor"],
                                      manager.dialog_data["pair_id"], reason)
    await message.answer(middleware["t"]("pair-change-sent"))
    await manager.done(show_mode=ShowMode.NO_UPDATE)


def change_mentor_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("pair-change-choose"),
            Column(choices("pair", "pairs", on_pair)),
            Cancel(Tr("btn-cancel")),
            MessageInput(buttons_expected),
            getter=pairs_getter,
            state=ChangeMentor.choose,
        ),
        Window(
            Tr("pair-change-ask", limit=REASON_LIMIT),
            Cancel(Tr("btn-cancel")),
            *typed_step("reason", pair_changes.clean_reason, on_reason),
            state=ChangeMentor.reason,
        ),
        on_start=on_start,
    )
