"""A mentee's request for another mentor (seed 002 §6.2: the mentee may ask; the curator decides).

The mentee writes why, in their own words (≤ 500 characters). Those words are shown to the curators of the
organisation and to nobody else: the mentor only ever hears "the curator ended the pair". They are deleted when
the mentee is erased, and never logged or written to the audit log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.pairs import ChangeRequestRepository, PairRepository
from db.repositories.people import PersonRepository
from db.transaction import savepoint
from mentorship.clock import Clock
from mentorship.entities import (
    Actor,
    ChangeRequest,
    ChangeRequestStatus,
    PairStatus,
    Person,
)
from mentorship.errors import DomainError, InvalidInput, NotAllowed, NotFound
from mentorship.outbox import OutboxKind
from mentorship.roles import Role
from mentorship.services import outbox
from mentorship.services.pairs.cards import PairCard, cards, curated, display_name
from mentorship.services.pairs.lifecycle import finish
from mentorship.services.people import curators_of

log = logging.getLogger(__name__)

REASON_LIMIT = 500


@dataclass(frozen=True, slots=True)
class ChangeCard:
    """An open request as the curator sees it."""

    request: ChangeRequest
    pair: PairCard
    mentee: Person | None


def clean_reason(text: str | None) -> str:
    reason = " ".join((text or "").split())
    if not reason:
        raise InvalidInput("pair-change-reason-empty")
    if len(reason) > REASON_LIMIT:
        raise InvalidInput("pair-change-reason-too-long", limit=REASON_LIMIT, length=len(reason))
    return reason


async def changeable(session: AsyncSession, actor: Actor) -> list[PairCard]:
    """The live pairs in which the actor is a mentee (what /changementor may be about). A mentor, a guardian or a
    curator is refused: only the mentee asks for themselves."""
    person = actor.person
    if person is None or Role.MENTEE not in person.roles:
        raise NotAllowed("pair-change-only-mentee")
    # A mentee whose mentor's consent is withdrawn (the pair suspended) may well want another mentor.
    pairs = await PairRepository(session).with_member(person.id, [s for s in PairStatus if s.live])
    mine = [p for p in pairs if person.id in p.taking_part]
    if not mine:
        raise DomainError("pair-change-no-pair")
    requests = ChangeRequestRepository(session)
    unasked = [p for p in mine if not await requests.open_for(p.id, person.id)]
    if not unasked:  # said at once, not after they have typed their reason again
        raise DomainError("pair-change-already-open")
    return await cards(session, unasked)


async def request_change(session: AsyncSession, clock: Clock, actor: Actor, pair_id: int, reason: str) -> ChangeRequest:
    reason = clean_reason(reason)
    mine = await changeable(session, actor)
    card = next((c for c in mine if c.pair.id == pair_id), None)
    if card is None:  # not their pair, no longer live, or already asked about
        requests_open = await ChangeRequestRepository(session).open_for(pair_id, actor.person.id if actor.person else 0)
        raise DomainError("pair-change-already-open" if requests_open else "pair-change-no-pair")
    assert actor.person is not None
    requests = ChangeRequestRepository(session)
    now = clock.now()
    try:
        async with savepoint(session):
            request_id = await requests.add(organisation_id=card.pair.organisation_id, pair_id=pair_id,
                                            mentee_person_id=actor.person.id, reason=reason, now=now)
    except IntegrityError:  # the same request sent twice at once: the partial unique index keeps one
        raise DomainError("pair-change-already-open") from None
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="pair_change.request",
        organisation_id=card.pair.organisation_id, object_type="pair", object_id=pair_id, request_id=request_id,
    )
    for curator in await curators_of(session, card.pair.organisation_id):
        await outbox.notify(
            session, curator, "pair-change-curator", {"id": request_id, "pair": pair_id, "mentee": display_name(actor.person)},
            now=now, kind=OutboxKind.ALERT, organisation_id=card.pair.organisation_id, ref=f"pair:{pair_id}:change",
        )
    log.info("mentor change requested request_id=%s pair_id=%s", request_id, pair_id)
    found = await requests.get(request_id)
    assert found is not None
    return found


async def open_requests(session: AsyncSession, actor: Actor, organisation_id: int) -> list[ChangeCard]:
    curated(actor, organisation_id)
    requests = await ChangeRequestRepository(session).open_in(organisation_id)
    repo = PairRepository(session)
    pairs = {r.pair_id: await repo.get(r.pair_id) for r in requests}
    by_pair = {c.pair.id: c for c in await cards(session, [p for p in pairs.values() if p is not None])}
    people = await PersonRepository(session).many([r.mentee_person_id for r in requests])
    return [ChangeCard(r, by_pair[r.pair_id], people.get(r.mentee_person_id)) for r in requests if r.pair_id in by_pair]


async def resolve(
    session: AsyncSession, clock: Clock, actor: Actor, request_id: int, *, end_pair: bool
) -> ChangeRequest:
    """The curator's decision: end the pair (the mentee goes back to matching; the mentor hears only that the
    curator ended it) or keep it (the mentee is told the curator will talk to them)."""
    requests = ChangeRequestRepository(session)
    request = await requests.get(request_id)
    if request is None:
        raise NotFound("pair-change-not-found", id=request_id)
    curated(actor, request.organisation_id)
    if request.status != ChangeRequestStatus.OPEN:
        raise DomainError("pair-change-decided", id=request_id)
    pair = await PairRepository(session).get(request.pair_id)
    assert pair is not None  # requests cascade with their pair
    now = clock.now()
    if end_pair:
        await finish(session, clock, actor, pair, PairStatus.ENDED, None, requested_by=request.mentee_person_id)
    else:
        if not await requests.resolve([request.id], ChangeRequestStatus.DISMISSED, by_telegram_id=actor.telegram_id,
                                      at=now):
            raise DomainError("pair-change-decided", id=request_id)
        await AuditRepository(session).record(
            at=now, actor_telegram_id=actor.telegram_id, action="pair_change.dismiss",
            organisation_id=request.organisation_id, object_type="pair", object_id=pair.id, request_id=request.id,
        )
        mentee = await PersonRepository(session).get(request.mentee_person_id)
        if mentee is not None:
            await outbox.notify(session, mentee, "pair-change-kept", {"id": pair.id}, now=now, kind=OutboxKind.NOTICE,
                                organisation_id=request.organisation_id, ref=f"pair:{pair.id}:change")
    log.info("mentor change resolved request_id=%s ended=%s", request_id, end_pair)
    found = await requests.get(request_id)
    assert found is not None
    return found
