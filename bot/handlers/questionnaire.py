"""/questionnaire opens a participant's intake questionnaire where they left it; a .yaml file a curator sends
becomes their organisation's own questionnaire version, used for everyone who starts after it."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram_dialog import DialogManager
from aiohttp import ClientError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import UploadTarget
from bot.dialogs.questionnaire.handlers import begin
from bot.filters import A_DOCUMENT, PRIVATE
from bot.handlers.gate import NotAwaitingConsent
from bot.i18n import Localizer
from mentorship import questionnaire as rules
from mentorship.clock import Clock
from mentorship.entities import Actor
from mentorship.errors import DomainError
from mentorship.questionnaire import QuestionnaireError
from mentorship.services import questionnaires as service
from mentorship.services.people import organisations_of

log = logging.getLogger(__name__)

#: FSM data key: the file id of an uploaded questionnaire waiting for the curator to pick its organisation.
PENDING_UPLOAD = "questionnaire_upload"
UPLOAD_SUFFIXES = (".yaml", ".yml")


def setup() -> Router:
    router = Router(name="questionnaire")
    router.message.filter(PRIVATE, NotAwaitingConsent())
    router.message.register(open_command, Command("questionnaire"))
    router.message.register(on_document, A_DOCUMENT)
    router.callback_query.register(on_upload_target, UploadTarget.filter())
    return router


async def open_command(message: Message, actor: Actor, t: Localizer, dialog_manager: DialogManager) -> None:
    if actor.person is None:
        await message.answer(t("questionnaire-not-registered"))
        return
    await begin(message.answer, dialog_manager, actor.person)


# --- a curator's own questionnaire ------------------------------------------------------------------------------


def describe_error(t: Localizer, error: DomainError) -> str:
    """A refusal for the curator: the line first (when there is one), then the reason."""
    if not isinstance(error, QuestionnaireError):
        return t(error.key, **error.args_)
    head = t("qn-upload-error-at", line=error.line) if error.line else t("qn-upload-error-file")
    return f"{head}\n{t(error.key, **error.args_)}"


async def _download(bot: Bot, file_id: str) -> bytes | None:
    try:
        stream = await bot.download(file_id)
    except (TimeoutError, TelegramAPIError, ClientError, OSError) as error:
        log.warning("questionnaire download failed error=%s", type(error).__name__)
        return None
    return stream.read() if stream is not None else None


async def on_document(message: Message, actor: Actor, bot: Bot, session: AsyncSession, clock: Clock, t: Localizer,
                      state: FSMContext, dialog_manager: DialogManager) -> None:
    organisations = actor.curated_organisations()
    if not organisations:
        if dialog_manager.has_context():
            raise SkipHandler()  # a participant mid-dialog: the dialog asks for the answer it expects
        await message.answer(t("qn-upload-not-curator"))
        return
    document = message.document
    if not (document.file_name or "").lower().endswith(UPLOAD_SUFFIXES):
        await message.answer(t("qn-upload-wrong-type"))
        return
    if document.file_size is not None and document.file_size > rules.FILE_SIZE_MAX:
        await message.answer(t("qn-upload-too-large", max_kb=rules.FILE_SIZE_MAX // 1024))
        return
    data = await _download(bot, document.file_id)
    if data is None:
        await message.answer(t("qn-upload-download-failed"))
        return
    try:
        # Checked before anything is asked, so a broken file is answered at once.
        questionnaire = rules.parse(data)
    except QuestionnaireError as error:
        await message.answer(describe_error(t, error))
        return
    if len(organisations) == 1:
        await _store(message, actor, session, clock, t, organisations[0], data)
        return
    await state.update_data({PENDING_UPLOAD: document.file_id})
    names = await organisations_of(session, actor.person)
    keyboard = InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=names[o].name if o in names else str(o),
                              callback_data=UploadTarget(organisation_id=o).pack())]
        for o in organisations
    ])
    await message.answer(t("qn-upload-choose-org", title=questionnaire.title.get(t.locale)), reply_markup=keyboard)


async def on_upload_target(callback: CallbackQuery, callback_data: UploadTarget, actor: Actor, bot: Bot,
                           session: AsyncSession, clock: Clock, t: Localizer, state: FSMContext) -> None:
    if not actor.is_curator_of(callback_data.organisation_id):
        await callback.answer(t("error-not-allowed"), show_alert=True)
        return
    file_id = (await state.get_data()).get(PENDING_UPLOAD)
    data = await _download(bot, file_id) if file_id else None
    if data is None:
        await callback.answer(t("qn-upload-expired"), show_alert=True)
        return
    await callback.answer()
    await state.update_data({PENDING_UPLOAD: None})
    await _store(callback.message, actor, session, clock, t, callback_data.organisation_id, data)


async def _store(message: Message, actor: Actor, session: AsyncSession, clock: Clock, t: Localizer,
                 organisation_id: int, data: bytes) -> None:
    try:
        result = await service.upload(session, clock, actor, organisation_id, data)
    except DomainError as error:
        await message.answer(describe_error(t, error))
        return
    questionnaire = result.version.questionnaire
    if not result.created:
        await message.answer(t("qn-upload-same", version=questionnaire.version))
        return
    names = await organisations_of(session, actor.person)
    organisation = names[organisation_id].name if organisation_id in names else str(organisation_id)
    await message.answer(t("qn-upload-done", title=questionnaire.title.get(t.locale), version=questionnaire.version,
                           organisation=organisation))
