"""The first step of a curator's dialog: which organisation, asked only of someone who curates several.

The pair dialogs share it (a window factory and an `on_start` helper) instead of each writing its own picker."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from operator import itemgetter
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Cancel, ScrollingGroup, Select
from aiogram_dialog.widgets.text import Format
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import row_id
from bot.dialogs.common import buttons_expected
from bot.dialogs.widgets import Tr, Window
from mentorship.entities import Actor
from mentorship.services import organisations

#: dialog_data key of the chosen organisation.
ORGANISATION_ID = "organisation_id"

OnChosen = Callable[[DialogManager, int], Awaitable[None]]


async def _organisations(session: AsyncSession, actor: Actor, **_: Any) -> dict[str, Any]:
    found = await organisations.curated_by(session, actor)
    return {"organisations": [(o.id, o.name) for o in found]}


def organisation_window(state: State, on_chosen: OnChosen) -> Window:
    async def on_click(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
        organisation_id = row_id(item_id)
        if organisation_id is None or not manager.middleware_data["actor"].is_curator_of(organisation_id):
            await callback.answer(manager.middleware_data["t"]("error-not-allowed"), show_alert=True)
            manager.show_mode = ShowMode.NO_UPDATE
            return
        manager.dialog_data[ORGANISATION_ID] = organisation_id
        await on_chosen(manager, organisation_id)

    return Window(
        Tr("curation-ask-organisation"),
        ScrollingGroup(
            Select(Format("{item[1]}"), id="org", item_id_getter=itemgetter(0), items="organisations",
                   on_click=on_click),
            id="orgs", width=1, height=8, hide_on_single_page=True,
        ),
        Cancel(Tr("btn-close")),
        MessageInput(buttons_expected),
        getter=_organisations,
        state=state,
    )


async def start_in_organisation(manager: DialogManager, on_chosen: OnChosen) -> None:
    """For a dialog's `on_start`: a curator of one organisation goes straight on; others see the picker."""
    curated = manager.middleware_data["actor"].curated_organisations()
    if len(curated) == 1:
        manager.dialog_data[ORGANISATION_ID] = curated[0]
        await on_chosen(manager, curated[0])
