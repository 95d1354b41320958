"""People and their memberships."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from db.models import MembershipRow, PersonRow
from mentorship.entities import Membership, Person
from mentorship.roles import Category, MentorshipForm, ParticipationStatus, Role


def _membership(row: Any) -> Membership:
    """From an ORM row or a row of `_MEMBERSHIP_COLUMNS`."""
    return Membership(
        id=row.id,
        person_id=row.person_id,
        role=Role(row.role),
        organisation_id=row.organisation_id,
        municipality=row.municipality,
        form=MentorshipForm(row.form) if row.form else None,
        status=ParticipationStatus(row.status),
    )


def _person(row: Any, memberships: list[Any]) -> Person:
    """From ORM rows or rows of `_PERSON_COLUMNS` and `_MEMBERSHIP_COLUMNS`."""
    return Person(
        id=row.id,
        telegram_id=row.telegram_id,
        full_name=row.full_name,
        date_of_birth=row.date_of_birth,
        category=Category(row.category) if row.category else None,
        group_name=row.group_name,
        locale=row.locale,
        memberships=tuple(_membership(m) for m in sorted(memberships, key=lambda m: m.id)),
        unreachable=row.unreachable_at is not None,
    )


#: What `_person` and `_membership` read, for queries of plain rows.
_PERSON_COLUMNS = (
    PersonRow.id, PersonRow.telegram_id, PersonRow.full_name, PersonRow.date_of_birth, PersonRow.category,
    PersonRow.group_name, PersonRow.locale, PersonRow.unreachable_at,
)
_MEMBERSHIP_COLUMNS = (
    MembershipRow.id, MembershipRow.person_id, MembershipRow.role, MembershipRow.organisation_id,
    MembershipRow.municipality, MembershipRow.form, MembershipRow.status,
)

#: Ids per IN list: well inside SQLite's and asyncpg's limits on bound parameters.
_CHUNK = 5000


#: Built once: every update runs it.
_ACTOR = (
    select(PersonRow, MembershipRow)
    .outerjoin(MembershipRow, MembershipRow.person_id == PersonRow.id)
    .where(PersonRow.telegram_id == bindparam("telegram_id"))
    .order_by(MembershipRow.id)
)


class PersonRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_telegram_id(self, telegram_id: int) -> Person | None:
        """The person with their memberships in one query (a left join): every update's actor is loaded by it."""
        rows = (await self.session.execute(_ACTOR, {"telegram_id": telegram_id})).all()
        if not rows:
            return None
        return _person(rows[0][0], [membership for _person_row, membership in rows if membership is not None])

    async def get(self, person_id: int) -> Person | None:
        row = await self.session.get(PersonRow, person_id)
        if row is None:
            return None
        memberships = await self.session.scalars(select(MembershipRow).where(MembershipRow.person_id == row.id))
        return _person(row, list(memberships))

    async def many(self, person_ids: Collection[int]) -> dict[int, Person]:
        """Several people with their memberships in two queries per chunk (ids unknown are left out)."""
        found: dict[int, Person] = {}
        ids = sorted(set(person_ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            rows = list(await self.session.scalars(
                select(PersonRow).where(PersonRow.id.in_(chunk)).execution_options(populate_existing=True)
            ))
            memberships: dict[int, list[MembershipRow]] = defaultdict(list)
            for membership in await self.session.scalars(
                select(MembershipRow).where(MembershipRow.person_id.in_(chunk)).execution_options(populate_existing=True)
            ):
                memberships[membership.person_id].append(membership)
            found.update({row.id: _person(row, memberships[row.id]) for row in rows})
        return found

    async def with_roles(self, organisation_id: int, roles: Collection[Role]) -> list[Person]:
        """Everyone holding one of `roles` in the organisation, with all their memberships, by id: two queries of
        plain columns (no ORM objects: /match reads a whole cohort this way)."""
        holders = (
            select(MembershipRow.person_id)
            .where(MembershipRow.organisation_id == organisation_id, MembershipRow.role.in_([r.value for r in roles]))
            .scalar_subquery()
        )
        rows = await self.session.execute(
            select(*_PERSON_COLUMNS).where(PersonRow.id.in_(holders)).order_by(PersonRow.id)
        )
        memberships: dict[int, list[Any]] = defaultdict(list)
        for membership in await self.session.execute(
            select(*_MEMBERSHIP_COLUMNS).where(MembershipRow.person_id.in_(holders))
        ):
            memberships[membership.person_id].append(membership)
        return [_person(row, memberships[row.id]) for row in rows]

    async def add(
        self,
        *,
        telegram_id: int,
        full_name: str,
        date_of_birth: date | None,
        category: Category | None,
        group_name: str | None,
        locale: str,
        now: datetime,
    ) -> int:
        row = PersonRow(
            telegram_id=telegram_id,
            full_name=full_name,
            date_of_birth=date_of_birth,
            category=category.value if category else None,
            group_name=group_name,
            locale=locale,
            created_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def set_reachable(self, person_id: int) -> None:
        await self.session.execute(update(PersonRow).where(PersonRow.id == person_id).values(unreachable_at=None))

    async def mark_unreachable(self, person_id: int, now: datetime) -> bool:
        """Mark that the person blocked the bot; False if they were marked already."""
        marked = await self.session.execute(
            update(PersonRow).where(PersonRow.id == person_id, PersonRow.unreachable_at.is_(None))
            .values(unreachable_at=now)
        )
        return bool(marked.rowcount)

    async def erase_identity(self, person_id: int, now: datetime) -> None:
        """The person's row keeps no identity, and their memberships stay (the counts do not change) as declined."""
        await self.session.execute(
            update(PersonRow)
            .where(PersonRow.id == person_id)
            .values(telegram_id=None, full_name=None, date_of_birth=None, group_name=None, erased_at=now)
        )
        await self.session.execute(
            update(MembershipRow).where(MembershipRow.person_id == person_id)
            .values(status=ParticipationStatus.DECLINED.value)
        )

    async def forget_telegram_id(self, telegram_id: int) -> None:
        """Every column that records a Telegram id as who did something (audit_log.actor_telegram_id, pairs'
        proposed/decided/ended_by, …) forgets this one; the rows stay, tied to nobody."""
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if column.name.endswith("telegram_id") and column.nullable and table.name != PersonRow.__tablename__:
                    await self.session.execute(update(table).where(column == telegram_id).values({column.name: None}))

    async def set_locale(self, person_id: int, locale: str) -> None:
        await self.session.execute(update(PersonRow).where(PersonRow.id == person_id).values(locale=locale))

    async def add_membership(
        self,
        *,
        person_id: int,
        role: Role,
        organisation_id: int | None,
        municipality: str | None,
        form: MentorshipForm | None,
        invitation_id: int | None,
        now: datetime,
        status: ParticipationStatus = ParticipationStatus.PENDING,
    ) -> Membership:
        row = MembershipRow(
            status=status.value,
            person_id=person_id,
            role=role.value,
            organisation_id=organisation_id,
            municipality=municipality,
            form=form.value if form else None,
            invitation_id=invitation_id,
            created_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return _membership(row)

    async def person_ids_with_role(self, organisation_id: int, role: Role) -> list[int]:
        rows = await self.session.scalars(
            select(MembershipRow.person_id)
            .where(MembershipRow.organisation_id == organisation_id, MembershipRow.role == role.value)
            .order_by(MembershipRow.person_id)
        )
        return list(rows)
