"""The hot paths' queries can use an index (PostgreSQL): every statement one update runs is captured and EXPLAINed
with sequential scans priced out (`enable_seqscan = off`), so a plan still holding a Seq Scan means no index fits
that query. With the indexes in place a statement's cost does not grow with the tables (bench/README.md, growth)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, insert, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from db.models import OutboxRow
from db.repositories.outbox import OutboxRepository
from tests.fixtures.questionnaires import teacher_mentor


@pytest.fixture(autouse=True)
def postgresql_only(backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("query plans are checked on PostgreSQL")


async def statements_of(engine: AsyncEngine, run: Callable[[], Awaitable[Any]]) -> list[tuple[str, Any]]:
    """The reading and writing statements (not plain INSERTs) that `run` executes on `engine`."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn, _cursor, statement, parameters, _context, executemany) -> None:
        head = statement.lstrip().split(None, 1)[0].upper()
        if not executemany and head in ("SELECT", "UPDATE", "DELETE", "WITH"):
            seen.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        await run()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
    return seen


def _scans(node: dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    found = [(node["Node Type"], node.get("Relation Name"), node.get("Index Name"))]
    for child in node.get("Plans", ()):
        found += _scans(child)
    return found


async def plans(engine: AsyncEngine, statements: list[tuple[str, Any]]) -> list[tuple[str, list[tuple]]]:
    found = []
    async with engine.connect() as connection:
        await connection.exec_driver_sql("SET enable_seqscan = off")
        for statement, parameters in statements:
            result = await connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters)
            plan = result.scalar_one()
            plan = json.loads(plan) if isinstance(plan, str) else plan
            found.append((statement, _scans(plan[0]["Plan"])))
        await connection.rollback()
    return found


def sequential_scans(found: list[tuple[str, list[tuple]]]) -> list[tuple[str, str]]:
    return [(relation, statement[:160]) for statement, nodes in found
            for kind, relation, _index in nodes if kind == "Seq Scan"]


async def test_a_questionnaire_step_reads_and_writes_through_indexes(harness, curator):  # noqa: F811
    mentor = await teacher_mentor(harness, curator)
    await mentor.send("/questionnaire")
    assert "Вопрос 1 из 10" in mentor.last
    statements = await statements_of(harness.app.engine, lambda: mentor.send("12"))
    assert "Вопрос 2 из 10" in mentor.last
    assert statements, "the step ran no query at all"
    found = await plans(harness.app.engine, statements)
    assert sequential_scans(found) == []


async def test_start_of_a_registered_person_reads_through_indexes(harness, curator):  # noqa: F811
    mentor = await teacher_mentor(harness, curator)
    statements = await statements_of(harness.app.engine, lambda: mentor.send("/start"))
    assert statements
    assert sequential_scans(await plans(harness.app.engine, statements)) == []


async def test_the_outbox_claim_walks_the_claim_index(harness, clock):
    now = clock.now()
    async with harness.app.session_factory() as session:
        await session.execute(insert(OutboxRow), [
            {"chat_id": 1000 + i, "kind": "notice", "payload": {"key": "k"}, "due_at": now - timedelta(minutes=i),
             "status": "pending", "created_at": now, "attempts": 0}
            for i in range(5)
        ])
        await session.commit()

    claimed: list[Any] = []

    async def claim() -> None:
        async with harness.app.session_factory() as session:
            claimed.extend(await OutboxRepository(session).claim(now, 100, timedelta(seconds=60)))
            await session.rollback()

    statements = await statements_of(harness.app.engine, claim)
    assert len(claimed) == 5
    found = await plans(harness.app.engine, statements)
    assert sequential_scans(found) == []
    indexes = {index for _statement, nodes in found for _kind, relation, index in nodes if relation == "outbox"}
    assert "ix_outbox_claim" in indexes, indexes  # (priority, due_at, id) over pending rows, one class at a time


@pytest.mark.parametrize("connections", ["the bot's", "the sender's claims'"])
async def test_a_claim_after_many_empty_claims_reads_only_its_batch(harness, clock, connections):
    """asyncpg prepares each statement once per connection, and after five runs PostgreSQL may keep a generic plan.
    A plan cached while the queue was empty (the sender claims every tick) walked the whole queue once per row when
    a broadcast landed: 20–40 s for a claim of 37 over 10 000 rows. The claim is planned for its own values, so on
    the very connection that claimed an empty queue many times it still reads about its batch, not the queue: on the
    bot's connections, which set that for the claim, and on those the app's sender claims on, which plan so always."""
    now = clock.now()
    engine = harness.app.engine if connections == "the bot's" else harness.app.sender.claims.kw["bind"]
    assert (engine is harness.app.engine) == (connections == "the bot's")
    # An empty queue as a new database has it, whatever the tests before left behind (the pages of the rows they
    # deleted): sized by those, no plan made on the empty queue is the trap, and the test could not fail.
    async with engine.connect() as connection:
        await (await connection.execution_options(isolation_level="AUTOCOMMIT")).execute(text("VACUUM outbox"))
    async with engine.connect() as connection:
        session_factory = async_sessionmaker(bind=connection, expire_on_commit=False)
        for _ in range(12):
            async with session_factory() as session:
                assert await OutboxRepository(session).claim(now, 40, timedelta(seconds=60)) == []
                await session.rollback()
        await connection.execute(insert(OutboxRow), [
            {"chat_id": 1000 + i, "kind": "broadcast", "payload": {"key": "k"}, "due_at": now - timedelta(seconds=1),
             "status": "pending", "created_at": now, "attempts": 0, "priority": 3}
            for i in range(3000)
        ])
        await connection.commit()
        async with session_factory() as session:
            rows_read = text("SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)"
                             " FROM pg_stat_xact_user_tables WHERE relid = 'outbox'::regclass")
            before = (await session.execute(rows_read)).scalar_one()
            claimed = await OutboxRepository(session).claim(now, 40, timedelta(seconds=60))
            read = (await session.execute(rows_read)).scalar_one() - before
            await session.rollback()
    assert len(claimed) == 40
    assert read < 40 * 10, f"the claim read {read} outbox rows for a batch of 40 out of 3000"
