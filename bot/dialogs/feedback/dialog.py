"""The feedback form after a meeting: how useful it was, a comment, and for the mentor what was done and the next
step. Its first question (did it take place) is a button of the form's message (bot/handlers/meetings.py)."""

from __future__ import annotations

from functools import partial

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Group, Select
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import buttons_expected, typed_step
from bot.dialogs.feedback.handlers import (
    on_comment,
    on_comment_skip,
    on_done,
    on_done_skip,
    on_next,
    on_next_skip,
    on_rating,
)
from bot.dialogs.widgets import Tr, Window
from bot.states import MeetingFeedback
from mentorship import meetings as rules


def feedback_dialog() -> Dialog:
    skip = "feedback-btn-skip"
    comment_rule = partial(rules.feedback_text, limit=rules.COMMENT_LIMIT)
    return Dialog(
        Window(Tr("feedback-usefulness"),
               Group(Select(Format("{item}"), id="rating", item_id_getter=str, items=list(range(1, 11)),
                            on_click=on_rating), width=5),
               MessageInput(buttons_expected), state=MeetingFeedback.usefulness),
        Window(Tr("feedback-comment"), Button(Tr(skip), id="skip_c", on_click=on_comment_skip),
               *typed_step("comment", comment_rule, on_comment), state=MeetingFeedback.comment),
        Window(Tr("feedback-done"), Button(Tr(skip), id="skip_d", on_click=on_done_skip),
               *typed_step("done", comment_rule, on_done), state=MeetingFeedback.done),
        Window(Tr("feedback-next-step"), Button(Tr(skip), id="skip_n", on_click=on_next_skip),
               *typed_step("next", partial(rules.feedback_text, limit=rules.NEXT_STEP_LIMIT), on_next),
               state=MeetingFeedback.next_step),
    )
