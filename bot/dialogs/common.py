"""Helpers the dialogs share: the typed step (a domain rule reads the text, one handler reports its refusal) and
the answers to input a window does not take."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from copy import copy
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any, TypeVar

from aiogram.types import ContentType, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.api.protocols import DialogProtocol
from aiogram_dialog.widgets.input import MessageInput, TextInput

from bot.commands import COMMANDS
from bot.dialogs.widgets import REFUSAL
from bot.filters import NOT_A_COMMAND
from bot.i18n import Localizer
from mentorship.errors import DomainError

TEXT_INPUT_MAX = 4096
T = TypeVar("T")
Rule = Callable[[str], Any]
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


async def buttons_expected(message: Message, _widget: object, manager: DialogManager) -> None:
    """Typed text or a sticker where the window waits for a button: say so, then show the window again."""
    t: Localizer = manager.middleware_data["t"]
    command = message.text is not None and message.text.startswith("/")
    refuse_typed(manager, t(refused_command_key(message.text) if command else "input-use-buttons"))


async def _text_expected(message: Message, _widget: object, manager: DialogManager) -> None:
    """A sticker, a photo or a command at a typed step: say which is wrong, then ask again; nothing changes."""
    t: Localizer = manager.middleware_data["t"]
    refuse_typed(manager, t(refused_command_key(message.text) if message.text else "input-text-expected"))


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


def _refusing(on_success: Callable[..., Any]) -> Callable[..., Awaitable[None]]:
    """`on_success` whose use case may still say no (the pair was suspended meanwhile, the plan is full): its
    refusal goes to `on_refused` like the rule's. A use case that refuses has written nothing (db/transaction.py)."""

    async def run(message: Message, widget: object, manager: DialogManager, value: Any) -> None:
        try:
            await on_success(message, widget, manager, value)
        except DomainError as error:
            await on_refused(message, widget, manager, Refused(error))

    return run


@dataclass(frozen=True, slots=True)
class DialogRule:
    """A rule that needs the dialog at hand — today where the person is, the meeting's format, the question on
    screen: `make(manager)` returns the text rule (or an awaitable of it, when it reads the database)."""

    make: Callable[[DialogManager], Rule | Awaitable[Rule]]


class _DialogRuleInput(TextInput):
    """aiogram-dialog's TextInput whose type factory is made for each message from the dialog at hand."""

    def __init__(self, widget_id: str, rule: DialogRule, **kwargs: Any) -> None:
        super().__init__(widget_id, **kwargs)
        self.rule = rule

    async def process_message(self, message: Message, dialog: DialogProtocol, manager: DialogManager) -> bool:
        if message.content_type != ContentType.TEXT or (message.text or "").startswith("/"):
            return False  # for the step's second input, which says what is expected
        try:
            made = self.rule.make(manager)
            rule = await made if isawaitable(made) else made
        except DomainError as error:
            await self.on_error.process_event(message, self.managed(manager), manager, Refused(error))
            return True
        # One widget serves every chat at once: this message's rule goes on a copy, never on the shared widget.
        reading = copy(self)
        reading.type_factory = domain_parser(rule)
        return await TextInput.process_message(reading, message, dialog, manager)


def typed_step(
    widget_id: str, rule: Rule | DialogRule, on_success: Callable[..., Any]
) -> tuple[TextInput, MessageInput]:
    """A step that waits for typed text: aiogram-dialog's TextInput with the domain rule as its type factory and
    `on_refused` as its one error handler (for the rule's refusal and for that of the use case `on_success` calls);
    anything that is not plain text (a sticker, a photo, a command) goes to the second input, which says what is
    expected. `on_success(message, widget, manager, value)` gets what the rule returned."""
    handlers = {"on_success": _refusing(on_success), "on_error": on_refused, "filter": NOT_A_COMMAND}
    if isinstance(rule, DialogRule):
        text_input: TextInput = _DialogRuleInput(widget_id, rule, **handlers)
    else:
        text_input = TextInput(widget_id, type_factory=domain_parser(rule), **handlers)
    return text_input, MessageInput(_text_expected)
