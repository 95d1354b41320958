"""Guardian windows."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Column, SwitchTo

from bot.dialogs.common import buttons_expected, typed_step
from bot.dialogs.document import document_windows
from bot.dialogs.guardian import getters, handlers
from bot.dialogs.widgets import Tr, Window, choices, language_buttons
from bot.states import Guardian
from mentorship import people


def guardian_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("guardian-intro"),
            language_buttons(handlers.on_language),
            Button(Tr("btn-continue"), id="begin", on_click=handlers.on_begin),
            MessageInput(buttons_expected),
            getter=getters.intro,
            state=Guardian.intro,
        ),
        Window(
            Tr("guardian-ask-name"),
            *typed_step("name", people.clean_name, handlers.on_name),
            SwitchTo(Tr("btn-back"), id="back_intro", state=Guardian.intro),
            state=Guardian.name,
        ),
        Window(
            Tr("guardian-ask-relation"),
            Column(choices("rel", "relations", handlers.on_relation)),
            MessageInput(buttons_expected),
            getter=getters.intro,
            state=Guardian.relation,
        ),
        Window(
            Tr("guardian-confirm-child"),
            SwitchTo(Tr("guardian-yes-my-child"), id="yes", state=Guardian.ask),
            Button(Tr("guardian-no-not-my-child"), id="no", on_click=handlers.on_not_my_child),
            MessageInput(buttons_expected),
            getter=getters.intro,
            state=Guardian.child,
        ),
        *document_windows(Guardian.ask, Guardian.full, getters.current_ask, handlers.on_choice, "g"),
    )
