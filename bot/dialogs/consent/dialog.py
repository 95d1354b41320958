"""Consent windows: the shared consent document (bot/dialogs/document.py), with "decline" confirmed for a required
consent."""

from __future__ import annotations

from aiogram_dialog import Dialog

from bot.dialogs.consent import getters, handlers
from bot.dialogs.document import document_windows
from bot.states import Consent


def consent_dialog() -> Dialog:
    return Dialog(
        *document_windows(Consent.ask, Consent.full, getters.current_ask, handlers.on_choice, "c",
                          decline=Consent.decline),
    )
