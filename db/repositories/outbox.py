"""The outbox table: enqueue (idempotent by `dedup_key`), cancel by `ref`, and the sender's claim and outcomes.

The claim takes time-critical rows (priority 2) before bulk ones (3), each class in due order, both classes and
the people's locales in one statement: on PostgreSQL `FOR UPDATE SKIP LOCKED` in each class's subquery, so
concurrent senders take disjoint rows; SQLite has a single writer, which gives the same. A claim is a lease
(`claimed_until`): a sender that dies mid-send leaves its rows to the next claim once the lease runs out. A chat
that has a row in flight (claimed, lease running) is skipped, so another sender cannot overtake that row with the
chat's next one.

A row's payload (which may quote names) is emptied once the row is done — sent, failed, unreachable or cancelled —
so the table keeps delivery facts, not texts. A sent row keeps its Telegram `message_id`, and one whose message
still shows buttons that act on a row keeps only how it was sent (`{"edit_as": "text"|"caption"}`), so a later
change can edit it (`live_messages`); the mark goes once an edit has taken the buttons off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import itemgetter
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    and_,
    bindparam,
    delete,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import CUSTOM_PLANS
from db.models import OutboxRow
from mentorship.outbox import (
    Button,
    EditAs,
    EditTarget,
    HeldMessage,
    OutboxMessage,
    OutboxStatus,
    Priority,
    priority_of,
)


def _holds(value: Any, text: str) -> bool:
    """Whether a JSON value has `text` as one of its strings."""
    if isinstance(value, dict):
        return any(_holds(v, text) for v in value.values())
    if isinstance(value, list):
        return any(_holds(v, text) for v in value)
    return isinstance(value, str) and value == text


def _replace(value: Any, pattern: re.Pattern[str], placeholder: str) -> Any:
    if isinstance(value, dict):
        return {k: _replace(v, pattern, placeholder) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, pattern, placeholder) for v in value]
    return pattern.sub(placeholder, value) if isinstance(value, str) else value


#: Rows not sent yet: due (pending) or kept back while their recipient or pair is paused (held).
_WAITING = (OutboxStatus.PENDING.value, OutboxStatus.HELD.value)


def _programme(kinds: Iterable[str], ref_prefixes: Iterable[str]):
    """SQL for mentorship.suspension.concerns_programme (kept equal to it; tested together)."""
    return and_(
        OutboxRow.kind != "alert",
        or_(OutboxRow.kind.in_(list(kinds)), *[OutboxRow.ref.like(f"{p}%") for p in ref_prefixes]),
    )


def _claim_statement():
    """The claim, one statement for both classes. `timely` takes up to `limit` due time-critical rows in due order,
    `bulk` the rest of the batch from the bulk rows (none when `timely` filled it), both walking `ix_outbox_claim`
    (priority, due_at, id) over pending rows, with `FOR UPDATE SKIP LOCKED` on PostgreSQL. Neither takes a row for
    a chat with a message in flight (`in_flight`, read once through `ix_outbox_in_flight`: the live leases only),
    and `bulk` none for a chat `timely` has just taken — a chat has at most one class in a batch, as when each
    class was claimed on its own. The UPDATE leases them (`:until`), counts the attempt and returns each row with
    its person's locale."""
    outbox = OutboxRow.__table__
    now = bindparam("now", type_=outbox.c.due_at.type)
    pending = OutboxStatus.PENDING.value
    in_flight = select(outbox.c.chat_id).where(
        outbox.c.status == pending, outbox.c.claimed_until.is_not(None), outbox.c.claimed_until >= now,
    ).cte("in_flight")

    def due(priority: Priority, limit: Any, *also: Any) -> Any:
        return (
            select(outbox.c.id, outbox.c.chat_id)
            .where(
                outbox.c.status == pending,
                outbox.c.priority == int(priority),
                outbox.c.due_at <= now,
                or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until < now),
                outbox.c.chat_id.not_in(select(in_flight.c.chat_id)),
                *also,
            )
            .order_by(outbox.c.due_at, outbox.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=outbox)  # nothing on SQLite, whose single writer gives the same
        )

    limit = bindparam("limit", type_=Integer)
    timely = due(Priority.TIMELY, limit).cte("timely")
    bulk = due(
        Priority.BULK, limit - select(func.count()).select_from(timely).scalar_subquery(),
        outbox.c.chat_id.not_in(select(timely.c.chat_id)),
    ).cte("bulk")
    # Written out: SQLAlchemy drops every table name in SQLite's RETURNING, the subquery's too, which would leave
    # "id = person_id" to SQLite's name resolution.
    locale = literal_column("(SELECT people.locale FROM people WHERE people.id = outbox.person_id)", String)
    return (
        update(outbox)
        .where(outbox.c.id.in_(union_all(select(timely.c.id), select(bulk.c.id))))
        .values(claimed_until=bindparam("until", type_=outbox.c.claimed_until.type), attempts=outbox.c.attempts + 1)
        # The claim order first: OutboxRepository.claim sorts the rows by the first three and reads them by position.
        .returning(outbox.c.priority, outbox.c.due_at, outbox.c.id, outbox.c.chat_id, outbox.c.person_id,
                   outbox.c.organisation_id, outbox.c.kind, outbox.c.payload, outbox.c.attempts, outbox.c.ref,
                   locale.label("locale"))
    )


_CLAIM = _claim_statement()
_CLAIM_ORDER = itemgetter(0, 1, 2)  # priority, due_at, id
_PRIORITIES = {int(p): p for p in Priority}
_CUSTOM_PLAN = text("SET LOCAL plan_cache_mode = force_custom_plan")


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
        held: bool = False,
    ) -> bool:
        """Insert a pending (or, with `held`, a held) row; False when a row with the same `dedup_key` exists."""
        values = dict(
            chat_id=chat_id, person_id=person_id, organisation_id=organisation_id, kind=kind,
            payload={"key": key, "args": args, "buttons": [[b.as_json() for b in row] for row in buttons],
                     "locale": locale},
            ref=ref, dedup_key=dedup_key, urgent=urgent, priority=int(priority_of(kind)), due_at=due_at,
            status=(OutboxStatus.HELD if held else OutboxStatus.PENDING).value, attempts=0, created_at=now,
        )
        dialect = postgresql if self.session.bind.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(OutboxRow).values(**values).on_conflict_do_nothing(index_elements=["dedup_key"])
        result = await self.session.execute(statement)
        return bool(result.rowcount)

    async def cancel(self, ref: str, kinds: Iterable[str] | None = None, person_id: int | None = None) -> int:
        """Cancel the pending (and held) rows about `ref`; their dedup keys are freed so the same message may be queued
        again. A held row is cancelled too: what it was about went away (a meeting moved or called off)."""
        query = update(OutboxRow).where(OutboxRow.ref == ref, OutboxRow.status.in_(_WAITING))
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
        """Up to `limit` due rows, time-critical ones first, each leased until `now + lease`, in one statement
        (`_CLAIM`): the rows and their people's locales come back from the UPDATE itself, so the claim never reads
        the queue a second time."""
        if self.session.bind.dialect.name == "postgresql":
            # Planned for this claim's values, never from the cached generic plan of asyncpg's prepared statement:
            # a plan made while the queue was empty (the sender claims every tick) scans the queue once per row
            # when a broadcast lands — 20 to 40 s for a claim of 37 over 10 000 rows, every reminder behind it.
            # The sender's claims run on connections that plan so already (db.engine, `custom_plans`), which spares
            # them this round trip; any other connection sets it for the claim's transaction.
            if not (await self.session.connection()).info.get(CUSTOM_PLANS):
                await self.session.execute(_CUSTOM_PLAN)
        rows = (await self.session.execute(_CLAIM, {"now": now, "until": now + lease, "limit": limit})).all()
        # By position, not by name: a row's attributes by name cost more than the rest of the claim's Python.
        found = []
        for priority, due_at, row_id, chat_id, person_id, organisation_id, kind, payload, attempts, ref, locale in (
            sorted(rows, key=_CLAIM_ORDER)
        ):
            payload = payload or {}
            buttons = payload.get("buttons")
            found.append(
                OutboxMessage(
                    id=row_id, chat_id=chat_id, person_id=person_id, organisation_id=organisation_id, kind=kind,
                    key=payload.get("key", ""), args=payload.get("args") or {},
                    buttons=tuple(tuple(Button.from_json(b) for b in r) for r in buttons) if buttons else (),
                    locale=locale or payload.get("locale"), attempts=attempts, due_at=due_at, ref=ref,
                    priority=_PRIORITIES[priority],
                )
            )
        return found

    async def hold_chat(self, chat_id: int, after_id: int, until: datetime) -> int:
        """A row to the chat met a 429 and waits until `until`: the chat's other pending rows wait at least as long,
        so none overtakes it."""
        result = await self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.chat_id == chat_id, OutboxRow.status == OutboxStatus.PENDING.value,
                   OutboxRow.id != after_id, OutboxRow.due_at < until)
            .values(due_at=until)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount or 0

    async def sent(self, ids: Iterable[int], at: datetime) -> None:
        ids = list(ids)
        if ids:
            await self.session.execute(
                update(OutboxRow).where(OutboxRow.id.in_(ids))
                .values(status=OutboxStatus.SENT.value, sent_at=at, claimed_until=None, last_error=None, payload={})
                .execution_options(synchronize_session=False)
            )

    async def sent_as(self, row_id: int, at: datetime, message_id: int | None, edit_as: EditAs | None = None,
                      edited_row: int | None = None) -> None:
        """Mark one row sent as Telegram message `message_id`. `edit_as`: the message shows buttons that act on a row,
        sent as text or as a file's caption (kept so a later change can edit it). `edited_row`: this row was an edit
        of that earlier row's message, whose buttons are gone now (nothing edits it again)."""
        await self.session.execute(
            update(OutboxRow).where(OutboxRow.id == row_id)
            .values(status=OutboxStatus.SENT.value, sent_at=at, claimed_until=None, last_error=None,
                    payload={"edit_as": edit_as.value} if edit_as is not None else {}, message_id=message_id)
            .execution_options(synchronize_session=False)
        )
        if edited_row is not None:
            await self.forget_buttons(edited_row)

    async def forget_buttons(self, row_id: int) -> None:
        """A sent row's message is not to be edited again (an edit took its buttons off, or cannot reach it)."""
        await self.session.execute(
            update(OutboxRow).where(OutboxRow.id == row_id, OutboxRow.status == OutboxStatus.SENT.value)
            .values(payload={})
            .execution_options(synchronize_session=False)
        )

    async def live_messages(self, refs: Iterable[str]) -> list[EditTarget]:
        """The sent messages about `refs` that still show buttons acting on a row, with what an edit needs to reach
        them, oldest first."""
        refs = list(refs)
        if not refs:
            return []
        rows = await self.session.execute(
            select(OutboxRow.id, OutboxRow.chat_id, OutboxRow.person_id, OutboxRow.message_id, OutboxRow.payload)
            .where(OutboxRow.ref.in_(refs), OutboxRow.status == OutboxStatus.SENT.value,
                   OutboxRow.message_id.is_not(None))
            .order_by(OutboxRow.id)
        )
        return [
            EditTarget(row_id, chat_id, person_id, message_id, EditAs(payload["edit_as"]))
            for row_id, chat_id, person_id, message_id, payload in rows
            if isinstance(payload, dict) and payload.get("edit_as") in set(EditAs)
        ]

    async def release_claims(self, ids: Iterable[int], claimed_until: datetime) -> int:
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
            .where(OutboxRow.chat_id == chat_id, OutboxRow.status.in_(_WAITING))
            .values(status=status.value, claimed_until=None, last_error=error[:200], dedup_key=None, payload={})
            .execution_options(synchronize_session=False)
        )
        return result.rowcount or 0

    async def is_pending(self, message_id: int) -> bool:
        status = await self.session.scalar(select(OutboxRow.status).where(OutboxRow.id == message_id))
        return status == OutboxStatus.PENDING.value

    async def forget_person(self, person_id: int, telegram_id: int | None = None) -> None:
        """Erasure: every row addressed to the person (or their chat) goes (a row's text may quote them)."""
        condition = OutboxRow.person_id == person_id
        if telegram_id is not None:
            condition = condition | (OutboxRow.chat_id == telegram_id)
        await self.session.execute(delete(OutboxRow).where(condition))

    async def scrub_mentions(self, name: str | None, telegram_id: int | None, placeholder: str) -> int:
        """Erasure, for rows still queued for others: the erased person's name in a message's arguments becomes
        `placeholder`; a row that carries their Telegram id (a partner's contact) is withdrawn, since the contact is
        gone. Rows pending or held count; sent ones hold no text any more. Returns how many rows changed."""
        pattern = re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)") if name and name.strip() else None
        contact = str(telegram_id) if telegram_id is not None else None
        rows = await self.session.execute(
            select(OutboxRow.id, OutboxRow.payload).where(OutboxRow.status.in_(_WAITING))
        )
        changed = 0
        for row_id, payload in rows:
            payload = payload or {}
            if contact is not None and _holds(payload, contact):
                await self.session.execute(
                    update(OutboxRow).where(OutboxRow.id == row_id)
                    .values(status=OutboxStatus.CANCELLED.value, dedup_key=None, payload={})
                    .execution_options(synchronize_session=False)
                )
                changed += 1
                continue
            if pattern is None:
                continue
            scrubbed = _replace(payload, pattern, placeholder)
            if scrubbed != payload:
                await self.session.execute(
                    update(OutboxRow).where(OutboxRow.id == row_id).values(payload=scrubbed)
                    .execution_options(synchronize_session=False)
                )
                changed += 1
        return changed

    # --- holding while a consent is withdrawn (mentorship.suspension) -------------------------------------------

    async def hold_for_person(
        self, person_id: int, organisation_id: int, kinds: Iterable[str], ref_prefixes: Iterable[str]
    ) -> int:
        """Hold every pending programme row to the person in the organisation (not alerts, not consent notices)."""
        result = await self.session.execute(
            update(OutboxRow)
            .where(
                OutboxRow.person_id == person_id,
                OutboxRow.organisation_id == organisation_id,
                OutboxRow.status == OutboxStatus.PENDING.value,
                _programme(kinds, ref_prefixes),
            )
            .values(status=OutboxStatus.HELD.value, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount or 0

    def _about(self, refs: Iterable[str], prefixes: Iterable[str]):
        return or_(OutboxRow.ref.in_(list(refs)), *[OutboxRow.ref.like(f"{p}%") for p in prefixes])

    async def hold_about(self, refs: Iterable[str], prefixes: Iterable[str]) -> int:
        """Hold the pending rows (to anyone, except alerts) whose ref is one of `refs` or starts with a prefix."""
        refs, prefixes = list(refs), list(prefixes)
        if not refs and not prefixes:
            return 0
        result = await self.session.execute(
            update(OutboxRow)
            .where(self._about(refs, prefixes), OutboxRow.status == OutboxStatus.PENDING.value,
                   OutboxRow.kind != "alert")
            .values(status=OutboxStatus.HELD.value, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount or 0

    async def cancel_alerts_about(self, refs: Iterable[str]) -> int:
        """Alerts to curators about a pair that is suspended now ("no meeting for three weeks") are moot."""
        result = await self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.ref.in_(list(refs)), OutboxRow.status.in_(_WAITING), OutboxRow.kind == "alert")
            .values(status=OutboxStatus.CANCELLED.value, dedup_key=None, payload={})
            .execution_options(synchronize_session=False)
        )
        return result.rowcount or 0

    async def held(
        self, *, person_id: int | None = None, organisation_id: int | None = None,
        refs: Iterable[str] = (), prefixes: Iterable[str] = (),
    ) -> list[HeldMessage]:
        """Held rows to a person in an organisation, or about some refs."""
        query = select(OutboxRow.id, OutboxRow.person_id, OutboxRow.organisation_id, OutboxRow.kind, OutboxRow.ref,
                       OutboxRow.due_at, OutboxRow.urgent).where(OutboxRow.status == OutboxStatus.HELD.value)
        if person_id is not None:
            query = query.where(OutboxRow.person_id == person_id, OutboxRow.organisation_id == organisation_id)
        else:
            refs, prefixes = list(refs), list(prefixes)
            if not refs and not prefixes:
                return []
            query = query.where(self._about(refs, prefixes))
        return [HeldMessage(*r) for r in await self.session.execute(query.order_by(OutboxRow.due_at, OutboxRow.id))]

    async def release(self, message_id: int, due_at: datetime) -> bool:
        result = await self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == message_id, OutboxRow.status == OutboxStatus.HELD.value)
            .values(status=OutboxStatus.PENDING.value, due_at=due_at)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)

    async def drop(self, ids: Iterable[int]) -> None:
        """Cancel held rows that are no longer worth sending (their meeting passed while they waited)."""
        ids = list(ids)
        if ids:
            await self.session.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids), OutboxRow.status == OutboxStatus.HELD.value)
                .values(status=OutboxStatus.CANCELLED.value, dedup_key=None, payload={})
                .execution_options(synchronize_session=False)
            )

    async def hold(self, message_id: int) -> bool:
        """The sender's last look found the recipient or the pair paused: keep the row back instead of sending."""
        result = await self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == message_id, OutboxRow.status == OutboxStatus.PENDING.value)
            .values(status=OutboxStatus.HELD.value, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)

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
