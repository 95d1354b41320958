"""Consent rules (Federal Law 152-FZ; seed 002 §3.5): which consents a participant needs, from whom, and where they stand.

Defaults follow the seeds and are per organisation: below `guardian_consent_age` (14) a parent gives the
personal-data consent; below `guardian_agreement_age` (18) a parent signs the participation agreement. The
optional disclosure of contact details to the partner follows the personal-data rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from mentorship.entities import Organisation
from mentorship.people import age_on
from mentorship.roles import ParticipationStatus, Role


class ConsentKind(StrEnum):
    PERSONAL_DATA = "pd"
    AGREEMENT = "agreement"
    CONTACTS = "contacts"


class GivenBy(StrEnum):
    SELF = "self"
    GUARDIAN = "guardian"


class Decision(StrEnum):
    GRANTED = "granted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


#: The order in which consents are asked.
ORDER = (ConsentKind.PERSONAL_DATA, ConsentKind.AGREEMENT, ConsentKind.CONTACTS)
#: Without these nothing is processed; the contacts disclosure is optional.
REQUIRED = (ConsentKind.PERSONAL_DATA, ConsentKind.AGREEMENT)


@dataclass(frozen=True, slots=True)
class Requirement:
    kind: ConsentKind
    by: GivenBy
    required: bool  # the contacts disclosure is optional: declining it changes nothing but what partners see


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    id: int
    subject_person_id: int
    organisation_id: int
    kind: ConsentKind
    given_by: GivenBy
    given_by_person_id: int | None
    status: Decision
    version: str
    decided_at: datetime
    withdrawn_at: datetime | None
    withdrawn_by_person_id: int | None = None


@dataclass(frozen=True, slots=True)
class GuardianLink:
    """A single-use link a child passes to a parent, for the consents only a parent may give."""

    id: int
    child_person_id: int
    organisation_id: int
    expires_at: datetime
    used_at: datetime | None


#: Roles that take part in pairs and so need consents. Staff (curators, coordinators) work with the data as the
#: organisation's employees; a parent's own name is covered by the text they accept for their child.
PARTICIPANT_ROLES = (Role.MENTOR, Role.MENTEE)


def initial_status(role: Role) -> ParticipationStatus:
    return ParticipationStatus.PENDING if role in PARTICIPANT_ROLES else ParticipationStatus.ACTIVE


def requirements(role: Role, born: date | None, organisation: Organisation, today: date) -> tuple[Requirement, ...]:
    if role not in PARTICIPANT_ROLES:
        return ()
    age = age_on(born, today) if born else 99
    pd_by = GivenBy.GUARDIAN if age < organisation.guardian_consent_age else GivenBy.SELF
    agreement_by = GivenBy.GUARDIAN if age < organisation.guardian_agreement_age else GivenBy.SELF
    return (
        Requirement(ConsentKind.PERSONAL_DATA, pd_by, True),
        Requirement(ConsentKind.AGREEMENT, agreement_by, True),
        Requirement(ConsentKind.CONTACTS, pd_by, False),
    )


def current(records: Iterable[ConsentRecord], kind: ConsentKind, version: str) -> ConsentRecord | None:
    """The decision in force for this kind: the latest one on the current text. Older texts no longer count."""
    matching = [r for r in records if r.kind == kind and r.version == version]
    return max(matching, key=lambda r: (r.decided_at, r.id)) if matching else None


def is_granted(records: Iterable[ConsentRecord], kind: ConsentKind, version: str) -> bool:
    record = current(records, kind, version)
    return record is not None and record.status == Decision.GRANTED


def participation(
    needed: Iterable[Requirement], records: Iterable[ConsentRecord], versions: Mapping[ConsentKind, str]
) -> ParticipationStatus:
    """Where a membership stands. A refusal or withdrawal of anything required stops processing."""
    records = list(records)
    waiting_self = waiting_guardian = False
    for requirement in needed:
        if not requirement.required:
            continue
        record = current(records, requirement.kind, versions[requirement.kind])
        if record is None:
            if requirement.by == GivenBy.SELF:
                waiting_self = True
            else:
                waiting_guardian = True
        elif record.status != Decision.GRANTED:
            return ParticipationStatus.DECLINED
    if waiting_self:
        return ParticipationStatus.PENDING
    if waiting_guardian:
        return ParticipationStatus.GUARDIAN
    return ParticipationStatus.ACTIVE


def to_ask(
    needed: Iterable[Requirement], records: Iterable[ConsentRecord], versions: Mapping[ConsentKind, str], by: GivenBy
) -> list[Requirement]:
    """What `by` is still to be asked, in order: texts never answered on their current version, and required ones
    refused or withdrawn (a second parent may agree where the first did not). Optional ones are asked once."""
    records = list(records)
    out = []
    for requirement in needed:
        if requirement.by != by:
            continue
        record = current(records, requirement.kind, versions[requirement.kind])
        if record is None or (requirement.required and record.status != Decision.GRANTED):
            out.append(requirement)
    return out


@dataclass(frozen=True, slots=True)
class Stop:
    """Why someone's participation stopped, as the curator's registry says it: which required consent, refused or
    withdrawn, and by whom (the person or their parent). No reason beyond that is ever stored."""

    kind: ConsentKind
    decision: Decision
    by: GivenBy


def stop_reason(records: Iterable[ConsentRecord], subject_person_id: int) -> Stop | None:
    """The latest refusal or withdrawal of a required consent (personal data, the agreement), or None."""
    stopped = [r for r in records if r.kind in REQUIRED and r.status in (Decision.DECLINED, Decision.WITHDRAWN)]
    if not stopped:
        return None
    last = max(stopped, key=lambda r: (r.withdrawn_at or r.decided_at, r.id))
    if last.status == Decision.WITHDRAWN:
        by = GivenBy.SELF if last.withdrawn_by_person_id == subject_person_id else GivenBy.GUARDIAN
    else:
        by = last.given_by
    return Stop(last.kind, last.status, by)
