"""Creating, listing, revoking and inspecting invitation links."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.invitations import InvitationRepository
from db.repositories.organisations import OrganisationRepository
from mentorship import invitations as rules
from mentorship.clock import Clock
from mentorship.entities import Actor, Invitation, Organisation
from mentorship.errors import InvalidInput, InvitationUnusable, NotAllowed, NotFound
from mentorship.roles import MentorshipForm, Role


@dataclass(frozen=True, slots=True)
class IssuedInvitation:
    invitation: Invitation
    token: str  # shown once, never stored


@dataclass(frozen=True, slots=True)
class InvitationView:
    invitation: Invitation
    organisation: Organisation | None


async def create_invitation(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    *,
    organisation_id: int,
    role: Role,
    form: MentorshipForm | None = None,
    days: int | None = None,
    max_uses: int | None = None,
) -> IssuedInvitation:
    organisation = await OrganisationRepository(session).get(organisation_id)
    if organisation is None:
        raise NotFound()
    if role not in rules.invitable_roles(actor, organisation_id):
        raise NotAllowed("invite-not-allowed")
    if form is not None and (role not in (Role.MENTEE, Role.MENTOR) or form not in organisation.forms):
        raise InvalidInput("invite-form-not-enabled")
    policy = rules.DEFAULT_POLICY[role]
    days = policy.days if days is None else days
    if days not in rules.ALLOWED_DAYS:
        raise InvalidInput()
    max_uses = policy.max_uses if max_uses is None else max_uses
    if max_uses not in rules.ALLOWED_USES:
        raise InvalidInput()
    now = clock.now()
    token = rules.new_token()
    # A coordinator oversees the whole municipality of the organisation the link was made from (seed 004).
    municipality = organisation.municipality if role == Role.COORDINATOR else None
    invitation = await InvitationRepository(session).add(
        token_hash=rules.hash_token(token),
        role=role,
        organisation_id=organisation_id,
        municipality=municipality,
        form=form,
        expires_at=rules.expiry(now, days),
        max_uses=max_uses,
        created_by_telegram_id=actor.telegram_id,
        now=now,
    )
    await AuditRepository(session).record(
        at=now,
        actor_telegram_id=actor.telegram_id,
        action="invitation.create",
        organisation_id=organisation_id,
        object_type="invitation",
        object_id=invitation.id,
        role=role.value,
        form=form.value if form else None,
    )
    return IssuedInvitation(invitation, token)


async def inspect_token(session: AsyncSession, clock: Clock, token: str) -> InvitationView:
    """The invitation behind a deep-link payload, if it can still be used; otherwise InvitationUnusable."""
    if not rules.looks_like_token(token):
        raise InvitationUnusable("invite-unknown")
    invitation = await InvitationRepository(session).by_token_hash(rules.hash_token(token))
    if invitation is None:
        raise InvitationUnusable("invite-unknown")
    rules.check_usable(invitation, clock.now())
    return await _view(session, invitation)


async def usable_invitation(session: AsyncSession, clock: Clock, invitation_id: int) -> InvitationView:
    invitation = await InvitationRepository(session).get(invitation_id)
    if invitation is None:
        raise InvitationUnusable("invite-unknown")
    rules.check_usable(invitation, clock.now())
    return await _view(session, invitation)


async def _view(session: AsyncSession, invitation: Invitation) -> InvitationView:
    organisation = None
    if invitation.organisation_id is not None:
        organisation = await OrganisationRepository(session).get(invitation.organisation_id)
    return InvitationView(invitation, organisation)


async def active_invitations(session: AsyncSession, clock: Clock, actor: Actor) -> list[InvitationView]:
    """Links a person can still revoke: the ones into organisations they curate, and (superadmins) all."""
    repo = OrganisationRepository(session)
    organisations = await repo.list() if actor.is_superadmin else await repo.list(actor.curated_organisations())
    by_id = {o.id: o for o in organisations}
    invitations = await InvitationRepository(session).active_for_organisations(list(by_id), clock.now())
    return [
        InvitationView(i, by_id.get(i.organisation_id))
        for i in invitations
        if i.role in rules.invitable_roles(actor, i.organisation_id)
    ]


async def revoke_invitation(session: AsyncSession, clock: Clock, actor: Actor, invitation_id: int) -> None:
    repo = InvitationRepository(session)
    invitation = await repo.get(invitation_id)
    if invitation is None or invitation.organisation_id is None:
        raise NotFound()
    if invitation.role not in rules.invitable_roles(actor, invitation.organisation_id):
        raise NotAllowed()
    now = clock.now()
    await repo.revoke(invitation_id, now)
    await AuditRepository(session).record(
        at=now,
        actor_telegram_id=actor.telegram_id,
        action="invitation.revoke",
        organisation_id=invitation.organisation_id,
        object_type="invitation",
        object_id=invitation_id,
    )
