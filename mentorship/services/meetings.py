"""Meetings of a pair: planning, answers, moves and cancellations, logging a past one, and feedback.

Every message a meeting causes is queued in the outbox in the same transaction: invitations to the mentees,
reminders at REMINDER_OFFSETS before the start to everyone who has not declined, and feedback forms after the end
plus FEEDBACK_DELAY (at once for a logged meeting). All carry `ref=meeting:<id>`, so a move or a cancel withdraws
them in one statement, and de-duplication keys containing the start time, so a re-run never doubles them. What was
sent already with buttons on it (an invitation, a move's notice, a feedback form) is edited by a move or a cancel:
its words say what happened and its buttons go (`_retire_buttons`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.meetings import MeetingRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.outbox import OutboxRepository
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from mentorship import meetings as rules
from mentorship.clock import Clock
from mentorship.entities import Actor, Organisation, Pair, PairStatus, Person
from mentorship.errors import DomainError, InvalidInput, MeetingChanged, NotAllowed, NotFound
from mentorship.meetings import Feedback, Meeting, MeetingKind, MeetingStatus, Response, TookPlace
from mentorship.outbox import Button, OutboxKind, Press
from mentorship.services import outbox
from mentorship.services.people import curators_of
from mentorship.shortcuts import Shortcut, pair_plan, shortcut

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Timing:
    """The settings that shape a meeting's messages (REMINDER_OFFSETS, FEEDBACK_DELAY)."""

    reminder_offsets: tuple[timedelta, ...]
    feedback_delay: timedelta


@dataclass(frozen=True, slots=True)
class Draft:
    pair_id: int
    kind: MeetingKind
    day: date
    at: time
    duration_minutes: int
    online: bool
    place: str
    logged: bool = False
    #: The meetings at the same time the mentor was shown and kept this one beside; any other overlap is refused.
    overlap_seen: frozenset[int] = frozenset()


#: The first answer of a feedback form, one button each.
FEEDBACK_PRESS = {TookPlace.YES: Press.MEETING_HELD, TookPlace.NO: Press.MEETING_NOT_HELD,
                  TookPlace.MOVED: Press.MEETING_MOVED}


def _answer_buttons(meeting: Meeting) -> list[list[Button]]:
    """Confirm / decline (`meeting-btn-confirm`, `meeting-btn-decline`), made for the meeting's start: pressed after a move, they are refused in words."""
    version = rules.start_stamp(meeting.starts_at)
    return [[Button("meeting-btn-confirm", Press.CONFIRM_MEETING, meeting.id, version=version),
             Button("meeting-btn-decline", Press.DECLINE_MEETING, meeting.id, version=version)]]


def _ref(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


def _feedback_ref(meeting_id: int, person_id: int) -> str:
    return f"feedback:{meeting_id}:{person_id}"


def _edits_ref(meeting_id: int) -> str:
    """The ref of the edits of a meeting's earlier messages: not `meeting:<id>`, so withdrawing the meeting's queued
    messages leaves them be (and they are not held like the programme's messages: an edit only takes buttons off)."""
    return f"edit:meeting:{meeting_id}"


def local(instant: datetime, timezone: str) -> str:
    return instant.astimezone(ZoneInfo(timezone)).strftime("%d.%m.%Y %H:%M")


# --- reading ------------------------------------------------------------------------------------------------------

async def _organisation(session: AsyncSession, organisation_id: int) -> Organisation:
    organisation = await OrganisationRepository(session).get(organisation_id)
    if organisation is None:
        raise NotFound()
    return organisation


async def mentor_pairs(session: AsyncSession, actor: Actor) -> list[Pair]:
    """The active pairs the actor mentors; a non-mentor is refused, and so is a mentor whose pairs are all
    suspended (a partner's consent is withdrawn), in words that say so."""
    if actor.person is None:
        raise NotAllowed("meeting-not-mentor")
    mine = [
        p for p in await PairRepository(session).with_member(actor.person.id, [PairStatus.ACTIVE, PairStatus.SUSPENDED])
        if p.mentor_person_id == actor.person.id
    ]
    pairs = [p for p in mine if p.status == PairStatus.ACTIVE]
    if not pairs and mine:
        raise DomainError("meeting-pair-suspended", id=mine[0].id)
    if not pairs:
        raise NotAllowed("meeting-not-mentor")
    return pairs


def _working(pair: Pair) -> None:
    """Nothing new for a suspended pair: no meeting planned, moved or answered until it resumes."""
    if pair.status == PairStatus.SUSPENDED:
        raise DomainError("meeting-pair-suspended", id=pair.id)


async def names(session: AsyncSession, person_ids) -> dict[int, str]:
    people = await PersonRepository(session).many(set(person_ids))
    return {i: (p.full_name or "—") for i, p in people.items() if p is not None}


async def _meeting_for(session: AsyncSession, actor: Actor, meeting_id: int) -> Meeting:
    meeting = await MeetingRepository(session).get(meeting_id)
    if meeting is None or actor.person is None or meeting.response_of(actor.person.id) is None:
        raise NotFound("meeting-not-found")
    return meeting


async def _as_mentor(session: AsyncSession, actor: Actor, meeting_id: int) -> tuple[Meeting, Pair]:
    meeting = await _meeting_for(session, actor, meeting_id)
    pair = await PairRepository(session).get(meeting.pair_id)
    if pair is None or actor.person is None or pair.mentor_person_id != actor.person.id:
        raise NotAllowed("meeting-mentor-only")
    return meeting, pair


async def _still(session: AsyncSession, meeting: Meeting, version: int | None) -> None:
    """A button made for the meeting as it was: refused in words if the meeting has been cancelled, or moved since
    the button was made (`version` is the start it was made for; None for buttons made before versions)."""
    if meeting.status == MeetingStatus.CANCELLED:
        zone = (await _organisation(session, meeting.organisation_id)).timezone
        raise MeetingChanged("meeting-was-cancelled", when=local(meeting.starts_at, zone))
    if version is not None and rules.start_stamp(meeting.starts_at) != version:
        zone = (await _organisation(session, meeting.organisation_id)).timezone
        raise MeetingChanged("meeting-was-moved", when=local(meeting.starts_at, zone))


@dataclass(frozen=True, slots=True)
class Agenda:
    upcoming: list[Meeting]
    past: list[Meeting]
    names: dict[int, str]
    timezone: dict[int, str]  # organisation id → zone
    mentor_of: set[int]  # meeting ids where the actor is the mentor


async def agenda(session: AsyncSession, clock: Clock, actor: Actor, past_limit: int = 5) -> Agenda:
    if actor.person is None:
        raise NotAllowed()
    repo = MeetingRepository(session)
    everything = await repo.of_person(actor.person.id, list(MeetingStatus))
    now = clock.now()
    # A cancelled meeting stays in the list, marked so, until its time has passed.
    upcoming = [m for m in everything if m.status in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED)
                and m.starts_at > now]
    past = [m for m in everything if m not in upcoming and m.status != MeetingStatus.CANCELLED][-past_limit:]
    pairs = {p.id: p for p in await PairRepository(session).with_member(actor.person.id, list(PairStatus))}
    mentor_of = {m.id for m in everything if m.pair_id in pairs and pairs[m.pair_id].mentor_person_id == actor.person.id}
    zones = {o: (await _organisation(session, o)).timezone for o in {m.organisation_id for m in everything}}
    people = await names(session, {p.person_id for m in everything for p in m.participants})
    return Agenda(upcoming, past[::-1], people, zones, mentor_of)


# --- planning -----------------------------------------------------------------------------------------------------

#: Revisions of a meeting are counted in seconds from here: a calendar file's SEQUENCE must grow with every change
#: and fit RFC 5545's 32-bit integer.
REVISION_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def _calendar(meeting: Meeting, timezone: str, revised_at: datetime, *, cancelled: bool = False) -> dict[str, Any]:
    """The calendar event an invitation, a move or a cancellation carries (bot/calendar_files.py builds the file)."""
    return {
        "uid": f"meeting-{meeting.id}", "start": meeting.starts_at.isoformat(), "minutes": meeting.duration_minutes,
        "tz": timezone, "kind": meeting.kind.value, "online": meeting.online, "place": meeting.place or "",
        "sequence": max(0, int((revised_at - REVISION_EPOCH).total_seconds())), "cancelled": cancelled,
    }


def _about(meeting: Meeting, timezone: str, mentor_name: str) -> dict[str, Any]:
    return {
        "id": meeting.id, "kind": {"t": f"meeting-kind-{meeting.kind.value}"}, "when": local(meeting.starts_at, timezone),
        "minutes": meeting.duration_minutes, "online": "yes" if meeting.online else "no", "place": meeting.place or "",
        "mentor": mentor_name,
    }


async def _schedule(session: AsyncSession, clock: Clock, meeting: Meeting, timing: Timing, *, invite: bool) -> None:
    """Queue what a planned (or just logged) meeting causes."""
    organisation = await _organisation(session, meeting.organisation_id)
    pair = await PairRepository(session).get(meeting.pair_id)
    assert pair is not None
    people = await PersonRepository(session).many({p.person_id for p in meeting.participants})
    mentor = people.get(pair.mentor_person_id)
    about = _about(meeting, organisation.timezone, (mentor.full_name if mentor else None) or "—")
    now, start, stamp = clock.now(), meeting.starts_at, meeting.starts_at.strftime("%Y%m%d%H%M")
    common = dict(now=now, organisation_id=meeting.organisation_id, ref=_ref(meeting.id))
    if meeting.status == MeetingStatus.PLANNED:
        for participant in meeting.participants:
            person = people.get(participant.person_id)
            if person is None or participant.person_id == pair.mentor_person_id:
                continue
            if invite:
                await outbox.notify(
                    session, person, "meeting-invited",
                    {**about, "calendar": _calendar(meeting, organisation.timezone, now)},
                    kind=OutboxKind.NOTICE, deadline=start,
                    dedup_key=f"meeting:{meeting.id}:{stamp}:invite:{person.id}",
                    buttons=_answer_buttons(meeting),
                    **common,
                )
        going = [p.person_id for p in meeting.participants if p.response != Response.DECLINED]
        for reminder in rules.reminders(start, timing.reminder_offsets, going, now):
            person = people.get(reminder.person_id)
            if person is None:
                continue
            await outbox.notify(
                session, person, "meeting-reminder", about, kind=OutboxKind.REMINDER, due_at=reminder.due_at,
                deadline=start,
                dedup_key=f"meeting:{meeting.id}:{stamp}:remind:{rules.offset_label(reminder.offset)}:{person.id}",
                **common,
            )
    due = now if meeting.logged else rules.feedback_due(start, meeting.duration_minutes, timing.feedback_delay)
    for participant in meeting.participants:
        person = people.get(participant.person_id)
        if person is None or participant.response == Response.DECLINED:
            continue
        await _ask_feedback(session, person, meeting, about, due, stamp, common)


async def _ask_feedback(session, person: Person, meeting: Meeting, about, due: datetime, stamp: str, common) -> None:
    buttons = [[Button(f"feedback-btn-{v.value}", FEEDBACK_PRESS[v], meeting.id) for v in TookPlace]]
    await outbox.notify(
        session, person, "feedback-ask", about, kind=OutboxKind.FEEDBACK, due_at=due, buttons=buttons,
        dedup_key=f"meeting:{meeting.id}:{stamp}:feedback:{person.id}", **common,
    )
    reminder_common = {**common, "ref": _feedback_ref(meeting.id, person.id)}
    await outbox.notify(
        session, person, "feedback-remind", about, kind=OutboxKind.FEEDBACK,
        due_at=due + rules.FEEDBACK_REMINDER_AFTER, buttons=buttons,
        dedup_key=f"meeting:{meeting.id}:{stamp}:feedback-remind:{person.id}", **reminder_common,
    )


async def create(session: AsyncSession, clock: Clock, actor: Actor, timing: Timing, draft: Draft) -> Meeting:
    """A mentor plans a meeting of their active pair (all of a group's mentees are invited), or logs one that
    already took place (no invitations or reminders; the feedback forms go at once)."""
    suspended = await PairRepository(session).get(draft.pair_id)
    if suspended is not None and actor.person is not None and suspended.mentor_person_id == actor.person.id:
        _working(suspended)  # paused while the dialog was open
    pair = next((p for p in await mentor_pairs(session, actor) if p.id == draft.pair_id), None)
    if pair is None:
        raise NotAllowed("meeting-not-mentor")
    organisation = await _organisation(session, pair.organisation_id)
    start = rules.starts_at(draft.day, draft.at, organisation.timezone)
    now = clock.now()
    rules.check_start(start, now, draft.logged)
    rules.check_duration(draft.duration_minutes)
    place = rules.check_place(draft.place, draft.online)
    participants = {pair.mentor_person_id: Response.CONFIRMED}
    for mentee_id in pair.taking_part:  # a group meets without a mentee whose consent is withdrawn
        participants[mentee_id] = Response.CONFIRMED if draft.logged else Response.PENDING
    if not draft.logged:
        await _refuse_overlap(session, organisation.timezone, set(participants), start, draft.duration_minutes, None,
                              draft.overlap_seen)
    assert actor.person is not None
    repo = MeetingRepository(session)
    meeting_id = await repo.add(
        organisation_id=pair.organisation_id, pair_id=pair.id, kind=draft.kind, starts_at=start,
        duration_minutes=draft.duration_minutes, online=draft.online, place=place,
        status=MeetingStatus.HELD if draft.logged else MeetingStatus.PLANNED, logged=draft.logged,
        created_by_person_id=actor.person.id, participants=participants, now=now,
    )
    meeting = await repo.get(meeting_id)
    assert meeting is not None
    await _schedule(session, clock, meeting, timing, invite=True)
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="meeting.log" if draft.logged else "meeting.plan",
        organisation_id=pair.organisation_id, object_type="meeting", object_id=meeting_id, pair_id=pair.id,
    )
    log.info("meeting %s meeting_id=%s pair_id=%s", "logged" if draft.logged else "planned", meeting_id, pair.id)
    return meeting


async def respond(
    session: AsyncSession, clock: Clock, actor: Actor, timing: Timing, meeting_id: int, confirm: bool,
    version: int | None = None,
) -> Meeting:
    """A mentee confirms or declines; the mentor is told. A decline withdraws that mentee's reminders and form.
    `version`: the start the pressed button was made for (a press after a cancel or a move changes nothing)."""
    meeting = await _meeting_for(session, actor, meeting_id)
    assert actor.person is not None
    pair = await PairRepository(session).get(meeting.pair_id)
    if pair is None or pair.mentor_person_id == actor.person.id:
        raise NotAllowed("meeting-mentee-only")
    await _still(session, meeting, version)
    _working(pair)
    if actor.person.id in pair.paused_mentee_ids:
        raise DomainError("meeting-pair-suspended", id=pair.id)
    if meeting.status != MeetingStatus.PLANNED or meeting.starts_at <= clock.now():
        raise DomainError("meeting-not-upcoming")
    response = Response.CONFIRMED if confirm else Response.DECLINED
    if meeting.response_of(actor.person.id) == response:
        return meeting
    now = clock.now()
    repo = MeetingRepository(session)
    await repo.respond(meeting_id, actor.person.id, response, now)
    if not confirm:
        await outbox.cancel(session, _ref(meeting_id), [OutboxKind.REMINDER, OutboxKind.FEEDBACK], actor.person.id)
        await outbox.cancel(session, _feedback_ref(meeting_id, actor.person.id))
    else:
        # Confirming after a decline brings the reminders and the form back.
        again = await repo.get(meeting_id)
        assert again is not None
        await _schedule(session, clock, again, timing, invite=False)
    organisation = await _organisation(session, meeting.organisation_id)
    mentor = await PersonRepository(session).get(pair.mentor_person_id)
    if mentor is not None:
        await outbox.notify(
            session, mentor, "meeting-confirmed-mentor" if confirm else "meeting-declined-mentor",
            {"name": actor.person.full_name or "—", "when": local(meeting.starts_at, organisation.timezone)},
            now=now, organisation_id=meeting.organisation_id, ref=_ref(meeting_id), deadline=meeting.starts_at,
            # A decline leaves the mentor to move or cancel the meeting: their list has the buttons for both.
            buttons=[] if confirm else [[shortcut("shortcut-meetings", Shortcut.MEETINGS)]],
        )
    updated = await repo.get(meeting_id)
    assert updated is not None
    return updated


async def propose_time(session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int, text: str) -> datetime:
    """After declining, a mentee offers another time; the mentor is told and may move the meeting."""
    meeting = await _meeting_for(session, actor, meeting_id)
    assert actor.person is not None
    if meeting.response_of(actor.person.id) != Response.DECLINED:
        raise NotAllowed("meeting-mentee-only")
    organisation = await _organisation(session, meeting.organisation_id)
    now = clock.now()
    proposed = rules.proposed_start(text, now, organisation.timezone)
    pair = await PairRepository(session).get(meeting.pair_id)
    mentor = await PersonRepository(session).get(pair.mentor_person_id) if pair else None
    await MeetingRepository(session).propose(meeting_id, actor.person.id, proposed)
    if mentor is not None:
        await outbox.notify(
            session, mentor, "meeting-proposed-mentor",
            {"name": actor.person.full_name or "—", "when": local(meeting.starts_at, organisation.timezone),
             "proposed": local(proposed, organisation.timezone), "id": meeting_id},
            now=now, organisation_id=meeting.organisation_id, ref=_ref(meeting_id),
            buttons=[[shortcut("shortcut-meetings", Shortcut.MEETINGS)]],
        )
    return proposed


async def reschedule(
    session: AsyncSession, clock: Clock, actor: Actor, timing: Timing, meeting_id: int, day: date, at: time,
    *, overlap_seen: frozenset[int] = frozenset(),
) -> Meeting:
    """The mentor moves a planned meeting; `overlap_seen`: the meetings at the new time she was shown and kept it
    beside (any other overlap is refused)."""
    meeting, pair = await _as_mentor(session, actor, meeting_id)
    _working(pair)
    await _still(session, meeting, None)
    if meeting.status != MeetingStatus.PLANNED:
        raise DomainError("meeting-not-upcoming")
    organisation = await _organisation(session, meeting.organisation_id)
    start = rules.starts_at(day, at, organisation.timezone)
    now = clock.now()
    rules.check_start(start, now, logged=False)
    await _refuse_overlap(session, organisation.timezone, _people(meeting.participants), start,
                          meeting.duration_minutes, meeting.id, overlap_seen)
    repo = MeetingRepository(session)
    await outbox.cancel(session, _ref(meeting_id))
    for participant in meeting.participants:
        await outbox.cancel(session, _feedback_ref(meeting_id, participant.person_id))
    await repo.move(meeting_id, start, now)
    moved = await repo.get(meeting_id)
    assert moved is not None
    await _retire_buttons(session, now, meeting, pair, "meeting-message-moved",
                          {"kind": {"t": f"meeting-kind-{meeting.kind.value}"},
                           "old": local(meeting.starts_at, organisation.timezone),
                           "when": local(start, organisation.timezone)})
    people = await PersonRepository(session).many({p.person_id for p in meeting.participants})
    for participant in meeting.participants:
        person = people.get(participant.person_id)
        if person is None or person.id == pair.mentor_person_id:
            continue
        await outbox.notify(
            session, person, "meeting-moved",
            {"old": local(meeting.starts_at, organisation.timezone), **_about(moved, organisation.timezone, ""),
             "calendar": _calendar(moved, organisation.timezone, now)},
            now=now, organisation_id=meeting.organisation_id, ref=_ref(meeting_id), deadline=start,
            dedup_key=f"meeting:{meeting_id}:{start.strftime('%Y%m%d%H%M')}:moved:{person.id}",
            buttons=_answer_buttons(moved),
        )
    await _schedule(session, clock, moved, timing, invite=False)
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="meeting.move", organisation_id=meeting.organisation_id,
        object_type="meeting", object_id=meeting_id,
    )
    return moved


async def check_movable(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int, version: int | None = None
) -> Meeting:
    meeting, pair = await _as_mentor(session, actor, meeting_id)
    await _still(session, meeting, version)
    _working(pair)
    if meeting.status != MeetingStatus.PLANNED or meeting.starts_at <= clock.now():
        raise DomainError("meeting-not-upcoming")
    return meeting


async def cancel(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int, version: int | None = None
) -> Meeting:
    """The mentor cancels a planned meeting: its queued messages go, the mentees are told (with a calendar file
    that removes the event). `version`: the start the pressed button was made for."""
    meeting, pair = await _as_mentor(session, actor, meeting_id)
    await _still(session, meeting, version)
    if meeting.status != MeetingStatus.PLANNED:
        raise DomainError("meeting-not-upcoming")
    now = clock.now()
    await _call_off(session, now, meeting, pair, "meeting-cancelled")
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="meeting.cancel", organisation_id=meeting.organisation_id,
        object_type="meeting", object_id=meeting_id,
    )
    cancelled = await MeetingRepository(session).get(meeting_id)
    assert cancelled is not None
    return cancelled


async def _call_off(session: AsyncSession, now: datetime, meeting: Meeting, pair: Pair, key: str) -> None:
    """Cancel a planned meeting: its queued reminders and forms go, and each mentee taking part is told with `key`
    (the calendar file removes the event)."""
    organisation = await _organisation(session, meeting.organisation_id)
    await MeetingRepository(session).set_status(meeting.id, MeetingStatus.CANCELLED, now)
    await outbox.cancel(session, _ref(meeting.id))
    when = local(meeting.starts_at, organisation.timezone)
    await _retire_buttons(session, now, meeting, pair, "meeting-message-cancelled",
                          {"kind": {"t": f"meeting-kind-{meeting.kind.value}"}, "when": when})
    people = await PersonRepository(session).many({p.person_id for p in meeting.participants})
    for participant in meeting.participants:
        await outbox.cancel(session, _feedback_ref(meeting.id, participant.person_id))
        person = people.get(participant.person_id)
        if person is None or person.id == pair.mentor_person_id or person.id in pair.paused_mentee_ids:
            continue  # nobody whose consent is withdrawn hears of it
        await outbox.notify(
            session, person, key,
            {"when": local(meeting.starts_at, organisation.timezone),
             "calendar": _calendar(meeting, organisation.timezone, now, cancelled=True)},
            now=now, organisation_id=meeting.organisation_id, deadline=meeting.starts_at,
            dedup_key=f"meeting:{meeting.id}:cancelled:{person.id}",
        )


async def _retire_buttons(
    session: AsyncSession, now: datetime, meeting: Meeting, pair: Pair, key: str, args: dict[str, Any]
) -> int:
    """The messages about the meeting sent before that still show its buttons (invitations, a move's notices,
    feedback forms) are edited to `key` and lose their buttons; edits still queued from an earlier change are
    superseded by these. Nobody whose consent is withdrawn is written to. Returns how many edits were queued."""
    # An edit still queued (a move's, and now the meeting is cancelled) goes: its message keeps its mark until an
    # edit is sent, so it is found below and gets this change's words instead.
    await outbox.cancel(session, _edits_ref(meeting.id))
    refs = [_ref(meeting.id), *(_feedback_ref(meeting.id, p.person_id) for p in meeting.participants)]
    targets = await OutboxRepository(session).live_messages(refs)
    people = await PersonRepository(session).many({t.person_id for t in targets if t.person_id is not None})
    queued = 0
    for target in targets:
        person = people.get(target.person_id) if target.person_id is not None else None
        if person is None or person.id in pair.paused_mentee_ids:
            continue
        queued += await outbox.notify(
            session, person, key, {**args, "edit": target.as_args()}, now=now, kind=OutboxKind.EDIT,
            organisation_id=meeting.organisation_id, urgent=True,  # an edit rings no phone: quiet hours do not hold it
            ref=_edits_ref(meeting.id), dedup_key=f"edit:{target.row_id}",
        )
    if queued:
        log.info("meeting messages to edit meeting_id=%s messages=%s", meeting.id, queued)
    return queued


async def cancel_for_ended_pair(session: AsyncSession, clock: Clock, pair: Pair) -> list[int]:
    """A pair that ends or completes meets no more: its planned meetings still ahead are cancelled, their
    reminders and forms withdrawn, and the mentees told. Returns the ids cancelled."""
    now = clock.now()
    ahead = [m for m in await MeetingRepository(session).of_pair(pair.id)
             if m.status == MeetingStatus.PLANNED and m.starts_at > now]
    for meeting in ahead:
        await _call_off(session, now, meeting, pair, "meeting-cancelled-pair-over")
    if ahead:
        log.info("meetings cancelled with their pair pair_id=%s meetings=%s", pair.id, len(ahead))
    return [m.id for m in ahead]


# --- overlaps -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Clash:
    """A planned meeting at the same time as the one being planned or moved, sharing someone with it."""

    meeting: Meeting
    when: str  # its start in its organisation's time
    people: tuple[str, ...]  # its participants other than the one asking


def _people(participants) -> set[int]:
    return {p.person_id for p in participants if p.response != Response.DECLINED}


async def _clashes(
    session: AsyncSession, people: set[int], start: datetime, minutes: int, moving: int | None
) -> list[Meeting]:
    """Planned meetings overlapping [start, start + minutes) that someone of `people` goes to (not declined):
    the same pair twice, or a mentor or mentee in two pairs at once."""
    repo, found = MeetingRepository(session), {}
    for person_id in sorted(people):
        for other in await repo.of_person(person_id, [MeetingStatus.PLANNED]):
            if other.id != moving and person_id in _people(other.participants) \
                    and rules.overlaps(start, minutes, other.starts_at, other.duration_minutes):
                found[other.id] = other
    return sorted(found.values(), key=lambda m: (m.starts_at, m.id))


async def _refuse_overlap(
    session: AsyncSession, timezone: str, people: set[int], start: datetime, minutes: int, moving: int | None,
    seen: frozenset[int],
) -> None:
    """The service's own word on an overlap the mentor has not seen: keeping one meeting at the same time is no
    licence for another that appeared while the dialog was open (another mentor of a mentee planned it)."""
    clashes = [m for m in await _clashes(session, people, start, minutes, moving) if m.id not in seen]
    if clashes:
        raise DomainError("meeting-overlap-now", id=clashes[0].id, when=local(clashes[0].starts_at, timezone))


async def _explain(session: AsyncSession, actor: Actor, meetings: list[Meeting]) -> list[Clash]:
    assert actor.person is not None
    people = await names(session, {p.person_id for m in meetings for p in m.participants})
    zones = {o: (await _organisation(session, o)).timezone for o in {m.organisation_id for m in meetings}}
    return [
        Clash(m, local(m.starts_at, zones[m.organisation_id]),
              tuple(people.get(p.person_id, "—") for p in m.participants if p.person_id != actor.person.id))
        for m in meetings
    ]


async def clashes_for_draft(
    session: AsyncSession, actor: Actor, pair_id: int, day: date, at: time, minutes: int
) -> list[Clash]:
    """What a new meeting of the actor's pair at `day` `at` for `minutes` would overlap."""
    pair = next((p for p in await mentor_pairs(session, actor) if p.id == pair_id), None)
    if pair is None:
        raise NotAllowed("meeting-not-mentor")
    organisation = await _organisation(session, pair.organisation_id)
    start = rules.starts_at(day, at, organisation.timezone)
    people = {pair.mentor_person_id, *pair.taking_part}
    return await _explain(session, actor, await _clashes(session, people, start, minutes, None))


async def clashes_for_move(
    session: AsyncSession, actor: Actor, meeting_id: int, day: date, at: time
) -> list[Clash]:
    """What the actor's meeting moved to `day` `at` would overlap (itself aside)."""
    meeting, _pair = await _as_mentor(session, actor, meeting_id)
    organisation = await _organisation(session, meeting.organisation_id)
    start = rules.starts_at(day, at, organisation.timezone)
    found = await _clashes(session, _people(meeting.participants), start, meeting.duration_minutes, meeting.id)
    return await _explain(session, actor, found)


# --- feedback -----------------------------------------------------------------------------------------------------

async def _form(session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int) -> tuple[Meeting, Pair, Feedback | None]:
    """The actor's feedback form for a meeting that has started; anyone outside the meeting is refused."""
    meeting = await _meeting_for(session, actor, meeting_id)
    assert actor.person is not None
    if meeting.response_of(actor.person.id) == Response.DECLINED:
        raise NotAllowed("feedback-not-yours")
    await _still(session, meeting, None)  # a cancelled meeting's form: said so, not "not yours"
    if meeting.starts_at > clock.now():
        raise DomainError("feedback-too-early")
    pair = await PairRepository(session).get(meeting.pair_id)
    assert pair is not None
    form = await MeetingRepository(session).feedback(meeting_id, actor.person.id)
    if form is not None and form.completed_at is not None:
        raise DomainError("feedback-already")
    return meeting, pair, form


async def open_form(session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int) -> tuple[Meeting, bool]:
    """Check the actor may answer; returns the meeting and whether they are its mentor."""
    meeting, pair, _ = await _form(session, clock, actor, meeting_id)
    assert actor.person is not None
    return meeting, pair.mentor_person_id == actor.person.id


async def answer(
    session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int, field: str, value: Any
) -> Feedback:
    """Save one answer of the form at once (nothing typed is lost)."""
    meeting, pair, _ = await _form(session, clock, actor, meeting_id)
    assert actor.person is not None
    is_mentor = pair.mentor_person_id == actor.person.id
    if field == "took_place":
        value = TookPlace(value).value
    elif field == "usefulness":
        value = rules.check_rating(int(value))
    elif field in ("comment", "done"):
        value = _text(value, rules.COMMENT_LIMIT)
    elif field == "next_step":
        value = _text(value, rules.NEXT_STEP_LIMIT)
    else:
        raise InvalidInput()
    if field in ("done", "next_step") and not is_mentor:
        raise NotAllowed("feedback-not-yours")
    repo = MeetingRepository(session)
    await repo.save_feedback(meeting_id, actor.person.id, clock.now(), **{field: value})
    found = await repo.feedback(meeting_id, actor.person.id)
    assert found is not None
    return found


def _text(value: Any, limit: int) -> str | None:
    return rules.feedback_text(value, limit) if isinstance(value, str) else None


async def finish(session: AsyncSession, clock: Clock, actor: Actor, meeting_id: int) -> Feedback:
    """Close the form: the meeting's status follows what was said, the pending reminder goes, and the curators are
    alerted to a rating of 4 or lower and to a second meeting in a row that did not take place."""
    meeting, pair, form = await _form(session, clock, actor, meeting_id)
    assert actor.person is not None
    if form is None or form.took_place is None:
        raise DomainError("feedback-incomplete")
    now = clock.now()
    repo = MeetingRepository(session)
    await repo.save_feedback(meeting_id, actor.person.id, now, completed_at=now)
    await outbox.cancel(session, _feedback_ref(meeting_id, actor.person.id))
    is_mentor = pair.mentor_person_id == actor.person.id
    # The mentor's word settles the status; a mentee's only when the mentor has not said yet.
    mentor_said = any(f.person_id == pair.mentor_person_id and f.took_place for f in await repo.feedback_of_meeting(meeting_id))
    if is_mentor or not mentor_said:
        status = {TookPlace.YES: MeetingStatus.HELD, TookPlace.NO: MeetingStatus.MISSED,
                  TookPlace.MOVED: MeetingStatus.CANCELLED}[form.took_place]
        await repo.set_status(meeting_id, status, now)
    curators = await curators_of(session, meeting.organisation_id)
    organisation = await _organisation(session, meeting.organisation_id)
    when = local(meeting.starts_at, organisation.timezone)
    if form.usefulness is not None and form.usefulness <= rules.LOW_RATING:
        for curator in curators:
            await outbox.notify(
                session, curator, "alert-low-rating",
                {"name": actor.person.full_name or "—", "rating": form.usefulness, "pair": pair.id, "when": when},
                now=now, kind=OutboxKind.ALERT, organisation_id=meeting.organisation_id,
                dedup_key=f"low-rating:{form.id}:{curator.id}", buttons=[[pair_plan(pair.id)]],
            )
    if form.took_place == TookPlace.NO:
        before = [m for m in await repo.of_pair(pair.id)
                  if m.starts_at < meeting.starts_at and m.status != MeetingStatus.CANCELLED]
        if before and before[-1].status == MeetingStatus.MISSED:
            for curator in curators:
                await outbox.notify(
                    session, curator, "alert-missed-twice", {"pair": pair.id, "when": when}, now=now,
                    kind=OutboxKind.ALERT, organisation_id=meeting.organisation_id,
                    dedup_key=f"missed-twice:{meeting_id}:{curator.id}", buttons=[[pair_plan(pair.id)]],
                )
    log.info("feedback done meeting_id=%s person_id=%s", meeting_id, actor.person.id)
    found = await repo.feedback(meeting_id, actor.person.id)
    assert found is not None
    return found


async def pending_feedback(session: AsyncSession, clock: Clock, actor: Actor) -> list[Meeting]:
    if actor.person is None:
        return []
    return await MeetingRepository(session).pending_feedback(actor.person.id, clock.now())
