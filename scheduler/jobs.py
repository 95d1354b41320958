"""Scheduler jobs: module-level functions that take what they need and are idempotent.

Each job is one transaction (`transaction`): committed when it returns, rolled back when it raises, so a tick
that fails half-way leaves nothing and the next tick does it all again. The outbox drain (bot/outbox_sender.py)
is the exception: it commits each claim and each delivery outcome itself.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.transaction import transaction
from mentorship.clock import Clock
from mentorship.services import housekeeping as housekeeping_service
from mentorship.services import surveys
from mentorship.services.pair_activity import alert_quiet_pairs
from mentorship.services.privacy import DialogStore, erase_overdue

log = logging.getLogger(__name__)

#: An expired link is kept this long so a curator can still see why someone could not join, then dropped.
EXPIRED_INVITATION_RETENTION = timedelta(days=90)
#: A dialog untouched this long is abandoned; its half-typed answers should not be kept for ever (DIALOG_TTL_DAYS;
#: Redis expires its keys by itself, the database's records go here and are ignored by reads before that).
ABANDONED_DIALOG_RETENTION = timedelta(days=30)


async def housekeeping(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, dialog_ttl: timedelta = ABANDONED_DIALOG_RETENTION
) -> None:
    async with transaction(session_factory) as session:
        swept = await housekeeping_service.sweep(
            session, clock.now(), invitations_kept=EXPIRED_INVITATION_RETENTION, dialogs_kept=dialog_ttl
        )
    if swept.invitations or swept.dialogs:
        log.info("housekeeping invitations=%s dialogs=%s", swept.invitations, swept.dialogs)


async def erase_unconsented(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, wait: timedelta, dialogs: DialogStore
) -> None:
    """What was collected before consent is kept only `wait` (CONSENT_WAIT_DAYS), then erased — in the database
    and in the dialog storage (`dialogs`: the bot's FSM storage, SQL or Redis)."""
    async with transaction(session_factory) as session:
        erased = await erase_overdue(session, clock, wait, dialogs=dialogs)
    if erased:
        log.info("erased without consent people=%s", [e.person_id for e in erased])


async def survey_campaigns(session_factory: async_sessionmaker[AsyncSession], clock: Clock) -> surveys.TickResult:
    """Open due calendar rounds and final surveys of ended pairs, invite, remind, close. Idempotent: campaigns,
    invitations and messages carry de-duplication keys, so two schedulers (or a rerun) do everything once."""
    async with transaction(session_factory) as session:
        result = await surveys.tick(session, clock)
    if result.opened or result.invited or result.reminded or result.closed:
        log.info("surveys opened=%s invited=%s reminded=%s closed=%s",
                 result.opened, result.invited, result.reminded, result.closed)
    return result


async def no_meeting_alerts(session_factory: async_sessionmaker[AsyncSession], clock: Clock) -> int:
    """Curators hear about active pairs with no meeting for three weeks (once per stretch: de-duplicated)."""
    async with transaction(session_factory) as session:
        queued = await alert_quiet_pairs(session, clock)
    if queued:
        log.info("no-meeting alerts queued=%s", queued)
    return queued
