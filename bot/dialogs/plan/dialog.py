"""Plan windows: choose a pair (when there are several), the goal list with its completion, a goal's card, and
the steps of adding or changing a goal."""

from __future__ import annotations

from operator import itemgetter

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, ScrollingGroup, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import DialogRule, buttons_expected, typed_step
from bot.dialogs.plan import getters, handlers
from bot.dialogs.widgets import Rendered, Tr, Window
from bot.states import Plan
from mentorship import plans as rules


def plan_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("plan-choose-pair"),
            ScrollingGroup(
                Select(Format("{item[1]}"), id="pair", item_id_getter=itemgetter(0), items="pairs",
                       on_click=handlers.on_pair, type_factory=str),
                id="pairs_scroll", width=1, height=8, hide_on_single_page=True,
            ),
            Cancel(Tr("btn-close")),
            MessageInput(buttons_expected),
            getter=getters.pairs,
            state=Plan.pairs,
        ),
        Window(
            Rendered("body"),
            ScrollingGroup(
                Select(Format("{item[1]}"), id="goal", item_id_getter=itemgetter(0), items="goals",
                       on_click=handlers.on_goal, type_factory=str),
                id="goals_scroll", width=1, height=8, hide_on_single_page=True, when="can_edit",
            ),
            Button(Tr("plan-add"), id="add", on_click=handlers.on_add, when="can_edit"),
            SwitchTo(Tr("plan-other-pair"), id="other", state=Plan.pairs, when="several"),
            Cancel(Tr("btn-close")),
            MessageInput(buttons_expected),
            getter=getters.goals,
            state=Plan.goals,
        ),
        Window(
            Rendered("body"),
            Row(Select(Format("{item[1]}"), id="status", item_id_getter=itemgetter(0), items="statuses",
                       on_click=handlers.on_status, type_factory=str)),
            Row(
                SwitchTo(Tr("plan-edit-title"), id="rename", state=Plan.edit_title),
                SwitchTo(Tr("plan-edit-due"), id="redate", state=Plan.edit_due),
            ),
            Row(
                Button(Tr("plan-move-up"), id="up", on_click=handlers.on_up),
                Button(Tr("plan-move-down"), id="down", on_click=handlers.on_down),
                SwitchTo(Tr("plan-delete"), id="delete", state=Plan.delete),
            ),
            SwitchTo(Tr("btn-back"), id="back_goals", state=Plan.goals),
            MessageInput(buttons_expected),
            getter=getters.goal,
            state=Plan.goal,
        ),
        Window(
            Tr("plan-ask-title", limit=200),
            *typed_step("title", rules.clean_title, handlers.on_new_title),
            SwitchTo(Tr("btn-cancel"), id="cancel_add", state=Plan.goals),
            state=Plan.add_title,
        ),
        Window(
            Tr("plan-ask-due"),
            Button(Tr("plan-no-due"), id="no_due", on_click=handlers.on_new_without_due),
            SwitchTo(Tr("btn-cancel"), id="cancel_due", state=Plan.goals),
            *typed_step("due", DialogRule(handlers.due_rule), handlers.on_new_due),
            getter=getters.goal_title,
            state=Plan.add_due,
        ),
        Window(
            Tr("plan-ask-new-title", limit=200),
            *typed_step("new_title", rules.clean_title, handlers.on_edit_title),
            SwitchTo(Tr("btn-back"), id="back_title", state=Plan.goal),
            getter=getters.goal_title,
            state=Plan.edit_title,
        ),
        Window(
            Tr("plan-ask-new-due"),
            Button(Tr("plan-no-due"), id="clear_due", on_click=handlers.on_clear_due),
            SwitchTo(Tr("btn-back"), id="back_due", state=Plan.goal),
            *typed_step("new_due", DialogRule(handlers.due_rule), handlers.on_edit_due),
            getter=getters.goal_title,
            state=Plan.edit_due,
        ),
        Window(
            Tr("plan-delete-confirm"),
            Row(
                Button(Tr("plan-delete-yes"), id="delete_yes", on_click=handlers.on_delete),
                SwitchTo(Tr("btn-back"), id="delete_no", state=Plan.goal),
            ),
            MessageInput(buttons_expected),
            getter=getters.goal_title,
            state=Plan.delete,
        ),
        on_start=handlers.on_start,
    )
