"""/pairs and /pending: the organisation's pairs (or the proposals waiting for a decision) as a list, each pair's
card, and the card's actions, which start the pair decision subdialog."""

from bot.dialogs.pairs.dialog import pair_cards_dialog

__all__ = ["pair_cards_dialog"]
