"""Pairs and their mentees. `pair_mentees.live` is kept equal to "the pair is approved, active or suspended" here, in
the same flush as the status, so the partial unique index sees every change (a mentee who left a group is not live)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MeetingRow, MembershipRow, PairChangeRequestRow, PairMenteeRow, PairRow
from mentorship.entities import ChangeRequest, ChangeRequestStatus, Pair, PairStatus
from mentorship.roles import MentorshipForm, ParticipationStatus, Role


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

    async def add_proposals(
        self,
        *,
        organisation_id: int,
        proposals: Iterable[tuple[int, Iterable[int], MentorshipForm, float, list[Mapping[str, Any]]]],
        proposed_by_telegram_id: int | None,
        now: datetime,
    ) -> list[Pair]:
        """Many proposals at once — (mentor, mentees, form, score, reasons) each — in two batched INSERTs (the
        pairs with RETURNING, then their mentees) rather than two statements per proposal. Returns the pairs as
        stored (what `get` would read back: the score in hundredths, the mentees by id), in the given order."""
        await self.session.flush()  # what the session holds goes first, as with `add` (the sessions do not autoflush)
        proposals = [(mentor, tuple(sorted(mentees)), form, round(score * 100), reasons)
                     for mentor, mentees, form, score, reasons in proposals]
        if not proposals:
            return []
        status = PairStatus.PROPOSED
        ids = list(await self.session.scalars(
            insert(PairRow.__table__).returning(PairRow.id, sort_by_parameter_order=True),  # Core: no ORM bulk path
            [
                {"organisation_id": organisation_id, "mentor_person_id": mentor, "form": form.value,
                 "status": status.value, "score": hundredths, "reasons": reasons,
                 "proposed_by_telegram_id": proposed_by_telegram_id, "created_at": now}
                for mentor, _mentees, form, hundredths, reasons in proposals
            ],
        ))
        await self.session.execute(insert(PairMenteeRow.__table__), [
            {"pair_id": pair_id, "mentee_person_id": mentee, "form": form.value, "live": status.live}
            for pair_id, (_mentor, mentees, form, _score, _reasons) in zip(ids, proposals, strict=True)
            for mentee in mentees
        ])
        created_at = now.astimezone(UTC)  # as UTCDateTime reads it back
        return [
            Pair(id=pair_id, organisation_id=organisation_id, mentor_person_id=mentor, mentee_person_ids=mentees,
                 form=form, status=status, score=hundredths / 100, reasons=tuple(reasons), created_at=created_at)
            for pair_id, (mentor, mentees, form, hundredths, reasons) in zip(ids, proposals, strict=True)
        ]

    async def _mentees(self, pair_ids: Collection[int]) -> dict[int, tuple[tuple[int, ...], tuple[int, ...]]]:
        """pair id → (its mentees, those of them whose place is paused). A mentee who left (erased) is no longer one."""
        found: dict[int, list[int]] = defaultdict(list)
        paused: dict[int, list[int]] = defaultdict(list)
        if pair_ids:
            rows = await self.session.execute(
                select(PairMenteeRow.pair_id, PairMenteeRow.mentee_person_id, PairMenteeRow.suspended_at)
                .where(PairMenteeRow.pair_id.in_(pair_ids), PairMenteeRow.left_at.is_(None))
                .order_by(PairMenteeRow.mentee_person_id)
            )
            for pair_id, mentee_id, suspended_at in rows:
                found[pair_id].append(mentee_id)
                if suspended_at is not None:
                    paused[pair_id].append(mentee_id)
        return {k: (tuple(v), tuple(paused.get(k, ()))) for k, v in found.items()}

    @staticmethod
    def _pair(row: PairRow, mentees: tuple[tuple[int, ...], tuple[int, ...]]) -> Pair:
        ids, paused = mentees
        return Pair(
            id=row.id,
            organisation_id=row.organisation_id,
            mentor_person_id=row.mentor_person_id,
            mentee_person_ids=ids,
            form=MentorshipForm(row.form),
            status=PairStatus(row.status),
            score=row.score / 100,
            reasons=tuple(row.reasons or ()),
            created_at=row.created_at,
            decided_at=row.decided_at,
            reason=row.reason,
            order_number=row.order_number,
            order_date=row.order_date,
            activated_at=row.activated_at,
            ended_at=row.ended_at,
            paused_mentee_ids=paused,
            suspended_at=row.suspended_at,
            resumed_at=row.resumed_at,
        )

    async def get(self, pair_id: int) -> Pair | None:
        row = await self.session.get(PairRow, pair_id, populate_existing=True)
        if row is None:
            return None
        return self._pair(row, (await self._mentees([row.id])).get(row.id, ((), ())))

    async def in_organisation(self, organisation_id: int, statuses: Collection[PairStatus] | None = None) -> list[Pair]:
        query = select(PairRow).where(PairRow.organisation_id == organisation_id)
        if statuses is not None:
            query = query.where(PairRow.status.in_([s.value for s in statuses]))
        rows = list(await self.session.scalars(query.order_by(PairRow.id)))
        mentees = await self._mentees([r.id for r in rows])
        return [self._pair(r, mentees.get(r.id, ((), ()))) for r in rows]

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
                activated_at=at if status == PairStatus.ACTIVE else None,
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

    async def activate(self, pair_id: int, at: datetime) -> bool:
        """approved → active; False when the pair was not waiting any more (someone else activated or ended it)."""
        result = await self.session.execute(
            update(PairRow)
            .where(PairRow.id == pair_id, PairRow.status == PairStatus.APPROVED.value)
            .values(status=PairStatus.ACTIVE.value, activated_at=at)
            .execution_options(synchronize_session=False)
        )
        await self.session.flush()
        return bool(result.rowcount)

    async def end(
        self, pair_id: int, status: PairStatus, *, by_telegram_id: int | None, at: datetime, reason: str | None
    ) -> bool:
        """A live pair → completed or ended, its mentees free again; False when it was not live any more."""
        result = await self.session.execute(
            update(PairRow)
            .where(PairRow.id == pair_id, PairRow.status.in_([s.value for s in PairStatus if s.live]))
            .values(status=status.value, ended_at=at, ended_by_telegram_id=by_telegram_id, reason=reason)
            .execution_options(synchronize_session=False)
        )
        if not result.rowcount:
            return False
        await self.session.execute(
            update(PairMenteeRow).where(PairMenteeRow.pair_id == pair_id).values(live=False)
        )
        await self.session.flush()
        return True

    async def suspend(self, pair_id: int, at: datetime) -> bool:
        """active → suspended; False when the pair was not active (another process got there first)."""
        result = await self.session.execute(
            update(PairRow)
            .where(PairRow.id == pair_id, PairRow.status == PairStatus.ACTIVE.value)
            .values(status=PairStatus.SUSPENDED.value, suspended_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)

    async def resume(self, pair_id: int, at: datetime) -> bool:
        """suspended → active; False when the pair was not suspended."""
        result = await self.session.execute(
            update(PairRow)
            .where(PairRow.id == pair_id, PairRow.status == PairStatus.SUSPENDED.value)
            .values(status=PairStatus.ACTIVE.value, resumed_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)

    async def pause_mentee(self, pair_id: int, mentee_person_id: int, at: datetime | None) -> bool:
        """Pause a mentee's place (`at`) or resume it (None); False when it already was so."""
        condition = PairMenteeRow.suspended_at.is_(None) if at is not None else PairMenteeRow.suspended_at.is_not(None)
        result = await self.session.execute(
            update(PairMenteeRow)
            .where(PairMenteeRow.pair_id == pair_id, PairMenteeRow.mentee_person_id == mentee_person_id, condition)
            .values(suspended_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)

    async def leave(self, pair_id: int, mentee_person_id: int, at: datetime) -> None:
        """A mentee's place in a group ends (erasure) while the group goes on."""
        await self.session.execute(
            update(PairMenteeRow)
            .where(PairMenteeRow.pair_id == pair_id, PairMenteeRow.mentee_person_id == mentee_person_id)
            .values(left_at=at, live=False)
            .execution_options(synchronize_session=False)
        )

    async def with_member(self, person_id: int, statuses: Collection[PairStatus]) -> list[Pair]:
        """Pairs in these statuses where the person is the mentor or one of the mentees, oldest first."""
        as_mentee = select(PairMenteeRow.pair_id).where(
            PairMenteeRow.mentee_person_id == person_id, PairMenteeRow.left_at.is_(None)
        )
        rows = list(
            await self.session.scalars(
                select(PairRow)
                .where(
                    PairRow.status.in_([s.value for s in statuses]),
                    or_(PairRow.mentor_person_id == person_id, PairRow.id.in_(as_mentee)),
                )
                .order_by(PairRow.id)
            )
        )
        mentees = await self._mentees([r.id for r in rows])
        return [self._pair(r, mentees.get(r.id, ((), ()))) for r in rows]

    async def hold_facts(
        self, person_id: int | None, organisation_id: int | None, pair_id: int | None, meeting_id: int | None
    ) -> tuple[bool, PairStatus | None, bool]:
        """What mentorship.suspension.is_held needs, in one statement: whether the person takes part in the
        organisation (True for someone with no participant role there: a curator, a parent), the status of the pair
        (or of a meeting's pair), and whether the person's place in it is paused."""
        stopped = (
            select(MembershipRow.id)
            .where(
                MembershipRow.person_id == person_id,
                MembershipRow.organisation_id == organisation_id,
                MembershipRow.role.in_([Role.MENTOR.value, Role.MENTEE.value]),
                MembershipRow.status != ParticipationStatus.ACTIVE.value,
            )
            .exists()
        )
        if meeting_id is not None:
            pair_key = select(MeetingRow.pair_id).where(MeetingRow.id == meeting_id).scalar_subquery()
        else:
            pair_key = pair_id
        status = select(PairRow.status).where(PairRow.id == pair_key).scalar_subquery()
        paused = (
            select(PairMenteeRow.pair_id)
            .where(PairMenteeRow.pair_id == pair_key, PairMenteeRow.mentee_person_id == person_id,
                   PairMenteeRow.suspended_at.is_not(None))
            .exists()
        )
        row = (await self.session.execute(select(stopped, status, paused))).one()
        return (not row[0], PairStatus(row[1]) if row[1] else None, bool(row[2]))

    async def turned_down(self, organisation_id: int) -> dict[int, set[int]]:
        """mentee id → mentors of the organisation's rejected or early-ended pairs with them (not suggested again)."""
        rows = await self.session.execute(
            select(PairMenteeRow.mentee_person_id, PairRow.mentor_person_id)
            .join(PairRow, PairRow.id == PairMenteeRow.pair_id)
            .where(
                PairRow.organisation_id == organisation_id,
                PairRow.status.in_([PairStatus.REJECTED.value, PairStatus.ENDED.value]),
            )
        )
        found: dict[int, set[int]] = defaultdict(set)
        for mentee_id, mentor_id in rows:
            found[mentee_id].add(mentor_id)
        return dict(found)


def _request(row: PairChangeRequestRow) -> ChangeRequest:
    return ChangeRequest(
        id=row.id,
        organisation_id=row.organisation_id,
        pair_id=row.pair_id,
        mentee_person_id=row.mentee_person_id,
        reason=row.reason,
        status=ChangeRequestStatus(row.status),
        created_at=row.created_at,
        resolved_at=row.resolved_at,
    )


class ChangeRequestRepository:
    """A mentee's requests for another mentor. The partial unique index allows one open request per pair and
    mentee; `add` lets its IntegrityError through for the service to answer."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *, organisation_id: int, pair_id: int, mentee_person_id: int, reason: str, now: datetime) -> int:
        row = PairChangeRequestRow(
            organisation_id=organisation_id, pair_id=pair_id, mentee_person_id=mentee_person_id, reason=reason,
            status=ChangeRequestStatus.OPEN.value, created_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def get(self, request_id: int) -> ChangeRequest | None:
        row = await self.session.get(PairChangeRequestRow, request_id, populate_existing=True)
        return _request(row) if row else None

    async def open_for(self, pair_id: int, mentee_person_id: int | None = None) -> list[ChangeRequest]:
        query = select(PairChangeRequestRow).where(
            PairChangeRequestRow.pair_id == pair_id, PairChangeRequestRow.status == ChangeRequestStatus.OPEN.value
        )
        if mentee_person_id is not None:
            query = query.where(PairChangeRequestRow.mentee_person_id == mentee_person_id)
        return [_request(r) for r in await self.session.scalars(query.order_by(PairChangeRequestRow.id))]

    async def open_in(self, organisation_id: int) -> list[ChangeRequest]:
        rows = await self.session.scalars(
            select(PairChangeRequestRow)
            .where(
                PairChangeRequestRow.organisation_id == organisation_id,
                PairChangeRequestRow.status == ChangeRequestStatus.OPEN.value,
            )
            .order_by(PairChangeRequestRow.id)
        )
        return [_request(r) for r in rows]

    async def resolve(
        self, request_ids: Collection[int], status: ChangeRequestStatus, *, by_telegram_id: int, at: datetime
    ) -> int:
        """Close open requests; returns how many were still open (a double tap closes nothing twice)."""
        if not request_ids:
            return 0
        result = await self.session.execute(
            update(PairChangeRequestRow)
            .where(
                PairChangeRequestRow.id.in_(list(request_ids)),
                PairChangeRequestRow.status == ChangeRequestStatus.OPEN.value,
            )
            .values(status=status.value, resolved_at=at, resolved_by_telegram_id=by_telegram_id)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount or 0

    async def forget_reasons(self, mentee_person_id: int) -> None:
        """Erasure: the mentee's own words go; that a request was made stays (without who, once they are erased)."""
        await self.session.execute(
            update(PairChangeRequestRow)
            .where(PairChangeRequestRow.mentee_person_id == mentee_person_id)
            .values(reason=None)
            .execution_options(synchronize_session=False)
        )
