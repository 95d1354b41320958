"""The SQL dialog storage's records (bot/storage.py reads and writes them; this is only their cleanup)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import FsmRecordRow


class DialogRecordRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def delete_untouched_since(self, before: datetime) -> int:
        """Drop the records not written since `before` (abandoned dialogs); returns how many."""
        result = await self.session.execute(delete(FsmRecordRow).where(FsmRecordRow.updated_at < before))
        return result.rowcount or 0
