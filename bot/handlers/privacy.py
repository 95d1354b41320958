"""/privacy opens the privacy dialog for anyone registered. Before registration is finished it shows what the
dialog storage holds of what the person typed (a half-filled registration, a parent's name) and can discard it."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager, StartMode

from bot.config import Settings
from bot.filters import A_COMMAND, Magic, PRIVATE
from bot.i18n import Localizer
from bot.states import Privacy
from bot.storage import PersonalDialogs
from db.transaction import UnitOfWork
from mentorship.entities import Actor

DISCARD = "privacy:discard"


def setup() -> Router:
    router = Router(name="privacy")
    router.message.filter(A_COMMAND, PRIVATE)
    router.message.register(privacy, Command("privacy"))
    router.callback_query.register(discard, Magic(F.data == DISCARD))
    return router


def _unfinished(contexts: list[dict[str, Any]], t: Localizer) -> list[str]:
    """Lines describing what unfinished registrations hold: what the person typed, nothing else."""
    lines: list[str] = []
    for context in contexts:
        state = str(context.get("state") or "")
        data = context.get("dialog_data") or {}
        if state.startswith("Registration:"):
            born = data.get("birth_date")
            category = data.get("category")
            lines.append(t(
                "privacy-unfinished-registration",
                name=data.get("full_name"),
                birth_date=date.fromisoformat(born) if isinstance(born, str) else None,
                category=t(f"category-{category}") if isinstance(category, str) else None,
                group=data.get("group_name"),
            ))
        elif state.startswith("Guardian:") and data.get("name"):
            lines.append(t("privacy-unfinished-guardian", name=data["name"]))
    return lines


async def privacy(
    message: Message, actor: Actor, t: Localizer, dialog_manager: DialogManager, fsm_storage: PersonalDialogs,
    settings: Settings,
) -> None:
    if actor.person is None:
        lines = _unfinished(await fsm_storage.contexts_of(actor.telegram_id), t)
        if not lines:
            await message.answer(t("privacy-nothing-stored"))
            return
        keyboard = InlineKeyboardMarkup(inline_keyboard=[
            [InlineKeyboardButton(text=t("privacy-discard-button"), callback_data=DISCARD)]
        ])
        await message.answer("\n\n".join([t("privacy-unfinished-title"), *lines, t("privacy-unfinished-hint", days=settings.dialog_ttl_days)]),
                             reply_markup=keyboard)
        return
    await dialog_manager.start(Privacy.main, mode=StartMode.RESET_STACK)


async def discard(
    callback: CallbackQuery, actor: Actor, t: Localizer, dialog_manager: DialogManager,
    fsm_storage: PersonalDialogs, uow: UnitOfWork,
) -> None:
    """Forget every dialog of the person (their typed name, date of birth, class). A registered person's data is
    erased from the privacy dialog instead, so the button does nothing for them but say so."""
    if actor.person is not None:
        await callback.answer(t("privacy-discard-registered"), show_alert=True)
        return
    if dialog_manager.has_context():
        await dialog_manager.reset_stack(remove_keyboard=False)
    await fsm_storage.forget_user(actor.telegram_id)
    # aiogram-dialog writes its (now empty) stack back as the update ends: swept again after the commit.
    uow.after_commit(partial(fsm_storage.forget_user, actor.telegram_id))
    await callback.answer()
    if callback.message is not None:
        await callback.message.edit_reply_markup(reply_markup=None)
        await callback.message.answer(t("privacy-discarded"))
