"""Joining through an invitation link: language, name, date of birth, category, class or group, confirmation."""

from bot.dialogs.registration.dialog import registration_dialog

__all__ = ["registration_dialog"]
