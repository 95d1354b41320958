"""/mypair (a participant's pair at a glance) and the curator's alert about an active pair that stopped meeting.

/mypair shows the partner's Telegram contact only when the partner (or their parent) granted the current
`contacts` consent — the same rule as the approval announcement (`consents.shares_contact`) — and otherwise says to
go through the curator.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.organisations import OrganisationRepository
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from db.repositories.plans import PairActivityRepository, PlanRepository
from mentorship.activity import NO_MEETING, quiet_stretch
from mentorship.clock import Clock
from mentorship.entities import Actor, PairStatus, Person
from mentorship.outbox import OutboxKind
from mentorship.plans import Completion, completion
from mentorship.services import outbox
from mentorship.services.consents import Versions, shares_contact
from mentorship.services.people import curators_of
from mentorship.services.plans import LIVE, Access, PlanPair, my_pairs

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Partner:
    person: Person
    role: str  # "mentor" / "mentee"
    contact: bool  # their Telegram may be shown


@dataclass(frozen=True, slots=True)
class MyPair:
    about: PlanPair
    partners: tuple[Partner, ...]
    since: datetime | None
    next_meeting: datetime | None
    next_meeting_kind: str | None
    next_meeting_online: bool
    completion: Completion | None


async def my_pair_cards(session: AsyncSession, clock: Clock, actor: Actor, versions: Versions) -> list[MyPair]:
    """The live pairs the actor is in, or their child is in (for a parent); a suspended one says so, and a group's
    mentor does not see a mentee whose consent is withdrawn."""
    activity = PairActivityRepository(session)
    found = []
    for item in await my_pairs(session, actor, LIVE):
        pair = item.pair
        me = item.child.id if item.access == Access.GUARDIAN and item.child else (actor.person.id if actor.person else None)
        partners: list[Partner] = []
        if me == pair.mentor_person_id:
            partners = [Partner(m, "mentee", False) for m in item.mentees
                        if m is not None and m.id not in pair.paused_mentee_ids]
        elif item.mentor is not None:
            partners = [Partner(item.mentor, "mentor", False)]
        partners = [
            Partner(p.person, p.role, await shares_contact(session, p.person, pair.organisation_id, versions))
            for p in partners
        ]
        since = pair.suspended_at if pair.status == PairStatus.SUSPENDED else (await activity.since([pair.id])).get(pair.id)
        meeting = await activity.next_meeting(pair.id, clock.now())
        found.append(MyPair(
            about=item, partners=tuple(partners), since=since,
            next_meeting=meeting.starts_at if meeting else None, next_meeting_kind=meeting.kind if meeting else None,
            next_meeting_online=bool(meeting.online) if meeting else False,
            completion=completion(await PlanRepository(session).goals(pair.id)),
        ))
    return found


async def alert_quiet_pairs(session: AsyncSession, clock: Clock) -> int:
    """Queue an alert to the curators for each active pair with no meeting for more than three weeks; returns how
    many alerts were queued now (a pair already reported for this stretch is not reported again)."""
    now = clock.now()
    people = PersonRepository(session)
    pairs = PairRepository(session)
    queued = 0
    zones: dict[int, ZoneInfo] = {}

    async def _zone(organisation_id: int) -> ZoneInfo:
        if organisation_id not in zones:
            organisation = await OrganisationRepository(session).get(organisation_id)
            zones[organisation_id] = ZoneInfo(organisation.timezone if organisation else "UTC")
        return zones[organisation_id]

    for pair_id, organisation_id, last, was_meeting in await PairActivityRepository(session).quiet_active_pairs(
        now, now - NO_MEETING
    ):
        stretch = quiet_stretch(last, now)
        if stretch == 0:
            continue
        pair = await pairs.get(pair_id)
        if pair is None:
            continue
        mentor = await people.get(pair.mentor_person_id)
        mentees = [await people.get(i) for i in pair.mentee_person_ids]
        args = {
            "pair": pair_id,
            "mentor": (mentor.full_name if mentor else None) or "—",
            "mentees": ", ".join((m.full_name or "—") for m in mentees if m is not None) or "—",
            "days": (now - last).days,
            # Outbox arguments are JSON: the date goes in already written, in the organisation's own time.
            "last": last.astimezone(await _zone(organisation_id)).strftime("%d.%m.%Y"),
            "met": "yes" if was_meeting else "no",
        }
        for curator in await curators_of(session, organisation_id):
            if await outbox.notify(
                session, curator, "pair-no-meeting-curator", args, now=now, kind=OutboxKind.ALERT,
                organisation_id=organisation_id, ref=f"pair:{pair_id}",
                dedup_key=f"no-meeting:{pair_id}:{last.date().isoformat()}:{stretch}:{curator.id}",
            ):
                queued += 1
    return queued
