"""Superadmin commands: /neworg, /orgs. The router's filter admits only ADMIN_IDS; others reach the fallback."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import A_COMMAND, IsSuperadmin, PRIVATE
from bot.i18n import Localizer
from bot.states import NewOrganisation
from bot.views import organisations_text
from mentorship.entities import Actor


def setup() -> Router:
    router = Router(name="admin")
    router.message.filter(A_COMMAND, PRIVATE, IsSuperadmin())
    router.message.register(new_organisation, Command("neworg"))
    router.message.register(list_organisations, Command("orgs"))
    return router


async def new_organisation(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(NewOrganisation.name, mode=StartMode.RESET_STACK)


async def list_organisations(message: Message, t: Localizer, session: AsyncSession, actor: Actor) -> None:
    await message.answer(await organisations_text(t, session, actor))
