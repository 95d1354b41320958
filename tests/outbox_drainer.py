"""A sender process for the outbox tests: `python -m tests.outbox_drainer` drains the outbox every 0.1 s at
DRAIN_RATE messages per second (its budget's token rate just above that, beyond Telegram's 30, so a crash test of thousands of rows
takes seconds). Settings otherwise come from the environment, exactly as `python -m scheduler` reads them."""

from __future__ import annotations

import asyncio
import logging
import os


async def _run() -> None:
    from bot.app import build_bot
    from bot.send_budget import SendLimits
    from bot.config import Settings
    from bot.i18n import Translator
    from bot.outbox_sender import OutboxSender
    from db.engine import create_engine, create_session_factory
    from mentorship.clock import SystemClock

    settings = Settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    engine = create_engine(settings.database_url)
    rate = float(os.environ.get("DRAIN_RATE", settings.send_rate))
    bot = build_bot(settings, limits=SendLimits(token_rate=rate * 1.05, proactive_rate=rate))
    sender = OutboxSender(create_session_factory(engine), bot, Translator(), SystemClock(), rate=rate)
    print("drainer ready", flush=True)
    while True:
        await sender.drain()
        await asyncio.sleep(0.1)


if __name__ == "__main__":
    asyncio.run(_run())
