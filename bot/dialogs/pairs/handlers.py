"""Pair list and card handlers: opening a card checks it through the pairs service first (a forged id, another
organisation's pair), and each action starts the decision subdialog for the pair its button names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Select
from aiogram_dialog.widgets.kbd.select import OnItemClick

from bot.callbacks import row_id
from bot.dialogs.cards import NOTICE
from bot.dialogs.org_picker import CURATION, ask_organisation
from bot.dialogs.pair_decision import start_decision
from bot.states import PairCards, PairDecision
from mentorship.entities import PairStatus
from mentorship.errors import DomainError
from mentorship.services import pairs


async def on_start(start_data: Any, manager: DialogManager) -> None:
    data = start_data if isinstance(start_data, dict) else {}
    if data.get("pair_id") is not None:  # opened at one pair's card (a proposal just made from the registry)
        manager.dialog_data["pair_id"] = int(data["pair_id"])
        if isinstance(data.get(NOTICE), str):
            manager.dialog_data[NOTICE] = data[NOTICE]
        await manager.switch_to(PairCards.card)
        return
    await ask_organisation(manager, CURATION)


async def _refuse(callback: CallbackQuery, manager: DialogManager, error: DomainError) -> None:
    await callback.answer(manager.middleware_data["t"](error.key, **error.args_), show_alert=True)
    manager.show_mode = ShowMode.NO_UPDATE


async def _checked(callback: CallbackQuery, manager: DialogManager, item_id: str) -> pairs.PairCard | None:
    """The pair a button names, read again through the service; None (and the press answered) if it is forged,
    gone or not the curator's."""
    pair_id = row_id(item_id)
    if pair_id is None:
        await _refuse(callback, manager, DomainError("error-stale-button"))
        return None
    m = manager.middleware_data
    try:
        return await pairs.card(m["session"], m["actor"], pair_id)
    except DomainError as error:
        await _refuse(callback, manager, error)
        return None


async def on_pair(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    card = await _checked(callback, manager, item_id)
    if card is not None:
        manager.dialog_data["pair_id"] = card.pair.id
        await manager.switch_to(PairCards.card)


def _decision(state: State, ready: Callable[[PairStatus], bool], refusal_key: str) -> OnItemClick:
    """A card's action: check the pair again, then open the decision subdialog that asks what it needs."""

    async def on_click(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
        card = await _checked(callback, manager, item_id)
        if card is None:
            return
        if not ready(card.pair.status):
            # Decided or ended meanwhile (by another curator, or by this one a moment ago): say so; the card is
            # shown again as the pair is now.
            await callback.answer(manager.middleware_data["t"](refusal_key, id=card.pair.id), show_alert=True)
            return
        await start_decision(manager, state, card.pair.id)

    return on_click


def _proposed(status: PairStatus) -> bool:
    return status == PairStatus.PROPOSED


def _live(status: PairStatus) -> bool:
    return status.live


on_approve = _decision(PairDecision.approve, _proposed, "pair-not-proposed")
on_reject = _decision(PairDecision.reject, _proposed, "pair-not-proposed")
on_end = _decision(PairDecision.end, _live, "pair-not-live")
on_complete = _decision(PairDecision.complete, _live, "pair-not-live")


async def on_back(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    if (manager.start_data or {}).get("pair_id") is not None:
        await manager.done()  # back where the card was opened from
    else:
        await manager.switch_to(PairCards.listing)
