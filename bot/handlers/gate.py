"""The consent gate: until a participant's consents are in place they can do nothing but finish them or wait.

Sits after the commands everyone keeps (/start, /help, /language, /privacy, /cancel, /profile) and the dialogs,
and before every feature that processes a participant's data.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Filter
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    TelegramObject,
)
from aiogram_dialog import DialogManager, StartMode
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import GuardianLinkAgain
from bot.consent_texts import ConsentTexts
from bot.filters import PRIVATE
from bot.i18n import Localizer
from bot.journey import send_guardian_link
from bot.states import Consent
from mentorship.clock import Clock
from mentorship.entities import Actor, Membership
from mentorship.services.consents import situation


def awaiting_consent(actor: Actor | None) -> bool:
    """A registered person none of whose memberships is active yet."""
    if actor is None or actor.person is None or not actor.person.memberships:
        return False
    return not any(m.is_active for m in actor.person.memberships)


class AwaitingConsent(Filter):
    async def __call__(self, _event: TelegramObject, actor: Actor | None = None) -> bool:
        return awaiting_consent(actor)


class NotAwaitingConsent(Filter):
    """For feature commands that sit among the commands (so an open dialog cannot swallow them): people still
    held at the gate fall through to it."""

    async def __call__(self, _event: TelegramObject, actor: Actor | None = None) -> bool:
        return not awaiting_consent(actor)


def setup() -> Router:
    router = Router(name="gate")
    router.message.filter(PRIVATE, AwaitingConsent())
    router.callback_query.filter(AwaitingConsent())
    router.callback_query.register(new_link, GuardianLinkAgain.filter())
    router.message.register(hold)
    router.callback_query.register(hold_callback)
    return router


def _waiting(actor: Actor) -> Membership:
    return next(m for m in actor.person.memberships if not m.is_active and m.organisation_id is not None)


async def hold(message: Message, actor: Actor, session: AsyncSession, clock: Clock, consent_texts: ConsentTexts,
               t: Localizer, dialog_manager: DialogManager) -> None:
    membership = _waiting(actor)
    current = await situation(session, clock, actor.person, membership.organisation_id)
    if current.ask_self(consent_texts.versions):
        await message.answer(t("gate-finish-consent"))
        await dialog_manager.start(Consent.ask, data={"organisation_id": membership.organisation_id}, mode=StartMode.RESET_STACK)
    elif current.ask_guardian(consent_texts.versions):
        button = InlineKeyboardButton(
            text=t("gate-new-guardian-link"),
            callback_data=GuardianLinkAgain(organisation_id=membership.organisation_id).pack(),
        )
        await message.answer(t("gate-waiting-guardian"), reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]]))
    else:
        await message.answer(t("gate-stopped"))


async def hold_callback(callback: CallbackQuery, t: Localizer) -> None:
    await callback.answer(t("gate-waiting-short"), show_alert=True)


async def new_link(callback: CallbackQuery, callback_data: GuardianLinkAgain, actor: Actor, t: Localizer,
                   dialog_manager: DialogManager, bot: Bot) -> None:
    if callback_data.organisation_id not in {m.organisation_id for m in actor.person.memberships}:
        await callback.answer(t("error-not-allowed"), show_alert=True)
        return
    await callback.answer()
    await send_guardian_link(callback.message.answer, dialog_manager, actor.person, callback_data.organisation_id)
