"""Invitation tokens and the rules of who may invite whom.

A token is a random URL-safe string carried in a `t.me/<bot>?start=<token>` deep link; only its SHA-256 is
stored, so a database leak does not leak working links.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from mentorship.entities import Actor, Invitation
from mentorship.errors import InvitationUnusable
from mentorship.roles import PARTICIPANT_ROLES, STAFF_ROLES, Role

TOKEN_BYTES = 18  # 24 URL-safe characters, well under Telegram's 64-character start payload
INVITE_PREFIX = "i"
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,63}")


def new_token() -> str:
    return INVITE_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def looks_like_token(payload: str) -> bool:
    return bool(_TOKEN_RE.fullmatch(payload))


def deep_link(bot_username: str, token: str) -> str:
    return f"https://t.me/{bot_username}?start={token}"


@dataclass(frozen=True, slots=True)
class InvitePolicy:
    """Defaults for a new link: staff links are personal (one use, a week); posters serve a class for a term."""

    days: int
    max_uses: int | None


DEFAULT_POLICY = {
    Role.CURATOR: InvitePolicy(days=7, max_uses=1),
    Role.COORDINATOR: InvitePolicy(days=7, max_uses=1),
    Role.MENTEE: InvitePolicy(days=30, max_uses=100),
    Role.MENTOR: InvitePolicy(days=30, max_uses=50),
}
ALLOWED_DAYS = (1, 7, 30, 90)
ALLOWED_USES = (1, 10, 50, 100, 500)


def invitable_roles(actor: Actor, organisation_id: int) -> tuple[Role, ...]:
    """Roles this actor may hand out in that organisation. Nobody becomes curator by asking."""
    roles: list[Role] = []
    if actor.is_superadmin:
        roles.extend(STAFF_ROLES)
    if actor.is_curator_of(organisation_id):
        roles.extend(PARTICIPANT_ROLES)
    return tuple(roles)


def check_usable(invitation: Invitation, now: datetime) -> None:
    if invitation.revoked_at is not None:
        raise InvitationUnusable("invite-revoked")
    if invitation.expires_at <= now:
        raise InvitationUnusable("invite-expired")
    if invitation.max_uses is not None and invitation.uses >= invitation.max_uses:
        # A personal (single-use) link is "already used", not "full": a curator's own link is one of these.
        raise InvitationUnusable("invite-used-once" if invitation.max_uses == 1 else "invite-used-up")


def expiry(now: datetime, days: int) -> datetime:
    return now + timedelta(days=days)
