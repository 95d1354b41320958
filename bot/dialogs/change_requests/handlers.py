"""Change request handlers: each decision is one call of the pair change service (the same the old buttons of
/requests make), which checks the curator and the request's state again."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Select

from bot.callbacks import row_id
from bot.dialogs.cards import NOTICE
from bot.dialogs.org_picker import CURATION, ORGANISATION_ID, ask_organisation
from bot.dialogs.pair_decision import start_decision
from bot.states import ChangeRequests, PairDecision
from mentorship.errors import DomainError
from mentorship.services import pair_changes, pairs


async def on_start(_start_data: Any, manager: DialogManager) -> None:
    await ask_organisation(manager, CURATION)


async def _refuse(callback: CallbackQuery, manager: DialogManager, key: str, **args: Any) -> None:
    await callback.answer(manager.middleware_data["t"](key, **args)[:200], show_alert=True)
    manager.show_mode = ShowMode.NO_UPDATE


async def on_request(callback: CallbackQuery, _w: Select, manager: DialogManager, item_id: str) -> None:
    m = manager.middleware_data
    request_id = row_id(item_id)
    if request_id is None:
        await _refuse(callback, manager, "error-stale-button")
        return
    try:
        cards = await pair_changes.open_requests(m["session"], m["actor"], manager.dialog_data[ORGANISATION_ID])
    except DomainError as error:
        await _refuse(callback, manager, error.key, **error.args_)
        return
    if not any(c.request.id == request_id for c in cards):
        await _refuse(callback, manager, "pair-change-decided", id=request_id)
        manager.show_mode = ShowMode.EDIT  # the list is shown again without it
        return
    manager.dialog_data["request_id"] = request_id
    await manager.switch_to(ChangeRequests.card)


async def _resolve(callback: CallbackQuery, manager: DialogManager, item_id: str, end_pair: bool) -> None:
    m = manager.middleware_data
    t = m["t"]
    request_id = row_id(item_id)
    if request_id is None:
        await _refuse(callback, manager, "error-stale-button")
        return
    try:
        request = await pair_changes.resolve(m["session"], m["clock"], m["actor"], request_id, end_pair=end_pair)
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_)[:200], show_alert=True)
        return  # the card is shown again as the request is now
    done = t("pair-change-ended" if end_pair else "pair-change-kept-curator", id=request.id, pair=request.pair_id)
    await callback.answer(done[:200])
    manager.dialog_data[NOTICE] = done
    await manager.switch_to(ChangeRequests.listing)


async def on_end(callback: CallbackQuery, _w: Select, manager: DialogManager, item_id: str) -> None:
    await _resolve(callback, manager, item_id, end_pair=True)


async def on_keep(callback: CallbackQuery, _w: Select, manager: DialogManager, item_id: str) -> None:
    await _resolve(callback, manager, item_id, end_pair=False)


async def on_end_with_reason(callback: CallbackQuery, _w: Select, manager: DialogManager, item_id: str) -> None:
    m = manager.middleware_data
    pair_id = row_id(item_id)
    if pair_id is None:
        await _refuse(callback, manager, "error-stale-button")
        return
    try:
        card = await pairs.card(m["session"], m["actor"], pair_id)
    except DomainError as error:
        await _refuse(callback, manager, error.key, **error.args_)
        return
    if not card.pair.status.live:
        await _refuse(callback, manager, "pair-not-live", id=pair_id)
        return
    await start_decision(manager, PairDecision.end, pair_id)
