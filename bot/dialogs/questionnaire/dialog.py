"""Questionnaire windows: one generic window per question kind, plus the choice of questionnaire and the summary.

Widget ids are at most two characters: they are part of the 64-byte callback data (budget in
mentorship/questionnaire.py).
"""

from __future__ import annotations

from typing import Any

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Column, Group, Row

from bot.dialogs.common import DialogRule, buttons_expected, typed_step
from bot.dialogs.questionnaire import getters, handlers
from bot.dialogs.widgets import Rendered, Tr, Window, choices
from bot.states import Questionnaire

ID_OPTIONS = "o"
ID_OPTIONS_GRID = "og"
ID_TICKS = "m"
ID_TICKS_GRID = "mg"
ID_DONE = "md"
ID_SCALE = "sc"
ID_YESNO = "yn"
ID_NAV = "nv"
ID_EDIT = "ed"
ID_CHOOSE = "ch"
ID_TYPED = "tx"


def _header() -> list[Any]:
    return [
        Tr("qn-intro-title", when="has_intro"),
        Tr("qn-intro", when="has_intro"),
        Tr("qn-progress"),
        Tr("qn-question"),
        Tr("qn-hint", when="has_hint"),
        Rendered("kind_hint"),
        Tr("qn-optional", when="optional"),
        Tr("qn-current", when="has_answer"),
    ]


def _nav() -> list[Any]:
    return [Row(choices(ID_NAV, "nav", handlers.on_nav))]


def _question_window(state, *keyboard: Any, typed: bool = False) -> Window:
    inputs = typed_step(ID_TYPED, DialogRule(handlers.typed_answer_rule), handlers.on_typed) if typed \
        else (MessageInput(buttons_expected),)
    return Window(*_header(), *keyboard, *_nav(), *inputs, getter=getters.question_window, state=state)


def _choices(list_id: str, grid_id: str, on_click) -> list[Any]:
    """Long labels one per row; short ones two to a row."""
    return [
        Column(choices(list_id, "options", on_click), when=lambda data, *_: not data["grid"]),
        Group(choices(grid_id, "options", on_click), width=2, when="grid"),
    ]


def questionnaire_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("qn-choose"),
            Column(choices(ID_CHOOSE, "roles", handlers.on_choose)),
            MessageInput(buttons_expected),
            getter=getters.choose_window,
            state=Questionnaire.choose,
        ),
        _question_window(Questionnaire.single, *_choices(ID_OPTIONS, ID_OPTIONS_GRID, handlers.on_single)),
        _question_window(
            Questionnaire.multi,
            *_choices(ID_TICKS, ID_TICKS_GRID, handlers.on_toggle),
            Column(choices(ID_DONE, "done", handlers.on_multi_done)),
        ),
        _question_window(Questionnaire.scale, Group(choices(ID_SCALE, "scale", handlers.on_scale), width=5)),
        _question_window(Questionnaire.yesno, Row(choices(ID_YESNO, "yesno", handlers.on_yesno))),
        _question_window(Questionnaire.text, typed=True),
        _question_window(Questionnaire.number, typed=True),
        _question_window(Questionnaire.date, typed=True),
        Window(
            Tr("qn-summary-title"),
            Tr("qn-summary-count", when="has_lines"),
            Rendered("lines", when="has_lines"),
            Tr("qn-summary-edit", when="has_lines"),
            Tr("qn-summary-incomplete", when="incomplete"),
            Group(choices(ID_EDIT, "edit", handlers.on_edit), width=5),
            Button(Tr("qn-continue"), id="go", on_click=handlers.on_continue, when="incomplete"),
            Button(Tr("qn-finish"), id="fin", on_click=handlers.on_finish, when="complete"),
            MessageInput(buttons_expected),
            getter=getters.summary_window,
            state=Questionnaire.summary,
        ),
        on_start=handlers.on_start,
    )
