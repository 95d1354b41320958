"""A participant's own consents, one text per screen: summary, the full text on request, agree or decline."""

from bot.dialogs.consent.dialog import consent_dialog

__all__ = ["consent_dialog"]
