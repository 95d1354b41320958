"""Outer middlewares, in this order: a database session per update, the actor (who is this), their locale.

None of them writes: a background dialog update carries a user with only an id, and upserting from it would
blank names (STYLE: traps).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Translator
from bot.storage import PersonalDialogs
from mentorship.services.people import load_actor

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
LOCALE_KEY = "locale"


class ConcurrencyLimitMiddleware(BaseMiddleware):
    """At most `limit` updates are handled at once; the rest wait their turn in memory.

    Polling starts a task per update and a webhook a request per update, with no bound of their own: a class
    opening one invitation link together, or the backlog after a restart, would otherwise ask the database pool
    for more connections than it has.
    """

    def __init__(self, limit: int) -> None:
        self.semaphore = asyncio.Semaphore(limit)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with self.semaphore:
            return await handler(event, data)


class ForgetDialogsAfterUpdate(BaseMiddleware):
    """Erasure forgets a person's dialogs inside its transaction, but aiogram-dialog writes the stack of the dialog
    that did it back to storage as the update ends. Handlers put the Telegram id in
    `forget_dialogs_after_update`; once everything else (and the commit) is done, this sweeps the storage again."""

    def __init__(self, storage: PersonalDialogs) -> None:
        self.storage = storage

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        forget: set[int] = set()
        data["forget_dialogs_after_update"] = forget
        try:
            return await handler(event, data)
        finally:
            for user_id in forget:
                await self.storage.forget_user(user_id)


class DbSessionMiddleware(BaseMiddleware):
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self.session_factory = session_factory

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with self.session_factory() as session:
            data["session"] = session
            return await handler(event, data)


class ActorMiddleware(BaseMiddleware):
    def __init__(self, admin_ids: frozenset[int]) -> None:
        self.admin_ids = admin_ids

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is not None:
            data["actor"] = await load_actor(data["session"], user.id, self.admin_ids)
        return await handler(event, data)


class I18nMiddleware(BaseMiddleware):
    """A registered person's stored language; else the one they chose before registering; else Telegram's."""

    def __init__(self, translator: Translator) -> None:
        self.translator = translator

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        actor = data.get("actor")
        user: User | None = data.get("event_from_user")
        locale: str | None = None
        if actor is not None and actor.person is not None:
            locale = actor.person.locale
        elif user is not None:
            state = data.get("state")
            if state is not None:
                locale = (await state.get_data()).get(LOCALE_KEY)
            locale = locale or user.language_code
        data["t"] = self.translator.bind(locale or self.translator.default_locale)
        return await handler(event, data)
