"""/privacy: what is stored about me (or my child), each consent, withdrawing one, erasing everything."""

from bot.dialogs.privacy.dialog import privacy_dialog

__all__ = ["privacy_dialog"]
