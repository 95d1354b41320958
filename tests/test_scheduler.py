"""The scheduler's periodic jobs, run by hand against a controllable clock."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from db.models import FsmRecordRow, InvitationRow, PersonRow
from scheduler import jobs
from scheduler.runner import build_scheduler
from tests.conftest import ADMIN_ID
from tests.flows import create_link, organisation_with_curator, register


async def test_jobs_are_a_few_ticks_not_one_per_event(harness):
    app = harness.app
    scheduler = build_scheduler(app.settings, app.session_factory, harness.clock, app.sender, app.storage)
    assert {j.id for j in scheduler.get_jobs()} == {"housekeeping", "erase_unconsented", "outbox", "survey_campaigns",
                                                  "no_meeting_alerts"}
    assert scheduler.get_job("outbox").trigger.interval.total_seconds() == app.settings.scheduler_tick


async def test_housekeeping_and_retention(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    await create_link(curator, "наставляемый", form_label="Любая форма")
    token = await create_link(curator, "наставляемый", form_label="Любая форма")
    await register(harness.user(3001), token, name="Лена", birth_date="10.10.2014", category="Школьник", group="6Б")
    factory, clock = harness.app.session_factory, harness.clock

    await jobs.housekeeping(factory, clock)
    await jobs.erase_unconsented(factory, clock, timedelta(days=30), harness.app.storage)
    async with factory() as session:
        assert await session.scalar(select(func.count()).select_from(InvitationRow)) == 3
        assert await session.scalar(select(PersonRow.full_name).where(PersonRow.telegram_id == 3001)) == "Лена"

    clock.advance(timedelta(days=60))  # the links expired weeks ago but are kept 90 days; no consent came
    await jobs.housekeeping(factory, clock)
    await jobs.erase_unconsented(factory, clock, timedelta(days=30), harness.app.storage)
    async with factory() as session:
        assert await session.scalar(select(func.count()).select_from(InvitationRow)) == 3
        assert await session.scalar(select(func.count()).select_from(PersonRow).where(PersonRow.telegram_id == 3001)) == 0

    clock.advance(timedelta(days=65))
    await jobs.housekeeping(factory, clock)
    async with factory() as session:
        assert await session.scalar(select(func.count()).select_from(InvitationRow)) == 0
        assert await session.scalar(select(func.count()).select_from(FsmRecordRow)) == 0  # abandoned dialogs too
