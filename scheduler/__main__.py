"""`python -m scheduler`: the periodic ticks alone, for deployments that scale the bot out."""

from __future__ import annotations

import asyncio
import logging
import sys

from pydantic import ValidationError


async def _run() -> None:
    from bot.config import Settings
    from db.engine import create_engine, create_session_factory
    from mentorship.clock import SystemClock
    from scheduler.runner import build_scheduler

    settings = Settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    engine = create_engine(settings.database_url)
    scheduler = build_scheduler(settings, create_session_factory(engine), SystemClock())
    scheduler.start()
    logging.getLogger(__name__).info("scheduler started jobs=%s", [j.id for j in scheduler.get_jobs()])
    try:
        await asyncio.Event().wait()
    finally:
        scheduler.shutdown(wait=False)
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
    sys.exit(main())
