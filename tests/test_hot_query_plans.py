"""The hot queries of an update use an index, over tables big enough that the database would scan them otherwise
(issue #14: the cost of an update must not grow with the tables).

The statements are the ones the code really issues, captured with `before_cursor_execute` while it runs: a
mentor's questionnaire step through the dispatcher (the dialog records read of bot/storage.py, the actor of
db/repositories/people.py `by_telegram_id`, the questionnaire progress of db/repositories/questionnaires.py) and
the sender's outbox claim (db/repositories/outbox.py). Each is then explained with its own parameters
(PostgreSQL's `EXPLAIN`, SQLite's `EXPLAIN QUERY PLAN`) over a database padded with thousands of other people
(bench/population.py), and its plan must read every big table it names through an index, never by a full scan.
The check is also shown to fail: with the memberships' person index dropped (on PostgreSQL also the people's
telegram-id one), the actor's plan reads those tables whole.

tests/test_query_plans.py asks the other question on PostgreSQL: with sequential scans priced out, can every
statement of a step use an index at all. This one asks which plan the database really picks at size.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bench.population import pad
from db.repositories.outbox import OutboxRepository
from tests.fixtures.questionnaires import teacher_mentor

PADDING = 5_000  # people of other organisations; ×2 dialog records, ×3 answers, ×3 outbox rows
BIG = ("fsm_records", "people", "memberships", "questionnaire_responses", "questionnaire_answers", "outbox")


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: Any

    def tables(self) -> set[str]:
        return {t for t in BIG if re.search(rf"\b{t}\b", self.sql)}


@asynccontextmanager
async def capturing(engine: AsyncEngine) -> AsyncIterator[list[Statement]]:
    found: list[Statement] = []

    def seen(_conn, _cursor, sql, parameters, *_args) -> None:
        found.append(Statement(sql, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", seen)
    try:
        yield found
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", seen)


def one(statements: list[Statement], what: str, matches: Callable[[Statement], bool]) -> Statement:
    found = [s for s in statements if matches(s)]
    assert found, f"no {what} among the statements issued: {[s.sql[:120] for s in statements]}"
    return found[0]


async def plan(engine: AsyncEngine, statement: Statement, again: bool = False,
               connection: AsyncConnection | None = None) -> str:
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    if again:  # a text of its own: the sqlite3 module would hand back the plan it prepared before (its cache)
        prefix = prefix + "/* again */ "
    if connection is None:
        async with engine.connect() as own:
            return await plan(engine, statement, again, own)
    rows = (await connection.exec_driver_sql(prefix + statement.sql, statement.parameters)).all()
    return "\n".join(str(row[-1]) for row in rows)


def full_scans(engine: AsyncEngine, found: str, tables: set[str]) -> list[str]:
    """The big tables the plan reads without an index."""
    if engine.dialect.name == "sqlite":  # "SEARCH people USING INDEX …" looks up; "SCAN people [USING …]" reads all
        return sorted(t for t in tables if re.search(rf"\bSCAN {t}(_\d+)?\b", found))  # or an alias of it
    return sorted(t for t in tables if re.search(rf"Seq Scan on {t}\b", found))


def uses_an_index(engine: AsyncEngine, found: str) -> bool:
    if engine.dialect.name == "sqlite":
        return bool(re.search(r"USING (COVERING |INTEGER PRIMARY KEY|PRIMARY KEY|INDEX)", found))
    return bool(re.search(r"(Index Scan|Index Only Scan|Bitmap Index Scan) (Backward )?(using|on) ", found))


async def assert_indexed(engine: AsyncEngine, what: str, statement: Statement) -> str:
    tables = statement.tables()
    assert tables, (what, statement.sql)
    found = await plan(engine, statement)
    assert uses_an_index(engine, found), f"{what}: no index in the plan\n{statement.sql}\n{found}"
    assert not full_scans(engine, found, tables), f"{what} scans {full_scans(engine, found, tables)}\n{found}"
    return found


async def test_the_hot_queries_of_an_update_use_indexes(harness, curator) -> None:
    engine = harness.app.engine
    mentor = await teacher_mentor(harness, curator, 5001)
    await mentor.send("/questionnaire")
    assert "стаж" in mentor.last, mentor.last
    padded = await pad(engine, PADDING, harness.clock.now())  # the shipped questionnaires are stored by now
    assert padded["rows"]["people"] == PADDING

    async with capturing(engine) as statements:
        await mentor.send("12")
    assert "Высшая" in " ".join(mentor.buttons())  # the answer was taken and the next question is shown

    dialog = one(statements, "dialog records read",
                 lambda s: s.sql.lstrip().upper().startswith("SELECT") and s.tables() == {"fsm_records"})
    actor = one(statements, "actor load", lambda s: {"people", "memberships"} <= s.tables()
                and s.sql.lstrip().upper().startswith("SELECT"))
    # On PostgreSQL the answer is stored in the statement that reads the progress (`WITH saved AS (INSERT …)
    # SELECT …`); EXPLAIN without ANALYZE plans it without running it.
    progress = one(statements, "questionnaire progress read",
                   lambda s: {"questionnaire_responses", "questionnaire_answers"} <= s.tables()
                   and s.sql.lstrip().upper().startswith(("SELECT", "WITH")))

    # The sender's claim, with a few rows due among the padding's sent ones.
    async with engine.begin() as connection:
        await connection.execute(text(
            "INSERT INTO outbox (chat_id, kind, payload, urgent, priority, due_at, status, attempts, created_at) "
            "SELECT chat_id, kind, payload, urgent, priority, due_at, 'pending', 0, created_at FROM outbox "
            "WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 3)"))
    async with capturing(engine) as claim_statements:
        async with harness.app.session_factory() as session:
            claimed = await OutboxRepository(session).claim(harness.clock.now(), 100, timedelta(seconds=60))
            await session.rollback()
    assert len(claimed) >= 3
    claim = one(claim_statements, "outbox claim", lambda s: "outbox" in s.tables())

    plans = {}
    for what, statement in (("dialog records read", dialog), ("actor load", actor),
                            ("questionnaire progress read", progress), ("outbox claim", claim)):
        plans[what] = await assert_indexed(engine, what, statement)

    # The check can fail: without their indexes (memberships by person; on PostgreSQL also people by telegram id,
    # a unique constraint SQLite cannot drop) the actor's plan reads those tables whole.
    # The indexes go only inside a transaction that is rolled back: on PostgreSQL the next tests of this process
    # get the same database, emptied, and one without people's unique telegram id lets a duplicate through (SQLite
    # runs DDL outside the transaction, but each test has a copy of the database of its own).
    expected = ["memberships"]
    async with engine.connect() as connection:
        undone = await connection.begin()
        try:
            await connection.execute(text("DROP INDEX ix_memberships_person_id"))
            if engine.dialect.name == "postgresql":
                await connection.execute(text("ALTER TABLE people DROP CONSTRAINT uq_people_telegram_id"))
                expected = ["memberships", "people"]
            without = await plan(engine, actor, again=True, connection=connection)
        finally:
            await undone.rollback()
    assert full_scans(engine, without, actor.tables()) == expected, without
