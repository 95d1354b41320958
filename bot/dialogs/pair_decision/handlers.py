"""Decision handlers: each is one call of the pairs service — the same call the id commands make (/approve,
/reject, /endpair, /completepair) — which checks the curator's authority and the pair's state again, so a card
that went stale meanwhile (another curator decided, the pair ended) changes nothing.

A refusal of what was typed (a date that is not one, a reason too long) asks again with the reason on top; any
other refusal ends the decision and the card shows it, with the pair as it is now."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.dialogs.cards import NOTICE
from bot.dialogs.common import refuse_typed
from bot.pair_texts import order_date_words
from mentorship.entities import PairStatus
from mentorship.errors import DomainError, InvalidInput
from mentorship.services import pairs

#: Refusals of the typed text itself: the question is asked again.
_TYPED_REFUSALS = frozenset({
    "decision-typed-empty", "pair-order-date-invalid", "pair-order-date-missing", "pair-order-date-without-number",
    "pair-order-too-long", "pair-reason-too-long", "pair-end-reason-needed",
})


async def start_decision(manager: DialogManager, state: State, pair_id: int) -> None:
    await manager.start(state, data={"pair_id": pair_id})


async def on_decided(_start_data: Any, result: Any, manager: DialogManager) -> None:
    """`on_process_result` of a dialog whose card started a decision: the card shows what the decision did."""
    if isinstance(result, dict) and isinstance(result.get(NOTICE), str):
        manager.dialog_data[NOTICE] = result[NOTICE]


def typed_text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput("decision-typed-empty")
    return cleaned


Decision = Callable[[Any, Any, Any, int], Awaitable[str]]


async def _decide(manager: DialogManager, decision: Decision, *, typed: bool) -> None:
    m = manager.middleware_data
    t = m["t"]
    pair_id = int(manager.start_data["pair_id"])
    try:
        notice = await decision(m["session"], m["clock"], m["actor"], pair_id)
    except DomainError as error:
        text = t(error.key, **error.args_)
        if typed and error.key in _TYPED_REFUSALS:
            refuse_typed(manager, text)
            return
        notice = text
    await manager.done(result={NOTICE: notice})


def _approval(order_text: str | None, manager: DialogManager) -> Decision:
    m = manager.middleware_data

    async def approve(session, clock, actor, pair_id: int) -> str:
        number, day = (pairs.parse_order(order_text, clock.now().date(), order_date_words(m["t"])) if order_text
                       else (None, None))
        card = await pairs.approve(session, clock, actor, pair_id, order_number=number, order_date=day,
                                   versions=m["consent_texts"].versions)
        key = "pair-approved-waiting" if card.pair.status == PairStatus.APPROVED else "pair-approved"
        return m["t"](key, id=pair_id)

    return approve


def _rejection(reason: str | None, manager: DialogManager) -> Decision:
    async def reject(session, clock, actor, pair_id: int) -> str:
        await pairs.reject(session, clock, actor, pair_id, reason)
        return manager.middleware_data["t"]("pair-rejected", id=pair_id)

    return reject


async def on_order(_message: Message, _widget: Any, manager: DialogManager, text: str) -> None:
    await _decide(manager, _approval(text, manager), typed=True)


async def on_approve_without_order(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await _decide(manager, _approval(None, manager), typed=False)


async def on_reject(_message: Message, _widget: Any, manager: DialogManager, text: str) -> None:
    await _decide(manager, _rejection(text, manager), typed=True)


async def on_reject_without_reason(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    await _decide(manager, _rejection(None, manager), typed=False)


async def on_end(_message: Message, _widget: Any, manager: DialogManager, text: str) -> None:
    async def end(session, clock, actor, pair_id: int) -> str:
        ended = await pairs.end_pair(session, clock, actor, pair_id, text)
        return manager.middleware_data["t"]("pair-ended", id=pair_id, mentees=len(ended.mentee_person_ids))

    await _decide(manager, end, typed=True)


async def on_complete(_callback: CallbackQuery, _button: Button, manager: DialogManager) -> None:
    async def complete(session, clock, actor, pair_id: int) -> str:
        await pairs.end_pair(session, clock, actor, pair_id, None, complete=True)
        return manager.middleware_data["t"]("pair-completed", id=pair_id)

    await _decide(manager, complete, typed=False)
