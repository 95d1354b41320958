"""The individual plan (/plan): the mentor keeps the pair's goals; the mentees, their parents and the curators read.

Every function loads the pair and checks the actor's place in it before reading or changing anything, so a forged
callback (another pair's goal, a viewer pressing an editor's button) changes nothing. Changes are audited with ids
only; a goal marked done tells the mentees through the outbox.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.consents import ConsentRepository
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from db.repositories.plans import PairActivityRepository, PlanRepository
from mentorship import plans as rules
from mentorship.clock import Clock
from mentorship.entities import Actor, Pair, PairStatus, Person
from mentorship.errors import DomainError, NotAllowed, NotFound
from mentorship.outbox import OutboxKind
from mentorship.plans import MAX_GOALS, Completion, Goal, GoalStatus
from mentorship.services import outbox
from mentorship.shortcuts import Shortcut, shortcut

log = logging.getLogger(__name__)

#: The mentor keeps the plan while the pair is live.
EDITABLE = (PairStatus.APPROVED, PairStatus.ACTIVE)
#: A suspended pair's plan is seen but not changed until it resumes.
LIVE = (PairStatus.APPROVED, PairStatus.ACTIVE, PairStatus.SUSPENDED)
#: Participants still see the plan of a finished pair; proposals and rejections have none.
VISIBLE = (PairStatus.APPROVED, PairStatus.ACTIVE, PairStatus.SUSPENDED, PairStatus.COMPLETED, PairStatus.ENDED)


class Access(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    GUARDIAN = "guardian"
    CURATOR = "curator"


@dataclass(frozen=True, slots=True)
class PlanPair:
    """A pair as /plan and /mypair show it: who is in it and how the actor is related to it."""

    pair: Pair
    access: Access
    mentor: Person | None
    mentees: tuple[Person | None, ...]
    child: Person | None = None  # for a guardian: their child in this pair

    @property
    def can_edit(self) -> bool:
        return self.access == Access.MENTOR and self.pair.status in EDITABLE


@dataclass(frozen=True, slots=True)
class Plan:
    about: PlanPair
    goals: tuple[Goal, ...]

    @property
    def completion(self) -> Completion | None:
        return rules.completion(self.goals)


async def _people(session: AsyncSession, pair: Pair) -> tuple[Person | None, tuple[Person | None, ...]]:
    people = PersonRepository(session)
    return await people.get(pair.mentor_person_id), tuple([await people.get(i) for i in pair.mentee_person_ids])


async def _access(session: AsyncSession, actor: Actor, pair: Pair) -> tuple[Access, Person | None] | None:
    """The actor's strongest tie to the pair (mentor before mentee before parent before curator)."""
    person = actor.person
    if person is not None and pair.status in VISIBLE:
        if person.id == pair.mentor_person_id:
            return Access.MENTOR, None
        if person.id in pair.mentee_person_ids:
            return Access.MENTEE, None
        children = set(await ConsentRepository(session).children_of(person.id))
        for child_id in (pair.mentor_person_id, *pair.mentee_person_ids):
            if child_id in children:
                return Access.GUARDIAN, await PersonRepository(session).get(child_id)
    if actor.is_curator_of(pair.organisation_id) and pair.status != PairStatus.PROPOSED:
        return Access.CURATOR, None
    return None


async def about(session: AsyncSession, actor: Actor, pair_id: int) -> PlanPair:
    pair = await PairRepository(session).get(pair_id)
    if pair is None:
        raise NotFound("plan-pair-not-found", id=pair_id)
    found = await _access(session, actor, pair)
    if found is None:
        raise NotAllowed("plan-not-yours")
    mentor, mentees = await _people(session, pair)
    return PlanPair(pair, found[0], mentor, mentees, found[1])


async def my_pairs(session: AsyncSession, actor: Actor, statuses=EDITABLE) -> list[PlanPair]:
    """Pairs the actor is in (as mentor or mentee) or whose member is their child, live ones by default."""
    if actor.person is None:
        return []
    activity = PairActivityRepository(session)
    ids = await activity.pair_ids_of(actor.person.id, [s.value for s in statuses])
    for child_id in await ConsentRepository(session).children_of(actor.person.id):
        ids += await activity.pair_ids_of(child_id, [s.value for s in statuses])
    found = []
    for pair_id in sorted(set(ids)):
        found.append(await about(session, actor, pair_id))
    return found


async def curated_pairs(session: AsyncSession, actor: Actor) -> list[PlanPair]:
    """The live pairs of the organisations the actor curates (a curator's /plan without a number)."""
    found = []
    for organisation_id in actor.curated_organisations():
        for pair in await PairRepository(session).in_organisation(organisation_id, EDITABLE):
            found.append(await about(session, actor, pair.id))
    return found


async def plan(session: AsyncSession, actor: Actor, pair_id: int) -> Plan:
    found = await about(session, actor, pair_id)
    return Plan(found, tuple(await PlanRepository(session).goals(pair_id)))


async def goal(session: AsyncSession, actor: Actor, pair_id: int, goal_id: int) -> tuple[PlanPair, Goal]:
    """A goal of the pair the actor has open; a goal of any other pair is "not found", whoever asks."""
    found = await about(session, actor, pair_id)
    item = await PlanRepository(session).get(goal_id)
    if item is None or item.pair_id != pair_id:
        raise NotFound("plan-goal-not-found")
    return found, item


def _editor(found: PlanPair) -> None:
    if found.access != Access.MENTOR:
        raise NotAllowed("plan-read-only")
    if not found.can_edit:
        raise DomainError("plan-pair-closed")


async def _audit(session: AsyncSession, clock: Clock, actor: Actor, found: PlanPair, action: str, goal_id: int,
                 **details) -> None:
    await AuditRepository(session).record(
        at=clock.now(), actor_telegram_id=actor.telegram_id, action=f"plan.{action}",
        organisation_id=found.pair.organisation_id, object_type="plan_goal", object_id=goal_id,
        pair_id=found.pair.id, **details,
    )


async def add_goal(session: AsyncSession, clock: Clock, actor: Actor, pair_id: int, title: str,
                   due_date: date | None) -> Goal:
    found = await about(session, actor, pair_id)
    _editor(found)
    title = rules.clean_title(title)
    repo = PlanRepository(session)
    if await repo.count(pair_id) >= MAX_GOALS:
        raise DomainError("plan-too-many-goals", limit=MAX_GOALS)
    if due_date is not None and due_date < clock.now().date():
        raise DomainError("plan-due-past")
    goal_id = await repo.add(pair_id, title, due_date, clock.now())
    await _audit(session, clock, actor, found, "add", goal_id, due=due_date is not None)
    log.info("plan goal added pair_id=%s goal_id=%s", pair_id, goal_id)
    item = await repo.get(goal_id)
    assert item is not None
    return item


async def rename(session: AsyncSession, clock: Clock, actor: Actor, pair_id: int, goal_id: int, title: str) -> Goal:
    found, item = await goal(session, actor, pair_id, goal_id)
    _editor(found)
    title = rules.clean_title(title)
    await PlanRepository(session).change(goal_id, clock.now(), title=title)
    await _audit(session, clock, actor, found, "rename", goal_id)
    return (await goal(session, actor, pair_id, goal_id))[1]


async def set_due(session: AsyncSession, clock: Clock, actor: Actor, pair_id: int, goal_id: int,
                  due_date: date | None) -> Goal:
    found, item = await goal(session, actor, pair_id, goal_id)
    _editor(found)
    if due_date is not None and due_date < clock.now().date():
        raise DomainError("plan-due-past")
    await PlanRepository(session).change(goal_id, clock.now(), due_date=due_date)
    await _audit(session, clock, actor, found, "due", goal_id, due=due_date is not None)
    return (await goal(session, actor, pair_id, goal_id))[1]


async def set_status(session: AsyncSession, clock: Clock, actor: Actor, pair_id: int, goal_id: int,
                     status: GoalStatus) -> Goal:
    found, item = await goal(session, actor, pair_id, goal_id)
    _editor(found)
    new = rules.change_status(item.status, status)
    now = clock.now()
    await PlanRepository(session).change(goal_id, now, status=new)
    await _audit(session, clock, actor, found, "status", goal_id, status=new.value)
    if new == GoalStatus.DONE:
        mentor = found.mentor.full_name if found.mentor and found.mentor.full_name else ""
        for mentee in found.mentees:
            if mentee is None:
                continue
            # Once per goal: reopening and finishing it again does not tell the mentee twice.
            await outbox.notify(
                session, mentee, "plan-goal-done-mentee", {"title": item.title, "mentor": mentor}, now=now,
                kind=OutboxKind.NOTICE, organisation_id=found.pair.organisation_id, ref=f"plan_goal:{goal_id}",
                dedup_key=f"plan-goal-done:{goal_id}:{mentee.id}",
                buttons=[[shortcut("shortcut-plan", Shortcut.PLAN, pair_id)]],
            )
    log.info("plan goal status pair_id=%s goal_id=%s status=%s", pair_id, goal_id, new.value)
    return (await goal(session, actor, pair_id, goal_id))[1]


async def delete(session: AsyncSession, clock: Clock, actor: Actor, pair_id: int, goal_id: int) -> None:
    found, item = await goal(session, actor, pair_id, goal_id)
    _editor(found)
    await PlanRepository(session).delete(goal_id)
    await outbox.cancel(session, f"plan_goal:{goal_id}")
    await _audit(session, clock, actor, found, "delete", goal_id)
    log.info("plan goal deleted pair_id=%s goal_id=%s", pair_id, goal_id)


async def move(session: AsyncSession, clock: Clock, actor: Actor, pair_id: int, goal_id: int, step: int) -> None:
    """One place up (step -1) or down (+1); at the edge nothing changes."""
    found, item = await goal(session, actor, pair_id, goal_id)
    _editor(found)
    repo = PlanRepository(session)
    goals = await repo.goals(pair_id)
    index = next(i for i, g in enumerate(goals) if g.id == goal_id)
    other = index + (1 if step > 0 else -1)
    if not 0 <= other < len(goals):
        return
    # The whole order is written again, so positions stay distinct whatever older edits left behind.
    ordered = [g.id for g in goals]
    ordered[index], ordered[other] = ordered[other], ordered[index]
    await repo.reorder(ordered, clock.now())
    await _audit(session, clock, actor, found, "move", goal_id, step=1 if step > 0 else -1)
