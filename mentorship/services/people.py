"""Reading who someone is, and their preferences; who curates an organisation (every service that tells the
curators asks here, so this module imports no other service)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.organisations import OrganisationRepository
from db.repositories.people import PersonRepository
from mentorship.entities import Actor, Organisation, Person
from mentorship.roles import Role


async def load_actor(session: AsyncSession, telegram_id: int, admin_ids: frozenset[int]) -> Actor:
    people = PersonRepository(session)
    person = await people.by_telegram_id(telegram_id)
    if person is not None and person.unreachable:
        # They write again, so they have unblocked the bot: the outbox may reach them from now on.
        await people.set_reachable(person.id)
        person = replace(person, unreachable=False)
    return Actor(telegram_id=telegram_id, is_superadmin=telegram_id in admin_ids, person=person)


async def person(session: AsyncSession, person_id: int) -> Person | None:
    return await PersonRepository(session).get(person_id)


async def people_by_id(session: AsyncSession, person_ids: list[int]) -> dict[int, Person]:
    return await PersonRepository(session).many(person_ids)


async def set_locale(session: AsyncSession, person: Person, locale: str) -> None:
    await PersonRepository(session).set_locale(person.id, locale)


async def organisations_of(session: AsyncSession, person: Person) -> dict[int, Organisation]:
    ids = sorted({m.organisation_id for m in person.memberships if m.organisation_id is not None})
    return {o.id: o for o in await OrganisationRepository(session).list(ids)} if ids else {}


async def curators_of(session: AsyncSession, organisation_id: int) -> tuple[Person, ...]:
    """The organisation's curators who can be written to (erased ones have no Telegram id)."""
    people = PersonRepository(session)
    ids = await people.person_ids_with_role(organisation_id, Role.CURATOR)
    found = [await people.get(i) for i in ids]
    return tuple(p for p in found if p is not None and p.telegram_id is not None)
