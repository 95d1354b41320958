"""Matching result windows: the proposals, one a page, and the unmatched mentees, a page of them at a time."""

from __future__ import annotations

from operator import itemgetter

from aiogram import F
from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, CurrentPage, NextPage, PrevPage, Row, Select, StubScroll, SwitchTo
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import buttons_expected
from bot.dialogs.match import getters, handlers
from bot.dialogs.organisation_step import organisation_window
from bot.dialogs.pair_decision import Notice
from bot.dialogs.widgets import Rendered, Tr, Window
from bot.states import MatchResults


def pager(scroll_id: str) -> Row:
    """◀ n / N ▶ for a StubScroll; an arrow that would lead nowhere is not shown (its press would change nothing)."""
    return Row(
        PrevPage(scroll_id, id=f"{scroll_id}_prev", text=Format("◀"), when=F["data"]["has_prev"]),
        CurrentPage(scroll_id, id=f"{scroll_id}_now", text=Format("{current_page1} / {pages}"),
                    when=F["data"]["paged"]),
        NextPage(scroll_id, id=f"{scroll_id}_next", text=Format("▶"), when=F["data"]["has_next"]),
    )


def _action(label_key: str, widget_id: str, on_click) -> Select:
    """An action on the card shown; its data carries the pair's id, so a second press acts on that same pair (and
    is refused), never on the next card the page moved on to."""
    return Select(Tr(label_key), id=widget_id, item_id_getter=itemgetter(0), items="this_pair", on_click=on_click,
                  when="proposed")


def match_dialog() -> Dialog:
    return Dialog(
        organisation_window(MatchResults.organisation, handlers.run_matching),
        Window(
            Notice(),
            Rendered("heading"),
            Rendered("body", when="body"),
            Tr("match-unmatched-count", when="unmatched"),
            StubScroll(id=getters.PROPOSALS, pages="pages"),
            Row(
                _action("pair-btn-approve", "approve", handlers.on_approve),
                _action("pair-btn-reject", "reject", handlers.on_reject),
            ),
            Button(Tr("match-btn-skip"), id="skip", on_click=handlers.on_skip, when="can_skip"),
            pager(getters.PROPOSALS),
            SwitchTo(Tr("match-btn-unmatched"), id="unmatched", state=MatchResults.unmatched, when="unmatched"),
            Cancel(Tr("btn-close")),
            MessageInput(buttons_expected),
            getter=getters.proposals,
            state=MatchResults.proposals,
        ),
        Window(
            Rendered("body"),
            StubScroll(id=getters.UNMATCHED, pages="pages"),
            pager(getters.UNMATCHED),
            SwitchTo(Tr("match-btn-proposals"), id="proposals", state=MatchResults.proposals),
            Cancel(Tr("btn-close")),
            MessageInput(buttons_expected),
            getter=getters.unmatched,
            state=MatchResults.unmatched,
        ),
        on_start=handlers.on_start,
    )
