"""Consent decisions as use cases: record the decision (services/consents.py), then set in motion what the new
participation status changes — in the same transaction, before anyone is told.

A withdrawn required consent pauses the person's pairs and holds what is queued for them; a renewed one resumes
them (services/suspension.py). A membership that becomes active may be the last one an approved pair was waiting
for: that pair starts (services/pairs/activation.py). Consents only report the change (`StatusChange`); this
module, one level up, acts on it, so the consent service depends on no pair service.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.consents import ConsentRepository
from db.repositories.people import PersonRepository
from mentorship.clock import Clock
from mentorship.consent import ConsentKind, Decision
from mentorship.entities import Organisation, Person
from mentorship.roles import ParticipationStatus
from mentorship.services import consents, outbox, suspension
from mentorship.services.consents import Situation, StatusChange, Versions
from mentorship.services.pairs.activation import activate_waiting
from mentorship.services.people import curators_of


async def _follow(session: AsyncSession, clock: Clock, change: StatusChange, versions: Versions) -> Situation:
    person_id, organisation_id = change.situation.person.id, change.situation.organisation.id
    await suspension.follow_consents(session, clock, person_id, organisation_id)
    if change.became_active:
        await activate_waiting(session, clock, person_id, organisation_id, versions)
    return change.situation


async def refresh(
    session: AsyncSession, clock: Clock, person_id: int, organisation_id: int, versions: Versions
) -> Situation:
    """Re-derive a person's status in one organisation from their consents, and follow the change."""
    change = await consents.rederive(session, clock, person_id, organisation_id, versions)
    return await _follow(session, clock, change, versions)


async def refresh_all(session: AsyncSession, clock: Clock, person: Person, versions: Versions) -> None:
    """Re-derive every organisation's status for a person (after joining, or when a consent text changed)."""
    for organisation_id in {m.organisation_id for m in person.memberships if m.organisation_id is not None}:
        await refresh(session, clock, person.id, organisation_id, versions)


async def decide_self(
    session: AsyncSession,
    clock: Clock,
    person: Person,
    organisation_id: int,
    kind: ConsentKind,
    granted: bool,
    versions: Versions,
    text_hash: str,
    locale: str,
) -> Situation:
    await consents.record_self(session, clock, person, organisation_id, kind, granted, versions, text_hash, locale)
    updated = await refresh(session, clock, person.id, organisation_id, versions)
    await AuditRepository(session).record(
        at=clock.now(),
        actor_telegram_id=person.telegram_id,
        action=f"consent.{(Decision.GRANTED if granted else Decision.DECLINED).value}",
        organisation_id=organisation_id,
        object_type="person",
        object_id=person.id,
        kind=kind.value,
        given_by="self",
    )
    return updated


@dataclass(frozen=True, slots=True)
class GuardianOutcome:
    child: Person
    organisation: Organisation
    status: ParticipationStatus
    declined: tuple[ConsentKind, ...]


async def guardian_decides(
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
) -> GuardianOutcome:
    """A parent decides through the link; the child and the curators hear whether the child takes part now."""
    request = await consents.record_guardian(
        session, clock, link_id=link_id, guardian_telegram_id=guardian_telegram_id, guardian_name=guardian_name,
        relation=relation, locale=locale, decisions=decisions, text_hashes=text_hashes, versions=versions,
    )
    now = clock.now()
    updated = await refresh(session, clock, request.child.id, request.organisation.id, versions)
    curators = await curators_of(session, request.organisation.id)
    outcome = "active" if updated.status == ParticipationStatus.ACTIVE else "declined"
    about = {"organisation": request.organisation.name, "child": request.child.full_name or ""}
    for person, key in ((updated.person, f"guardian-told-child-{outcome}"),
                        *((c, f"guardian-told-curator-{outcome}") for c in curators)):
        await outbox.notify(session, person, key, about, now=now, organisation_id=request.organisation.id,
                            urgent=True, dedup_key=f"guardian-link:{link_id}:{person.id}")
    declined = tuple(k for k, granted in decisions.items() if not granted)
    return GuardianOutcome(updated.person, request.organisation, updated.status, declined)


@dataclass(frozen=True, slots=True)
class Withdrawal:
    subject: Person
    organisation: Organisation
    status: ParticipationStatus


async def withdraw(
    session: AsyncSession,
    clock: Clock,
    actor: Person,
    subject_person_id: int,
    organisation_id: int,
    kind: ConsentKind,
    versions: Versions,
) -> Withdrawal:
    """A person (or their parent) withdraws a consent; the curators and the family are told."""
    await consents.record_withdrawal(session, clock, actor, subject_person_id, organisation_id, kind)
    now = clock.now()
    updated = await refresh(session, clock, subject_person_id, organisation_id, versions)
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="consent.withdrawn",
        organisation_id=organisation_id, object_type="person", object_id=subject_person_id, kind=kind.value,
    )
    for curator in await curators_of(session, organisation_id):
        await outbox.notify(session, curator, "privacy-told-curator-withdrawn",
                            {"name": updated.person.full_name or "", "kind": kind.value}, now=now,
                            organisation_id=organisation_id)
    # The family is told, without anything they may not see: the parents when the child (or the other parent)
    # withdrew, the child when a parent did.
    about = {"child": updated.person.full_name or "", "kind": kind.value, "organisation": updated.organisation.name,
             "stopped": "yes" if updated.status != ParticipationStatus.ACTIVE else "no"}
    people = PersonRepository(session)
    for guardian_id in await ConsentRepository(session).guardians_of(subject_person_id):
        guardian = await people.get(guardian_id)
        if guardian is not None and guardian.id != actor.id:
            by = "child" if actor.id == subject_person_id else "guardian"
            await outbox.notify(session, guardian, f"withdraw-told-guardian-by-{by}", about, now=now,
                                organisation_id=organisation_id)
    if actor.id != subject_person_id:
        await outbox.notify(session, updated.person, "withdraw-told-child", about, now=now,
                            organisation_id=organisation_id)
    return Withdrawal(updated.person, updated.organisation, updated.status)
