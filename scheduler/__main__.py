"""`python -m scheduler`: the periodic ticks alone, for deployments that scale the bot out."""

from __future__ import annotations

import asyncio
import logging
import sys

from pydantic import ValidationError


async def _run() -> None:
    from bot.__main__ import secrets
    from bot.app import create_core
    from bot.config import Settings
    from bot.lifecycle import STOP_TIMEOUT, until_signalled
    from bot.logs import configure_logging
    from scheduler.runner import build_scheduler

    settings = Settings()
    configure_logging(settings.log_level, secrets(settings))
    # The same core as the bot's (bot/app.py). The dialog storage too: erasing people whose consent never came
    # reaches their half-filled dialogs.
    core = create_core(settings)
    scheduler = build_scheduler(settings, core.session_factory, core.clock, core.sender, core.storage)
    scheduler.start()
    logging.getLogger(__name__).info("scheduler started jobs=%s", [j.id for j in scheduler.get_jobs()])
    try:
        await until_signalled()
    finally:
        # In order: no new tick, the sends in flight finish and are marked, the rest released; then close.
        await scheduler.stop(STOP_TIMEOUT)
        await core.close()


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
