"""/match: one message for a whole matching run — each proposal's card a page with approve, reject and skip, and
the mentees left without a mentor with the reason for each."""

from bot.dialogs.match.dialog import match_dialog

__all__ = ["match_dialog"]
