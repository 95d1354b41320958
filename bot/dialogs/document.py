"""The consent document's two windows — the short summary with the choices, and the full text — shared by the
participant's own consent dialog and the guardian's."""

from __future__ import annotations

from aiogram.fsm.state import State
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Column, SwitchTo
from aiogram_dialog.widgets.kbd.select import OnItemClick

from bot.dialogs.common import buttons_expected
from bot.dialogs.widgets import Rendered, Tr, Window, choices


def document_windows(ask: State, full: State, getter, on_choice: OnItemClick, widget_id: str) -> tuple[Window, Window]:
    """`getter` gives `step`, `summary`, `full` (rendered texts), `has_ask` and `choices` (id, label) pairs."""
    return (
        Window(
            Rendered("step"),
            Rendered("summary"),
            SwitchTo(Tr("consent-read-full"), id="full", state=full, when="has_ask"),
            Column(choices(widget_id, "choices", on_choice)),
            MessageInput(buttons_expected),
            getter=getter,
            state=ask,
        ),
        Window(
            Rendered("full"),
            Column(choices(f"{widget_id}f", "choices", on_choice)),
            SwitchTo(Tr("btn-back"), id="back", state=ask),
            MessageInput(buttons_expected),
            getter=getter,
            state=full,
        ),
    )
