"""`python -m scheduler`: the periodic ticks alone, for deployments that scale the bot out."""

from __future__ import annotations

import asyncio
import logging
import sys

from pydantic import ValidationError


async def _run() -> None:
    from bot.app import build_bot, build_storage, close_bot
    from bot.config import Settings
    from bot.i18n import Translator
    from bot.lifecycle import STOP_TIMEOUT, until_signalled
    from bot.outbox_sender import OutboxSender
    from db.engine import create_engine, create_session_factory
    from mentorship.clock import SystemClock
    from scheduler.runner import build_scheduler

    from bot.__main__ import secrets
    from bot.logs import configure_logging

    settings = Settings()
    configure_logging(settings.log_level, secrets(settings))
    engine = create_engine(settings.database_url)
    session_factory, clock = create_session_factory(engine), SystemClock()
    bot = build_bot(settings)
    sender = OutboxSender(session_factory, bot, Translator(default_locale=settings.default_locale), clock,
                          rate=settings.send_rate)
    # The dialog storage too: erasing people whose consent never came reaches their half-filled dialogs.
    dialogs, _isolation, dialog_closers = build_storage(settings, clock)
    scheduler = build_scheduler(settings, session_factory, clock, sender, dialogs)
    scheduler.start()
    logging.getLogger(__name__).info("scheduler started jobs=%s", [j.id for j in scheduler.get_jobs()])
    try:
        await until_signalled()
    finally:
        # In order: no new tick, the sends in flight finish and are marked, the rest released; then close.
        await scheduler.stop(STOP_TIMEOUT)
        await close_bot(bot)
        for close in reversed(dialog_closers):
            await close()
        await engine.dispose()


def main() -> int:
    try:
        asyncio.run(_run())
    except ValidationError as error:
        from bot.check import describe_settings_error

        print("\n".join(describe_settings_error(error)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    code = main()
    from bot.lifecycle import exit_now

    exit_now(code)
