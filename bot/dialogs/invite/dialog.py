"""Invitation windows."""

from __future__ import annotations

from operator import itemgetter

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import (
    Back,
    Button,
    Cancel,
    Column,
    Radio,
    Row,
    ScrollingGroup,
    SwitchTo,
)
from aiogram_dialog.widgets.text import Format

from bot.dialogs.common import buttons_expected
from bot.dialogs.invite import getters, handlers
from bot.dialogs.org_picker import picked
from bot.dialogs.widgets import Go, Tr, Window, choices
from bot.states import Invite
from mentorship.shortcuts import Shortcut


def invite_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("invite-ask-role"),
            Column(choices("role", "roles", handlers.on_role)),
            SwitchTo(Tr("invite-list-button"), id="to_list", state=Invite.active),
            Cancel(Tr("btn-cancel")),
            MessageInput(buttons_expected),
            getter=getters.roles,
            state=Invite.role,
        ),
        Window(
            Tr("invite-ask-form"),
            Column(choices("form", "forms", handlers.on_form)),
            SwitchTo(Tr("btn-back"), id="back_role", state=Invite.role),
            MessageInput(buttons_expected),
            getter=getters.forms,
            state=Invite.form,
        ),
        Window(
            Tr("invite-ask-options"),
            Row(Radio(Format("🔘 {item[1]}"), Format("{item[1]}"), id=handlers.ID_DAYS, item_id_getter=itemgetter(0), items="days")),
            Row(Radio(Format("🔘 {item[1]}"), Format("{item[1]}"), id=handlers.ID_USES, item_id_getter=itemgetter(0), items="uses")),
            Button(Tr("btn-create-link"), id="create", on_click=handlers.on_create),
            SwitchTo(Tr("btn-back"), id="back_role2", state=Invite.role),
            MessageInput(buttons_expected),
            getter=getters.options,
            state=Invite.options,
        ),
        Window(
            Tr("invite-next"),
            Button(Tr("invite-another"), id="again", on_click=handlers.on_again),
            SwitchTo(Tr("invite-list-button"), id="to_list2", state=Invite.active),
            Row(Cancel(Tr("btn-done")), Go(Tr("menu-home"), Shortcut.MENU)),  # done, or on to what comes next
            state=Invite.created,
        ),
        Window(
            Tr("invite-list-title"),
            Tr("invite-list-empty", when=lambda data, *_: not data["has_invitations"]),
            ScrollingGroup(
                choices("inv", "invitations", handlers.on_pick_invitation), id="invs", width=1, height=8, hide_on_single_page=True
            ),
            Cancel(Tr("btn-close")),
            MessageInput(buttons_expected),
            getter=getters.active,
            state=Invite.active,
        ),
        Window(
            Format("{text}"),
            Button(Tr("btn-revoke"), id="revoke", on_click=handlers.on_revoke, when="revocable"),
            Back(Tr("btn-back")),
            MessageInput(buttons_expected),
            getter=getters.detail,
            state=Invite.detail,
        ),
        on_start=handlers.on_start,
        on_process_result=picked(),
    )
