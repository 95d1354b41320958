"""Registration input handlers: validate one answer, keep it in the dialog, move on; the service writes once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.commands import set_personal_commands
from bot.i18n import Localizer, Translator
from bot.journey import prepare_after_joining
from bot.middlewares import LOCALE_KEY
from bot.states import Registration
from mentorship import people
from mentorship.clock import Clock
from mentorship.entities import Actor
from mentorship.errors import DomainError, InvalidInput
from mentorship.roles import CATEGORIES_FOR_ROLE, CATEGORIES_WITH_GROUP, Category, Role
from mentorship.services.registration import RegistrationForm, register


async def on_language(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    locale = manager.middleware_data["translator"].normalise(callback.data.rsplit("_", 1)[-1])
    manager.dialog_data["locale"] = locale
    # Not registered yet: the choice lives in the FSM data until the person row exists.
    await manager.middleware_data["state"].update_data({LOCALE_KEY: locale})
    translator: Translator = manager.middleware_data["translator"]
    manager.middleware_data["t"] = translator.bind(locale)


async def on_name(_message: Message, _widget: object, manager: DialogManager, name: str) -> None:
    manager.dialog_data["full_name"] = name
    await _next(manager, Registration.birth_date)


def birth_date_rule(manager: DialogManager) -> Callable[[str], date]:
    clock: Clock = manager.middleware_data["clock"]
    return partial(people.parse_birth_date, today=clock.now().date())


async def on_birth_date(_message: Message, _widget: object, manager: DialogManager, born: date) -> None:
    manager.dialog_data["birth_date"] = born.isoformat()
    await _next(manager, Registration.category)


async def on_category(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    t: Localizer = manager.middleware_data["t"]
    role = Role(manager.start_data["role"])
    try:
        category = Category(item_id)
    except ValueError:
        category = None
    if category not in CATEGORIES_FOR_ROLE[role]:
        await callback.answer(t("error-invalid-input"), show_alert=True)
        manager.show_mode = ShowMode.NO_UPDATE
        return
    clock: Clock = manager.middleware_data["clock"]
    try:
        people.check_category_age(role, category, date.fromisoformat(manager.dialog_data["birth_date"]), clock.now().date())
    except InvalidInput as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        manager.show_mode = ShowMode.NO_UPDATE  # the alert says it all; the window is as it was
        return
    manager.dialog_data["category"] = category.value
    if category in CATEGORIES_WITH_GROUP:
        await _next(manager, Registration.group)
    else:
        manager.dialog_data.pop("group_name", None)
        await _next(manager, Registration.confirm)


async def on_group(_message: Message, _widget: object, manager: DialogManager, group: str) -> None:
    manager.dialog_data["group_name"] = group
    await _next(manager, Registration.confirm)


async def on_confirm(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    data = manager.dialog_data
    middleware: dict[str, Any] = manager.middleware_data
    session: AsyncSession = middleware["session"]
    actor: Actor = middleware["actor"]
    translator: Translator = middleware["translator"]
    locale = data.get("locale") or middleware["t"].locale
    form = RegistrationForm(
        full_name=data["full_name"],
        date_of_birth=date.fromisoformat(data["birth_date"]),
        category=Category(data["category"]),
        group_name=data.get("group_name"),
        locale=locale,
    )
    t = translator.bind(locale, you=people.address_of(Category(data["category"])))
    try:
        person, view = await register(session, middleware["clock"], actor.telegram_id, manager.start_data["invitation_id"],
                                      form, middleware["consent_texts"].versions)
    except DomainError as error:
        await callback.message.answer(t(error.key, **error.args_))
        await manager.done()
        return
    # From here on the person speaks their chosen language, also in the dialogs that follow.
    middleware["t"] = t
    role = view.invitation.role
    # Every write first (the parent's link among them): if one fails, the update is rolled back and the person has
    # been told nothing, so no «Готово» for a registration that was not kept, and the dialog still shows its
    # buttons as the (rolled back) dialog storage says it does.
    show_next = await prepare_after_joining(manager, person, role, view.invitation.organisation_id)
    # A coordinator joins a municipality: name it, as the welcome did, not the organisation the link was made from.
    organisation = view.invitation.municipality or (view.organisation.name if view.organisation else "")
    await manager.done()
    await callback.message.answer(t("reg-done", name=person.full_name, role=t(f"role-{role.value}"),
                                    role_code=role.value, organisation=organisation,
                                    you=people.address_of(person.category)))
    new_actor = Actor(telegram_id=actor.telegram_id, is_superadmin=actor.is_superadmin, person=person)
    middleware["actor"] = new_actor
    await set_personal_commands(middleware["bot"], translator, new_actor, locale)
    await show_next(callback.message.answer)


async def _next(manager: DialogManager, state) -> None:
    # The person's own message stays on screen; the next question comes as a new message under it.
    await manager.switch_to(state, show_mode=ShowMode.SEND)
