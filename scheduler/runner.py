"""Builds the APScheduler instance with the periodic ticks."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED, EVENT_JOB_SUBMITTED, JobEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.outbox_sender import OutboxSender
from mentorship.clock import Clock
from mentorship.services.privacy import DialogStore
from scheduler import jobs

log = logging.getLogger(__name__)

HOUSEKEEPING_EVERY_MINUTES = 60
SURVEYS_EVERY_MINUTES = 15
#: Three weeks are counted in days; an hourly look is plenty and costs one query.
NO_MEETING_EVERY_MINUTES = 60


class Scheduler(AsyncIOScheduler):
    """AsyncIOScheduler that can stop gracefully. Its own `shutdown()` cancels the coroutine jobs still running
    (an outbox drain mid-send: `CancelledError`, and a message Telegram accepted went out again); `stop()` first
    lets them finish."""

    def __init__(self, sender: OutboxSender, **options) -> None:
        super().__init__(**options)
        self.sender = sender
        self._running: dict[str, int] = {}
        self._idle = asyncio.Event()
        self._idle.set()
        self.add_listener(self._track, EVENT_JOB_SUBMITTED | EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)

    def _track(self, event: JobEvent) -> None:
        if event.code == EVENT_JOB_SUBMITTED:
            self._running[event.job_id] = self._running.get(event.job_id, 0) + 1
        elif event.code != EVENT_JOB_MISSED and self._running.get(event.job_id):
            self._running[event.job_id] -= 1
        if any(self._running.values()):
            self._idle.clear()
        else:
            self._idle.set()

    async def stop(self, timeout: float) -> None:
        """No new tick; the outbox keeps what is at Telegram and releases the rest; running jobs end; shut down."""
        if self.running:
            self.pause()
        await self.sender.stop(timeout)
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            log.warning("scheduler stop timed out jobs=%s", [j for j, n in self._running.items() if n])
        if self.running:
            self.shutdown(wait=False)


def build_scheduler(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], clock: Clock, sender: OutboxSender,
    dialogs: DialogStore,
) -> Scheduler:
    """`dialogs` is the bot's dialog storage: erasing people whose consent never came reaches it too."""
    # In-memory job store on purpose: several processes must never share one APScheduler store (its FAQ), and
    # ticks are cheap to re-create at start. coalesce + a generous grace time: a tick missed while the process was
    # busy runs once, late, instead of being dropped.
    scheduler = Scheduler(sender, job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300})
    # Drains until nothing is due, so a busy tick simply runs long; max_instances=1 keeps ticks from overlapping.
    # The first drain runs at start: what a stopped process released (or what came due meanwhile) goes out at once.
    scheduler.add_job(sender.drain, "interval", seconds=settings.scheduler_tick, id="outbox",
                      next_run_time=datetime.now().astimezone())
    scheduler.add_job(
        jobs.housekeeping,
        "interval",
        minutes=HOUSEKEEPING_EVERY_MINUTES,
        args=(session_factory, clock, settings.dialog_ttl),
        id="housekeeping",
    )
    scheduler.add_job(
        jobs.erase_unconsented,
        "interval",
        minutes=HOUSEKEEPING_EVERY_MINUTES,
        args=(session_factory, clock, timedelta(days=settings.consent_wait_days), dialogs),
        id="erase_unconsented",
    )
    scheduler.add_job(
        jobs.survey_campaigns,
        "interval",
        minutes=SURVEYS_EVERY_MINUTES,
        args=(session_factory, clock),
        id="survey_campaigns",
    )
    scheduler.add_job(
        jobs.no_meeting_alerts,
        "interval",
        minutes=NO_MEETING_EVERY_MINUTES,
        args=(session_factory, clock),
        id="no_meeting_alerts",
    )
    return scheduler
