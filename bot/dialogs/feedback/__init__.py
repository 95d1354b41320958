"""The feedback form after a meeting."""

from bot.dialogs.feedback.dialog import feedback_dialog

__all__ = ["feedback_dialog"]
