"""Pairs for the curator: suggestions from matching stored as proposals (pairs and groups), approval and rejection,
pairs by hand, waiting for consents, ending and completing; and what each side is told, through the outbox.

Every function checks that the actor curates the pair's organisation before it reads or changes anything. The
database has the last word on "one live pair per mentee and form" (a partial unique index): two curators approving
two proposals for one mentee at the same moment get one approval and one `pair-mentee-taken`.

Messages to the pair go to the outbox in the transaction of the change (ref `pair:<id>`), so an approval that is
rolled back tells nobody and a restart loses no message.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.consents import ConsentRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.pairs import ChangeRequestRepository, PairRepository
from db.repositories.people import PersonRepository
from db.transaction import savepoint
from mentorship.clock import Clock
from mentorship.consent import ConsentKind, is_granted
from mentorship.entities import (
    Actor,
    ChangeRequestStatus,
    Organisation,
    Pair,
    PairStatus,
    Person,
)
from mentorship.errors import DomainError, InvalidInput, NotAllowed, NotFound
from mentorship.matching import (
    Candidate,
    Rules,
    Scored,
    Suggestion,
    Violation,
    assign,
    check,
    pair_form,
    score,
)
from mentorship.outbox import Button, OutboxKind
from mentorship.people import address_of, age_on
from mentorship.questionnaire import Tag
from mentorship.roles import MentorshipForm, ParticipationStatus, Role
from mentorship.services import outbox, questionnaires
from mentorship.shortcuts import Shortcut, shortcut

log = logging.getLogger(__name__)

Versions = Mapping[ConsentKind, str]

#: The curator's words on a rejection or an early end are stored, so they are kept short.
REASON_LIMIT = 300
ORDER_NUMBER_LIMIT = 40
#: Memberships a curator may pair by hand: registered, consent still to come. Declined ones may not.
WAITING = frozenset({ParticipationStatus.PENDING, ParticipationStatus.GUARDIAN})
#: Forms that may run as a group (one mentor, several mentees). Р-145 allows group mentoring in each of its forms;
#: the set is here so an organisation-level rule can narrow it later.
GROUP_FORMS = frozenset(MentorshipForm)
_DATE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$")
_DATE_WORDS = {"от", "from", "of", "dated"}


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


def _reasons(scored: Scored, mentee_id: int | None = None) -> list[dict[str, Any]]:
    """Matching codes and args (no names); in a group each item names the mentee it is about, by id."""
    about = {} if mentee_id is None else {"mentee": mentee_id}
    return [{"code": str(r.code), "args": dict(r.args), **about} for r in scored.reasons] + [
        {"code": str(r.code), "args": dict(r.args), "concern": True, **about} for r in scored.concerns
    ]


def _as_tags(value: Any) -> set[str]:
    if value is None or isinstance(value, bool):
        return set()
    if isinstance(value, list):
        return {str(v) for v in value}
    return {str(value)}


def parse_order(text: str | None, today: date) -> tuple[str | None, date | None]:
    """"45-о", "45-о от 01.09.2026" or "45-о 01.09.2026" → (number, date). A date that is not a real one (31.02, a
    two-digit year, years away) is refused rather than stored wrong."""
    words = (text or "").split()
    order_date = None
    if words and _DATE.match(words[-1]):
        raw = words.pop().replace("/", ".")
        day, month, year = raw.split(".")
        if len(year) != 4:
            raise InvalidInput("pair-order-date-invalid", text=raw)
        try:
            order_date = date(int(year), int(month), int(day))
        except ValueError:
            raise InvalidInput("pair-order-date-invalid", text=raw) from None
        if not (date(2000, 1, 1) <= order_date <= date(today.year + 1, 12, 31)):
            raise InvalidInput("pair-order-date-invalid", text=raw)
        if words and words[-1].lower() in _DATE_WORDS:
            words.pop()
    elif words and words[-1].lower() in _DATE_WORDS:
        raise InvalidInput("pair-order-date-missing")
    number = " ".join(words) or None
    if number is not None and len(number) > ORDER_NUMBER_LIMIT:
        raise DomainError("pair-order-too-long", limit=ORDER_NUMBER_LIMIT)
    if number is None and order_date is not None:
        raise InvalidInput("pair-order-date-without-number")
    return number, order_date


@dataclass
class _Cohort:
    organisation: Organisation
    mentors: dict[int, Candidate]
    mentees: dict[int, Candidate]
    #: (role, person id) of the candidates whose membership is active (the others are waiting for consent).
    active: set[tuple[Role, int]]

    def all_active(self, mentor_id: int, mentee_ids: Iterable[int]) -> bool:
        return (Role.MENTOR, mentor_id) in self.active and all((Role.MENTEE, i) in self.active for i in mentee_ids)


async def _cohort(session: AsyncSession, clock: Clock, organisation: Organisation, *, waiting: bool = False) -> _Cohort:
    """Candidates from memberships and intake answers read by tag; a mentor's load is their live pairs. Active
    memberships only, unless `waiting`: then also people whose consent is still to come (for pairs by hand).

    A fixed number of queries whatever the size: people with memberships per role, responses with answers."""
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
    active: set[tuple[Role, int]] = set()
    for role, into in found.items():
        for person in await people.with_role(organisation.id, role):
            if person.category is None or person.telegram_id is None:
                continue  # erased
            membership = next(
                (m for m in person.memberships if m.organisation_id == organisation.id and m.role == role), None
            )
            if membership is None:
                continue
            if membership.is_active:
                active.add((role, person.id))
            elif not (waiting and membership.status in WAITING):
                continue
            tags = answers.get((person.id, role), {})
            capacity = 1
            for raw in tags.get(Tag.CAPACITY, ()):
                if raw.isdigit() and int(raw) >= 1:
                    capacity = int(raw)
            into[person.id] = Candidate(
                person_id=person.id,
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
                load=loads.get(person.id, 0) if role == Role.MENTOR else 0,
            )
    return _Cohort(organisation, found[Role.MENTOR], found[Role.MENTEE], active)


async def _organisation(session: AsyncSession, actor: Actor, organisation_id: int) -> Organisation:
    _curated(actor, organisation_id)
    organisation = await OrganisationRepository(session).get(organisation_id)
    if organisation is None:
        raise NotFound()
    return organisation


async def _cards(session: AsyncSession, pairs: Iterable[Pair]) -> list[PairCard]:
    pairs = list(pairs)
    ids = {p.mentor_person_id for p in pairs} | {i for p in pairs for i in p.mentee_person_ids}
    people = await PersonRepository(session).many(ids)
    return [
        PairCard(p, people.get(p.mentor_person_id), tuple(people.get(i) for i in p.mentee_person_ids)) for p in pairs
    ]


@dataclass(frozen=True, slots=True)
class _Proposal:
    mentor_id: int
    mentee_ids: tuple[int, ...]
    form: MentorshipForm
    score: float
    reasons: list[dict[str, Any]]


def _proposals(pairs: Iterable[Suggestion], groups: Iterable[Any]) -> list[_Proposal]:
    """One proposal per group (a mentor who got two or more mentees of one form that may run as a group), one per
    remaining pair; a group's score is the mean of its mentees' scores. Best first."""
    by_mentee = {s.mentee_id: s for s in pairs}
    grouped: set[int] = set()
    found: list[_Proposal] = []
    for group in groups:
        if group.form not in GROUP_FORMS or len(group.mentee_ids) < 2:
            continue
        members = [by_mentee[i] for i in group.mentee_ids]
        grouped.update(group.mentee_ids)
        found.append(
            _Proposal(
                group.mentor_id, tuple(group.mentee_ids), group.form,
                round(sum(s.scored.value for s in members) / len(members), 2),
                [item for s in members for item in _reasons(s.scored, s.mentee_id)],
            )
        )
    for suggestion in by_mentee.values():
        if suggestion.mentee_id not in grouped:
            found.append(
                _Proposal(suggestion.mentor_id, (suggestion.mentee_id,), suggestion.form, suggestion.scored.value,
                          _reasons(suggestion.scored))
            )
    return sorted(found, key=lambda p: (-p.score, p.mentor_id, p.mentee_ids))


async def suggest(session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int) -> list[PairCard]:
    """Run matching over the organisation's active participants and store the result as proposals (groups where a
    mentor gets several mentees of one form), replacing the proposals nobody decided on yet. Pairs the curator
    rejected or ended before are not suggested again. Best first."""
    organisation = await _organisation(session, actor, organisation_id)
    cohort = await _cohort(session, clock, organisation)
    repo = PairRepository(session)
    live = await repo.live_forms_by_mentee(cohort.mentees.keys())
    turned_down = await repo.turned_down(organisation_id)
    result = assign(
        cohort.mentors.values(), cohort.mentees.values(), Rules.for_organisation(organisation), None, live,
        excluded=turned_down,
    )
    now = clock.now()
    await repo.delete_proposed(organisation_id)
    proposals = _proposals(result.pairs, result.groups)
    await repo.add_proposals(  # one batch, not two statements per proposal
        organisation_id=organisation_id,
        proposals=[(p.mentor_id, p.mentee_ids, p.form, p.score, p.reasons) for p in proposals],
        proposed_by_telegram_id=actor.telegram_id,
        now=now,
    )
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="pair.suggest", organisation_id=organisation_id,
        object_type="organisation", object_id=organisation_id, proposals=len(proposals),
        groups=sum(1 for p in proposals if len(p.mentee_ids) > 1), unmatched=len(result.unmatched),
    )
    log.info("pairs suggested organisation_id=%s proposals=%s", organisation_id, len(proposals))
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
    *,
    versions: Versions | None = None,
) -> PairCard:
    """Decide a proposal. The rules are checked again (answers, consents and other pairs may have changed since),
    for every mentee of a group. When everyone in it has every consent the pair is active at once and both sides
    (and guardians of minors) are told; otherwise it is approved and waits, and nobody is told anything yet (no
    partner's data before consent). `versions` are the current consent texts (for sharing contacts; without them
    no contact is shared)."""
    pair = await _owned(session, actor, pair_id)
    if pair.status != PairStatus.PROPOSED:
        raise DomainError("pair-not-proposed", id=pair_id)
    if order_number is not None and len(order_number) > ORDER_NUMBER_LIMIT:
        raise DomainError("pair-order-too-long", limit=ORDER_NUMBER_LIMIT)
    organisation = await _organisation(session, actor, pair.organisation_id)
    cohort = await _cohort(session, clock, organisation, waiting=True)
    repo = PairRepository(session)
    live = await repo.live_forms_by_mentee(pair.mentee_person_ids)
    violations = _violations(cohort, pair.mentor_person_id, pair.mentee_person_ids, live)
    if violations:
        raise violation_error(violations[0])
    ready = cohort.all_active(pair.mentor_person_id, pair.mentee_person_ids)
    status = PairStatus.ACTIVE if ready else PairStatus.APPROVED
    now = clock.now()
    try:
        async with savepoint(session):
            await repo.decide(
                pair_id, status, by_telegram_id=actor.telegram_id, at=now, order_number=order_number,
                order_date=order_date,
            )
    except IntegrityError:
        log.info("pair approval lost a race pair_id=%s", pair_id)
        raise MenteeTaken() from None
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="pair.approve", organisation_id=pair.organisation_id,
        object_type="pair", object_id=pair_id, status=status.value, mentees=len(pair.mentee_person_ids),
    )
    if ready:
        await _tell_active(session, clock, pair_id, versions)
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
    log.info("pair rejected pair_id=%s", pair_id)
    found = await PairRepository(session).get(pair_id)
    assert found is not None
    return found


async def propose_by_hand(
    session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int, mentor_id: int, mentee_id: int
) -> PairCard:
    """The curator's own proposal; the hard rules still apply and the first one broken is named. Either side may
    still be waiting for consent: the pair is then approved into waiting (see `approve`)."""
    organisation = await _organisation(session, actor, organisation_id)
    cohort = await _cohort(session, clock, organisation, waiting=True)
    repo = PairRepository(session)
    live = await repo.live_forms_by_mentee([mentee_id])
    if mentor_id == mentee_id:
        raise violation_error(Violation("same_person"))
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
    (card,) = await _cards(session, [await _owned(session, actor, pair_id)])
    return card


async def organisation_of_person(session: AsyncSession, actor: Actor, person_id: int) -> int:
    """The organisation (among those the actor curates) where `person_id` is a mentor or a mentee, for /propose."""
    person = await PersonRepository(session).get(person_id)
    if person is not None:
        for membership in person.memberships:
            if membership.role in (Role.MENTOR, Role.MENTEE) and actor.is_curator_of(membership.organisation_id or 0):
                return membership.organisation_id  # type: ignore[return-value]
    raise NotFound("pair-person-not-found", id=person_id)


# --- waiting for consents -----------------------------------------------------------------------------------------


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

    Called by the consent service in the transaction that recorded the consent."""
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
        await _tell_active(session, clock, pair.id, versions)
        (card,) = await _cards(session, [pair])
        await _tell_curators(session, clock, organisation_id, "pair-activated-curator", card)
        log.info("pair activated pair_id=%s", pair.id)
    return activated


async def _tell_curators(session: AsyncSession, clock: Clock, organisation_id: int, key: str, card: PairCard,
                         **extra: Any) -> None:
    from mentorship.services.consents import (
        curators_of,  # consents calls into this module
    )

    args = {"id": card.pair.id, "mentor": _name(card.mentor), "mentees": ", ".join(_name(m) for m in card.mentees),
            **extra}
    for curator in await curators_of(session, organisation_id):
        await outbox.notify(session, curator, key, args, now=clock.now(), kind=OutboxKind.NOTICE,
                            organisation_id=organisation_id, ref=f"pair:{card.pair.id}")


def _name(person: Person | None) -> str:
    return person.full_name if person is not None and person.full_name else "—"


# --- ending -------------------------------------------------------------------------------------------------------


async def end_pair(
    session: AsyncSession, clock: Clock, actor: Actor, pair_id: int, reason: str | None, *, complete: bool = False
) -> Pair:
    """End a live pair early (`reason` required) or complete it (the programme is done; a reason is optional). The
    mentees are free for matching again, both sides and the minors' guardians are told, and open requests to
    change mentor in it are closed. The audit log records whether a reason was given, never the reason."""
    pair = await _owned(session, actor, pair_id)
    reason = (reason or "").strip() or None
    if not complete and reason is None:
        raise InvalidInput("pair-end-reason-needed")
    if reason is not None and len(reason) > REASON_LIMIT:
        raise DomainError("pair-reason-too-long", limit=REASON_LIMIT)
    await _finish(session, clock, actor, pair, PairStatus.COMPLETED if complete else PairStatus.ENDED, reason)
    log.info("pair finished pair_id=%s status=%s", pair_id, "completed" if complete else "ended")
    found = await PairRepository(session).get(pair_id)
    assert found is not None
    return found


async def _finish(
    session: AsyncSession, clock: Clock, actor: Actor, pair: Pair, status: PairStatus, reason: str | None,
    *, requested_by: int | None = None,
) -> None:
    """The shared part of ending a pair. `requested_by`: the mentee whose request it granted."""
    if not pair.status.live:
        raise DomainError("pair-not-live", id=pair.id)
    now = clock.now()
    repo = PairRepository(session)
    if not await repo.end(pair.id, status, by_telegram_id=actor.telegram_id, at=now, reason=reason):
        raise DomainError("pair-not-live", id=pair.id)
    requests = ChangeRequestRepository(session)
    await requests.resolve([r.id for r in await requests.open_for(pair.id)], ChangeRequestStatus.DONE,
                           by_telegram_id=actor.telegram_id, at=now)
    # A notice still held back by the quiet hours ("your pair is active") is no longer true.
    await outbox.cancel(session, f"pair:{pair.id}")
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action=f"pair.{status.value}",
        organisation_id=pair.organisation_id, object_type="pair", object_id=pair.id, with_reason=reason is not None,
        on_request=requested_by is not None,
    )
    if pair.status in (PairStatus.ACTIVE, PairStatus.SUSPENDED):
        # A member whose consent is withdrawn hears of it only if they come back (the notice is held).
        await _tell_finished(session, clock, pair, status, reason, requested_by)
    elif requested_by is not None:  # a waiting pair was never announced: only the one who asked hears of it
        mentee = await PersonRepository(session).get(requested_by)
        if mentee is not None:
            await outbox.notify(session, mentee, "pair-over-request-granted-waiting", {"id": pair.id},
                                now=now, kind=OutboxKind.NOTICE, organisation_id=pair.organisation_id,
                                ref=f"pair:{pair.id}:end")


async def _tell_finished(
    session: AsyncSession, clock: Clock, pair: Pair, status: PairStatus, reason: str | None, requested_by: int | None
) -> None:
    (card,) = await _cards(session, [pair])
    mentees = [m for m in card.mentees if m is not None]
    how = "completed" if status == PairStatus.COMPLETED else ("ended-reason" if reason else "ended")
    base = {"id": pair.id}
    if reason:
        base["reason"] = reason
    told: list[tuple[Person, str, dict[str, Any]]] = []
    if card.mentor is not None:
        told.append((card.mentor, f"pair-over-{how}", {**base, "partner": ", ".join(_name(m) for m in mentees)}))
    for mentee in mentees:
        key = "pair-over-request-granted" if mentee.id == requested_by else f"pair-over-{how}"
        told.append((mentee, key, {**base, "partner": _name(card.mentor)}))
    consents, people = ConsentRepository(session), PersonRepository(session)
    for person, key, args in list(told):
        for guardian_id in await consents.guardians_of(person.id):
            guardian = await people.get(guardian_id)
            if guardian is not None:
                told.append((guardian, key.replace("pair-over-", "pair-over-guardian-"), {**args, "child": _name(person)}))
    for person, key, args in told:
        await outbox.notify(session, person, key, args, now=clock.now(), kind=OutboxKind.NOTICE,
                            organisation_id=pair.organisation_id, ref=f"pair:{pair.id}:end")


# --- telling the pair --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Announcement:
    """One message to send: to whom, which locale key, with what (the caller renders and delivers it)."""

    person: Person
    key: str
    args: dict[str, Any]
    #: What the message invites them to do next: see the pair, plan the first meeting (mentorship/shortcuts.py).
    buttons: tuple[tuple[Button, ...], ...] = ()


#: The buttons under "your pair is approved", by who reads it.
_NEXT_STEPS = {
    "mentor": ((shortcut("shortcut-mypair", Shortcut.MY_PAIR),),
               (shortcut("shortcut-newmeeting", Shortcut.NEW_MEETING),)),
    "mentee": ((shortcut("shortcut-mypair", Shortcut.MY_PAIR),),),
    "guardian": ((shortcut("shortcut-child-pair", Shortcut.MY_PAIR),),),
}


async def _shares_contact(session: AsyncSession, person: Person, organisation_id: int, versions: Versions | None) -> bool:
    if versions is None or person.telegram_id is None:
        return False
    records = await ConsentRepository(session).for_subject(person.id, organisation_id)
    return is_granted(records, ConsentKind.CONTACTS, versions[ConsentKind.CONTACTS])


async def _tell_active(session: AsyncSession, clock: Clock, pair_id: int, versions: Versions | None) -> None:
    """Queue the announcements of a pair that just became active, in the transaction that activated it."""
    pair = await PairRepository(session).get(pair_id)
    assert pair is not None
    for announcement in await announcements(session, pair_id, versions):
        await outbox.notify(
            session, announcement.person, announcement.key, announcement.args, now=clock.now(),
            kind=OutboxKind.NOTICE, organisation_id=pair.organisation_id, ref=f"pair:{pair_id}",
            buttons=announcement.buttons,
        )


async def announcements(session: AsyncSession, pair_id: int, versions: Versions | None) -> list[Announcement]:
    """Who is told that a pair became active, and what: each side learns the partner's name, and the partner's
    Telegram contact only if the partner (or their guardian) granted the current `contacts` consent — otherwise
    they are told to go through the curator, whose name and Telegram account the message gives (the organisation's
    own curator, to people of that organisation). Guardians of a minor hear about the child's pair the same way.

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

    from mentorship.services.consents import curator_args, curator_to_contact  # consents calls into this module

    curator = await curator_to_contact(session, pair.organisation_id)

    async def about(partner: Person) -> tuple[str, dict[str, Any]]:
        if await _shares_contact(session, partner, pair.organisation_id, versions):
            return "contact", {"partner": partner.full_name or "", "partner_tg": str(partner.telegram_id)}
        return "curator", {"partner": partner.full_name or "", **curator_args(curator)}

    found: list[Announcement] = []

    async def tell_with_guardians(person: Person, side: str, partner: Person) -> None:
        how, args = await about(partner)
        found.append(Announcement(person, f"pair-told-{side}-{how}", {**args, "you": address_of(person.category)},
                                  _NEXT_STEPS[side]))
        for guardian_id in await consents.guardians_of(person.id):
            guardian = await people.get(guardian_id)
            if guardian is not None:
                about_child = {**args, "child": person.full_name or "", "you": address_of(guardian.category)}
                found.append(Announcement(guardian, f"pair-told-guardian-{side}-{how}", about_child,
                                          _NEXT_STEPS["guardian"]))

    for mentee in mentees:
        await tell_with_guardians(mentor, "mentor", mentee)
        await tell_with_guardians(mentee, "mentee", mentor)
    return found
