"""Outer middlewares, in this order: a database transaction per update, the actor (who is this), their locale.

The update is the unit of work: `DbSessionMiddleware` begins its transaction, everything the handlers, the dialogs
and the services do goes into it, and it is committed when the handling returns or rolled back when it raises
(the error handlers then answer outside it). Services never commit.

None of them writes: a background dialog update carries a user with only an id, and upserting from it would
blank names (STYLE: traps).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.types import TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Translator
from bot.storage import joined
from db.transaction import telling, unit_of_work
from mentorship.people import address_of
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
        self.in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        self.in_flight += 1
        self._idle.clear()
        try:
            async with self.semaphore:
                return await handler(event, data)
        finally:
            self.in_flight -= 1
            if not self.in_flight:
                self._idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        """For a graceful stop: wait (bounded) until no update is being handled; False if some still are."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True


class FSMLockMiddleware(FSMContextMiddleware):
    """aiogram's FSM middleware (the person's FSM context, their updates one at a time) without its read of the
    state: `DbSessionMiddleware` reads it inside the update's transaction, so that the dialog storage needs no
    connection of its own and reads every record of the update at once (bot/storage.py). Takes the dispatcher's
    place (`install`), so the lock is still taken first, before the update waits for its turn, and is held until
    its transaction is committed."""

    @classmethod
    def install(cls, dispatcher: Any) -> FSMLockMiddleware:
        old: FSMContextMiddleware = dispatcher.fsm
        new = cls(storage=old.storage, events_isolation=old.events_isolation, strategy=old.strategy)
        middlewares = dispatcher.update.outer_middleware
        if old in middlewares:
            place = list(middlewares).index(old)  # right after aiogram's event context
            middlewares.unregister(old)
            middlewares._middlewares.insert(place, new)  # noqa: SLF001 - where aiogram put its own
        dispatcher.fsm = new
        return new

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        bot: Bot = data["bot"]
        context = self.resolve_event_context(bot, data)
        data["fsm_storage"] = self.storage
        if context:
            async with self.events_isolation.lock(key=context.key):
                data["state"] = context
                return await handler(event, data)
        return await handler(event, data)


class DbSessionMiddleware(BaseMiddleware):
    """The update's transaction: handlers get `session` (and `uow`, to say what must wait for the commit).

    Committed when the handling returns, rolled back when it raises. The dialog storage joins it (bot/storage.py),
    so a dialog's state changes with the data. `uow.after_commit` runs a Telegram call only once the change it
    reports is committed."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self.session_factory = session_factory

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with unit_of_work(self.session_factory, one_connection=True) as work:
            data["session"], data["uow"] = work.session, work
            with joined(work), telling(work):
                state = data.get("state")
                if state is not None and "raw_state" not in data:  # FSMLockMiddleware left it to us
                    data["raw_state"] = await state.get_state()
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
        # «ты» to a pupil, «вы» to an adult; someone not registered yet gets what the text says by default («вы»), or
        # what the registration dialog works out from the invitation.
        address = {"you": address_of(actor.person.category)} if actor is not None and actor.person is not None else {}
        data["t"] = self.translator.bind(locale or self.translator.default_locale, **address)
        return await handler(event, data)
