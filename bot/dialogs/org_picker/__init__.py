"""Which organisation: one picker, a subdialog of its own, for every dialog that works in one organisation of the
person's (/campaign, /broadcast, /participants, /invite, /pairs, /pending, /match, /requests).

A dialog asks from its `on_start` (`ask_organisation`); someone with exactly one organisation to choose from never
sees the picker, anyone else gets it on top of the dialog, and the choice comes back through the dialog's
`on_process_result` (`picked`). Leaving the picker closes the dialog that asked too."""

from bot.dialogs.org_picker.dialog import org_picker_dialog
from bot.dialogs.org_picker.getters import CURATION, ORGANISATION_ID, Among, Question, invitable_organisations
from bot.dialogs.org_picker.handlers import ask_organisation, picked

__all__ = [
    "CURATION",
    "ORGANISATION_ID",
    "Among",
    "Question",
    "ask_organisation",
    "invitable_organisations",
    "org_picker_dialog",
    "picked",
]
