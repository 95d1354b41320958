"""The outbox's sender against a Bot API over HTTP that enforces Telegram's limits (≤ N calls in any rolling
second per token, ≤ 5 messages in any 3 s per chat; 429 with retry_after when broken), with a real clock and
aiogram's own HTTP session, every call booked in the token's send budget (bot/send_budget.py) — and, for crash
safety and several senders, real processes on PostgreSQL and Redis.

The throughput check (a) measures the budget inside the test, at 200/s against a fake allowing 220/s so it
takes about ten seconds; the benchmark (`python -m bench outbox`) measures the production rate.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from bot.app import build_bot, close_bot
from bot.outbox_sender import CONCURRENCY, OutboxSender
from bot.send_budget import SendLimits, budget_prefix
from db.engine import create_engine, create_session_factory
from db.models import OutboxRow, PersonRow
from db.repositories.organisations import OrganisationRepository
from db.repositories.people import PersonRepository
from db.transaction import transaction
from mentorship.clock import SystemClock
from mentorship.entities import OrgKind
from mentorship.roles import Category, MentorshipForm, ParticipationStatus, Role
from mentorship.services import outbox
from mentorship.services.people import load_actor
from tests.fakes.bot_api_server import BotApiServer
from tests.fixtures.live import BASE_CHAT, STARTUP, delivered_rows, queue_rows, statuses
from tests.fixtures.live import process_env as _env
from tests.fixtures.live import spawn as _spawn
from tests.harness import TEST_TOKEN, settings_for_tests
from tests.services import REDIS_URL
from tests.world import translator_for

pytestmark = pytest.mark.alone  # real time: timed sends, processes (tests/alone.py)


@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    server = BotApiServer(TEST_TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
async def redis_url(redis_available) -> str:
    """The test Redis, with this token's send budget forgotten (a test's bookings must not hold back the next)."""
    if not redis_available:
        pytest.skip("Redis is not reachable")
    await forget_budget(REDIS_URL)
    return REDIS_URL


async def forget_budget(url: str) -> None:
    from redis.asyncio import Redis

    redis = Redis.from_url(url)
    try:
        keys = [key async for key in redis.scan_iter(match=budget_prefix(TEST_TOKEN) + ":*")]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()


@pytest.fixture
async def sender_for(db_url: str, api: BotApiServer):
    """OutboxSender(rate) with its own engine and a Bot from build_bot over HTTP to the fake: Telegram's limits
    with `rate` as SEND_RATE (or the limits given), its budget in Redis when `redis_url` is given."""
    made: list = []

    def make(rate: float, limits: SendLimits | None = None, redis_url: str | None = None) -> OutboxSender:
        settings = settings_for_tests(db_url, telegram_api_url=api.url, redis_url=redis_url,
                                      send_rate=min(rate, 30))
        engine = create_engine(db_url)
        bot = build_bot(settings, limits=limits or SendLimits(proactive_rate=rate))
        made.append((engine, bot))
        return OutboxSender(create_session_factory(engine), bot, translator_for(), SystemClock(), rate=rate)

    yield make
    for engine, bot in made:
        await close_bot(bot)
        await engine.dispose()


async def drain_until(sender: OutboxSender, done, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "the outbox did not drain in time"
        await sender.drain()
        await asyncio.sleep(0.05)


# --- (a) rate ------------------------------------------------------------------------------------------------


async def test_rate_limit_is_kept_and_used(db_url, api, sender_for):
    # What this machine manages with no limit at all (the fake, aiogram and the database share one core here):
    # the limiter is judged at 200/s, or at a third of that capacity on a machine too busy for 200/s (the load of
    # other work on a shared machine moves between the probe and the run).
    api.enforce_limits(token_rate=None, chat_burst=None)
    await queue_rows(db_url, 300, base=BASE_CHAT - 1000)
    probe = sender_for(1_000_000, SendLimits.unlimited())
    started = time.monotonic()
    assert await probe.drain() == 300
    capacity = 300 / (time.monotonic() - started)
    rate = min(200, int(capacity / 3))
    count = min(2000, rate * 10)
    api.accepted.clear()
    api.enforce_limits(token_rate=int(rate * 1.1))
    await queue_rows(db_url, count)
    sender = sender_for(rate, SendLimits(token_rate=rate * 1.05, proactive_rate=rate))
    started = time.monotonic()
    assert await sender.drain() == count
    elapsed = time.monotonic() - started
    assert api.too_many == 0
    assert delivered_rows(api, range(BASE_CHAT, BASE_CHAT + count)) == Counter({str(i): 1 for i in range(count)})
    assert (await statuses(db_url)) == Counter({"sent": count + 300})
    # In due order, give or take the sends in flight at once.
    order = [chat - BASE_CHAT for _at, chat in api.accepted]
    assert max(abs(position - row) for position, row in enumerate(order)) <= 2 * CONCURRENCY
    times = [at for at, _chat in api.accepted]
    achieved = (count - 1) / (times[-1] - times[0])
    assert achieved >= 0.9 * rate, f"{achieved:.0f}/s of {rate}/s (capacity {capacity:.0f}/s, drain {elapsed:.1f} s)"
    print(f"outbox rate: {achieved:.0f}/s of {rate}/s configured, capacity {capacity:.0f}/s")
    # No rolling second held more than the fake allows (the rate + 10 %): the jitter between booking and arrival
    # stays well inside the margin SEND_RATE 25 keeps below Telegram's 30.
    window, peak = 0, 0
    for i, at in enumerate(times):
        while times[window] <= at - 1.0:
            window += 1
        peak = max(peak, i - window + 1)
    assert peak <= int(rate * 1.1)


# --- (c) 429 -------------------------------------------------------------------------------------------------


async def test_429_pauses_the_sender_and_the_message_goes_later_unpunished(db_url, api, sender_for):
    api.answer_429_once(retry_after=1)
    await queue_rows(db_url, 3)
    sender = sender_for(25)
    await drain_until(sender, lambda: len(api.accepted) == 3, timeout=10)
    assert api.too_many == 1
    assert delivered_rows(api, range(BASE_CHAT, BASE_CHAT + 3)) == Counter({"0": 1, "1": 1, "2": 1})
    engine = create_engine(db_url)
    async with engine.connect() as connection:
        rows = (await connection.execute(select(OutboxRow.status, OutboxRow.attempts).order_by(OutboxRow.id))).all()
    await engine.dispose()
    assert [tuple(r) for r in rows] == [("sent", 1)] * 3  # the 429 was not counted as a failed attempt
    assert api.accepted[-1][0] - api.accepted[0][0] < 5


async def test_a_429_holds_back_every_sender_on_the_token(db_url, api, sender_for, redis_url):
    # Two senders (as in two processes: each its own bot and budget object) share the token's budget in Redis.
    first, second = sender_for(25, redis_url=redis_url), sender_for(25, redis_url=redis_url)
    await queue_rows(db_url, 1, base=BASE_CHAT)
    api.answer_429_once(retry_after=2)
    refused = time.monotonic()
    drained = asyncio.create_task(first.drain())  # meets the 429, waits it out, sends again
    await api.wait_for(lambda: api.too_many == 1, timeout=5, what="the 429")
    await queue_rows(db_url, 1, base=BASE_CHAT + 1)  # another chat, due now, for the other sender
    await drain_until(second, lambda: any(chat == BASE_CHAT + 1 for _at, chat in api.accepted), timeout=10)
    await drained
    assert sorted(chat for _at, chat in api.accepted) == [BASE_CHAT, BASE_CHAT + 1]
    assert all(at - refused >= 1.9 for at, _chat in api.accepted), [at - refused for at, _c in api.accepted]
    assert api.too_many == 1


async def test_a_429_keeps_the_chats_order(db_url, api, sender_for):
    # Five rows to one chat, three to another; the first row to the first chat meets a 429 and waits it out.
    await queue_rows(db_url, 8, base=BASE_CHAT, chats=2)
    api.answer_429_once(retry_after=1, chat_id=BASE_CHAT)
    sender = sender_for(25)
    await drain_until(sender, lambda: len(api.accepted) == 8, timeout=20)
    shown = [m.shown.split("«#")[1].split("»")[0] for m in api.telegram.messages(BASE_CHAT)]
    assert shown == ["0", "2", "4", "6"]
    assert [m.shown.split("«#")[1].split("»")[0] for m in api.telegram.messages(BASE_CHAT + 1)] == ["1", "3", "5", "7"]
    assert api.too_many == 1 and (await statuses(db_url)) == Counter({"sent": 8})


async def test_a_row_whose_429_outlasts_its_claim_goes_back_and_holds_its_chat(db_url, api, sender_for):
    await queue_rows(db_url, 3, base=BASE_CHAT, chats=1)
    api.answer_429_once(retry_after=3, chat_id=BASE_CHAT)
    sender = sender_for(25)
    sender.lease = timedelta(seconds=4)  # half of it (the claim's safe time) is shorter than the retry_after
    await sender.drain()
    engine = create_engine(db_url)
    async with engine.connect() as connection:
        rows = (await connection.execute(select(OutboxRow.id, OutboxRow.status, OutboxRow.due_at)
                                         .order_by(OutboxRow.id))).all()
    await engine.dispose()
    assert [status for _id, status, _due in rows] == ["pending"] * 3 and api.accepted == []
    # The chat's later rows wait at least as long as the first, so a new claim takes them in order.
    assert rows[0].due_at <= rows[1].due_at and rows[0].due_at <= rows[2].due_at
    await asyncio.sleep(3)
    await drain_until(sender, lambda: len(api.accepted) == 3, timeout=15)
    assert [m.shown.split("«#")[1].split("»")[0] for m in api.telegram.messages(BASE_CHAT)] == ["0", "1", "2"]


# --- (d) 403 -------------------------------------------------------------------------------------------------


async def test_a_blocked_chat_is_closed_marked_and_told_once(db_url, api, sender_for):
    now = datetime.now(UTC)
    engine = create_engine(db_url)
    factory = create_session_factory(engine)
    async with transaction(factory) as session:
        org = await OrganisationRepository(session).add(name="Школа", kind=OrgKind.SCHOOL, municipality="Город",
                                                        timezone="Europe/Moscow", forms=(MentorshipForm.PUPIL_PUPIL,), now=now)
        people = PersonRepository(session)
        ids = {}
        for telegram_id, name, role in [(2001, "Куратор", Role.CURATOR), (3001, "Вася <b>", Role.MENTEE), (3002, "Петя", Role.MENTEE)]:
            ids[telegram_id] = await people.add(telegram_id=telegram_id, full_name=name, date_of_birth=date(2010, 1, 1),
                                                category=Category.PUPIL, group_name=None, locale="ru", now=now)
            await people.add_membership(person_id=ids[telegram_id], role=role, organisation_id=org.id, municipality=None,
                                        form=None, invitation_id=None, now=now, status=ParticipationStatus.ACTIVE)
        vasya, petya = await people.get(ids[3001]), await people.get(ids[3002])
        for n in range(3):
            await outbox.notify(session, vasya, "plan-goal-done-mentee", {"title": f"#{n}", "mentor": "M"}, now=now,
                                organisation_id=org.id, urgent=True)
        await outbox.notify(session, petya, "plan-goal-done-mentee", {"title": "#p", "mentor": "M"}, now=now,
                            organisation_id=org.id, urgent=True)
        await session.commit()
    api.block(3001)
    sender = sender_for(25)
    started = time.monotonic()
    await sender.drain()
    assert time.monotonic() - started < 3  # Vasya's other rows were not tried a second apart each
    assert api.telegram.messages(3001) == [] and api.received(3002) == 1
    assert sum(1 for c in api.telegram.calls if c.error and "blocked" in c.error) == 1
    async with factory() as session:
        to_vasya = (await session.execute(select(OutboxRow.status, OutboxRow.dedup_key).where(OutboxRow.chat_id == 3001))).all()
        assert [s for s, _ in to_vasya] == ["unreachable"] * 3
        assert await session.scalar(select(PersonRow.unreachable_at).where(PersonRow.id == ids[3001])) is not None
        alerts = (await session.execute(select(OutboxRow.chat_id, OutboxRow.payload, OutboxRow.dedup_key)
                                        .where(OutboxRow.kind == "alert"))).all()
    assert len(alerts) == 1
    chat_id, payload, key = alerts[0]
    # The alert is not urgent: by day the same drain sends it (and drops its words from the row), in the quiet hours
    # of the organisation's night it waits until 08:00 with its words kept.
    told = [m.text for m in api.telegram.messages(2001)]
    if payload:
        assert payload["key"] == "outbox-unreachable-curator" and payload["args"]["name"] == "Вася <b>" and told == []
    else:
        assert len(told) == 1 and told[0].startswith("Вася <b> заблокировал(а) бота"), told
    assert chat_id == 2001
    assert key.startswith(f"unreachable:{ids[3001]}:")
    # A second drain (new rows for Vasya, still blocked) does not tell the curator again.
    async with transaction(factory) as session:
        await outbox.notify(session, vasya, "plan-goal-done-mentee", {"title": "#3", "mentor": "M"}, now=now, urgent=True)
        await session.commit()
    await sender.drain()
    async with transaction(factory) as session:
        assert await session.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.kind == "alert")) == 1
        # He unblocks the bot and writes to it: reachable again, and the next message reaches him.
        actor = await load_actor(session, 3001, frozenset())
        assert actor.person is not None and not actor.person.unreachable
        assert await session.scalar(select(PersonRow.unreachable_at).where(PersonRow.id == ids[3001])) is None
        await outbox.notify(session, actor.person, "plan-goal-done-mentee", {"title": "#4", "mentor": "M"},
                            now=datetime.now(UTC), urgent=True)
        await session.commit()
    api.unblock(3001)
    await sender.drain()
    assert [m.shown for m in api.telegram.messages(3001)] == [
        translator_for().get("ru", "plan-goal-done-mentee", title="#4", mentor="M")]
    await engine.dispose()


# --- (b), (e) processes on PostgreSQL -----------------------------------------------------------------------


async def _wait(api: BotApiServer, predicate, timeout: float, processes, logs) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        for process, log in zip(processes, logs, strict=True):
            if process.returncode is not None:
                raise AssertionError(f"a sender exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out: {len(api.accepted)} accepted\n" + "\n".join(l.read_text()[-2000:] for l in logs))
        await asyncio.sleep(0.05)


async def _stop(processes) -> None:
    for process in processes:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_three_scheduler_processes_share_the_queue_and_the_send_rate(backend, db_url, api, tmp_path, redis_url):
    if backend != "postgresql":
        pytest.skip("several sender processes need PostgreSQL's SKIP LOCKED (SQLite has one writer)")
    rate, count = 25, 300
    env = _env(db_url, api, SEND_RATE=str(rate), SCHEDULER_TICK="0.2", RUN_SCHEDULER="true", REDIS_URL=redis_url,
               LOG_LEVEL="INFO")
    logs = [tmp_path / f"s{n}.log" for n in range(3)]
    processes = [await _spawn("scheduler", env, log) for log in logs]
    try:
        # All three are up (imports take long on a loaded machine) before the queue fills: all three drain it.
        await _wait(api, lambda: all("scheduler started" in log.read_text() for log in logs), STARTUP, processes, logs)
        await queue_rows(db_url, count)
        await _wait(api, lambda: len(api.accepted) >= count, 60, processes, logs)
        await asyncio.sleep(0.5)  # anything sent twice would arrive now
    finally:
        await _stop(processes)
    assert delivered_rows(api, range(BASE_CHAT, BASE_CHAT + count)) == Counter({str(i): 1 for i in range(count)})
    assert api.too_many == 0  # the fake enforces Telegram's 30/s for the token
    assert (await statuses(db_url))["sent"] == count
    # Together at SEND_RATE, not each: at least 90 % of it, and never above it. The slots are booked exactly, on
    # Redis's clock; the arrivals here are a little less exact: on a loaded machine a process that runs late makes
    # its booked call late, next to the one after it, and the fake notes arrivals when its own loop gets to run —
    # a rolling second then holds up to SEND_RATE + 3 although nothing was booked beyond SEND_RATE. So the arrivals
    # are counted over rolling five-second windows: 5 × SEND_RATE + 1 (the one at a window's very start and the one
    # at its very end) plus 3 for up to about 120 ms of such lateness. Three processes each spending SEND_RATE
    # would show about 3 × SEND_RATE in any window.
    times = [at for at, _chat in api.accepted]
    achieved = (count - 1) / (times[-1] - times[0])
    window, peak = 0, 0
    for i, at in enumerate(times):
        while times[window] <= at - 5.0:
            window += 1
        peak = max(peak, i - window + 1)
    print(f"3 processes: {achieved:.1f}/s of SEND_RATE {rate}, busiest five seconds {peak}")
    assert 0.9 * rate <= achieved <= rate * 1.01, achieved
    assert peak <= 5 * rate + 4, peak
    senders = [log.read_text() for log in logs]
    assert not [line for text in senders for line in text.splitlines() if " ERROR " in line], senders


async def _until_it_holds_a_claim(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        async with engine.connect() as connection:
            while not await connection.scalar(select(func.count()).select_from(OutboxRow).where(
                    OutboxRow.claimed_until.is_not(None), OutboxRow.status == "pending")):
                await connection.rollback()  # a fresh snapshot each time
                await asyncio.sleep(0.005)
    finally:
        await engine.dispose()


async def test_kill_9_mid_drain_loses_nothing_and_repeats_at_most_the_sends_in_flight(backend, db_url, api, tmp_path):
    if backend != "postgresql":
        pytest.skip("the crash test runs sender processes against PostgreSQL")
    count = 3000
    api.enforce_limits(token_rate=330)
    await queue_rows(db_url, count)
    env = _env(db_url, api, DRAIN_RATE="300")
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = await _spawn("tests.outbox_drainer", env, first_log)
    try:
        await _wait(api, lambda: "drainer ready" in first_log.read_text(), STARTUP, [first], [first_log])
        await _wait(api, lambda: len(api.accepted) >= 1000, 60, [first], [first_log])
        # Killed while it holds a claim, not in the moment between two batches (a loaded machine makes that moment
        # long enough to hit).
        await asyncio.wait_for(_until_it_holds_a_claim(db_url), 30)
        first.kill()  # SIGKILL: no cleanup of any kind
        await first.wait()
    finally:
        await _stop([first])
    in_db = await statuses(db_url)
    assert 0 < in_db["sent"] <= len(api.accepted) and in_db["pending"] > 0
    # The dead process's claims hold until their lease (60 s) runs out; let it run out now rather than wait.
    engine = create_engine(db_url)
    async with engine.begin() as connection:
        claimed = await connection.execute(
            update(OutboxRow).where(OutboxRow.claimed_until.is_not(None), OutboxRow.status == "pending")
            .values(claimed_until=datetime.now(UTC) - timedelta(seconds=1))
        )
        assert claimed.rowcount > 0  # it died holding a claim
    await engine.dispose()
    second = await _spawn("tests.outbox_drainer", env, second_log)
    try:
        seen = lambda: len({chat for _at, chat in api.accepted}) >= count  # noqa: E731
        await _wait(api, seen, STARTUP + 60, [second], [second_log])
        await asyncio.sleep(0.5)
    finally:
        await _stop([second])
    delivered = delivered_rows(api, range(BASE_CHAT, BASE_CHAT + count))
    assert set(delivered) == {str(i) for i in range(count)}
    duplicates = sum(n - 1 for n in delivered.values())
    assert duplicates <= CONCURRENCY, f"{duplicates} rows were sent twice"
    assert (await statuses(db_url)) == Counter({"sent": count})
    assert api.too_many == 0
