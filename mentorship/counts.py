"""What the reporting queries count for one organisation in one period (db/repositories/reports.py fills these in;
services/reports.py turns them into the programme's figures with mentorship.kpi)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from mentorship.kpi import Period
from mentorship.roles import Category

LEARNERS = (Category.PUPIL.value, Category.STUDENT.value)
TEACHERS = (Category.TEACHER.value, Category.YOUNG_SPECIALIST.value)


@dataclass(frozen=True, slots=True)
class Window:
    """A period as UTC instants for one organisation (its local midnight at both ends)."""

    period: Period
    timezone: str
    start: datetime
    end: datetime

    @classmethod
    def of(cls, period: Period, timezone: str) -> Window:
        zone = ZoneInfo(timezone)

        def instant(day: date) -> datetime:
            return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)

        return cls(period, timezone, instant(period.start), instant(period.end))


@dataclass(frozen=True, slots=True)
class CampaignCounts:
    id: int
    role: str
    opens_at: datetime
    invited: int
    answered: int
    scores: dict[str, int]  # the stored overall answer as text → how many responses gave it


@dataclass(frozen=True, slots=True)
class MembershipGroup:
    role: str
    category: str | None
    status: str
    band_10_19: bool
    band_15_19: bool
    count: int


@dataclass(slots=True)
class OrganisationCounts:
    """Everything /stats and the coordinator's workbook need about one organisation in one period."""

    memberships: list[MembershipGroup] = field(default_factory=list)
    learners_involved: int = 0
    pairs_worked: int = 0
    pairs_without_meetings: int = 0
    pairs_by_status: dict[str, int] = field(default_factory=dict)
    meetings_by_status: dict[str, int] = field(default_factory=dict)
    held_by_month: dict[str, int] = field(default_factory=dict)  # "2026-10" → meetings held
    goals_by_status: dict[str, int] = field(default_factory=dict)
    feedback: int = 0
    usefulness_sum: int = 0
    usefulness_count: int = 0
    campaigns: list[CampaignCounts] = field(default_factory=list)
    consents_by_status: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # organisation_counts of the academic year


def membership_total(groups: Sequence[MembershipGroup], **match: Any) -> int:
    return sum(g.count for g in groups if all(getattr(g, k) == v for k, v in match.items()))
