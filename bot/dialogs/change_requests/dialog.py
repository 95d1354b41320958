"""Change request list and card windows."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Cancel, SwitchTo

from bot.dialogs.cards import Notice, bound_button, card_list
from bot.dialogs.change_requests import getters, handlers
from bot.dialogs.common import buttons_expected
from bot.dialogs.org_picker import picked
from bot.dialogs.pair_decision import on_decided
from bot.dialogs.widgets import Rendered, Tr, Window
from bot.states import ChangeRequests


def _action(label_key: str, widget_id: str, items: str, on_click):
    return bound_button(label_key, widget_id, items, on_click, "open")


def change_requests_dialog() -> Dialog:
    return Dialog(
        Window(
            Notice(),
            Rendered("heading"),
            card_list("request", "requests", handlers.on_request),
            Cancel(Tr("btn-close")),
            MessageInput(buttons_expected),
            getter=getters.listing,
            state=ChangeRequests.listing,
        ),
        Window(
            Notice(),
            Rendered("body"),
            _action("pair-change-btn-end", "end", "this_request", handlers.on_end),
            _action("pair-change-btn-keep", "keep", "this_request", handlers.on_keep),
            _action("pair-change-btn-end-reason", "end_reason", "this_pair", handlers.on_end_with_reason),
            SwitchTo(Tr("btn-back"), id="back", state=ChangeRequests.listing),
            MessageInput(buttons_expected),
            getter=getters.request_card,
            state=ChangeRequests.card,
        ),
        on_start=handlers.on_start,
        on_process_result=picked(otherwise=on_decided),
    )
