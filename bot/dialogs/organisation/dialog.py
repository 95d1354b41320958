"""New-organisation windows."""

from __future__ import annotations

from operator import itemgetter

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import (
    Back,
    Button,
    Cancel,
    Column,
    Group,
    Multiselect,
    Select,
)
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import buttons_expected, typed_step
from bot.dialogs.organisation import getters, handlers
from bot.dialogs.widgets import Tr, Window
from bot.states import NewOrganisation
from mentorship import organisations as rules

ID_FORMS = "forms"


def new_organisation_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("org-ask-name"),
            *typed_step("name", rules.clean_name, handlers.on_name),
            Cancel(Tr("btn-cancel")),
            state=NewOrganisation.name,
        ),
        Window(
            Tr("org-ask-kind"),
            Column(
                Select(
                    Format("{item[1]}"),
                    id="kind",
                    item_id_getter=itemgetter(0),
                    items="kinds",
                    on_click=handlers.on_kind,
                )
            ),
            Back(Tr("btn-back")),
            MessageInput(buttons_expected),
            getter=getters.kinds,
            state=NewOrganisation.kind,
        ),
        Window(
            Tr("org-ask-municipality"),
            Tr("org-ask-municipality-pick", when="has_municipalities"),
            Column(
                Select(
                    Format("{item[1]}"),
                    id="mun",
                    item_id_getter=itemgetter(0),
                    items="municipalities",
                    on_click=handlers.on_municipality_pick,
                )
            ),
            *typed_step("municipality", rules.clean_municipality, handlers.on_municipality_text),
            Back(Tr("btn-back")),
            getter=getters.municipalities,
            state=NewOrganisation.municipality,
        ),
        Window(
            Tr("org-ask-timezone"),
            Group(
                Select(
                    Format("{item[1]}"),
                    id="tz",
                    item_id_getter=itemgetter(0),
                    items="timezones",
                    on_click=handlers.on_timezone,
                ),
                width=2,
            ),
            Back(Tr("btn-back")),
            MessageInput(buttons_expected),
            getter=getters.timezones,
            state=NewOrganisation.timezone,
        ),
        Window(
            Tr("org-ask-forms"),
            Column(
                Multiselect(
                    Format("✅ {item[1]}"),
                    Format("▫️ {item[1]}"),
                    id=ID_FORMS,
                    item_id_getter=itemgetter(0),
                    items="forms",
                )
            ),
            Button(Tr("btn-continue"), id="forms_done", on_click=handlers.on_forms_done),
            Back(Tr("btn-back")),
            MessageInput(buttons_expected),
            getter=getters.forms,
            state=NewOrganisation.forms,
        ),
        Window(
            Tr("org-summary"),
            Button(Tr("btn-create"), id="create", on_click=handlers.on_create),
            Back(Tr("btn-back")),
            Cancel(Tr("btn-cancel")),
            MessageInput(buttons_expected),
            getter=getters.summary,
            state=NewOrganisation.confirm,
        ),
    )
