"""Who an announcement reaches. Never commits; returns ids."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MembershipRow, PersonRow
from mentorship.roles import ParticipationStatus, Role


class BroadcastRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def recipients(self, organisation_id: int, roles: Collection[Role], exclude_person_id: int | None) -> list[int]:
        """People with an active membership here in one of `roles` and a Telegram account, each once."""
        query = (
            select(MembershipRow.person_id)
            .join(PersonRow, PersonRow.id == MembershipRow.person_id)
            .where(
                MembershipRow.organisation_id == organisation_id,
                MembershipRow.role.in_([r.value for r in roles]),
                MembershipRow.status == ParticipationStatus.ACTIVE.value,
                PersonRow.telegram_id.is_not(None),
            )
            .distinct()
            .order_by(MembershipRow.person_id)
        )
        if exclude_person_id is not None:
            query = query.where(MembershipRow.person_id != exclude_person_id)
        return list(await self.session.scalars(query))
