"""/changementor: a mentee asks the curator for another mentor, saying why in their own words."""

from bot.dialogs.change_mentor.dialog import change_mentor_dialog

__all__ = ["change_mentor_dialog"]
