"""A pair's life after it is proposed: approval (active at once, or waiting for consents) or rejection, and the end —
early with a reason, or completed — with what each side is told.

The database has the last word on "one live pair per mentee and form" (a partial unique index): two curators
approving two proposals for one mentee at the same moment get one approval and one `pair-mentee-taken`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.consents import ConsentRepository
from db.repositories.pairs import ChangeRequestRepository, PairRepository
from db.repositories.people import PersonRepository
from db.transaction import savepoint
from mentorship.clock import Clock
from mentorship.entities import Actor, ChangeRequestStatus, Pair, PairStatus, Person
from mentorship.errors import DomainError, InvalidInput
from mentorship.outbox import OutboxKind
from mentorship.people import address_of
from mentorship.services import meetings, outbox
from mentorship.services.consents import Versions
from mentorship.services.pairs.announcements import tell_active
from mentorship.services.pairs.cards import PairCard, cards, curated_organisation, display_name, owned
from mentorship.services.pairs.proposals import broken_rules, load_cohort, violation_error
from mentorship.services.people import curator_args

log = logging.getLogger(__name__)

#: The curator's words on a rejection or an early end are stored, so they are kept short.
REASON_LIMIT = 300
ORDER_NUMBER_LIMIT = 40
_DATE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$")


class MenteeTaken(DomainError):
    key = "pair-mentee-taken"


def parse_order(text: str | None, today: date, date_words: Collection[str]) -> tuple[str | None, date | None]:
    """An order's number, optionally followed by its date (dd.mm.yyyy), with or without one of `date_words` (case-
    folded; locales/ lists them) between → (number, date). A date that is not a real one (31.02, a two-digit year,
    years away) is refused rather than stored wrong."""
    words = (text or "").split()
    order_date = None
    if words and _DATE.match(words[-1]):
        raw = words.pop().replace("/", ".")
        day, month, year = raw.split(".")
        if len(year) != 4:
            raise InvalidInput("pair-order-date-invalid", text=raw)
        try:
            order_date = date(int(year), int(month), int(day))
        except ValueError:
            raise InvalidInput("pair-order-date-invalid", text=raw) from None
        if not (date(2000, 1, 1) <= order_date <= date(today.year + 1, 12, 31)):
            raise InvalidInput("pair-order-date-invalid", text=raw)
        if words and words[-1].casefold() in date_words:
            words.pop()
    elif words and words[-1].casefold() in date_words:
        raise InvalidInput("pair-order-date-missing")
    number = " ".join(words) or None
    if number is not None and len(number) > ORDER_NUMBER_LIMIT:
        raise DomainError("pair-order-too-long", limit=ORDER_NUMBER_LIMIT)
    if number is None and order_date is not None:
        raise InvalidInput("pair-order-date-without-number")
    return number, order_date


async def approve(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    pair_id: int,
    order_number: str | None = None,
    order_date: date | None = None,
    *,
    versions: Versions | None = None,
) -> PairCard:
    """Decide a proposal. The rules are checked again (answers, consents and other pairs may have changed since),
    for every mentee of a group. When everyone in it has every consent the pair is active at once and both sides
    (and guardians of minors) are told; otherwise it is approved and waits, and nobody is told anything yet (no
    partner's data before consent). `versions` are the current consent texts (for sharing contacts; without them
    no contact is shared)."""
    pair = await owned(session, actor, pair_id)
    if pair.status != PairStatus.PROPOSED:
        raise DomainError("pair-not-proposed", id=pair_id)
    if order_number is not None and len(order_number) > ORDER_NUMBER_LIMIT:
        raise DomainError("pair-order-too-long", limit=ORDER_NUMBER_LIMIT)
    organisation = await curated_organisation(session, actor, pair.organisation_id)
    cohort = await load_cohort(session, clock, organisation, waiting=True)
    repo = PairRepository(session)
    live = await repo.live_forms_by_mentee(pair.mentee_person_ids)
    violations = broken_rules(cohort, pair.mentor_person_id, pair.mentee_person_ids, live)
    if violations:
        raise violation_error(violations[0])
    ready = cohort.all_active(pair.mentor_person_id, pair.mentee_person_ids)
    status = PairStatus.ACTIVE if ready else PairStatus.APPROVED
    now = clock.now()
    try:
        async with savepoint(session):
            await repo.decide(
                pair_id, status, by_telegram_id=actor.telegram_id, at=now, order_number=order_number,
                order_date=order_date,
            )
    except IntegrityError:
        log.info("pair approval lost a race pair_id=%s", pair_id)
        raise MenteeTaken() from None
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="pair.approve", organisation_id=pair.organisation_id,
        object_type="pair", object_id=pair_id, status=status.value, mentees=len(pair.mentee_person_ids),
    )
    if ready:
        await tell_active(session, clock, pair_id, versions)
    log.info("pair approved pair_id=%s status=%s", pair_id, status.value)
    (card,) = await cards(session, [await owned(session, actor, pair_id)])
    return card


async def reject(session: AsyncSession, clock: Clock, actor: Actor, pair_id: int, reason: str | None = None) -> Pair:
    pair = await owned(session, actor, pair_id)
    if pair.status != PairStatus.PROPOSED:
        raise DomainError("pair-not-proposed", id=pair_id)
    reason = (reason or "").strip() or None
    if reason is not None and len(reason) > REASON_LIMIT:
        raise DomainError("pair-reason-too-long", limit=REASON_LIMIT)
    now = clock.now()
    await PairRepository(session).decide(
        pair_id, PairStatus.REJECTED, by_telegram_id=actor.telegram_id, at=now, reason=reason
    )
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="pair.reject", organisation_id=pair.organisation_id,
        object_type="pair", object_id=pair_id, with_reason=reason is not None,
    )
    log.info("pair rejected pair_id=%s", pair_id)
    found = await PairRepository(session).get(pair_id)
    assert found is not None
    return found


async def end_pair(
    session: AsyncSession, clock: Clock, actor: Actor, pair_id: int, reason: str | None, *, complete: bool = False
) -> Pair:
    """End a live pair early (`reason` required) or complete it (the programme is done; a reason is optional). The
    mentees are free for matching again, both sides and the minors' guardians are told, and open requests to
    change mentor in it are closed. The audit log records whether a reason was given, never the reason."""
    pair = await owned(session, actor, pair_id)
    reason = (reason or "").strip() or None
    if not complete and reason is None:
        raise InvalidInput("pair-end-reason-needed")
    if reason is not None and len(reason) > REASON_LIMIT:
        raise DomainError("pair-reason-too-long", limit=REASON_LIMIT)
    await finish(session, clock, actor, pair, PairStatus.COMPLETED if complete else PairStatus.ENDED, reason)
    log.info("pair finished pair_id=%s status=%s", pair_id, "completed" if complete else "ended")
    found = await PairRepository(session).get(pair_id)
    assert found is not None
    return found


async def finish(
    session: AsyncSession, clock: Clock, actor: Actor, pair: Pair, status: PairStatus, reason: str | None,
    *, requested_by: int | None = None,
) -> None:
    """The shared part of ending a pair. `requested_by`: the mentee whose request it granted."""
    if not pair.status.live:
        raise DomainError("pair-not-live", id=pair.id)
    now = clock.now()
    repo = PairRepository(session)
    if not await repo.end(pair.id, status, by_telegram_id=actor.telegram_id, at=now, reason=reason):
        raise DomainError("pair-not-live", id=pair.id)
    requests = ChangeRequestRepository(session)
    await requests.resolve([r.id for r in await requests.open_for(pair.id)], ChangeRequestStatus.DONE,
                           by_telegram_id=actor.telegram_id, at=now)
    # A notice still held back by the quiet hours ("your pair is active") is no longer true.
    await outbox.cancel(session, f"pair:{pair.id}")
    # Nor are its planned meetings: cancelled, their reminders withdrawn, the mentees told.
    await meetings.cancel_for_ended_pair(session, clock, pair)
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action=f"pair.{status.value}",
        organisation_id=pair.organisation_id, object_type="pair", object_id=pair.id, with_reason=reason is not None,
        on_request=requested_by is not None,
    )
    if pair.status in (PairStatus.ACTIVE, PairStatus.SUSPENDED):
        # A member whose consent is withdrawn hears of it only if they come back (the notice is held).
        await _tell_finished(session, clock, actor, pair, status, reason, requested_by)
    elif requested_by is not None:  # a waiting pair was never announced: only the one who asked hears of it
        mentee = await PersonRepository(session).get(requested_by)
        if mentee is not None:
            await outbox.notify(session, mentee, "pair-over-request-granted-waiting",
                                {"id": pair.id, "you": address_of(mentee.category)},
                                now=now, kind=OutboxKind.NOTICE, organisation_id=pair.organisation_id,
                                ref=f"pair:{pair.id}:end")


async def _tell_finished(
    session: AsyncSession, clock: Clock, actor: Actor, pair: Pair, status: PairStatus, reason: str | None,
    requested_by: int | None,
) -> None:
    """Each member and their parents hear that the pair is over, and from whom: the curator who ended it is named
    with a link to write to them (a superadmin, who has no name here, is "the curator")."""
    (card,) = await cards(session, [pair])
    mentees = [m for m in card.mentees if m is not None]
    how = "completed" if status == PairStatus.COMPLETED else ("ended-reason" if reason else "ended")
    base: dict[str, Any] = {"id": pair.id, **curator_args(actor.person)}
    if reason:
        base["reason"] = reason
    told: list[tuple[Person, str, dict[str, Any]]] = []
    if card.mentor is not None:
        told.append((card.mentor, f"pair-over-{how}", {**base, "partner": ", ".join(display_name(m) for m in mentees)}))
    for mentee in mentees:
        key = "pair-over-request-granted" if mentee.id == requested_by else f"pair-over-{how}"
        told.append((mentee, key, {**base, "partner": display_name(card.mentor)}))
    consents, people = ConsentRepository(session), PersonRepository(session)
    for person, key, args in list(told):
        for guardian_id in await consents.guardians_of(person.id):
            guardian = await people.get(guardian_id)
            if guardian is not None:
                told.append((guardian, key.replace("pair-over-", "pair-over-guardian-"),
                             {**args, "child": display_name(person)}))
    for person, key, args in told:
        args = {**args, "you": address_of(person.category)}
        await outbox.notify(session, person, key, args, now=clock.now(), kind=OutboxKind.NOTICE,
                            organisation_id=pair.organisation_id, ref=f"pair:{pair.id}:end")
