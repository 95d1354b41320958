"""Central error handling: domain errors become kind answers, stale dialogs restart, the rest says "try again".

A database outage gets words too: "please try again in a minute", within the database's timeouts (a few seconds),
even when handling the error fails as well — aiogram-dialog's error middleware reads the dialog stack from the
storage, which is the database by default, and raised `KeyError: 'aiogd_context'` from its cleanup, so no error
handler ran and the person heard nothing. `ErrorFallbackMiddleware` wraps all error handling and answers then.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot, Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent
from aiogram_dialog.api.exceptions import OutdatedIntent, UnknownIntent, UnknownState
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from bot.edit_guard import reopened
from bot.i18n import Localizer, Translator
from mentorship.errors import DomainError

log = logging.getLogger(__name__)

#: Data key holding a list that gets an item once the person has been answered about the failure.
ANSWERED_KEY = "error_answered"


def setup() -> Router:
    router = Router(name="errors")
    router.errors.register(on_domain_error, ExceptionTypeFilter(DomainError))
    router.errors.register(on_stale_dialog, ExceptionTypeFilter(UnknownIntent, OutdatedIntent, UnknownState))
    router.errors.register(on_unexpected)
    return router


def is_database_outage(error: BaseException | None) -> bool:
    """The database is locked, restarting or unreachable (not a bug in a query): worth "try again in a minute"."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DBAPIError) and (error.connection_invalidated or isinstance(error, OperationalError)):
            return True
        if isinstance(error, (PoolTimeoutError, OSError, asyncio.TimeoutError)):
            return True
        if type(error).__module__.startswith("asyncpg") and "Connection" in type(error).__name__:
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


class ErrorFallbackMiddleware(BaseMiddleware):
    """Outer middleware of the dispatcher's errors: if handling a failure fails too, the person still gets the
    "try again" answer (once), and the process goes on."""

    async def __call__(
        self, handler: Callable[[ErrorEvent, dict[str, Any]], Awaitable[Any]], event: ErrorEvent, data: dict[str, Any]
    ) -> Any:
        answered: list[bool] = []
        data[ANSWERED_KEY] = answered
        # aiogram handles errors outside the update's middlewares: give the error path the failed update's view of
        # the chat again, so it never edits a message into what that update already made of it (bot/edit_guard.py).
        with reopened(event.exception):
            return await self._handle(handler, event, data, answered)

    @staticmethod
    async def _handle(
        handler: Callable[[ErrorEvent, dict[str, Any]], Awaitable[Any]], event: ErrorEvent, data: dict[str, Any],
        answered: list[bool],
    ) -> Any:
        try:
            return await handler(event, data)
        except Exception as failure:  # noqa: BLE001 - the error path itself failed: answer, never stay silent
            log.warning(
                "error handling failed update_id=%s error=%s while=%s",
                event.update.update_id, type(event.exception).__name__, type(failure).__name__,
            )
            if not answered:
                rest = {k: v for k, v in data.items() if k != "bot"}
                await on_unexpected(event, data["bot"], **rest)
            return True


def _localizer(event: ErrorEvent, data: dict) -> Localizer:
    t = data.get("t")
    if t is not None:
        return t
    # The failure came before the i18n middleware ran (e.g. the database is down): use Telegram's language.
    translator: Translator = data["translator"]
    user = data.get("event_from_user")
    return translator.bind(user.language_code if user else translator.default_locale)


async def _reply(event: ErrorEvent, bot: Bot, text: str, data: dict | None = None) -> None:
    update = event.update
    if update.callback_query is not None:
        await update.callback_query.answer(text[:200], show_alert=True)
    elif update.message is not None:
        await bot.send_message(update.message.chat.id, text)
    if data is not None and isinstance(data.get(ANSWERED_KEY), list):
        data[ANSWERED_KEY].append(True)


async def on_domain_error(event: ErrorEvent, bot: Bot, **data) -> None:
    error: DomainError = event.exception  # type: ignore[assignment]
    t = _localizer(event, data)
    await _reply(event, bot, t(error.key, **error.args_), data)


#: Marks an update being handled a second time, so a repair that does not help cannot loop.
RETRY_KEY = "stale_dialog_retry"


async def on_stale_dialog(event: ErrorEvent, bot: Bot, **data) -> None:
    log.info("stale dialog update_id=%s error=%s", event.update.update_id, type(event.exception).__name__)
    # aiogram-dialog keeps its stack and each dialog's context as separate records; a crash between the two
    # writes leaves a stack pointing at nothing. Its error middleware has reset that stack by now, so something
    # the person typed (a command, an answer) is handled once more instead of being lost. A pressed button
    # belonged to the broken dialog and cannot be replayed.
    if event.update.message is not None and not data.get(RETRY_KEY):
        await data["dispatcher"].feed_update(bot, event.update, **{RETRY_KEY: True})
        return
    await _reply(event, bot, _localizer(event, data)("error-stale-dialog"), data)


async def on_unexpected(event: ErrorEvent, bot: Bot, **data) -> None:
    outage = is_database_outage(event.exception)
    if outage:
        # Not a bug: no traceback, the type says enough (and it is the same for every update meanwhile).
        log.warning("update failed: database unavailable update_id=%s error=%s",
                    event.update.update_id, type(event.exception).__name__)
    else:
        # Ids only in logs: the exception message could carry what a person typed, so log its type and traceback.
        log.error(
            "update failed update_id=%s error=%s",
            event.update.update_id,
            type(event.exception).__name__,
            exc_info=(type(event.exception), event.exception, event.exception.__traceback__),
        )
    t = _localizer(event, data)
    try:
        await _reply(event, bot, t("error-database-unavailable" if outage else "error-try-again"), data)
    except Exception as failure:  # noqa: BLE001 - the answer itself failed (Telegram down); nothing more to do
        log.warning("could not tell the user about the failure update_id=%s error=%s",
                    event.update.update_id, type(failure).__name__)
