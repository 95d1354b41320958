"""Plan goals of pairs, and what /mypair and the "no meeting" alert read about a pair's activity.

Meetings are read here only as far as those two need (the last one that took place or should have, the next
planned one); the meetings feature owns writing them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MeetingRow, PairMenteeRow, PairRow, PlanGoalRow
from mentorship.plans import Goal, GoalStatus

_UNSET = object()


def _goal(row: PlanGoalRow) -> Goal:
    return Goal(
        id=row.id, pair_id=row.pair_id, title=row.title, due_date=row.due_date, status=GoalStatus(row.status),
        position=row.position, created_at=row.created_at, updated_at=row.updated_at,
    )


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def goals(self, pair_id: int) -> list[Goal]:
        rows = await self.session.scalars(
            select(PlanGoalRow).where(PlanGoalRow.pair_id == pair_id).order_by(PlanGoalRow.position, PlanGoalRow.id)
        )
        return [_goal(r) for r in rows]

    async def get(self, goal_id: int) -> Goal | None:
        row = await self.session.get(PlanGoalRow, goal_id, populate_existing=True)
        return _goal(row) if row is not None else None

    async def count(self, pair_id: int) -> int:
        return int(await self.session.scalar(
            select(func.count()).select_from(PlanGoalRow).where(PlanGoalRow.pair_id == pair_id)
        ) or 0)

    async def add(self, pair_id: int, title: str, due_date: date | None, now: datetime) -> int:
        last = await self.session.scalar(select(func.max(PlanGoalRow.position)).where(PlanGoalRow.pair_id == pair_id))
        row = PlanGoalRow(pair_id=pair_id, title=title, due_date=due_date, status=GoalStatus.NOT_STARTED.value,
                          position=(last or 0) + 1, created_at=now, updated_at=now)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def change(self, goal_id: int, now: datetime, *, title: str | None = None, due_date: object = _UNSET,
                     status: GoalStatus | None = None) -> None:
        values: dict[str, object] = {"updated_at": now}
        if title is not None:
            values["title"] = title
        if due_date is not _UNSET:
            values["due_date"] = due_date
        if status is not None:
            values["status"] = status.value
        await self.session.execute(update(PlanGoalRow).where(PlanGoalRow.id == goal_id).values(**values))

    async def delete(self, goal_id: int) -> None:
        await self.session.execute(delete(PlanGoalRow).where(PlanGoalRow.id == goal_id))

    async def reorder(self, goal_ids: list[int], now: datetime) -> None:
        """Positions 1, 2, 3… in the given order."""
        for position, goal_id in enumerate(goal_ids, start=1):
            await self.session.execute(
                update(PlanGoalRow).where(PlanGoalRow.id == goal_id).values(position=position, updated_at=now)
            )

    async def completion_by_pair(self, pair_ids: Collection[int] | None = None) -> dict[int, tuple[int, int]]:
        """(done, total) per pair that has goals — for the reports' "plans implemented" figure."""
        query = select(
            PlanGoalRow.pair_id,
            func.count().filter(PlanGoalRow.status == GoalStatus.DONE.value),
            func.count(),
        ).group_by(PlanGoalRow.pair_id)
        if pair_ids is not None:
            query = query.where(PlanGoalRow.pair_id.in_(list(pair_ids)))
        return {pair_id: (int(done), int(total)) for pair_id, done, total in await self.session.execute(query)}


class PairActivityRepository:
    """Which pairs a person belongs to, since when a pair is live, and its meetings as far as activity goes."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def pair_ids_of(self, person_id: int, statuses: Collection[str]) -> list[int]:
        """Pairs in which the person is the mentor or a mentee."""
        as_mentee = select(PairMenteeRow.pair_id).where(PairMenteeRow.mentee_person_id == person_id)
        rows = await self.session.scalars(
            select(PairRow.id)
            .where(PairRow.status.in_(list(statuses)),
                   or_(PairRow.mentor_person_id == person_id, PairRow.id.in_(as_mentee)))
            .order_by(PairRow.id)
        )
        return list(rows)

    async def since(self, pair_ids: Collection[int]) -> dict[int, datetime | None]:
        """When each pair became live: `activated_at`, or the decision for pairs activated before that column."""
        if not pair_ids:
            return {}
        rows = await self.session.execute(
            select(PairRow.id, func.coalesce(PairRow.activated_at, PairRow.decided_at)).where(PairRow.id.in_(list(pair_ids)))
        )
        return {pair_id: at for pair_id, at in rows}

    async def next_meeting(self, pair_id: int, now: datetime) -> MeetingRow | None:
        return await self.session.scalar(
            select(MeetingRow)
            .where(MeetingRow.pair_id == pair_id, MeetingRow.status == "planned", MeetingRow.starts_at > now)
            .order_by(MeetingRow.starts_at)
            .limit(1)
        )

    async def quiet_active_pairs(self, now: datetime, before: datetime) -> list[tuple[int, int, datetime, bool]]:
        """Active pairs whose last meeting (held, or planned and already begun) — or, with none, their activation —
        is before `before`: (pair id, organisation id, that moment, whether it was a meeting). A pair that resumed
        after a pause counts from its resumption if that is later (the pause is not "no meeting")."""
        last_meeting = (
            select(MeetingRow.pair_id, func.max(MeetingRow.starts_at).label("last"))
            .where(or_(MeetingRow.status == "held", and_(MeetingRow.status == "planned", MeetingRow.starts_at <= now)))
            .group_by(MeetingRow.pair_id)
            .subquery()
        )
        since = func.coalesce(PairRow.activated_at, PairRow.decided_at, PairRow.created_at)
        rows = await self.session.execute(
            select(PairRow.id, PairRow.organisation_id, last_meeting.c.last, since, PairRow.resumed_at)
            .outerjoin(last_meeting, last_meeting.c.pair_id == PairRow.id)
            .where(PairRow.status == "active", func.coalesce(last_meeting.c.last, since) < before,
                   or_(PairRow.resumed_at.is_(None), PairRow.resumed_at < before))
            .order_by(PairRow.id)
        )
        found = []
        for pair_id, org_id, last, start, resumed in rows:
            moment, was_meeting = (last, True) if last is not None else (start, False)
            if resumed is not None and resumed > moment:
                moment, was_meeting = resumed, False
            found.append((pair_id, org_id, moment, was_meeting))
        return found
