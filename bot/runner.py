"""Running the bot: long polling by default, a webhook server when WEBHOOK_URL is set."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError
from aiogram.types import User
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app import UPDATES_IN_FLIGHT, App, create_app
from bot.commands import set_default_commands, set_personal_commands
from bot.config import Settings
from bot.lifecycle import STOP_TIMEOUT, settle_after_startup, until_signalled
from bot.middlewares import ConcurrencyLimitMiddleware
from db.migrate import upgrade
from mentorship.entities import Actor
from scheduler.runner import Scheduler, build_scheduler

log = logging.getLogger(__name__)


class StartupError(Exception):
    """Something the operator must fix before the bot can start; its message is one plain line."""


async def _prepare_database(settings: Settings) -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from db import migrate

    where = make_url(settings.database_url).render_as_string(hide_password=True)
    try:
        if settings.auto_migrate:
            await upgrade(settings.database_url)
            return
        current, head = await migrate.current(settings.database_url), migrate.head(settings.database_url)
    except (OSError, SQLAlchemyError) as error:
        reason = str(error).splitlines()[0][:160] if str(error) else type(error).__name__
        raise StartupError(f"Cannot use the database at {where}: {reason}") from None
    if current != head:
        raise StartupError(f"The database at {where} is at {current or 'empty'}, the code needs {head}: "
                           "run `python -m bot migrate` (or start with AUTO_MIGRATE=true)")


async def _introduce(app: App) -> User:
    """Ask Telegram who we are: the first call, so an unreachable API or a rejected token stops the start."""
    api = app.settings.telegram_api_url or "https://api.telegram.org"
    try:
        return await app.bot.me()
    except TelegramUnauthorizedError:
        raise StartupError("Telegram rejected BOT_TOKEN (401 Unauthorized): take the token from @BotFather") from None
    except TelegramNetworkError as error:
        raise StartupError(f"Cannot reach the Telegram Bot API at {api}: {error.message}") from None
    except TelegramAPIError as error:
        raise StartupError(f"The Telegram Bot API at {api} refused the start: {error.message}") from None


async def on_startup(app: App) -> None:
    await app.dispatcher["questionnaires"].sync_at_startup(app.session_factory, app.clock)
    await set_default_commands(app.bot, app.translator)
    for admin_id in app.settings.admin_ids:
        actor = Actor(telegram_id=admin_id, is_superadmin=True, person=None)
        await set_personal_commands(app.bot, app.translator, actor, app.settings.default_locale)


async def run(settings: Settings) -> None:
    await _prepare_database(settings)
    app = await create_app(settings)
    scheduler = build_scheduler(app.settings, app.session_factory, app.clock, app.sender, app.storage) if settings.run_scheduler else None
    try:
        me = await _introduce(app)  # before anything starts: a wrong token or no network ends here, in one line
        if scheduler is not None:
            scheduler.start()
        log.info("bot started id=%s mode=%s", me.id, "webhook" if settings.is_webhook else "polling")
        await on_startup(app)
        settle_after_startup()
        if settings.is_webhook:
            await _serve_webhook(app)
        else:
            await app.bot.delete_webhook(drop_pending_updates=False)
            # aiogram stops polling on SIGTERM/SIGINT; the session stays open for the sends still in flight.
            await app.dispatcher.start_polling(
                app.bot, allowed_updates=app.dispatcher.resolve_used_update_types(), close_bot_session=False
            )
    finally:
        await stop(app, scheduler)


async def stop(app: App, scheduler: Scheduler | None) -> None:
    """After no new update comes in: the scheduler and the updates in flight end (bounded), then close (lifecycle)."""
    updates: ConcurrencyLimitMiddleware = app.dispatcher[UPDATES_IN_FLIGHT]
    waits = [updates.wait_idle(STOP_TIMEOUT)]
    if scheduler is not None:
        waits.append(scheduler.stop(STOP_TIMEOUT))
    else:
        waits.append(app.sender.stop(STOP_TIMEOUT))
    idle, *_ = await asyncio.gather(*waits)
    if not idle:
        log.warning("stopping with updates still being handled count=%s", updates.in_flight)
    await app.close()


def build_webhook_app(app: App) -> web.Application:
    """The aiohttp application that receives Telegram's updates; requests without the secret get 401."""
    settings = app.settings
    assert settings.webhook_url and settings.webhook_secret
    web_app = web.Application()
    SimpleRequestHandler(
        dispatcher=app.dispatcher, bot=app.bot, secret_token=settings.webhook_secret.get_secret_value()
    ).register(web_app, path=webhook_path(settings))
    setup_application(web_app, app.dispatcher, bot=app.bot)
    return web_app


def webhook_path(settings: Settings) -> str:
    return urlsplit(settings.webhook_url or "").path or "/"


async def _serve_webhook(app: App) -> None:
    settings = app.settings
    assert settings.webhook_url and settings.webhook_secret
    web_app = build_webhook_app(app)
    await app.bot.set_webhook(
        settings.webhook_url,
        secret_token=settings.webhook_secret.get_secret_value(),
        allowed_updates=app.dispatcher.resolve_used_update_types(),
    )
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    log.info("webhook listening host=%s port=%s path=%s", settings.webhook_host, settings.webhook_port, webhook_path(settings))
    try:
        await until_signalled()
    finally:
        # Stop accepting first: Telegram (or the load balancer) sends the next updates to another replica.
        await runner.cleanup()
