"""A superadmin creates an organisation: name, kind, municipality, timezone, forms of mentorship."""

from bot.dialogs.organisation.dialog import new_organisation_dialog

__all__ = ["new_organisation_dialog"]
