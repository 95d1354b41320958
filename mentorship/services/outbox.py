"""Queueing messages to people, in the transaction of the change that causes them (committed or rolled back with it).

`notify` is how every part of the bot tells someone something on its own initiative: pairs, consents, meetings,
reminders, feedback forms, alerts, surveys and broadcasts. The sender (bot/outbox_sender.py) delivers them,
rendered in the recipient's language at send time, within Telegram's limits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.organisations import OrganisationRepository
from db.repositories.outbox import OutboxRepository
from db.repositories.pairs import PairRepository
from mentorship import suspension
from mentorship.entities import Person
from mentorship.outbox import Button, OutboxKind, outside_quiet_hours
from mentorship.people import address_of

log = logging.getLogger(__name__)


def _addressed(person: Person, args: dict[str, Any] | None) -> dict[str, Any]:
    """Every message speaks to its recipient in their register (`$you`: the informal address to a pupil, the formal
    one to an adult) unless the caller chose otherwise."""
    return {"you": address_of(person.category), **(args or {})}


async def notify(
    session: AsyncSession,
    person: Person,
    key: str,
    args: dict[str, Any] | None = None,
    *,
    now: datetime,
    kind: OutboxKind = OutboxKind.NOTICE,
    organisation_id: int | None = None,
    due_at: datetime | None = None,
    deadline: datetime | None = None,
    urgent: bool = False,
    ref: str | None = None,
    dedup_key: str | None = None,
    buttons: Iterable[Iterable[Button]] = (),
) -> bool:
    """Queue `key` for `person`, due at `due_at` (now by default). Unless `urgent`, a due time in the quiet hours of
    the organisation's timezone moves to the morning (or to the evening before, if the morning is past
    `deadline`). Returns False when nothing was queued: the person has no Telegram account any more (erased), or a
    message with the same `dedup_key` is already queued. A message of the programme to someone whose consent is
    withdrawn, or about a suspended pair, is queued held (mentorship.suspension): kept, and sent if they resume."""
    if person.telegram_id is None:
        return False
    due = due_at or now
    if not urgent and organisation_id is not None:
        organisation = await OrganisationRepository(session).get(organisation_id)
        if organisation is not None:
            due = outside_quiet_hours(due, organisation.timezone, deadline)
    queued = await OutboxRepository(session).add(
        chat_id=person.telegram_id, person_id=person.id, organisation_id=organisation_id, kind=kind.value, key=key,
        args=_addressed(person, args), buttons=buttons, due_at=due, now=now, urgent=urgent, ref=ref, dedup_key=dedup_key,
        locale=person.locale, held=await held_now(session, person.id, organisation_id, kind.value, ref),
    )
    if not queued:
        log.debug("outbox duplicate skipped person_id=%s key=%s", person.id, key)
    return queued


async def cancel(
    session: AsyncSession, ref: str, kinds: Iterable[OutboxKind] | None = None, person_id: int | None = None
) -> int:
    """Withdraw what is still queued about `ref` (e.g. `meeting:12` when it is cancelled or moved), optionally only
    the rows of some kinds or to one person."""
    return await OutboxRepository(session).cancel(ref, None if kinds is None else [k.value for k in kinds], person_id)


async def held_now(session: AsyncSession, person_id: int | None, organisation_id: int | None, kind: str,
                   ref: str | None) -> bool:
    """Whether a message must be held rather than sent now: at queueing, and at the sender's last look before a send
    (a withdrawal may have committed between the two). One statement, and none for messages outside the programme."""
    if person_id is None or not suspension.concerns_programme(kind, ref):
        return False
    about = suspension.about(ref)
    taking_part, pair_status, paused = await PairRepository(session).hold_facts(
        person_id, organisation_id, about.pair_id if about else None, about.meeting_id if about else None
    )
    return suspension.is_held(kind, ref, recipient_taking_part=taking_part, pair_status=pair_status,
                              recipient_paused_in_pair=paused)
