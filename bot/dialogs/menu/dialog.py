"""Main menu window: the getter decides which buttons show; the buttons start other dialogs or send views."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Cancel, Start

from bot.dialogs.invite.getters import invitable_organisations
from bot.dialogs.questionnaire.handlers import begin as begin_questionnaire
from bot.dialogs.widgets import Tr, Window
from bot.states import Invite, MainMenu, NewOrganisation, Participants, Privacy
from bot.views import help_text, language_keyboard, organisations_text, profile_text
from mentorship.consent import PARTICIPANT_ROLES
from mentorship.entities import Actor


async def getter(dialog_manager: DialogManager, actor: Actor, session, **_: Any) -> dict[str, Any]:
    can_invite = bool(await invitable_organisations(session, actor)) if (actor.is_superadmin or actor.curated_organisations()) else False
    person = actor.person
    return {
        "superadmin": actor.is_superadmin,
        "can_invite": can_invite,
        "curator": bool(actor.curated_organisations()),
        "participant": person is not None and any(m.is_active and m.role in PARTICIPANT_ROLES for m in person.memberships),
        "registered": person is not None,
        "roles": ", ".join(sorted(r.value for r in actor.roles)) or "—",
    }


async def _send(callback: CallbackQuery, manager: DialogManager, text: str, **kwargs: Any) -> None:
    await callback.message.answer(text, **kwargs)
    # Keep the menu under the answer so it stays reachable.
    manager.show_mode = ShowMode.DELETE_AND_SEND


async def on_profile(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    m = manager.middleware_data
    await _send(callback, manager, await profile_text(m["t"], m["session"], m["actor"]))


async def on_orgs(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    m = manager.middleware_data
    await _send(callback, manager, await organisations_text(m["t"], m["session"], m["actor"]))


async def on_help(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    m = manager.middleware_data
    await _send(callback, manager, help_text(m["t"], m["actor"]))


async def on_questionnaire(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await begin_questionnaire(callback.message.answer, manager, manager.middleware_data["actor"].person)


async def on_language(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    t = manager.middleware_data["t"]
    await _send(callback, manager, t("language-ask"), reply_markup=language_keyboard(t))


def menu_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("menu-title"),
            Tr("menu-not-registered", when=lambda d, *_: not d["registered"] and not d["superadmin"]),
            Start(Tr("menu-neworg"), id="neworg", state=NewOrganisation.name, when="superadmin"),
            Button(Tr("menu-orgs"), id="orgs", on_click=on_orgs, when="superadmin"),
            Start(Tr("menu-invite"), id="invite", state=Invite.organisation, when="can_invite"),
            Start(Tr("menu-invitations"), id="links", state=Invite.organisation, data={"view": "active"}, when="can_invite"),
            Button(Tr("menu-questionnaire"), id="questionnaire", on_click=on_questionnaire, when="participant"),
            Start(Tr("menu-participants"), id="participants", state=Participants.organisation, when="curator"),
            Button(Tr("menu-profile"), id="profile", on_click=on_profile, when="registered"),
            Start(Tr("menu-privacy"), id="privacy", state=Privacy.main, when="registered"),
            Button(Tr("menu-language"), id="language", on_click=on_language),
            Button(Tr("menu-help"), id="help", on_click=on_help),
            Cancel(Tr("btn-close")),
            getter=getter,
            state=MainMenu.main,
        ),
    )
