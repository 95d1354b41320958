"""Telling someone something on the bot's own initiative, in their language.

Sent directly for now, one message at a time; the durable rate-limited outbox (DESIGN §3) will take this over.
A person who blocked the bot is logged by id and skipped: telling others must not fail because of them.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.i18n import Translator
from mentorship.entities import Person

log = logging.getLogger(__name__)


async def tell(bot: Bot, translator: Translator, person: Person, key: str, **args: Any) -> bool:
    if person.telegram_id is None:
        return False
    try:
        await bot.send_message(person.telegram_id, translator.get(person.locale, key, **args))
    except TelegramAPIError as error:
        log.warning("notification failed person_id=%s key=%s error=%s", person.id, key, type(error).__name__)
        return False
    return True
