"""Waiting pairs start when consent comes: an approved pair whose members are now all active becomes active, in the
transaction that recorded the consent (the caller is services/participation.py)."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from mentorship.clock import Clock
from mentorship.entities import Pair, PairStatus
from mentorship.outbox import OutboxKind
from mentorship.roles import Role
from mentorship.services import outbox
from mentorship.services.consents import Versions
from mentorship.services.pairs.announcements import tell_active
from mentorship.services.pairs.cards import PairCard, cards, display_name
from mentorship.services.people import curators_of

log = logging.getLogger(__name__)


async def _members_active(session: AsyncSession, pair: Pair) -> bool:
    people = await PersonRepository(session).many([pair.mentor_person_id, *pair.mentee_person_ids])

    def active(person_id: int, role: Role) -> bool:
        person = people.get(person_id)
        return person is not None and any(
            m.is_active for m in person.memberships if m.organisation_id == pair.organisation_id and m.role == role
        )

    return active(pair.mentor_person_id, Role.MENTOR) and all(active(i, Role.MENTEE) for i in pair.mentee_person_ids)


async def activate_waiting(
    session: AsyncSession, clock: Clock, person_id: int, organisation_id: int, versions: Versions
) -> list[int]:
    """After a consent changed a person's membership: each approved pair of theirs whose members are now all
    active becomes active, and the pair, the minors' guardians and the curators are told.

    Called by the consent use case (services/participation.py) in the transaction that recorded the consent."""
    repo = PairRepository(session)
    waiting = [p for p in await repo.with_member(person_id, [PairStatus.APPROVED]) if p.organisation_id == organisation_id]
    activated = []
    now = clock.now()
    for pair in waiting:
        if not await _members_active(session, pair) or not await repo.activate(pair.id, now):
            continue
        activated.append(pair.id)
        await AuditRepository(session).record(
            at=now, actor_telegram_id=None, action="pair.activate", organisation_id=organisation_id,
            object_type="pair", object_id=pair.id,
        )
        await tell_active(session, clock, pair.id, versions)
        (card,) = await cards(session, [pair])
        await _tell_curators(session, clock, organisation_id, "pair-activated-curator", card)
        log.info("pair activated pair_id=%s", pair.id)
    return activated


async def _tell_curators(session: AsyncSession, clock: Clock, organisation_id: int, key: str, card: PairCard) -> None:
    args = {"id": card.pair.id, "mentor": display_name(card.mentor),
            "mentees": ", ".join(display_name(m) for m in card.mentees)}
    for curator in await curators_of(session, organisation_id):
        await outbox.notify(session, curator, key, args, now=clock.now(), kind=OutboxKind.NOTICE,
                            organisation_id=organisation_id, ref=f"pair:{card.pair.id}")
