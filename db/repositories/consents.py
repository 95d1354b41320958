"""Consent records, guardianships, guardian links, and the membership status derived from them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    ConsentRow,
    GuardianLinkRow,
    GuardianshipRow,
    MembershipRow,
    PersonRow,
)
from mentorship.consent import (
    PARTICIPANT_ROLES,
    ConsentKind,
    ConsentRecord,
    Decision,
    GivenBy,
    GuardianLink,
)
from mentorship.roles import ParticipationStatus


def _record(row: ConsentRow) -> ConsentRecord:
    return ConsentRecord(
        id=row.id,
        subject_person_id=row.subject_person_id,
        organisation_id=row.organisation_id,
        kind=ConsentKind(row.kind),
        given_by=GivenBy(row.given_by),
        given_by_person_id=row.given_by_person_id,
        status=Decision(row.status),
        version=row.version,
        decided_at=row.decided_at,
        withdrawn_at=row.withdrawn_at,
        withdrawn_by_person_id=row.withdrawn_by_person_id,
    )


class ConsentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_subject(self, person_id: int, organisation_id: int | None = None) -> list[ConsentRecord]:
        query = select(ConsentRow).where(ConsentRow.subject_person_id == person_id)
        if organisation_id is not None:
            query = query.where(ConsentRow.organisation_id == organisation_id)
        return [_record(r) for r in await self.session.scalars(query.order_by(ConsentRow.id))]

    async def add(
        self,
        *,
        subject_person_id: int,
        organisation_id: int,
        kind: ConsentKind,
        given_by: GivenBy,
        given_by_person_id: int,
        status: Decision,
        version: str,
        text_hash: str,
        locale: str,
        now: datetime,
    ) -> None:
        self.session.add(
            ConsentRow(
                subject_person_id=subject_person_id,
                organisation_id=organisation_id,
                kind=kind.value,
                given_by=given_by.value,
                given_by_person_id=given_by_person_id,
                status=status.value,
                version=version,
                text_hash=text_hash,
                locale=locale,
                decided_at=now,
            )
        )
        await self.session.flush()

    async def withdraw(self, person_id: int, organisation_id: int, kind: ConsentKind, by_person_id: int, now: datetime) -> int:
        """Every grant of this kind stops at once, whoever of two parents gave it."""
        result = await self.session.execute(
            update(ConsentRow)
            .where(
                ConsentRow.subject_person_id == person_id,
                ConsentRow.organisation_id == organisation_id,
                ConsentRow.kind == kind.value,
                ConsentRow.status == Decision.GRANTED.value,
            )
            .values(status=Decision.WITHDRAWN.value, withdrawn_at=now, withdrawn_by_person_id=by_person_id)
        )
        return result.rowcount

    async def set_status(self, person_id: int, organisation_id: int, status: ParticipationStatus) -> None:
        await self.session.execute(
            update(MembershipRow)
            .where(
                MembershipRow.person_id == person_id,
                MembershipRow.organisation_id == organisation_id,
                MembershipRow.role.in_([r.value for r in PARTICIPANT_ROLES]),
            )
            .values(status=status.value)
        )

    # --- guardians --------------------------------------------------------------------------------------------
    async def add_link(self, *, token_hash: str, child_person_id: int, organisation_id: int, now: datetime, expires_at: datetime) -> None:
        self.session.add(
            GuardianLinkRow(
                token_hash=token_hash,
                child_person_id=child_person_id,
                organisation_id=organisation_id,
                created_at=now,
                expires_at=expires_at,
            )
        )
        await self.session.flush()

    async def link_by_hash(self, token_hash: str) -> GuardianLink | None:
        row = await self.session.scalar(select(GuardianLinkRow).where(GuardianLinkRow.token_hash == token_hash))
        return GuardianLink(row.id, row.child_person_id, row.organisation_id, row.expires_at, row.used_at) if row else None

    async def link(self, link_id: int) -> GuardianLink | None:
        row = await self.session.get(GuardianLinkRow, link_id)
        return GuardianLink(row.id, row.child_person_id, row.organisation_id, row.expires_at, row.used_at) if row else None

    async def use_link(self, link_id: int, guardian_person_id: int, now: datetime) -> bool:
        """Single use, atomically: of two parents opening one link at once, one wins."""
        result = await self.session.execute(
            update(GuardianLinkRow)
            .where(GuardianLinkRow.id == link_id, GuardianLinkRow.used_at.is_(None), GuardianLinkRow.expires_at > now)
            .values(used_at=now, used_by_person_id=guardian_person_id)
        )
        return result.rowcount == 1

    async def add_guardianship(self, guardian_person_id: int, child_person_id: int, relation: str, now: datetime) -> None:
        exists = await self.session.scalar(
            select(GuardianshipRow.id).where(
                GuardianshipRow.guardian_person_id == guardian_person_id,
                GuardianshipRow.child_person_id == child_person_id,
            )
        )
        if exists is None:
            self.session.add(
                GuardianshipRow(
                    guardian_person_id=guardian_person_id, child_person_id=child_person_id, relation=relation, created_at=now
                )
            )
            await self.session.flush()

    async def children_of(self, guardian_person_id: int) -> list[int]:
        rows = await self.session.scalars(
            select(GuardianshipRow.child_person_id).where(GuardianshipRow.guardian_person_id == guardian_person_id)
        )
        return list(rows)

    async def guardians_of(self, child_person_id: int) -> list[int]:
        rows = await self.session.scalars(
            select(GuardianshipRow.guardian_person_id).where(GuardianshipRow.child_person_id == child_person_id)
        )
        return list(rows)

    async def forget_guardian_ties(self, person_id: int) -> None:
        await self.session.execute(
            delete(GuardianshipRow).where(
                (GuardianshipRow.guardian_person_id == person_id) | (GuardianshipRow.child_person_id == person_id)
            )
        )
        await self.session.execute(delete(GuardianLinkRow).where(GuardianLinkRow.child_person_id == person_id))

    async def awaiting_since(self, before: datetime) -> list[tuple[int, int]]:
        """(person, organisation) pairs whose participation is not active, who joined before `before`, and whose
        last consent decision there (a refusal, a withdrawal) is before `before` too: the wait runs from the last
        decision, so someone who withdrew after a year in the programme has the same time to change their mind."""
        last_decision = (
            select(ConsentRow.id)
            .where(
                ConsentRow.subject_person_id == MembershipRow.person_id,
                ConsentRow.organisation_id == MembershipRow.organisation_id,
                func.coalesce(ConsentRow.withdrawn_at, ConsentRow.decided_at) >= before,
            )
            .exists()
        )
        rows = await self.session.execute(
            select(MembershipRow.person_id, MembershipRow.organisation_id)
            .join(PersonRow, PersonRow.id == MembershipRow.person_id)
            .where(
                MembershipRow.status.in_(
                    [ParticipationStatus.PENDING.value, ParticipationStatus.GUARDIAN.value, ParticipationStatus.DECLINED.value]
                ),
                MembershipRow.created_at < before,
                PersonRow.erased_at.is_(None),
                ~last_decision,
            )
            .distinct()
        )
        return [(p, o) for p, o in rows]
