"""/privacy opens the privacy dialog for anyone registered."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode

from bot.i18n import Localizer
from bot.states import Privacy
from mentorship.entities import Actor


def setup() -> Router:
    router = Router(name="privacy")
    router.message.filter(F.chat.type == "private")
    router.message.register(privacy, Command("privacy"))
    return router


async def privacy(message: Message, actor: Actor, t: Localizer, dialog_manager: DialogManager) -> None:
    if actor.person is None:
        await message.answer(t("privacy-nothing-stored"))
        return
    await dialog_manager.start(Privacy.main, mode=StartMode.RESET_STACK)
