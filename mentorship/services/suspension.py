"""Pausing and resuming a pair when a member's participation stops or starts again, holding and releasing the outbox
rows that concern them, and ending a pair (or a place in a group) on erasure. The rules are mentorship.suspension.

Everything here runs inside the caller's transaction (the consent change, the erasure) and never commits, so a
withdrawal and the pause it causes are one change: another process sees both or neither. Transitions are
conditional updates (`active → suspended` only if still active), so two processes reconciling the same pair tell
people once.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.consents import ConsentRepository
from db.repositories.meetings import MeetingRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.outbox import OutboxRepository
from db.repositories.pairs import ChangeRequestRepository, PairRepository
from db.repositories.people import PersonRepository
from mentorship import suspension as rules
from mentorship.clock import Clock
from mentorship.entities import ChangeRequestStatus, Pair, PairStatus, Person
from mentorship.meetings import MeetingStatus
from mentorship.outbox import HeldMessage, OutboxKind, outside_quiet_hours
from mentorship.roles import Role
from mentorship.services import outbox
from mentorship.services.pairs.cards import display_name
from mentorship.services.people import curator_args, curator_to_contact, curators_of

log = logging.getLogger(__name__)

_KINDS = [k.value for k in rules.PROGRAMME_KINDS]
_LIVE = [s for s in PairStatus if s.live]


def _active_in(person: Person | None, organisation_id: int, role: Role) -> bool:
    return person is not None and person.telegram_id is not None and any(
        m.is_active for m in person.memberships if m.organisation_id == organisation_id and m.role == role
    )


async def _refs(session: AsyncSession, pair_id: int) -> tuple[list[str], list[str]]:
    """The refs of messages about a pair: the pair itself and each of its meetings (and their feedback forms)."""
    meetings = [m.id for m in await MeetingRepository(session).of_pair(pair_id)]
    return [f"pair:{pair_id}", *(f"meeting:{m}" for m in meetings)], [f"feedback:{m}:" for m in meetings]


async def _tell(session: AsyncSession, clock: Clock, pair: Pair, people: list[Person], key: str, *, ref: str,
                with_guardians: bool = True, **args: Any) -> None:
    """Tell these people (and, for minors, their parents: `<key>-guardian` with the child's name) about the pair."""
    consents, repo = ConsentRepository(session), PersonRepository(session)
    now = clock.now()
    for person in people:
        await outbox.notify(session, person, key, {"id": pair.id, **args}, now=now, kind=OutboxKind.NOTICE,
                            organisation_id=pair.organisation_id, ref=ref)
        if not with_guardians:
            continue
        for guardian_id in await consents.guardians_of(person.id):
            guardian = await repo.get(guardian_id)
            if guardian is not None:
                await outbox.notify(session, guardian, f"{key}-guardian", {"id": pair.id, "child": display_name(person), **args},
                                    now=now, kind=OutboxKind.NOTICE, organisation_id=pair.organisation_id, ref=ref)


async def _tell_curators(session: AsyncSession, clock: Clock, pair: Pair, key: str,
                         people: dict[int, Person | None] | None, **args: Any) -> None:
    """The curators hear about the pair by number, with its members' names unless `people` is None (an erasure:
    a queued message must not keep an erased name)."""
    names = {} if people is None else {
        "mentor": display_name(people.get(pair.mentor_person_id)),
        "mentees": ", ".join(display_name(people.get(i)) for i in pair.mentee_person_ids),
    }
    for curator in await curators_of(session, pair.organisation_id):
        await outbox.notify(
            session, curator, key, {"id": pair.id, **names, **args},
            now=clock.now(), kind=OutboxKind.NOTICE, organisation_id=pair.organisation_id, ref=f"pair:{pair.id}:pause",
        )


# --- following consents -------------------------------------------------------------------------------------------


async def follow_consents(session: AsyncSession, clock: Clock, person_id: int, organisation_id: int) -> None:
    """After a consent decision changed (or confirmed) a person's participation in an organisation: hold or release
    what is queued for them, and pause or resume each active or suspended pair they are in (caller commits)."""
    people = PersonRepository(session)
    person = await people.get(person_id)
    if person is None:
        return
    taking_part = any(m.is_active for m in person.memberships if m.organisation_id == organisation_id)
    box = OutboxRepository(session)
    if not taking_part:
        held = await box.hold_for_person(person_id, organisation_id, _KINDS, rules.PROGRAMME_REFS)
        if held:
            log.info("outbox held for a paused person person_id=%s rows=%s", person_id, held)
    repo = PairRepository(session)
    for pair in await repo.with_member(person_id, [PairStatus.ACTIVE, PairStatus.SUSPENDED]):
        if pair.organisation_id == organisation_id:
            await _follow_pair(session, clock, pair)
    if taking_part:
        await _release(session, clock, await box.held(person_id=person_id, organisation_id=organisation_id))


async def _follow_pair(session: AsyncSession, clock: Clock, pair: Pair) -> None:
    repo = PairRepository(session)
    members = await PersonRepository(session).many([pair.mentor_person_id, *pair.mentee_person_ids])
    mentor_active = _active_in(members.get(pair.mentor_person_id), pair.organisation_id, Role.MENTOR)
    mentees_active = {i: _active_in(members.get(i), pair.organisation_id, Role.MENTEE) for i in pair.mentee_person_ids}
    state = rules.follow(pair.status, mentor_active, mentees_active)
    now = clock.now()
    newly_paused = [i for i in pair.mentee_person_ids if i in state.paused and i not in pair.paused_mentee_ids]
    back = [i for i in pair.paused_mentee_ids if i not in state.paused]
    for mentee_id in newly_paused:
        await repo.pause_mentee(pair.id, mentee_id, now)
    for mentee_id in back:
        await repo.pause_mentee(pair.id, mentee_id, None)
    audit = AuditRepository(session)
    working_mentees = [members[i] for i in pair.mentee_person_ids if i not in state.paused and members.get(i)]
    mentor = members.get(pair.mentor_person_id)
    if state.status == PairStatus.SUSPENDED and pair.status == PairStatus.ACTIVE:
        if not await repo.suspend(pair.id, now):
            return  # another process paused it a moment ago and told everyone
        refs, prefixes = await _refs(session, pair.id)
        box = OutboxRepository(session)
        held = await box.hold_about(refs, prefixes)
        await box.cancel_alerts_about([f"pair:{pair.id}"])
        await audit.record(at=now, actor_telegram_id=None, action="pair.suspend", organisation_id=pair.organisation_id,
                           object_type="pair", object_id=pair.id)
        # The partners still taking part hear that the pair is paused — never why.
        partners = ([mentor] if mentor_active and mentor else []) + working_mentees
        await _tell(session, clock, pair, partners, "pause-told-partner", ref=f"pair:{pair.id}:pause")
        await _tell_curators(session, clock, pair, "pause-told-curator", members)
        log.info("pair suspended pair_id=%s held=%s", pair.id, held)
    elif state.status == PairStatus.ACTIVE and pair.status == PairStatus.SUSPENDED:
        if not await repo.resume(pair.id, now):
            return
        await audit.record(at=now, actor_telegram_id=None, action="pair.resume", organisation_id=pair.organisation_id,
                           object_type="pair", object_id=pair.id)
        everyone = ([mentor] if mentor else []) + working_mentees
        await _tell(session, clock, pair, everyone, "resume-told-partner", ref=f"pair:{pair.id}:pause")
        await _tell_curators(session, clock, pair, "resume-told-curator", members)
        refs, prefixes = await _refs(session, pair.id)
        await _release(session, clock, await OutboxRepository(session).held(refs=refs, prefixes=prefixes))
        log.info("pair resumed pair_id=%s", pair.id)
    elif state.status == PairStatus.ACTIVE and (newly_paused or back):
        # A group goes on: its mentor hears that a place is paused or back, without who or why; the curator, who
        # runs the registry, hears who.
        for mentee_id, key in [*((i, "pause-told-group") for i in newly_paused), *((i, "resume-told-group") for i in back)]:
            await audit.record(at=now, actor_telegram_id=None, action=f"pair.{key.split('-')[0]}_place",
                               organisation_id=pair.organisation_id, object_type="pair", object_id=pair.id,
                               mentee=mentee_id)
            if mentor is not None and mentor_active:
                await _tell(session, clock, pair, [mentor], f"{key}-mentor", ref=f"pair:{pair.id}:pause",
                            with_guardians=False)
            await _tell_curators(session, clock, pair, f"{key}-curator", members, name=display_name(members.get(mentee_id)))
        if back:
            refs, prefixes = await _refs(session, pair.id)
            await _release(session, clock, await OutboxRepository(session).held(refs=refs, prefixes=prefixes))


# --- holding and releasing ----------------------------------------------------------------------------------------


async def _release(session: AsyncSession, clock: Clock, rows: list[HeldMessage]) -> None:
    """Send on what no longer needs holding; drop what concerned a meeting that began meanwhile. Quiet hours apply
    again: a parent renewing consent at 23:00 does not wake the child."""
    now = clock.now()
    box = OutboxRepository(session)
    meetings = MeetingRepository(session)
    zones: dict[int, str] = {}
    dropped: list[int] = []
    released = 0
    for row in rows:
        if await outbox.held_now(session, row.person_id, row.organisation_id, row.kind, row.ref):
            continue  # still paused for another reason (the pair, or the person elsewhere)
        about = rules.about(row.ref)
        meeting = await meetings.get(about.meeting_id) if about and about.meeting_id else None
        upcoming = None
        if about is not None and about.meeting_id is not None:
            upcoming = meeting is not None and meeting.status == MeetingStatus.PLANNED and meeting.starts_at > now
        if not rules.still_worth_sending(row.kind, upcoming):
            dropped.append(row.id)
            continue
        due = max(row.due_at, now)
        if not row.urgent and row.organisation_id is not None:
            if row.organisation_id not in zones:
                organisation = await OrganisationRepository(session).get(row.organisation_id)
                zones[row.organisation_id] = organisation.timezone if organisation else "UTC"
            due = outside_quiet_hours(due, zones[row.organisation_id], meeting.starts_at if meeting else None)
        released += await box.release(row.id, due)
    await box.drop(dropped)
    if released or dropped:
        log.info("outbox released=%s dropped=%s", released, len(dropped))


# --- erasure ------------------------------------------------------------------------------------------------------


async def end_for_erasure(session: AsyncSession, clock: Clock, person_id: int) -> list[int]:
    """An erased person's pairs end: a pair they mentor, or a one-to-one pair they are the mentee of, is ended (the
    partners and the curators are told, without a reason); in a group they were a mentee of, their place ends and the
    group goes on. Returns the ids of the pairs ended. Caller commits."""
    repo = PairRepository(session)
    now = clock.now()
    ended = []
    for pair in await repo.with_member(person_id, _LIVE):
        members = await PersonRepository(session).many([pair.mentor_person_id, *pair.mentee_person_ids])
        others = [i for i in pair.mentee_person_ids if i != person_id]
        if pair.mentor_person_id != person_id and others:
            await repo.leave(pair.id, person_id, now)
            await AuditRepository(session).record(
                at=now, actor_telegram_id=None, action="pair.leave", organisation_id=pair.organisation_id,
                object_type="pair", object_id=pair.id,
            )
            mentor = members.get(pair.mentor_person_id)
            if mentor is not None and pair.status == PairStatus.ACTIVE:
                await _tell(session, clock, pair, [mentor], "erase-told-group-mentor", ref=f"pair:{pair.id}:end",
                            with_guardians=False)
            after = await repo.get(pair.id)
            assert after is not None
            await _tell_curators(session, clock, after, "erase-told-curator-group", None)
            if after.status in (PairStatus.ACTIVE, PairStatus.SUSPENDED):
                await _follow_pair(session, clock, after)  # the rest of the group may all be paused
            continue
        if not await repo.end(pair.id, PairStatus.ENDED, by_telegram_id=None, at=now, reason=None):
            continue
        ended.append(pair.id)
        requests = ChangeRequestRepository(session)
        await requests.resolve([r.id for r in await requests.open_for(pair.id)], ChangeRequestStatus.DONE,
                               by_telegram_id=None, at=now)  # type: ignore[arg-type]
        refs, prefixes = await _refs(session, pair.id)
        for ref in refs:
            await outbox.cancel(session, ref)  # nothing more about the pair or its meetings
        await AuditRepository(session).record(
            at=now, actor_telegram_id=None, action="pair.ended", organisation_id=pair.organisation_id,
            object_type="pair", object_id=pair.id, on_erasure=True,
        )
        if pair.status in (PairStatus.ACTIVE, PairStatus.SUSPENDED):
            stay = [members[i] for i in [pair.mentor_person_id, *pair.mentee_person_ids]
                    if i != person_id and members.get(i) is not None
                    and _active_in(members[i], pair.organisation_id, Role.MENTOR if i == pair.mentor_person_id else Role.MENTEE)]
            curator = curator_args(await curator_to_contact(session, pair.organisation_id))
            await _tell(session, clock, pair, stay, "erase-told-partner", ref=f"pair:{pair.id}:end", **curator)
        await _tell_curators(session, clock, pair, "erase-told-curator", None)
        log.info("pair ended on erasure pair_id=%s", pair.id)
    return ended
