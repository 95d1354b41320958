"""Engine and session factory for PostgreSQL (asyncpg) and the embedded SQLite default (aiosqlite)."""

from __future__ import annotations

import time
from functools import partial

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


#: Seconds to wait for a database lock (SQLite) or a new connection (PostgreSQL) before giving up. Short, so a
#: database outage gets the person a "try again in a minute" within seconds (a held SQLite lock once meant 30 s of
#: silence); long enough for ordinary contention, since every transaction here lasts milliseconds. The outbox
#: sender retries its "sent" marks through longer outages.
DATABASE_TIMEOUT = 5

#: A pooled connection handed back less than this many seconds ago is handed out again without the ping (the
#: window HikariCP calls aliveBypassWindowMs, 500 ms by default): it worked a moment ago. Under load that is every
#: update, and the ping was one of its seven round trips. A connection idle longer is pinged first, so one the
#: database dropped meanwhile (a restart, a proxy cut) is replaced before anyone's update uses it. One that dies
#: inside the window fails the update using it with the outage's "try again in a minute" (so would one dying
#: during an update), and that failure makes the pool replace every connection it holds.
PING_AFTER_IDLE = 0.5

#: `Connection.info` key: the connection plans every statement for its own values (`plan_cache_mode =
#: force_custom_plan`), so a statement that needs that need not set it in its transaction (the outbox claim).
CUSTOM_PLANS = "custom_plans"


def create_engine(url: str | URL, *, echo: bool = False, pool_size: int = 10, max_overflow: int = 10,
                  custom_plans: bool = False, ping_after_idle: float = PING_AFTER_IDLE) -> AsyncEngine:
    """`custom_plans`: on PostgreSQL, every statement is planned for its own values, never from a generic plan
    cached for a prepared statement — for the outbox sender's claims (db/repositories/outbox.py says why), on
    connections of their own; the rest of the bot keeps the generic plans that spare it planning."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        # hide_parameters: an error's message (which gets logged) never quotes the values of a statement.
        engine = create_async_engine(url, echo=echo, connect_args={"timeout": DATABASE_TIMEOUT}, hide_parameters=True)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "savepoint", _sqlite_begin_before_savepoint)
        return engine
    # jit off: PostgreSQL compiles a query to machine code once its estimated cost passes jit_above_cost
    # (100 000), which the /export's sheet queries of a 10 000-participant organisation do; the compilation alone
    # took 0.3–0.8 s of a 40 ms query (bench/README.md). Nothing the bot runs is long enough to pay that back.
    server_settings = {"jit": "off"}
    if custom_plans:
        server_settings["plan_cache_mode"] = "force_custom_plan"
    engine = create_async_engine(
        url, echo=echo, pool_size=pool_size, max_overflow=max_overflow,
        pool_timeout=DATABASE_TIMEOUT * 2, hide_parameters=True,
        connect_args={"timeout": DATABASE_TIMEOUT, "server_settings": server_settings},
    )
    event.listen(engine.sync_engine.pool, "checkin", _note_checkin)
    event.listen(engine.sync_engine.pool, "checkout", partial(_ping_on_checkout, ping_after_idle))
    if custom_plans:
        event.listen(engine.sync_engine, "connect", _mark_custom_plans)
    return engine


def _mark_custom_plans(_dbapi_connection, record) -> None:
    record.info[CUSTOM_PLANS] = True


_IDLE_SINCE = "idle_since"


def _note_checkin(_dbapi_connection, record) -> None:
    if record is not None:
        record.info[_IDLE_SINCE] = time.monotonic()


def _ping_on_checkout(ping_after_idle: float, dbapi_connection, record, _proxy) -> None:
    """Before a pooled connection idle for `ping_after_idle` seconds or more is handed out, one round trip (`;`)
    shows it still works; a dead one (the database restarted, a proxy cut it) is replaced: the pool tries a fresh
    connection. SQLAlchemy's own `pool_pre_ping` costs three on asyncpg (BEGIN, `;`, ROLLBACK: for pgbouncer's
    transaction mode, which the bot does not use), on every checkout, that is every update."""
    idle_since = record.info.get(_IDLE_SINCE)
    if idle_since is not None and time.monotonic() - idle_since < ping_after_idle:
        return
    try:
        dbapi_connection.run_async(lambda connection: connection.fetchrow(";"))
    except Exception as error:  # whatever a dead connection raises: the pool's cue to replace it
        raise DisconnectionError() from error


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Foreign keys are off by default in SQLite; WAL lets the scheduler read while the bot writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={DATABASE_TIMEOUT * 1000}")
    cursor.close()


def _sqlite_begin_before_savepoint(connection, _name) -> None:
    # The sqlite3 module opens a transaction only before a write. A SAVEPOINT outside a transaction opens one of
    # its own, and releasing it commits everything so far: the update's transaction would end in the middle. So
    # the transaction begins here — IMMEDIATE, since a savepoint guards a write that follows at once.
    if not connection.connection.driver_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"
