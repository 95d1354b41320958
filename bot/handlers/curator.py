"""Curator commands (and a superadmin's /invite for staff)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode

from bot.filters import A_COMMAND, CanInvite, IsCurator, PRIVATE
from bot.states import Invite, Participants


def setup() -> Router:
    router = Router(name="curator")
    router.message.filter(A_COMMAND, PRIVATE)
    router.message.register(invite, Command("invite"), CanInvite())
    router.message.register(participants, Command("participants"), IsCurator())
    return router


async def invite(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(Invite.role, mode=StartMode.RESET_STACK)


async def invitations(message: Message, dialog_manager: DialogManager) -> None:
    """The inviter's active links (the menu's "My links"; /invite shows the same view from its first screen)."""
    await dialog_manager.start(Invite.active, data={"view": "active"}, mode=StartMode.RESET_STACK)


async def participants(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(Participants.listing, mode=StartMode.RESET_STACK)
