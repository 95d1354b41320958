"""A declined invitation: the mentee may type another time for the mentor, or go without a proposal."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Cancel

from bot.dialogs.common import DialogRule, typed_step
from bot.dialogs.decline.handlers import on_proposal, proposal_rule
from bot.dialogs.widgets import Tr, Window
from bot.states import MeetingDecline


def decline_dialog() -> Dialog:
    return Dialog(
        Window(Tr("meeting-answer-declined"), Cancel(Tr("meeting-btn-no-proposal")),
               *typed_step("proposal", DialogRule(proposal_rule), on_proposal),
               state=MeetingDecline.propose),
    )
