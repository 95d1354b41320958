"""Audit log writes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditRow


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(
        self,
        *,
        at: datetime,
        actor_telegram_id: int | None,
        action: str,
        organisation_id: int | None = None,
        object_type: str | None = None,
        object_id: int | None = None,
        **details: Any,
    ) -> None:
        self.session.add(
            AuditRow(
                at=at,
                actor_telegram_id=actor_telegram_id,
                organisation_id=organisation_id,
                action=action,
                object_type=object_type,
                object_id=object_id,
                details=details,
            )
        )

    async def last_at(self, action: str, object_id: int) -> datetime | None:
        return await self.session.scalar(
            select(AuditRow.at)
            .where(AuditRow.action == action, AuditRow.object_id == object_id)
            .order_by(AuditRow.at.desc())
            .limit(1)
        )
