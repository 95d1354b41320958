"""The sender's side of the outbox (bot/outbox_sender.py): claiming due rows, the last look before a send, and
recording each outcome. The sender is an entry point of its own: it calls each of these in its own short
transaction, never held across a call to Telegram; nothing here commits."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.outbox import OutboxRepository
from db.repositories.people import PersonRepository
from mentorship.outbox import EditAs, OutboxKind, OutboxMessage, OutboxStatus
from mentorship.services import outbox
from mentorship.services.people import curators_of


async def claim(session: AsyncSession, now: datetime, batch: int, lease: timedelta) -> list[OutboxMessage]:
    return await OutboxRepository(session).claim(now, batch, lease)


async def release_claims(session: AsyncSession, ids: list[int], claimed_until: datetime) -> int:
    return await OutboxRepository(session).release_claims(ids, claimed_until)


async def mark_sent(session: AsyncSession, row_id: int, now: datetime, message_id: int | None = None,
                    edit_as: EditAs | None = None, edited_row: int | None = None) -> None:
    """The row went out as Telegram message `message_id`; `edit_as` when that message shows buttons a later change
    must take off; `edited_row` when the row was an edit of that earlier row's message."""
    await OutboxRepository(session).sent_as(row_id, now, message_id, edit_as, edited_row)


async def edit_refused(session: AsyncSession, message: OutboxMessage, reason: str) -> None:
    """Telegram refused an edit for good (the person deleted the message, or it cannot be edited any more): nothing
    for a curator to fix. The row is failed with the reason, and the message is not tried again."""
    repo = OutboxRepository(session)
    await repo.finish(message.id, OutboxStatus.FAILED, reason)
    row = (message.args.get("edit") or {}).get("row")
    if row is not None:
        await repo.forget_buttons(int(row))


class LastLook(Enum):
    SEND = "send"
    GONE = "gone"  # no longer pending (cancelled, or another sender finished it)
    HELD = "held"  # held now: the caller commits that


async def last_look(session: AsyncSession, message: OutboxMessage) -> LastLook:
    """Just before a send: still pending, and its recipient's consent not withdrawn nor its pair suspended since it
    was queued (then it is held, to go if they resume)."""
    repo = OutboxRepository(session)
    if not await repo.is_pending(message.id):
        return LastLook.GONE
    if not await outbox.held_now(session, message.person_id, message.organisation_id, message.kind, message.ref):
        return LastLook.SEND
    await repo.hold(message.id)
    return LastLook.HELD


async def retry(
    session: AsyncSession, message: OutboxMessage, due: datetime, reason: str, *, count_attempt: bool, hold_chat: bool
) -> None:
    repo = OutboxRepository(session)
    await repo.retry(message.id, due, reason, count_attempt)
    if hold_chat:
        await repo.hold_chat(message.chat_id, message.id, due)


async def give_up(session: AsyncSession, message: OutboxMessage, reason: str, now: datetime) -> None:
    """The row failed for good; the curators are told."""
    await OutboxRepository(session).finish(message.id, OutboxStatus.FAILED, reason)
    await _tell_curators(session, message, "outbox-failed-curator", reason, f"failed:{message.id}", now)


async def unreachable(session: AsyncSession, message: OutboxMessage, reason: str, now: datetime) -> int:
    """The person blocked the bot: the row and everything queued for the chat are closed, the person is marked
    unreachable, and the curators are told. Returns how many other rows were closed."""
    repo = OutboxRepository(session)
    await repo.finish(message.id, OutboxStatus.UNREACHABLE, reason)
    closed = await repo.cancel_for_chat(message.chat_id, OutboxStatus.UNREACHABLE, reason)
    # Told once per time they block the bot: only the sender that marked them tells.
    if message.person_id is not None and await PersonRepository(session).mark_unreachable(message.person_id, now):
        await _tell_curators(session, message, "outbox-unreachable-curator", None,
                             f"unreachable:{message.person_id}:{now.isoformat()}", now)
    return closed


async def _tell_curators(
    session: AsyncSession, message: OutboxMessage, key: str, reason: str | None, dedup: str, now: datetime
) -> None:
    if message.organisation_id is None or message.person_id is None:
        return
    person = await PersonRepository(session).get(message.person_id)
    name = person.full_name if person is not None and person.full_name else f"#{message.person_id}"
    for curator in await curators_of(session, message.organisation_id):
        if curator.id == message.person_id:
            continue
        await outbox.notify(
            session, curator, key, {"name": name, "reason": reason or ""}, now=now,
            kind=OutboxKind.ALERT, organisation_id=message.organisation_id, dedup_key=f"{dedup}:{curator.id}",
        )
