"""Central error handling: domain errors become kind answers, stale dialogs restart, the rest says "try again"."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent
from aiogram_dialog.api.exceptions import OutdatedIntent, UnknownIntent, UnknownState

from bot.i18n import Localizer, Translator
from mentorship.errors import DomainError

log = logging.getLogger(__name__)


def setup() -> Router:
    router = Router(name="errors")
    router.errors.register(on_domain_error, ExceptionTypeFilter(DomainError))
    router.errors.register(on_stale_dialog, ExceptionTypeFilter(UnknownIntent, OutdatedIntent, UnknownState))
    router.errors.register(on_unexpected)
    return router


def _localizer(event: ErrorEvent, data: dict) -> Localizer:
    t = data.get("t")
    if t is not None:
        return t
    # The failure came before the i18n middleware ran (e.g. the database is down): use Telegram's language.
    translator: Translator = data["translator"]
    user = data.get("event_from_user")
    return translator.bind(user.language_code if user else translator.default_locale)


async def _reply(event: ErrorEvent, bot: Bot, text: str) -> None:
    update = event.update
    if update.callback_query is not None:
        await update.callback_query.answer(text[:200], show_alert=True)
    elif update.message is not None:
        await bot.send_message(update.message.chat.id, text)


async def on_domain_error(event: ErrorEvent, bot: Bot, **data) -> None:
    error: DomainError = event.exception  # type: ignore[assignment]
    t = _localizer(event, data)
    await _reply(event, bot, t(error.key, **error.args_))


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
    await _reply(event, bot, _localizer(event, data)("error-stale-dialog"))


async def on_unexpected(event: ErrorEvent, bot: Bot, **data) -> None:
    # Ids only in logs: the exception message could carry what a person typed, so log its type and traceback.
    log.error(
        "update failed update_id=%s error=%s",
        event.update.update_id,
        type(event.exception).__name__,
        exc_info=(type(event.exception), event.exception, event.exception.__traceback__),
    )
    t = _localizer(event, data)
    try:
        await _reply(event, bot, t("error-try-again"))
    except Exception:  # noqa: BLE001 - the answer itself failed (Telegram down); nothing more to do
        log.warning("could not tell the user about the failure update_id=%s", event.update.update_id)
