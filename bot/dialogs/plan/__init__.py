"""/plan: a pair's individual plan — the mentor adds goals and moves them along; the others read it."""

from bot.dialogs.plan.dialog import plan_dialog

__all__ = ["plan_dialog"]
