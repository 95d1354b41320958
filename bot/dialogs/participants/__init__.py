"""/participants: the curator's registry with filters, a person's card, and a reminder for those who are stuck."""

from bot.dialogs.participants.dialog import participants_dialog

__all__ = ["participants_dialog"]
