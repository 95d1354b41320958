"""Update-handling scenarios: a bare aiogram handler (the floor) and the real dispatcher from bot.app.

Every scenario talks to the in-process fake Telegram (tests/fakes/telegram.py), so no network is involved and the
Bot API side costs the same for the floor and for the bot: request serialisation, HTML checking of the text and
response parsing. What differs is what the bot does per update: middlewares, database, FSM storage, dialogs.

Each scenario prepares its people first, then times only the measured updates:

* sequential: K updates one after another; each update's latency is measured around `feed_update`.
* concurrent: the same kind of update with `concurrency` updates in flight at any moment, each from a different
  person (a pool of workers; as soon as one update finishes, its worker takes the next). If no update finishes
  for `STALL_SECONDS`, the run is stopped and reported as stalled instead of waiting for timeouts.

Updates are parsed with the bot mounted (`Update.model_validate(json, context={"bot": bot})`) before timing, as
aiogram's polling and webhook paths do; parsing itself is not timed.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import logging
import math
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.types import Message, Update
from sqlalchemy import event, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import App, build_bot, create_app
from bot.lifecycle import settle_after_startup
from bot.storage import SqlStorage, dialog_key_builder, parse_key
from db import migrate
from db.engine import create_engine
from db.models import PersonRow, QuestionnaireAnswerRow, QuestionnaireResponseRow
from db.transaction import transaction
from mentorship.clock import Clock, SystemClock
from mentorship.consent import ORDER as CONSENT_ORDER
from mentorship.entities import Actor
from mentorship.invitations import ALLOWED_USES
from mentorship.roles import Category, MentorshipForm, OrgKind, ParticipationStatus, Role
from mentorship.services.participation import decide_self
from mentorship.services.invitations import create_invitation
from mentorship.services.organisations import create_organisation
from mentorship.services.people import load_actor
from mentorship.services.registration import RegistrationForm, register
from tests.fakes.telegram import FakeSession, FakeTelegram
from tests.flows import register as register_through_dialogs
from tests.harness import Harness, settings_for_tests

log = logging.getLogger(__name__)

ADMIN_ID = 1000
CURATOR_ID = 2000
REGISTERED_BASE = 100_000  # telegram ids of people registered before timing (start_registered)
NEWCOMER_BASE = 200_000  # telegram ids of people in the middle of registration (registration_step)
BASELINE_BASE = 300_000  # telegram ids that talk to the bare handler
FSM_BASE = 400_000  # telegram ids that answer the bare two-state FSM (fsm_baseline)
MENTOR_BASE = 500_000  # telegram ids of active mentors at their questionnaire's first question (questionnaire_step)

REDIS_FSM_BASE = 450_000  # telegram ids that answer the bare two-state FSM on Redis (redis_fsm_baseline)
REDIS_DIALOG_BASE = 470_000  # telegram ids that answer the bare aiogram-dialog on Redis (redis_dialog_baseline)
BENCH_IDS_END = 1_000_000  # every telegram id above is below this

SCENARIOS = ("baseline", "redis_fsm_baseline", "redis_dialog_baseline", "fsm_baseline", "start_registered",
             "registration_step", "questionnaire_step")
#: The peer's fastest dialog step (aiogram's FSM on RedisStorage): dialog scenarios also report their rate as a
#: share of it (the issue's goal: at least 0.33), from the same run.
PEER_BASELINE = "redis_fsm_baseline"
#: The same step as a peer bot built on aiogram-dialog takes it (a dialog of two windows on RedisStorage, nothing
#: else stored): dialog scenarios also report their share of it, the floor of the libraries the bot is built on.
DIALOG_PEER_BASELINE = "redis_dialog_baseline"
PEER_OF = ("start_registered", "registration_step", "questionnaire_step")
DB_SCENARIOS = ("fsm_baseline", "start_registered", "registration_step", "questionnaire_step")
DEFAULT_N = {
    "baseline": 2000, "redis_fsm_baseline": 1000, "redis_dialog_baseline": 1000, "fsm_baseline": 1000,
    "start_registered": 1000, "registration_step": 1000,
    # Each timed update needs a mentor registered and consented through the dialogs first (about a dozen updates
    # each, ~0.1 s on 2 cores): 300 keeps the scenario at about a minute and a half.
    "questionnaire_step": 300,
}
#: Which floor each scenario's ratio is taken against (it runs first, in the same process).
BASELINE_OF = {
    "redis_fsm_baseline": "baseline",
    "redis_dialog_baseline": "baseline",
    "fsm_baseline": "baseline",
    "start_registered": "baseline",
    "registration_step": "baseline",
    "questionnaire_step": "fsm_baseline",
}
DESCRIPTIONS = {
    "baseline": "bare aiogram Dispatcher, one handler: message.answer('hi')",
    "redis_fsm_baseline": "bare aiogram Dispatcher over aiogram's RedisStorage, the same two-state FSM: what a peer "
                          "bot would run",
    "redis_dialog_baseline": "bare aiogram-dialog over aiogram's RedisStorage, two windows: typed answer -> next "
                             "window sent, old buttons removed: what a peer bot on aiogram-dialog would run",
    "fsm_baseline": "bare aiogram Dispatcher over the bot's SqlStorage, two-state FSM: update_data, set_state, answer",
    "start_registered": "/start from a registered, active participant (round-robin over many people)",
    "registration_step": "name typed at the registration dialog's name question -> date-of-birth question",
    "questionnaire_step": "active teacher mentor answers the questionnaire's number question -> stored, next question",
}
MAX_USES = max(ALLOWED_USES)
PREPARE_CONCURRENCY = 5  # preparation only; stays below the pool sizes (see README, "Findings")
STALL_SECONDS = 5.0  # no update finished for this long in the concurrent mode: report a stall


@dataclass(frozen=True)
class Options:
    backend: str = "postgresql"
    n: int | None = None  # timed updates per mode; None means DEFAULT_N[scenario]
    concurrency: int = 20
    users: int = 500  # distinct registered people for start_registered
    warmup: int = 50
    skip_concurrent: bool = False
    dialogs: str = "database"  # where the bot keeps dialog state: "database" (the default) or "redis" (REDIS_URL)
    population: int = 0  # padding participants of other organisations bulk-inserted first (bench/population.py)

    def count(self, scenario: str) -> int:
        return self.n if self.n is not None else DEFAULT_N[scenario]


# --- measuring ---------------------------------------------------------------------------------------------------


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), q in [0, 100]."""
    if not sorted_values:
        return math.nan
    position = (len(sorted_values) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


@dataclass
class Counts:
    sql: int = 0
    connections: int = 0
    api_calls: int = 0
    api_errors: int = 0
    log_problems: int = 0
    fsm_sql: int = 0  # of `sql`, those of the FSM storage's own engine
    fsm_connections: int = 0  # of `connections`, checkouts from the FSM storage's pool

    def minus(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f) - getattr(other, f) for f in self.__dataclass_fields__))


@dataclass
class Measurement:
    mode: str  # "sequential" | "concurrent"
    concurrency: int
    count: int  # updates that finished
    seconds: float
    latencies_ms: list[float] = field(repr=False)
    counts: Counts
    attempted: int = 0
    stall: str | None = None  # what the pool looked like when nothing moved any more

    @property
    def stalled(self) -> bool:
        return self.stall is not None

    @property
    def updates_per_s(self) -> float:
        return self.count / self.seconds if self.seconds and not self.stalled else math.nan

    def p(self, q: float) -> float:
        return percentile(sorted(self.latencies_ms), q)

    def per_update(self, name: str) -> float:
        return getattr(self.counts, name) / self.count if self.count else math.nan

    def to_json(self) -> dict[str, Any]:
        def num(value: float, digits: int) -> float | None:
            return None if math.isnan(value) else round(value, digits)

        return {
            "mode": self.mode,
            "concurrency": self.concurrency,
            "count": self.count,
            "attempted": self.attempted,
            "stalled": self.stall,
            "seconds": round(self.seconds, 4),
            "updates_per_s": num(self.updates_per_s, 1),
            "latency_ms": {
                "p50": num(self.p(50), 3),
                "p90": num(self.p(90), 3),
                "p99": num(self.p(99), 3),
                "max": round(max(self.latencies_ms), 3) if self.latencies_ms else None,
                "mean": round(sum(self.latencies_ms) / len(self.latencies_ms), 3) if self.latencies_ms else None,
            },
            "per_update": {
                "sql_statements": num(self.per_update("sql"), 2),
                "connection_checkouts": num(self.per_update("connections"), 2),
                "fsm_storage_sql_statements": num(self.per_update("fsm_sql"), 2),
                "fsm_storage_connection_checkouts": num(self.per_update("fsm_connections"), 2),
                "bot_api_calls": num(self.per_update("api_calls"), 2),
            },
            "errors": {"bot_api": self.counts.api_errors, "logged": self.counts.log_problems},
        }


@dataclass
class ScenarioResult:
    name: str
    backend: str
    measurements: list[Measurement]
    setup_seconds: float
    checks: dict[str, Any]

    @property
    def ok(self) -> bool:
        clean = all(
            m.counts.api_errors == 0 and m.counts.log_problems == 0 and not m.stalled for m in self.measurements
        )
        return clean and bool(self.checks.get("ok", True))

    def mode(self, mode: str) -> Measurement | None:
        return next((m for m in self.measurements if m.mode == mode), None)


class ProblemLog(logging.Handler):
    """Counts warnings and errors logged anywhere (a failed update is logged by bot.handlers.errors)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.first: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if self.first is None:
            self.first = record


class Probe:
    """SQL statements and pool checkouts of the app's engine and of its FSM storage's own engine (counted in the
    totals and also apart), Bot API calls of one fake Telegram, logged problems."""

    def __init__(self, telegram: FakeTelegram, problems: ProblemLog, engine: AsyncEngine | None = None,
                 fsm_engine: AsyncEngine | None = None) -> None:
        self.telegram = telegram
        self.problems = problems
        self.engines = tuple(e for e in (engine, fsm_engine) if e is not None)
        self.sql = self.connections = self.fsm_sql = self.fsm_connections = 0
        if engine is not None:
            event.listen(engine.sync_engine, "before_cursor_execute", self._on_sql)
            event.listen(engine.sync_engine.pool, "checkout", self._on_checkout)
        if fsm_engine is not None:
            event.listen(fsm_engine.sync_engine, "before_cursor_execute", self._on_fsm_sql)
            event.listen(fsm_engine.sync_engine.pool, "checkout", self._on_fsm_checkout)

    def _on_sql(self, *_: Any) -> None:
        self.sql += 1

    def _on_checkout(self, *_: Any) -> None:
        self.connections += 1

    def _on_fsm_sql(self, *_: Any) -> None:
        self.sql += 1
        self.fsm_sql += 1

    def _on_fsm_checkout(self, *_: Any) -> None:
        self.connections += 1
        self.fsm_connections += 1

    def snapshot(self) -> Counts:
        calls = self.telegram.calls
        return Counts(
            sql=self.sql,
            connections=self.connections,
            fsm_sql=self.fsm_sql,
            fsm_connections=self.fsm_connections,
            api_calls=len(calls),
            api_errors=sum(1 for c in calls if c.error),
            log_problems=self.problems.count,
        )

    def pool_status(self) -> str:
        return "; ".join(engine.pool.status() for engine in self.engines) or "no database"


Feed = Callable[[Update], Awaitable[Any]]


async def measure_sequential(feed: Feed, updates: Sequence[Update], probe: Probe) -> Measurement:
    latencies: list[float] = []
    gc.collect()
    before = probe.snapshot()
    clock = time.perf_counter
    started = clock()
    for update in updates:
        t0 = clock()
        await feed(update)
        latencies.append((clock() - t0) * 1000)
    seconds = clock() - started
    counts = probe.snapshot().minus(before)
    return Measurement("sequential", 1, len(updates), seconds, latencies, counts, attempted=len(updates))


async def measure_concurrent(feed: Feed, updates: Sequence[Update], probe: Probe, concurrency: int) -> Measurement:
    """`concurrency` workers share one iterator, so that many updates are in flight until the list runs out.

    A watchdog stops the run when nothing finishes for STALL_SECONDS (all updates waiting on each other, e.g.
    for database connections), and records the pool's state at that moment.
    """
    latencies: list[float] = []
    pending = iter(updates)
    clock = time.perf_counter
    attempted = 0

    async def worker() -> None:
        nonlocal attempted
        for update in pending:
            attempted += 1
            t0 = clock()
            await feed(update)
            latencies.append((clock() - t0) * 1000)

    gc.collect()
    before = probe.snapshot()
    started = clock()
    workers = [asyncio.create_task(worker()) for _ in range(concurrency)]
    stall: str | None = None
    finished, last_progress = 0, clock()
    while True:
        done, _ = await asyncio.wait(workers, timeout=0.2)
        if len(done) == len(workers):
            break
        if len(latencies) != finished:
            finished, last_progress = len(latencies), clock()
        elif clock() - last_progress > STALL_SECONDS:
            stall = f"no update finished for {STALL_SECONDS:.0f}s; {probe.pool_status()}"
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            break
    seconds = clock() - started
    if stall is None:
        for task in workers:
            task.result()  # a worker's exception is a bench bug: surface it
    counts = probe.snapshot().minus(before)
    return Measurement("concurrent", concurrency, len(latencies), seconds, latencies, counts, attempted, stall)


async def measure(feed: Feed, probe: Probe, warm: Sequence[Update], sequential: Sequence[Update],
                  concurrent: Sequence[Update] | None, concurrency: int) -> list[Measurement]:
    settle_after_startup()  # as the bot's runner does once it has started
    await measure_sequential(feed, warm, probe)
    measurements = [await measure_sequential(feed, sequential, probe)]
    if concurrent is not None:
        measurements.append(await measure_concurrent(feed, concurrent, probe, concurrency))
    return measurements


# --- building updates --------------------------------------------------------------------------------------------


class UpdateFactory:
    """Updates as Telegram sends them (JSON), parsed with the bot mounted, the way polling and webhooks parse them."""

    def __init__(self, telegram: FakeTelegram, bot: Bot) -> None:
        self.telegram = telegram
        self.bot = bot
        self.ids = itertools.count(1_000_000)

    def message(self, user_id: int, text: str) -> Update:
        stored = self.telegram.add_user_message(user_id, text)  # so the fake knows the message, as a chat would
        payload: dict[str, Any] = {
            "message_id": stored.message_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": f"User{user_id}"},
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "language_code": "ru"},
            "text": text,
        }
        if text.startswith("/"):
            payload["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return Update.model_validate({"update_id": next(self.ids), "message": payload}, context={"bot": self.bot})


async def _bounded(concurrency: int, jobs: Sequence[Callable[[], Awaitable[Any]]]) -> None:
    semaphore = asyncio.Semaphore(concurrency)

    async def run(job: Callable[[], Awaitable[Any]]) -> None:
        async with semaphore:
            await job()

    await asyncio.gather(*(run(job) for job in jobs))


def process_memory() -> dict[str, float]:
    """This process's resident set now and its peak (VmRSS and VmHWM of /proc/self/status), in MiB."""
    found: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) / 1024  # kB
    return {"rss_mb": round(found["VmRSS"], 1), "peak_rss_mb": round(found["VmHWM"], 1)}


# --- the database ------------------------------------------------------------------------------------------------


@dataclass
class Database:
    backend: str
    url: str
    name: str | None = None  # PostgreSQL database to drop afterwards


def create_database(backend: str, workdir: Path) -> Database:
    """An empty database (not yet migrated). Synchronous: call it outside the event loop."""
    if backend == "postgresql":
        from tests.conftest import pg_database  # imports pytest (dev requirements), so only when needed
        from tests.services import ensure_postgres

        if not ensure_postgres():
            raise SystemExit("PostgreSQL is not reachable on 127.0.0.1:5432; start it or use --sqlite")
        name = f"mentorbot_bench_{os.getpid()}"
        return Database(backend, pg_database(name), name)
    return Database(backend, f"sqlite+aiosqlite:///{workdir / 'bench.db'}")


def drop_database(database: Database) -> None:
    if database.name is not None:
        from tests.conftest import drop_pg_database

        drop_pg_database(database.name)


async def database_version(engine: AsyncEngine) -> str:
    query = "select sqlite_version()" if engine.dialect.name == "sqlite" else "show server_version"
    async with engine.connect() as connection:
        version = await connection.scalar(text(query))
    return f"{engine.dialect.name} {version}"


def pool_description(engine: AsyncEngine) -> str:
    pool = engine.pool
    size = pool.size() if hasattr(pool, "size") else "?"
    overflow = getattr(pool, "_max_overflow", None)
    return f"{type(pool).__name__} size={size}" + (f" max_overflow={overflow}" if overflow is not None else "")


def storage_engine(storage: BaseStorage) -> AsyncEngine | None:
    """The engine of the bot's SQL FSM storage (a pool of its own, see bot.app), or None for another storage."""
    if isinstance(storage, SqlStorage):
        return storage.session_factory.kw["bind"]
    return None


# --- the bench ---------------------------------------------------------------------------------------------------


@dataclass
class Live:
    """One bot process: the real app over the fake Telegram, with its probe."""

    app: App
    telegram: FakeTelegram
    probe: Probe

    def feed(self, update: Update) -> Awaitable[Any]:
        return self.app.dispatcher.feed_update(self.app.bot, update)

    async def analyze(self) -> None:
        """Before timing: the statistics autovacuum would have gathered by now on a live database (it analyses a
        table within a minute of enough changes). Preparing people fills tables that were empty a moment earlier,
        and a connection that prepared a statement then keeps the plan made for an empty table until the next
        ANALYZE: the dialog records' read was a sequential scan of every record (bench/README.md, "Plans made on
        an empty table")."""
        async with self.app.engine.connect() as connection:
            await connection.execute(text("ANALYZE"))
            await connection.commit()


def redis_url() -> str:
    return os.environ.get("BENCH_REDIS_URL") or os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"


@asynccontextmanager
async def _bench_redis() -> AsyncIterator[tuple[BaseStorage, str]]:
    """aiogram's RedisStorage for a Redis baseline, its keys under a prefix of this run, deleted afterwards."""
    from aiogram.fsm.storage.base import DefaultKeyBuilder
    from aiogram.fsm.storage.redis import RedisStorage
    from redis.asyncio import Redis

    url = redis_url()
    prefix = f"mentorbot-bench-{os.getpid()}"
    redis = Redis.from_url(url)
    try:
        yield RedisStorage(redis, key_builder=DefaultKeyBuilder(prefix=prefix, with_destiny=True)), url
    finally:
        keys = [key async for key in redis.scan_iter(match=f"{prefix}:*", count=1000)]
        for start in range(0, len(keys), 500):
            await redis.delete(*keys[start:start + 500])
        await redis.aclose()


async def forget_bench_dialogs(url: str) -> int:
    """With `--dialogs redis` the bot keeps its dialogs under its own key prefix: delete those of the run's people
    (every telegram id the bench makes is below BENCH_IDS_END), leaving anyone else's in that Redis alone."""
    from redis.asyncio import Redis

    redis, builder = Redis.from_url(url), dialog_key_builder()
    try:
        keys = []
        async for raw in redis.scan_iter(match=f"{builder.prefix}{builder.separator}*", count=1000):
            key = raw.decode() if isinstance(raw, bytes) else raw
            parsed = parse_key(key, builder)
            if parsed is not None and max(parsed.user_id, parsed.chat_id) < BENCH_IDS_END:
                keys.append(key)
        for start in range(0, len(keys), 1000):
            await redis.delete(*keys[start:start + 1000])
        return len(keys)
    finally:
        await redis.aclose()


class Bench:
    """One database for the run (migrated, with an organisation and its curator); a fresh app per scenario, like a
    restart, so that one scenario's leftovers (a stalled pool, say) cannot skew the next."""

    def __init__(self, options: Options, problems: ProblemLog) -> None:
        self.options = options
        self.problems = problems
        self.clock: Clock = SystemClock()
        self.database: Database | None = None
        self.organisation_id: int | None = None
        self.facts: dict[str, Any] = {}

    @property
    def backend(self) -> str:
        """The database, and where the bot's dialogs live when that is not the database."""
        assert self.database is not None
        return self.database.backend + (" + redis dialogs" if self.options.dialogs == "redis" else "")

    async def open(self, database: Database) -> None:
        self.database = database
        await migrate.upgrade(database.url)
        async with self.live() as live:
            fsm_engine = storage_engine(live.app.storage)
            self.facts = {
                "database": await database_version(live.app.engine),
                "pool": pool_description(live.app.engine)
                + (f"; FSM storage {pool_description(fsm_engine)}" if fsm_engine is not None else ""),
            }
            admin = Actor(telegram_id=ADMIN_ID, is_superadmin=True, person=None)
            async with transaction(live.app.session_factory) as session:
                organisation = await create_organisation(
                    session, self.clock, admin, name="Школа № 5", kind=OrgKind.SCHOOL, municipality="Город N",
                    timezone="Europe/Moscow", forms=(MentorshipForm.PUPIL_PUPIL, MentorshipForm.TEACHER_TEACHER),
                )
                issued = await create_invitation(
                    session, self.clock, admin, organisation_id=organisation.id, role=Role.CURATOR, max_uses=1
                )
                form = RegistrationForm(full_name="Анна Петровна", date_of_birth=date(1985, 4, 12),
                                        category=Category.TEACHER, group_name=None, locale="ru")
                await register(session, self.clock, CURATOR_ID, issued.invitation.id, form, self.versions(live))
            self.organisation_id = organisation.id
            if self.options.population:  # the padding's questionnaire responses point at the shipped versions
                await live.app.dispatcher["questionnaires"].sync_at_startup(live.app.session_factory, self.clock)
        if self.options.population:
            from bench.population import describe, pad

            engine = create_engine(database.url)
            try:
                padded = await pad(engine, self.options.population, self.clock.now())
            finally:
                await engine.dispose()
            self.facts["padding"] = padded
            print(describe(padded), flush=True)

    @asynccontextmanager
    async def live(self, dialogs: str | None = None) -> AsyncIterator[Live]:
        """The app over the run's database, its dialogs where the options say (or `dialogs`)."""
        assert self.database is not None
        telegram = FakeTelegram()
        dialogs = {"redis_url": redis_url()} if (dialogs or self.options.dialogs) == "redis" else {}
        settings = settings_for_tests(self.database.url, admin_ids=frozenset({ADMIN_ID}), **dialogs)
        app = await create_app(settings, clock=self.clock, bot_session=FakeSession(telegram))
        try:
            yield Live(app, telegram, Probe(telegram, self.problems, app.engine, storage_engine(app.storage)))
        finally:
            await app.close()

    @staticmethod
    def versions(live: Live) -> dict:
        return live.app.dispatcher["consent_texts"].versions  # the consent texts' current versions

    async def mentee_invitations(self, live: Live, people: int, form: MentorshipForm) -> list[tuple[int, str]]:
        return await self.invitations(live, people, Role.MENTEE, form)

    async def invitations(self, live: Live, people: int, role: Role, form: MentorshipForm) -> list[tuple[int, str]]:
        """(invitation id, token) pairs with room for `people` registrations, MAX_USES each, made by the curator."""
        found = []
        async with transaction(live.app.session_factory) as session:
            curator = await load_actor(session, CURATOR_ID, frozenset())
            for _ in range(max(1, math.ceil(people / MAX_USES))):
                issued = await create_invitation(
                    session, self.clock, curator, organisation_id=self.organisation_id, role=role,
                    form=form, days=30, max_uses=MAX_USES,
                )
                found.append((issued.invitation.id, issued.token))
        return found

    # --- scenarios -------------------------------------------------------------------------------------------

    async def baseline(self) -> ScenarioResult:
        started = time.perf_counter()
        telegram = FakeTelegram()
        # Same Bot construction (HTML parse mode, link previews off) and the same fake session as the real app.
        bot = build_bot(settings_for_tests("sqlite+aiosqlite:///:memory:"), FakeSession(telegram))
        dispatcher = bare_dispatcher()
        probe = Probe(telegram, self.problems)
        factory = UpdateFactory(telegram, bot)
        n, users = self.options.count("baseline"), self.options.users

        def batch(count: int, offset: int = 0) -> list[Update]:
            return [factory.message(BASELINE_BASE + (offset + i) % users, "hello") for i in range(count)]

        concurrent = None if self.options.skip_concurrent else batch(n, 7)
        warm, sequential = batch(max(self.options.warmup, 200)), batch(n)
        setup = time.perf_counter() - started
        try:
            measurements = await measure(
                lambda update: dispatcher.feed_update(bot, update), probe, warm, sequential, concurrent,
                self.options.concurrency,
            )
        finally:
            await bot.session.close()
        answered = sum(1 for c in telegram.calls if c.method == "sendMessage" and not c.error)
        expected = len(warm) + sum(m.count for m in measurements)
        return ScenarioResult("baseline", "none", measurements, setup, {
            "ok": answered == expected, "answers": answered, "updates": expected,
        })

    async def redis_fsm_baseline(self) -> ScenarioResult:
        """The peer's floor: the same bare two-state FSM as fsm_baseline on aiogram's own RedisStorage, with the
        app's Bot and fake Telegram."""
        async def opening(dispatcher: Dispatcher, bot: Bot, _factory: UpdateFactory, uid: int) -> None:
            await dispatcher.fsm.get_context(bot, chat_id=uid, user_id=uid).set_state(TwoSteps.first)

        async def check(telegram: FakeTelegram, dispatcher: Dispatcher, bot: Bot, people: range) -> dict[str, Any]:
            wrong = [uid for uid in people if [m.shown for m in telegram.messages(uid)][-1:] != [FSM_NEXT]]
            context = dispatcher.fsm.get_context(bot, chat_id=people[0], user_id=people[0])
            state, data = await context.get_state(), await context.get_data()
            return {"ok": not wrong and state == TwoSteps.second.state and data == {"answer": "ответ"},
                    "wrong_answer_chats": wrong[:5]}

        return await self._on_redis("redis_fsm_baseline", REDIS_FSM_BASE, fsm_dispatcher, opening, "ответ", check)

    async def redis_dialog_baseline(self) -> ScenarioResult:
        """The peer's floor for a step of a dialog: a bare aiogram-dialog of two windows on aiogram's RedisStorage,
        the step the bot's dialogs take (a typed answer, the next window sent below it, the old one's buttons
        removed: two Bot API calls), with nothing stored anywhere else. Each person opens the dialog first."""
        async def opening(dispatcher: Dispatcher, bot: Bot, factory: UpdateFactory, uid: int) -> None:
            await dispatcher.feed_update(bot, factory.message(uid, "/start"))
            if factory.telegram.last(uid).shown != DIALOG_FIRST:
                raise RuntimeError(f"person {uid} is not at the dialog's first window")

        async def check(telegram: FakeTelegram, _dispatcher: Dispatcher, _bot: Bot, people: range) -> dict[str, Any]:
            wrong = [uid for uid in people if telegram.last(uid).shown != DIALOG_NEXT]
            return {"ok": not wrong, "wrong_answer_chats": wrong[:5]}

        return await self._on_redis("redis_dialog_baseline", REDIS_DIALOG_BASE, dialog_dispatcher, opening, "12",
                                    check)

    async def _on_redis(self, name: str, base: int, make: Callable[[BaseStorage], Dispatcher],
                        opening: Callable[..., Awaitable[None]], text: str,
                        check: Callable[..., Awaitable[dict[str, Any]]]) -> ScenarioResult:
        """A bare dispatcher (`make`) on aiogram's RedisStorage (keys under a prefix of this run, deleted afterwards),
        with the app's Bot and fake Telegram: every person is brought to the step (`opening`) before timing, then
        types `text` once; `check` reads what they were shown."""
        started = time.perf_counter()
        async with _bench_redis() as (storage, url):
            telegram = FakeTelegram()
            bot = build_bot(settings_for_tests("sqlite+aiosqlite:///:memory:"), FakeSession(telegram))
            dispatcher = make(storage)
            factory = UpdateFactory(telegram, bot)
            warm_n, n = self.options.warmup, self.options.count(name)
            people = range(base, base + warm_n + n * (1 if self.options.skip_concurrent else 2))
            try:
                for uid in people:
                    await opening(dispatcher, bot, factory, uid)
                updates = [factory.message(uid, text) for uid in people]
                concurrent = None if self.options.skip_concurrent else updates[warm_n + n:]
                setup = time.perf_counter() - started
                measurements = await measure(
                    lambda update: dispatcher.feed_update(bot, update), Probe(telegram, self.problems),
                    updates[:warm_n], updates[warm_n:warm_n + n], concurrent, self.options.concurrency,
                )
                checks = await check(telegram, dispatcher, bot, people)
            finally:
                await bot.session.close()
        return ScenarioResult(name, "redis", measurements, setup,
                              checks | {"people": len(people), "redis": url.rsplit("@", 1)[-1]})

    async def fsm_baseline(self) -> ScenarioResult:
        async with self.live(dialogs="database") as live:  # the floor of the bot's own SQL storage, always
            return await self._fsm_baseline(live)

    async def _fsm_baseline(self, live: Live) -> ScenarioResult:
        """The floor for a dialog step: a bare Dispatcher on the very storage object the app built (bot.storage.
        SqlStorage, its own pool, over the same database) and the app's Bot. Only the bare dispatcher is fed."""
        started = time.perf_counter()
        storage = live.app.storage
        if not isinstance(storage, SqlStorage):
            raise RuntimeError(f"the app's FSM storage is {type(storage).__name__}, not SqlStorage")
        dispatcher = fsm_dispatcher(storage)
        groups = self._groups("fsm_baseline")
        total = sum(size for _, size in groups)

        def prepare(i: int) -> Callable[[], Awaitable[Any]]:
            async def job() -> None:
                uid = FSM_BASE + i
                await dispatcher.fsm.get_context(live.app.bot, chat_id=uid, user_id=uid).set_state(TwoSteps.first)
            return job

        await _bounded(PREPARE_CONCURRENCY, [prepare(i) for i in range(total)])
        batches = self._fresh_batches(live, groups, FSM_BASE, "ответ")
        setup = time.perf_counter() - started
        await live.analyze()
        measurements = await measure(
            lambda update: dispatcher.feed_update(live.app.bot, update), live.probe, batches["warm"],
            batches["sequential"], batches.get("concurrent"), self.options.concurrency,
        )
        checked = self._checked(total, measurements, "fsm_baseline")
        wrong = [uid for uid in range(FSM_BASE, FSM_BASE + checked) if live.telegram.last(uid).shown != FSM_NEXT]
        context = dispatcher.fsm.get_context(live.app.bot, chat_id=FSM_BASE, user_id=FSM_BASE)
        state, data = await context.get_state(), await context.get_data()
        return ScenarioResult("fsm_baseline", self.database.backend, measurements, setup, {
            "ok": not wrong and state == TwoSteps.second.state and data == {"answer": "ответ"},
            "people": total, "checked": checked, "wrong_answer_chats": wrong[:5],
            "first_person": {"state": state, "data": data},
        })

    async def start_registered(self) -> ScenarioResult:
        async with self.live() as live:
            return await self._start_registered(live)

    async def _register_active(self, live: Live, users: int) -> None:
        """`users` adult mentees (teacher-teacher form) who gave their own consents, through the services: active
        participants, the common returning user. (A pupil under 14 would wait for a parent; /start answers them
        the same way.)"""
        versions = self.versions(live)
        invitations = await self.mentee_invitations(live, users, MentorshipForm.TEACHER_TEACHER)

        def register_one(i: int) -> Callable[[], Awaitable[Any]]:
            async def job() -> None:
                form = RegistrationForm(full_name=f"Учитель {i}", date_of_birth=date(1990, 1 + i % 12, 1 + i % 28),
                                        category=Category.TEACHER, group_name=None, locale="ru")
                async with transaction(live.app.session_factory) as session:
                    person, view = await register(
                        session, self.clock, REGISTERED_BASE + i, invitations[i // MAX_USES][0], form, versions
                    )
                    for kind in CONSENT_ORDER:
                        situation = await decide_self(
                            session, self.clock, person, view.invitation.organisation_id, kind, True, versions,
                            "0" * 64, "ru",
                        )
                        person = situation.person
                if not all(m.status == ParticipationStatus.ACTIVE for m in person.memberships):
                    raise RuntimeError(f"person {person.telegram_id} is not active: {person.memberships}")
            return job

        await _bounded(PREPARE_CONCURRENCY, [register_one(i) for i in range(users)])

    async def _start_registered(self, live: Live) -> ScenarioResult:
        started = time.perf_counter()
        users = self.options.users
        await self._register_active(live, users)
        factory = UpdateFactory(live.telegram, live.app.bot)
        n = self.options.count("start_registered")

        def batch(count: int, offset: int = 0) -> list[Update]:
            return [factory.message(REGISTERED_BASE + (offset + i) % users, "/start") for i in range(count)]

        concurrent = None if self.options.skip_concurrent else batch(n, 13)
        warm, sequential = batch(self.options.warmup), batch(n)
        setup = time.perf_counter() - started
        await live.analyze()
        measurements = await measure(live.feed, live.probe, warm, sequential, concurrent, self.options.concurrency)
        welcome = live.app.translator.get("ru", "start-registered", name="").split(",")[0]  # "С возвращением"
        checked = range(REGISTERED_BASE, REGISTERED_BASE + min(users, self.options.count("start_registered")))
        wrong = [uid for uid in checked if welcome not in live.telegram.last(uid).shown]
        return ScenarioResult("start_registered", self.backend, measurements, setup, {
            "ok": not wrong, "people": users, "expected_text": welcome, "wrong_answer_chats": wrong[:5],
        })

    async def memory(self, updates: int, chunk: int = 500) -> dict[str, Any]:
        """The bot process's resident set after `updates` updates: /start from `--users` registered people,
        round-robin, one at a time, in a fresh app (a restart). The updates are built `chunk` at a time and the
        fake Telegram forgets its chats after each chunk (once the answers are checked), so what grows is the
        bot's, not the bench's."""
        async with self.live() as live:
            started = time.perf_counter()
            users = self.options.users
            await self._register_active(live, users)
            factory = UpdateFactory(live.telegram, live.app.bot)
            welcome = live.app.translator.get("ru", "start-registered", name="").split(",")[0]
            gc.collect()
            rss_start = process_memory()
            setup, started = time.perf_counter() - started, time.perf_counter()
            done, wrong, api_errors, problems_before = 0, 0, 0, self.problems.count
            series: list[dict[str, Any]] = []
            while done < updates:
                people = [REGISTERED_BASE + (done + i) % users for i in range(min(chunk, updates - done))]
                batch = [factory.message(uid, "/start") for uid in people]
                for update in batch:
                    await live.feed(update)
                wrong += sum(1 for uid in set(people) if welcome not in live.telegram.last(uid).shown)
                api_errors += sum(1 for c in live.telegram.calls if c.error)
                live.telegram.chats.clear()
                live.telegram.calls.clear()
                done += len(batch)
                del batch
                if done % 1000 == 0 or done == updates:
                    series.append({"updates": done, "rss_mb": process_memory()["rss_mb"]})
            seconds = time.perf_counter() - started
            gc.collect()
            after = process_memory()
        problems = self.problems.count - problems_before
        return {
            "updates": done, "users": users, "seconds": round(seconds, 1), "setup_seconds": round(setup, 1),
            "rss_mb": after["rss_mb"], "peak_rss_mb": after["peak_rss_mb"], "rss_before_mb": rss_start["rss_mb"],
            "rss_series": series, "wrong_answers": wrong, "api_errors": api_errors, "logged_problems": problems,
            "ok": wrong == 0 and api_errors == 0 and problems == 0,
        }

    async def registration_step(self) -> ScenarioResult:
        async with self.live() as live:
            return await self._registration_step(live)

    async def _registration_step(self, live: Live) -> ScenarioResult:
        """Each timed update is a different newcomer, prepared (`/start <token>`, "Продолжить") before timing."""
        started = time.perf_counter()
        groups = self._groups("registration_step")
        total = sum(size for _, size in groups)
        # Nobody finishes registering, so no use is consumed; room for everyone anyway.
        invitations = await self.mentee_invitations(live, total, MentorshipForm.PUPIL_PUPIL)
        harness = Harness(live.app, live.telegram, self.clock)  # plays the steps before the measured one
        # a pupil–pupil mentee invitation: the newcomer is asked on «ты»
        question = live.app.translator.get("ru", "reg-ask-name", you="ty")

        def prepare(i: int) -> Callable[[], Awaitable[Any]]:
            async def job() -> None:
                person = harness.user(NEWCOMER_BASE + i)
                await person.send(f"/start {invitations[i // MAX_USES][1]}")
                await person.click("Продолжить")
                if question not in person.last:
                    raise RuntimeError(f"newcomer {person.id} is not at the name question: {person.last!r}")
            return job

        await _bounded(PREPARE_CONCURRENCY, [prepare(i) for i in range(total)])
        batches = self._fresh_batches(live, groups, NEWCOMER_BASE, "Иванов Пётр")
        setup = time.perf_counter() - started
        await live.analyze()
        measurements = await measure(
            live.feed, live.probe, batches["warm"], batches["sequential"], batches.get("concurrent"),
            self.options.concurrency,
        )
        next_question = live.app.translator.get("ru", "reg-ask-birth-date")
        # Every newcomer whose update ran must see the next question.
        checked = self._checked(total, measurements, "registration_step")
        wrong = [
            uid for uid in range(NEWCOMER_BASE, NEWCOMER_BASE + checked)
            if live.telegram.last(uid).shown != next_question
        ]
        return ScenarioResult("registration_step", self.backend, measurements, setup, {
            "ok": not wrong, "newcomers": total, "checked": checked, "expected_text": next_question,
            "wrong_answer_chats": wrong[:5],
        })

    async def questionnaire_step(self) -> ScenarioResult:
        async with self.live() as live:
            return await self._questionnaire_step(live)

    async def _questionnaire_step(self, live: Live) -> ScenarioResult:
        """Each timed update is a different active teacher mentor standing at their questionnaire's first question
        (a number question), who types "12"; prepared through the dialogs before timing."""
        started = time.perf_counter()
        groups = self._groups("questionnaire_step")
        total = sum(size for _, size in groups)
        invitations = await self.invitations(live, total, Role.MENTOR, MentorshipForm.TEACHER_TEACHER)
        harness = Harness(live.app, live.telegram, self.clock)
        questionnaire = next(q for q in live.app.dispatcher["questionnaires"].definitions if q.key == "mentor-teacher")
        first, second = questionnaire.questions[0], questionnaire.questions[1]
        asked, next_question = first.text.get("ru"), second.text.get("ru")

        def prepare(i: int) -> Callable[[], Awaitable[Any]]:
            async def job() -> None:
                person = harness.user(MENTOR_BASE + i)
                # An adult teacher mentor through the real dialogs: registration, then every consent agreed to.
                await register_through_dialogs(person, invitations[i // MAX_USES][1], name="Игорь Петров",
                                               birth_date="05.05.1990", category="Педагог", consent=True)
                await person.send("/questionnaire")
                if asked not in person.last:
                    raise RuntimeError(f"mentor {person.id} is not at the question {first.id!r}: {person.last!r}")
            return job

        await _bounded(PREPARE_CONCURRENCY, [prepare(i) for i in range(total)])
        batches = self._fresh_batches(live, groups, MENTOR_BASE, "12")
        setup = time.perf_counter() - started
        await live.analyze()
        measurements = await measure(
            live.feed, live.probe, batches["warm"], batches["sequential"], batches.get("concurrent"),
            self.options.concurrency,
        )
        checked = self._checked(total, measurements, "questionnaire_step")
        people = range(MENTOR_BASE, MENTOR_BASE + checked)
        wrong = [uid for uid in people if next_question not in live.telegram.last(uid).shown]
        async with live.app.session_factory() as session:
            rows = await session.execute(
                select(PersonRow.telegram_id, QuestionnaireAnswerRow.value)
                .join(QuestionnaireResponseRow, QuestionnaireResponseRow.person_id == PersonRow.id)
                .join(QuestionnaireAnswerRow, QuestionnaireAnswerRow.response_id == QuestionnaireResponseRow.id)
                .where(PersonRow.telegram_id.in_(people), QuestionnaireAnswerRow.question_id == first.id)
            )
            stored = dict(rows.all())
        not_stored = [uid for uid in people if stored.get(uid) != 12]
        return ScenarioResult("questionnaire_step", self.backend, measurements, setup, {
            "ok": not wrong and not not_stored, "mentors": total, "checked": checked,
            "answered_question": first.id, "expected_text": next_question,
            "wrong_answer_chats": wrong[:5], "answer_not_stored": not_stored[:5],
        })

    # --- helpers for scenarios with a fresh person per timed update ----------------------------------------

    def _groups(self, scenario: str) -> list[tuple[str, int]]:
        """(batch, size): warm-up, sequential and (unless skipped) concurrent, each person used exactly once."""
        n = self.options.count(scenario)
        groups = [("warm", self.options.warmup), ("sequential", n)]
        if not self.options.skip_concurrent:
            groups.append(("concurrent", n))
        return groups

    @staticmethod
    def _fresh_batches(live: Live, groups: list[tuple[str, int]], base: int, text: str) -> dict[str, list[Update]]:
        factory = UpdateFactory(live.telegram, live.app.bot)
        batches: dict[str, list[Update]] = {}
        offset = 0
        for label, size in groups:
            batches[label] = [factory.message(base + offset + i, text) for i in range(size)]
            offset += size
        return batches

    def _checked(self, total: int, measurements: list[Measurement], scenario: str) -> int:
        """How many of the first people had their update run (a stalled run is reported by itself)."""
        return total if not any(m.stalled for m in measurements) else self.options.warmup + self.options.count(scenario)


class TwoSteps(StatesGroup):
    first = State()
    second = State()


FSM_NEXT = "next question"


def fsm_dispatcher(storage: BaseStorage) -> Dispatcher:
    """The floor for a dialog step: aiogram's FSM on the storage the bot uses without Redis (with the same event
    isolation as the bot there), one handler for state `first` that keeps the answer and moves on."""
    router = Router(name="fsm_baseline")

    @router.message(TwoSteps.first)
    async def first(message: Message, state: FSMContext) -> None:
        await state.update_data(answer=message.text)
        await state.set_state(TwoSteps.second)
        await message.answer(FSM_NEXT)

    dispatcher = Dispatcher(storage=storage, events_isolation=SimpleEventIsolation())
    dispatcher.include_router(router)
    return dispatcher


DIALOG_FIRST, DIALOG_NEXT = "first question", "second question"


class TwoQuestions(StatesGroup):
    first = State()
    second = State()


def dialog_dispatcher(storage: BaseStorage) -> Dispatcher:
    """The floor of a dialog step on the bot's libraries: aiogram-dialog with its defaults, a dialog of two windows
    with buttons under each (as the bot's questions have), a text input on the first that keeps the answer in the
    dialog's data and moves on; /start opens it."""
    from aiogram.filters import CommandStart
    from aiogram_dialog import Dialog, DialogManager, StartMode, Window, setup_dialogs
    from aiogram_dialog.widgets.input import TextInput
    from aiogram_dialog.widgets.kbd import Back, Cancel
    from aiogram_dialog.widgets.text import Const

    async def answered(_message: Message, _widget: Any, manager: DialogManager, _text: str) -> None:
        await manager.next()

    dialog = Dialog(
        Window(Const(DIALOG_FIRST), TextInput("answer", on_success=answered), Cancel(Const("Cancel")),
               state=TwoQuestions.first),
        Window(Const(DIALOG_NEXT), Back(Const("Back")), Cancel(Const("Cancel")), state=TwoQuestions.second),
    )
    router = Router(name="dialog_baseline")

    @router.message(CommandStart())
    async def start(_message: Message, dialog_manager: DialogManager) -> None:
        await dialog_manager.start(TwoQuestions.first, mode=StartMode.RESET_STACK)

    dispatcher = Dispatcher(storage=storage, events_isolation=SimpleEventIsolation())
    dispatcher.include_routers(router, dialog)
    setup_dialogs(dispatcher)
    return dispatcher


def bare_dispatcher() -> Dispatcher:
    """The floor: aiogram's own defaults (memory FSM storage), one handler, one Bot API call."""
    router = Router(name="baseline")

    @router.message()
    async def hi(message: Message) -> None:
        await message.answer("hi")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


async def run_scenarios(
    names: Sequence[str], options: Options, database: Database | None
) -> tuple[list[ScenarioResult], dict[str, Any]]:
    """Runs `names` in order (baseline first); returns their results and facts about the database."""
    problems = ProblemLog()
    logging.getLogger().addHandler(problems)
    bench = Bench(options, problems)
    results: list[ScenarioResult] = []
    try:
        if database is not None:
            await bench.open(database)
        for name in names:
            results.append(await getattr(bench, name)())
            if problems.first is not None:
                first = problems.first
                log.error("first problem logged during %s: %s: %s", name, first.name, first.getMessage())
                problems.first = None
    finally:
        logging.getLogger().removeHandler(problems)
        if options.dialogs == "redis":
            await forget_bench_dialogs(redis_url())
    return results, bench.facts
