"""Withdrawing a required consent pauses processing at once (152-FZ art. 9 §2, art. 21 §5); giving it again resumes.

A pair (or a group) follows its members' participation:

- the mentor's participation stops → the pair is suspended;
- a mentee's participation stops → that mentee's place is paused; a one-to-one pair is then suspended, while a group
  goes on with the others (it is suspended only when none of its mentees takes part);
- participation is back → the place, and the pair, resume.

While paused, nothing of the programme goes *to* the person (meeting invitations, reminders, feedback forms, surveys,
plan and pair notices), and nothing goes to anyone *about* a suspended pair (its meetings' messages). Such outbox rows
are held — kept, not sent — and released when the pair resumes, unless what they were about has passed meanwhile.
Alerts to curators and the consent notices themselves are not held.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from mentorship.entities import PairStatus
from mentorship.outbox import OutboxKind

#: Kinds that always concern the programme (and so are held for a paused recipient).
PROGRAMME_KINDS = frozenset({OutboxKind.REMINDER, OutboxKind.FEEDBACK, OutboxKind.SURVEY, OutboxKind.BROADCAST})
#: Notices about these things concern the programme too: meetings, feedback forms, pairs, plans, surveys.
PROGRAMME_REFS = ("meeting:", "feedback:", "pair:", "plan_goal:", "survey:")


def concerns_programme(kind: str, ref: str | None) -> bool:
    """Whether a message is part of the programme's processing (held while its recipient is paused). Alerts to
    curators are not; neither are notices with no programme reference (consent outcomes, a curator's nudge to give
    consent), which a paused person must still be able to receive."""
    if kind == OutboxKind.ALERT:
        return False
    if kind in PROGRAMME_KINDS:
        return True
    return ref is not None and ref.startswith(PROGRAMME_REFS)


@dataclass(frozen=True, slots=True)
class About:
    """What a message's `ref` points at, when it is a pair or one of its meetings."""

    pair_id: int | None = None
    meeting_id: int | None = None


def about(ref: str | None) -> About | None:
    """`pair:12` → the pair (only that exact ref: `pair:12:pause` and `pair:12:end` are about the pair's state, and
    must reach people); `meeting:7` and `feedback:7:3` → the meeting. Anything else → None."""
    if not ref:
        return None
    parts = ref.split(":")
    if parts[0] == "pair" and len(parts) == 2 and parts[1].isdigit():
        return About(pair_id=int(parts[1]))
    if parts[0] in ("meeting", "feedback") and len(parts) >= 2 and parts[1].isdigit():
        return About(meeting_id=int(parts[1]))
    return None


def is_held(kind: str, ref: str | None, *, recipient_taking_part: bool, pair_status: PairStatus | None,
            recipient_paused_in_pair: bool = False) -> bool:
    """Hold a message when it concerns the programme and its recipient does not take part now (their consent is
    withdrawn or not given yet), or when it is about a suspended pair or one of its meetings, or when its recipient's
    place in that pair (a group) is paused."""
    if not concerns_programme(kind, ref):
        return False
    if not recipient_taking_part:
        return True
    return pair_status == PairStatus.SUSPENDED or recipient_paused_in_pair


@dataclass(frozen=True, slots=True)
class PairState:
    status: PairStatus
    paused: frozenset[int]  # mentees whose place is paused


def follow(status: PairStatus, mentor_active: bool, mentees_active: Mapping[int, bool]) -> PairState:
    """Where an active or suspended pair stands given its members' participation. Other statuses do not move."""
    paused = frozenset(i for i, active in mentees_active.items() if not active)
    if status not in (PairStatus.ACTIVE, PairStatus.SUSPENDED):
        return PairState(status, paused)
    working = mentor_active and len(paused) < len(mentees_active)
    return PairState(PairStatus.ACTIVE if working else PairStatus.SUSPENDED, paused)


def still_worth_sending(kind: str, meeting_upcoming: bool | None) -> bool:
    """On release: what concerned a meeting that began meanwhile is dropped (its invitation, reminders and feedback
    form — the meeting took place without this person, or not at all); so is an announcement to everyone (a broadcast
    is news of its day). The rest goes, late."""
    if kind == OutboxKind.BROADCAST:
        return False
    if meeting_upcoming is not None:
        return meeting_upcoming
    return True
