"""Planning a meeting: /newmeeting, also logging a past one and moving one."""

from bot.dialogs.meeting.dialog import new_meeting_dialog

__all__ = ["new_meeting_dialog"]
