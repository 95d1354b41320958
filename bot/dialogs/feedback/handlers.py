"""Feedback form handlers: each answer is saved through `mentorship.services.meetings` as it is given, so a restart
mid-form loses nothing."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button

from bot.states import MeetingFeedback
from bot.views import home_keyboard
from mentorship.errors import DomainError
from mentorship.services import meetings


async def _save(manager: DialogManager, field: str, value: Any) -> None:
    middleware = manager.middleware_data
    await meetings.answer(middleware["session"], middleware["clock"], middleware["actor"],
                          manager.start_data["meeting_id"], field, value)


async def _after_comment(manager: DialogManager, answer) -> None:
    if manager.start_data.get("mentor") and manager.start_data.get("took_place") == "yes":
        await manager.switch_to(MeetingFeedback.done)
    else:
        await _finish(manager, answer)


async def _finish(manager: DialogManager, answer) -> None:
    middleware = manager.middleware_data
    await meetings.finish(middleware["session"], middleware["clock"], middleware["actor"],
                          manager.start_data["meeting_id"])
    await answer(middleware["t"]("feedback-thanks"), reply_markup=home_keyboard(middleware["t"]))
    await manager.done(show_mode=ShowMode.NO_UPDATE)


async def on_rating(callback: CallbackQuery, _w: Any, manager: DialogManager, item_id: str) -> None:
    try:
        await _save(manager, "usefulness", int(item_id) if item_id.isdigit() else 0)
    except DomainError as error:
        await callback.answer(manager.middleware_data["t"](error.key, **error.args_), show_alert=True)
        return
    await manager.switch_to(MeetingFeedback.comment)


def _text_step(field: str, then):
    async def on_text(message: Message, _w: object, manager: DialogManager, text: str | None) -> None:
        await _save(manager, field, text)
        await then(manager, message.answer)

    async def on_skip(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
        await then(manager, callback.message.answer)

    return on_text, on_skip


async def _to_next_step(manager: DialogManager, _answer) -> None:
    await manager.switch_to(MeetingFeedback.next_step)


on_comment, on_comment_skip = _text_step("comment", _after_comment)
on_done, on_done_skip = _text_step("done", _to_next_step)
on_next, on_next_skip = _text_step("next_step", _finish)
