"""Buttons that lead somewhere: each opens what a command opens (the menu's buttons, and the button a notification
carries for the action it asks for — "fill in the questionnaire", "see your pair").

Plain data, so services can put such a button on an outbox message: `v1go:<command>[:<pair id>]`. The bot reads it
back with aiogram's CallbackData of the same prefix (bot/callbacks.py's GoTo) and runs the command's own handler
behind the command's own checks (bot/handlers/shortcuts.py), so a button pressed days later, after a restart or by
someone whose role changed gets the command's answer then, and changes nothing the command would not.
"""

from __future__ import annotations

from enum import StrEnum

from mentorship.outbox import Button

PREFIX = "v1go"


class Shortcut(StrEnum):
    """Where a button leads: a command's name (or, for the two that are not commands, what they open)."""

    MENU = "menu"
    HELP = "help"
    PROFILE = "profile"
    LANGUAGE = "language"
    PRIVACY = "privacy"
    NEXT_STEP = "next"  # what a person held at the consent gate does next (the gate's own answer)
    QUESTIONNAIRE = "questionnaire"
    MY_PAIR = "mypair"
    MEETINGS = "meetings"
    NEW_MEETING = "newmeeting"
    FEEDBACK = "feedback"
    SURVEY = "survey"
    PLAN = "plan"
    CHANGE_MENTOR = "changementor"
    INVITE = "invite"
    INVITATIONS = "invitations"  # the inviter's active links (/invite's second view)
    PARTICIPANTS = "participants"
    MATCH = "match"
    PENDING = "pending"
    PAIRS = "pairs"
    REQUESTS = "requests"
    CAMPAIGN = "campaign"
    BROADCAST = "broadcast"
    COUNTS = "counts"
    STATS = "stats"
    EXPORT = "export"
    NEW_ORGANISATION = "neworg"
    ORGANISATIONS = "orgs"


def shortcut_data(to: Shortcut, pair_id: int | None = None) -> str:
    """The callback data: `pair_id` names the pair for /plan (a curator's `/plan 12`)."""
    return f"{PREFIX}:{to.value}:{pair_id if pair_id is not None else ''}"


def shortcut(key: str, to: Shortcut, pair_id: int | None = None, **args: object) -> Button:
    """A button labelled with locale `key` that does what `/<to>` does."""
    return Button(key, data=shortcut_data(to, pair_id), args=dict(args))


def pair_plan(pair_id: int) -> Button:
    """The curator's way into a pair an alert is about: its plan (`/plan <id>`), which names who is in it."""
    return shortcut("shortcut-pair-plan", Shortcut.PLAN, pair_id, pair=pair_id)
