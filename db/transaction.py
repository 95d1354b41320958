"""Where transactions begin and end: one per update, per scheduler job, per step of the outbox sender.

The entry points open them — `bot.middlewares.DbSessionMiddleware` for an update, `scheduler.jobs` for a job, the
outbox sender (bot/outbox_sender.py) for each claim and each outcome, the runner for start-up work. Each uses
`transaction()`: it commits when the block ends and rolls back when an exception leaves it. Services and
repositories never commit or roll back; a use case either completes or raises, and one that raises has written
nothing that stays (it raises before it writes, or what it wrote is undone with it, see `savepoint`).

One rule on top, for updates: **what is written is committed before the bot tells anyone about it.** A reply that
says "saved" (the next question, a link to open) reaches a person who may act on it at once, in another process, or
whose bot may be killed a moment later; so a Bot API call made while an update's unit of work has unsaved writes
commits them first (`commit_before_telling`, called by bot/commit_guard.py). A use case therefore does all its
writes before its first message, and a failure after a message undoes only what came after it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql import Executable

AfterCommit = Callable[[], Awaitable[Any]]

#: The execution option a statement that writes without being an INSERT, UPDATE or DELETE carries (a SELECT with a
#: data-modifying CTE): `.execution_options(writes=True)`, so that what it wrote is committed before telling.
WRITES = "writes"
#: Where a session keeps the unit of work it belongs to (`Session.info`), for the listeners below.
_WORK = "unit_of_work"


class UnitOfWork:
    """A session and what must happen only once its transaction is committed (a message that says it is done)."""

    def __init__(self, session: AsyncSession, connection: AsyncConnection | None = None) -> None:
        self.session = session
        self._connection = connection  # the one the session is bound to, when the unit of work holds one
        self._after_commit: list[AfterCommit] = []
        self._before_commit: list[AfterCommit] = []
        self.written = False  # something was inserted, updated or deleted since the last commit
        self.closing = False  # the writes kept back are running for the last commit
        session.sync_session.info[_WORK] = self  # seen by the listeners on every session (below)

    def _executed(self, state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete or state.execution_options.get(WRITES):
            self.written = True
        elif not state.is_select and str(state.statement).lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            self.written = True  # a textual statement

    def before_commit(self, action: AfterCommit) -> None:
        """Run `action` before every commit of this unit of work: writes kept back until then (the dialog
        storage's, bot/storage.py). They do not make the unit of work `written` by themselves: a dialog that only
        moved is committed with the update's end, what it kept back before a message that reports data goes with
        that data."""
        self._before_commit.append(action)

    async def run_before_commit(self) -> None:
        for action in self._before_commit:
            await action()

    async def write_alone(self, statement: Executable, parameters: Any) -> bool:
        """Run `statement` (one statement) as the unit of work's last write, alone in autocommit, when nothing else
        is in the transaction it would join: nothing ran since the last commit, and the unit of work is closing
        (`closing`). On PostgreSQL that is one round trip instead of three (BEGIN, the statement, COMMIT), and a
        single statement is atomic by itself. False when it cannot (SQLite, whose round trips cost nothing, or
        something else pending): the caller then executes it in the session as usual."""
        connection = self._connection
        if (connection is None or not self.closing or self.written or self.session.in_transaction()
                or connection.in_transaction() or connection.dialect.name == "sqlite"):
            return False
        await connection.execution_options(isolation_level="AUTOCOMMIT")  # back to the default when it is returned
        await connection.execute(statement, parameters)
        await connection.commit()  # nothing to send: the statement committed itself
        return True

    async def commit_before_telling(self) -> None:
        """Commit what is written so far: the bot is about to tell someone about it."""
        if self.written:
            await self.run_before_commit()
            await self.session.commit()
            self.written = False

    def after_commit(self, action: AfterCommit) -> None:
        """Run `action` once the transaction is committed; never if it is rolled back."""
        self._after_commit.append(action)

    async def run_after_commit(self) -> None:
        actions, self._after_commit = self._after_commit, []
        for action in actions:
            await action()


# Registered once for every session rather than per unit of work: adding listeners to each update's session was 2 %
# of a questionnaire step's CPU. A session outside a unit of work has nothing under _WORK and is left alone.
@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    work = session.info.get(_WORK)
    if work is not None:
        work.written = True


@event.listens_for(Session, "do_orm_execute")
def _executing(state: ORMExecuteState) -> None:
    work = state.session.info.get(_WORK)
    if work is not None:
        work._executed(state)  # noqa: SLF001 - its own listener


@asynccontextmanager
async def unit_of_work(
    session_factory: async_sessionmaker[AsyncSession], *, one_connection: bool = False
) -> AsyncIterator[UnitOfWork]:
    """One transaction: committed when the block ends, rolled back if it raises; then the after-commit actions.

    `one_connection` (an update): the block keeps one pooled connection from start to end, also across the commits
    made before telling someone (`commit_before_telling`), instead of handing it back at each commit and checking
    out (and pinging) another for what comes after."""
    async with AsyncExitStack() as stack:
        if one_connection:
            engine = session_factory.kw["bind"]
            connection = await stack.enter_async_context(engine.connect())
            session = await stack.enter_async_context(session_factory(bind=connection))
        else:
            session = await stack.enter_async_context(session_factory())
        work = UnitOfWork(session, connection if one_connection else None)
        try:
            yield work
            work.closing = True
            await work.run_before_commit()
        except BaseException:
            await session.rollback()
            raise
        await session.commit()
    await work.run_after_commit()


@asynccontextmanager
async def transaction(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """`unit_of_work` for code that needs only the session (scheduler jobs, the sender, tests, benches)."""
    async with unit_of_work(session_factory) as work:
        yield work.session


_telling: ContextVar[UnitOfWork | None] = ContextVar("update_unit_of_work", default=None)


@contextmanager
def telling(work: UnitOfWork) -> Iterator[None]:
    """While an update is handled: its Bot API calls commit what the update wrote first."""
    token = _telling.set(work)
    try:
        yield
    finally:
        _telling.reset(token)


async def commit_before_telling() -> None:
    work = _telling.get()
    if work is not None:
        await work.commit_before_telling()


def savepoint(session: AsyncSession):
    """A part of a use case that may fail after it wrote (a race the database settles with a unique index, a
    single-use row taken a moment earlier): whatever raises inside is undone, the rest of the transaction stays.
    `async with savepoint(session): ...`"""
    return session.begin_nested()
