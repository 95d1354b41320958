"""Matching result handlers: the run itself (through the pairs service, which stores the proposals), and each
card's decision — the same service calls the approve and reject buttons of /propose make."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Select

from bot.callbacks import row_id
from bot.dialogs.cards import NOTICE
from bot.dialogs.match.getters import GROUPS, LEFT_OUT, PAIR_IDS, PROPOSALS
from bot.dialogs.org_picker import CURATION, ORGANISATION_ID, ask_organisation
from bot.states import MatchResults
from mentorship.entities import PairStatus
from mentorship.errors import DomainError
from mentorship.services import pairs

#: Telegram shows at most 200 characters in a button's answer.
ALERT_MAX = 200


async def on_start(_start_data: Any, manager: DialogManager) -> None:
    await ask_organisation(manager, CURATION, run_matching)


async def run_matching(manager: DialogManager, organisation_id: int) -> None:
    m = manager.middleware_data
    result = await pairs.suggest_explained(m["session"], m["clock"], m["actor"], organisation_id)
    manager.dialog_data[PAIR_IDS] = [c.pair.id for c in result.cards]
    manager.dialog_data[GROUPS] = sum(1 for c in result.cards if c.pair.is_group)
    manager.dialog_data[LEFT_OUT] = [
        [u.mentee_id, [[str(v.code), int(v.args.get("mentors", 0))] for v in u.reasons]] for u in result.unmatched
    ]
    await manager.switch_to(MatchResults.proposals)


async def _undecided(manager: DialogManager) -> set[int]:
    m = manager.middleware_data
    return {c.pair.id for c in await pairs.pending(m["session"], m["actor"], manager.dialog_data[ORGANISATION_ID])}


async def _move_on(manager: DialogManager, from_index: int) -> bool:
    """To the next proposal of this run still waiting for a decision (after `from_index`, wrapping round); False
    when there is none."""
    ids: list[int] = manager.dialog_data.get(PAIR_IDS, [])
    waiting = await _undecided(manager)
    for step in range(1, len(ids)):
        index = (from_index + step) % len(ids)
        if ids[index] in waiting:
            await manager.find(PROPOSALS).set_page(index)
            return True
    return False


async def _decide(callback: CallbackQuery, manager: DialogManager, item_id: str, approve: bool) -> None:
    m = manager.middleware_data
    t = m["t"]
    ids: list[int] = manager.dialog_data.get(PAIR_IDS, [])
    pair_id = row_id(item_id)
    if pair_id is None or pair_id not in ids:  # forged, or a button of another run
        await callback.answer(t("error-stale-button-in-dialog"), show_alert=True)
        manager.show_mode = ShowMode.NO_UPDATE
        return
    try:
        if approve:
            card = await pairs.approve(m["session"], m["clock"], m["actor"], pair_id,
                                       versions=m["consent_texts"].versions)
            waiting = card.pair.status == PairStatus.APPROVED
            done = t("pair-approved-waiting-short" if waiting else "pair-approved", id=pair_id)
        else:
            await pairs.reject(m["session"], m["clock"], m["actor"], pair_id)
            done = t("pair-rejected", id=pair_id)
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_)[:ALERT_MAX], show_alert=True)
        shown = ids[min(await manager.find(PROPOSALS).get_page(), len(ids) - 1)]
        if shown != pair_id or pair_id in await _undecided(manager):
            manager.show_mode = ShowMode.NO_UPDATE  # what the page shows has not changed
        # else decided meanwhile by another curator: the card is shown again as it is now
        return
    await callback.answer(done)
    manager.dialog_data[NOTICE] = done
    await _move_on(manager, ids.index(pair_id))


async def on_approve(callback: CallbackQuery, _w: Select, manager: DialogManager, item_id: str) -> None:
    await _decide(callback, manager, item_id, approve=True)


async def on_reject(callback: CallbackQuery, _w: Select, manager: DialogManager, item_id: str) -> None:
    await _decide(callback, manager, item_id, approve=False)


async def on_skip(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    page = await manager.find(PROPOSALS).get_page()
    if not await _move_on(manager, page):
        await callback.answer(manager.middleware_data["t"]("match-nothing-else"), show_alert=True)
        manager.show_mode = ShowMode.NO_UPDATE
