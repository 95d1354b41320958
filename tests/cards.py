"""Helpers for the tests of the curator's cards (/match, /pairs, /pending, /requests, propose a mentor)."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import AuditRow, PairRow
from db.repositories.people import PersonRepository
from tests.harness import Harness, Person
from tests.test_pairs import person_id


async def speaks_english(h: Harness, telegram_id: int) -> None:
    async with h.app.session_factory() as session:
        await PersonRepository(session).set_locale(await person_id(h, telegram_id), "en")
        await session.commit()


async def pair_row(h: Harness, pair_id: int) -> PairRow:
    async with h.app.session_factory() as session:
        row = await session.get(PairRow, pair_id)
        assert row is not None
        return row


async def audit_count(h: Harness, action: str) -> int:
    async with h.app.session_factory() as session:
        return await session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == action))


def button_data(person: Person, label: str) -> str:
    """The callback data of the newest button whose text contains `label` (to press it again later)."""
    message = person.h.telegram.last_with_buttons(person.id)
    return next(b["callback_data"] for b in message.buttons() if label in b["text"])


def forged(data: str, item: str) -> str:
    """The same button with another item (a pair id someone typed in): aiogram-dialog's `widget:item` data."""
    return data.rsplit(":", 1)[0] + ":" + item


def bot_messages(person: Person) -> int:
    return len(person.h.telegram.messages(person.id))
