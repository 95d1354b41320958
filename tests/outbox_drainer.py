"""A sender process for the outbox tests: `python -m tests.outbox_drainer` drains the outbox every 0.1 s at
DRAIN_RATE messages per second (its budget's token rate just above that, beyond Telegram's 30, so a crash test of thousands of rows
takes seconds). Settings otherwise come from the environment, exactly as `python -m scheduler` reads them."""

from __future__ import annotations

import asyncio
import logging
import os


async def _run() -> None:
    from bot.app import create_core
    from bot.config import Settings
    from bot.send_budget import SendLimits

    settings = Settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    rate = float(os.environ.get("DRAIN_RATE", settings.send_rate))
    core = create_core(settings, limits=SendLimits(token_rate=rate * 1.05, proactive_rate=rate), send_rate=rate)
    print("drainer ready", flush=True)
    while True:
        await core.sender.drain()
        await asyncio.sleep(0.1)


if __name__ == "__main__":
    asyncio.run(_run())
