"""Pair list and card windows."""

from __future__ import annotations

from operator import itemgetter

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, ScrollingGroup, Select
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import buttons_expected
from bot.dialogs.organisation_step import organisation_window
from bot.dialogs.pair_decision import Notice, on_decided
from bot.dialogs.pairs import getters, handlers
from bot.dialogs.widgets import Rendered, Tr, Window
from bot.states import PairCards

#: Pairs per page of the list (Telegram shows 100 buttons at most; a page should fit a phone screen).
PAGE = 8


def action(label_key: str, widget_id: str, on_click, when: str) -> Select:
    """A card's action button; its data carries the pair's id, so a press on a card that went stale (or a second
    press) acts on that pair, never on whatever the window shows by then."""
    return Select(Tr(label_key), id=widget_id, item_id_getter=itemgetter(0), items="this_pair", on_click=on_click,
                  when=when)


def pair_cards_dialog() -> Dialog:
    return Dialog(
        organisation_window(PairCards.organisation, handlers.to_listing),
        Window(
            Notice(),
            Rendered("heading"),
            Tr("pair-list-hint", when="any"),
            ScrollingGroup(
                Select(Format("{item[1]}"), id="pair", item_id_getter=itemgetter(0), items="pairs",
                       on_click=handlers.on_pair),
                id="pairs", width=1, height=PAGE, hide_on_single_page=True,
            ),
            Cancel(Tr("btn-close")),
            MessageInput(buttons_expected),
            getter=getters.listing,
            state=PairCards.listing,
        ),
        Window(
            Notice(),
            Rendered("body"),
            Row(
                action("pair-btn-approve", "approve", handlers.on_approve, "proposed"),
                action("pair-btn-reject", "reject", handlers.on_reject, "proposed"),
            ),
            action("pair-btn-end", "end", handlers.on_end, "live"),
            action("pair-btn-complete", "complete", handlers.on_complete, "live"),
            Button(Tr("btn-back"), id="back", on_click=handlers.on_back),
            MessageInput(buttons_expected),
            getter=getters.pair_card,
            state=PairCards.card,
        ),
        on_start=handlers.on_start,
        on_process_result=on_decided,
    )
