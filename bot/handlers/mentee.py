"""A mentee's own pair commands: /changementor (ask the curator for another mentor)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode
from sqlalchemy.ext.asyncio import AsyncSession

from bot.filters import A_COMMAND, PRIVATE
from bot.handlers.gate import NotAwaitingConsent
from bot.states import ChangeMentor
from mentorship.entities import Actor
from mentorship.services import pair_changes


def setup() -> Router:
    router = Router(name="mentee")
    # People still waiting for consent fall through to the gate, which says what they are waiting for.
    router.message.filter(A_COMMAND, PRIVATE, NotAwaitingConsent())
    router.message.register(change_mentor, Command("changementor"))
    return router


async def change_mentor(message: Message, session: AsyncSession, actor: Actor, dialog_manager: DialogManager) -> None:
    # Refusals (not a mentee, no pair) are answered by the error handler in the person's language.
    cards = await pair_changes.changeable(session, actor)
    await dialog_manager.start(ChangeMentor.choose, data={"pair_ids": [c.pair.id for c in cards]},
                               mode=StartMode.RESET_STACK)
