"""Plan handlers: each change goes through one call of the plans service, which checks the mentor again (so a
forged button — another pair's goal, a reader pressing an editor's button — changes nothing)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Select

from bot.states import Plan
from mentorship import plans as rules
from mentorship.errors import DomainError
from mentorship.plans import GoalStatus
from mentorship.services import plans


def _deps(manager: DialogManager) -> tuple[Any, Any, Any, Any]:
    m = manager.middleware_data
    return m["session"], m["clock"], m["actor"], m["t"]


async def _refuse(callback: CallbackQuery, manager: DialogManager, error: DomainError) -> None:
    await callback.answer(manager.middleware_data["t"](error.key, **error.args_), show_alert=True)
    manager.show_mode = ShowMode.NO_UPDATE  # the window is as it was: nothing to edit


async def on_start(start_data: Any, manager: DialogManager) -> None:
    data = start_data or {}
    manager.dialog_data["pair_ids"] = list(data.get("pair_ids", []))
    if data.get("pair_id") is not None:
        manager.dialog_data["pair_id"] = int(data["pair_id"])
        await manager.switch_to(Plan.goals)


async def on_pair(callback: CallbackQuery, _w: Select, manager: DialogManager, item_id: str) -> None:
    session, _clock, actor, _t = _deps(manager)
    if not item_id.isdigit() or int(item_id) not in manager.dialog_data.get("pair_ids", []):
        await _refuse(callback, manager, DomainError("plan-not-yours"))
        return
    try:
        await plans.about(session, actor, int(item_id))
    except DomainError as error:
        await _refuse(callback, manager, error)
        return
    manager.dialog_data["pair_id"] = int(item_id)
    await manager.switch_to(Plan.goals)


async def on_goal(callback: CallbackQuery, _w: Select, manager: DialogManager, item_id: str) -> None:
    session, _clock, actor, _t = _deps(manager)
    try:
        if not item_id.isdigit():
            raise DomainError("plan-goal-not-found")
        found, _goal = await plans.goal(session, actor, manager.dialog_data["pair_id"], int(item_id))
        if not found.can_edit:
            raise DomainError("plan-read-only")
    except DomainError as error:
        await _refuse(callback, manager, error)
        return
    manager.dialog_data["goal_id"] = int(item_id)
    await manager.switch_to(Plan.goal)


async def on_add(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    # The button is hidden from viewers, but a hidden button's data still arrives if someone sends it.
    session, _clock, actor, _t = _deps(manager)
    try:
        found = await plans.plan(session, actor, manager.dialog_data["pair_id"])
        if not found.about.can_edit:
            raise DomainError("plan-read-only")
    except DomainError as error:
        await _refuse(callback, manager, error)
        return
    manager.dialog_data.pop("goal_id", None)
    manager.dialog_data.pop("new_title", None)
    await manager.switch_to(Plan.add_title)


def due_rule(manager: DialogManager) -> Callable[[str], date]:
    return partial(rules.parse_due, today=manager.middleware_data["clock"].now().date())


async def on_new_title(_message: Message, _w: object, manager: DialogManager, title: str) -> None:
    manager.dialog_data["new_title"] = title
    await manager.switch_to(Plan.add_due)


async def _add(manager: DialogManager, due: date | None) -> None:
    session, clock, actor, _t = _deps(manager)
    await plans.add_goal(session, clock, actor, manager.dialog_data["pair_id"], manager.dialog_data["new_title"], due)
    manager.dialog_data.pop("new_title")


async def on_new_due(message: Message, _w: object, manager: DialogManager, due: date) -> None:
    await _add(manager, due)
    await message.answer(manager.middleware_data["t"]("plan-goal-added"))
    await manager.switch_to(Plan.goals)


async def on_new_without_due(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    try:
        await _add(manager, None)
    except DomainError as error:
        await _refuse(callback, manager, error)
        return
    await callback.answer(manager.middleware_data["t"]("plan-goal-added"))
    await manager.switch_to(Plan.goals)


async def on_status(callback: CallbackQuery, _w: Select, manager: DialogManager, item_id: str) -> None:
    session, clock, actor, t = _deps(manager)
    try:
        status = GoalStatus(item_id)
    except ValueError:
        await _refuse(callback, manager, DomainError("error-invalid-input"))
        return
    try:
        await plans.set_status(session, clock, actor, manager.dialog_data["pair_id"], manager.dialog_data["goal_id"], status)
    except DomainError as error:
        await _refuse(callback, manager, error)
        return
    await callback.answer(t(f"plan-status-set-{status.value}"))
    await manager.switch_to(Plan.goals)


async def on_edit_title(_message: Message, _w: object, manager: DialogManager, title: str) -> None:
    session, clock, actor, _t = _deps(manager)
    await plans.rename(session, clock, actor, manager.dialog_data["pair_id"], manager.dialog_data["goal_id"], title)
    await manager.switch_to(Plan.goal)


async def _set_due(manager: DialogManager, due: date | None) -> None:
    session, clock, actor, _t = _deps(manager)
    await plans.set_due(session, clock, actor, manager.dialog_data["pair_id"], manager.dialog_data["goal_id"], due)
    await manager.switch_to(Plan.goal)


async def on_edit_due(_message: Message, _w: object, manager: DialogManager, due: date) -> None:
    await _set_due(manager, due)


async def on_clear_due(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    try:
        await _set_due(manager, None)
    except DomainError as error:
        await _refuse(callback, manager, error)


async def _move(callback: CallbackQuery, manager: DialogManager, step: int) -> None:
    session, clock, actor, _t = _deps(manager)
    try:
        await plans.move(session, clock, actor, manager.dialog_data["pair_id"], manager.dialog_data["goal_id"], step)
    except DomainError as error:
        await _refuse(callback, manager, error)


async def on_up(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await _move(callback, manager, -1)


async def on_down(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await _move(callback, manager, 1)


async def on_delete(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    session, clock, actor, t = _deps(manager)
    try:
        await plans.delete(session, clock, actor, manager.dialog_data["pair_id"], manager.dialog_data.pop("goal_id"))
    except DomainError as error:
        await _refuse(callback, manager, error)
        return
    await callback.answer(t("plan-goal-deleted"))
    await manager.switch_to(Plan.goals)
