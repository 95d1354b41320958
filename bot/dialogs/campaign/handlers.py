"""Campaign input: whom to ask, the closing date — the service decides and stores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Select

from bot.dialogs.campaign.getters import AUDIENCES
from bot.dialogs.org_picker import Question, ask_organisation
from bot.states import Campaign
from mentorship import surveys as rules
from mentorship.errors import NotFound
from mentorship.roles import Role
from mentorship.services import surveys
from mentorship.services.organisations import get_organisation

ROLES: dict[str, tuple[Role, ...]] = {"mentee": (Role.MENTEE,), "mentor": (Role.MENTOR,), "both": (Role.MENTEE, Role.MENTOR)}


async def on_start(start_data: Any, manager: DialogManager) -> None:
    await ask_organisation(manager, Question(ask="campaign-ask-organisation", cancel="btn-cancel"))


async def on_audience(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    if item_id not in AUDIENCES:
        await callback.answer(manager.middleware_data["t"]("error-stale-button"), show_alert=True)
        return
    manager.dialog_data["audience"] = item_id
    await manager.switch_to(Campaign.date)


async def closing_rule(manager: DialogManager) -> Callable[[str], datetime]:
    """The closing date is read in the organisation's timezone: "today" there decides what is past."""
    middleware: dict[str, Any] = manager.middleware_data
    organisation = await get_organisation(middleware["session"], manager.dialog_data["organisation_id"])
    if organisation is None:
        raise NotFound()
    return partial(rules.manual_closing, now=middleware["clock"].now(), timezone=organisation.timezone)


async def on_date(message: Message, _widget: object, manager: DialogManager, _closes_at: datetime) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    t = middleware["t"]
    # The service reads the typed date again with the same rule: it is the one that decides.
    started = await surveys.start_manual(
        middleware["session"], middleware["clock"], middleware["actor"], manager.dialog_data["organisation_id"],
        ROLES[manager.dialog_data.get("audience", "both")], message.text,
    )
    invited = sum(line.invited for line in started.campaigns)
    roles = ", ".join(t(f"campaign-role-{line.campaign.role.value}") for line in started.campaigns)
    await message.answer(t("campaign-started", roles=roles, invited=invited, closes=started.closes_on))
    await manager.switch_to(Campaign.main, show_mode=ShowMode.SEND)
