"""Invitation handlers: the service decides who may invite whom; these only collect choices and show results."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import segno
from aiogram import Bot
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Select

from bot.dialogs.invite.getters import describe
from bot.dialogs.org_picker import ORGANISATION_ID, Among, Question, ask_organisation
from bot.states import Invite
from mentorship import invitations as rules
from mentorship.errors import DomainError
from mentorship.roles import PARTICIPANT_ROLES, MentorshipForm, Role
from mentorship.services.invitations import (
    InvitationView,
    create_invitation,
    revoke_invitation,
)
from mentorship.services.organisations import get_organisation

ID_DAYS = "days"
ID_USES = "uses"
QUESTION = Question(ask="invite-ask-organisation", cancel="btn-cancel", among=Among.INVITABLE,
                    none="invite-no-organisations")


async def on_start(start_data: Any, manager: DialogManager) -> None:
    data = start_data if isinstance(start_data, dict) else {}
    if data.get("view") == "active":  # the inviter's links (started at Invite.active): no organisation to ask
        return
    if "organisation_id" in data:  # from the new organisation's dialog: its curator's link
        manager.dialog_data[ORGANISATION_ID] = data["organisation_id"]
        return
    await ask_organisation(manager, QUESTION)


async def on_role(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    middleware = manager.middleware_data
    allowed = rules.invitable_roles(middleware["actor"], manager.dialog_data["organisation_id"])
    if item_id not in {r.value for r in allowed}:
        await callback.answer(middleware["t"]("error-not-allowed"), show_alert=True)
        return
    role = Role(item_id)
    manager.dialog_data["role"] = role.value
    manager.dialog_data.pop("form", None)
    policy = rules.DEFAULT_POLICY[role]
    await manager.find(ID_DAYS).set_checked(str(policy.days))
    await manager.find(ID_USES).set_checked(str(policy.max_uses))
    await manager.switch_to(Invite.form if role in PARTICIPANT_ROLES else Invite.options)


async def on_form(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    if item_id != "any":
        try:
            MentorshipForm(item_id)
        except ValueError:
            await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
            return
        manager.dialog_data["form"] = item_id
    else:
        manager.dialog_data.pop("form", None)
    await manager.switch_to(Invite.options)


async def on_create(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    middleware = manager.middleware_data
    t = middleware["t"]
    data = manager.dialog_data
    try:
        issued = await create_invitation(
            middleware["session"],
            middleware["clock"],
            middleware["actor"],
            organisation_id=data["organisation_id"],
            role=Role(data["role"]),
            form=MentorshipForm(data["form"]) if data.get("form") else None,
            days=int(manager.find(ID_DAYS).get_checked()),
            max_uses=int(manager.find(ID_USES).get_checked()),
        )
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        return
    bot: Bot = middleware["bot"]
    me = await bot.me()
    link = rules.deep_link(me.username or "", issued.token)
    organisation = await get_organisation(middleware["session"], data["organisation_id"])
    caption = t("invite-created", link=link) + "\n\n" + describe(t, InvitationView(issued.invitation, organisation), organisation.timezone)
    await callback.message.answer_photo(
        BufferedInputFile(qr_png(link), filename="invitation.png"), caption=caption
    )
    await manager.switch_to(Invite.created, show_mode=ShowMode.SEND)


def qr_png(link: str) -> bytes:
    buffer = BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


async def on_pick_invitation(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    if not item_id.isdigit():
        await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
        return
    manager.dialog_data["invitation_id"] = int(item_id)
    await manager.switch_to(Invite.detail)


async def on_revoke(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    middleware = manager.middleware_data
    t = middleware["t"]
    try:
        await revoke_invitation(
            middleware["session"], middleware["clock"], middleware["actor"], manager.dialog_data["invitation_id"]
        )
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        return
    await callback.answer(t("invite-revoked-ok"))
    await manager.switch_to(Invite.active)


async def on_again(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await manager.switch_to(Invite.role)
