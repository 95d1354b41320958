"""The pool's check of a PostgreSQL connection before handing it out (db/engine.py): a connection idle longer than
the window is pinged, so one the database dropped meanwhile is replaced before anyone uses it; one handed back a
moment ago is trusted, and if it died in that moment the failure makes the pool replace it."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import create_engine


@pytest.fixture
async def engine_with(backend: str, db_url: str):
    """An engine of one connection whose ping window is `window` seconds."""
    if backend != "postgresql":
        pytest.skip("SQLite opens a file, there is no connection to lose")
    engines: list[AsyncEngine] = []

    def make(window: float) -> AsyncEngine:
        engines.append(create_engine(db_url, pool_size=1, max_overflow=0, ping_after_idle=window))
        return engines[-1]

    yield make
    for engine in engines:
        await engine.dispose()


async def backend_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()


async def drop(engine: AsyncEngine, pid: int) -> None:
    """The database ends that connection, as a restart or a proxy cut would (from a connection of its own)."""
    killer = create_engine(engine.url, pool_size=1, max_overflow=0)
    try:
        async with killer.connect() as connection:
            assert (await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})).scalar_one()
    finally:
        await killer.dispose()


async def test_a_connection_dropped_while_idle_is_replaced_before_use(engine_with) -> None:
    engine = engine_with(0.05)
    first = await backend_pid(engine)
    await drop(engine, first)
    await asyncio.sleep(0.2)

    second = await backend_pid(engine)  # the ping found it dead: a fresh connection, no error

    assert second != first


async def test_a_connection_handed_back_a_moment_ago_is_used_without_a_ping(engine_with) -> None:
    engine = engine_with(60)  # "a moment" however slow the machine is
    first = await backend_pid(engine)
    await drop(engine, first)

    with pytest.raises(DBAPIError) as failed:  # inside the window nothing checks it: the statement meets the cut
        await backend_pid(engine)
    assert failed.value.connection_invalidated

    assert await backend_pid(engine) not in (first, None)  # and the next one gets a fresh connection
