"""What the home screen shows: a button for each thing the person can do now, and nothing else.

Roles decide as bot/commands.py's audiences do (the commands /help lists); for participants the getter also asks
what applies now, through the services the commands call: "new meeting" only for a mentor with an active pair,
"feedback" only while a form waits, "survey" only while one is open, the pair's buttons only once there is a pair.
Reads only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.commands import COMMANDS, audiences
from bot.dialogs.org_picker import invitable_organisations
from bot.handlers.gate import awaiting_consent
from mentorship.clock import Clock
from mentorship.consent import PARTICIPANT_ROLES
from mentorship.entities import Actor
from mentorship.errors import DomainError
from mentorship.roles import Role
from mentorship.services import meetings, pair_changes, surveys
from mentorship.services.plans import LIVE, Access, my_pairs
from mentorship.shortcuts import Shortcut

_AUDIENCE = {spec.name: set(spec.audience) for spec in COMMANDS}
#: The buttons that are not commands are shown to the audience of the command they belong with.
_AUDIENCE[Shortcut.INVITATIONS.value] = _AUDIENCE[Shortcut.INVITE.value]
_AUDIENCE[Shortcut.NEXT_STEP.value] = _AUDIENCE[Shortcut.MENU.value]


async def _succeeds(check) -> bool:
    try:
        await check
    except DomainError:
        return False
    return True


async def getter(actor: Actor, session: AsyncSession, clock: Clock, **_: Any) -> dict[str, Any]:
    person = actor.person
    held = awaiting_consent(actor)
    active_roles = {m.role for m in person.memberships if m.is_active} if person is not None else set()
    participant = bool(active_roles & set(PARTICIPANT_ROLES)) and not held
    pairs = await my_pairs(session, actor, LIVE) if person is not None and not held else []
    own_pair = any(p.access in (Access.MENTOR, Access.MENTEE) for p in pairs)
    feedback = len(await meetings.pending_feedback(session, clock, actor)) if participant else 0
    open_surveys = len(await surveys.open_for(session, clock, person.id)) if participant else 0
    curator = bool(actor.curated_organisations())
    can_invite = (actor.is_superadmin or curator) and bool(await invitable_organisations(session, actor))
    applies_now = {
        Shortcut.NEXT_STEP: held,
        Shortcut.PROFILE: person is not None,
        Shortcut.PRIVACY: person is not None,
        Shortcut.QUESTIONNAIRE: participant,
        Shortcut.MY_PAIR: bool(pairs),
        Shortcut.MEETINGS: participant and own_pair,
        Shortcut.NEW_MEETING: Role.MENTOR in active_roles and own_pair
        and await _succeeds(meetings.mentor_pairs(session, actor)),
        Shortcut.FEEDBACK: feedback > 0,
        Shortcut.SURVEY: open_surveys > 0,
        Shortcut.PLAN: bool(pairs) or curator,
        Shortcut.CHANGE_MENTOR: Role.MENTEE in active_roles and own_pair
        and await _succeeds(pair_changes.changeable(session, actor)),
        Shortcut.INVITE: can_invite,
        Shortcut.INVITATIONS: can_invite,
    }
    mine = audiences(actor)
    shown = {
        to.value: to != Shortcut.MENU and bool(mine & _AUDIENCE[to.value]) and applies_now.get(to, True)
        for to in Shortcut
    }
    if held:
        status = "held"
    elif participant and not own_pair:
        status = "no-pair"
    elif person is None and not actor.is_superadmin:
        status = "not-registered"
    else:
        status = "none"
    return {
        **shown,
        "status": status,
        "child_only": bool(pairs) and not own_pair,  # a parent's: "my child's pair"
        "curator": curator,  # "the pairs' plans" rather than "my plan"
        "feedback_count": feedback,
    }
