"""/broadcast: a curator's announcement to a role or to everyone, previewed with its recipient count, then queued."""

from bot.dialogs.broadcast.dialog import broadcast_dialog

__all__ = ["broadcast_dialog"]
