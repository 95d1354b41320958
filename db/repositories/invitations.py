"""Invitations (stored by token hash)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import InvitationRow
from mentorship.entities import Invitation
from mentorship.roles import MentorshipForm, Role


def _to_entity(row: InvitationRow) -> Invitation:
    return Invitation(
        id=row.id,
        role=Role(row.role),
        organisation_id=row.organisation_id,
        municipality=row.municipality,
        form=MentorshipForm(row.form) if row.form else None,
        expires_at=row.expires_at,
        max_uses=row.max_uses,
        uses=row.uses,
        revoked_at=row.revoked_at,
        created_at=row.created_at,
        created_by_telegram_id=row.created_by_telegram_id,
    )


class InvitationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self,
        *,
        token_hash: str,
        role: Role,
        organisation_id: int | None,
        municipality: str | None,
        form: MentorshipForm | None,
        expires_at: datetime,
        max_uses: int | None,
        created_by_telegram_id: int,
        now: datetime,
    ) -> Invitation:
        row = InvitationRow(
            token_hash=token_hash,
            role=role.value,
            organisation_id=organisation_id,
            municipality=municipality,
            form=form.value if form else None,
            expires_at=expires_at,
            max_uses=max_uses,
            uses=0,
            created_by_telegram_id=created_by_telegram_id,
            created_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return _to_entity(row)

    async def by_token_hash(self, token_hash: str) -> Invitation | None:
        row = await self.session.scalar(select(InvitationRow).where(InvitationRow.token_hash == token_hash))
        return _to_entity(row) if row else None

    async def get(self, invitation_id: int) -> Invitation | None:
        row = await self.session.get(InvitationRow, invitation_id)
        return _to_entity(row) if row else None

    async def consume(self, invitation_id: int, now: datetime) -> bool:
        """Count one use if the link is still usable. Atomic, so two people racing for the last use can't both win."""
        result = await self.session.execute(
            update(InvitationRow)
            .where(
                InvitationRow.id == invitation_id,
                InvitationRow.revoked_at.is_(None),
                InvitationRow.expires_at > now,
                or_(InvitationRow.max_uses.is_(None), InvitationRow.uses < InvitationRow.max_uses),
            )
            .values(uses=InvitationRow.uses + 1)
        )
        return result.rowcount == 1

    async def revoke(self, invitation_id: int, now: datetime) -> None:
        await self.session.execute(
            update(InvitationRow)
            .where(InvitationRow.id == invitation_id, InvitationRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    async def active_for_organisations(self, organisation_ids: list[int], now: datetime) -> list[Invitation]:
        rows = await self.session.scalars(
            select(InvitationRow)
            .where(
                InvitationRow.organisation_id.in_(organisation_ids),
                InvitationRow.revoked_at.is_(None),
                InvitationRow.expires_at > now,
                or_(InvitationRow.max_uses.is_(None), InvitationRow.uses < InvitationRow.max_uses),
            )
            .order_by(InvitationRow.created_at.desc(), InvitationRow.id.desc())
        )
        return [_to_entity(r) for r in rows]

    async def delete_expired_before(self, before: datetime) -> int:
        """Drop the invitations that expired before `before`; returns how many."""
        result = await self.session.execute(delete(InvitationRow).where(InvitationRow.expires_at < before))
        return result.rowcount or 0
