"""Helpers the dialogs share: reading a text answer safely and reporting a rule's refusal."""

from __future__ import annotations

from aiogram.types import Message
from aiogram_dialog import DialogManager

from bot.i18n import Localizer
from mentorship.errors import DomainError

TEXT_INPUT_MAX = 4096


async def text_or_complain(message: Message, manager: DialogManager) -> str | None:
    """The message's text, or None after telling the person we need text (a sticker, a photo, a command)."""
    t: Localizer = manager.middleware_data["t"]
    if message.text is None:
        await message.answer(t("input-text-expected"))
        return None
    if message.text.startswith("/"):
        await message.answer(t("input-command-in-dialog"))
        return None
    if len(message.text) > TEXT_INPUT_MAX:
        await message.answer(t("input-too-long"))
        return None
    return message.text


async def complain(message: Message, manager: DialogManager, error: DomainError) -> None:
    t: Localizer = manager.middleware_data["t"]
    await message.answer(t(error.key, **error.args_))


async def buttons_expected(message: Message, _widget: object, manager: DialogManager) -> None:
    """Typed text or a sticker where the window waits for a button: say so, then show the window again."""
    t: Localizer = manager.middleware_data["t"]
    command = message.text is not None and message.text.startswith("/")
    await message.answer(t("input-command-in-dialog" if command else "input-use-buttons"))
