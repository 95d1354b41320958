"""Typed text is read as typed text, even when it ends in invisible characters.

aiogram-dialog hides a reply-keyboard button's callback data in invisible characters at the end of the button's
text (zero-width joiners, word joiners, a soft hyphen…) and turns a message ending in them into a button press.
This bot sends no reply keyboards, so such a tail is only ever something a person typed or pasted; read as a
press, it reached windows that cannot answer a press made by a message, and the person got "temporary fault"
instead of the step's own refusal. The middleware drops that invisible tail before aiogram-dialog looks at the
message, so the window's text input sees what the person can see (often nothing, which it refuses clearly).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from aiogram_dialog.utils import REPLY_CALLBACK_SYMBOLS


class TypedTextMiddleware(BaseMiddleware):
    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        if isinstance(event, Update) and event.message is not None and event.message.text:
            text = event.message.text
            visible = text.rstrip(REPLY_CALLBACK_SYMBOLS)
            if visible != text:
                message = event.message.model_copy(update={"text": visible})
                event = event.model_copy(update={"message": message})
                data["event_update"] = event
        return await handler(event, data)
