"""Meetings, who is invited to them, and their feedback forms."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MeetingFeedbackRow, MeetingParticipantRow, MeetingRow
from mentorship.meetings import Feedback, Meeting, MeetingKind, MeetingStatus, Participant, Response, TookPlace


def _feedback(row: MeetingFeedbackRow) -> Feedback:
    return Feedback(
        id=row.id, meeting_id=row.meeting_id, person_id=row.person_id,
        took_place=TookPlace(row.took_place) if row.took_place else None, usefulness=row.usefulness,
        comment=row.comment, done=row.done, next_step=row.next_step, completed_at=row.completed_at,
    )


class MeetingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self, *, organisation_id: int, pair_id: int, kind: MeetingKind, starts_at: datetime, duration_minutes: int,
        online: bool, place: str | None, status: MeetingStatus, logged: bool, created_by_person_id: int,
        participants: dict[int, Response], now: datetime,
    ) -> int:
        row = MeetingRow(
            organisation_id=organisation_id, pair_id=pair_id, kind=kind.value, starts_at=starts_at,
            duration_minutes=duration_minutes, online=online, place=place, status=status.value, logged=logged,
            created_by_person_id=created_by_person_id, created_at=now, updated_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        for person_id, response in participants.items():
            self.session.add(MeetingParticipantRow(meeting_id=row.id, person_id=person_id, response=response.value))
        await self.session.flush()
        return row.id

    async def _meetings(self, rows: list[MeetingRow]) -> list[Meeting]:
        ids = [r.id for r in rows]
        people: dict[int, list[Participant]] = {i: [] for i in ids}
        if ids:
            for p in await self.session.scalars(
                select(MeetingParticipantRow).where(MeetingParticipantRow.meeting_id.in_(ids))
                .order_by(MeetingParticipantRow.person_id)
            ):
                people[p.meeting_id].append(Participant(p.person_id, Response(p.response), p.proposed_starts_at))
        return [
            Meeting(
                id=r.id, organisation_id=r.organisation_id, pair_id=r.pair_id, kind=MeetingKind(r.kind),
                starts_at=r.starts_at, duration_minutes=r.duration_minutes, online=r.online, place=r.place,
                status=MeetingStatus(r.status), logged=r.logged, created_by_person_id=r.created_by_person_id,
                participants=tuple(people[r.id]),
            )
            for r in rows
        ]

    async def get(self, meeting_id: int) -> Meeting | None:
        row = await self.session.get(MeetingRow, meeting_id, populate_existing=True)
        return (await self._meetings([row]))[0] if row is not None else None

    async def of_person(self, person_id: int, statuses: Collection[MeetingStatus]) -> list[Meeting]:
        mine = select(MeetingParticipantRow.meeting_id).where(MeetingParticipantRow.person_id == person_id)
        rows = list(
            await self.session.scalars(
                select(MeetingRow)
                .where(MeetingRow.id.in_(mine), MeetingRow.status.in_([s.value for s in statuses]))
                .order_by(MeetingRow.starts_at, MeetingRow.id)
            )
        )
        return await self._meetings(rows)

    async def of_pair(self, pair_id: int) -> list[Meeting]:
        rows = list(
            await self.session.scalars(
                select(MeetingRow).where(MeetingRow.pair_id == pair_id).order_by(MeetingRow.starts_at, MeetingRow.id)
            )
        )
        return await self._meetings(rows)

    async def set_status(self, meeting_id: int, status: MeetingStatus, now: datetime) -> None:
        await self.session.execute(
            update(MeetingRow).where(MeetingRow.id == meeting_id).values(status=status.value, updated_at=now)
        )

    async def move(self, meeting_id: int, starts_at: datetime, now: datetime) -> None:
        await self.session.execute(
            update(MeetingRow).where(MeetingRow.id == meeting_id).values(starts_at=starts_at, updated_at=now)
        )
        await self.session.execute(
            update(MeetingParticipantRow)
            .where(MeetingParticipantRow.meeting_id == meeting_id, MeetingParticipantRow.response != "confirmed")
            .values(response=Response.PENDING.value, responded_at=None, proposed_starts_at=None)
        )

    async def respond(self, meeting_id: int, person_id: int, response: Response, now: datetime) -> None:
        await self.session.execute(
            update(MeetingParticipantRow)
            .where(MeetingParticipantRow.meeting_id == meeting_id, MeetingParticipantRow.person_id == person_id)
            .values(response=response.value, responded_at=now)
        )

    async def propose(self, meeting_id: int, person_id: int, at: datetime) -> None:
        await self.session.execute(
            update(MeetingParticipantRow)
            .where(MeetingParticipantRow.meeting_id == meeting_id, MeetingParticipantRow.person_id == person_id)
            .values(proposed_starts_at=at)
        )

    # --- feedback ---------------------------------------------------------------------------------------------

    async def feedback(self, meeting_id: int, person_id: int) -> Feedback | None:
        row = await self.session.scalar(
            select(MeetingFeedbackRow)
            .where(MeetingFeedbackRow.meeting_id == meeting_id, MeetingFeedbackRow.person_id == person_id)
            .execution_options(populate_existing=True)
        )
        return _feedback(row) if row is not None else None

    async def feedback_of_meeting(self, meeting_id: int) -> list[Feedback]:
        rows = await self.session.scalars(
            select(MeetingFeedbackRow).where(MeetingFeedbackRow.meeting_id == meeting_id).order_by(MeetingFeedbackRow.id)
        )
        return [_feedback(r) for r in rows]

    async def save_feedback(self, meeting_id: int, person_id: int, now: datetime, **values: object) -> None:
        """Creates the person's form on the first answer, then updates it answer by answer."""
        row = await self.session.scalar(
            select(MeetingFeedbackRow)
            .where(MeetingFeedbackRow.meeting_id == meeting_id, MeetingFeedbackRow.person_id == person_id)
        )
        if row is None:
            self.session.add(MeetingFeedbackRow(meeting_id=meeting_id, person_id=person_id, created_at=now, **values))
        else:
            for name, value in values.items():
                setattr(row, name, value)
        await self.session.flush()

    async def forget_texts(self, person_id: int) -> None:
        await self.session.execute(
            update(MeetingFeedbackRow).where(MeetingFeedbackRow.person_id == person_id)
            .values(comment=None, done=None, next_step=None)
        )

    async def pending_feedback(self, person_id: int, now: datetime) -> list[Meeting]:
        """Meetings that ended (or were logged) where the person is a participant and has not completed the form."""
        done = select(MeetingFeedbackRow.meeting_id).where(
            MeetingFeedbackRow.person_id == person_id, MeetingFeedbackRow.completed_at.is_not(None)
        )
        mine = select(MeetingParticipantRow.meeting_id).where(
            MeetingParticipantRow.person_id == person_id, MeetingParticipantRow.response != Response.DECLINED.value
        )
        rows = list(
            await self.session.scalars(
                select(MeetingRow)
                .where(
                    MeetingRow.id.in_(mine), MeetingRow.id.not_in(done), MeetingRow.starts_at <= now,
                    MeetingRow.status.in_([MeetingStatus.PLANNED.value, MeetingStatus.HELD.value,
                                           MeetingStatus.MISSED.value]),
                )
                .order_by(MeetingRow.starts_at)
            )
        )
        return await self._meetings(rows)
