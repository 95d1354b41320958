"""Registry windows."""

from __future__ import annotations

from operator import itemgetter

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import (
    Button,
    Cancel,
    Radio,
    Row,
    ScrollingGroup,
    Select,
    SwitchTo,
)
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import buttons_expected
from bot.dialogs.org_picker import picked
from bot.dialogs.participants import getters, handlers
from bot.dialogs.widgets import Go, Rendered, Tr, Window
from bot.states import Participants
from mentorship.shortcuts import Shortcut


def _radio(widget_id: str, items: str) -> Radio:
    return Radio(Format("🔘 {item[1]}"), Format("{item[1]}"), id=widget_id, item_id_getter=itemgetter(0), items=items)


def participants_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("participants-title"),
            Tr("participants-erased", when="erased"),
            Tr("participants-legend"),
            Row(_radio("role", "roles")),
            Row(_radio("problem", "problems")),
            ScrollingGroup(
                Select(Format("{item[1]}"), id="person", item_id_getter=itemgetter(0), items="people",
                       on_click=handlers.on_person),
                id="people", width=1, height=10, hide_on_single_page=True,
            ),
            Row(Cancel(Tr("btn-close")), Go(Tr("menu-home"), Shortcut.MENU)),
            MessageInput(buttons_expected),
            getter=getters.listing,
            state=Participants.listing,
        ),
        Window(
            Rendered("body"),
            Button(Tr("participants-propose-mentor"), id="propose", on_click=handlers.on_propose_mentor,
                   when="mentee"),
            Button(Tr("participants-remind"), id="remind", on_click=handlers.on_remind, when="remindable"),
            SwitchTo(Tr("btn-back"), id="to_list", state=Participants.listing),
            MessageInput(buttons_expected),
            getter=getters.person_card,
            state=Participants.card,
        ),
        Window(
            Rendered("body"),
            ScrollingGroup(
                Select(Format("{item[1]}"), id="mentor", item_id_getter=itemgetter(0), items="mentors",
                       on_click=handlers.on_mentor),
                id=getters.MENTOR_PAGES, width=1, height=getters.MENTORS_PER_PAGE, hide_on_single_page=True,
            ),
            SwitchTo(Tr("btn-back"), id="to_card", state=Participants.card),
            MessageInput(buttons_expected),
            getter=getters.mentors,
            state=Participants.mentors,
        ),
        on_start=handlers.on_start,
        on_process_result=picked(),
    )



