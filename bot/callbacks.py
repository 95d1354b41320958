"""Callback data of every button the bot's own handlers parse: typed, bounded fields, so data someone forged
(`v1pr:a:99999999999999999999`, an unknown action letter, a negative id) matches no handler and never reaches a
query; the fallback router answers it as a stale button.

Buttons the outbox sends are described by services (plain Python, no aiogram) as a press about a row
(`mentorship.outbox.Press`: confirm meeting 5); `press_data` packs it with the class here that its handler reads,
so the wire format is defined once and an id out of bounds fails before the button is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from mentorship import shortcuts
from mentorship.outbox import Press

#: Database ids are 32-bit integers on PostgreSQL; anything above is forged.
MAX_ROW_ID = 2_147_483_647

RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]
#: Minutes since 2026 (`mentorship.meetings.start_stamp`): a meeting's start as its buttons carry it.
Stamp = Annotated[int, Field(ge=0, le=MAX_ROW_ID)]


class PairAction(CallbackData, prefix="v1pr"):
    action: Literal["a", "r"]  # approve, reject
    pair_id: RowId


class ChangeAction(CallbackData, prefix="v1cr"):
    action: Literal["e", "k"]  # end the pair, keep it
    request_id: RowId


class GuardianLinkAgain(CallbackData, prefix="v1gl"):
    organisation_id: RowId


class UploadTarget(CallbackData, prefix="v1qu"):
    organisation_id: RowId


class SurveyOpen(CallbackData, prefix="v1sv"):
    campaign_id: RowId


class LanguageChoice(CallbackData, prefix="v1lang"):
    code: Literal["ru", "en"]


class MeetingAnswer(CallbackData, prefix="v1mt"):
    """A mentee's answer to an invitation, as buttons queued before answers carried the meeting's start."""

    action: Literal["c", "d"]  # confirm, decline
    meeting_id: RowId


class MeetingReply(CallbackData, prefix="v2mt"):
    """A mentee's answer to an invitation (confirm or decline) made for the meeting starting at `at`
    (`mentorship.meetings.start_stamp`): pressed after the meeting moved, it is refused in words."""

    action: Literal["c", "d"]
    meeting_id: RowId
    at: Stamp


class FeedbackStart(CallbackData, prefix="v1fb"):
    """The first question of a feedback form: did the meeting take place (yes, no, moved)."""

    took_place: Literal["y", "n", "m"]
    meeting_id: RowId


class MeetingListAction(CallbackData, prefix="v2ml"):
    """A mentor's move or cancel in /meetings, made for the meeting starting at `at` (a press after it moved or was
    cancelled is refused in words; v1ml buttons of lists shown before are answered as stale)."""

    action: Literal["m", "x"]
    meeting_id: RowId
    at: Stamp


class GoTo(CallbackData, prefix=shortcuts.PREFIX):
    """A button of the menu or of a notification that does what a command does (mentorship/shortcuts.py)."""

    to: shortcuts.Shortcut
    pair_id: RowId | None = None


_PRESSES: dict[Press, Callable[[int, int | None], CallbackData]] = {
    Press.CONFIRM_MEETING: lambda i, v: _reply("c", i, v),
    Press.DECLINE_MEETING: lambda i, v: _reply("d", i, v),
    Press.MEETING_HELD: lambda i, _v: FeedbackStart(took_place="y", meeting_id=i),
    Press.MEETING_NOT_HELD: lambda i, _v: FeedbackStart(took_place="n", meeting_id=i),
    Press.MEETING_MOVED: lambda i, _v: FeedbackStart(took_place="m", meeting_id=i),
    Press.OPEN_SURVEY: lambda i, _v: SurveyOpen(campaign_id=i),
}


def _reply(action: Literal["c", "d"], meeting_id: int, version: int | None) -> CallbackData:
    if version is None:  # a button queued before answers carried the meeting's start
        return MeetingAnswer(action=action, meeting_id=meeting_id)
    return MeetingReply(action=action, meeting_id=meeting_id, at=version)


def press_data(press: Press, about: int | None, version: int | None = None) -> str:
    """The callback data of an outbox button's press about row `about` (as it was at `version`, for the presses
    that carry one); an id missing or out of bounds raises pydantic's ValidationError, so no such button is ever
    sent."""
    return _PRESSES[press](about, version).pack()


def row_id(text: str) -> int | None:
    """An id from a dialog button's item (aiogram-dialog's Select hands it over as text), or None if forged."""
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ROW_ID)):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ROW_ID else None


def meeting_of(data: str | None) -> int | None:
    """The meeting a meeting button's callback data is about (an answer, a list action, a form's first answer),
    or None."""
    for kind in (MeetingReply, MeetingAnswer, MeetingListAction, FeedbackStart):
        try:
            return kind.unpack(data or "").meeting_id
        except (TypeError, ValueError):
            continue
    return None
