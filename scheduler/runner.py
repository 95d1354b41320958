"""Builds the APScheduler instance with the periodic ticks."""

from __future__ import annotations

from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.outbox_sender import OutboxSender
from mentorship.clock import Clock
from mentorship.services.privacy import DialogStore
from scheduler import jobs

HOUSEKEEPING_EVERY_MINUTES = 60
SURVEYS_EVERY_MINUTES = 15
#: Three weeks are counted in days; an hourly look is plenty and costs one query.
NO_MEETING_EVERY_MINUTES = 60


def build_scheduler(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession], clock: Clock, sender: OutboxSender,
    dialogs: DialogStore,
) -> AsyncIOScheduler:
    """`dialogs` is the bot's dialog storage: erasing people whose consent never came reaches it too."""
    # In-memory job store on purpose: several processes must never share one APScheduler store (its FAQ), and
    # ticks are cheap to re-create at start. coalesce + a generous grace time: a tick missed while the process was
    # busy runs once, late, instead of being dropped.
    scheduler = AsyncIOScheduler(job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300})
    # Drains until nothing is due, so a busy tick simply runs long; max_instances=1 keeps ticks from overlapping.
    scheduler.add_job(sender.drain, "interval", seconds=settings.scheduler_tick, id="outbox")
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
