"""What is stored about a person, and erasure on request or when consent never came.

Erasure really erases, in every store the bot writes: names, date of birth, class, Telegram id, answers, reasons
given for a change of mentor, guardian ties; half-finished dialogs in the dialog storage (the database or Redis,
through `DialogStore`); queued messages to them, and the mentions of their name in messages queued for others (the
name becomes "—" in the erasing transaction); their Telegram id wherever it was recorded as who did something
(audit log, pairs, requests). The membership rows stay without identity so the organisation's counts do not
change, the consent records stay as evidence that processing was lawful while it lasted, and the audit rows keep
what happened and when, tied to nobody. The bot keeps no files: exports, charts and QR codes are made in memory.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.consents import ConsentRepository
from db.repositories.meetings import MeetingRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.outbox import OutboxRepository
from db.repositories.pairs import ChangeRequestRepository
from db.repositories.people import PersonRepository
from db.repositories.questionnaires import QuestionnaireRepository
from mentorship.clock import Clock
from mentorship.consent import ConsentRecord
from mentorship.entities import Person
from mentorship.errors import NotAllowed, NotFound
from mentorship.outbox import OutboxKind
from mentorship.roles import Role
from mentorship.services import outbox
from mentorship.services.consents import may_act_for
from mentorship.services.people import curators_of, organisations_of
from mentorship.services.suspension import end_for_erasure

log = logging.getLogger(__name__)

#: What a queued message to someone else shows where it quoted the erased person's name.
ERASED_NAME = "—"


class DialogStore(Protocol):
    """Where open dialogs live (the bot's FSM storage: the database or Redis). The domain needs one thing of it."""

    async def forget_user(self, user_id: int, session: AsyncSession | None = None) -> int:
        """Delete every dialog record of this Telegram user; with `session`, inside that transaction (SQL) — the
        storage must not commit it."""
        ...


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


async def erase(
    session: AsyncSession, clock: Clock, actor: Person | None, subject_person_id: int, reason: str, *,
    dialogs: DialogStore,
) -> Erasure:
    """Erase a person. `actor` None means the retention rule did it (no consent in time)."""
    if actor is not None and not await may_act_for(session, actor, subject_person_id):
        raise NotAllowed()
    people = PersonRepository(session)
    subject = await people.get(subject_person_id)
    if subject is None or subject.telegram_id is None:
        raise NotFound()
    now = clock.now()
    telegram_id = subject.telegram_id
    found_guardians = await people.many(await ConsentRepository(session).guardians_of(subject.id))
    guardians = [g for g in found_guardians.values()
                 if g.telegram_id is not None and (actor is None or g.id != actor.id)]
    left = sorted({m.organisation_id for m in subject.memberships
                   if m.organisation_id is not None and m.role != Role.GUARDIAN})
    # Their pairs end first (a group goes on without them), while the pairs still know who was in them.
    await end_for_erasure(session, clock, subject.id)
    # Questionnaire answers are personal data too (goals in one's own words); their rows cascade.
    await QuestionnaireRepository(session).delete_for_person(subject.id)
    # So are the reasons they gave for wanting another mentor (their own words).
    await ChangeRequestRepository(session).forget_reasons(subject.id)
    await ConsentRepository(session).forget_guardian_ties(subject.id)
    queue = OutboxRepository(session)
    await queue.forget_person(subject.id, telegram_id)
    # Messages to others that quote them (a meeting confirmed by…, a pair announced with…) lose the name; one that
    # carries their Telegram contact is withdrawn.
    await queue.scrub_mentions(subject.full_name, telegram_id, ERASED_NAME)
    # Their words about meetings go; the bare facts (took place, a 1–10 rating) stay, tied to nobody.
    await MeetingRepository(session).forget_texts(subject.id)
    await people.erase_identity(subject.id, now)
    await people.forget_telegram_id(telegram_id)
    await dialogs.forget_user(telegram_id, session=session)
    await AuditRepository(session).record(
        at=now,
        # Who erased is kept only when it was someone else (a parent): the erased person is nobody now.
        actor_telegram_id=actor.telegram_id if actor is not None and actor.id != subject.id else None,
        action="person.erase",
        object_type="person",
        object_id=subject.id,
        reason=reason,
    )
    if reason != "no-consent":
        await _tell_about_leaving(session, now, guardians, left, by_guardian=actor is not None and actor.id != subject.id)
    log.info("person erased person_id=%s reason=%s", subject.id, reason)
    return Erasure(subject.id, telegram_id)


async def _tell_about_leaving(
    session: AsyncSession, now: datetime, guardians: list[Person], organisation_ids: list[int], *, by_guardian: bool
) -> None:
    """Parents learn that their child's data is gone; curators that someone left. Neither message says why, and
    none quotes the erased person: the row would keep what erasure removed."""
    names = {o.id: o.name for o in await OrganisationRepository(session).list(organisation_ids)} if organisation_ids else {}
    for organisation_id in organisation_ids:
        for curator in await curators_of(session, organisation_id):
            await outbox.notify(session, curator, "privacy-told-curator-left",
                                {"organisation": names.get(organisation_id, "")}, now=now,
                                organisation_id=organisation_id, kind=OutboxKind.ALERT)
    key = "privacy-told-guardian-erased-by-other" if by_guardian else "privacy-told-guardian-erased"
    for guardian in guardians:
        await outbox.notify(session, guardian, key,
                            {"organisation": ", ".join(names[i] for i in organisation_ids if i in names)}, now=now,
                            organisation_id=organisation_ids[0] if organisation_ids else None,
                            kind=OutboxKind.NOTICE)


async def erase_overdue(session: AsyncSession, clock: Clock, wait: timedelta, *, dialogs: DialogStore) -> list[Erasure]:
    """Erase people whose participation never became active within `wait` (and who hold no active role)."""
    done = []
    for person_id, _ in await ConsentRepository(session).awaiting_since(clock.now() - wait):
        person = await PersonRepository(session).get(person_id)
        if person is None or person.telegram_id is None or any(m.is_active for m in person.memberships):
            continue
        if any(e.person_id == person_id for e in done):
            continue
        done.append(await erase(session, clock, None, person_id, "no-consent", dialogs=dialogs))
    return done


