"""Pairs and their mentees. `pair_mentees.live` is kept equal to "the pair is approved or active" here, in the same
flush as the status, so the partial unique index sees every change."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import PairMenteeRow, PairRow
from mentorship.entities import Pair, PairStatus
from mentorship.roles import MentorshipForm


class PairRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self,
        *,
        organisation_id: int,
        mentor_person_id: int,
        mentee_person_ids: Iterable[int],
        form: MentorshipForm,
        status: PairStatus,
        score: float,
        reasons: list[Mapping[str, Any]],
        proposed_by_telegram_id: int | None,
        now: datetime,
    ) -> int:
        row = PairRow(
            organisation_id=organisation_id,
            mentor_person_id=mentor_person_id,
            form=form.value,
            status=status.value,
            score=round(score * 100),
            reasons=reasons,
            proposed_by_telegram_id=proposed_by_telegram_id,
            created_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        for mentee_id in mentee_person_ids:
            self.session.add(
                PairMenteeRow(pair_id=row.id, mentee_person_id=mentee_id, form=form.value, live=status.live)
            )
        await self.session.flush()
        return row.id

    async def _mentees(self, pair_ids: Collection[int]) -> dict[int, tuple[int, ...]]:
        found: dict[int, list[int]] = defaultdict(list)
        if pair_ids:
            rows = await self.session.execute(
                select(PairMenteeRow.pair_id, PairMenteeRow.mentee_person_id)
                .where(PairMenteeRow.pair_id.in_(pair_ids))
                .order_by(PairMenteeRow.mentee_person_id)
            )
            for pair_id, mentee_id in rows:
                found[pair_id].append(mentee_id)
        return {k: tuple(v) for k, v in found.items()}

    @staticmethod
    def _pair(row: PairRow, mentees: tuple[int, ...]) -> Pair:
        return Pair(
            id=row.id,
            organisation_id=row.organisation_id,
            mentor_person_id=row.mentor_person_id,
            mentee_person_ids=mentees,
            form=MentorshipForm(row.form),
            status=PairStatus(row.status),
            score=row.score / 100,
            reasons=tuple(row.reasons or ()),
            created_at=row.created_at,
            decided_at=row.decided_at,
            reason=row.reason,
            order_number=row.order_number,
            order_date=row.order_date,
        )

    async def get(self, pair_id: int) -> Pair | None:
        row = await self.session.get(PairRow, pair_id, populate_existing=True)
        if row is None:
            return None
        return self._pair(row, (await self._mentees([row.id])).get(row.id, ()))

    async def in_organisation(self, organisation_id: int, statuses: Collection[PairStatus] | None = None) -> list[Pair]:
        query = select(PairRow).where(PairRow.organisation_id == organisation_id)
        if statuses is not None:
            query = query.where(PairRow.status.in_([s.value for s in statuses]))
        rows = list(await self.session.scalars(query.order_by(PairRow.id)))
        mentees = await self._mentees([r.id for r in rows])
        return [self._pair(r, mentees.get(r.id, ())) for r in rows]

    async def delete_proposed(self, organisation_id: int) -> None:
        await self.session.execute(
            delete(PairRow).where(
                PairRow.organisation_id == organisation_id, PairRow.status == PairStatus.PROPOSED.value
            )
        )

    async def decide(
        self,
        pair_id: int,
        status: PairStatus,
        *,
        by_telegram_id: int,
        at: datetime,
        reason: str | None = None,
        order_number: str | None = None,
        order_date: date | None = None,
    ) -> None:
        await self.session.execute(
            update(PairRow)
            .where(PairRow.id == pair_id)
            .values(
                status=status.value,
                decided_by_telegram_id=by_telegram_id,
                decided_at=at,
                reason=reason,
                order_number=order_number,
                order_date=order_date,
            )
        )
        await self.session.execute(
            update(PairMenteeRow).where(PairMenteeRow.pair_id == pair_id).values(live=status.live)
        )
        await self.session.flush()

    async def live_forms_by_mentee(self, mentee_ids: Collection[int] | None = None) -> dict[int, set[MentorshipForm]]:
        query = select(PairMenteeRow.mentee_person_id, PairMenteeRow.form).where(PairMenteeRow.live.is_(True))
        if mentee_ids is not None:
            query = query.where(PairMenteeRow.mentee_person_id.in_(list(mentee_ids)))
        found: dict[int, set[MentorshipForm]] = defaultdict(set)
        for mentee_id, form in await self.session.execute(query):
            found[mentee_id].add(MentorshipForm(form))
        return dict(found)

    async def live_loads(self) -> dict[int, int]:
        """Mentees each mentor has in approved or active pairs, wherever they are."""
        rows = await self.session.execute(
            select(PairRow.mentor_person_id, func.count())
            .join(PairMenteeRow, PairMenteeRow.pair_id == PairRow.id)
            .where(PairMenteeRow.live.is_(True))
            .group_by(PairRow.mentor_person_id)
        )
        return {mentor_id: int(count) for mentor_id, count in rows}
