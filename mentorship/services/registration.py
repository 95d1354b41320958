"""Joining the programme through an invitation: a new person registers, a known one gains a role."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.transaction import savepoint
from db.repositories.invitations import InvitationRepository
from db.repositories.people import PersonRepository
from mentorship import people as rules
from mentorship.clock import Clock
from mentorship.consent import ConsentKind, initial_status
from mentorship.entities import Membership, Person
from mentorship.errors import DomainError, InvalidInput, InvitationUnusable
from mentorship.roles import CATEGORIES_FOR_ROLE, CATEGORIES_WITH_GROUP, Category
from mentorship.services.participation import refresh_all
from mentorship.services.invitations import InvitationView, usable_invitation


@dataclass(frozen=True, slots=True)
class RegistrationForm:
    full_name: str
    date_of_birth: date
    category: Category
    group_name: str | None
    locale: str


class AlreadyMember(DomainError):
    key = "join-already-member"


def _used_up(view: InvitationView) -> str:
    """Used up while this person was registering: a personal link is not «full», it was used (as when opened)."""
    return "invite-used-once" if view.invitation.max_uses == 1 else "invite-used-up"


async def register(
    session: AsyncSession,
    clock: Clock,
    telegram_id: int,
    invitation_id: int,
    form: RegistrationForm,
    versions: Mapping[ConsentKind, str],
) -> tuple[Person, InvitationView]:
    """Create the person and their membership in one transaction, consuming one use of the link."""
    view = await usable_invitation(session, clock, invitation_id)
    role = view.invitation.role
    today = clock.now().date()
    # The dialog validated each answer already; the service re-checks, because it is the last line.
    full_name = rules.clean_name(form.full_name)
    if form.category not in CATEGORIES_FOR_ROLE[role]:
        raise InvalidInput()
    rules.check_category_age(role, form.category, form.date_of_birth, today)
    group = rules.clean_group(form.group_name) if form.category in CATEGORIES_WITH_GROUP and form.group_name else None
    people = PersonRepository(session)
    if await people.by_telegram_id(telegram_id) is not None:
        raise AlreadyMember("reg-already-registered")
    now = clock.now()
    try:
        async with savepoint(session):
            if not await InvitationRepository(session).consume(invitation_id, now):
                raise InvitationUnusable(_used_up(view))
            person_id = await people.add(
                telegram_id=telegram_id,
                full_name=full_name,
                date_of_birth=form.date_of_birth,
                category=form.category,
                group_name=group,
                locale=form.locale,
                now=now,
            )
            await _add_membership(session, person_id, view, now, telegram_id)
    except IntegrityError:
        # Two registrations from one account raced (double tap); the first one won, the link's use is given back.
        raise AlreadyMember("reg-already-registered") from None
    return await _with_status(session, clock, person_id, versions), view


async def join(
    session: AsyncSession, clock: Clock, person: Person, invitation_id: int, versions: Mapping[ConsentKind, str]
) -> tuple[Person, InvitationView]:
    """A registered person opens another link: they gain its role without re-entering their data."""
    view = await usable_invitation(session, clock, invitation_id)
    invitation = view.invitation
    for m in person.memberships:
        same_scope = (
            m.organisation_id == invitation.organisation_id
            if invitation.municipality is None
            else m.municipality == invitation.municipality
        )
        if m.role == invitation.role and same_scope:
            raise AlreadyMember()
    if person.category is not None and person.category not in CATEGORIES_FOR_ROLE[invitation.role]:
        raise InvalidInput("join-category-mismatch")
    if person.date_of_birth and person.category:
        rules.check_category_age(invitation.role, person.category, person.date_of_birth, clock.now().date())
    now = clock.now()
    try:
        async with savepoint(session):
            if not await InvitationRepository(session).consume(invitation_id, now):
                raise InvitationUnusable(_used_up(view))
            await _add_membership(session, person.id, view, now, person.telegram_id)
    except IntegrityError:
        raise AlreadyMember() from None
    # Consents already given in this organisation (as a mentor, say) may cover the new role too.
    return await _with_status(session, clock, person.id, versions), view


async def _with_status(session: AsyncSession, clock: Clock, person_id: int, versions: Mapping[ConsentKind, str]) -> Person:
    """Derive the new membership's participation status from the consents, then reload."""
    people = PersonRepository(session)
    person = await people.get(person_id)
    assert person is not None
    await refresh_all(session, clock, person, versions)
    person = await people.get(person_id)
    assert person is not None
    return person


async def _add_membership(session, person_id, view: InvitationView, now, telegram_id: int) -> Membership:
    invitation = view.invitation
    membership = await PersonRepository(session).add_membership(
        person_id=person_id,
        role=invitation.role,
        organisation_id=None if invitation.municipality else invitation.organisation_id,
        municipality=invitation.municipality,
        form=invitation.form,
        invitation_id=invitation.id,
        now=now,
        status=initial_status(invitation.role),
    )
    await AuditRepository(session).record(
        at=now,
        actor_telegram_id=telegram_id,
        action="membership.join",
        organisation_id=invitation.organisation_id,
        object_type="membership",
        object_id=membership.id,
        role=invitation.role.value,
        invitation_id=invitation.id,
    )
    return membership
