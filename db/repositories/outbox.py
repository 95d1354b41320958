"""The outbox table: enqueue (idempotent by `dedup_key`), cancel by `ref`, and the sender's claim and outcomes.

The claim is one statement: on PostgreSQL `FOR UPDATE SKIP LOCKED` in a subquery, so concurrent senders take
disjoint rows; SQLite has a single writer, which gives the same. A claim is a lease (`claimed_until`): a sender
that dies mid-send leaves its rows to the next claim once the lease runs out.

A row's payload (which may quote names) is emptied once the row is done — sent, failed, unreachable or cancelled —
so the table keeps delivery facts, not texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import OutboxRow, PersonRow
from mentorship.outbox import Button, OutboxMessage, OutboxStatus


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self,
        *,
        chat_id: int,
        person_id: int | None,
        organisation_id: int | None,
        kind: str,
        key: str,
        args: dict[str, Any],
        buttons: Iterable[Iterable[Button]] = (),
        due_at: datetime,
        now: datetime,
        urgent: bool = False,
        ref: str | None = None,
        dedup_key: str | None = None,
        locale: str | None = None,
    ) -> bool:
        """Insert a pending row; False when a row with the same `dedup_key` exists (nothing changes)."""
        values = dict(
            chat_id=chat_id, person_id=person_id, organisation_id=organisation_id, kind=kind,
            payload={"key": key, "args": args, "buttons": [[b.as_json() for b in row] for row in buttons],
                     "locale": locale},
            ref=ref, dedup_key=dedup_key, urgent=urgent, due_at=due_at, status=OutboxStatus.PENDING.value,
            attempts=0, created_at=now,
        )
        dialect = postgresql if self.session.bind.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(OutboxRow).values(**values).on_conflict_do_nothing(index_elements=["dedup_key"])
        result = await self.session.execute(statement)
        return bool(result.rowcount)

    async def cancel(self, ref: str, kinds: Iterable[str] | None = None, person_id: int | None = None) -> int:
        """Cancel the pending rows about `ref`; their dedup keys are freed so the same message may be queued again."""
        query = update(OutboxRow).where(OutboxRow.ref == ref, OutboxRow.status == OutboxStatus.PENDING.value)
        if kinds is not None:
            query = query.where(OutboxRow.kind.in_(list(kinds)))
        if person_id is not None:
            query = query.where(OutboxRow.person_id == person_id)
        result = await self.session.execute(
            query.values(status=OutboxStatus.CANCELLED.value, dedup_key=None, payload={})
            .execution_options(synchronize_session=False)
        )
        return result.rowcount or 0

    async def pending_for(self, ref: str) -> list[tuple[int, int, str, datetime]]:
        """(id, chat_id, kind, due_at) of the pending rows about `ref`, by due time — for tests and the curator."""
        rows = await self.session.execute(
            select(OutboxRow.id, OutboxRow.chat_id, OutboxRow.kind, OutboxRow.due_at)
            .where(OutboxRow.ref == ref, OutboxRow.status == OutboxStatus.PENDING.value)
            .order_by(OutboxRow.due_at, OutboxRow.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    async def claim(self, now: datetime, limit: int, lease: timedelta) -> list[OutboxMessage]:
        due = (
            select(OutboxRow.id)
            .where(
                OutboxRow.status == OutboxStatus.PENDING.value,
                OutboxRow.due_at <= now,
                or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now),
            )
            .order_by(OutboxRow.due_at, OutboxRow.id)
            .limit(limit)
        )
        if self.session.bind.dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        claimed = await self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.id.in_(due.scalar_subquery()))
            .values(claimed_until=now + lease, attempts=OutboxRow.attempts + 1)
            .returning(OutboxRow.id)
            .execution_options(synchronize_session=False)
        )
        ids = [row[0] for row in claimed]
        if not ids:
            return []
        rows = await self.session.execute(
            select(OutboxRow, PersonRow.locale)
            .outerjoin(PersonRow, PersonRow.id == OutboxRow.person_id)
            .where(OutboxRow.id.in_(ids))
            .order_by(OutboxRow.due_at, OutboxRow.id)
        )
        found = []
        for row, locale in rows:
            payload = row.payload or {}
            found.append(
                OutboxMessage(
                    id=row.id, chat_id=row.chat_id, person_id=row.person_id, organisation_id=row.organisation_id,
                    kind=row.kind, key=payload.get("key", ""), args=payload.get("args") or {},
                    buttons=tuple(tuple(Button.from_json(b) for b in r) for r in payload.get("buttons") or ()),
                    locale=locale or payload.get("locale"), attempts=row.attempts, due_at=row.due_at,
                )
            )
        return found

    async def sent(self, ids: Iterable[int], at: datetime) -> None:
        ids = list(ids)
        if ids:
            await self.session.execute(
                update(OutboxRow).where(OutboxRow.id.in_(ids))
                .values(status=OutboxStatus.SENT.value, sent_at=at, claimed_until=None, last_error=None, payload={})
                .execution_options(synchronize_session=False)
            )

    async def release(self, ids: Iterable[int], claimed_until: datetime) -> int:
        """Give back claimed rows that were not tried (a graceful stop, a claim that ran long): claimable at once,
        and the claim does not count as an attempt. Only rows still under this very claim (`claimed_until`) are
        touched, so a row another sender has claimed since stays theirs."""
        ids = list(ids)
        if not ids:
            return 0
        result = await self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.id.in_(ids), OutboxRow.status == OutboxStatus.PENDING.value,
                   OutboxRow.claimed_until == claimed_until)
            .values(claimed_until=None, attempts=OutboxRow.attempts - 1)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount or 0

    async def finish(self, message_id: int, status: OutboxStatus, error: str | None) -> None:
        await self.session.execute(
            update(OutboxRow).where(OutboxRow.id == message_id)
            .values(status=status.value, claimed_until=None, last_error=(error or "")[:200] or None, payload={})
            .execution_options(synchronize_session=False)
        )

    async def retry(self, message_id: int, due_at: datetime, error: str | None, count_attempt: bool = True) -> None:
        """Back to pending at `due_at`; a rate-limit postponement does not count as a failed attempt."""
        values: dict[str, Any] = dict(due_at=due_at, claimed_until=None, last_error=(error or "")[:200] or None)
        if not count_attempt:
            values["attempts"] = OutboxRow.attempts - 1
        await self.session.execute(
            update(OutboxRow).where(OutboxRow.id == message_id).values(**values)
            .execution_options(synchronize_session=False)
        )

    async def cancel_for_chat(self, chat_id: int, status: OutboxStatus, error: str) -> int:
        """Every pending row to a chat that cannot be reached is closed with the same reason."""
        result = await self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.chat_id == chat_id, OutboxRow.status == OutboxStatus.PENDING.value)
            .values(status=status.value, claimed_until=None, last_error=error[:200], dedup_key=None, payload={})
            .execution_options(synchronize_session=False)
        )
        return result.rowcount or 0

    async def is_pending(self, message_id: int) -> bool:
        status = await self.session.scalar(select(OutboxRow.status).where(OutboxRow.id == message_id))
        return status == OutboxStatus.PENDING.value

    async def forget_person(self, person_id: int) -> None:
        """Erasure: every row addressed to the person goes (a row's text may quote them)."""
        await self.session.execute(delete(OutboxRow).where(OutboxRow.person_id == person_id))

    async def counts(self, organisation_id: int | None = None) -> dict[str, int]:
        query = select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
        if organisation_id is not None:
            query = query.where(OutboxRow.organisation_id == organisation_id)
        return {status: int(n) for status, n in await self.session.execute(query)}

    async def next_due(self, now: datetime) -> datetime | None:
        return await self.session.scalar(
            select(func.min(OutboxRow.due_at)).where(
                OutboxRow.status == OutboxStatus.PENDING.value,
                and_(or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now)),
            )
        )
