"""Commands everyone has: /help, /menu, /profile, /language, /cancel."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from sqlalchemy.ext.asyncio import AsyncSession

from bot.commands import set_personal_commands
from bot.filters import A_COMMAND, PRIVATE
from bot.i18n import Localizer, Translator
from bot.middlewares import LOCALE_KEY
from bot.states import MainMenu
from bot.views import LanguageChoice, help_text, home_keyboard, language_keyboard, profile_text
from mentorship.entities import Actor
from mentorship.services.people import set_locale


def setup() -> Router:
    router = Router(name="common")
    router.message.filter(A_COMMAND, PRIVATE)
    # /cancel first: it must win over whatever dialog is waiting for input.
    router.message.register(cancel, Command("cancel"))
    router.message.register(show_help, Command("help"))
    router.message.register(show_menu, Command("menu"))
    router.message.register(show_profile, Command("profile"))
    router.message.register(ask_language, Command("language"))
    router.callback_query.register(choose_language, LanguageChoice.filter())
    return router


async def cancel(message: Message, t: Localizer, dialog_manager: DialogManager) -> None:
    had_dialog = dialog_manager.has_context()
    await dialog_manager.reset_stack()
    await message.answer(t("cancel-done" if had_dialog else "cancel-nothing"), reply_markup=home_keyboard(t))


async def show_help(message: Message, t: Localizer, actor: Actor) -> None:
    await message.answer(help_text(t, actor))


async def show_menu(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(MainMenu.main, mode=StartMode.RESET_STACK)


async def show_profile(message: Message, t: Localizer, session: AsyncSession, actor: Actor) -> None:
    await message.answer(await profile_text(t, session, actor))


async def ask_language(message: Message, t: Localizer) -> None:
    await message.answer(t("language-ask"), reply_markup=language_keyboard(t))


async def choose_language(
    callback: CallbackQuery,
    callback_data: LanguageChoice,
    session: AsyncSession,
    actor: Actor,
    translator: Translator,
    bot: Bot,
    dialog_manager: DialogManager,
) -> None:
    if callback_data.code not in ("ru", "en"):
        await callback.answer(translator.get(translator.default_locale, "error-invalid-input"), show_alert=True)
        return
    locale = callback_data.code
    if actor.person is not None:
        await set_locale(session, actor.person, locale)
    else:
        await dialog_manager.middleware_data["state"].update_data({LOCALE_KEY: locale})
    before: Localizer = dialog_manager.middleware_data["t"]
    t = translator.bind(locale, **before.defaults)
    await callback.answer()
    old_home = _home_screen_message(dialog_manager) if before.locale != locale else None
    if old_home is not None:
        # The home screen comes anew, under the answer and in the new language; the one in the old language goes.
        # (Sent first: that takes the language buttons off the question, which then becomes the answer.)
        dialog_manager.middleware_data["t"] = t
        await dialog_manager.start(MainMenu.main, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)
    await callback.message.edit_text(t("language-set"))
    if old_home is not None and old_home != callback.message.message_id:
        await bot.delete_message(callback.message.chat.id, old_home)
    await set_personal_commands(bot, translator, actor, locale)


def _home_screen_message(dialog_manager: DialogManager) -> int | None:
    """The message id of the home screen when it is the dialog on top, else None."""
    if not dialog_manager.has_context() or dialog_manager.current_context().state.group is not MainMenu:
        return None
    return dialog_manager.current_stack().last_message_id
