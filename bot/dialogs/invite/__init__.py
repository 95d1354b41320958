"""Invitation links: pick organisation, role and form, get a deep link and a QR code; list and revoke links."""

from bot.dialogs.invite.dialog import invite_dialog

__all__ = ["invite_dialog"]
