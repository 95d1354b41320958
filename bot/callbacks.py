"""Callback data of every button the bot's own handlers parse: typed, bounded fields, so data someone forged
(`v1pr:a:99999999999999999999`, an unknown action letter, a negative id) matches no handler and never reaches a
query; the fallback router answers it as a stale button.

Buttons the outbox sends are written by services (plain Python, no aiogram) in the same `prefix:field:field`
shape; the prefixes and action letters below come from those services, and tests/test_callbacks.py checks that
every string a service builds is read back by the class here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from mentorship import shortcuts
from mentorship.services import consents as consent_service
from mentorship.services import meetings as meeting_service
from mentorship.services import surveys as survey_service

#: Database ids are 32-bit integers on PostgreSQL; anything above is forged.
MAX_ROW_ID = 2_147_483_647

RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]


class PairAction(CallbackData, prefix="v1pr"):
    action: Literal["a", "r"]  # approve, reject
    pair_id: RowId


class ChangeAction(CallbackData, prefix="v1cr"):
    action: Literal["e", "k"]  # end the pair, keep it
    request_id: RowId


class GuardianLinkAgain(CallbackData, prefix=consent_service.GUARDIAN_LINK_AGAIN_PREFIX):
    organisation_id: RowId


class UploadTarget(CallbackData, prefix="v1qu"):
    organisation_id: RowId


class SurveyOpen(CallbackData, prefix=survey_service.OPEN_PREFIX):
    campaign_id: RowId


class LanguageChoice(CallbackData, prefix="v1lang"):
    code: Literal["ru", "en"]


class MeetingAnswer(CallbackData, prefix=meeting_service.ANSWER_PREFIX):
    """A mentee's answer to an invitation: confirm or decline."""

    action: Literal["c", "d"]
    meeting_id: RowId


class FeedbackStart(CallbackData, prefix=meeting_service.FEEDBACK_PREFIX):
    """The first question of a feedback form: did the meeting take place (yes, no, moved)."""

    took_place: Literal["y", "n", "m"]
    meeting_id: RowId


class MeetingListAction(CallbackData, prefix="v1ml"):
    """A mentor's move or cancel in /meetings."""

    action: Literal["m", "x"]
    meeting_id: RowId


class GoTo(CallbackData, prefix=shortcuts.PREFIX):
    """A button of the menu or of a notification that does what a command does (mentorship/shortcuts.py)."""

    to: shortcuts.Shortcut
    pair_id: RowId | None = None


def row_id(text: str) -> int | None:
    """An id from a dialog button's item (aiogram-dialog's Select hands it over as text), or None if forged."""
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ROW_ID)):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ROW_ID else None
