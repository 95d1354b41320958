"""/survey (a participant's open surveys, and the button that opens one — also on invitations and reminders),
/campaign and /broadcast (a curator's dialogs). Thin: the services check who may do what."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram_dialog import DialogManager, StartMode
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import SurveyOpen
from bot.dialogs.questionnaire.handlers import open_questionnaire
from bot.filters import A_COMMAND, IsCurator, PRIVATE
from bot.handlers.gate import NotAwaitingConsent
from bot.i18n import Localizer
from bot.states import Broadcast, Campaign
from mentorship.clock import Clock
from mentorship.entities import Actor
from mentorship.errors import DomainError
from mentorship.services import surveys
from mentorship.services.questionnaires import ShippedQuestionnaires, start_survey


def setup() -> Router:
    router = Router(name="surveys")
    router.message.filter(A_COMMAND, PRIVATE)
    router.message.register(my_surveys, Command("survey"), NotAwaitingConsent())
    router.callback_query.register(open_survey, SurveyOpen.filter(), NotAwaitingConsent())
    router.message.register(campaign, Command("campaign"), IsCurator())
    router.message.register(broadcast, Command("broadcast"), IsCurator())
    return router


async def my_surveys(message: Message, actor: Actor, session: AsyncSession, clock: Clock, t: Localizer) -> None:
    if actor.person is None:
        await message.answer(t("survey-not-registered"))
        return
    found = await surveys.open_for(session, clock, actor.person.id)
    if not found:
        await message.answer(t("survey-none"))
        return
    lines, rows = [t("survey-list-title", count=len(found))], []
    for item in found:
        closes = item.campaign.closes_at.astimezone(ZoneInfo(item.organisation.timezone)).date()
        title = t(f"survey-title-{item.campaign.role.value}")
        answered = item.invitation.answered_at is not None
        lines.append(t("survey-list-line", title=title, organisation=item.organisation.name, closes=closes,
                       answered=answered))
        label = t("survey-btn-change" if answered else "survey-btn-open-named", title=title)
        rows.append([InlineKeyboardButton(text=label, callback_data=SurveyOpen(campaign_id=item.campaign.id).pack())])
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def open_survey(callback: CallbackQuery, callback_data: SurveyOpen, actor: Actor, session: AsyncSession,
                      clock: Clock, t: Localizer, questionnaires: ShippedQuestionnaires,
                      dialog_manager: DialogManager) -> None:
    if actor.person is None:
        await callback.answer(t("survey-not-invited"), show_alert=True)
        return
    try:
        progress = await start_survey(session, clock, questionnaires, actor.person, callback_data.campaign_id)
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        return
    await callback.answer()
    await open_questionnaire(dialog_manager, progress)


async def campaign(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(Campaign.main, mode=StartMode.RESET_STACK)


async def broadcast(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(Broadcast.audience, mode=StartMode.RESET_STACK)
