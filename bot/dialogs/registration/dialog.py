"""Registration windows."""

from __future__ import annotations

from operator import itemgetter

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Back, Button, Column, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import DialogRule, buttons_expected, typed_step
from bot.dialogs.registration import getters, handlers
from bot.dialogs.widgets import Tr, Window, language_buttons
from bot.states import Registration
from mentorship import people

ID_CATEGORY = "category"


def registration_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("reg-welcome"),
            Tr("reg-welcome-form", when="has_form"),
            Tr("reg-privacy-short"),
            language_buttons(handlers.on_language),
            SwitchTo(Tr("btn-continue"), id="go", state=Registration.name),
            getter=getters.welcome,
            state=Registration.welcome,
        ),
        Window(
            Tr("reg-ask-name"),
            *typed_step("name", people.clean_name, handlers.on_name),
            Back(Tr("btn-back")),
            getter=getters.address,
            state=Registration.name,
        ),
        Window(
            Tr("reg-ask-birth-date"),
            *typed_step("birth_date", DialogRule(handlers.birth_date_rule), handlers.on_birth_date),
            Back(Tr("btn-back")),
            getter=getters.address,
            state=Registration.birth_date,
        ),
        Window(
            Tr("reg-ask-category"),
            Column(
                Select(
                    Format("{item[1]}"),
                    id=ID_CATEGORY,
                    item_id_getter=itemgetter(0),
                    items="categories",
                    on_click=handlers.on_category,
                    type_factory=str,
                )
            ),
            SwitchTo(Tr("btn-back"), id="back_dob", state=Registration.birth_date),
            MessageInput(buttons_expected),
            getter=getters.categories,
            state=Registration.category,
        ),
        Window(
            Tr("reg-ask-group"),
            *typed_step("group", people.clean_group, handlers.on_group),
            SwitchTo(Tr("btn-back"), id="back_cat", state=Registration.category),
            getter=getters.address,
            state=Registration.group,
        ),
        Window(
            Tr("reg-summary"),
            Tr("reg-summary-group", when="has_group"),
            Tr("reg-summary-question"),
            Button(Tr("btn-confirm"), id="confirm", on_click=handlers.on_confirm),
            SwitchTo(Tr("btn-start-over"), id="again", state=Registration.name),
            MessageInput(buttons_expected),
            getter=getters.summary,
            state=Registration.confirm,
        ),
    )
