"""Guardian handlers: answers are kept in the dialog and written in one transaction at the end, so a parent who
stops half-way leaves nothing behind and can open the same link again."""

from __future__ import annotations

from functools import partial
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Select

from bot.consent_texts import ConsentTexts
from bot.dialogs.document import chosen
from bot.dialogs.guardian.getters import document_args, load, pending
from bot.i18n import Translator
from bot.middlewares import LOCALE_KEY
from bot.states import Guardian
from bot.views import HOME, go_keyboard, home_keyboard
from db.transaction import UnitOfWork
from mentorship.consent import ConsentKind, GivenBy
from mentorship.roles import ParticipationStatus
from mentorship.services.consents import RELATIONS
from mentorship.services.participation import guardian_decides
from mentorship.shortcuts import Shortcut


async def on_language(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    translator: Translator = manager.middleware_data["translator"]
    locale = translator.normalise(button.widget_id.rsplit("_", 1)[-1])
    manager.dialog_data["locale"] = locale
    if manager.middleware_data["actor"].person is None:
        await manager.middleware_data["state"].update_data({LOCALE_KEY: locale})
    manager.middleware_data["t"] = translator.bind(locale)


async def on_begin(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    # A parent who already uses the bot (for another child, or as a teacher) is not asked their name again.
    known = manager.middleware_data["actor"].person is not None
    await manager.switch_to(Guardian.relation if known else Guardian.name)


async def on_name(_message: Message, _widget: object, manager: DialogManager, name: str) -> None:
    manager.dialog_data["name"] = name
    await manager.switch_to(Guardian.relation, show_mode=ShowMode.SEND)


async def on_relation(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    if item_id not in RELATIONS:
        await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
        return
    manager.dialog_data["relation"] = item_id
    await manager.switch_to(Guardian.child)


async def on_not_my_child(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await callback.message.answer(manager.middleware_data["t"]("guardian-not-my-child"))
    await manager.done(show_mode=ShowMode.NO_UPDATE)


async def on_choice(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    t = middleware["t"]
    texts: ConsentTexts = middleware["consent_texts"]
    request = await load(manager, middleware["session"], middleware["clock"], middleware["actor"], texts)
    decisions: dict[str, bool] = manager.dialog_data.setdefault("decisions", {})
    left = pending(request, decisions)
    granted = await chosen(callback, manager, item_id, left[0] if left else None)
    if granted is None:
        return
    kind = left[0].kind
    decisions[kind.value] = granted
    manager.dialog_data.setdefault("hashes", {})[kind.value] = texts.shown_hash(
        t.locale, kind, GivenBy.GUARDIAN, **document_args(request, kind)
    )
    if len(left) > 1:
        await manager.switch_to(Guardian.ask)
        return
    await _save(callback, manager)


async def _save(callback: CallbackQuery, manager: DialogManager) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    t = middleware["t"]
    data = manager.dialog_data
    outcome = await guardian_decides(
        middleware["session"],
        middleware["clock"],
        link_id=manager.start_data["link_id"],
        guardian_telegram_id=middleware["actor"].telegram_id,
        guardian_name=data.get("name"),
        relation=data["relation"],
        locale=t.locale,
        decisions={ConsentKind(k): v for k, v in data["decisions"].items()},
        text_hashes={ConsentKind(k): v for k, v in data["hashes"].items()},
        versions=middleware["consent_texts"].versions,
    )
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    active = outcome.status == ParticipationStatus.ACTIVE
    thanks = t("guardian-thanks-active" if active else "guardian-thanks-declined", child=outcome.child.full_name)
    # The thanks says the decision is kept: it goes once the update's transaction is committed, never before.
    uow: UnitOfWork = middleware["uow"]
    # A parent's next stop is the privacy screen (see or withdraw the consent), or the menu.
    keyboard = go_keyboard(t, ("shortcut-privacy", Shortcut.PRIVACY), HOME) if active else home_keyboard(t)
    uow.after_commit(partial(callback.message.answer, thanks, reply_markup=keyboard))
