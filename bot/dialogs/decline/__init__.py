"""A declined meeting invitation's counter-proposal."""

from bot.dialogs.decline.dialog import decline_dialog

__all__ = ["decline_dialog"]
