"""Dialog (FSM) storage: in the application's own database, the persistent default when no REDIS_URL is set, or in
Redis. Both keep a dialog only `ttl` after its last write (DIALOG_TTL_DAYS) and both forget a person on erasure.

SQL: inside an update the dialog's state is read and written in the update's own transaction (`joined`, set by
`DbSessionMiddleware`): a dialog moves on exactly when what it did is committed, an update that fails leaves it
where it was, and the update needs no second connection (on SQLite a second writer would wait on the update's own
lock). Within an update the records are read once and written once (`UpdateScope`): the first read fetches, in one
statement, every record the update is going to ask for (aiogram's state and data of the person, aiogram-dialog's
stack of the chat and the context on top of it), later reads are answered from what was read or written, and the
writes are kept until the unit of work commits (also when it commits before telling someone, bot/commit_guard.py)
and then go out as one upsert (and one delete for records emptied). An upsert left alone after the update's last
commit (the stack recording the message just sent) runs by itself in autocommit: one round trip
(`UnitOfWork.write_alone`). Outside an update (aiogram-dialog repairing a broken stack while an error is handled,
the sweep after an erasure) each call is its own short transaction. Either way a restart (even kill -9) keeps every dialog where it
was.

Forgetting a person means every key the key builder can make for them — any chat, thread, bot id and destiny —
plus aiogram-dialog's stacks and contexts: in a private chat aiogram-dialog keys both by the chat (whose id is the
person's), in a group chat the person's stack is `aiogd:stack:<user id>` and its contexts are listed in it.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import partial
from datetime import timedelta
from typing import Any, Protocol

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    StateType,
    StorageKey,
)
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis
from sqlalchemy import String, bindparam, delete, func, literal_column, or_, select, true, type_coerce, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from db.models import FsmRecordRow
from db.transaction import UnitOfWork
from mentorship.clock import Clock, SystemClock

log = logging.getLogger(__name__)

_ABSENT = None  # what `UpdateScope.values` holds for a key that has no (fresh) record


@dataclass
class UpdateScope:
    """One update's view of the records: what it read or wrote (by key: a state, a data dict, or None for no
    record), what it has not written yet, and what the database held when read (to skip deleting what is not
    there)."""

    work: UnitOfWork
    values: dict[str, Any] = field(default_factory=dict)
    stored: dict[str, Any] = field(default_factory=dict)
    pending: dict[str, Any] = field(default_factory=dict)
    prefetched: bool = False
    flush: Any = None  # set by the storage that writes through this scope

    @property
    def session(self) -> AsyncSession:
        return self.work.session


_update_scope: ContextVar[UpdateScope | None] = ContextVar("update_scope", default=None)


@contextmanager
def joined(work: UnitOfWork) -> Iterator[UpdateScope]:
    """While this block runs (one update), the storage uses the unit of work's session, leaves committing to its
    owner, and writes what the update changed just before each commit."""
    scope = UpdateScope(work)
    token = _update_scope.set(scope)
    try:
        yield scope
    finally:
        _update_scope.reset(token)

_NUMBER = re.compile(r"-?\d+")
_PARTS = ("state", "data", "lock")
STACK = "aiogd:stack:"
CONTEXT = "aiogd:context:"


def dialog_key_builder() -> DefaultKeyBuilder:
    # aiogram-dialog keeps its stacks under their own "destiny", so the key must include it.
    return DefaultKeyBuilder(with_destiny=True)


@dataclass(frozen=True, slots=True)
class ParsedKey:
    raw: str
    chat_id: int
    user_id: int
    destiny: str
    part: str | None

    def belongs_to(self, user_id: int) -> bool:
        """Their own FSM in any chat, the private chat with them, or their stack in a group."""
        return user_id in (self.user_id, self.chat_id) or self.destiny == f"{STACK}<{user_id}>"

    def with_destiny(self, destiny: str, builder: DefaultKeyBuilder, part: str) -> str:
        """The same chat's key for another destiny (a context listed in a stack)."""
        head = self.raw[: len(self.raw) - len(self.destiny) - (len(self.part) + 1 if self.part else 0)]
        return f"{head}{destiny}{builder.separator}{part}"


def parse_key(raw: str, builder: DefaultKeyBuilder) -> ParsedKey | None:
    """Undo DefaultKeyBuilder.build: `prefix[:bot][:business]:chat[:thread]:user:destiny[:part]`."""
    sep = builder.separator
    if not raw.startswith(builder.prefix + sep):
        return None
    segments = raw[len(builder.prefix) + 1 :].split(sep)
    part = segments.pop() if segments and segments[-1] in _PARTS else None
    index = 0
    if builder.with_bot_id:
        index += 1
    if builder.with_business_connection_id and index < len(segments) and not _NUMBER.fullmatch(segments[index]):
        index += 1
    end = index
    while end < len(segments) and _NUMBER.fullmatch(segments[end]):
        end += 1
    ids = segments[index:end]
    if len(ids) < 2 or end == len(segments):
        return None
    return ParsedKey(raw, int(ids[0]), int(ids[-1]), sep.join(segments[end:]), part)


def patterns_for(user_id: int, builder: DefaultKeyBuilder) -> tuple[str, str]:
    """Glob patterns that include every key of the person (and some others, which `belongs_to` weeds out)."""
    sep = builder.separator
    return f"{builder.prefix}{sep}*{sep}{user_id}{sep}*", f"{builder.prefix}{sep}*{sep}{STACK}<{user_id}>{sep}*"


def _intents(stack_data: Any) -> list[str]:
    if isinstance(stack_data, dict):
        return [i for i in stack_data.get("intents") or () if isinstance(i, str)]
    return []


def _belonging(keys: Iterable[str], user_id: int, builder: DefaultKeyBuilder) -> list[ParsedKey]:
    found = []
    for raw in keys:
        parsed = parse_key(raw, builder)
        if parsed is not None and parsed.belongs_to(user_id):
            found.append(parsed)
    return found


class PersonalDialogs(Protocol):
    """What both storages offer about one person (implements mentorship.services.privacy.DialogStore)."""

    async def forget_user(self, user_id: int, session: AsyncSession | None = None) -> int: ...

    async def contexts_of(self, user_id: int) -> list[dict[str, Any]]: ...


def forget_again_after_commit(middleware_data: dict[str, Any], user_id: int | None) -> None:
    """Erasure forgets the person's dialogs inside its transaction, but aiogram-dialog writes the stack of the dialog
    that did it back as the update ends: sweep the storage once more when the update's transaction is committed."""
    if user_id is not None:
        storage: PersonalDialogs = middleware_data["fsm_storage"]
        middleware_data["uow"].after_commit(partial(storage.forget_user, user_id))


@dataclass(frozen=True, slots=True)
class _UpdateStatements:
    """What an update runs on the records: the first read (every record it will ask for), a later read of one key,
    and the upsert of what it wrote (one row per record)."""

    prefetch: Any
    one: Any
    upsert: Any

    @classmethod
    def build(cls, dialect: str, expires: bool) -> _UpdateStatements:
        def fresh(table: Any) -> Any:
            return table.updated_at >= bindparam("cutoff") if expires else true()

        columns = (FsmRecordRow.key, FsmRecordRow.state, FsmRecordRow.data)
        stack, context = aliased(FsmRecordRow), aliased(FsmRecordRow)
        context_key = (bindparam("head", type_=String) + SqlStorage._last_intent(dialect, stack.data)
                       + bindparam("tail", type_=String))
        prefetch = union_all(
            select(*columns).where(FsmRecordRow.key.in_(bindparam("wanted", expanding=True)), fresh(FsmRecordRow)),
            select(context.key, context.state, context.data)
            .select_from(stack).join(context, context.key == context_key)
            .where(stack.key.in_(bindparam("stacks", expanding=True)), fresh(context)),
        )
        one = select(*columns).where(FsmRecordRow.key == bindparam("key"), fresh(FsmRecordRow))
        insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(FsmRecordRow.__table__)
        upsert = insert.on_conflict_do_update(
            index_elements=[FsmRecordRow.key],
            set_={"state": insert.excluded.state, "data": insert.excluded.data, "updated_at": insert.excluded.updated_at},
        )
        return cls(prefetch, one, upsert)


class SqlStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        key_builder: DefaultKeyBuilder | None = None,
        clock: Clock | None = None,
        ttl: timedelta | None = None,
    ) -> None:
        self.key_builder = key_builder or dialog_key_builder()
        self.session_factory = session_factory
        self.clock = clock or SystemClock()
        #: A record not written for this long is gone: reads ignore it, housekeeping deletes it.
        self.ttl = ttl
        self._prepared: dict[str, _UpdateStatements] = {}

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        """The update's session if there is one (its owner commits), else a short transaction of our own."""
        scope = _update_scope.get()
        if scope is not None:
            await self._flush(scope)  # what the update wrote comes first
            yield scope.session
            return
        async with self.session_factory() as session:
            yield session
            await session.commit()

    def _insert(self, session: AsyncSession):
        dialect = session.bind.dialect.name if session.bind else "sqlite"
        return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(FsmRecordRow)

    def _fresh(self, table: Any = FsmRecordRow):
        if self.ttl is None:
            return True
        return table.updated_at >= self.clock.now() - self.ttl

    # --- inside an update: read once, write once ----------------------------------------------------------
    def _scope(self) -> UpdateScope | None:
        scope = _update_scope.get()
        if scope is not None and scope.flush is None:
            scope.flush = partial(self._flush, scope)
            scope.work.before_commit(scope.flush)
        return scope

    def _companions(self, key: StorageKey) -> tuple[list[str], list[str], tuple[str, str]]:
        """What an update of this person in this chat reads: aiogram's state and data, aiogram-dialog's stacks of
        the chat (the chat's own and, outside a private chat, the person's) and the context on top of each."""
        build = self.key_builder.build
        person = StorageKey(key.bot_id, key.chat_id, key.user_id, key.thread_id, key.business_connection_id)
        chat = StorageKey(key.bot_id, key.chat_id, key.chat_id, key.thread_id, key.business_connection_id)
        stacks = [build(replace(chat, destiny=STACK), "data")]
        if key.user_id != key.chat_id or key.business_connection_id is not None:
            stacks.append(build(replace(chat, destiny=f"{STACK}<{key.user_id}>"), "data"))
        head, _, tail = build(replace(chat, destiny=f"{CONTEXT}\x00"), "data").partition("\x00")
        return [build(person, "state"), build(person, "data")], stacks, (head, tail)

    @staticmethod
    def _last_intent(dialect: str, data: Any):
        """SQL for the id of the last intent of a stack record's data (its `intents` list), as text."""
        if dialect == "postgresql":
            return type_coerce(data.op("->")(literal_column("'intents'")).op("->>")(literal_column("-1")), String)
        return type_coerce(func.json_extract(data, "$.intents[#-1]"), String)

    def _statements(self, session: AsyncSession) -> _UpdateStatements:
        """The update's three statements, built once per dialect: building them (aliases above all) cost a quarter
        of a questionnaire step's CPU when it was done on every read."""
        dialect = session.bind.dialect.name if session.bind else "sqlite"
        found = self._prepared.get(dialect)
        if found is None:
            found = self._prepared[dialect] = _UpdateStatements.build(dialect, self.ttl is not None)
        return found

    def _cutoff(self) -> dict[str, Any]:
        return {} if self.ttl is None else {"cutoff": self.clock.now() - self.ttl}

    async def _read(self, scope: UpdateScope, key: StorageKey, raw: str) -> None:
        """Fill `scope` with `raw` (and, on the update's first read, with everything it will read) in one query."""
        session = scope.session
        await self._flush(scope)
        statements = self._statements(session)
        if scope.prefetched:
            query, params = statements.one, {"key": raw}
            wanted = [raw]
        else:
            scope.prefetched = True
            own, stacks, (head, tail) = self._companions(key)
            wanted = list(dict.fromkeys([raw, *own, *stacks]))
            query, params = statements.prefetch, {"wanted": wanted, "stacks": stacks, "head": head, "tail": tail}
        rows = (await session.execute(query, params | self._cutoff())).all()
        found = {k: (state if k.endswith(":state") else (dict(data) if data else _ABSENT)) for k, state, data in rows}
        for k in wanted:
            found.setdefault(k, _ABSENT)
        for k, value in found.items():
            if k not in scope.values:  # what the update wrote meanwhile wins
                scope.values[k] = value
            scope.stored[k] = value

    def _write(self, scope: UpdateScope, raw: str, value: Any) -> None:
        value = copy.deepcopy(value)  # written as it is now, whatever the caller does with its dict afterwards
        scope.values[raw] = value
        scope.pending[raw] = value

    async def _flush(self, scope: UpdateScope) -> None:
        """Write what the update changed: one upsert, and one delete for records emptied that exist."""
        if not scope.pending:
            return
        pending, scope.pending = scope.pending, {}
        session, now = scope.session, self.clock.now()
        rows, gone = [], []
        for raw, value in pending.items():
            absent = raw in scope.stored and scope.stored[raw] is _ABSENT
            if raw.endswith(":state"):
                if value is None and absent:
                    continue  # no state either way
                rows.append({"key": raw, "state": value, "data": {}, "updated_at": now})
            elif value:
                rows.append({"key": raw, "state": None, "data": dict(value), "updated_at": now})
            elif not absent:
                gone.append(raw)
        if rows and (gone or not await scope.work.write_alone(self._statements(session).upsert, rows)):
            await session.execute(self._statements(session).upsert, rows)
        if gone:
            await session.execute(delete(FsmRecordRow).where(FsmRecordRow.key.in_(gone)))
        scope.stored.update({raw: pending[raw] or _ABSENT for raw in pending})

    # --- aiogram's storage ----------------------------------------------------------------------------------
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
        raw = self.key_builder.build(key, "state")
        scope = self._scope()
        if scope is not None:
            self._write(scope, raw, value)
            return
        await self._upsert(raw, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        raw = self.key_builder.build(key, "state")
        scope = self._scope()
        if scope is not None:
            if raw not in scope.values:
                await self._read(scope, key, raw)
            return scope.values[raw]
        async with self._session() as session:
            return await session.scalar(
                select(FsmRecordRow.state).where(FsmRecordRow.key == raw, self._fresh())
            )

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        record_key = self.key_builder.build(key, "data")
        scope = self._scope()
        if scope is not None:
            self._write(scope, record_key, dict(data) if data else _ABSENT)
            return
        if not data:
            async with self._session() as session:
                await session.execute(delete(FsmRecordRow).where(FsmRecordRow.key == record_key))
            return
        await self._upsert(record_key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        raw = self.key_builder.build(key, "data")
        scope = self._scope()
        if scope is not None:
            if raw not in scope.values:
                await self._read(scope, key, raw)
            data = scope.values[raw]
            return copy.deepcopy(data) if data else {}
        async with self._session() as session:
            data = await session.scalar(
                select(FsmRecordRow.data).where(FsmRecordRow.key == raw, self._fresh())
            )
        return dict(data) if data else {}

    async def close(self) -> None:
        return None

    # --- privacy ----------------------------------------------------------------------------------------------
    async def _keys_of(self, session: AsyncSession, user_id: int) -> list[ParsedKey]:
        likes = [p.replace("*", "%") for p in patterns_for(user_id, self.key_builder)]
        keys = await session.scalars(select(FsmRecordRow.key).where(or_(*(FsmRecordRow.key.like(p) for p in likes))))
        return _belonging(keys, user_id, self.key_builder)

    async def forget_user(self, user_id: int, session: AsyncSession | None = None) -> int:
        """Delete every record of the person. Inside `session` (the erasing transaction, not committed here) or,
        without one, in the update's (joined) or else a short transaction of its own."""
        if session is None:
            async with self._session() as own:
                return await self.forget_user(user_id, own)
        scope = _update_scope.get()
        if scope is not None and scope.session is session:
            await self._flush(scope)  # the update's own writes are in the table before it is swept
        found = await self._keys_of(session, user_id)
        keys = {k.raw for k in found}
        stacks = [k for k in found if k.destiny.startswith(STACK) and k.part == "data"]
        if stacks:
            rows = await session.execute(select(FsmRecordRow.key, FsmRecordRow.data).where(
                FsmRecordRow.key.in_([s.raw for s in stacks])))
            data_of = {key: data for key, data in rows}
            for stack in stacks:
                for intent in _intents(data_of.get(stack.raw)):
                    for part in ("data", "state"):
                        keys.add(stack.with_destiny(CONTEXT + intent, self.key_builder, part))
        if not keys:
            return 0
        result = await session.execute(delete(FsmRecordRow).where(FsmRecordRow.key.in_(sorted(keys))))
        if scope is not None and scope.session is session:
            for raw in keys:  # what this update reads from here on is what the table now holds
                scope.values[raw] = scope.stored[raw] = _ABSENT
        return result.rowcount or 0

    async def contexts_of(self, user_id: int) -> list[dict[str, Any]]:
        """The person's open aiogram-dialog contexts (state, start data, what they typed), freshest first."""
        async with self._session() as session:
            found = [k for k in await self._keys_of(session, user_id)
                     if k.destiny.startswith(CONTEXT) and k.part == "data"]
            if not found:
                return []
            rows = await session.execute(
                select(FsmRecordRow.data).where(FsmRecordRow.key.in_([k.raw for k in found]), self._fresh())
                .order_by(FsmRecordRow.updated_at.desc())
            )
            return [dict(d) for d in rows.scalars() if d]


class RedisDialogStorage(RedisStorage):
    """aiogram's RedisStorage with a TTL on every record, and forgetting a person."""

    def __init__(self, redis: Redis, ttl: timedelta | None = None, key_builder: DefaultKeyBuilder | None = None) -> None:
        super().__init__(redis, key_builder=key_builder or dialog_key_builder(), state_ttl=ttl, data_ttl=ttl)
        self.ttl = ttl

    async def _keys_of(self, user_id: int) -> list[ParsedKey]:
        raw: set[str] = set()
        for pattern in patterns_for(user_id, self.key_builder):
            async for key in self.redis.scan_iter(match=pattern, count=500):
                raw.add(key.decode() if isinstance(key, bytes) else key)
        return _belonging(raw, user_id, self.key_builder)  # type: ignore[arg-type]

    async def _load(self, key: str) -> Any:
        value = await self.redis.get(key)
        if value is None:
            return None
        try:
            return self.json_loads(value.decode() if isinstance(value, bytes) else value)
        except (ValueError, UnicodeDecodeError):
            return None

    async def forget_user(self, user_id: int, session: AsyncSession | None = None) -> int:
        """Delete every key of the person at once (the session, if any, is the database's and is not used)."""
        found = await self._keys_of(user_id)
        keys = {k.raw for k in found if k.part != "lock"}
        for stack in (k for k in found if k.destiny.startswith(STACK) and k.part == "data"):
            for intent in _intents(await self._load(stack.raw)):
                for part in ("data", "state"):
                    keys.add(stack.with_destiny(CONTEXT + intent, self.key_builder, part))
        if not keys:
            return 0
        return int(await self.redis.delete(*sorted(keys)))

    async def contexts_of(self, user_id: int) -> list[dict[str, Any]]:
        found = [k for k in await self._keys_of(user_id) if k.destiny.startswith(CONTEXT) and k.part == "data"]
        contexts = []
        for key in found:
            data = await self._load(key.raw)
            if isinstance(data, dict) and data:
                contexts.append(data)
        return contexts

