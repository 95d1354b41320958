"""Role filters for routers. They read the actor loaded by ActorMiddleware; services check authority again."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject

from mentorship.entities import Actor
from mentorship.roles import Role


class IsSuperadmin(Filter):
    async def __call__(self, _event: TelegramObject, actor: Actor | None = None) -> bool:
        return actor is not None and actor.is_superadmin


class CanInvite(Filter):
    """Superadmins (staff links) and curators (participant links)."""

    async def __call__(self, _event: TelegramObject, actor: Actor | None = None) -> bool:
        return actor is not None and (actor.is_superadmin or bool(actor.curated_organisations()))


class IsCurator(Filter):
    async def __call__(self, _event: TelegramObject, actor: Actor | None = None) -> bool:
        return actor is not None and bool(actor.curated_organisations())


class SeesFigures(Filter):
    """Curators and coordinators (the reports service decides what each of them sees)."""

    async def __call__(self, _event: TelegramObject, actor: Actor | None = None) -> bool:
        if actor is None:
            return False
        return bool(actor.curated_organisations()) or Role.COORDINATOR in actor.roles
