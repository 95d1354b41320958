"""Pairs for the curator: suggestions from matching stored as proposals, approval and rejection, pairs by hand.

Every function checks that the actor curates the pair's organisation before it reads or changes anything. The
database has the last word on "one live pair per mentee and form" (a partial unique index): two curators approving
two proposals for one mentee at the same moment get one approval and one `pair-mentee-taken`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.consents import ConsentRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from mentorship.clock import Clock
from mentorship.consent import ConsentKind, is_granted
from mentorship.entities import Actor, Organisation, Pair, PairStatus, Person
from mentorship.errors import DomainError, NotAllowed, NotFound
from mentorship.matching import (
    Candidate,
    Rules,
    Scored,
    Violation,
    assign,
    check,
    pair_form,
    score,
)
from mentorship.people import age_on
from mentorship.questionnaire import Tag
from mentorship.roles import Role
from mentorship.services import questionnaires
from mentorship.services.consents import Versions

log = logging.getLogger(__name__)

#: The curator's words on a rejection are stored, so they are kept short.
REASON_LIMIT = 300
ORDER_NUMBER_LIMIT = 40


class MenteeTaken(DomainError):
    key = "pair-mentee-taken"


@dataclass(frozen=True, slots=True)
class PairCard:
    """A pair with the people in it, for showing to the curator."""

    pair: Pair
    mentor: Person | None
    mentees: tuple[Person | None, ...]


def _curated(actor: Actor, organisation_id: int) -> None:
    if not actor.is_curator_of(organisation_id):
        raise NotAllowed()


def violation_error(violation: Violation) -> DomainError:
    return DomainError(f"pair-violation-{violation.code}", **dict(violation.args))


def _reasons(scored: Scored) -> list[dict[str, Any]]:
    return [{"code": str(r.code), "args": dict(r.args)} for r in scored.reasons] + [
        {"code": str(r.code), "args": dict(r.args), "concern": True} for r in scored.concerns
    ]


def _as_tags(value: Any) -> set[str]:
    if value is None or isinstance(value, bool):
        return set()
    if isinstance(value, list):
        return {str(v) for v in value}
    return {str(value)}


@dataclass
class _Cohort:
    organisation: Organisation
    mentors: dict[int, Candidate]
    mentees: dict[int, Candidate]


async def _cohort(session: AsyncSession, clock: Clock, organisation: Organisation) -> _Cohort:
    """Candidates from active memberships and intake answers read by tag; a mentor's load is their live pairs."""
    today = clock.now().date()
    answers: dict[tuple[int, Role], dict[Tag, set[str]]] = {}
    for progress in await questionnaires.responses_in(session, organisation.id):
        by_tag: dict[Tag, set[str]] = {}
        for question in progress.questionnaire.questions:
            if question.tag is not None and question.id in progress.answers:
                by_tag.setdefault(question.tag, set()).update(_as_tags(progress.answers[question.id]))
        answers[(progress.response.person_id, progress.response.role)] = by_tag
    loads = await PairRepository(session).live_loads()
    people = PersonRepository(session)
    found: dict[Role, dict[int, Candidate]] = {Role.MENTOR: {}, Role.MENTEE: {}}
    for role, into in found.items():
        for person_id in await people.person_ids_with_role(organisation.id, role):
            person = await people.get(person_id)
            if person is None or person.category is None:
                continue
            membership = next(
                (m for m in person.memberships if m.organisation_id == organisation.id and m.role == role), None
            )
            if membership is None or not membership.is_active:
                continue
            tags = answers.get((person_id, role), {})
            capacity = 1
            for raw in tags.get(Tag.CAPACITY, ()):
                if raw.isdigit() and int(raw) >= 1:
                    capacity = int(raw)
            into[person_id] = Candidate(
                person_id=person_id,
                role=role,
                organisation_id=organisation.id,
                category=person.category,
                age=age_on(person.date_of_birth, today) if person.date_of_birth else None,
                form=membership.form,
                requests=tags.get(Tag.REQUESTS, frozenset()) if role == Role.MENTEE else frozenset(),
                competences=tags.get(Tag.COMPETENCES, frozenset()) if role == Role.MENTOR else frozenset(),
                subjects=tags.get(Tag.SUBJECTS, frozenset()),
                interests=tags.get(Tag.INTERESTS, frozenset()),
                formats=tags.get(Tag.FORMAT, frozenset()),
                availability=tags.get(Tag.AVAILABILITY, frozenset()),
                capacity=capacity,
                load=loads.get(person_id, 0) if role == Role.MENTOR else 0,
            )
    return _Cohort(organisation, found[Role.MENTOR], found[Role.MENTEE])


async def _organisation(session: AsyncSession, actor: Actor, organisation_id: int) -> Organisation:
    _curated(actor, organisation_id)
    organisation = await OrganisationRepository(session).get(organisation_id)
    if organisation is None:
        raise NotFound()
    return organisation


async def _cards(session: AsyncSession, pairs: Iterable[Pair]) -> list[PairCard]:
    people = PersonRepository(session)
    cache: dict[int, Person | None] = {}

    async def person(person_id: int) -> Person | None:
        if person_id not in cache:
            cache[person_id] = await people.get(person_id)
        return cache[person_id]

    return [
        PairCard(p, await person(p.mentor_person_id), tuple([await person(i) for i in p.mentee_person_ids]))
        for p in pairs
    ]


async def suggest(session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int) -> list[PairCard]:
    """Run matching over the organisation's active participants and store the result as proposals, replacing the
    proposals nobody decided on yet. Best first."""
    organisation = await _organisation(session, actor, organisation_id)
    cohort = await _cohort(session, clock, organisation)
    repo = PairRepository(session)
    live = await repo.live_forms_by_mentee(cohort.mentees.keys())
    result = assign(cohort.mentors.values(), cohort.mentees.values(), Rules.for_organisation(organisation), None, live)
    now = clock.now()
    await repo.delete_proposed(organisation_id)
    for suggestion in sorted(result.pairs, key=lambda s: (-s.scored.value, s.mentor_id, s.mentee_id)):
        await repo.add(
            organisation_id=organisation_id,
            mentor_person_id=suggestion.mentor_id,
            mentee_person_ids=[suggestion.mentee_id],
            form=suggestion.form,
            status=PairStatus.PROPOSED,
            score=suggestion.scored.value,
            reasons=_reasons(suggestion.scored),
            proposed_by_telegram_id=actor.telegram_id,
            now=now,
        )
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="pair.suggest", organisation_id=organisation_id,
        object_type="organisation", object_id=organisation_id, proposals=len(result.pairs),
        unmatched=len(result.unmatched),
    )
    await session.commit()
    log.info("pairs suggested organisation_id=%s proposals=%s", organisation_id, len(result.pairs))
    return await pending(session, actor, organisation_id)


async def pending(session: AsyncSession, actor: Actor, organisation_id: int) -> list[PairCard]:
    """Proposals waiting for the curator, best first."""
    _curated(actor, organisation_id)
    proposals = await PairRepository(session).in_organisation(organisation_id, [PairStatus.PROPOSED])
    return await _cards(session, sorted(proposals, key=lambda p: (-p.score, p.id)))


async def list_pairs(session: AsyncSession, actor: Actor, organisation_id: int) -> list[PairCard]:
    """Every pair that was decided on (proposals are in `pending`), oldest first."""
    _curated(actor, organisation_id)
    decided = [s for s in PairStatus if s != PairStatus.PROPOSED]
    return await _cards(session, await PairRepository(session).in_organisation(organisation_id, decided))


async def _owned(session: AsyncSession, actor: Actor, pair_id: int) -> Pair:
    pair = await PairRepository(session).get(pair_id)
    if pair is None:
        raise NotFound("pair-not-found", id=pair_id)
    _curated(actor, pair.organisation_id)
    return pair


def _violations(cohort: _Cohort, mentor_id: int, mentee_ids: Iterable[int], live: Mapping[int, set]) -> list[Violation]:
    mentor = cohort.mentors.get(mentor_id)
    if mentor is None:
        raise DomainError("pair-not-candidate", side="mentor")
    found: list[Violation] = []
    for taken, mentee_id in enumerate(mentee_ids):
        mentee = cohort.mentees.get(mentee_id)
        if mentee is None:
            raise DomainError("pair-not-candidate", side="mentee")
        # A group takes one place per mentee: each next mentee sees the places the previous ones took.
        mentor_now = replace(mentor, load=mentor.load + taken)
        found.extend(check(mentor_now, mentee, Rules.for_organisation(cohort.organisation), live.get(mentee_id, ())))
    return found


async def approve(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    pair_id: int,
    order_number: str | None = None,
    order_date: date | None = None,
) -> PairCard:
    """Decide a proposal. The rules are checked again (answers, consents and other pairs may have changed since)."""
    pair = await _owned(session, actor, pair_id)
    if pair.status != PairStatus.PROPOSED:
        raise DomainError("pair-not-proposed", id=pair_id)
    if order_number is not None and len(order_number) > ORDER_NUMBER_LIMIT:
        raise DomainError("pair-order-too-long", limit=ORDER_NUMBER_LIMIT)
    organisation = await _organisation(session, actor, pair.organisation_id)
    cohort = await _cohort(session, clock, organisation)
    repo = PairRepository(session)
    live = await repo.live_forms_by_mentee(pair.mentee_person_ids)
    violations = _violations(cohort, pair.mentor_person_id, pair.mentee_person_ids, live)
    if violations:
        raise violation_error(violations[0])
    # Only people with active memberships (every consent they need) are candidates, so the pair is active at once;
    # `approved` is for pairs whose consents are still missing.
    status = PairStatus.ACTIVE
    now = clock.now()
    try:
        await repo.decide(
            pair_id, status, by_telegram_id=actor.telegram_id, at=now, order_number=order_number, order_date=order_date
        )
        await AuditRepository(session).record(
            at=now, actor_telegram_id=actor.telegram_id, action="pair.approve", organisation_id=pair.organisation_id,
            object_type="pair", object_id=pair_id, status=status.value,
        )
        await session.commit()
    except IntegrityError:
        await session.rollback()
        log.info("pair approval lost a race pair_id=%s", pair_id)
        raise MenteeTaken() from None
    log.info("pair approved pair_id=%s status=%s", pair_id, status.value)
    (card,) = await _cards(session, [await _owned(session, actor, pair_id)])
    return card


async def reject(session: AsyncSession, clock: Clock, actor: Actor, pair_id: int, reason: str | None = None) -> Pair:
    pair = await _owned(session, actor, pair_id)
    if pair.status != PairStatus.PROPOSED:
        raise DomainError("pair-not-proposed", id=pair_id)
    reason = (reason or "").strip() or None
    if reason is not None and len(reason) > REASON_LIMIT:
        raise DomainError("pair-reason-too-long", limit=REASON_LIMIT)
    now = clock.now()
    await PairRepository(session).decide(
        pair_id, PairStatus.REJECTED, by_telegram_id=actor.telegram_id, at=now, reason=reason
    )
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="pair.reject", organisation_id=pair.organisation_id,
        object_type="pair", object_id=pair_id, with_reason=reason is not None,
    )
    await session.commit()
    log.info("pair rejected pair_id=%s", pair_id)
    found = await PairRepository(session).get(pair_id)
    assert found is not None
    return found


async def propose_by_hand(
    session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int, mentor_id: int, mentee_id: int
) -> PairCard:
    """The curator's own proposal; the hard rules still apply and the first one broken is named."""
    organisation = await _organisation(session, actor, organisation_id)
    cohort = await _cohort(session, clock, organisation)
    repo = PairRepository(session)
    live = await repo.live_forms_by_mentee([mentee_id])
    violations = _violations(cohort, mentor_id, [mentee_id], live)
    if violations:
        raise violation_error(violations[0])
    mentor, mentee = cohort.mentors[mentor_id], cohort.mentees[mentee_id]
    form = pair_form(mentor, mentee)
    assert form is not None  # `check` reports NO_FORM otherwise
    scored = score(mentor, mentee)
    now = clock.now()
    pair_id = await repo.add(
        organisation_id=organisation_id, mentor_person_id=mentor_id, mentee_person_ids=[mentee_id], form=form,
        status=PairStatus.PROPOSED, score=scored.value, reasons=_reasons(scored),
        proposed_by_telegram_id=actor.telegram_id, now=now,
    )
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="pair.propose", organisation_id=organisation_id,
        object_type="pair", object_id=pair_id,
    )
    await session.commit()
    (card,) = await _cards(session, [await _owned(session, actor, pair_id)])
    return card


# --- telling the pair --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Announcement:
    """One message to send: to whom, which locale key, with what (the caller renders and delivers it)."""

    person: Person
    key: str
    args: dict[str, Any]


async def _shares_contact(session: AsyncSession, person: Person, organisation_id: int, versions: Versions) -> bool:
    records = await ConsentRepository(session).for_subject(person.id, organisation_id)
    return person.telegram_id is not None and is_granted(records, ConsentKind.CONTACTS, versions[ConsentKind.CONTACTS])


async def announcements(session: AsyncSession, pair_id: int, versions: Versions) -> list[Announcement]:
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
        if await _shares_contact(session, partner, pair.organisation_id, versions):
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
