"""Domain errors. Each carries a locale key so the bot can turn it into a kind answer in the user's language."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule said no. `key` names the message in locales/, `args_` fills its placeholders."""

    key: str = "error-generic"

    def __init__(self, key: str | None = None, **args: Any) -> None:
        self.key = key or self.key
        self.args_ = args
        super().__init__(self.key)


class NotAllowed(DomainError):
    key = "error-not-allowed"


class NotFound(DomainError):
    key = "error-not-found"


class InvalidInput(DomainError):
    key = "error-invalid-input"


class InvitationUnusable(DomainError):
    key = "invite-invalid"


class MeetingChanged(DomainError):
    """A button made for a meeting as it was: the meeting has been cancelled or moved since. Nothing is done; the
    bot says what happened and takes the old buttons off the message pressed."""

    key = "meeting-was-cancelled"
