"""Registry handlers: open a card, send a reminder (through the participants service)."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Select

from bot.callbacks import row_id
from bot.dialogs.cards import NOTICE
from bot.dialogs.org_picker import Question, ask_organisation
from bot.dialogs.pairs.getters import PENDING
from bot.states import PairCards, Participants
from mentorship.errors import DomainError
from mentorship.services import pairs
from mentorship.services.participants import card, remind


async def on_start(start_data: Any, manager: DialogManager) -> None:
    await manager.find("role").set_checked("all")
    await manager.find("problem").set_checked("all")
    await ask_organisation(manager, Question(ask="participants-ask-organisation"))


async def on_person(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    t = middleware["t"]
    person_id = row_id(item_id)
    if person_id is None:
        await callback.answer(t("error-stale-button"), show_alert=True)
        manager.show_mode = ShowMode.NO_UPDATE
        return
    # A forged or someone else's card is refused here, before the card window tries to show it.
    try:
        await card(middleware["session"], middleware["clock"], middleware["actor"],
                   manager.dialog_data["organisation_id"], person_id)
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        manager.show_mode = ShowMode.NO_UPDATE
        return
    manager.dialog_data["person_id"] = person_id
    await manager.switch_to(Participants.card)


async def on_remind(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    t = middleware["t"]
    try:
        await remind(middleware["session"], middleware["clock"], middleware["actor"],
                                manager.dialog_data["organisation_id"], manager.dialog_data["person_id"])
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        return
    await callback.answer(t("participants-reminded"), show_alert=True)


async def on_propose_mentor(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    # Someone who cannot be paired now (declined, erased, not a mentee) is told here, before the list is drawn.
    try:
        await pairs.mentors_for(middleware["session"], middleware["clock"], middleware["actor"],
                                manager.dialog_data["organisation_id"], manager.dialog_data["person_id"])
    except DomainError as error:
        await callback.answer(middleware["t"](error.key, **error.args_), show_alert=True)
        manager.show_mode = ShowMode.NO_UPDATE
        return
    await manager.switch_to(Participants.mentors)


async def on_mentor(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    """The same proposal /propose makes; its card (approve, reject) opens on top of the registry."""
    middleware: dict[str, Any] = manager.middleware_data
    t = middleware["t"]
    mentor_id = row_id(item_id)
    if mentor_id is None:
        await callback.answer(t("error-stale-button"), show_alert=True)
        manager.show_mode = ShowMode.NO_UPDATE
        return
    try:
        proposed = await pairs.propose_by_hand(middleware["session"], middleware["clock"], middleware["actor"],
                                               manager.dialog_data["organisation_id"], mentor_id,
                                               manager.dialog_data["person_id"])
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_)[:200], show_alert=True)
        manager.show_mode = ShowMode.NO_UPDATE
        return
    await manager.start(PairCards.card, data={"view": PENDING, "pair_id": proposed.pair.id,
                                              NOTICE: t("pair-proposed", id=proposed.pair.id)})
