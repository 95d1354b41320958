"""Decision windows: each asks what its decision needs and has a way back to the card."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel

from bot.dialogs.common import buttons_expected, typed_step
from bot.dialogs.pair_decision import getters, handlers
from bot.dialogs.widgets import Tr, Window
from bot.states import PairDecision


def pair_decision_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("decision-ask-order"),
            *typed_step("order", handlers.typed_text, handlers.on_order),
            Button(Tr("decision-btn-no-order"), id="no_order", on_click=handlers.on_approve_without_order),
            Cancel(Tr("btn-cancel")),
            getter=getters.about,
            state=PairDecision.approve,
        ),
        Window(
            Tr("decision-ask-reject"),
            *typed_step("reject_reason", handlers.typed_text, handlers.on_reject),
            Button(Tr("decision-btn-no-reason"), id="no_reason", on_click=handlers.on_reject_without_reason),
            Cancel(Tr("btn-cancel")),
            getter=getters.about,
            state=PairDecision.reject,
        ),
        Window(
            Tr("decision-ask-end"),
            *typed_step("end_reason", handlers.typed_text, handlers.on_end),
            Cancel(Tr("btn-cancel")),
            getter=getters.about,
            state=PairDecision.end,
        ),
        Window(
            Tr("decision-ask-complete"),
            Button(Tr("decision-btn-complete"), id="complete", on_click=handlers.on_complete),
            Cancel(Tr("btn-cancel")),
            MessageInput(buttons_expected),
            getter=getters.about,
            state=PairDecision.complete,
        ),
    )
