"""Meetings of a pair: kinds, what a valid meeting is, and which messages it schedules.

Times are entered and shown in the organisation's timezone and stored in UTC. The messages a planned meeting
causes — reminders at each offset before the start to everyone who has not declined, and a feedback form to every
participant after the end plus the feedback delay — are computed here and queued by the service.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from mentorship.errors import InvalidInput


class MeetingKind(StrEnum):
    """The meeting types of the seeds (000 §2.7): introduction, trial, planning, working, final, group."""

    INTRO = "intro"
    TRIAL = "trial"
    PLANNING = "planning"
    WORK = "work"
    FINAL = "final"
    GROUP = "group"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    MISSED = "missed"  # it did not take place (said in the feedback)
    CANCELLED = "cancelled"


class Response(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"


class TookPlace(StrEnum):
    YES = "yes"
    NO = "no"
    MOVED = "moved"


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone invited to a meeting, and their answer."""

    person_id: int
    response: Response
    proposed_starts_at: datetime | None


@dataclass(frozen=True, slots=True)
class Meeting:
    """A stored meeting with its participants."""

    id: int
    organisation_id: int
    pair_id: int
    kind: MeetingKind
    starts_at: datetime
    duration_minutes: int
    online: bool
    place: str | None
    status: MeetingStatus
    logged: bool
    created_by_person_id: int | None
    participants: tuple[Participant, ...]

    def response_of(self, person_id: int) -> Response | None:
        return next((p.response for p in self.participants if p.person_id == person_id), None)


@dataclass(frozen=True, slots=True)
class Feedback:
    """One participant's feedback form about a meeting (filled in once `completed_at` is set)."""

    id: int
    meeting_id: int
    person_id: int
    took_place: TookPlace | None
    usefulness: int | None
    comment: str | None
    done: str | None
    next_step: str | None
    completed_at: datetime | None


MIN_DURATION = 15  # minutes
MAX_DURATION = 8 * 60
PLACE_LIMIT = 300
COMMENT_LIMIT = 1000
NEXT_STEP_LIMIT = 500
#: A rating at or below this alerts the curator.
LOW_RATING = 4
#: How far ahead a meeting may be planned.
HORIZON = timedelta(days=366)
#: An unanswered feedback form is reminded once, this long after it was sent.
FEEDBACK_REMINDER_AFTER = timedelta(hours=24)

_TIME = re.compile(r"^\s*(\d{1,2})[:.\s](\d{2})\s*$")
#: A number, perhaps with one decimal, perhaps followed by a unit word ("45", "45 min", "1.5 h").
_DURATION = re.compile(r"^\s*(\d{1,3})(?:[.,](\d))?\s*([^\W\d_]+)?\s*$")


@dataclass(frozen=True)
class DurationUnits:
    """The words people type after a number of minutes and of hours, in every language the bot speaks (they come
    from locales/: `meeting-duration-minute-words`, `meeting-duration-hour-words`), in lower case."""

    minutes: frozenset[str]
    hours: frozenset[str]


def parse_time(text: str) -> time:
    """"17:30", "17.30", "9 05" → a time; 25:00 or 17:75 are refused."""
    found = _TIME.match(text or "")
    if not found:
        raise InvalidInput("meeting-time-invalid")
    hour, minute = int(found.group(1)), int(found.group(2))
    if hour > 23 or minute > 59:
        raise InvalidInput("meeting-time-invalid")
    return time(hour, minute)


def parse_duration(text: str, units: DurationUnits) -> int:
    """Minutes from a bare number, a whole number of minutes, or a number of hours with at most one decimal (the
    unit words as people type them, `units`); from 15 minutes to 8 hours."""
    minutes: int | None = None
    if found := _DURATION.match(text or ""):
        whole, tenths, unit = int(found.group(1)), found.group(2), (found.group(3) or "").casefold()
        if tenths is None and (not unit or unit in units.minutes):
            minutes = whole
        elif unit in units.hours:
            minutes = whole * 60 + int(tenths or 0) * 6
    if minutes is None:
        raise InvalidInput("meeting-duration-invalid", low=MIN_DURATION, high=MAX_DURATION // 60)
    check_duration(minutes)
    return minutes


def check_duration(minutes: int) -> None:
    if not MIN_DURATION <= minutes <= MAX_DURATION:
        raise InvalidInput("meeting-duration-invalid", low=MIN_DURATION, high=MAX_DURATION // 60)


def check_place(text: str, online: bool) -> str:
    """An address or room for an in-person meeting; an http(s) link for an online one."""
    place = (text or "").strip()
    if not place or len(place) > PLACE_LIMIT:
        raise InvalidInput("meeting-place-invalid", limit=PLACE_LIMIT)
    if online:
        parsed = urlparse(place)
        if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in place:
            raise InvalidInput("meeting-link-invalid")
    return place


def starts_at(day: date, at: time, timezone: str) -> datetime:
    """The UTC instant of a wall-clock time in the organisation's zone."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def check_start(start: datetime, now: datetime, logged: bool) -> None:
    """A planned meeting is in the future (within a year); a logged one already took place."""
    if logged:
        if start > now:
            raise InvalidInput("meeting-log-future")
        if now - start > HORIZON:
            raise InvalidInput("meeting-too-far")
        return
    if start <= now:
        raise InvalidInput("meeting-in-past")
    if start - now > HORIZON:
        raise InvalidInput("meeting-too-far")


@dataclass(frozen=True, slots=True)
class Reminder:
    person_id: int
    offset: timedelta
    due_at: datetime


def reminders(
    start: datetime, offsets: tuple[timedelta, ...], person_ids: list[int], now: datetime
) -> list[Reminder]:
    """One reminder per offset and person, skipping those whose moment has already passed."""
    return [
        Reminder(person_id, offset, start - offset)
        for offset in sorted(offsets, reverse=True)
        if start - offset > now
        for person_id in person_ids
    ]


#: A meeting's start as a button carries it: minutes from here (a bounded, positive integer).
STAMP_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def start_stamp(start: datetime) -> int:
    """The start time a meeting's answer or list button was made for, so a press after a move is told apart."""
    return max(0, int((start - STAMP_EPOCH).total_seconds() // 60))


def overlaps(start: datetime, minutes: int, other_start: datetime, other_minutes: int) -> bool:
    """Two meetings share some time (one ending as the other begins does not count)."""
    return start < other_start + timedelta(minutes=other_minutes) and other_start < start + timedelta(minutes=minutes)


def feedback_due(start: datetime, duration_minutes: int, delay: timedelta) -> datetime:
    return start + timedelta(minutes=duration_minutes) + delay


def offset_label(offset: timedelta) -> str:
    """`24h`, `1h`, `30m`: part of a de-duplication key."""
    minutes = int(offset.total_seconds() // 60)
    return f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}m"


def feedback_text(text: str, limit: int) -> str | None:
    """A free-text answer of the feedback form, up to `limit` characters; nothing but spaces says nothing."""
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise InvalidInput("feedback-too-long", limit=limit)
    return cleaned or None


def check_rating(value: int) -> int:
    if not 1 <= value <= 10:
        raise InvalidInput("error-invalid-input")
    return value


_DAY = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?\s*$")


def parse_day(text: str, today: date) -> date:
    """"25.12.2026", or "25.12" meaning the such day nearest to today (a meeting next week or one being logged
    from last week both read naturally); 31.02 is refused."""
    found = _DAY.match(text or "")
    if not found:
        raise InvalidInput("meeting-date-invalid")
    day, month = int(found.group(1)), int(found.group(2))
    years = [int(found.group(3))] if found.group(3) else [today.year - 1, today.year, today.year + 1]
    candidates = []
    for year in years:
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise InvalidInput("meeting-date-invalid")
    return min(candidates, key=lambda d: (abs((d - today).days), d < today))


def parse_moment(text: str, today: date) -> tuple[date, time]:
    """"26.12 18:00" → the day and the time."""
    parts = (text or "").split()
    if len(parts) != 2:
        raise InvalidInput("meeting-moment-invalid")
    return parse_day(parts[0], today), parse_time(parts[1])


def proposed_start(text: str, now: datetime, timezone: str) -> datetime:
    """A declining mentee's "26.12 18:00", read in the organisation's zone: the UTC instant, in the future."""
    day, at = parse_moment(text, now.astimezone(ZoneInfo(timezone)).date())
    start = starts_at(day, at, timezone)
    check_start(start, now, logged=False)
    return start
