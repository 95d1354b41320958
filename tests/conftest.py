"""Fixtures: real databases (SQLite always, PostgreSQL when reachable — required when CI=true), the fake
Telegram, and a harness that plays people talking to the real dispatcher."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import zlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from db import migrate
from mentorship.clock import FrozenClock
from tests import alone, speedups
from tests.harness import Harness
from tests.services import PG_ADMIN_URL, ensure_postgres, ensure_redis
from tests.stories import Stories, pg_empty

#: Fixtures more than one test file uses (a test asks for them by name).
pytest_plugins = [
    "tests.fixtures.pairs",
    "tests.fixtures.lifecycle",
    "tests.fixtures.plan",
    "tests.fixtures.questionnaires",
    "pytester",  # tests/test_harness.py runs test files of its own
]

BACKENDS = ("sqlite", "postgresql")
START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--backend", choices=("all", *BACKENDS), default="all", help="database backends to run")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("--backend")
        metafunc.parametrize("backend", BACKENDS if chosen == "all" else (chosen,), scope="session")


@pytest.hookimpl(trylast=True)  # after `-m`/`-k` deselected what they do not want
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `alone` first, spread over the workers (tests/alone.py)."""
    items[:] = alone.order(items)


@pytest.fixture(scope="session")
def postgres_available() -> bool:
    available = ensure_postgres()
    if not available and os.environ.get("CI") == "true":
        pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432, and CI requires it", pytrace=False)
    return available


@pytest.fixture(scope="session")
def redis_available() -> bool:
    available = ensure_redis()
    if not available and os.environ.get("CI") == "true":
        pytest.fail("Redis is not reachable on 127.0.0.1:6379, and CI requires it", pytrace=False)
    return available


async def _pg_admin(sql: str) -> None:
    url = make_url(PG_ADMIN_URL)
    connection = await asyncpg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, database=url.database
    )
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def pg_database(name: str) -> str:
    """A fresh empty PostgreSQL database; returns its URL."""
    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(name: str) -> None:
    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def migrated_template(backend: str, postgres_available: bool, tmp_path_factory) -> AsyncIterator[str]:
    """A database at head, made once per backend per run."""
    if backend == "postgresql":
        if not postgres_available:
            pytest.skip("PostgreSQL is not reachable")
        # One per process and session (tests/test_harness.py runs a session inside a test of this one).
        name = f"mentorbot_test_{os.getpid()}_{zlib.crc32(str(tmp_path_factory.getbasetemp()).encode()):08x}"
        url = pg_database(name)
        asyncio.run(migrate.upgrade(url))
        yield url
        drop_pg_database(name)
    else:
        path = tmp_path_factory.mktemp("sqlite") / "template.db"
        url = f"sqlite+aiosqlite:///{path}"
        asyncio.run(migrate.upgrade(url))
        yield url


@pytest.fixture
async def db_url(backend: str, migrated_template: str, tmp_path: Path) -> str:
    """An empty database at head for one test."""
    if backend == "postgresql":
        await pg_empty(migrated_template)
        return migrated_template
    source = Path(make_url(migrated_template).database)
    target = tmp_path / "test.db"
    shutil.copy(source, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture(scope="session")
def stories(backend: str, migrated_template: str, tmp_path_factory: pytest.TempPathFactory) -> Stories:
    """Set-ups played once per backend in this process and copied for each test (tests/stories.py)."""
    return Stories(backend, tmp_path_factory.mktemp(f"stories-{backend}"))


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


ADMIN_ID = 1000


@pytest.fixture
async def harness(db_url: str, clock: FrozenClock, stories: Stories,
                  caplog: pytest.LogCaptureFixture) -> AsyncIterator[Harness]:
    caplog.set_level(logging.WARNING)
    h = await Harness.create(db_url, clock, admin_ids=frozenset({ADMIN_ID}))
    stories.attach(h)
    try:
        yield h
    finally:
        await h.close()
    assert_nothing_went_wrong(h, caplog)


def assert_nothing_went_wrong(h: Harness, caplog: pytest.LogCaptureFixture) -> None:
    """The check a harness fixture makes at the end of a test (`Harness.problems`), over the log of the whole test:
    `caplog.records` holds only the phase running now (teardown), which would miss every failure before it."""
    records = [record for when in ("setup", "call", "teardown") for record in caplog.get_records(when)]
    problems = h.problems(records)
    assert not problems, problems[0]


def pytest_sessionstart(session: pytest.Session) -> None:
    speedups.install()  # cheaper test processes, nothing a test sees changes (tests/speedups.py)
