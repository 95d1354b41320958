"""Creating and listing organisations (superadmins), and reading the ones an actor works with."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.organisations import OrganisationRepository
from mentorship import organisations as rules
from mentorship.clock import Clock
from mentorship.entities import Actor, Organisation
from mentorship.errors import InvalidInput, NotAllowed
from mentorship.roles import MentorshipForm, OrgKind, Role

@dataclass(frozen=True, slots=True)
class OrganisationSummary:
    organisation: Organisation
    counts: dict[Role, int]


async def create_organisation(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    *,
    name: str,
    kind: OrgKind,
    municipality: str,
    timezone: str,
    forms: tuple[MentorshipForm, ...],
) -> Organisation:
    if not actor.is_superadmin:
        raise NotAllowed()
    name = rules.clean_name(name)
    municipality = rules.clean_municipality(municipality)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("org-timezone-unknown") from None
    if not forms:
        raise InvalidInput("org-forms-empty")
    now = clock.now()
    organisation = await OrganisationRepository(session).add(
        name=name, kind=kind, municipality=municipality, timezone=timezone, forms=forms, now=now
    )
    await AuditRepository(session).record(
        at=now,
        actor_telegram_id=actor.telegram_id,
        action="organisation.create",
        organisation_id=organisation.id,
        object_type="organisation",
        object_id=organisation.id,
    )
    return organisation


async def list_organisations(session: AsyncSession, actor: Actor) -> list[OrganisationSummary]:
    """Superadmins see all organisations; curators see the ones they run."""
    repo = OrganisationRepository(session)
    if actor.is_superadmin:
        organisations = await repo.list()
    elif actor.curated_organisations():
        organisations = await repo.list(actor.curated_organisations())
    else:
        raise NotAllowed()
    counts = await repo.role_counts()
    return [OrganisationSummary(o, counts.get(o.id, {})) for o in organisations]


async def municipalities(session: AsyncSession) -> list[str]:
    return await OrganisationRepository(session).municipalities()


async def get_organisation(session: AsyncSession, organisation_id: int) -> Organisation | None:
    return await OrganisationRepository(session).get(organisation_id)


async def curated_by(session: AsyncSession, actor: Actor) -> list[Organisation]:
    """The organisations the actor curates, by name."""
    return await OrganisationRepository(session).list(actor.curated_organisations())


async def visible_to(session: AsyncSession, actor: Actor) -> list[Organisation]:
    """Every organisation for a superadmin; the curated ones for anyone else."""
    repo = OrganisationRepository(session)
    return await repo.list() if actor.is_superadmin else await repo.list(actor.curated_organisations())
