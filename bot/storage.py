"""FSM storage in the application's own database, the persistent default when no REDIS_URL is set.

Inside an update the dialog's state is read and written in the update's own transaction (`joined`, set by
`DbSessionMiddleware`): a dialog moves on exactly when what it did is committed, an update that fails leaves it
where it was, and the update needs no second connection (on SQLite a second writer would wait on the update's own
lock). Outside an update (aiogram-dialog repairing a broken stack while an error is handled) each call is its own
short transaction. Either way a restart (even kill -9) keeps every dialog where it was.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import FsmRecordRow
from mentorship.clock import Clock, SystemClock

_update_session: ContextVar[AsyncSession | None] = ContextVar("update_session", default=None)


@contextmanager
def joined(session: AsyncSession) -> Iterator[None]:
    """While this block runs (one update), the storage uses `session` and leaves committing to its owner."""
    token = _update_session.set(session)
    try:
        yield
    finally:
        _update_session.reset(token)


class SqlStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
        clock: Clock | None = None,
    ) -> None:
        # aiogram-dialog keeps its stacks under their own "destiny", so the key must include it.
        self.key_builder = key_builder or DefaultKeyBuilder(with_destiny=True)
        self.session_factory = session_factory
        self.clock = clock or SystemClock()

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        """The update's session if there is one (its owner commits), else a short transaction of our own."""
        session = _update_session.get()
        if session is not None:
            yield session
            return
        async with self.session_factory() as session:
            yield session
            await session.commit()

    def _insert(self, session: AsyncSession):
        dialect = session.bind.dialect.name if session.bind else "sqlite"
        return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(FsmRecordRow)

    async def _upsert(self, key: str, **values: Any) -> None:
        async with self._session() as session:
            insert = self._insert(session)
            row = {"key": key, "state": None, "data": {}, "updated_at": self.clock.now()} | values
            statement = insert.values(**row).on_conflict_do_update(
                index_elements=[FsmRecordRow.key], set_={**values, "updated_at": row["updated_at"]}
            )
            await session.execute(statement)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._upsert(self.key_builder.build(key, "state"), state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._session() as session:
            return await session.scalar(
                select(FsmRecordRow.state).where(FsmRecordRow.key == self.key_builder.build(key, "state"))
            )

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        record_key = self.key_builder.build(key, "data")
        if not data:
            async with self._session() as session:
                await session.execute(delete(FsmRecordRow).where(FsmRecordRow.key == record_key))
            return
        await self._upsert(record_key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self._session() as session:
            data = await session.scalar(
                select(FsmRecordRow.data).where(FsmRecordRow.key == self.key_builder.build(key, "data"))
            )
        return dict(data) if data else {}

    async def close(self) -> None:
        return None
