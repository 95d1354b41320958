"""Broadcast windows: audience, text, preview and confirmation (the organisation picker asks first, for a curator of
several)."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Column, Row, SwitchTo

from bot.dialogs.broadcast import getters, handlers
from bot.dialogs.common import buttons_expected, typed_step
from bot.dialogs.org_picker import picked
from bot.dialogs.widgets import Rendered, Tr, Window, choices
from bot.states import Broadcast
from mentorship.services import broadcasts


def broadcast_dialog() -> Dialog:
    cancel = Button(Tr("btn-cancel"), id="cancel", on_click=handlers.on_cancel)
    return Dialog(
        Window(
            Tr("broadcast-ask-audience"),
            Column(choices("aud", "audiences", handlers.on_audience)),
            cancel,
            MessageInput(buttons_expected),
            getter=getters.audiences,
            state=Broadcast.audience,
        ),
        Window(
            Tr("broadcast-ask-text"),
            Row(SwitchTo(Tr("btn-back"), id="back", state=Broadcast.audience), cancel),
            *typed_step("text", broadcasts.clean_text, handlers.on_text),
            getter=getters.text,
            state=Broadcast.text,
        ),
        Window(
            Tr("broadcast-preview"),
            Rendered("message"),
            Button(Tr("broadcast-btn-send"), id="send", on_click=handlers.on_send),
            Row(SwitchTo(Tr("broadcast-btn-edit"), id="edit", state=Broadcast.text), cancel),
            MessageInput(buttons_expected),
            getter=getters.preview,
            state=Broadcast.preview,
        ),
        on_start=handlers.on_start,
        on_process_result=picked(),
    )
