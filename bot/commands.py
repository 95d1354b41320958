"""The command menu: which commands each role sees, described in the person's language (setMyCommands)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.i18n import SUPPORTED_LOCALES, Translator
from mentorship.entities import Actor
from mentorship.roles import Role

log = logging.getLogger(__name__)

EVERYONE = "everyone"
SUPERADMIN = "superadmin"


@dataclass(frozen=True, slots=True)
class CommandSpec:
    name: str
    audience: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"cmd-{self.name}"


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", (EVERYONE,)),
    CommandSpec("menu", (EVERYONE,)),
    CommandSpec("help", (EVERYONE,)),
    CommandSpec("profile", (EVERYONE,)),
    CommandSpec("language", (EVERYONE,)),
    CommandSpec("privacy", (EVERYONE,)),
    CommandSpec("cancel", (EVERYONE,)),
    CommandSpec("questionnaire", (Role.MENTEE.value, Role.MENTOR.value)),
    CommandSpec("changementor", (Role.MENTEE.value,)),
    CommandSpec("newmeeting", (Role.MENTOR.value,)),
    CommandSpec("meetings", (Role.MENTEE.value, Role.MENTOR.value)),
    CommandSpec("feedback", (Role.MENTEE.value, Role.MENTOR.value)),
    CommandSpec("survey", (Role.MENTEE.value, Role.MENTOR.value)),
    CommandSpec("mypair", (Role.MENTEE.value, Role.MENTOR.value, Role.GUARDIAN.value)),
    CommandSpec("plan", (Role.MENTEE.value, Role.MENTOR.value, Role.GUARDIAN.value, Role.CURATOR.value)),
    CommandSpec("invite", (Role.CURATOR.value, SUPERADMIN)),
    CommandSpec("participants", (Role.CURATOR.value,)),
    CommandSpec("match", (Role.CURATOR.value,)),
    CommandSpec("pending", (Role.CURATOR.value,)),
    CommandSpec("approve", (Role.CURATOR.value,)),
    CommandSpec("reject", (Role.CURATOR.value,)),
    CommandSpec("pairs", (Role.CURATOR.value,)),
    CommandSpec("propose", (Role.CURATOR.value,)),
    CommandSpec("endpair", (Role.CURATOR.value,)),
    CommandSpec("completepair", (Role.CURATOR.value,)),
    CommandSpec("requests", (Role.CURATOR.value,)),
    CommandSpec("campaign", (Role.CURATOR.value,)),
    CommandSpec("broadcast", (Role.CURATOR.value,)),
    CommandSpec("counts", (Role.CURATOR.value,)),
    CommandSpec("stats", (Role.CURATOR.value, Role.COORDINATOR.value)),
    CommandSpec("export", (Role.CURATOR.value, Role.COORDINATOR.value)),
    CommandSpec("neworg", (SUPERADMIN,)),
    CommandSpec("orgs", (SUPERADMIN,)),
)


def audiences(actor: Actor) -> set[str]:
    found = {EVERYONE} | {r.value for r in actor.roles}
    if actor.is_superadmin:
        found.add(SUPERADMIN)
    return found


def commands_for(actor: Actor) -> list[CommandSpec]:
    mine = audiences(actor)
    return [c for c in COMMANDS if mine.intersection(c.audience)]


def _bot_commands(specs: list[CommandSpec], translator: Translator, locale: str) -> list[BotCommand]:
    return [BotCommand(command=c.name, description=translator.get(locale, c.key)) for c in specs]


async def set_default_commands(bot: Bot, translator: Translator) -> None:
    everyone = [c for c in COMMANDS if EVERYONE in c.audience]
    await bot.set_my_commands(_bot_commands(everyone, translator, translator.default_locale), BotCommandScopeDefault())
    for locale in SUPPORTED_LOCALES:
        await bot.set_my_commands(
            _bot_commands(everyone, translator, locale), BotCommandScopeDefault(), language_code=locale
        )


async def set_personal_commands(bot: Bot, translator: Translator, actor: Actor, locale: str) -> None:
    """Chat-scoped menu for one person, in the language they chose (which may differ from their client's)."""
    try:
        await bot.set_my_commands(
            _bot_commands(commands_for(actor), translator, locale),
            BotCommandScopeChat(chat_id=actor.telegram_id),
        )
    except TelegramAPIError as error:
        # A superadmin who never opened the bot has no chat yet; the menu appears after their first /start.
        log.warning("set_my_commands failed chat_id=%s error=%s", actor.telegram_id, type(error).__name__)
