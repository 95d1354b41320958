"""What comes next in a person's journey, shared by the dialogs and commands that reach the same point:
registration, joining with a second role, the consent dialog, and the consent gate."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.consent_texts import ConsentTexts
from bot.dialogs.questionnaire.handlers import begin as begin_questionnaire
from bot.i18n import Localizer, Translator
from bot.states import Consent
from bot.storage import forget_again_after_commit
from bot.views import HOME, go_keyboard
from mentorship.entities import Person
from mentorship.invitations import deep_link
from mentorship.people import address_of
from mentorship.roles import ParticipationStatus, Role
from mentorship.services.consents import Situation, new_guardian_link, situation
from mentorship.services.privacy import erase
from mentorship.shortcuts import Shortcut

Answer = Callable[..., Awaitable[Any]]  # a message's `answer`: the text, and optionally its buttons
#: What a step shows once its writes are done: messages and the next dialog, nothing that writes what it reports.
Show = Callable[[Answer], Awaitable[None]]

#: The buttons under "what comes next" after joining with a role (the menu comes last under each).
NEXT_STEPS: dict[Role, tuple[tuple[str, Shortcut], ...]] = {
    Role.MENTEE: (("shortcut-questionnaire", Shortcut.QUESTIONNAIRE),),
    Role.MENTOR: (("shortcut-questionnaire", Shortcut.QUESTIONNAIRE),),
    Role.CURATOR: (("menu-invite", Shortcut.INVITE),),
}

# Each step comes in two halves: `prepare_…` does every write the step makes (the parent's link, an erasure) and
# returns what to show, so a caller can finish all its writes before it tells the person anything — an update whose
# write fails must not have said "done" first (its transaction is rolled back, Telegram keeps what was sent).
# `send_guardian_link` does both, for a caller with nothing said yet.


async def prepare_after_joining(manager: DialogManager, person: Person, role: Role, organisation_id: int | None) -> Show:
    """Consents for a participant (their own first, then a parent's); the staff's first steps otherwise."""
    t: Localizer = manager.middleware_data["t"]
    membership = next((m for m in person.memberships if m.role == role and m.organisation_id == organisation_id), None)
    if membership is None or membership.is_active or organisation_id is None:
        async def next_steps(answer: Answer) -> None:
            await answer(t(f"next-steps-{role.value}"), reply_markup=go_keyboard(t, *NEXT_STEPS.get(role, ()), HOME))
        return next_steps
    return await prepare_consents(manager, person, organisation_id)


async def prepare_consents(manager: DialogManager, person: Person, organisation_id: int) -> Show:
    middleware = manager.middleware_data
    texts: ConsentTexts = middleware["consent_texts"]
    current = await situation(middleware["session"], middleware["clock"], person, organisation_id)
    if current.ask_self(texts.versions):
        async def ask(_answer: Answer) -> None:
            await manager.start(Consent.ask, data={"organisation_id": organisation_id}, mode=StartMode.RESET_STACK,
                                show_mode=ShowMode.SEND)
        return ask
    return await prepare_consents_answered(manager, current)


async def prepare_consents_answered(manager: DialogManager, current: Situation) -> Show:
    """The person has answered every text that is theirs: active, waiting for a parent, or stopped."""
    middleware = manager.middleware_data
    t: Localizer = middleware["t"]
    organisation = current.organisation.name
    if current.status == ParticipationStatus.ACTIVE:
        async def active(answer: Answer) -> None:
            await answer(t("consent-active", organisation=organisation, you=address_of(current.person.category)))
            await begin_questionnaire(answer, manager, current.person)
        return active
    if current.ask_guardian(middleware["consent_texts"].versions):
        return await prepare_guardian_link(manager, current.person, current.organisation.id)
    if not any(m.is_active for m in current.person.memberships):
        erasure = await erase(middleware["session"], middleware["clock"], current.person, current.person.id,
                              "self-declined", dialogs=middleware["fsm_storage"])
        forget_again_after_commit(middleware, erasure.telegram_id)

        async def erased(answer: Answer) -> None:
            await answer(t("consent-declined-erased"))
        return erased

    async def kept(answer: Answer) -> None:
        await answer(t("consent-declined-kept-other-roles", organisation=organisation))
    return kept


async def send_guardian_link(answer: Answer, manager: DialogManager, person: Person, organisation_id: int) -> None:
    await (await prepare_guardian_link(manager, person, organisation_id))(answer)


async def prepare_guardian_link(manager: DialogManager, person: Person, organisation_id: int) -> Show:
    middleware = manager.middleware_data
    t: Localizer = middleware["t"]
    texts: ConsentTexts = middleware["consent_texts"]
    bot: Bot = middleware["bot"]
    days = middleware["settings"].guardian_link_days
    token, current = await new_guardian_link(middleware["session"], middleware["clock"], person, organisation_id,
                                             texts.versions, days)

    async def forward_link(answer: Answer) -> None:
        link = deep_link((await bot.me()).username or "", token)
        translator: Translator = middleware["translator"]
        # The parent reads the forwarded message and may prefer the other language: it carries both.
        forward = "\n\n".join(
            translator.get(locale, "guardian-forward", child=person.full_name, organisation=current.organisation.name,
                           link=link, days=days)
            for locale in (t.locale, "en" if t.locale == "ru" else "ru")
        )
        await answer(forward)
        await answer(t("guardian-forward-hint"))
    return forward_link
