"""/start: with an invitation payload it joins; without one it explains what the bot is."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode
from sqlalchemy.ext.asyncio import AsyncSession

from bot.commands import set_personal_commands
from bot.consent_texts import ConsentTexts
from bot.filters import A_COMMAND, PRIVATE
from bot.i18n import Localizer, Translator
from bot.journey import prepare_after_joining
from bot.states import Guardian, Registration
from bot.views import home_keyboard
from mentorship.clock import Clock
from mentorship.entities import Actor
from mentorship.errors import DomainError
from mentorship.services.consents import looks_like_guardian_token, open_guardian_link
from mentorship.services.invitations import inspect_token
from mentorship.services.registration import join


def setup() -> Router:
    router = Router(name="start")
    router.message.filter(A_COMMAND)
    router.message.register(start_with_payload, CommandStart(deep_link=True), PRIVATE)
    router.message.register(start_plain, CommandStart(), PRIVATE)
    return router


async def start_with_payload(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    t: Localizer,
    translator: Translator,
    consent_texts: ConsentTexts,
    bot: Bot,
    dialog_manager: DialogManager,
) -> None:
    payload = command.args or ""
    if looks_like_guardian_token(payload):
        await _open_guardian_link(message, payload, session, clock, actor, t, consent_texts, dialog_manager)
        return
    try:
        view = await inspect_token(session, clock, payload)
    except DomainError as error:
        await message.answer(t(error.key) + "\n\n" + t("invite-how-to-get"))
        return
    invitation = view.invitation
    organisation_name = view.organisation.name if view.organisation else ""
    if actor.person is not None:
        try:
            person, _ = await join(session, clock, actor.person, invitation.id, consent_texts.versions)
        except DomainError as error:
            await message.answer(t(error.key, **error.args_))
            return
        # Every write (the parent's link among them) before anything is said: a failure leaves no "done" behind.
        show_next = await prepare_after_joining(dialog_manager, person, invitation.role, invitation.organisation_id)
        await dialog_manager.reset_stack()
        await message.answer(t("join-done", role=t(f"role-{invitation.role.value}"), organisation=organisation_name))
        await set_personal_commands(bot, translator, Actor(actor.telegram_id, actor.is_superadmin, person), t.locale)
        await show_next(message.answer)
        return
    await dialog_manager.start(
        Registration.welcome,
        data={
            "invitation_id": invitation.id,
            "role": invitation.role.value,
            "form": invitation.form.value if invitation.form else None,
            "organisation": organisation_name if invitation.municipality is None else invitation.municipality,
        },
        mode=StartMode.RESET_STACK,
    )


async def _open_guardian_link(message: Message, payload: str, session: AsyncSession, clock: Clock, actor: Actor,
                              t: Localizer, consent_texts: ConsentTexts, dialog_manager: DialogManager) -> None:
    try:
        request = await open_guardian_link(session, clock, payload, actor.telegram_id, consent_texts.versions)
    except DomainError as error:
        await message.answer(t(error.key, **error.args_))
        return
    await dialog_manager.start(Guardian.intro, data={"link_id": request.link.id}, mode=StartMode.RESET_STACK)


async def start_plain(message: Message, actor: Actor, t: Localizer, dialog_manager: DialogManager) -> None:
    await dialog_manager.reset_stack()
    if actor.person is not None:
        # One message with the way home: everything from here is a button.
        await message.answer(t("start-registered", name=actor.person.full_name), reply_markup=home_keyboard(t))
    elif actor.is_superadmin:
        await message.answer(t("start-superadmin"))
    else:
        await message.answer(t("start-anonymous"))
