"""Privacy actions go through the consent and privacy services, which check that the actor may act for the subject."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Select

from bot.dialogs.privacy.getters import subject_id
from bot.storage import forget_again_after_commit
from bot.states import Privacy
from mentorship.consent import ConsentKind
from mentorship.errors import DomainError
from mentorship.services.consents import may_act_for
from mentorship.services.participation import withdraw
from mentorship.services.privacy import erase


async def on_child(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    middleware = manager.middleware_data
    if not item_id.isdigit() or not await may_act_for(middleware["session"], middleware["actor"].person, int(item_id)):
        await callback.answer(middleware["t"]("error-not-allowed"), show_alert=True)
        return
    manager.dialog_data["subject"] = int(item_id)


async def on_self(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop("subject", None)


async def on_pick_withdraw(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    organisation, _, kind = item_id.partition(":")
    if not organisation.isdigit() or kind not in {k.value for k in ConsentKind}:
        await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
        return
    manager.dialog_data["withdraw"] = item_id
    await manager.switch_to(Privacy.withdraw)


async def on_withdraw(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    t = middleware["t"]
    organisation, _, kind = manager.dialog_data["withdraw"].partition(":")
    try:
        await withdraw(middleware["session"], middleware["clock"], middleware["actor"].person,
                                subject_id(manager, middleware["actor"]), int(organisation), ConsentKind(kind),
                                middleware["consent_texts"].versions)
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        return
    await callback.answer(t("privacy-withdrawn"), show_alert=True)
    await manager.switch_to(Privacy.main)


async def on_erase(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    t = middleware["t"]
    actor = middleware["actor"]
    subject = subject_id(manager, actor)
    try:
        erasure = await erase(middleware["session"], middleware["clock"], actor.person, subject, "request",
                              dialogs=middleware["fsm_storage"])
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        return
    # aiogram-dialog writes this dialog's stack back as the update ends; it is swept once more after the commit.
    forget_again_after_commit(middleware, erasure.telegram_id)
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    await callback.message.answer(t("privacy-erased" if subject == actor.person.id else "privacy-child-erased"))
