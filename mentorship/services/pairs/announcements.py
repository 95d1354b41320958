"""Telling a pair that it is active: who hears what (the partner's Telegram only with the `contacts` consent), queued
in the outbox in the transaction that activated the pair (ref `pair:<id>`), so an activation that is rolled back
tells nobody and a restart loses no message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.consents import ConsentRepository
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from mentorship.clock import Clock
from mentorship.entities import PairStatus, Person
from mentorship.outbox import OutboxKind
from mentorship.services import outbox
from mentorship.services.consents import Versions, shares_contact


@dataclass(frozen=True, slots=True)
class Announcement:
    """One message to send: to whom, which locale key, with what (the caller renders and delivers it)."""

    person: Person
    key: str
    args: dict[str, Any]


async def tell_active(session: AsyncSession, clock: Clock, pair_id: int, versions: Versions | None) -> None:
    """Queue the announcements of a pair that just became active, in the transaction that activated it."""
    pair = await PairRepository(session).get(pair_id)
    assert pair is not None
    for announcement in await announcements(session, pair_id, versions):
        await outbox.notify(
            session, announcement.person, announcement.key, announcement.args, now=clock.now(),
            kind=OutboxKind.NOTICE, organisation_id=pair.organisation_id, ref=f"pair:{pair_id}",
        )


async def announcements(session: AsyncSession, pair_id: int, versions: Versions | None) -> list[Announcement]:
    """Who is told that a pair became active, and what: each side learns the partner's name, and the partner's
    Telegram contact only if the partner (or their guardian) granted the current `contacts` consent — otherwise
    they are told to go through the curator. Guardians of a minor hear about the child's pair the same way.

    Called after an approval the caller was allowed to make; nothing here checks authority again."""
    pair = await PairRepository(session).get(pair_id)
    if pair is None or pair.status != PairStatus.ACTIVE:
        return []
    people = PersonRepository(session)
    consents = ConsentRepository(session)
    mentor = await people.get(pair.mentor_person_id)
    mentees = [m for m in [await people.get(i) for i in pair.mentee_person_ids] if m is not None]
    if mentor is None or not mentees:
        return []

    async def about(partner: Person) -> tuple[str, dict[str, Any]]:
        if await shares_contact(session, partner, pair.organisation_id, versions):
            return "contact", {"partner": partner.full_name or "", "partner_tg": str(partner.telegram_id)}
        return "curator", {"partner": partner.full_name or ""}

    found: list[Announcement] = []

    async def tell_with_guardians(person: Person, side: str, partner: Person) -> None:
        how, args = await about(partner)
        found.append(Announcement(person, f"pair-told-{side}-{how}", args))
        for guardian_id in await consents.guardians_of(person.id):
            guardian = await people.get(guardian_id)
            if guardian is not None:
                found.append(
                    Announcement(guardian, f"pair-told-guardian-{side}-{how}", {**args, "child": person.full_name or ""})
                )

    for mentee in mentees:
        await tell_with_guardians(mentor, "mentor", mentee)
        await tell_with_guardians(mentee, "mentee", mentor)
    return found
