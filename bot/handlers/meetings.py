"""Meeting commands (/newmeeting, /meetings, /feedback) and the buttons outbox messages carry: a mentee's answer to
an invitation (v2mt, and v1mt of rows queued before), the first question of a feedback form (v1fb), and a mentor's
move/cancel in /meetings (v2ml).

Thin: each button's data is parsed strictly, the service checks who may do what, and refusals are answered. A
button of a meeting cancelled or moved since it was made changes nothing: the press is answered with what happened
and the meeting's buttons are taken off the message pressed (the one message whose id the bot has at hand)."""

from __future__ import annotations

import html

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_dialog import DialogManager, ShowMode, StartMode
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import FeedbackStart, MeetingAnswer, MeetingListAction, MeetingReply, meeting_of, press_data
from bot.dialogs.meeting.handlers import timing
from bot.filters import A_COMMAND, PRIVATE
from bot.handlers.gate import NotAwaitingConsent
from bot.i18n import Localizer
from bot.views import home_keyboard
from bot.states import MeetingDecline, MeetingFeedback, NewMeeting
from mentorship.clock import Clock
from mentorship import meetings as rules
from mentorship.entities import Actor
from mentorship.errors import MeetingChanged
from mentorship.meetings import Meeting, MeetingStatus, Response, TookPlace
from mentorship.outbox import Press
from mentorship.services import meetings

TOOK_PLACE = {v.value[0]: v for v in TookPlace}
#: Pending feedback forms shown by /feedback, one message each.
SHOWN = 5


def setup() -> Router:
    router = Router(name="meetings")
    router.message.filter(A_COMMAND, PRIVATE, NotAwaitingConsent())
    router.message.register(new_meeting, Command("newmeeting"))
    router.message.register(meeting_list, Command("meetings"))
    router.message.register(feedback_list, Command("feedback"))
    router.callback_query.register(on_answer, MeetingReply.filter())
    router.callback_query.register(on_answer, MeetingAnswer.filter())
    router.callback_query.register(on_feedback, FeedbackStart.filter())
    router.callback_query.register(on_list_action, MeetingListAction.filter())
    return router


async def new_meeting(message: Message, session: AsyncSession, actor: Actor, dialog_manager: DialogManager) -> None:
    pairs = await meetings.mentor_pairs(session, actor)  # a non-mentor is answered by the error handler
    await dialog_manager.start(NewMeeting.pair, data={"pair_ids": [p.id for p in pairs]}, mode=StartMode.RESET_STACK)


def _answers(meeting: Meeting, agenda: meetings.Agenda, actor: Actor, t: Localizer) -> str:
    """Each mentee's answer, for the mentor: one "name — answer" line each (locales: meetings-answer*)."""
    assert actor.person is not None
    zone = agenda.timezone[meeting.organisation_id]
    parts = []
    for p in meeting.participants:
        if p.person_id == actor.person.id:
            continue
        name = agenda.names.get(p.person_id, "—")
        if p.response == Response.DECLINED and p.proposed_starts_at is not None:
            parts.append(t("meetings-answer-proposed", name=name, proposed=meetings.local(p.proposed_starts_at, zone)))
        else:
            parts.append(t("meetings-answer", name=name, response=p.response.value))
    # Each part is escaped already; the line's own translation escapes its arguments once more.
    return html.unescape(", ".join(parts))


def _line(meeting: Meeting, agenda: meetings.Agenda, actor: Actor, t: Localizer) -> str:
    assert actor.person is not None
    when = meetings.local(meeting.starts_at, agenda.timezone[meeting.organisation_id])
    kind = t(f"meeting-kind-{meeting.kind.value}")
    if meeting.status == MeetingStatus.PLANNED and meeting.id in agenda.mentor_of:
        return t("meetings-line-mentor", id=meeting.id, when=when, kind=kind,
                 answers=_answers(meeting, agenda, actor, t))
    others = [agenda.names.get(p.person_id, "—") for p in meeting.participants if p.person_id != actor.person.id]
    status = meeting.status.value
    return t(
        "meetings-line", id=meeting.id, when=when, kind=kind, **{"with": ", ".join(others)},
        status=t(f"meeting-status-{status}", response=(meeting.response_of(actor.person.id) or "pending").value
                 if meeting.status == MeetingStatus.PLANNED else ""),
    )


def _listing(agenda: meetings.Agenda, actor: Actor, t: Localizer) -> tuple[str, InlineKeyboardMarkup | None]:
    """The text of /meetings and its buttons: move and cancel for the mentor, attend / cannot attend for a mentee, on
    each planned meeting ahead (a cancelled one is listed, marked so, without buttons)."""
    lines: list[str] = []
    builder = InlineKeyboardBuilder()
    if agenda.upcoming:
        lines.append(t("meetings-upcoming"))
    for meeting in agenda.upcoming:
        lines.append(_line(meeting, agenda, actor, t))
        if meeting.status != MeetingStatus.PLANNED:
            continue
        at = rules.start_stamp(meeting.starts_at)
        if meeting.id in agenda.mentor_of:
            builder.button(text=t("meeting-btn-move", id=meeting.id),
                           callback_data=MeetingListAction(action="m", meeting_id=meeting.id, at=at))
            builder.button(text=t("meeting-btn-cancel", id=meeting.id),
                           callback_data=MeetingListAction(action="x", meeting_id=meeting.id, at=at))
        else:
            builder.button(text=t("meeting-btn-yes", id=meeting.id),
                           callback_data=press_data(Press.CONFIRM_MEETING, meeting.id, at))
            builder.button(text=t("meeting-btn-no", id=meeting.id),
                           callback_data=press_data(Press.DECLINE_MEETING, meeting.id, at))
    if agenda.past:
        lines.append(t("meetings-past"))
        lines.extend(_line(m, agenda, actor, t) for m in agenda.past)
    builder.adjust(2)
    markup = builder.as_markup()
    return "\n".join(lines), markup if markup.inline_keyboard else None


async def meeting_list(message: Message, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer) -> None:
    agenda = await meetings.agenda(session, clock, actor)
    if not agenda.upcoming and not agenda.past:
        mentor = actor.person is not None and any(m.role.value == "mentor" for m in actor.person.memberships)
        await message.answer(t("meetings-none", mentor="yes" if mentor else "no"))
        return
    text, markup = _listing(agenda, actor, t)
    await message.answer(text, reply_markup=markup)


async def _drop_buttons(callback: CallbackQuery, meeting_id: int) -> None:
    """Take the buttons of a cancelled or moved meeting off the message pressed; the others stay. No edit when
    there is nothing to take off (Telegram refuses an edit that changes nothing)."""
    message = callback.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return  # too old to edit (Telegram hands over an inaccessible message), or nothing on it
    rows = message.reply_markup.inline_keyboard
    kept = [[b for b in row if meeting_of(b.callback_data) != meeting_id] for row in rows]
    kept = [row for row in kept if row]
    if sum(map(len, kept)) == sum(map(len, rows)):
        return
    await message.edit_reply_markup(reply_markup=InlineKeyboardMarkup(inline_keyboard=kept) if kept else None)


async def _refuse_changed(callback: CallbackQuery, error: MeetingChanged, meeting_id: int, t: Localizer) -> None:
    await callback.answer(t(error.key, **error.args_)[:200], show_alert=True)
    await _drop_buttons(callback, meeting_id)


async def feedback_list(message: Message, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer) -> None:
    pending = await meetings.pending_feedback(session, clock, actor)
    await message.answer(t("feedback-pending", count=len(pending)))
    if not pending:
        return
    agenda = await meetings.agenda(session, clock, actor)
    for meeting in pending[:SHOWN]:
        builder = InlineKeyboardBuilder()
        for value in TookPlace:
            builder.button(text=t(f"feedback-btn-{value.value}"),
                           callback_data=press_data(meetings.FEEDBACK_PRESS[value], meeting.id))
        when = meetings.local(meeting.starts_at, agenda.timezone[meeting.organisation_id])
        await message.answer(t("feedback-ask", when=when, kind=t(f"meeting-kind-{meeting.kind.value}")),
                             reply_markup=builder.as_markup())


async def on_answer(callback: CallbackQuery, callback_data: MeetingReply | MeetingAnswer, session: AsyncSession,
                    clock: Clock, actor: Actor, t: Localizer, dialog_manager: DialogManager) -> None:
    confirm, meeting_id = callback_data.action == "c", callback_data.meeting_id
    version = callback_data.at if isinstance(callback_data, MeetingReply) else None
    try:
        meeting = await meetings.respond(session, clock, actor, timing(dialog_manager), meeting_id, confirm, version)
    except MeetingChanged as error:
        await _refuse_changed(callback, error, meeting_id, t)
        return
    await callback.answer()
    if confirm:
        await callback.message.answer(t("meeting-answer-confirmed"), reply_markup=home_keyboard(t))
        return
    agenda = await meetings.agenda(session, clock, actor)
    # A new message for the question: the invitation pressed stays (a file cannot become a text, and the dialog
    # would delete it); its buttons come off, and a later move or cancel edits its words.
    await dialog_manager.start(MeetingDecline.propose, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND, data={
        "meeting_id": meeting.id, "zone": agenda.timezone.get(meeting.organisation_id, "UTC")})


async def on_feedback(callback: CallbackQuery, callback_data: FeedbackStart, session: AsyncSession, clock: Clock, actor: Actor,
                      t: Localizer, dialog_manager: DialogManager) -> None:
    took_place, meeting_id = TOOK_PLACE[callback_data.took_place], callback_data.meeting_id
    try:
        _meeting, is_mentor = await meetings.open_form(session, clock, actor, meeting_id)
    except MeetingChanged as error:
        await _refuse_changed(callback, error, meeting_id, t)
        return
    await meetings.answer(session, clock, actor, meeting_id, "took_place", took_place.value)
    await callback.answer()
    data = {"meeting_id": meeting_id, "mentor": is_mentor, "took_place": took_place.value}
    first = MeetingFeedback.usefulness if took_place == TookPlace.YES else MeetingFeedback.comment
    await dialog_manager.start(first, data=data, mode=StartMode.RESET_STACK)


async def on_list_action(callback: CallbackQuery, callback_data: MeetingListAction, session: AsyncSession, clock: Clock, actor: Actor,
                         t: Localizer, dialog_manager: DialogManager) -> None:
    action, meeting_id, version = callback_data.action, callback_data.meeting_id, callback_data.at
    try:
        if action == "x":
            cancelled = await meetings.cancel(session, clock, actor, meeting_id, version)
        else:
            # Moving: check now that the actor is the mentor of an upcoming meeting, then ask for the new date
            # and time.
            await meetings.check_movable(session, clock, actor, meeting_id, version)
    except MeetingChanged as error:
        await _refuse_changed(callback, error, meeting_id, t)
        return
    if action == "x":
        await callback.answer(t("meeting-cancelled-done", id=cancelled.id), show_alert=True)
        # The list pressed shows the meeting as cancelled now, without its buttons.
        if isinstance(callback.message, Message):
            text, markup = _listing(await meetings.agenda(session, clock, actor), actor, t)
            await callback.message.edit_text(text, reply_markup=markup)
        return
    await callback.answer()
    await dialog_manager.start(NewMeeting.day, data={"move": meeting_id}, mode=StartMode.RESET_STACK)
