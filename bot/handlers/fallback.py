"""Last router: whatever nobody handled gets an answer, never silence or a spinning button."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.dialogs.common import refused_command_key
from bot.filters import PRIVATE, Magic
from bot.i18n import Localizer
from bot.views import home_keyboard


def setup() -> Router:
    router = Router(name="fallback")
    router.message.register(on_command, PRIVATE, Magic(F.text.startswith("/")))
    router.message.register(on_anything, PRIVATE)
    router.callback_query.register(on_callback)
    return router


async def on_command(message: Message, t: Localizer) -> None:
    await message.answer(t(refused_command_key(message.text)), reply_markup=home_keyboard(t))


async def on_anything(message: Message, t: Localizer) -> None:
    await message.answer(t("fallback-not-understood"), reply_markup=home_keyboard(t))


async def on_callback(callback: CallbackQuery, t: Localizer) -> None:
    await callback.answer(t("error-stale-button"), show_alert=True)
