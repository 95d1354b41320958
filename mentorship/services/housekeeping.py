"""Dropping what is kept no longer: invitations long expired, and dialogs abandoned half-way (their half-typed
answers should not be kept for ever). The scheduler's housekeeping job calls this in its transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.dialogs import DialogRecordRepository
from db.repositories.invitations import InvitationRepository


@dataclass(frozen=True, slots=True)
class Swept:
    invitations: int
    dialogs: int


async def sweep(session: AsyncSession, now: datetime, *, invitations_kept: timedelta, dialogs_kept: timedelta) -> Swept:
    return Swept(
        invitations=await InvitationRepository(session).delete_expired_before(now - invitations_kept),
        dialogs=await DialogRecordRepository(session).delete_untouched_since(now - dialogs_kept),
    )
