"""FSM storage in the application's own database, the persistent default when no REDIS_URL is set.

A restart (even kill -9) of the bot keeps every dialog where it was: each write is its own short committed
transaction, independent of the update's session.
"""

from __future__ import annotations

from collections.abc import Mapping
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

    def _insert(self, session: AsyncSession):
        dialect = session.bind.dialect.name if session.bind else "sqlite"
        return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(FsmRecordRow)

    async def _upsert(self, key: str, **values: Any) -> None:
        async with self.session_factory() as session:
            insert = self._insert(session)
            row = {"key": key, "state": None, "data": {}, "updated_at": self.clock.now()} | values
            statement = insert.values(**row).on_conflict_do_update(
                index_elements=[FsmRecordRow.key], set_={**values, "updated_at": row["updated_at"]}
            )
            await session.execute(statement)
            await session.commit()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._upsert(self.key_builder.build(key, "state"), state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self.session_factory() as session:
            return await session.scalar(
                select(FsmRecordRow.state).where(FsmRecordRow.key == self.key_builder.build(key, "state"))
            )

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        record_key = self.key_builder.build(key, "data")
        if not data:
            async with self.session_factory() as session:
                await session.execute(delete(FsmRecordRow).where(FsmRecordRow.key == record_key))
                await session.commit()
            return
        await self._upsert(record_key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self.session_factory() as session:
            data = await session.scalar(
                select(FsmRecordRow.data).where(FsmRecordRow.key == self.key_builder.build(key, "data"))
            )
        return dict(data) if data else {}

    async def close(self) -> None:
        return None
