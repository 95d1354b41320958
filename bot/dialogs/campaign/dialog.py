"""Campaign windows: the open campaigns and who to ask, the closing date (the organisation picker asks first, for a
curator of several)."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Cancel, Column, SwitchTo

from bot.dialogs.campaign import getters, handlers
from bot.dialogs.common import DialogRule, buttons_expected, typed_step
from bot.dialogs.org_picker import picked
from bot.dialogs.widgets import Rendered, Tr, Window, choices
from bot.states import Campaign


def campaign_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("campaign-title"),
            Rendered("lines", when="has_open"),
            Tr("campaign-none-open", when=lambda data, *_: not data["has_open"]),
            Tr("campaign-start-hint"),
            Column(choices("who", "audiences", handlers.on_audience)),
            Cancel(Tr("btn-close")),
            MessageInput(buttons_expected),
            getter=getters.main,
            state=Campaign.main,
        ),
        Window(
            Tr("campaign-ask-date"),
            SwitchTo(Tr("btn-back"), id="back", state=Campaign.main),
            *typed_step("date", DialogRule(handlers.closing_rule), handlers.on_date),
            getter=getters.date,
            state=Campaign.date,
        ),
        on_start=handlers.on_start,
        on_process_result=picked(),
    )
