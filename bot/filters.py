"""Filters for routers and dialog inputs. Role filters read the actor loaded by ActorMiddleware; services check
authority again.

Every filter here is a coroutine. aiogram runs a plain callable — a magic filter such as `F.chat.type == "private"`
included — in a worker thread (`asyncio.to_thread`), one thread hop per handler it guards on every update that
reaches it: 5 % of a questionnaire step's CPU and a wait for a free worker on top. `Magic` checks a magic filter in
the event loop instead; tests/test_filters_in_loop.py fails on any filter that would run in a thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aiogram import F
from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.fsm.state import StatesGroup
from aiogram.types import TelegramObject
from aiogram_dialog.api.entities import Context
from magic_filter import MagicFilter

from mentorship.entities import Actor
from mentorship.roles import Role


class Magic(Filter):
    """A magic filter, resolved in the event loop (it only reads the event's attributes)."""

    def __init__(self, magic: MagicFilter) -> None:
        self.magic = magic

    async def __call__(self, event: TelegramObject) -> Any:
        return self.magic.resolve(event)


#: A message in a private chat, a button under one, a text that is no command.
PRIVATE = Magic(F.chat.type == ChatType.PRIVATE)
PRIVATE_BUTTON = Magic(F.message.chat.type == ChatType.PRIVATE)
NOT_A_COMMAND = Magic(~F.text.startswith("/"))


class CommandText(Filter):
    """A message whose text (or caption, as aiogram's `Command` reads) starts with the command prefix. The first
    filter of a router whose messages are all commands: everything else (an answer typed, a button's text) passes
    that router at the cost of one comparison, instead of each of its handlers' `Command` parsing the text and its
    other filters running first. tests/test_filters_in_loop.py checks that such a router has no other handler."""

    async def __call__(self, event: TelegramObject) -> bool:
        text = getattr(event, "text", None) or getattr(event, "caption", None)
        return bool(text) and text.startswith("/")


A_COMMAND = CommandText()
A_DOCUMENT = Magic(F.document)


class CommandOrDocument(Filter):
    """What the routers of commands (bot/app.py, `commands`) handle among messages: a command (`A_COMMAND`) or a
    file (a curator's questionnaire upload, `A_DOCUMENT`). Anything else — an answer typed into a dialog — passes
    all of them at the cost of this one check instead of visiting each. tests/test_filters_in_loop.py checks that
    no message handler behind it takes anything else."""

    async def __call__(self, event: TelegramObject) -> bool:
        return getattr(event, "document", None) is not None or await A_COMMAND(event)


COMMAND_OR_DOCUMENT = CommandOrDocument()


class InDialogOf(Filter):
    """The update belongs to an open dialog of one of these state groups (aiogram-dialog's context for it, which its
    intent middleware found before the routers run): one check for a router of dialogs, each of which would
    otherwise check its own group in turn."""

    def __init__(self, groups: Iterable[type[StatesGroup]]) -> None:
        self.groups = frozenset(groups)

    async def __call__(self, _event: TelegramObject, aiogd_context: Context | None = None) -> bool:
        return aiogd_context is not None and aiogd_context.state.group in self.groups


class IsSuperadmin(Filter):
    async def __call__(self, _event: TelegramObject, actor: Actor | None = None) -> bool:
        return actor is not None and actor.is_superadmin


class CanInvite(Filter):
    """Superadmins (staff links) and curators (participant links)."""

    async def __call__(self, _event: TelegramObject, actor: Actor | None = None) -> bool:
        return actor is not None and (actor.is_superadmin or bool(actor.curated_organisations()))


class IsCurator(Filter):
    async def __call__(self, _event: TelegramObject, actor: Actor | None = None) -> bool:
        return actor is not None and bool(actor.curated_organisations())


class SeesFigures(Filter):
    """Curators and coordinators (the reports service decides what each of them sees)."""

    async def __call__(self, _event: TelegramObject, actor: Actor | None = None) -> bool:
        if actor is None:
            return False
        return bool(actor.curated_organisations()) or Role.COORDINATOR in actor.roles
