"""Satisfaction surveys: the monitoring calendar, who is asked, when a reminder is due. No Telegram, no database.

The seeds' roadmaps want the programme's results by 20 May and by 20 December, and a final survey when a pair ends.
A *campaign* is one round of one survey for one role in one organisation:

- **calendar** — opens `OPEN_DAYS_BEFORE` (14) days before each monitoring date at 00:00 organisation time and closes
  on the date at 23:59 organisation time (defaults: 6 May → 20 May, 6 December → 20 December);
- **pair_end** — opens when a pair is completed or ended, for its mentor and its mentees, for `PAIR_END_DAYS`;
- **manual** — the curator's `/campaign`, closing on the date they choose.

Who is asked (calendar and manual rounds): participants whose membership in the role is active (every consent in
place), who still have a Telegram account, and who are in an active pair now or were in one that was completed or
ended within `PERIOD` before the round closes — satisfaction with mentorship means something only to people who had
a mentor or a mentee. A pair_end round asks exactly the pair's people (with active memberships).

Reminders go to people who have not answered: at most `REMINDERS_MAX` (2), `REMINDER_EVERY` (3 days) after the
invitation or the previous reminder, only while the campaign is open and never in quiet hours — a reminder that
falls due at night waits for the first tick after 08:00.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from mentorship.entities import PairStatus
from mentorship.errors import InvalidInput
from mentorship.outbox import is_quiet
from mentorship.roles import Role

SURVEY_ROLES = (Role.MENTEE, Role.MENTOR)
#: The shipped survey questionnaire of each role (questionnaires/satisfaction_*.yaml); an organisation may upload its
#: own version of the same key.
QUESTIONNAIRE_FOR_ROLE: dict[Role, str] = {Role.MENTEE: "satisfaction-mentee", Role.MENTOR: "satisfaction-mentor"}
#: The question the satisfaction KPI reads (1–10).
OVERALL_QUESTION = "overall"

OPEN_DAYS_BEFORE = 14
CLOSES_AT = time(23, 59)
PERIOD = timedelta(days=183)
REMINDERS_MAX = 2
REMINDER_EVERY = timedelta(days=3)
PAIR_END_DAYS = 14
#: A pair that ended longer ago than this gets no final survey (e.g. pairs ended before surveys existed).
PAIR_END_LOOKBACK = timedelta(days=14)
#: How far ahead a curator may set a manual campaign's closing date.
MANUAL_MAX_DAYS = 90

_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


class CampaignReason(StrEnum):
    CALENDAR = "calendar"
    PAIR_END = "pair_end"
    MANUAL = "manual"


class CampaignStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class MonitoringDate:
    """A day of the year by which results are due (month, day)."""

    month: int
    day: int

    def in_year(self, year: int) -> date:
        return date(year, self.month, self.day)


DEFAULT_CALENDAR: tuple[MonitoringDate, ...] = (MonitoringDate(5, 20), MonitoringDate(12, 20))


@dataclass(frozen=True, slots=True)
class Campaign:
    id: int
    organisation_id: int
    questionnaire_key: str
    role: Role
    reason: CampaignReason
    pair_id: int | None
    opens_at: datetime
    closes_at: datetime
    status: CampaignStatus
    dedup_key: str | None
    created_at: datetime
    closed_at: datetime | None = None

    def is_open_at(self, now: datetime) -> bool:
        return self.status == CampaignStatus.OPEN and self.opens_at <= now < self.closes_at


@dataclass(frozen=True, slots=True)
class Invitation:
    campaign_id: int
    person_id: int
    invited_at: datetime
    reminders: int = 0
    last_reminded_at: datetime | None = None
    answered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Round:
    """One calendar round: results due on `deadline`; open from `opens_at` until `closes_at` (UTC)."""

    deadline: date
    opens_at: datetime
    closes_at: datetime

    def dedup_key(self, role: Role) -> str:
        return f"calendar:{self.deadline.isoformat()}:{role.value}"

    @property
    def since(self) -> datetime:
        """Pairs that ended after this still count for the round."""
        return self.closes_at - PERIOD


def local_instant(day: date, moment: time, timezone: str) -> datetime:
    return datetime.combine(day, moment, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def closing_instant(day: date, timezone: str) -> datetime:
    """23:59 of `day` where the organisation is, in UTC."""
    return local_instant(day, CLOSES_AT, timezone)


def calendar_round(deadline: date, timezone: str) -> Round:
    opens = local_instant(deadline - timedelta(days=OPEN_DAYS_BEFORE), time(0, 0), timezone)
    return Round(deadline, opens, closing_instant(deadline, timezone))


def due_rounds(now: datetime, timezone: str, calendar: Sequence[MonitoringDate] = DEFAULT_CALENDAR) -> list[Round]:
    """The calendar rounds open at `now` in an organisation in `timezone`."""
    year = now.astimezone(ZoneInfo(timezone)).year
    found = []
    for candidate_year in (year - 1, year, year + 1):
        for monitoring in calendar:
            round_ = calendar_round(monitoring.in_year(candidate_year), timezone)
            if round_.opens_at <= now < round_.closes_at:
                found.append(round_)
    return sorted(found, key=lambda r: r.deadline)


def takes_part(pairs: Iterable[tuple[PairStatus, datetime | None]], since: datetime) -> bool:
    """Whether someone with these pairs (status, ended_at) is asked: an active pair now, or one completed or
    ended after `since`."""
    for status, ended_at in pairs:
        if status == PairStatus.ACTIVE:
            return True
        if status in (PairStatus.COMPLETED, PairStatus.ENDED) and ended_at is not None and ended_at >= since:
            return True
    return False


def reminder_due(invitation: Invitation, campaign: Campaign, now: datetime, timezone: str) -> bool:
    """A reminder goes out now: not answered, fewer than two so far, spaced, the campaign open, not at night."""
    if invitation.answered_at is not None or invitation.reminders >= REMINDERS_MAX:
        return False
    if not campaign.is_open_at(now):
        return False
    last = invitation.last_reminded_at or invitation.invited_at
    if now < last + REMINDER_EVERY:
        return False
    return not is_quiet(now, timezone)


def pair_end_closes(ended_at: datetime, timezone: str) -> datetime:
    """A final survey stays open `PAIR_END_DAYS` days after the pair ended, to 23:59 organisation time."""
    local_day = ended_at.astimezone(ZoneInfo(timezone)).date()
    return closing_instant(local_day + timedelta(days=PAIR_END_DAYS), timezone)


def manual_closing(text: str, now: datetime, timezone: str) -> datetime:
    """The closing instant of a curator's campaign from "dd.mm.yyyy": a real date, from today (organisation time)
    up to `MANUAL_MAX_DAYS` days ahead; it closes at 23:59 that day."""
    match = _DATE_RE.fullmatch(text.strip())
    if match is None:
        raise InvalidInput("campaign-date-format")
    day, month, year = (int(g) for g in match.groups())
    try:
        chosen = date(year, month, day)
    except ValueError:
        raise InvalidInput("campaign-date-impossible") from None
    today = now.astimezone(ZoneInfo(timezone)).date()
    if chosen < today:
        raise InvalidInput("campaign-date-past")
    if chosen > today + timedelta(days=MANUAL_MAX_DAYS):
        raise InvalidInput("campaign-date-too-far", days=MANUAL_MAX_DAYS)
    return closing_instant(chosen, timezone)
