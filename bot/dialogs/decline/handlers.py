"""A declined invitation's counter-proposal: the mentee types another time, the mentor is told."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from aiogram.types import Message
from aiogram_dialog import DialogManager, ShowMode

from bot.views import home_keyboard
from mentorship import meetings as rules
from mentorship.services import meetings


def proposal_rule(manager: DialogManager) -> Callable[[str], datetime]:
    """"26.12 18:00" in the organisation's zone, in the future."""
    clock = manager.middleware_data["clock"]
    return partial(rules.proposed_start, now=clock.now(), timezone=manager.start_data["zone"])


async def on_proposal(message: Message, _w: object, manager: DialogManager, _start: datetime) -> None:
    middleware = manager.middleware_data
    # The service reads the typed moment again with the same rule: it is the one that decides.
    proposed = await meetings.propose_time(middleware["session"], middleware["clock"], middleware["actor"],
                                           manager.start_data["meeting_id"], message.text)
    zone = manager.start_data["zone"]
    t = middleware["t"]
    await message.answer(t("meeting-proposal-sent", when=f"{proposed.astimezone(ZoneInfo(zone)):%d.%m.%Y %H:%M}"),
                         reply_markup=home_keyboard(t))
    await manager.done(show_mode=ShowMode.NO_UPDATE)
