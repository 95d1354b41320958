"""Planning a meeting: /newmeeting, also logging a past one and moving one."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Group, Row, Select
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import DialogRule, buttons_expected, typed_step
from bot.dialogs.meeting.getters import kinds_getter, move_getter, overlap_getter, pairs_getter, summary_getter
from bot.dialogs.meeting.handlers import (
    DURATIONS,
    day_rule,
    duration_rule,
    on_create,
    on_day,
    on_day_text,
    on_duration_button,
    on_duration_text,
    on_kind,
    on_log_past,
    on_offline,
    on_online,
    on_other_date,
    on_overlap_change,
    on_overlap_keep,
    on_pair,
    on_place,
    on_start,
    on_time,
    place_rule,
)
from bot.dialogs.widgets import LocalCalendar, Tr, Window, choices
from bot.states import NewMeeting
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
               Cancel(Tr("btn-cancel")), *typed_step("minutes_text", DialogRule(duration_rule), on_duration_text),
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
        Window(Tr("meeting-overlap"),
               Button(Tr("meeting-btn-overlap-keep"), id="keep", on_click=on_overlap_keep),
               Button(Tr("meeting-btn-overlap-change"), id="change", on_click=on_overlap_change),
               Cancel(Tr("btn-cancel")), MessageInput(buttons_expected), getter=overlap_getter,
               state=NewMeeting.overlap),
        on_start=on_start,
    )
