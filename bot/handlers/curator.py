"""Curator commands (and a superadmin's /invite for staff)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode

from bot.filters import CanInvite
from bot.states import Invite


def setup() -> Router:
    router = Router(name="curator")
    router.message.filter(F.chat.type == "private", CanInvite())
    router.message.register(invite, Command("invite"))
    return router


async def invite(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(Invite.organisation, mode=StartMode.RESET_STACK)
