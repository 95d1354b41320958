"""Last router: whatever nobody handled gets an answer, never silence or a spinning button."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.commands import COMMANDS
from bot.i18n import Localizer

_KNOWN = {c.name for c in COMMANDS}


def setup() -> Router:
    router = Router(name="fallback")
    router.message.register(on_command, F.chat.type == "private", F.text.startswith("/"))
    router.message.register(on_anything, F.chat.type == "private")
    router.callback_query.register(on_callback)
    return router


async def on_command(message: Message, t: Localizer) -> None:
    name = message.text.split()[0][1:].split("@")[0].lower()
    await message.answer(t("command-not-allowed" if name in _KNOWN else "command-unknown"))


async def on_anything(message: Message, t: Localizer) -> None:
    await message.answer(t("fallback-not-understood"))


async def on_callback(callback: CallbackQuery, t: Localizer) -> None:
    await callback.answer(t("error-stale-button"), show_alert=True)
