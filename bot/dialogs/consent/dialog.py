"""Consent windows."""

from __future__ import annotations

from operator import itemgetter

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Column, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import buttons_expected
from bot.dialogs.consent import getters, handlers
from bot.dialogs.document import document_windows
from bot.dialogs.widgets import Tr, Window
from bot.states import Consent


def consent_dialog() -> Dialog:
    return Dialog(
        *document_windows(Consent.ask, Consent.full, getters.current_ask, handlers.on_choice, "c"),
        Window(
            Tr("consent-decline-confirm"),
            Column(
                Select(Format("{item[1]}"), id="d", item_id_getter=itemgetter(0),
                       items=lambda data: [c for c in data["choices"] if c[0].startswith("n")],
                       on_click=handlers.on_choice),
            ),
            SwitchTo(Tr("consent-decline-back"), id="back2", state=Consent.ask),
            MessageInput(buttons_expected),
            getter=getters.current_ask,
            state=Consent.decline,
        ),
    )
