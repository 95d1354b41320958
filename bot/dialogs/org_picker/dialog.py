"""The picker's one window: the question, a button per organisation (paged beyond eight), and the way out."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, ScrollingGroup

from bot.dialogs.common import buttons_expected
from bot.dialogs.org_picker import getters, handlers
from bot.dialogs.widgets import Rendered, Window, choices
from bot.states import OrgPicker


def org_picker_dialog() -> Dialog:
    return Dialog(
        Window(
            Rendered("ask"),
            Rendered("none", when="none"),
            ScrollingGroup(
                choices("org", "organisations", handlers.on_organisation),
                id="orgs", width=1, height=8, hide_on_single_page=True,
            ),
            Button(Rendered("cancel"), id="leave", on_click=handlers.on_leave),
            MessageInput(buttons_expected),
            getter=getters.picker,
            state=OrgPicker.choose,
        ),
    )
