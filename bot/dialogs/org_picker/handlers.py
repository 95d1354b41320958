"""The picker's choice, checked again against what the person may choose (a forged or stale press changes
nothing and is answered in words), and the two ends a dialog that asks uses: `ask_organisation`, `picked`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Select

from bot.callbacks import row_id
from bot.dialogs.org_picker.getters import ORGANISATION_ID, Question, is_picker, organisations_among
from bot.states import OrgPicker

OnChosen = Callable[[DialogManager, int], Awaitable[None]]
OnResult = Callable[[Any, Any, DialogManager], Awaitable[None]]


async def on_organisation(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    m = manager.middleware_data
    question = Question.of(manager.start_data)
    organisation_id = row_id(item_id)
    offered = {i for i, _ in await organisations_among(m["session"], m["actor"], question.among)}
    if organisation_id not in offered:
        await callback.answer(m["t"]("error-not-allowed"), show_alert=True)
        manager.show_mode = ShowMode.NO_UPDATE
        return
    await manager.done({ORGANISATION_ID: organisation_id})


async def on_leave(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    """Leaving the picker leaves the dialog that asked as well: it has no organisation to work in. Both close here,
    the picker without a result (a dialog cannot close itself from its `on_process_result`)."""
    question = Question.of(manager.start_data)
    await manager.mark_closed()
    await manager.done()
    if question.left is not None:
        await callback.message.answer(manager.middleware_data["t"](question.left))


async def _go_on(_manager: DialogManager, _organisation_id: int) -> None:
    """The dialog's first window needs nothing more than the organisation in its dialog data."""


async def ask_organisation(manager: DialogManager, question: Question, on_chosen: OnChosen = _go_on) -> None:
    """For a dialog's `on_start`: with exactly one organisation to choose from, it is chosen (`on_chosen` at once,
    the picker never shows); otherwise the picker opens on top, and the choice comes back through `picked`."""
    m = manager.middleware_data
    offered = await organisations_among(m["session"], m["actor"], question.among)
    if len(offered) == 1:
        manager.dialog_data[ORGANISATION_ID] = offered[0][0]
        await on_chosen(manager, offered[0][0])
        return
    await manager.start(OrgPicker.choose, data=question.start_data())


def picked(on_chosen: OnChosen = _go_on, otherwise: OnResult | None = None) -> OnResult:
    """The `on_process_result` of a dialog that asks: the organisation chosen goes into its dialog data and
    `on_chosen` runs; the results of the dialog's other subdialogs go to `otherwise`."""

    async def on_process_result(start_data: Any, result: Any, manager: DialogManager) -> None:
        if not is_picker(start_data):
            if otherwise is not None:
                await otherwise(start_data, result, manager)
            return
        organisation_id = result.get(ORGANISATION_ID) if isinstance(result, dict) else None
        if not isinstance(organisation_id, int):
            return
        manager.dialog_data[ORGANISATION_ID] = organisation_id
        await on_chosen(manager, organisation_id)

    return on_process_result
