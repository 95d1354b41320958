"""The consent document, shared by the participant's own consent dialog and the guardian's: its windows (the short
summary with the choices, the full text, and for a required consent a confirmation of "decline"), what they show
of one document, and how a press on them is read.

The document's kind rides in each choice's id (`y<kind>` agrees, `n<kind>` declines), so a press on an earlier
document's screen can never answer the one shown now; the dialogs compare it with the document they are at."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Column, SwitchTo
from aiogram_dialog.widgets.kbd.select import OnItemClick

from bot.consent_texts import ConsentTexts
from bot.dialogs.common import buttons_expected
from bot.dialogs.widgets import Rendered, Tr, Window, choices
from bot.i18n import Localizer
from mentorship.consent import ConsentKind, GivenBy, Requirement

#: What the windows show when no document is left to ask about (the getter's answer then).
NO_DOCUMENT: dict[str, Any] = {"step": "", "summary": "", "full": "", "choices": [], "has_ask": False}


def document_view(t: Localizer, texts: ConsentTexts, requirement: Requirement, by: GivenBy, args: dict[str, Any],
                  current: int, total: int) -> dict[str, Any]:
    """A getter's data for the document of `requirement`: document `current` of `total`, rendered with `args` in the
    viewer's language (the same texts and arguments `ConsentTexts.shown_hash` records)."""
    kind = requirement.kind
    agree, decline = ("consent-agree", "consent-decline") if requirement.required else ("consent-allow", "consent-disallow")
    return {
        "step": t("consent-step", current=current, total=total),
        "summary": texts.render(t.locale, kind, by, "summary", **args),
        "full": texts.render(t.locale, kind, by, "full", **args),
        "choices": [(f"y{kind.value}", t(agree)), (f"n{kind.value}", t(decline))],
        "has_ask": True,
    }


def _read_choice(item_id: str) -> tuple[bool, ConsentKind] | None:
    try:
        return item_id[0] == "y", ConsentKind(item_id[1:])
    except (ValueError, IndexError):
        return None


async def chosen(callback: CallbackQuery, manager: DialogManager, item_id: str, shown: Requirement | None) -> bool | None:
    """Whether a press on a choice agrees to `shown`, the document the dialog is at now; None, the press answered
    in words, for data no choice makes or a press on another document's screen (nothing is decided then)."""
    t: Localizer = manager.middleware_data["t"]
    read = _read_choice(item_id)
    if read is None:
        await callback.answer(t("error-invalid-input"), show_alert=True)
        return None
    granted, kind = read
    if shown is None or shown.kind != kind:
        await callback.answer(t("error-stale-button"), show_alert=True)
        return None
    return granted


def _declines(data: dict[str, Any]) -> list:
    return [c for c in data["choices"] if c[0].startswith("n")]


def document_windows(ask: State, full: State, getter, on_choice: OnItemClick, widget_id: str,
                     decline: State | None = None) -> tuple[Window, ...]:
    """`getter` gives `document_view` (or `NO_DOCUMENT`); with `decline`, "decline" on a required document asks
    once more in a window of its own (the dialog's `on_choice` switches there)."""
    windows = (
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
    if decline is None:
        return windows
    return (
        *windows,
        Window(
            Tr("consent-decline-confirm"),
            Column(choices("d", _declines, on_choice)),
            SwitchTo(Tr("consent-decline-back"), id="back2", state=ask),
            MessageInput(buttons_expected),
            getter=getter,
            state=decline,
        ),
    )
