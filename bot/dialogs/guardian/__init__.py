"""A parent opens the link their child forwarded: who they are, relation, the child confirmed, each consent."""

from bot.dialogs.guardian.dialog import guardian_dialog

__all__ = ["guardian_dialog"]
