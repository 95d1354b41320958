"""Consent records: what a person is asked, recording a decision (by the participant, or by their parent through a
single-use link), withdrawing one, and the participation status the records give.

Each recorded change is followed by `rederive`, which stores the membership status in the same transaction (the
rest of the product only reads `memberships.status`) and reports the change; what the change sets in motion —
pairs paused, resumed or started — is the use case's job (services/participation.py), so this module imports no
other service.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.consents import ConsentRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.people import PersonRepository
from db.transaction import savepoint
from mentorship import consent as rules
from mentorship.clock import Clock
from mentorship.consent import (
    ConsentKind,
    ConsentRecord,
    Decision,
    GivenBy,
    GuardianLink,
    Requirement,
)
from mentorship.entities import Organisation, Person
from mentorship.errors import DomainError, InvalidInput, NotAllowed, NotFound
from mentorship.people import clean_name
from mentorship.roles import Category, ParticipationStatus, Role

GUARDIAN_PREFIX = "g"
RELATIONS = ("mother", "father", "guardian", "other")

Versions = Mapping[ConsentKind, str]


class GuardianLinkUnusable(DomainError):
    key = "guardian-link-unknown"


@dataclass(frozen=True, slots=True)
class Situation:
    """A person's consents in one organisation: what is needed, what is recorded, where it stands."""

    person: Person
    organisation: Organisation
    needed: tuple[Requirement, ...]
    records: tuple[ConsentRecord, ...]
    status: ParticipationStatus

    def ask_self(self, versions: Versions) -> list[Requirement]:
        return rules.to_ask(self.needed, self.records, versions, GivenBy.SELF)

    def ask_guardian(self, versions: Versions) -> list[Requirement]:
        return rules.to_ask(self.needed, self.records, versions, GivenBy.GUARDIAN)


def _needed(person: Person, organisation: Organisation, today) -> tuple[Requirement, ...]:
    """The strictest requirements over every role the person holds in the organisation."""
    by_kind: dict[ConsentKind, Requirement] = {}
    for membership in person.memberships:
        if membership.organisation_id != organisation.id:
            continue
        for requirement in rules.requirements(membership.role, person.date_of_birth, organisation, today):
            known = by_kind.get(requirement.kind)
            if known is None or (requirement.required and not known.required) or requirement.by == GivenBy.GUARDIAN:
                by_kind[requirement.kind] = requirement
    return tuple(by_kind[k] for k in rules.ORDER if k in by_kind)


async def situation(session: AsyncSession, clock: Clock, person: Person, organisation_id: int) -> Situation:
    organisation = await OrganisationRepository(session).get(organisation_id)
    if organisation is None:
        raise NotFound()
    needed = _needed(person, organisation, clock.now().date())
    records = tuple(await ConsentRepository(session).for_subject(person.id, organisation_id))
    statuses = {m.status for m in person.memberships if m.organisation_id == organisation_id and m.role in rules.PARTICIPANT_ROLES}
    status = statuses.pop() if len(statuses) == 1 else ParticipationStatus.PENDING
    return Situation(person, organisation, needed, records, status)


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A person's participation in one organisation, re-derived from their consents: where it stands now and where
    it stood. The use case that recorded the consent acts on it (services/participation.py)."""

    situation: Situation
    before: ParticipationStatus

    @property
    def became_active(self) -> bool:
        return self.situation.status == ParticipationStatus.ACTIVE and self.before != ParticipationStatus.ACTIVE


async def rederive(
    session: AsyncSession, clock: Clock, person_id: int, organisation_id: int, versions: Versions
) -> StatusChange:
    """Store the participation status the person's consents give in the organisation."""
    person = await PersonRepository(session).get(person_id)
    if person is None:
        raise NotFound()
    current = await situation(session, clock, person, organisation_id)
    status = rules.participation(current.needed, current.records, versions)
    await ConsentRepository(session).set_status(person_id, organisation_id, status)
    person = await PersonRepository(session).get(person_id)
    assert person is not None
    return StatusChange(Situation(person, current.organisation, current.needed, current.records, status), current.status)


async def record_self(
    session: AsyncSession,
    clock: Clock,
    person: Person,
    organisation_id: int,
    kind: ConsentKind,
    granted: bool,
    versions: Versions,
    text_hash: str,
    locale: str,
) -> None:
    """Record the person's own decision on one consent they are asked for."""
    current = await situation(session, clock, person, organisation_id)
    if kind not in {r.kind for r in current.ask_self(versions)}:
        raise NotAllowed("consent-not-yours")
    now = clock.now()
    await ConsentRepository(session).add(
        subject_person_id=person.id,
        organisation_id=organisation_id,
        kind=kind,
        given_by=GivenBy.SELF,
        given_by_person_id=person.id,
        status=Decision.GRANTED if granted else Decision.DECLINED,
        version=versions[kind],
        text_hash=text_hash,
        locale=locale,
        now=now,
    )


# --- guardians ---------------------------------------------------------------------------------------------------


def new_guardian_token() -> str:
    return GUARDIAN_PREFIX + secrets.token_urlsafe(18)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def new_guardian_link(
    session: AsyncSession, clock: Clock, person: Person, organisation_id: int, versions: Versions, days: int
) -> tuple[str, Situation]:
    current = await situation(session, clock, person, organisation_id)
    if not current.ask_guardian(versions):
        raise NotAllowed("guardian-link-not-needed")
    now = clock.now()
    token = new_guardian_token()
    await ConsentRepository(session).add_link(
        token_hash=_hash(token),
        child_person_id=person.id,
        organisation_id=organisation_id,
        now=now,
        expires_at=now + timedelta(days=days),
    )
    await AuditRepository(session).record(
        at=now, actor_telegram_id=person.telegram_id, action="guardian_link.create",
        organisation_id=organisation_id, object_type="person", object_id=person.id,
    )
    return token, current


@dataclass(frozen=True, slots=True)
class GuardianRequest:
    """What a parent sees when opening the link: whose consent, where, and which texts."""

    link: GuardianLink
    child: Person
    organisation: Organisation
    asks: tuple[Requirement, ...]


def looks_like_guardian_token(payload: str) -> bool:
    return payload.startswith(GUARDIAN_PREFIX) and 16 <= len(payload) <= 64


async def open_guardian_link(
    session: AsyncSession, clock: Clock, token: str, opener_telegram_id: int, versions: Versions
) -> GuardianRequest:
    repo = ConsentRepository(session)
    link = await repo.link_by_hash(_hash(token))
    return await _request(session, clock, link, opener_telegram_id, versions)


async def guardian_request(
    session: AsyncSession, clock: Clock, link_id: int, opener_telegram_id: int, versions: Versions
) -> GuardianRequest:
    return await _request(session, clock, await ConsentRepository(session).link(link_id), opener_telegram_id, versions)


async def _request(session, clock, link: GuardianLink | None, opener_telegram_id: int, versions: Versions) -> GuardianRequest:
    if link is None:
        raise GuardianLinkUnusable("guardian-link-unknown")
    if link.used_at is not None:
        raise GuardianLinkUnusable("guardian-link-used")
    if link.expires_at <= clock.now():
        raise GuardianLinkUnusable("guardian-link-expired")
    child = await PersonRepository(session).get(link.child_person_id)
    if child is None or child.telegram_id is None:
        raise GuardianLinkUnusable("guardian-link-unknown")
    if child.telegram_id == opener_telegram_id:
        raise GuardianLinkUnusable("guardian-link-is-yours")
    current = await situation(session, clock, child, link.organisation_id)
    asks = tuple(current.ask_guardian(versions))
    if not asks:
        raise GuardianLinkUnusable("guardian-link-not-needed")
    return GuardianRequest(link, child, current.organisation, asks)


async def record_guardian(
    session: AsyncSession,
    clock: Clock,
    *,
    link_id: int,
    guardian_telegram_id: int,
    guardian_name: str | None,
    relation: str,
    locale: str,
    decisions: Mapping[ConsentKind, bool],
    text_hashes: Mapping[ConsentKind, str],
    versions: Versions,
) -> GuardianRequest:
    """Record a parent's decisions through a link: the parent (a new person if need be), the link used, the tie to
    the child, the guardian role and one record per consent asked. Returns what the link was about."""
    request = await guardian_request(session, clock, link_id, guardian_telegram_id, versions)
    if relation not in RELATIONS:
        raise InvalidInput()
    if set(decisions) != {r.kind for r in request.asks}:
        raise InvalidInput("guardian-decide-all")
    now = clock.now()
    people = PersonRepository(session)
    repo = ConsentRepository(session)
    guardian = await people.by_telegram_id(guardian_telegram_id)
    # The other parent may take the link a moment earlier: then the new parent's row goes too.
    async with savepoint(session):
        if guardian is None:
            guardian_id = await people.add(
                telegram_id=guardian_telegram_id,
                full_name=clean_name(guardian_name or ""),
                date_of_birth=None,
                category=Category.PARENT,
                group_name=None,
                locale=locale,
                now=now,
            )
        else:
            guardian_id = guardian.id
        if not await repo.use_link(link_id, guardian_id, now):
            raise GuardianLinkUnusable("guardian-link-used")
    await repo.add_guardianship(guardian_id, request.child.id, relation, now)
    guardian_after = await people.get(guardian_id)
    assert guardian_after is not None
    if not any(m.role == Role.GUARDIAN and m.organisation_id == request.organisation.id for m in guardian_after.memberships):
        await people.add_membership(
            person_id=guardian_id, role=Role.GUARDIAN, organisation_id=request.organisation.id,
            municipality=None, form=None, invitation_id=None, now=now, status=ParticipationStatus.ACTIVE,
        )
    for kind, granted in decisions.items():
        await repo.add(
            subject_person_id=request.child.id,
            organisation_id=request.organisation.id,
            kind=kind,
            given_by=GivenBy.GUARDIAN,
            given_by_person_id=guardian_id,
            status=Decision.GRANTED if granted else Decision.DECLINED,
            version=versions[kind],
            text_hash=text_hashes[kind],
            locale=locale,
            now=now,
        )
        await AuditRepository(session).record(
            at=now, actor_telegram_id=guardian_telegram_id,
            action=f"consent.{'granted' if granted else 'declined'}",
            organisation_id=request.organisation.id, object_type="person", object_id=request.child.id,
            kind=kind.value, given_by="guardian",
        )
    return request


async def shares_contact(session: AsyncSession, person: Person, organisation_id: int, versions: Versions | None) -> bool:
    """Whether a partner may be shown this person's Telegram: they (or their parent) granted the current `contacts`
    consent. Without `versions` (the current texts) nothing is shared."""
    if versions is None or person.telegram_id is None:
        return False
    records = await ConsentRepository(session).for_subject(person.id, organisation_id)
    return rules.is_granted(records, ConsentKind.CONTACTS, versions[ConsentKind.CONTACTS])


# --- withdrawal --------------------------------------------------------------------------------------------------


async def may_act_for(session: AsyncSession, actor: Person, subject_person_id: int) -> bool:
    """A person acts for themselves; a parent also for their child."""
    if actor.id == subject_person_id:
        return True
    return subject_person_id in await ConsentRepository(session).children_of(actor.id)


async def record_withdrawal(
    session: AsyncSession,
    clock: Clock,
    actor: Person,
    subject_person_id: int,
    organisation_id: int,
    kind: ConsentKind,
) -> None:
    """Withdraw a granted consent, by the person or their parent."""
    if not await may_act_for(session, actor, subject_person_id):
        raise NotAllowed()
    now = clock.now()
    if not await ConsentRepository(session).withdraw(subject_person_id, organisation_id, kind, actor.id, now):
        raise NotFound("consent-nothing-to-withdraw")
