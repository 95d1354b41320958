"""Intake questionnaires: a fixed set of windows (one per question kind) over questions loaded from data."""

from bot.dialogs.questionnaire.dialog import questionnaire_dialog

__all__ = ["questionnaire_dialog"]
