"""Stories played once and copied: a fixture's set-up (an organisation, its curator, people registering and
consenting, questionnaires answered) goes through the real dialogs on the first test of this process that needs
it, on each backend; every later test gets a copy of what it left behind instead of playing it again.

What a copy holds is everything a test can look at: the database (SQLite: a copy of the file; PostgreSQL: the rows
of every table and the position of every sequence, kept in a schema of the worker's database and put back with
`INSERT … SELECT`), the fake Telegram's chats, calls and answers (so what users saw is there as they saw it), the
harness's update ids (callback ids never repeat) and the clock. The test's bot, which has handled nothing yet,
closes its idle database connections and opens new ones on the copy: all of its state is in the database.

A story is an async function of the harness that returns plain data (ids, not `Person`s, which belong to one
harness); `tell` returns that data again from the copy. It is copied only when the harness is in a known state —
empty as the fixture made it, or just after another story, so stories build on each other — with the dialogs in
the database. After anything else (a request to Telegram, an update, a write on the bot's engines, a restart), or
with Redis storage, the story is simply played.
"""

from __future__ import annotations

import copy
import itertools
import logging
import shutil
import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage import SqlStorage
from db.base import Base
from tests.fakes.telegram import FakeTelegram
from tests.harness import Harness

T = TypeVar("T")
Story = Callable[..., Awaitable[T]]

EMPTY = "empty"


def _tables() -> list[tuple[str, list[str]]]:
    """Every table of the schema, parents before children, with its columns (named: a downgraded and upgraded
    database may have them in another order)."""
    import db.models  # noqa: F401  (the tables register themselves on Base.metadata)

    return [(table.name, [column.name for column in table.columns]) for table in Base.metadata.sorted_tables]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def _pg_connect(url: str) -> asyncpg.Connection:
    parts = make_url(url)
    return await asyncpg.connect(host=parts.host, port=parts.port, user=parts.username, password=parts.password,
                                 database=parts.database)


async def pg_empty(url: str) -> None:
    """Every table of the PostgreSQL database at `url` emptied and every sequence back at its start, in one
    transaction (DELETE, not TRUNCATE: on tables this small it is many times faster)."""
    connection = await _pg_connect(url)
    try:
        await connection.execute(_pg_script(await _pg_sequences(connection), source=None, positions={}))
    finally:
        await connection.close()


async def _pg_sequences(connection: asyncpg.Connection) -> list[str]:
    return [row["sequencename"] for row in
            await connection.fetch("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")]


def _pg_script(sequences: list[str], *, source: str | None, positions: dict[str, int]) -> str:
    """SQL that empties the public tables and, with `source`, fills them from that schema's copies; sequences
    go to `positions` (their last values) or back to their start."""
    tables = _tables()
    statements = ["BEGIN", "SET LOCAL synchronous_commit = off"]
    statements += [f"DELETE FROM public.{_quote(name)}" for name, _ in reversed(tables)]
    if source is not None:
        for name, columns in tables:
            listed = ", ".join(_quote(c) for c in columns)
            statements.append(f"INSERT INTO public.{_quote(name)} ({listed}) "
                              f"SELECT {listed} FROM {_quote(source)}.{_quote(name)}")
    for sequence in sequences:
        if sequence in positions:
            statements.append(f"SELECT setval('public.{_quote(sequence)}', {int(positions[sequence])}, true)")
        else:
            statements.append(f"ALTER SEQUENCE public.{_quote(sequence)} RESTART")
    statements.append("COMMIT")
    return ";\n".join(statements)


@dataclass
class _Copy:
    key: tuple
    database: str  # a file (SQLite) or a schema (PostgreSQL)
    telegram: FakeTelegram
    next_update_id: int
    now: datetime
    expected_refusals: list[str]
    value: Any
    sequences: list[str]
    positions: dict[str, int]


@dataclass
class _Mark:
    """Where a harness stands (empty, or after a story), with what it had seen then, to tell whether anything
    happened since: a request to Telegram, an update, or a statement other than a read on the bot's engines."""

    key: tuple | str
    calls: int
    next_update_id: int
    wrote: bool = False

    def watch(self, h: Harness) -> None:
        def written(_connection, _cursor, statement: str, *_args) -> None:
            if not statement.lstrip()[:9].upper().startswith(_READS):
                self.wrote = True

        for engine in _engines(h):
            event.listen(engine.sync_engine, "before_cursor_execute", written)

    def holds(self, h: Harness) -> bool:
        return not self.wrote and self.calls == len(h.telegram.calls) and self.next_update_id == _peek(h)


#: Statements that change nothing a test could see (SQLite's BEGIN before a read included).
_READS = ("SELECT", "PRAGMA", "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "EXPLAIN")


class Stories:
    """The copies of one backend in one test process (a session fixture per backend)."""

    def __init__(self, backend: str, directory: Path) -> None:
        self.backend = backend
        self.directory = directory
        self._copies: dict[tuple, _Copy] = {}
        self._counter = itertools.count(1)

    def attach(self, h: Harness) -> None:
        """Stories told on `h`, a harness over an empty database that has done nothing yet, may be copies."""
        h.stories = self
        self._mark(h, EMPTY)

    async def tell(self, h: Harness, story: Story, *args: Any) -> T:
        """Play `story(h, *args)`, or put `h` where it left a harness before; returns what the story returned."""
        base = self._where(h)
        settings = h.app.settings
        if base is None or settings.redis_url:
            return await story(h, *args)
        key = (base, story.__module__, story.__qualname__, repr(args), h.clock.now().isoformat(),
               repr(settings.model_dump(exclude={"database_url"})))
        saved = self._copies.get(key)
        if saved is None:
            with _records() as records:
                value = await story(h, *args)
            problems = h.problems(records)  # what would fail the test: a copy is never made of a story gone wrong
            assert not problems, f"the story {story.__qualname__}: {problems[0]}"
            saved = await self._save(key, h, value)
            self._mark(h, key)  # this harness goes on from where the story left it
        else:
            await self._restore(h, saved)
        return copy.deepcopy(saved.value)

    # --- where a harness stands -------------------------------------------------------------------------------
    def _where(self, h: Harness) -> tuple | str | None:
        """The key of the state `h` is in, or None when something happened since it was known (or a restart)."""
        mark = h.story_mark
        return mark.key if isinstance(mark, _Mark) and mark.holds(h) else None

    # --- copies -----------------------------------------------------------------------------------------------
    async def _save(self, key: tuple, h: Harness, value: Any) -> _Copy:
        number = next(self._counter)
        url = h.app.settings.database_url
        sequences: list[str] = []
        positions: dict[str, int] = {}
        if self.backend == "postgresql":
            database = f"story_{number}"
            connection = await _pg_connect(url)
            try:
                statements = [f"CREATE SCHEMA {_quote(database)}"]
                statements += [f"CREATE TABLE {_quote(database)}.{_quote(name)} AS "
                               f"SELECT {', '.join(_quote(c) for c in columns)} FROM public.{_quote(name)}"
                               for name, columns in _tables()]
                await connection.execute(";\n".join(statements))
                sequences = await _pg_sequences(connection)
                rows = await connection.fetch(
                    "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
                positions = {row["sequencename"]: row["last_value"] for row in rows if row["last_value"] is not None}
            finally:
                await connection.close()
        else:
            database = str(self.directory / f"story_{number}.db")
            source = sqlite3.connect(make_url(url).database)
            target = sqlite3.connect(database)
            try:
                source.backup(target)  # reads through the write-ahead log, unlike a copy of the file
            finally:
                target.close()
                source.close()
        saved = _Copy(key=key, database=database, telegram=copy.deepcopy(h.telegram), next_update_id=_peek(h),
                      now=h.clock.now(), expected_refusals=list(h.expected_refusals), value=copy.deepcopy(value),
                      sequences=sequences, positions=positions)
        self._copies[key] = saved
        return saved

    async def _restore(self, h: Harness, saved: _Copy) -> None:
        settings = h.app.settings
        for engine in _engines(h):
            await engine.dispose()  # idle connections closed: the next ones see the copy
        if self.backend == "postgresql":
            connection = await _pg_connect(settings.database_url)
            try:
                await connection.execute(_pg_script(saved.sequences, source=saved.database, positions=saved.positions))
            finally:
                await connection.close()
        else:
            target = Path(make_url(settings.database_url).database)
            shutil.copyfile(saved.database, target)
            for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
                leftover.unlink(missing_ok=True)
        telegram = copy.deepcopy(saved.telegram)
        vars(h.telegram).clear()
        vars(h.telegram).update(vars(telegram))  # the same object: whatever holds it sees the copy
        h.update_ids = itertools.count(saved.next_update_id)
        h.clock.set(saved.now)
        h.expected_refusals = list(saved.expected_refusals)
        self._mark(h, saved.key)

    def _mark(self, h: Harness, key: tuple | str) -> None:
        mark = _Mark(key, len(h.telegram.calls), _peek(h))
        mark.watch(h)
        h.story_mark = mark


def _engines(h: Harness) -> list[AsyncEngine]:
    """The app's database engines: its own and its dialog storage's (bot/app.py build_storage)."""
    engines = [h.app.engine]
    if isinstance(h.app.storage, SqlStorage):
        engines.append(h.app.storage.session_factory.kw["bind"])
    return engines


def _peek(h: Harness) -> int:
    """The harness's next update id, without using it up."""
    next_id = next(h.update_ids)
    h.update_ids = itertools.count(next_id)
    return next_id


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _records() -> Iterator[list[logging.LogRecord]]:
    """The log records made meanwhile (the harness fixture's level, WARNING, lets them through)."""
    handler = _Records()
    logging.getLogger().addHandler(handler)
    try:
        yield handler.records
    finally:
        logging.getLogger().removeHandler(handler)
