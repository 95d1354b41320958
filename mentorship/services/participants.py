"""The curator's registry: who is in the programme, who is missing what, and a nudge for those who are stuck."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.people import PersonRepository
from db.repositories.questionnaires import QuestionnaireRepository
from mentorship.clock import Clock
from db.repositories.consents import ConsentRepository
from mentorship.consent import PARTICIPANT_ROLES, ConsentRecord, Stop, stop_reason
from mentorship.entities import Actor, Organisation, Person
from mentorship.errors import DomainError, NotAllowed, NotFound
from mentorship.outbox import Button
from mentorship.people import address_of, age_on
from mentorship.roles import ParticipationStatus, Role
from mentorship.services import outbox, questionnaires
from mentorship.services.consents import Situation, guardian_link_again_data, situation
from mentorship.shortcuts import Shortcut, shortcut

#: A participant is nudged at most this often, however often a curator presses the button.
REMIND_COOLDOWN = timedelta(hours=24)


class Progress(StrEnum):
    """How far a participant is with their intake questionnaire."""

    NONE = "none"
    STARTED = "started"
    DONE = "done"


class Problem(StrEnum):
    CONSENT = "consent"
    QUESTIONNAIRE = "questionnaire"


@dataclass(frozen=True, slots=True)
class ParticipantLine:
    person: Person
    roles: tuple[Role, ...]
    status: ParticipationStatus
    progress: Progress
    stop: Stop | None = None  # for a stopped participation: which consent, refused or withdrawn, by whom


def _curated(actor: Actor, organisation_id: int) -> None:
    if not actor.is_curator_of(organisation_id):
        raise NotAllowed()


async def _progress(session: AsyncSession, organisation_id: int) -> dict[int, Progress]:
    """A person's intake state; someone with two roles is done only when both questionnaires are."""
    found: dict[int, Progress] = {}
    for response in await QuestionnaireRepository(session).responses_in(organisation_id):
        state = Progress.DONE if response.completed_at is not None else Progress.STARTED
        known = found.get(response.person_id)
        found[response.person_id] = Progress.STARTED if known == Progress.STARTED else state
    return found


async def registry(
    session: AsyncSession,
    actor: Actor,
    organisation_id: int,
    role: Role | None = None,
    problem: Problem | None = None,
) -> list[ParticipantLine]:
    _curated(actor, organisation_id)
    people = PersonRepository(session)
    ids: set[int] = set()
    for r in PARTICIPANT_ROLES:
        if role is None or role == r:
            ids.update(await people.person_ids_with_role(organisation_id, r))
    progress = await _progress(session, organisation_id)
    lines = []
    for person_id in sorted(ids):
        person = await people.get(person_id)
        if person is None or person.full_name is None:
            continue  # erased: counted in figures, not listed
        mine = [m for m in person.memberships if m.organisation_id == organisation_id and m.role in PARTICIPANT_ROLES]
        status = mine[0].status
        stop = None
        if status == ParticipationStatus.DECLINED:
            stop = stop_reason(await ConsentRepository(session).for_subject(person_id, organisation_id), person_id)
        line = ParticipantLine(person, tuple(m.role for m in mine), status, progress.get(person_id, Progress.NONE),
                               stop)
        if problem == Problem.CONSENT and status == ParticipationStatus.ACTIVE:
            continue
        if problem == Problem.QUESTIONNAIRE and (status != ParticipationStatus.ACTIVE or line.progress == Progress.DONE):
            continue
        lines.append(line)
    return sorted(lines, key=lambda line: (line.person.full_name or "").casefold())


async def erased_count(session: AsyncSession, actor: Actor, organisation_id: int, role: Role | None = None) -> int:
    """How many participants here erased their data (or were erased when consent never came): the registry says so
    in one line, so the list does not shrink as if a filter were on. Counted, never named."""
    _curated(actor, organisation_id)
    people = PersonRepository(session)
    ids: set[int] = set()
    for r in PARTICIPANT_ROLES:
        if role is None or role == r:
            ids.update(await people.person_ids_with_role(organisation_id, r))
    found = await people.many(ids)
    return sum(1 for p in found.values() if p.full_name is None)


@dataclass(frozen=True, slots=True)
class ParticipantCard:
    line: ParticipantLine
    organisation: Organisation
    age: int | None
    consents: tuple[ConsentRecord, ...]
    situation: Situation
    questionnaires: tuple[questionnaires.Progress, ...]


async def card(session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int, person_id: int) -> ParticipantCard:
    _curated(actor, organisation_id)
    for line in await registry(session, actor, organisation_id):
        if line.person.id == person_id:
            current = await situation(session, clock, line.person, organisation_id)
            organisation = await OrganisationRepository(session).get(organisation_id)
            assert organisation is not None
            born = line.person.date_of_birth
            return ParticipantCard(
                line,
                organisation,
                age_on(born, clock.now().date()) if born else None,
                current.records,
                current,
                tuple(await questionnaires.responses_in(session, organisation_id, person_id)),
            )
    raise NotFound()


class TooSoon(DomainError):
    key = "participants-remind-too-soon"


async def remind(session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int, person_id: int) -> str:
    """Nudge a participant about what they have left to do (queued in the outbox); returns the reminder's key."""
    found = await card(session, clock, actor, organisation_id, person_id)
    status, progress = found.line.status, found.line.progress
    # Each reminder carries the button for what it reminds of.
    if status == ParticipationStatus.PENDING:
        key, button = "reminder-consent", shortcut("shortcut-continue", Shortcut.NEXT_STEP)
    elif status == ParticipationStatus.GUARDIAN:
        key = "reminder-guardian"
        button = Button("gate-new-guardian-link", data=guardian_link_again_data(organisation_id))
    elif status == ParticipationStatus.ACTIVE and progress != Progress.DONE:
        key, button = "reminder-questionnaire", shortcut("shortcut-questionnaire", Shortcut.QUESTIONNAIRE)
    else:
        raise DomainError("participants-nothing-to-remind")
    now = clock.now()
    audit = AuditRepository(session)
    last = await audit.last_at("participant.remind", person_id)
    if last is not None and now - last < REMIND_COOLDOWN:
        raise TooSoon()
    await audit.record(
        at=now, actor_telegram_id=actor.telegram_id, action="participant.remind", organisation_id=organisation_id,
        object_type="person", object_id=person_id, about=key,
    )
    person = found.line.person
    args = {"organisation": found.organisation.name, "you": address_of(person.category)}
    await outbox.notify(session, person, key, args, now=now, organisation_id=organisation_id, buttons=[[button]])
    return key
