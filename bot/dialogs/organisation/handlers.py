"""New-organisation input handlers."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.widgets.kbd import Button, Select

from bot.dialogs.organisation.getters import timezones
from bot.states import Invite, NewOrganisation
from mentorship.errors import DomainError
from mentorship.roles import DEFAULT_FORMS, MentorshipForm, OrgKind
from mentorship.services.organisations import create_organisation, municipalities


async def on_name(_message: Message, _widget: object, manager: DialogManager, name: str) -> None:
    manager.dialog_data["name"] = name
    await manager.switch_to(NewOrganisation.kind, show_mode=ShowMode.SEND)


async def on_kind(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    try:
        kind = OrgKind(item_id)
    except ValueError:
        await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
        return
    manager.dialog_data["kind"] = kind.value
    await manager.find("forms").reset_checked()
    for form in DEFAULT_FORMS[kind]:
        await manager.find("forms").set_checked(form.value, True)
    await manager.switch_to(NewOrganisation.municipality)


async def on_municipality_text(_message: Message, _widget: object, manager: DialogManager, name: str) -> None:
    manager.dialog_data["municipality"] = name
    await manager.switch_to(NewOrganisation.timezone, show_mode=ShowMode.SEND)


async def on_municipality_pick(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    names = await municipalities(manager.middleware_data["session"])
    index = int(item_id) if item_id.isdigit() else -1
    if not 0 <= index < len(names):
        await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
        return
    manager.dialog_data["municipality"] = names[index]
    await manager.switch_to(NewOrganisation.timezone)


async def on_timezone(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    data = await timezones(t=manager.middleware_data["t"], settings=manager.middleware_data["settings"])
    index = int(item_id) if item_id.isdigit() else -1
    if not 0 <= index < len(data["zone_names"]):
        await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
        return
    manager.dialog_data["timezone"] = data["zone_names"][index]
    await manager.switch_to(NewOrganisation.forms)


async def on_forms_done(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    if not manager.find("forms").get_checked():
        await callback.answer(manager.middleware_data["t"]("org-forms-empty"), show_alert=True)
        return
    await manager.switch_to(NewOrganisation.confirm)


async def on_create(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    middleware = manager.middleware_data
    t = middleware["t"]
    data = manager.dialog_data
    try:
        organisation = await create_organisation(
            middleware["session"],
            middleware["clock"],
            middleware["actor"],
            name=data["name"],
            kind=OrgKind(data["kind"]),
            municipality=data["municipality"],
            timezone=data["timezone"],
            forms=tuple(MentorshipForm(f) for f in manager.find("forms").get_checked()),
        )
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        return
    await callback.message.answer(t("org-created", name=organisation.name, id=organisation.id))
    # Straight on to the next thing a superadmin does: invite the organisation's curator.
    await manager.start(
        Invite.role,
        data={"organisation_id": organisation.id},
        mode=StartMode.RESET_STACK,
        show_mode=ShowMode.SEND,
    )
