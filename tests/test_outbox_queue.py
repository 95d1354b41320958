"""The outbox's queue side: quiet hours in the organisation's timezone, de-duplication, cancelling by subject,
and the claim (due order, leases, disjoint claims)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from db.engine import create_engine, create_session_factory
from db.models import OutboxRow
from db.repositories.organisations import OrganisationRepository
from db.repositories.outbox import OutboxRepository
from db.repositories.people import PersonRepository
from db.transaction import transaction
from mentorship.entities import OrgKind
from mentorship.outbox import (
    Button,
    OutboxKind,
    OutboxStatus,
    Press,
    Priority,
    backoff,
    outside_quiet_hours,
)
from mentorship.roles import MentorshipForm
from mentorship.services import outbox

NOON = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)  # 12:00 in Moscow, 14:00 in Yekaterinburg


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("due", "zone", "deadline", "expected"),
    [
        (utc(2026, 9, 1, 9), "Europe/Moscow", None, utc(2026, 9, 1, 9)),  # 12:00 stays
        (utc(2026, 9, 1, 20), "Europe/Moscow", None, utc(2026, 9, 2, 5)),  # 23:00 → 08:00 next morning
        (utc(2026, 9, 1, 2), "Europe/Moscow", None, utc(2026, 9, 1, 5)),  # 05:00 → 08:00 the same morning
        (utc(2026, 9, 1, 17, 59), "Europe/Moscow", None, utc(2026, 9, 1, 17, 59)),  # 20:59 stays
        (utc(2026, 9, 1, 18), "Europe/Moscow", None, utc(2026, 9, 2, 5)),  # 21:00 is quiet
        (utc(2026, 9, 1, 18), "Asia/Yekaterinburg", None, utc(2026, 9, 2, 3)),  # 23:00 there → 08:00 there
        # A reminder at 06:30 before a 07:30 meeting goes at 20:55 the evening before.
        (utc(2026, 9, 2, 3, 30), "Europe/Moscow", utc(2026, 9, 2, 4, 30), utc(2026, 9, 1, 17, 55)),
    ],
)
def test_quiet_hours_move_messages_in_the_organisations_time(due, zone, deadline, expected) -> None:
    assert outside_quiet_hours(due, zone, deadline) == expected


def test_backoff_grows_and_is_capped() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff(30) == timedelta(hours=1)


async def _setup(session, timezone: str = "Europe/Moscow"):
    organisation = await OrganisationRepository(session).add(
        name="Школа", kind=OrgKind.SCHOOL, municipality="Город", timezone=timezone,
        forms=(MentorshipForm.STUDENT_STUDENT,), now=NOON,
    )
    people = PersonRepository(session)
    ids = [
        await people.add(telegram_id=5000 + i, full_name=f"P{i}", date_of_birth=None, category=None,
                         group_name=None, locale="ru", now=NOON)
        for i in range(3)
    ]
    return organisation, [await people.get(i) for i in ids]


async def test_notify_dedups_respects_quiet_hours_and_cancels_by_ref(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        async with transaction(create_session_factory(engine)) as session:
            organisation, (anna, boris, _) = await _setup(session, "Asia/Yekaterinburg")
            late = utc(2026, 9, 1, 19)  # 00:00 in Yekaterinburg
            assert await outbox.notify(session, anna, "k", {"n": 1}, now=NOON, organisation_id=organisation.id,
                                       due_at=late, ref="meeting:1", dedup_key="m1:anna", kind=OutboxKind.REMINDER,
                                       buttons=[[Button("b", Press.CONFIRM_MEETING, 1)]])
            assert not await outbox.notify(session, anna, "k", now=NOON, organisation_id=organisation.id,
                                           due_at=late, ref="meeting:1", dedup_key="m1:anna")
            assert await outbox.notify(session, boris, "k", now=NOON, organisation_id=organisation.id, due_at=late,
                                       urgent=True, ref="meeting:1", dedup_key="m1:boris")
            await session.commit()
            first = await session.scalar(select(OutboxRow).order_by(OutboxRow.id))
            assert first.payload["buttons"] == [[{"key": "b", "press": "meeting-confirm", "id": 1, "url": None,
                                                   "args": {}, "data": None}]]
            repo = OutboxRepository(session)
            pending = await repo.pending_for("meeting:1")
            assert [(chat, due) for _, chat, _, due in pending] == [(5001, late), (5000, utc(2026, 9, 2, 3))]
            assert await outbox.cancel(session, "meeting:1", [OutboxKind.REMINDER]) == 1
            await session.commit()
            assert [chat for _, chat, _, _ in await repo.pending_for("meeting:1")] == [5001]
            # The cancelled row's key is free again: a meeting moved back gets its reminder back.
            assert await outbox.notify(session, anna, "k", now=NOON, due_at=late, dedup_key="m1:anna")
            await session.commit()
            rows = (await session.scalars(select(OutboxRow).order_by(OutboxRow.id)
                                          .execution_options(populate_existing=True))).all()
            assert [r.status for r in rows] == ["cancelled", "pending", "pending"]
            assert rows[0].payload == {}  # a finished row keeps no text
    finally:
        await engine.dispose()


async def test_claim_takes_due_rows_in_order_under_a_lease(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        async with transaction(create_session_factory(engine)) as session:
            _, people = await _setup(session)
            for minutes, person in ((3, people[0]), (1, people[1]), (2, people[2]), (90, people[0])):
                await outbox.notify(session, person, "k", now=NOON, due_at=NOON + timedelta(minutes=minutes))
            await session.commit()
            repo = OutboxRepository(session)
            later = NOON + timedelta(minutes=5)
            first = await repo.claim(later, 2, timedelta(seconds=30))
            second = await repo.claim(later, 10, timedelta(seconds=30))
            await session.commit()
            assert [m.chat_id for m in first] == [5001, 5002]
            assert [m.chat_id for m in second] == [5000]  # the claimed ones are leased, the 90-minute one not due
            assert await repo.claim(later + timedelta(seconds=10), 10, timedelta(seconds=30)) == []
            # A sender that died: its lease runs out and the rows come back, attempt counted.
            again = await repo.claim(later + timedelta(seconds=31), 10, timedelta(seconds=30))
            assert [(m.chat_id, m.attempts) for m in again] == [(5001, 2), (5002, 2), (5000, 2)]
            await repo.sent([again[0].id], later)
            await repo.finish(again[1].id, OutboxStatus.UNREACHABLE, "Forbidden: bot was blocked by the user")
            await session.commit()
            statuses = dict((await session.execute(select(OutboxRow.chat_id, OutboxRow.status)
                                                    .where(OutboxRow.due_at < later))).all())
            assert statuses == {5001: "sent", 5002: "unreachable", 5000: "pending"}
    finally:
        await engine.dispose()


async def test_one_claim_takes_time_critical_rows_first_and_one_class_per_chat(db_url: str) -> None:
    """Both classes in one statement: time-critical rows first, each class in due order, the bulk rows only the
    room the time-critical ones left; no row for a chat with a message in flight, nor a bulk row for a chat whose
    time-critical row this very claim takes; each row with its person's locale, else the one it was queued with."""
    engine = create_engine(db_url)
    try:
        async with transaction(create_session_factory(engine)) as session:
            people = PersonRepository(session)
            english = await people.add(telegram_id=6000, full_name="E", date_of_birth=None, category=None,
                                       group_name=None, locale="en", now=NOON)
            repo = OutboxRepository(session)

            async def queue(chat_id: int, kind: OutboxKind, minutes: int, person_id: int | None = None) -> None:
                assert await repo.add(chat_id=chat_id, person_id=person_id, organisation_id=None, kind=kind,
                                      key=f"k{chat_id}", args={}, due_at=NOON + timedelta(minutes=minutes), now=NOON,
                                      locale="ru")

            await queue(5, OutboxKind.REMINDER, -40)  # claimed first: chat 5 has a message in flight
            await queue(5, OutboxKind.REMINDER, -30)
            await queue(1, OutboxKind.BROADCAST, -10)
            await queue(2, OutboxKind.BROADCAST, -20)  # chat 2's time-critical row goes in the same claim
            await queue(3, OutboxKind.NOTICE, -5)
            await queue(2, OutboxKind.REMINDER, -1, person_id=english)
            await queue(4, OutboxKind.REMINDER, 60)  # not due
            await session.commit()

            lease = timedelta(seconds=30)
            first = await repo.claim(NOON, 1, lease)
            assert [(m.chat_id, m.key) for m in first] == [(5, "k5")]
            leased = (await session.execute(
                select(OutboxRow.chat_id, OutboxRow.attempts).where(OutboxRow.claimed_until.is_not(None))
            )).all()
            assert leased == [(5, 1)]  # the bulk rows are not touched when the time-critical ones fill the batch

            second = await repo.claim(NOON, 3, lease)
            assert [(m.chat_id, m.priority, m.attempts, m.locale) for m in second] == [
                (3, Priority.TIMELY, 1, "ru"), (2, Priority.TIMELY, 1, "en"), (1, Priority.BULK, 1, "ru"),
            ]
            assert second[1].person_id == english
            assert await repo.claim(NOON, 10, lease) == []  # chats 5 and 2 in flight, chat 4 not due
            await session.commit()

            await repo.sent([first[0].id, second[1].id], NOON)
            third = await repo.claim(NOON + timedelta(seconds=1), 10, lease)
            assert [(m.chat_id, m.priority, m.due_at) for m in third] == [
                (5, Priority.TIMELY, NOON - timedelta(minutes=30)), (2, Priority.BULK, NOON - timedelta(minutes=20)),
            ]
            await session.commit()
    finally:
        await engine.dispose()


async def test_a_row_cancelled_after_its_claim_is_not_sent(harness) -> None:
    """A meeting called off while the sender holds its reminder: the reminder must not go out."""
    from bot.outbox_sender import OutboxSender

    async with transaction(harness.app.session_factory) as session:
        _, (anna, boris, _) = await _setup(session)
        await outbox.notify(session, anna, "error-generic", now=harness.clock.now(), ref="meeting:9")
        await outbox.notify(session, boris, "error-generic", now=harness.clock.now(), ref="other")
        await session.commit()
        claimed = await OutboxRepository(session).claim(harness.clock.now(), 10, timedelta(minutes=1))
        await session.commit()
        await outbox.cancel(session, "meeting:9")
        await session.commit()
    sender = OutboxSender(harness.app.session_factory, harness.app.bot, harness.app.translator, harness.clock,
                          rate=1_000_000)
    delivered = [await sender._deliver(m) for m in claimed]
    assert delivered == [False, True]
    assert harness.telegram.messages(5000) == [] and len(harness.telegram.messages(5001)) == 1
