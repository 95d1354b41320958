"""Meeting windows: planning one (/newmeeting, also logging a past one and moving one), the feedback form, and a
declined invitation's counter-proposal."""

from __future__ import annotations

from functools import partial

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Group, Row, Select
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import DialogRule, buttons_expected, typed_step
from bot.dialogs.meeting.getters import kinds_getter, move_getter, pairs_getter, summary_getter
from bot.dialogs.meeting.handlers import (
    DURATIONS,
    day_rule,
    on_comment,
    on_comment_skip,
    on_create,
    on_day,
    on_day_text,
    on_done,
    on_done_skip,
    on_duration_button,
    on_duration_text,
    on_kind,
    on_log_past,
    on_next,
    on_next_skip,
    on_offline,
    on_online,
    on_other_date,
    on_pair,
    on_place,
    on_proposal,
    on_rating,
    on_start,
    on_time,
    place_rule,
    proposal_rule,
)
from bot.dialogs.widgets import LocalCalendar, Tr, Window, choices
from bot.states import MeetingDecline, MeetingFeedback, NewMeeting
from mentorship import meetings as rules


def new_meeting_dialog() -> Dialog:
    return Dialog(
        Window(Tr("meeting-choose-pair"), Column(choices("pair", "pairs", on_pair)), Cancel(Tr("btn-cancel")),
               MessageInput(buttons_expected), getter=pairs_getter, state=NewMeeting.pair),
        Window(Tr("meeting-choose-kind"), Group(choices("kind", "kinds", on_kind), width=2),
               Cancel(Tr("btn-cancel")), MessageInput(buttons_expected), getter=kinds_getter, state=NewMeeting.kind),
        Window(Tr("meeting-move-day", when=lambda d, w, m: bool(m.dialog_data.get("move"))),
               Tr("meeting-choose-day", when=lambda d, w, m: not m.dialog_data.get("move")),
               LocalCalendar(id="day", on_click=on_day), Cancel(Tr("btn-cancel")),
               *typed_step("day_text", DialogRule(day_rule), on_day_text),
               getter=move_getter, state=NewMeeting.day),
        Window(Tr("meeting-ask-time"), Cancel(Tr("btn-cancel")), *typed_step("time", rules.parse_time, on_time),
               state=NewMeeting.time),
        Window(Tr("meeting-past-offer"), Button(Tr("meeting-btn-log-past"), id="log", on_click=on_log_past),
               Button(Tr("meeting-btn-other-date"), id="other", on_click=on_other_date), Cancel(Tr("btn-cancel")),
               MessageInput(buttons_expected), state=NewMeeting.past_offer),
        Window(Tr("meeting-choose-duration"),
               Row(Select(Format("{item}"), id="minutes", item_id_getter=str, items=DURATIONS,
                          on_click=on_duration_button)),
               Cancel(Tr("btn-cancel")), *typed_step("minutes_text", rules.parse_duration, on_duration_text),
               state=NewMeeting.duration),
        Window(Tr("meeting-choose-format"),
               Row(Button(Tr("meeting-btn-offline"), id="offline", on_click=on_offline),
                   Button(Tr("meeting-btn-online"), id="online", on_click=on_online)),
               Cancel(Tr("btn-cancel")), MessageInput(buttons_expected), state=NewMeeting.format),
        Window(Tr("meeting-ask-place", when=lambda d, w, m: not m.dialog_data.get("online")),
               Tr("meeting-ask-link", when=lambda d, w, m: bool(m.dialog_data.get("online"))),
               Cancel(Tr("btn-cancel")), *typed_step("place", DialogRule(place_rule), on_place),
               state=NewMeeting.place),
        Window(Tr("meeting-confirm"), Button(Tr("meeting-btn-create"), id="create", on_click=on_create),
               Cancel(Tr("btn-cancel")), MessageInput(buttons_expected), getter=summary_getter,
               state=NewMeeting.confirm),
        on_start=on_start,
    )


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


def decline_dialog() -> Dialog:
    return Dialog(
        Window(Tr("meeting-answer-declined"), Cancel(Tr("meeting-btn-no-proposal")),
               *typed_step("proposal", DialogRule(proposal_rule), on_proposal),
               state=MeetingDecline.propose),
    )
