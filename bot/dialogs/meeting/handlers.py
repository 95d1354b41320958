"""Planning handlers (/newmeeting, logging a past meeting, moving one). Every step validates through the domain (`mentorship.meetings`) and writes only through
`mentorship.services.meetings`, which checks the actor again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from functools import lru_cache, partial
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Translator
from bot.states import NewMeeting
from bot.views import HOME, go_keyboard
from mentorship import meetings as rules
from mentorship.errors import DomainError
from mentorship.meetings import MeetingKind
from mentorship.services import meetings
from mentorship.services.organisations import get_organisation
from mentorship.shortcuts import Shortcut

DURATIONS = (30, 45, 60, 90)


#: "My meetings" under what changed a meeting: the list to check it in, and where to move or cancel it.
MEETINGS = ("shortcut-meetings", Shortcut.MEETINGS)
#: The service's refusal of a meeting at the same time as one the mentor was not shown.
OVERLAP_NOW = "meeting-overlap-now"


def timing(manager: DialogManager) -> meetings.Timing:
    settings = manager.middleware_data["settings"]
    return meetings.Timing(settings.reminder_offsets, settings.feedback_delay)


async def _zone(manager: DialogManager, pair_id: int) -> str:
    session: AsyncSession = manager.middleware_data["session"]
    pairs = {p.id: p for p in await meetings.mentor_pairs(session, manager.middleware_data["actor"])}
    organisation = await get_organisation(session, pairs[pair_id].organisation_id)
    assert organisation is not None
    return organisation.timezone


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


def day_rule(manager: DialogManager) -> Callable[[str], date]:
    """The date typed instead of tapped: 25.12 or 25.12.2026."""
    return partial(rules.parse_day, today=manager.middleware_data["clock"].now().date())


async def on_day_text(_message: Message, _w: object, manager: DialogManager, day: date) -> None:
    manager.dialog_data["day"] = day.isoformat()
    await manager.switch_to(NewMeeting.time)


async def on_time(message: Message, _w: object, manager: DialogManager, at: time) -> None:
    middleware = manager.middleware_data
    data = manager.dialog_data
    day = date.fromisoformat(data["day"])
    data["time"] = at.strftime("%H:%M")
    if data.get("move"):
        clashes = await meetings.clashes_for_move(middleware["session"], middleware["actor"], data["move"], day, at)
        if clashes:
            await _warn(manager, clashes)
            return
        await _move(manager, message.answer)
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


async def _move(manager: DialogManager, answer, callback: CallbackQuery | None = None) -> None:
    middleware, data = manager.middleware_data, manager.dialog_data
    day, at = date.fromisoformat(data["day"]), rules.parse_time(data["time"])
    try:
        moved = await meetings.reschedule(middleware["session"], middleware["clock"], middleware["actor"],
                                          timing(manager), data["move"], day, at, overlap_seen=_seen(manager))
    except DomainError as error:
        if error.key != OVERLAP_NOW:
            raise
        await _warn_again(manager, error, callback)
        return
    t = middleware["t"]
    await answer(t("meeting-moved-done", id=moved.id, when=f"{day:%d.%m.%Y} {data['time']}"),
                 reply_markup=go_keyboard(t, MEETINGS, HOME))
    await manager.done(show_mode=ShowMode.NO_UPDATE)


def _seen(manager: DialogManager) -> frozenset[int]:
    """The meetings at the same time the mentor was shown and chose to keep this one beside."""
    return frozenset(int(i) for i in manager.dialog_data.get("overlap_seen") or ())


async def _warn_again(manager: DialogManager, error: DomainError, callback: CallbackQuery | None) -> None:
    """Another meeting appeared at that time after the warning (or after no warning): say so, then show the
    meetings at that time now, with «keep» and «choose another time» again."""
    middleware, data = manager.middleware_data, manager.dialog_data
    if callback is not None:
        await callback.answer(middleware["t"](error.key, **error.args_), show_alert=True)
    day, at = date.fromisoformat(data["day"]), rules.parse_time(data["time"])
    if data.get("move"):
        clashes = await meetings.clashes_for_move(middleware["session"], middleware["actor"], data["move"], day, at)
    else:
        clashes = await meetings.clashes_for_draft(middleware["session"], middleware["actor"], data["pair_id"],
                                                   day, at, data["minutes"])
    data.pop("overlap_seen", None)
    await _warn(manager, clashes)


async def _warn(manager: DialogManager, clashes: list[meetings.Clash]) -> None:
    """The other meetings at that time, shown before anything is kept (the overlap window's getter reads them)."""
    manager.dialog_data["clashes"] = [
        {"id": c.meeting.id, "when": c.when, "minutes": c.meeting.duration_minutes, "kind": c.meeting.kind.value,
         "with": ", ".join(c.people)}
        for c in clashes
    ]
    await manager.switch_to(NewMeeting.overlap)


async def _after_duration(manager: DialogManager) -> None:
    middleware, data = manager.middleware_data, manager.dialog_data
    if not data.get("logged"):
        clashes = await meetings.clashes_for_draft(
            middleware["session"], middleware["actor"], data["pair_id"], date.fromisoformat(data["day"]),
            rules.parse_time(data["time"]), data["minutes"])
        if clashes:
            await _warn(manager, clashes)
            return
    await manager.switch_to(NewMeeting.format)


async def on_duration_button(callback: CallbackQuery, _w: Any, manager: DialogManager, item_id: str) -> None:
    if not item_id.isdigit() or int(item_id) not in DURATIONS:
        await callback.answer(manager.middleware_data["t"]("error-invalid-input"), show_alert=True)
        return
    manager.dialog_data["minutes"] = int(item_id)
    await _after_duration(manager)


async def on_duration_text(_message: Message, _w: object, manager: DialogManager, minutes: int) -> None:
    manager.dialog_data["minutes"] = minutes
    await _after_duration(manager)


async def on_overlap_keep(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    """The meetings shown stay beside this one (and only those): a move is made at once; a new meeting goes on to
    its format and place, or back to its summary when it was refused there."""
    data = manager.dialog_data
    data["overlap_seen"] = [c["id"] for c in data.get("clashes") or ()]
    if data.get("move"):
        await _move(manager, callback.message.answer, callback)
        return
    await manager.switch_to(NewMeeting.confirm if "place" in data else NewMeeting.format)


async def on_overlap_change(_c: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop("overlap_seen", None)
    manager.dialog_data.pop("clashes", None)
    await manager.switch_to(NewMeeting.day)


async def on_offline(_c: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["online"] = False
    await manager.switch_to(NewMeeting.place)


async def on_online(_c: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["online"] = True
    await manager.switch_to(NewMeeting.place)


def duration_rule(manager: DialogManager) -> Callable[[str], int]:
    """A duration typed instead of tapped: a number of minutes, or a number and a unit word of any language (the
    meeting-duration-*-words of locales/)."""
    return partial(rules.parse_duration, units=duration_units(manager.middleware_data["translator"]))


@lru_cache(maxsize=4)
def duration_units(translator: Translator) -> rules.DurationUnits:
    return rules.DurationUnits(translator.input_words("meeting-duration-minute-words"),
                               translator.input_words("meeting-duration-hour-words"))


def place_rule(manager: DialogManager) -> Callable[[str], str]:
    """An address for a meeting in person, a link for an online one."""
    return partial(rules.check_place, online=bool(manager.dialog_data.get("online")))


async def on_place(_message: Message, _w: object, manager: DialogManager, place: str) -> None:
    manager.dialog_data["place"] = place
    await manager.switch_to(NewMeeting.confirm)


async def on_create(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    middleware, data = manager.middleware_data, manager.dialog_data
    draft = meetings.Draft(
        pair_id=data["pair_id"], kind=MeetingKind(data["kind"]), day=date.fromisoformat(data["day"]),
        at=rules.parse_time(data["time"]), duration_minutes=data["minutes"], online=data["online"],
        place=data["place"], logged=bool(data.get("logged")), overlap_seen=_seen(manager),
    )
    t = middleware["t"]
    try:
        meeting = await meetings.create(middleware["session"], middleware["clock"], middleware["actor"],
                                        timing(manager), draft)
    except DomainError as error:
        if error.key == OVERLAP_NOW:
            await _warn_again(manager, error, callback)
            return
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        return
    await callback.message.answer(t("meeting-logged" if draft.logged else "meeting-created", id=meeting.id),
                                  reply_markup=go_keyboard(t, MEETINGS, HOME))
    await manager.done(show_mode=ShowMode.NO_UPDATE)
