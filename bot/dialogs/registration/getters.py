"""Read-only data for the registration windows."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram_dialog import DialogManager

from bot.i18n import Localizer
from mentorship.people import address_before_category, address_of
from mentorship.roles import CATEGORIES_FOR_ROLE, Category, Role


def _you(dialog_manager: DialogManager) -> str:
    """The informal register to a pupil, the formal one to an adult; before the category is chosen, what the invitation's form says."""
    category = dialog_manager.dialog_data.get("category")
    if category is not None:
        return address_of(Category(category))
    return address_before_category(Role(dialog_manager.start_data["role"]), dialog_manager.start_data.get("form"))


async def address(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {"you": _you(dialog_manager)}


async def welcome(dialog_manager: DialogManager, t: Localizer, **_: Any) -> dict[str, Any]:
    start = dialog_manager.start_data
    role = Role(start["role"])
    form = start.get("form")
    return {
        "you": _you(dialog_manager),
        "organisation": start["organisation"],
        "role": t(f"role-{role.value}"),
        "role_code": role.value,
        "form": t(f"form-{form}") if form else "",
        "has_form": bool(form),
    }


async def categories(dialog_manager: DialogManager, t: Localizer, **_: Any) -> dict[str, Any]:
    role = Role(dialog_manager.start_data["role"])
    return {"categories": [(c.value, t(f"category-{c.value}")) for c in CATEGORIES_FOR_ROLE[role]],
            "you": _you(dialog_manager)}


async def summary(dialog_manager: DialogManager, t: Localizer, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {
        "you": _you(dialog_manager),
        "full_name": data["full_name"],
        "birth_date": date.fromisoformat(data["birth_date"]),
        "category": t(f"category-{data['category']}"),
        "group_name": data.get("group_name"),
        "has_group": bool(data.get("group_name")),
        "organisation": dialog_manager.start_data["organisation"],
        "role": t(f"role-{dialog_manager.start_data['role']}"),
        "role_code": dialog_manager.start_data["role"],
    }
