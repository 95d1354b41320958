"""A curator's announcement (/broadcast) to a role or to everyone in the organisation, through the outbox.

The text is the curator's own: it is stored as a Fluent argument of `broadcast-message` and escaped when rendered,
so markup in it is shown literally. Participants are reached only with an active membership (their consents in
place); the curator who sends it is not among the recipients. Each message has a de-duplication key made of the
broadcast's token (made when the curator starts composing) and the person, so pressing "send" twice sends once.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.broadcasts import BroadcastRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.people import PersonRepository
from mentorship.clock import Clock
from mentorship.entities import Actor, Organisation
from mentorship.errors import InvalidInput, NotAllowed, NotFound
from mentorship.outbox import OutboxKind
from mentorship.roles import Role
from mentorship.services import outbox

log = logging.getLogger(__name__)

TEXT_MAX = 2000
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{8,32}")
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class Audience(StrEnum):
    MENTEES = "mentees"
    MENTORS = "mentors"
    GUARDIANS = "guardians"
    EVERYONE = "everyone"


ROLES: dict[Audience, tuple[Role, ...]] = {
    Audience.MENTEES: (Role.MENTEE,),
    Audience.MENTORS: (Role.MENTOR,),
    Audience.GUARDIANS: (Role.GUARDIAN,),
    Audience.EVERYONE: (Role.MENTEE, Role.MENTOR, Role.GUARDIAN, Role.CURATOR),
}


def clean_text(text: str) -> str:
    cleaned = text.replace("\r\n", "\n").strip()
    if not cleaned:
        raise InvalidInput("broadcast-text-empty")
    if len(cleaned) > TEXT_MAX:
        raise InvalidInput("broadcast-text-too-long", max=TEXT_MAX, length=len(cleaned))
    if any(ch in _BIDI_CONTROLS for ch in cleaned):
        raise InvalidInput("broadcast-text-bad-chars")
    return cleaned


async def _organisation(session: AsyncSession, actor: Actor, organisation_id: int) -> Organisation:
    if not actor.is_curator_of(organisation_id):
        raise NotAllowed()
    organisation = await OrganisationRepository(session).get(organisation_id)
    if organisation is None:
        raise NotFound()
    return organisation


async def _recipients(session: AsyncSession, actor: Actor, organisation_id: int, audience: Audience) -> list[int]:
    sender = actor.person.id if actor.person else None
    return await BroadcastRepository(session).recipients(organisation_id, ROLES[audience], sender)


@dataclass(frozen=True, slots=True)
class Preview:
    organisation: Organisation
    audience: Audience
    text: str
    recipients: int


async def preview(session: AsyncSession, actor: Actor, organisation_id: int, audience: Audience, text: str) -> Preview:
    organisation = await _organisation(session, actor, organisation_id)
    cleaned = clean_text(text)
    return Preview(organisation, audience, cleaned, len(await _recipients(session, actor, organisation_id, audience)))


async def send(
    session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int, audience: Audience, text: str, token: str
) -> int:
    """Queue the announcement for every recipient; returns how many were queued now (0 for a repeated press)."""
    organisation = await _organisation(session, actor, organisation_id)
    cleaned = clean_text(text)
    if not TOKEN_RE.fullmatch(token):
        raise InvalidInput()
    now = clock.now()
    people = PersonRepository(session)
    queued = 0
    for person_id in await _recipients(session, actor, organisation_id, audience):
        person = await people.get(person_id)
        if person is None:
            continue
        if await outbox.notify(
            session, person, "broadcast-message", {"organisation": organisation.name, "text": cleaned},
            now=now, kind=OutboxKind.BROADCAST, organisation_id=organisation_id, ref=f"broadcast:{token}",
            dedup_key=f"broadcast:{token}:{person_id}",
        ):
            queued += 1
    if queued:
        # Ids and counts only: the text may name people and stays out of the log.
        await AuditRepository(session).record(
            at=now, actor_telegram_id=actor.telegram_id, action="broadcast.send", organisation_id=organisation_id,
            object_type="organisation", object_id=organisation_id, audience=audience.value, recipients=queued,
            length=len(cleaned),
        )
    log.info("broadcast queued organisation_id=%s audience=%s recipients=%s", organisation_id, audience.value, queued)
    return queued
