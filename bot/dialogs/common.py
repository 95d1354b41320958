"""Helpers the dialogs share: reading a text answer safely and reporting a rule's refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aiogram import F
from aiogram.types import Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import MessageInput, TextInput

from bot.commands import COMMANDS
from bot.dialogs.widgets import REFUSAL
from bot.i18n import Localizer
from mentorship.errors import DomainError

TEXT_INPUT_MAX = 4096
T = TypeVar("T")
_KNOWN_COMMANDS = {c.name for c in COMMANDS}


def refused_command_key(text: str) -> str:
    """Why a command reached no handler: the person may not use it here, or it does not exist.

    Every command a person may use is handled before the dialogs (and so interrupts them); one that arrives at a
    dialog's input is one they may not use, and the dialog stays where it was.
    """
    name = text.split()[0][1:].split("@")[0].lower()
    return "command-not-allowed" if name in _KNOWN_COMMANDS else "command-unknown"


def refuse_typed(manager: DialogManager, text: str) -> None:
    """A typed answer is refused: the window is sent again (aiogram-dialog does that after a message) with the
    reason on top, so the refusal and the question come as one message."""
    manager.dialog_data[REFUSAL] = text


async def text_or_complain(message: Message, manager: DialogManager) -> str | None:
    """The message's text, or None after telling the person we need text (a sticker, a photo, a command)."""
    t: Localizer = manager.middleware_data["t"]
    if message.text is None:
        refuse_typed(manager, t("input-text-expected"))
        return None
    if message.text.startswith("/"):
        refuse_typed(manager, t(refused_command_key(message.text)))
        return None
    if len(message.text) > TEXT_INPUT_MAX:
        refuse_typed(manager, t("input-too-long"))
        return None
    return message.text


async def complain(message: Message, manager: DialogManager, error: DomainError) -> None:
    t: Localizer = manager.middleware_data["t"]
    refuse_typed(manager, t(error.key, **error.args_))


async def buttons_expected(message: Message, _widget: object, manager: DialogManager) -> None:
    """Typed text or a sticker where the window waits for a button: say so, then show the window again."""
    t: Localizer = manager.middleware_data["t"]
    command = message.text is not None and message.text.startswith("/")
    refuse_typed(manager, t(refused_command_key(message.text) if command else "input-use-buttons"))


class Refused(ValueError):
    """A domain rule refused typed text; aiogram-dialog's TextInput hands it to `on_refused`."""

    def __init__(self, error: DomainError) -> None:
        super().__init__(error.key)
        self.error = error


def domain_parser(rule: Callable[[str], T]) -> Callable[[str], T]:
    """A TextInput type factory from a domain rule: the rule's refusal becomes the ValueError TextInput expects."""

    def parse(text: str) -> T:
        if len(text) > TEXT_INPUT_MAX:
            raise Refused(DomainError("input-too-long"))
        try:
            return rule(text)
        except DomainError as error:
            raise Refused(error) from error

    return parse


async def on_refused(message: Message, _widget: object, manager: DialogManager, error: ValueError) -> None:
    """The one error handler of typed steps: the window comes again with the rule's reason on top."""
    t: Localizer = manager.middleware_data["t"]
    if isinstance(error, Refused):
        refuse_typed(manager, t(error.error.key, **error.error.args_))
    else:
        refuse_typed(manager, t("error-invalid-input"))


async def _not_text(message: Message, _widget: object, manager: DialogManager) -> None:
    await text_or_complain(message, manager)  # a sticker, a photo, a command: says which, changes nothing


def typed_step(widget_id: str, rule: Callable[[str], Any], on_success: Callable[..., Any]) -> tuple[TextInput, MessageInput]:
    """A step that waits for typed text: aiogram-dialog's TextInput with the domain rule as its type factory and
    `on_refused` as its error handler; anything that is not plain text (a sticker, a photo, a command) goes to the
    second input, which says what is expected."""
    return (
        TextInput(widget_id, type_factory=domain_parser(rule), on_success=on_success, on_error=on_refused,
                  filter=~F.text.startswith("/")),
        MessageInput(_not_text),
    )
