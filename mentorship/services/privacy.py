"""What is stored about a person, and erasure on request or when consent never came.

Erasure really erases: names, date of birth, class, Telegram id, answers, reasons given for a change of mentor,
guardian ties and half-finished dialogs go; the membership rows stay without identity so the organisation's counts do not change, and the consent
records stay as evidence that processing was lawful while it lasted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import FsmRecordRow, MembershipRow, PersonRow
from db.repositories.audit import AuditRepository
from db.repositories.consents import ConsentRepository
from db.repositories.meetings import MeetingRepository
from db.repositories.outbox import OutboxRepository
from db.repositories.pairs import ChangeRequestRepository
from db.repositories.people import PersonRepository
from db.repositories.questionnaires import QuestionnaireRepository
from mentorship.clock import Clock
from mentorship.consent import ConsentRecord
from mentorship.entities import Person
from mentorship.errors import NotAllowed, NotFound
from mentorship.roles import ParticipationStatus
from mentorship.services.consents import may_act_for
from mentorship.services.people import organisations_of


@dataclass(frozen=True, slots=True)
class StoredData:
    person: Person
    organisation_names: dict[int, str]
    consents: tuple[ConsentRecord, ...]
    children: tuple[Person, ...]


async def stored_data(session: AsyncSession, actor: Person, subject_person_id: int) -> StoredData:
    if not await may_act_for(session, actor, subject_person_id):
        raise NotAllowed()
    people = PersonRepository(session)
    subject = await people.get(subject_person_id)
    if subject is None:
        raise NotFound()
    organisations = await organisations_of(session, subject)
    consents = tuple(await ConsentRepository(session).for_subject(subject.id))
    children: list[Person] = []
    if subject.id == actor.id:
        for child_id in await ConsentRepository(session).children_of(actor.id):
            child = await people.get(child_id)
            if child is not None and child.telegram_id is not None:
                children.append(child)
    return StoredData(subject, {i: o.name for i, o in organisations.items()}, consents, tuple(children))


@dataclass(frozen=True, slots=True)
class Erasure:
    person_id: int
    telegram_id: int | None


async def erase(session: AsyncSession, clock: Clock, actor: Person | None, subject_person_id: int, reason: str) -> Erasure:
    """Erase a person. `actor` None means the retention rule did it (no consent in time)."""
    if actor is not None and not await may_act_for(session, actor, subject_person_id):
        raise NotAllowed()
    subject = await PersonRepository(session).get(subject_person_id)
    if subject is None or subject.telegram_id is None:
        raise NotFound()
    now = clock.now()
    # Their pairs end first (a group goes on without them), while the pairs still know who was in them.
    from mentorship.services.suspension import end_for_erasure  # it imports the consent service, as this does

    await end_for_erasure(session, clock, subject.id)
    # Questionnaire answers are personal data too (goals in one's own words); their rows cascade.
    await QuestionnaireRepository(session).delete_for_person(subject.id)
    # So are the reasons they gave for wanting another mentor (their own words).
    await ChangeRequestRepository(session).forget_reasons(subject.id)
    await ConsentRepository(session).forget_guardian_ties(subject.id)
    await OutboxRepository(session).forget_person(subject.id)
    # Their words about meetings go; the bare facts (took place, a 1–10 rating) stay, tied to nobody.
    await MeetingRepository(session).forget_texts(subject.id)
    await session.execute(
        update(PersonRow)
        .where(PersonRow.id == subject.id)
        .values(telegram_id=None, full_name=None, date_of_birth=None, group_name=None, erased_at=now)
    )
    await session.execute(
        update(MembershipRow).where(MembershipRow.person_id == subject.id).values(status=ParticipationStatus.DECLINED.value)
    )
    # FSM keys end with ":<user id>:<destiny>[:state|:data]"; the user id is ours alone.
    await session.execute(delete(FsmRecordRow).where(FsmRecordRow.key.like(f"%:{subject.telegram_id}:%")))
    await AuditRepository(session).record(
        at=now,
        actor_telegram_id=actor.telegram_id if actor else None,
        action="person.erase",
        object_type="person",
        object_id=subject.id,
        reason=reason,
    )
    return Erasure(subject.id, subject.telegram_id)


async def erase_overdue(session: AsyncSession, clock: Clock, wait: timedelta) -> list[Erasure]:
    """Erase people whose participation never became active within `wait` (and who hold no active role)."""
    done = []
    for person_id, _ in await ConsentRepository(session).awaiting_since(clock.now() - wait):
        person = await PersonRepository(session).get(person_id)
        if person is None or person.telegram_id is None or any(m.is_active for m in person.memberships):
            continue
        if any(e.person_id == person_id for e in done):
            continue
        done.append(await erase(session, clock, None, person_id, "no-consent"))
    return done


