"""Consent decisions, one document at a time; a press is read by the shared document (bot/dialogs/document.py)."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Select

from bot.consent_texts import ConsentTexts
from bot.dialogs.document import chosen
from bot.i18n import Localizer
from bot.journey import prepare_consents_answered
from bot.states import Consent
from mentorship.consent import ConsentKind, GivenBy
from mentorship.errors import DomainError
from mentorship.services.consents import situation
from mentorship.services.participation import decide_self


async def on_choice(callback: CallbackQuery, _widget: Select, manager: DialogManager, item_id: str) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    t: Localizer = middleware["t"]
    current = await situation(middleware["session"], middleware["clock"], middleware["actor"].person,
                              manager.start_data["organisation_id"])
    asks = current.ask_self(middleware["consent_texts"].versions)
    granted = await chosen(callback, manager, item_id, asks[0] if asks else None)
    if granted is None:
        return
    if not granted and asks[0].required and manager.current_context().state != Consent.decline:
        await manager.switch_to(Consent.decline)
        return
    await decide(callback, manager, asks[0].kind, granted)


async def decide(callback: CallbackQuery, manager: DialogManager, kind: ConsentKind, granted: bool) -> None:
    middleware: dict[str, Any] = manager.middleware_data
    t: Localizer = middleware["t"]
    texts: ConsentTexts = middleware["consent_texts"]
    person = middleware["actor"].person
    organisation_id = manager.start_data["organisation_id"]
    before = await situation(middleware["session"], middleware["clock"], person, organisation_id)
    shown = texts.shown_hash(t.locale, kind, GivenBy.SELF, organisation=before.organisation.name)
    try:
        after = await decide_self(middleware["session"], middleware["clock"], person, organisation_id, kind, granted,
                                  texts.versions, shown, t.locale)
    except DomainError as error:
        await callback.answer(t(error.key, **error.args_), show_alert=True)
        return
    if after.ask_self(texts.versions):
        await manager.switch_to(Consent.ask)
        return
    # What follows writes too (the parent's link, an erasure): all of it before the dialog closes or anything is
    # said, so a write that fails leaves the person told nothing that the rolled back update did not keep.
    show_next = await prepare_consents_answered(manager, after)
    await manager.done()
    await show_next(callback.message.answer)
