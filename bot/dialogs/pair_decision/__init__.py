"""One decision on one pair — approve with an order, reject, end with a reason, complete — as a subdialog that any
card (/pairs, /pending, /requests, the registry) starts; it hands back what happened for the card to show."""

from bot.dialogs.pair_decision.dialog import pair_decision_dialog
from bot.dialogs.pair_decision.handlers import on_decided, start_decision

__all__ = ["on_decided", "pair_decision_dialog", "start_decision"]
