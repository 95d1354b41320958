"""Pair list and card windows."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Row

from bot.dialogs.cards import Notice, bound_button, card_list
from bot.dialogs.common import buttons_expected
from bot.dialogs.org_picker import picked
from bot.dialogs.pair_decision import on_decided
from bot.dialogs.pairs import getters, handlers
from bot.dialogs.widgets import Rendered, Tr, Window
from bot.states import PairCards


def action(label_key: str, widget_id: str, on_click, when: str):
    return bound_button(label_key, widget_id, "this_pair", on_click, when)


def pair_cards_dialog() -> Dialog:
    return Dialog(
        Window(
            Notice(),
            Rendered("heading"),
            Tr("pair-list-hint", when="any"),
            card_list("pair", "pairs", handlers.on_pair),
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
        on_process_result=picked(otherwise=on_decided),
    )
