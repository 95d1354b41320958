"""Change request list and card windows."""

from __future__ import annotations

from operator import itemgetter

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Cancel, ScrollingGroup, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from bot.dialogs.change_requests import getters, handlers
from bot.dialogs.common import buttons_expected
from bot.dialogs.organisation_step import organisation_window
from bot.dialogs.pair_decision import Notice, on_decided
from bot.dialogs.widgets import Rendered, Tr, Window
from bot.states import ChangeRequests

PAGE = 8


def _action(label_key: str, widget_id: str, items: str, on_click) -> Select:
    """A decision button; its data carries the request's (or the pair's) id, so a press on a stale card acts on
    what it names, and the service refuses it if that was decided meanwhile."""
    return Select(Tr(label_key), id=widget_id, item_id_getter=itemgetter(0), items=items, on_click=on_click,
                  when="open")


def change_requests_dialog() -> Dialog:
    return Dialog(
        organisation_window(ChangeRequests.organisation, handlers.to_listing),
        Window(
            Notice(),
            Rendered("heading"),
            ScrollingGroup(
                Select(Format("{item[1]}"), id="request", item_id_getter=itemgetter(0), items="requests",
                       on_click=handlers.on_request),
                id="requests", width=1, height=PAGE, hide_on_single_page=True,
            ),
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
        on_process_result=on_decided,
    )
