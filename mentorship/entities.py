"""Plain data objects that repositories return and services pass around (never ORM rows)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from mentorship.roles import (
    Category,
    MentorshipForm,
    OrgKind,
    ParticipationStatus,
    Role,
)


@dataclass(frozen=True, slots=True)
class Organisation:
    id: int
    name: str
    kind: OrgKind
    municipality: str
    timezone: str
    forms: tuple[MentorshipForm, ...]
    guardian_consent_age: int = 14
    guardian_agreement_age: int = 18


@dataclass(frozen=True, slots=True)
class Membership:
    id: int
    person_id: int
    role: Role
    organisation_id: int | None
    municipality: str | None = None
    form: MentorshipForm | None = None
    status: ParticipationStatus = ParticipationStatus.PENDING

    @property
    def is_active(self) -> bool:
        return self.status == ParticipationStatus.ACTIVE


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    telegram_id: int | None
    full_name: str | None
    date_of_birth: date | None
    category: Category | None
    group_name: str | None
    locale: str
    memberships: tuple[Membership, ...] = field(default=())
    unreachable: bool = False  # Telegram said they blocked the bot; cleared when they write again

    def roles_in(self, organisation_id: int) -> set[Role]:
        return {m.role for m in self.memberships if m.organisation_id == organisation_id}

    def organisations_with(self, role: Role) -> list[int]:
        return [m.organisation_id for m in self.memberships if m.role == role and m.organisation_id is not None]

    @property
    def roles(self) -> set[Role]:
        return {m.role for m in self.memberships}


@dataclass(frozen=True, slots=True)
class Invitation:
    id: int
    role: Role
    organisation_id: int | None
    municipality: str | None
    form: MentorshipForm | None
    expires_at: datetime
    max_uses: int | None
    uses: int
    revoked_at: datetime | None
    created_at: datetime
    created_by_telegram_id: int | None  # None once the creator is erased


@dataclass(frozen=True, slots=True)
class Actor:
    """Who sent the update, with what authority. Built once per update; read-only."""

    telegram_id: int
    is_superadmin: bool
    person: Person | None

    @property
    def roles(self) -> set[Role]:
        return self.person.roles if self.person else set()

    def curated_organisations(self) -> list[int]:
        return self.person.organisations_with(Role.CURATOR) if self.person else []

    def is_curator_of(self, organisation_id: int) -> bool:
        return organisation_id in self.curated_organisations()


class PairStatus(StrEnum):
    """proposed → approved (decided, waiting for consents) or active (every consent in place) → completed / ended;
    a proposal the curator turned down is rejected. An active pair is suspended while a required consent of its
    mentor (or of every mentee of a group) is withdrawn, and active again when it is given anew."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    COMPLETED = "completed"
    ENDED = "ended"
    REJECTED = "rejected"

    @property
    def live(self) -> bool:
        """The pair holds its mentees' places (one live pair per mentee and form) and counts in the mentor's load."""
        return self in (PairStatus.APPROVED, PairStatus.ACTIVE, PairStatus.SUSPENDED)


@dataclass(frozen=True, slots=True)
class Pair:
    """A mentor with one mentee, or with several (a group). `reasons`: matching codes and args, no names."""

    id: int
    organisation_id: int
    mentor_person_id: int
    mentee_person_ids: tuple[int, ...]
    form: MentorshipForm
    status: PairStatus
    score: float
    reasons: tuple[Mapping[str, Any], ...]
    created_at: datetime
    decided_at: datetime | None = None
    reason: str | None = None
    order_number: str | None = None
    order_date: date | None = None
    activated_at: datetime | None = None
    ended_at: datetime | None = None
    #: Mentees whose own consent is withdrawn: their place is kept, but nothing of the pair reaches or concerns them.
    paused_mentee_ids: tuple[int, ...] = ()
    suspended_at: datetime | None = None
    resumed_at: datetime | None = None

    @property
    def is_group(self) -> bool:
        return len(self.mentee_person_ids) > 1

    @property
    def taking_part(self) -> tuple[int, ...]:
        """The mentees the pair works with now (a group goes on without a paused mentee)."""
        return tuple(i for i in self.mentee_person_ids if i not in self.paused_mentee_ids)


class ChangeRequestStatus(StrEnum):
    OPEN = "open"
    DONE = "done"  # the curator ended the pair
    DISMISSED = "dismissed"  # the curator kept the pair


@dataclass(frozen=True, slots=True)
class ChangeRequest:
    """A mentee's request for another mentor (seed 002 §6.2). `reason` is the mentee's own words."""

    id: int
    organisation_id: int
    pair_id: int
    mentee_person_id: int
    reason: str | None
    status: ChangeRequestStatus
    created_at: datetime
    resolved_at: datetime | None = None
