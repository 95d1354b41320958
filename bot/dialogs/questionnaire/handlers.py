"""Questionnaire input: each answer goes straight to the service, which stores it before anything is shown; the
dialog then opens whatever the service says comes next. Dialog data holds only ids (response, current question),
the mode, and the ticks of a multiple choice not yet confirmed — the database is the truth.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.widgets.kbd import Button, Select

from bot.dialogs.common import refuse_typed
from bot.dialogs.questionnaire.getters import (
    MODE,
    MODE_EDIT,
    MODE_FILL,
    PICKED,
    QUESTION,
    RESPONSE,
    current_progress,
    split_item,
)
from bot.i18n import Localizer
from bot.views import home_keyboard
from bot.states import Questionnaire
from mentorship import questionnaire as rules
from mentorship.clock import Clock
from mentorship.entities import Person
from mentorship.errors import DomainError
from mentorship.people import address_of
from mentorship.questionnaire import TYPED_KINDS, Kind, Question
from mentorship.roles import Role
from mentorship.services import questionnaires as service
from mentorship.services.questionnaires import Progress

STATE_FOR_KIND: dict[Kind, State] = {
    Kind.SINGLE: Questionnaire.single,
    Kind.MULTI: Questionnaire.multi,
    Kind.TEXT: Questionnaire.text,
    Kind.NUMBER: Questionnaire.number,
    Kind.DATE: Questionnaire.date,
    Kind.SCALE: Questionnaire.scale,
    Kind.YESNO: Questionnaire.yesno,
}


def entry(progress: Progress, question: Question | None, mode: str) -> tuple[State, dict[str, Any]]:
    """The window and dialog data for showing `question` (None: the summary)."""
    picked: list[str] = []
    if question is not None and question.kind == Kind.MULTI:
        ticks = progress.response.ticks(question.id)  # ticked before a restart, not confirmed yet
        picked = ticks if ticks is not None else list(progress.answers.get(question.id) or [])
    data = {RESPONSE: progress.response.id, QUESTION: question.id if question else None, MODE: mode, PICKED: picked}
    return (STATE_FOR_KIND[question.kind] if question else Questionnaire.summary), data


async def open_questionnaire(dialog_manager: DialogManager, progress: Progress) -> None:
    """Start the dialog at the next unanswered question, or at the summary when nothing is left to ask."""
    state, data = entry(progress, progress.next, MODE_FILL)
    # As a new message under whatever led here (a command, "all set", the menu), never editing that away.
    await dialog_manager.start(state, data=data, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)


async def begin(answer: Callable[[str], Awaitable[Any]], manager: DialogManager, person: Person) -> None:
    """Open the person's questionnaire where they left it; with two roles, ask which one first."""
    middleware = manager.middleware_data
    t: Localizer = middleware["t"]
    memberships = service.participant_memberships(person)
    active = [m for m in memberships if m.is_active]
    if not memberships:
        await answer(t("questionnaire-not-participant"))
    elif not active:
        await answer(t("questionnaire-needs-consent"))
    elif len(active) > 1:
        await manager.start(Questionnaire.choose, mode=StartMode.RESET_STACK)
    else:
        try:
            progress = await service.start(middleware["session"], middleware["clock"], middleware["questionnaires"],
                                           person, active[0].organisation_id, active[0].role)
        except DomainError as error:
            await answer(t(error.key, **error.args_))
            return
        await open_questionnaire(manager, progress)


async def on_start(start_data: Any, manager: DialogManager) -> None:
    if isinstance(start_data, dict):
        manager.dialog_data.update(start_data)


async def _show(manager: DialogManager, progress: Progress, question: Question | None, *, mode: str | None = None,
                show_mode: ShowMode | None = None) -> None:
    state, data = entry(progress, question, mode or manager.dialog_data.get(MODE, MODE_FILL))
    manager.dialog_data.update(data)
    await manager.switch_to(state, show_mode=show_mode)


async def _refuse(event: CallbackQuery | Message, manager: DialogManager, error: DomainError) -> None:
    t: Localizer = manager.middleware_data["t"]
    text = t(error.key, **error.args_)
    if isinstance(event, CallbackQuery):
        await event.answer(text[:200], show_alert=True)
    else:
        refuse_typed(manager, text)


async def _stale(callback: CallbackQuery, manager: DialogManager) -> None:
    await callback.answer(manager.middleware_data["t"]("error-stale-button"), show_alert=True)


def _person(manager: DialogManager):
    return manager.middleware_data["actor"].person


async def _answer(event: CallbackQuery | Message, manager: DialogManager, question_id: str, raw: Any,
                  show_mode: ShowMode | None = None) -> None:
    """Store one answer and move on; a refused answer stores nothing and the same question stays."""
    middleware: dict[str, Any] = manager.middleware_data
    try:
        progress = await service.answer(middleware["session"], middleware["clock"], _person(manager),
                                        manager.dialog_data[RESPONSE], question_id, raw)
    except DomainError as error:
        await _refuse(event, manager, error)
        if error.key == "qn-question-gone":
            await _resync(manager, show_mode)
        return
    await _show(manager, progress, progress.next, show_mode=show_mode)


async def _resync(manager: DialogManager, show_mode: ShowMode | None = None) -> None:
    """The answers changed under the dialog (another device, an old screen): show what comes next now."""
    middleware = manager.middleware_data
    progress = await current_progress(manager, middleware["session"], middleware["actor"])
    await _show(manager, progress, progress.next, show_mode=show_mode)


def _for_current(manager: DialogManager, item_id: str) -> str | None:
    """The value part of a button's item, if the button belongs to the question on screen now."""
    question_id, value = split_item(item_id)
    return value if question_id == manager.dialog_data.get(QUESTION) else None


# --- buttons on a question ---------------------------------------------------------------------------------------


async def on_single(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    value = _for_current(manager, item_id)
    if value is None:
        await _stale(callback, manager)
        return
    await _answer(callback, manager, manager.dialog_data[QUESTION], value)


async def on_toggle(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    """A tick in a multiple choice: stored as it is ticked (a restart keeps it); "Done" confirms the choice."""
    value = _for_current(manager, item_id)
    if value is None:
        await _stale(callback, manager)
        return
    middleware = manager.middleware_data
    progress = await current_progress(manager, middleware["session"], middleware["actor"])
    question = progress.questionnaire.question(manager.dialog_data[QUESTION])
    if question is None or question.option(value) is None:
        await _stale(callback, manager)
        return
    picked = set(manager.dialog_data.get(PICKED) or [])
    if value in picked:
        picked.discard(value)
    elif question.max is not None and len(picked) >= question.max:
        await callback.answer(middleware["t"]("qn-too-many-picked", max=question.max), show_alert=True)
        return
    else:
        picked.add(value)
    ordered = [o.id for o in question.options if o.id in picked]
    try:
        await service.tick(middleware["session"], middleware["clock"], _person(manager), manager.dialog_data[RESPONSE],
                           question.id, ordered)
    except DomainError as error:
        await _refuse(callback, manager, error)
        return
    manager.dialog_data[PICKED] = ordered


async def on_multi_done(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    if item_id != manager.dialog_data.get(QUESTION):
        await _stale(callback, manager)
        return
    await _answer(callback, manager, item_id, list(manager.dialog_data.get(PICKED) or []))


async def on_scale(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    value = _for_current(manager, item_id)
    if value is None or not value.isdigit():
        await _stale(callback, manager)
        return
    await _answer(callback, manager, manager.dialog_data[QUESTION], int(value))


async def on_yesno(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    value = _for_current(manager, item_id)
    if value not in ("y", "n"):
        await _stale(callback, manager)
        return
    await _answer(callback, manager, manager.dialog_data[QUESTION], value == "y")


async def on_nav(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    """Back ("b.<question>") and Skip ("s.<question>"), bound to the question they were shown with."""
    action, question_id = split_item(item_id)
    if question_id != manager.dialog_data.get(QUESTION) or action not in ("b", "s"):
        await _stale(callback, manager)
        return
    middleware = manager.middleware_data
    if action == "s":
        try:
            progress = await service.skip(
                middleware["session"], middleware["clock"], _person(manager), manager.dialog_data[RESPONSE], question_id
            )
        except DomainError as error:
            await _refuse(callback, manager, error)
            return
        await _show(manager, progress, progress.next)
        return
    progress = await current_progress(manager, middleware["session"], middleware["actor"])
    if manager.dialog_data.get(MODE) == MODE_EDIT:
        await _show(manager, progress, None)
        return
    previous = progress.previous(question_id)
    if previous is not None:
        await _show(manager, progress, previous)


async def typed_answer_rule(manager: DialogManager) -> Callable[[str], Any]:
    """The rule of the text, number or date question on screen (a date is "today" where the organisation is)."""
    middleware = manager.middleware_data
    question, organisation_id = await service.question_of(
        middleware["session"], _person(manager), manager.dialog_data[RESPONSE], manager.dialog_data.get(QUESTION) or "")
    if question is None or question.kind not in TYPED_KINDS:
        return str  # the question is gone from under the screen: the service says so and the dialog catches up
    clock: Clock = middleware["clock"]
    today = (await service.local_today(middleware["session"], clock, organisation_id)
             if question.kind == Kind.DATE else clock.now().date())
    return partial(rules.normalise_answer, question, today=today)


async def on_typed(message: Message, _widget: object, manager: DialogManager, _value: Any) -> None:
    """Text, number and date questions: the person's message stays, the next question comes under it. The service
    reads the text again with the same rule: it is the one that decides, and stores what it read."""
    await _answer(message, manager, manager.dialog_data[QUESTION], message.text, show_mode=ShowMode.SEND)


# --- summary and choice of questionnaire ----------------------------------------------------------------------


async def on_edit(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    middleware = manager.middleware_data
    progress = await current_progress(manager, middleware["session"], middleware["actor"])
    question = progress.questionnaire.question(item_id)
    if question is None or not progress.is_visible(item_id) or item_id not in progress.answers:
        await _stale(callback, manager)
        return
    await _show(manager, progress, question, mode=MODE_EDIT)


async def on_continue(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    middleware = manager.middleware_data
    progress = await current_progress(manager, middleware["session"], middleware["actor"])
    await _show(manager, progress, progress.next, mode=MODE_FILL)


async def on_finish(callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    t: Localizer = middleware["t"]
    try:
        progress = await service.finish(middleware["session"], middleware["clock"], _person(manager),
                                        manager.dialog_data[RESPONSE])
    except DomainError as error:
        await _refuse(callback, manager, error)
        return
    await manager.done()
    key = "survey-finished" if progress.response.campaign_id is not None else "qn-finished"
    await callback.message.answer(t(key, title=progress.questionnaire.title.get(t.locale),
                                    you=address_of(_person(manager).category)), reply_markup=home_keyboard(t))


async def on_choose(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    """Which questionnaire, for someone with two roles: the item is "<organisation id>.<role>"."""
    middleware: dict[str, Any] = manager.middleware_data
    organisation, role = split_item(item_id)
    if not organisation.isdigit() or role not in (Role.MENTEE.value, Role.MENTOR.value):
        await _stale(callback, manager)
        return
    try:
        progress = await service.start(middleware["session"], middleware["clock"], middleware["questionnaires"],
                                       _person(manager), int(organisation), Role(role))
    except DomainError as error:
        await _refuse(callback, manager, error)
        return
    await _show(manager, progress, progress.next, mode=MODE_FILL)
