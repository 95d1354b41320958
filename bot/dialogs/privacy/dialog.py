"""Privacy windows."""

from __future__ import annotations

from operator import itemgetter

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import buttons_expected
from bot.dialogs.privacy import getters, handlers
from bot.dialogs.widgets import Rendered, Tr, Window
from bot.states import Privacy


def privacy_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("privacy-title-self", when="is_self"),
            Tr("privacy-title-child", when="is_child"),
            Rendered("body"),
            Column(Select(Format("{item[1]}"), id="wd", item_id_getter=itemgetter(0), items="withdrawable",
                          on_click=handlers.on_pick_withdraw)),
            Column(Select(Format("{item[1]}"), id="ch", item_id_getter=itemgetter(0), items="children",
                          on_click=handlers.on_child)),
            Button(Tr("privacy-back-to-me"), id="me", on_click=handlers.on_self, when="is_child"),
            SwitchTo(Tr("privacy-erase-button"), id="erase", state=Privacy.erase),
            Cancel(Tr("btn-close")),
            MessageInput(buttons_expected),
            getter=getters.main,
            state=Privacy.main,
        ),
        Window(
            Tr("privacy-withdraw-confirm"),
            Button(Tr("privacy-withdraw-yes"), id="yes", on_click=handlers.on_withdraw),
            SwitchTo(Tr("btn-back"), id="back", state=Privacy.main),
            MessageInput(buttons_expected),
            state=Privacy.withdraw,
        ),
        Window(
            Tr("privacy-erase-confirm-self", when="is_self"),
            Tr("privacy-erase-confirm-child", when="is_child"),
            Button(Tr("privacy-erase-yes"), id="yes", on_click=handlers.on_erase),
            SwitchTo(Tr("btn-back"), id="back", state=Privacy.main),
            MessageInput(buttons_expected),
            getter=getters.main,
            state=Privacy.erase,
        ),
    )
