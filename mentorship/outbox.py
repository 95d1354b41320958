"""Messages the bot sends on its own initiative: what one is, and when it may go out.

Quiet hours (21:00–08:00 in the organisation's timezone) hold non-urgent messages until the morning. A message
that must arrive before something (a reminder before its meeting) goes out the evening before instead when the
morning would be too late.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import IntEnum, StrEnum
from typing import Any
from zoneinfo import ZoneInfo

QUIET_START = time(21, 0)
QUIET_END = time(8, 0)
#: The latest a held-back message goes out the evening before when the morning would be too late.
EVENING_LAST = time(20, 55)


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # gave up after retries; the reason stays in `last_error` for the curator
    UNREACHABLE = "unreachable"  # the person blocked the bot
    CANCELLED = "cancelled"  # the reason for it went away (a cancelled meeting)
    HELD = "held"  # its recipient's consent is withdrawn, or its pair is suspended: kept, not sent, until resumed


class OutboxKind(StrEnum):
    NOTICE = "notice"  # pairs, consents, requests: things that happened
    REMINDER = "reminder"
    FEEDBACK = "feedback"
    ALERT = "alert"  # to curators
    SURVEY = "survey"
    BROADCAST = "broadcast"
    EDIT = "edit"  # changes a message sent before (its words, and takes its buttons off): see `EditTarget`


class Priority(IntEnum):
    """Who goes first when the token's send budget is short (bot/send_budget.py); 2 and 3 are also the outbox's
    claim order."""

    REPLY = 1  # answers to a person's own update (never queued in the outbox)
    TIMELY = 2  # reminders, feedback forms, consent outcomes, pair notices, alerts to curators
    BULK = 3  # broadcasts, survey invitations and their reminders


_BULK_KINDS = frozenset({OutboxKind.SURVEY, OutboxKind.BROADCAST})


def priority_of(kind: str) -> Priority:
    return Priority.BULK if kind in _BULK_KINDS else Priority.TIMELY


class Press(StrEnum):
    """What pressing an outbox button asks for, in the domain's words. The bot turns a press and the id of the row
    it is about into the button's typed, bounded callback data (bot/callbacks.py): the wire format is defined once,
    by the class its handler reads."""

    CONFIRM_MEETING = "meeting-confirm"
    DECLINE_MEETING = "meeting-decline"
    MEETING_HELD = "feedback-yes"  # the first answer of a feedback form: did the meeting take place
    MEETING_NOT_HELD = "feedback-no"
    MEETING_MOVED = "feedback-moved"
    OPEN_SURVEY = "survey-open"


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: its label's locale key (and args), and what pressing it does — a press about a row (a
    meeting, a campaign) or a URL. `data` is raw callback data, read only from rows queued before presses existed
    (`v1mt:c:5`, `v1fb:y:5`, `v1sv:3`: the same strings the press's class packs, so they keep working).
    `version` is what the row looked like when the button was made (a meeting's start, `meetings.start_stamp`), so
    a press after the row changed is told apart; buttons queued before versions existed have none."""

    key: str
    press: Press | None = None
    row_id: int | None = None
    url: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    data: str | None = None
    version: int | None = None

    def as_json(self) -> dict[str, Any]:
        press = self.press.value if self.press else None
        raw = {"key": self.key, "press": press, "id": self.row_id, "url": self.url, "args": self.args, "data": self.data}
        return raw if self.version is None else {**raw, "version": self.version}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Button:
        press = raw.get("press")
        return cls(raw["key"], Press(press) if press else None, raw.get("id"), raw.get("url"), raw.get("args") or {},
                   raw.get("data"), raw.get("version"))


class EditAs(StrEnum):
    """What a sent message with buttons is made of, so an edit knows which method changes its words: a text message,
    or a file (an invitation with its calendar file) whose words are its caption."""

    TEXT = "text"
    CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class EditTarget:
    """An earlier sent row whose message still shows buttons (the sender records how it was sent and its Telegram
    message id): an EDIT row replaces its words and takes the buttons off. `row_id` is that earlier row."""

    row_id: int
    chat_id: int
    person_id: int | None
    message_id: int
    edit_as: EditAs

    def as_args(self) -> dict[str, Any]:
        return {"row": self.row_id, "message_id": self.message_id, "as": self.edit_as.value}


def has_live_buttons(buttons: tuple[tuple[Button, ...], ...]) -> bool:
    """Whether a message carries buttons that act on a row (a meeting's confirm / decline, a feedback form's
    first answer): those a later change of the row must take off. Shortcuts and links lead somewhere and stay valid."""
    return any(b.press is not None for row in buttons for b in row)


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """A claimed row, as the sender sees it."""

    id: int
    chat_id: int
    person_id: int | None
    organisation_id: int | None
    kind: str
    key: str
    args: dict[str, Any]
    buttons: tuple[tuple[Button, ...], ...]
    locale: str | None
    attempts: int
    due_at: datetime
    ref: str | None = None
    priority: Priority = Priority.TIMELY


@dataclass(frozen=True, slots=True)
class HeldMessage:
    """A queued message held back while its person or pair is paused, as the release sees it."""

    id: int
    person_id: int | None
    organisation_id: int | None
    kind: str
    ref: str | None
    due_at: datetime
    urgent: bool


def _at(day: date, moment: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, moment, tzinfo=zone).astimezone(UTC)


def is_quiet(instant: datetime, timezone: str) -> bool:
    local = instant.astimezone(ZoneInfo(timezone)).time()
    return local >= QUIET_START or local < QUIET_END


def outside_quiet_hours(due: datetime, timezone: str, deadline: datetime | None = None) -> datetime:
    """`due` if it falls outside quiet hours; otherwise 08:00 that morning, or — when that would be at or after
    `deadline` — 20:55 the evening the quiet hours began (which may be in the past: then it is due at once)."""
    zone = ZoneInfo(timezone)
    local = due.astimezone(zone)
    if not is_quiet(due, timezone):
        return due
    evening_day = local.date() if local.time() >= QUIET_START else local.date() - timedelta(days=1)
    morning = _at(evening_day + timedelta(days=1), QUIET_END, zone)
    if deadline is None or morning < deadline:
        return morning
    return min(due, _at(evening_day, EVENING_LAST, zone))


def backoff(attempts: int) -> timedelta:
    """After the n-th failed attempt: 30 s, 1 min, 2 min, … capped at one hour."""
    return timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


#: Transient failures before a message is given up as failed.
MAX_ATTEMPTS = 8
