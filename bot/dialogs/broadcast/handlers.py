"""Broadcast input: the service checks the curator and the text, and queues the messages on "send"."""

from __future__ import annotations

import secrets
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Select

from bot.dialogs.broadcast.getters import AUDIENCE, TEXT, TOKEN
from bot.dialogs.org_picker import ORGANISATION_ID, Question, ask_organisation
from bot.states import Broadcast
from mentorship.errors import DomainError
from mentorship.services import broadcasts
from mentorship.services.broadcasts import Audience


async def on_start(start_data: Any, manager: DialogManager) -> None:
    # One token per composition: a second press of "send" (or a replayed callback) queues nothing new.
    manager.dialog_data[TOKEN] = secrets.token_urlsafe(12)
    await ask_organisation(manager, Question(ask="broadcast-ask-organisation", cancel="btn-cancel",
                                             left="broadcast-cancelled"))


async def on_audience(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    if item_id not in {a.value for a in Audience}:
        await callback.answer(manager.middleware_data["t"]("error-stale-button"), show_alert=True)
        return
    manager.dialog_data[AUDIENCE] = item_id
    await manager.switch_to(Broadcast.preview if manager.dialog_data.get(TEXT) else Broadcast.text)


async def on_text(_message: Message, _widget: object, manager: DialogManager, text: str) -> None:
    manager.dialog_data[TEXT] = text
    await manager.switch_to(Broadcast.preview, show_mode=ShowMode.SEND)


async def on_send(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    t = middleware["t"]
    data = manager.dialog_data
    try:
        queued = await broadcasts.send(
            middleware["session"], middleware["clock"], middleware["actor"], data[ORGANISATION_ID],
            Audience(data[AUDIENCE]), data[TEXT], data[TOKEN],
        )
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        return
    await callback.answer()
    await manager.done()
    await callback.message.answer(t("broadcast-sent", count=queued))


async def on_cancel(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await callback.answer()
    await manager.done()
    await callback.message.answer(manager.middleware_data["t"]("broadcast-cancelled"))
