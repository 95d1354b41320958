"""Reading who someone is, and their preferences."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.organisations import OrganisationRepository
from db.repositories.people import PersonRepository
from mentorship.entities import Actor, Organisation, Person


async def load_actor(session: AsyncSession, telegram_id: int, admin_ids: frozenset[int]) -> Actor:
    person = await PersonRepository(session).by_telegram_id(telegram_id)
    return Actor(telegram_id=telegram_id, is_superadmin=telegram_id in admin_ids, person=person)


async def set_locale(session: AsyncSession, person: Person, locale: str) -> None:
    await PersonRepository(session).set_locale(person.id, locale)
    await session.commit()


async def organisations_of(session: AsyncSession, person: Person) -> dict[int, Organisation]:
    ids = sorted({m.organisation_id for m in person.memberships if m.organisation_id is not None})
    return {o.id: o for o in await OrganisationRepository(session).list(ids)} if ids else {}
