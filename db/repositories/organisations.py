"""Organisations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MembershipRow, OrganisationRow
from mentorship.entities import Organisation
from mentorship.roles import MentorshipForm, OrgKind, Role


def _to_entity(row: OrganisationRow) -> Organisation:
    return Organisation(
        id=row.id,
        name=row.name,
        kind=OrgKind(row.kind),
        municipality=row.municipality,
        timezone=row.timezone,
        forms=tuple(MentorshipForm(f) for f in row.forms),
        guardian_consent_age=row.guardian_consent_age,
        guardian_agreement_age=row.guardian_agreement_age,
    )


class OrganisationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self,
        *,
        name: str,
        kind: OrgKind,
        municipality: str,
        timezone: str,
        forms: tuple[MentorshipForm, ...],
        now: datetime,
    ) -> Organisation:
        row = OrganisationRow(
            name=name,
            kind=kind.value,
            municipality=municipality,
            timezone=timezone,
            forms=[f.value for f in forms],
            created_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return _to_entity(row)

    async def get(self, organisation_id: int) -> Organisation | None:
        row = await self.session.get(OrganisationRow, organisation_id)
        return _to_entity(row) if row else None

    async def list(self, ids: list[int] | None = None) -> list[Organisation]:
        query = select(OrganisationRow).order_by(OrganisationRow.name, OrganisationRow.id)
        if ids is not None:
            query = query.where(OrganisationRow.id.in_(ids))
        rows = await self.session.scalars(query)
        return [_to_entity(r) for r in rows]

    async def municipalities(self) -> list[str]:
        rows = await self.session.scalars(
            select(OrganisationRow.municipality).distinct().order_by(OrganisationRow.municipality)
        )
        return list(rows)

    async def role_counts(self) -> dict[int, dict[Role, int]]:
        """Members per organisation and role, for the superadmin's overview."""
        rows = await self.session.execute(
            select(MembershipRow.organisation_id, MembershipRow.role, func.count())
            .where(MembershipRow.organisation_id.is_not(None))
            .group_by(MembershipRow.organisation_id, MembershipRow.role)
        )
        counts: dict[int, dict[Role, int]] = {}
        for org_id, role, n in rows:
            counts.setdefault(org_id, {})[Role(role)] = n
        return counts
