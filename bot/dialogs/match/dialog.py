"""Matching result windows: the proposals, one a page, and the unmatched mentees, a page of them at a time."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, StubScroll, SwitchTo

from bot.dialogs.cards import Notice, bound_button, pager
from bot.dialogs.common import buttons_expected
from bot.dialogs.match import getters, handlers
from bot.dialogs.org_picker import picked
from bot.dialogs.widgets import Rendered, Tr, Window
from bot.states import MatchResults


def _action(label_key: str, widget_id: str, on_click):
    return bound_button(label_key, widget_id, "this_pair", on_click, "proposed")


def match_dialog() -> Dialog:
    return Dialog(
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
        on_process_result=picked(handlers.run_matching),
    )
