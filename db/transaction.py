"""Where transactions begin and end: one per update, per scheduler job, per step of the outbox sender.

The entry points open them — `bot.middlewares.DbSessionMiddleware` for an update, `scheduler.jobs` for a job, the
outbox sender (bot/outbox_sender.py) for each claim and each outcome, the runner for start-up work. Each uses
`transaction()`: it commits when the block ends and rolls back when an exception leaves it. Services and
repositories never commit or roll back; a use case either completes or raises, and one that raises has written
nothing that stays (it raises before it writes, or what it wrote is undone with it, see `savepoint`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

AfterCommit = Callable[[], Awaitable[Any]]


class UnitOfWork:
    """A session and what must happen only once its transaction is committed (a message that says it is done)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._after_commit: list[AfterCommit] = []

    def after_commit(self, action: AfterCommit) -> None:
        """Run `action` once the transaction is committed; never if it is rolled back."""
        self._after_commit.append(action)

    async def run_after_commit(self) -> None:
        actions, self._after_commit = self._after_commit, []
        for action in actions:
            await action()


@asynccontextmanager
async def unit_of_work(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[UnitOfWork]:
    """One transaction: committed when the block ends, rolled back if it raises; then the after-commit actions."""
    async with session_factory() as session:
        work = UnitOfWork(session)
        try:
            yield work
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


def savepoint(session: AsyncSession):
    """A part of a use case that may fail after it wrote (a race the database settles with a unique index, a
    single-use row taken a moment earlier): whatever raises inside is undone, the rest of the transaction stays.
    `async with savepoint(session): ...`"""
    return session.begin_nested()
