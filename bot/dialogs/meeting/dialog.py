"""Windows and their handlers. Every step validates through the domain (`mentorship.meetings`) and writes only
through `mentorship.services.meetings`, which checks the actor again."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import (
    Button,
    Calendar,
    Cancel,
    Column,
    Group,
    Row,
    Select,
)
from aiogram_dialog.widgets.text import Format
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dialogs.common import buttons_expected, complain, text_or_complain
from bot.dialogs.widgets import Tr, Window, choices
from bot.i18n import Localizer
from bot.states import MeetingDecline, MeetingFeedback, NewMeeting
from db.repositories.organisations import OrganisationRepository
from mentorship import meetings as rules
from mentorship.entities import Actor
from mentorship.errors import DomainError
from mentorship.meetings import MeetingKind
from mentorship.services import meetings

DURATIONS = (30, 45, 60, 90)


def timing(manager: DialogManager) -> meetings.Timing:
    settings = manager.middleware_data["settings"]
    return meetings.Timing(settings.reminder_offsets, settings.feedback_delay)


async def _zone(manager: DialogManager, pair_id: int) -> str:
    session: AsyncSession = manager.middleware_data["session"]
    pairs = {p.id: p for p in await meetings.mentor_pairs(session, manager.middleware_data["actor"])}
    organisation = await OrganisationRepository(session).get(pairs[pair_id].organisation_id)
    assert organisation is not None
    return organisation.timezone


# --- /newmeeting ---------------------------------------------------------------------------------------------------

async def pairs_getter(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, **_: Any) -> dict[str, Any]:
    pairs = await meetings.mentor_pairs(session, actor)
    people = await meetings.names(session, {i for p in pairs for i in p.mentee_person_ids})
    return {"pairs": [(p.id, ", ".join(people.get(i, "—") for i in p.mentee_person_ids)) for p in pairs]}


async def kinds_getter(t: Localizer, **_: Any) -> dict[str, Any]:
    return {"kinds": [(k.value, t(f"meeting-kind-{k.value}")) for k in MeetingKind]}


async def summary_getter(dialog_manager: DialogManager, t: Localizer, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {
        "kind": t(f"meeting-kind-{data['kind']}"), "when": f"{date.fromisoformat(data['day']):%d.%m.%Y} {data['time']}",
        "minutes": data["minutes"], "online": "yes" if data["online"] else "no", "place": data["place"],
        "logged": "yes" if data.get("logged") else "no",
    }


async def move_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"id": (dialog_manager.start_data or {}).get("move") or 0}


async def on_start(start_data: Any, manager: DialogManager) -> None:
    data = start_data or {}
    if data.get("move"):
        manager.dialog_data["move"] = int(data["move"])
        await manager.switch_to(NewMeeting.day)
        return
    pair_ids = data.get("pair_ids") or []
    if len(pair_ids) == 1:
        manager.dialog_data["pair_id"] = pair_ids[0]
        await manager.switch_to(NewMeeting.kind)


async def on_pair(callback: CallbackQuery, _w: Any, manager: DialogManager, item_id: str) -> None:
    actor, session = manager.middleware_data["actor"], manager.middleware_data["session"]
    if not item_id.isdigit() or int(item_id) not in {p.id for p in await meetings.mentor_pairs(session, actor)}:
        await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
        return
    manager.dialog_data["pair_id"] = int(item_id)
    await manager.switch_to(NewMeeting.kind)


async def on_kind(callback: CallbackQuery, _w: Any, manager: DialogManager, item_id: str) -> None:
    if item_id not in {k.value for k in MeetingKind}:
        await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
        return
    manager.dialog_data["kind"] = item_id
    await manager.switch_to(NewMeeting.day)


async def on_day(_callback: CallbackQuery, _w: Any, manager: DialogManager, day: date) -> None:
    manager.dialog_data["day"] = day.isoformat()
    await manager.switch_to(NewMeeting.time)


async def on_day_text(message: Message, _w: MessageInput, manager: DialogManager) -> None:
    """The date typed instead of tapped: 25.12 or 25.12.2026."""
    text = await text_or_complain(message, manager)
    if text is None:
        return
    middleware = manager.middleware_data
    try:
        day = rules.parse_day(text, middleware["clock"].now().date())
    except DomainError as error:
        await complain(message, manager, error)
        return
    manager.dialog_data["day"] = day.isoformat()
    await manager.switch_to(NewMeeting.time)


async def on_time(message: Message, _w: MessageInput, manager: DialogManager) -> None:
    text = await text_or_complain(message, manager)
    if text is None:
        return
    middleware = manager.middleware_data
    try:
        at = rules.parse_time(text)
    except DomainError as error:
        await complain(message, manager, error)
        return
    data = manager.dialog_data
    day = date.fromisoformat(data["day"])
    data["time"] = at.strftime("%H:%M")
    if data.get("move"):
        try:
            moved = await meetings.reschedule(middleware["session"], middleware["clock"], middleware["actor"],
                                              timing(manager), data["move"], day, at)
        except DomainError as error:
            await complain(message, manager, error)
            return
        await message.answer(middleware["t"]("meeting-moved-done", id=moved.id, when=f"{day:%d.%m.%Y} {data['time']}"))
        await manager.done(show_mode=ShowMode.NO_UPDATE)
        return
    zone = await _zone(manager, data["pair_id"])
    start = rules.starts_at(day, at, zone)
    if start <= middleware["clock"].now():
        await manager.switch_to(NewMeeting.past_offer)
        return
    data["logged"] = False
    await manager.switch_to(NewMeeting.duration)


async def on_log_past(_c: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["logged"] = True
    await manager.switch_to(NewMeeting.duration)


async def on_other_date(_c: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await manager.switch_to(NewMeeting.day)


async def on_duration_button(callback: CallbackQuery, _w: Any, manager: DialogManager, item_id: str) -> None:
    if not item_id.isdigit() or int(item_id) not in DURATIONS:
        await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
        return
    manager.dialog_data["minutes"] = int(item_id)
    await manager.switch_to(NewMeeting.format)


async def on_duration_text(message: Message, _w: MessageInput, manager: DialogManager) -> None:
    text = await text_or_complain(message, manager)
    if text is None:
        return
    try:
        manager.dialog_data["minutes"] = rules.parse_duration(text)
    except DomainError as error:
        await complain(message, manager, error)
        return
    await manager.switch_to(NewMeeting.format)


async def on_offline(_c: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["online"] = False
    await manager.switch_to(NewMeeting.place)


async def on_online(_c: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["online"] = True
    await manager.switch_to(NewMeeting.place)


async def on_place(message: Message, _w: MessageInput, manager: DialogManager) -> None:
    text = await text_or_complain(message, manager)
    if text is None:
        return
    try:
        manager.dialog_data["place"] = rules.check_place(text, manager.dialog_data["online"])
    except DomainError as error:
        await complain(message, manager, error)
        return
    await manager.switch_to(NewMeeting.confirm)


async def on_create(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    middleware, data = manager.middleware_data, manager.dialog_data
    draft = meetings.Draft(
        pair_id=data["pair_id"], kind=MeetingKind(data["kind"]), day=date.fromisoformat(data["day"]),
        at=rules.parse_time(data["time"]), duration_minutes=data["minutes"], online=data["online"],
        place=data["place"], logged=bool(data.get("logged")),
    )
    t = middleware["t"]
    try:
        meeting = await meetings.create(middleware["session"], middleware["clock"], middleware["actor"],
                                        timing(manager), draft)
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        return
    await callback.message.answer(t("meeting-logged" if draft.logged else "meeting-created", id=meeting.id))
    await manager.done(show_mode=ShowMode.NO_UPDATE)


def new_meeting_dialog() -> Dialog:
    return Dialog(
        Window(Tr("meeting-choose-pair"), Column(choices("pair", "pairs", on_pair)), Cancel(Tr("btn-cancel")),
               MessageInput(buttons_expected), getter=pairs_getter, state=NewMeeting.pair),
        Window(Tr("meeting-choose-kind"), Group(choices("kind", "kinds", on_kind), width=2),
               Cancel(Tr("btn-cancel")), MessageInput(buttons_expected), getter=kinds_getter, state=NewMeeting.kind),
        Window(Tr("meeting-move-day", when=lambda d, w, m: bool(m.dialog_data.get("move"))),
               Tr("meeting-choose-day", when=lambda d, w, m: not m.dialog_data.get("move")),
               Calendar(id="day", on_click=on_day), Cancel(Tr("btn-cancel")), MessageInput(on_day_text),
               getter=move_getter, state=NewMeeting.day),
        Window(Tr("meeting-ask-time"), Cancel(Tr("btn-cancel")), MessageInput(on_time), state=NewMeeting.time),
        Window(Tr("meeting-past-offer"), Button(Tr("meeting-btn-log-past"), id="log", on_click=on_log_past),
               Button(Tr("meeting-btn-other-date"), id="other", on_click=on_other_date), Cancel(Tr("btn-cancel")),
               MessageInput(buttons_expected), state=NewMeeting.past_offer),
        Window(Tr("meeting-choose-duration"),
               Row(Select(Format("{item}"), id="minutes", item_id_getter=str, items=DURATIONS,
                          on_click=on_duration_button)),
               Cancel(Tr("btn-cancel")), MessageInput(on_duration_text), state=NewMeeting.duration),
        Window(Tr("meeting-choose-format"),
               Row(Button(Tr("meeting-btn-offline"), id="offline", on_click=on_offline),
                   Button(Tr("meeting-btn-online"), id="online", on_click=on_online)),
               Cancel(Tr("btn-cancel")), MessageInput(buttons_expected), state=NewMeeting.format),
        Window(Tr("meeting-ask-place", when=lambda d, w, m: not m.dialog_data.get("online")),
               Tr("meeting-ask-link", when=lambda d, w, m: bool(m.dialog_data.get("online"))),
               Cancel(Tr("btn-cancel")), MessageInput(on_place), state=NewMeeting.place),
        Window(Tr("meeting-confirm"), Button(Tr("meeting-btn-create"), id="create", on_click=on_create),
               Cancel(Tr("btn-cancel")), MessageInput(buttons_expected), getter=summary_getter,
               state=NewMeeting.confirm),
        on_start=on_start,
    )


# --- feedback --------------------------------------------------------------------------------------------------------

async def _save(manager: DialogManager, field: str, value: Any) -> None:
    middleware = manager.middleware_data
    await meetings.answer(middleware["session"], middleware["clock"], middleware["actor"],
                          manager.start_data["meeting_id"], field, value)


async def _after_comment(manager: DialogManager, answer) -> None:
    if manager.start_data.get("mentor") and manager.start_data.get("took_place") == "yes":
        await manager.switch_to(MeetingFeedback.done)
    else:
        await _finish(manager, answer)


async def _finish(manager: DialogManager, answer) -> None:
    middleware = manager.middleware_data
    await meetings.finish(middleware["session"], middleware["clock"], middleware["actor"],
                          manager.start_data["meeting_id"])
    await answer(middleware["t"]("feedback-thanks"))
    await manager.done(show_mode=ShowMode.NO_UPDATE)


async def on_rating(callback: CallbackQuery, _w: Any, manager: DialogManager, item_id: str) -> None:
    try:
        await _save(manager, "usefulness", int(item_id) if item_id.isdigit() else 0)
    except DomainError as error:
        await callback.answer(manager.middleware_data["t"](error.key, **error.args_), show_alert=True)
        return
    await manager.switch_to(MeetingFeedback.comment)


def _text_step(field: str, then):
    async def on_text(message: Message, _w: MessageInput, manager: DialogManager) -> None:
        text = await text_or_complain(message, manager)
        if text is None:
            return
        try:
            await _save(manager, field, text)
        except DomainError as error:
            await complain(message, manager, error)
            return
        await then(manager, message.answer)

    async def on_skip(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
        await then(manager, callback.message.answer)

    return on_text, on_skip


async def _to_next_step(manager: DialogManager, _answer) -> None:
    await manager.switch_to(MeetingFeedback.next_step)


on_comment, on_comment_skip = _text_step("comment", _after_comment)
on_done, on_done_skip = _text_step("done", _to_next_step)
on_next, on_next_skip = _text_step("next_step", _finish)


def feedback_dialog() -> Dialog:
    skip = "feedback-btn-skip"
    return Dialog(
        Window(Tr("feedback-usefulness"),
               Group(Select(Format("{item}"), id="rating", item_id_getter=str, items=list(range(1, 11)),
                            on_click=on_rating), width=5),
               MessageInput(buttons_expected), state=MeetingFeedback.usefulness),
        Window(Tr("feedback-comment"), Button(Tr(skip), id="skip_c", on_click=on_comment_skip),
               MessageInput(on_comment), state=MeetingFeedback.comment),
        Window(Tr("feedback-done"), Button(Tr(skip), id="skip_d", on_click=on_done_skip),
               MessageInput(on_done), state=MeetingFeedback.done),
        Window(Tr("feedback-next-step"), Button(Tr(skip), id="skip_n", on_click=on_next_skip),
               MessageInput(on_next), state=MeetingFeedback.next_step),
    )


# --- a declined invitation's counter-proposal ------------------------------------------------------------------------

async def on_proposal(message: Message, _w: MessageInput, manager: DialogManager) -> None:
    text = await text_or_complain(message, manager)
    if text is None:
        return
    middleware = manager.middleware_data
    try:
        proposed = await meetings.propose_time(middleware["session"], middleware["clock"], middleware["actor"],
                                               manager.start_data["meeting_id"], text)
    except DomainError as error:
        await complain(message, manager, error)
        return
    zone = manager.start_data["zone"]
    await message.answer(middleware["t"]("meeting-proposal-sent", when=f"{proposed.astimezone(ZoneInfo(zone)):%d.%m.%Y %H:%M}"))
    await manager.done(show_mode=ShowMode.NO_UPDATE)


def decline_dialog() -> Dialog:
    return Dialog(
        Window(Tr("meeting-answer-declined"), Cancel(Tr("meeting-btn-no-proposal")), MessageInput(on_proposal),
               state=MeetingDecline.propose),
    )
