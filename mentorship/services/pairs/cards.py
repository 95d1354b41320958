"""Pairs as the curator sees them: the access check every pair use case starts with, pair cards (a pair with its
people), and the lists of proposals and decided pairs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.organisations import OrganisationRepository
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from mentorship.entities import Actor, Organisation, Pair, PairStatus, Person
from mentorship.errors import NotAllowed, NotFound
from mentorship.roles import Role


@dataclass(frozen=True, slots=True)
class PairCard:
    """A pair with the people in it, for showing to the curator."""

    pair: Pair
    mentor: Person | None
    mentees: tuple[Person | None, ...]


def curated(actor: Actor, organisation_id: int) -> None:
    if not actor.is_curator_of(organisation_id):
        raise NotAllowed()


async def curated_organisation(session: AsyncSession, actor: Actor, organisation_id: int) -> Organisation:
    curated(actor, organisation_id)
    organisation = await OrganisationRepository(session).get(organisation_id)
    if organisation is None:
        raise NotFound()
    return organisation


async def owned(session: AsyncSession, actor: Actor, pair_id: int) -> Pair:
    pair = await PairRepository(session).get(pair_id)
    if pair is None:
        raise NotFound("pair-not-found", id=pair_id)
    curated(actor, pair.organisation_id)
    return pair


async def cards(
    session: AsyncSession, pairs: Iterable[Pair], known: Mapping[int, Person] | None = None
) -> list[PairCard]:
    """The pairs with their people; `known`: people read already in this transaction (only the others are read)."""
    pairs = list(pairs)
    people = dict(known or {})
    ids = {p.mentor_person_id for p in pairs} | {i for p in pairs for i in p.mentee_person_ids}
    if ids - people.keys():
        people.update(await PersonRepository(session).many(ids - people.keys()))
    return [
        PairCard(p, people.get(p.mentor_person_id), tuple(people.get(i) for i in p.mentee_person_ids)) for p in pairs
    ]


def display_name(person: Person | None) -> str:
    return person.full_name if person is not None and person.full_name else "—"


async def pending(
    session: AsyncSession, actor: Actor, organisation_id: int, known: Mapping[int, Person] | None = None
) -> list[PairCard]:
    """Proposals waiting for the curator, best first (`known`: see `cards`)."""
    curated(actor, organisation_id)
    proposals = await PairRepository(session).in_organisation(organisation_id, [PairStatus.PROPOSED])
    return await cards(session, sorted(proposals, key=lambda p: (-p.score, p.id)), known)


async def list_pairs(session: AsyncSession, actor: Actor, organisation_id: int) -> list[PairCard]:
    """Every pair that was decided on (proposals are in `pending`), oldest first."""
    curated(actor, organisation_id)
    decided = [s for s in PairStatus if s != PairStatus.PROPOSED]
    return await cards(session, await PairRepository(session).in_organisation(organisation_id, decided))


async def organisation_of_person(session: AsyncSession, actor: Actor, person_id: int) -> int:
    """The organisation (among those the actor curates) where `person_id` is a mentor or a mentee, for /propose."""
    person = await PersonRepository(session).get(person_id)
    if person is not None:
        for membership in person.memberships:
            if membership.role in (Role.MENTOR, Role.MENTEE) and actor.is_curator_of(membership.organisation_id or 0):
                return membership.organisation_id  # type: ignore[return-value]
    raise NotFound("pair-person-not-found", id=person_id)


async def card(session: AsyncSession, actor: Actor, pair_id: int) -> PairCard:
    """One pair with its people, for the curator's card (`pair-not-found`, or NotAllowed for another organisation)."""
    (found,) = await cards(session, [await owned(session, actor, pair_id)])
    return found
