"""Proposals: matching over an organisation's cohort stored as proposals (pairs and groups), and the curator's own
proposal by hand. The cohort and the rule check are shared with approval (services/pairs/lifecycle.py), which
checks the rules again."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from db.repositories.questionnaires import QuestionnaireRepository
from mentorship.clock import Clock
from mentorship.entities import Actor, Organisation, PairStatus, Person
from mentorship.errors import DomainError
from mentorship.matching import (
    Candidate,
    Rules,
    Scored,
    Suggestion,
    Unmatched,
    Violation,
    assign,
    check,
    pair_form,
    rank_mentors,
    score,
)
from mentorship.people import age_on
from mentorship.questionnaire import Tag
from mentorship.roles import MentorshipForm, ParticipationStatus, Role
from mentorship.services.pairs.cards import PairCard, cards, curated_organisation, owned

log = logging.getLogger(__name__)


#: Memberships a curator may pair by hand: registered, consent still to come. Declined ones may not.
WAITING = frozenset({ParticipationStatus.PENDING, ParticipationStatus.GUARDIAN})
#: Forms that may run as a group (one mentor, several mentees). Р-145 allows group mentoring in each of its forms;
#: the set is here so an organisation-level rule can narrow it later.
GROUP_FORMS = frozenset(MentorshipForm)


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


@dataclass
class Cohort:
    organisation: Organisation
    mentors: dict[int, Candidate]
    mentees: dict[int, Candidate]
    #: (role, person id) of the candidates whose membership is active (the others are waiting for consent).
    active: set[tuple[Role, int]]
    #: Everyone read for the cohort, by person id (the cards of the proposals made from it need read nobody again).
    people: dict[int, Person]

    def all_active(self, mentor_id: int, mentee_ids: Iterable[int]) -> bool:
        return (Role.MENTOR, mentor_id) in self.active and all((Role.MENTEE, i) in self.active for i in mentee_ids)


#: The tags a `Candidate` is built from (answers to questions of other tags say nothing to matching).
_CANDIDATE_TAGS = frozenset(
    {Tag.REQUESTS, Tag.COMPETENCES, Tag.SUBJECTS, Tag.INTERESTS, Tag.FORMAT, Tag.AVAILABILITY, Tag.CAPACITY}
)
_NO_TAGS: frozenset[str] = frozenset()


async def _tagged_answers(
    session: AsyncSession, organisation_id: int
) -> dict[tuple[int, Role], dict[Tag, frozenset[str]]]:
    """(person id, role) → tag → the tags of their intake answers to the questions of that tag (skipped: none).

    Two queries whatever the size: every intake answer, and each questionnaire version they answer. Equal sets are
    one object (a cohort repeats the same few formats, slots and requests thousands of times)."""
    repo = QuestionnaireRepository(session)
    rows = await repo.intake_answers(organisation_id)
    versions = await repo.versions({version_id for _, _, version_id, _, _ in rows})
    tag_of = {
        version_id: {q.id: q.tag for q in version.questionnaire.questions if q.tag in _CANDIDATE_TAGS}
        for version_id, version in versions.items()
    }
    collected: dict[tuple[int, str], dict[Tag, set[str]]] = {}
    decoded: dict[str | None, set[str]] = {}  # a cohort gives the same few answers thousands of times
    for person_id, role, version_id, question_id, value in rows:
        tag = tag_of[version_id].get(question_id)
        if tag is not None:
            tags = decoded.get(value)
            if tags is None:
                tags = decoded[value] = _as_tags(None if value is None else json.loads(value))
            collected.setdefault((person_id, role), {}).setdefault(tag, set()).update(tags)
    del rows
    shared: dict[frozenset[str], frozenset[str]] = {}
    return {
        (person_id, Role(role)): {tag: shared.setdefault(frozenset(values), frozenset(values))
                                  for tag, values in by_tag.items()}
        for (person_id, role), by_tag in collected.items()
    }


async def load_cohort(
    session: AsyncSession, clock: Clock, organisation: Organisation, *, waiting: bool = False
) -> Cohort:
    """Candidates from memberships and intake answers read by tag; a mentor's load is their live pairs. Active
    memberships only, unless `waiting`: then also people whose consent is still to come (for pairs by hand).

    A fixed number of queries whatever the size, of plain rows (no ORM objects): the intake answers and their
    questionnaires, the live loads, the people with their memberships."""
    today = clock.now().date()
    answers = await _tagged_answers(session, organisation.id)
    loads = await PairRepository(session).live_loads()
    people = await PersonRepository(session).with_roles(organisation.id, (Role.MENTOR, Role.MENTEE))
    found: dict[Role, dict[int, Candidate]] = {Role.MENTOR: {}, Role.MENTEE: {}}
    active: set[tuple[Role, int]] = set()
    read: dict[int, Person] = {person.id: person for person in people}
    for role, into in found.items():
        for person in people:
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
            # The largest if several were given (a set's order would make it depend on the process's hash seed).
            capacity = max((int(raw) for raw in tags.get(Tag.CAPACITY, ()) if raw.isdigit() and int(raw) >= 1),
                           default=1)
            into[person.id] = Candidate(
                person_id=person.id,
                role=role,
                organisation_id=organisation.id,
                category=person.category,
                age=age_on(person.date_of_birth, today) if person.date_of_birth else None,
                form=membership.form,
                requests=tags.get(Tag.REQUESTS, _NO_TAGS) if role == Role.MENTEE else _NO_TAGS,
                competences=tags.get(Tag.COMPETENCES, _NO_TAGS) if role == Role.MENTOR else _NO_TAGS,
                subjects=tags.get(Tag.SUBJECTS, _NO_TAGS),
                interests=tags.get(Tag.INTERESTS, _NO_TAGS),
                formats=tags.get(Tag.FORMAT, _NO_TAGS),
                availability=tags.get(Tag.AVAILABILITY, _NO_TAGS),
                capacity=capacity,
                load=loads.get(person.id, 0) if role == Role.MENTOR else 0,
            )
    return Cohort(organisation, found[Role.MENTOR], found[Role.MENTEE], active, read)


def broken_rules(cohort: Cohort, mentor_id: int, mentee_ids: Iterable[int], live: Mapping[int, set]) -> list[Violation]:
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


@dataclass(frozen=True, slots=True)
class Suggested:
    """What one matching run stored (`cards`, best first) and the mentees it left without a mentor, each with why
    (matching's codes; `mentee_id` is a person id). Mentees who already have a live pair are not among them."""

    cards: list[PairCard]
    unmatched: tuple[Unmatched, ...]


async def suggest(session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int) -> list[PairCard]:
    """Run matching over the organisation's active participants and store the result as proposals (groups where a
    mentor gets several mentees of one form), replacing the proposals nobody decided on yet. Pairs the curator
    rejected or ended before are not suggested again. Best first."""
    return (await suggest_explained(session, clock, actor, organisation_id)).cards


async def suggest_explained(session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int) -> Suggested:
    """`suggest`, and also who was left without a mentor and why (for the curator's /match)."""
    organisation = await curated_organisation(session, actor, organisation_id)
    cohort = await load_cohort(session, clock, organisation)
    repo = PairRepository(session)
    live = await repo.live_forms_by_mentee(cohort.mentees.keys())
    turned_down = await repo.turned_down(organisation_id)
    result = assign(
        cohort.mentors.values(), cohort.mentees.values(), Rules.for_organisation(organisation), None, live,
        excluded=turned_down, alternatives=0,  # nothing here shows them; explaining them was 0.5 s at 2 000 × 500
    )
    now = clock.now()
    await repo.delete_proposed(organisation_id)
    proposals = _proposals(result.pairs, result.groups)
    stored = await repo.add_proposals(  # one batch, not two statements per proposal
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
    unmatched = tuple(
        _with_turned_down(u, turned_down.get(u.mentee_id, ()), cohort.mentors.keys())
        for u in result.unmatched if not live.get(u.mentee_id)
    )
    # The organisation's proposals are now these (the undecided ones before were deleted above): shown as `pending`
    # lists them, best first, without reading back what was just written.
    shown = await cards(session, sorted(stored, key=lambda p: (-p.score, p.id)), cohort.people)
    return Suggested(shown, unmatched)


#: Why a mentee got no mentor, besides matching's codes: mentors the curator rejected for them, or whose pair ended.
TURNED_DOWN = "turned_down"


def _with_turned_down(unmatched: Unmatched, turned_down: Iterable[int], mentor_ids: Iterable[int]) -> Unmatched:
    count = len(set(turned_down) & set(mentor_ids))
    if not count:
        return unmatched
    return Unmatched(unmatched.mentee_id, (*unmatched.reasons, Violation(TURNED_DOWN, {"mentors": count})))


async def propose_by_hand(
    session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int, mentor_id: int, mentee_id: int
) -> PairCard:
    """The curator's own proposal; the hard rules still apply and the first one broken is named. Either side may
    still be waiting for consent: the pair is then approved into waiting (see `approve`)."""
    organisation = await curated_organisation(session, actor, organisation_id)
    cohort = await load_cohort(session, clock, organisation, waiting=True)
    repo = PairRepository(session)
    live = await repo.live_forms_by_mentee([mentee_id])
    if mentor_id == mentee_id:
        raise violation_error(Violation("same_person"))
    violations = broken_rules(cohort, mentor_id, [mentee_id], live)
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
    (card,) = await cards(session, [await owned(session, actor, pair_id)])
    return card


@dataclass(frozen=True, slots=True)
class RankedMentor:
    """A mentor the curator may propose for a mentee, with matching's score and why."""

    mentor: Person
    suggestion: Suggestion


async def mentors_for(
    session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int, mentee_id: int
) -> list[RankedMentor]:
    """The mentors `propose_by_hand` would accept for this mentee, best first (matching's `rank_mentors` over the
    same candidates, waiting ones included). A mentee who is not a candidate now is refused the way
    `propose_by_hand` refuses them."""
    organisation = await curated_organisation(session, actor, organisation_id)
    cohort = await load_cohort(session, clock, organisation, waiting=True)
    mentee = cohort.mentees.get(mentee_id)
    if mentee is None:
        raise DomainError("pair-not-candidate", side="mentee")
    live = await PairRepository(session).live_forms_by_mentee([mentee_id])
    ranked = rank_mentors(mentee, [m for m in cohort.mentors.values() if m.person_id != mentee_id],
                          Rules.for_organisation(organisation), active_forms=live.get(mentee_id, ()))
    people = await PersonRepository(session).many([s.mentor_id for s in ranked])
    return [RankedMentor(people[s.mentor_id], s) for s in ranked if s.mentor_id in people]
