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
from mentorship.entities import Person
from mentorship.invitations import deep_link
from mentorship.roles import ParticipationStatus, Role
from mentorship.services.consents import Situation, new_guardian_link, situation
from mentorship.services.privacy import erase

Answer = Callable[[str], Awaitable[Any]]


async def after_joining(answer: Answer, manager: DialogManager, person: Person, role: Role, organisation_id: int | None) -> None:
    """Consents for a participant (their own first, then a parent's); the staff's first steps otherwise."""
    t: Localizer = manager.middleware_data["t"]
    membership = next((m for m in person.memberships if m.role == role and m.organisation_id == organisation_id), None)
    if membership is None or membership.is_active or organisation_id is None:
        await answer(t(f"next-steps-{role.value}"))
        return
    await continue_consents(answer, manager, person, organisation_id)


async def continue_consents(answer: Answer, manager: DialogManager, person: Person, organisation_id: int) -> None:
    middleware = manager.middleware_data
    texts: ConsentTexts = middleware["consent_texts"]
    current = await situation(middleware["session"], middleware["clock"], person, organisation_id)
    if current.ask_self(texts.versions):
        await manager.start(Consent.ask, data={"organisation_id": organisation_id}, mode=StartMode.RESET_STACK,
                            show_mode=ShowMode.SEND)
    else:
        await consents_answered(answer, manager, current)


async def consents_answered(answer: Answer, manager: DialogManager, current: Situation) -> None:
    """The person has answered every text that is theirs: active, waiting for a parent, or stopped."""
    middleware = manager.middleware_data
    t: Localizer = middleware["t"]
    organisation = current.organisation.name
    if current.status == ParticipationStatus.ACTIVE:
        await answer(t("consent-active", organisation=organisation))
        await begin_questionnaire(answer, manager, current.person)
    elif current.ask_guardian(middleware["consent_texts"].versions):
        await send_guardian_link(answer, manager, current.person, current.organisation.id)
    elif not any(m.is_active for m in current.person.memberships):
        erasure = await erase(middleware["session"], middleware["clock"], current.person, current.person.id,
                              "self-declined", dialogs=middleware["fsm_storage"])
        forget_again_after_commit(middleware, erasure.telegram_id)
        await answer(t("consent-declined-erased"))
    else:
        await answer(t("consent-declined-kept-other-roles", organisation=organisation))


async def send_guardian_link(answer: Answer, manager: DialogManager, person: Person, organisation_id: int) -> None:
    middleware = manager.middleware_data
    t: Localizer = middleware["t"]
    texts: ConsentTexts = middleware["consent_texts"]
    bot: Bot = middleware["bot"]
    days = middleware["settings"].guardian_link_days
    token, current = await new_guardian_link(middleware["session"], middleware["clock"], person, organisation_id,
                                             texts.versions, days)
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
