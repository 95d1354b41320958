"""Meetings: planning one (/newmeeting, also logging a past one and moving one), feedback forms, and a declined
invitation's counter-proposal."""

from bot.dialogs.meeting.dialog import (
    decline_dialog,
    feedback_dialog,
    new_meeting_dialog,
)

__all__ = ["decline_dialog", "feedback_dialog", "new_meeting_dialog"]
