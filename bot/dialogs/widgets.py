"""Widgets shared by the dialogs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog import Window as DialogWindow
from aiogram_dialog.api.internal import RawKeyboard, ReplyCallbackQuery
from aiogram_dialog.api.internal.widgets import MarkupFactory, MarkupVariant
from aiogram_dialog.api.protocols import DialogProtocol
from aiogram_dialog.utils import intent_callback_data
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.kbd import Button, Calendar, Keyboard, Row, Select
from aiogram_dialog.widgets.kbd.calendar_kbd import (
    CalendarDaysView,
    CalendarMonthView,
    CalendarScope,
    CalendarScopeView,
    CalendarYearsView,
)
from aiogram_dialog.widgets.kbd.select import OnItemClick
from aiogram_dialog.widgets.text import Format, Text

from bot.callbacks import GoTo
from bot.i18n import SUPPORTED_LOCALES, Localizer
from mentorship.shortcuts import Shortcut


class Tr(Text):
    """A translated text: the key's message in the viewer's language, filled from the getter's data."""

    def __init__(self, key: str, when: WhenCondition = None, **fixed: Any) -> None:
        super().__init__(when=when)
        self.key = key
        self.fixed = fixed

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        t: Localizer = manager.middleware_data["t"]
        return t(self.key, **{**data, **self.fixed})


class Rendered(Text):
    """Text a getter already rendered through the translator (so already escaped), shown as it is.

    For texts whose key is chosen at run time (a consent's summary, a question); never for raw user input.
    """

    def __init__(self, field: str, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.field = field

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return data[self.field]


#: dialog_data key of a refusal waiting to be shown at the top of the window (see `Window`).
REFUSAL = "refusal"


class Refusal(Text):
    """Why the last answer was refused, shown once at the top of the window it was refused in.

    A refused answer then costs two requests — the old screen's keyboard removed, the window sent again with the
    reason on top — instead of three (a separate refusal message before the window).
    """

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return manager.dialog_data.pop(REFUSAL, "")


class StaleButtons(Keyboard):
    """Last in every window's keyboard: a press none of the window's buttons recognises (a button of an earlier
    screen of this dialog, or forged data) gets words and what to do next, never a silent empty answer; the
    window stays as it is."""

    async def _render_keyboard(self, data: dict, manager: DialogManager) -> RawKeyboard:
        return []

    async def process_callback(self, callback: CallbackQuery, dialog: DialogProtocol, manager: DialogManager) -> bool:
        if not isinstance(callback, ReplyCallbackQuery):  # a typed message aiogram-dialog read as a press
            await callback.answer(manager.middleware_data["t"]("error-stale-button-in-dialog"), show_alert=True)
        manager.show_mode = ShowMode.NO_UPDATE
        return True


class Window(DialogWindow):
    """aiogram-dialog's window with room for a refusal at the top, an answer for presses it does not know, and
    `Go` buttons that work whatever the dialog stack holds; every window of the bot is one."""

    def __init__(self, *widgets: Any, **kwargs: Any) -> None:
        kwargs.setdefault("markup_factory", IntentKeyboard())
        super().__init__(Refusal(), *widgets, StaleButtons(), **kwargs)


class Go(Keyboard):
    """A button that does what a command does (`GoTo` callback data, bot/handlers/shortcuts.py). It belongs to no
    dialog: pressed on an old screen, days later or after a restart, it still does what its label says."""

    def __init__(self, text: Text, to: Shortcut, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.text = text
        self.to = to

    async def _render_keyboard(self, data: dict, manager: DialogManager) -> RawKeyboard:
        label = await self.text.render_text(data, manager)
        return [[InlineKeyboardButton(text=label, callback_data=GoTo(to=self.to).pack())]]


class IntentKeyboard(MarkupFactory):
    """aiogram-dialog's inline keyboard (each button's data carries the dialog's intent id), except that `Go` buttons
    keep their own data: their presses reach the shortcuts router whatever the dialog stack holds by then."""

    async def render_markup(self, data: dict, manager: DialogManager, keyboard: RawKeyboard) -> MarkupVariant:
        intent_id = manager.current_context().id
        for row in keyboard:
            for button in row:
                if isinstance(button, InlineKeyboardButton) and not _is_go(button.callback_data):
                    button.callback_data = intent_callback_data(intent_id, button.callback_data)
        return InlineKeyboardMarkup(inline_keyboard=keyboard)


def _is_go(callback_data: str | None) -> bool:
    return callback_data is not None and callback_data.startswith(GoTo.__prefix__ + GoTo.__separator__)


def choices(widget_id: str, items: str | Callable[[dict], Sequence], on_click: OnItemClick) -> Select:
    """Buttons for `(id, label)` pairs a getter made; the labels are plain button text, not HTML."""
    return Select(Format("{item[1]}"), id=widget_id, item_id_getter=itemgetter(0), items=items, on_click=on_click)


def language_buttons(on_click) -> Row:
    """One button per supported language, each named in its own language; ids end with the locale code."""
    return Row(
        *(Button(Tr(f"language-name-{code}"), id=f"lang_{code}", on_click=on_click) for code in SUPPORTED_LOCALES)
    )


class _DateText(Text):
    """A calendar button's text in the viewer's language: month and weekday names come from locales/."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        t: Localizer = manager.middleware_data["t"]
        day = data["date"]
        return t(self.key, month=t(f"calendar-month-{day.month}"), year=str(day.year), weekday=t(f"calendar-weekday-{day.weekday()}"))


class LocalCalendar(Calendar):
    """aiogram-dialog's calendar whose month and weekday names are the person's language, not the server's."""

    def _init_views(self) -> dict[CalendarScope, CalendarScopeView]:
        return {
            CalendarScope.DAYS: CalendarDaysView(
                self._item_callback_data,
                weekday_text=_DateText("calendar-weekday"),
                header_text=_DateText("calendar-days-header"),
                prev_month_text=_DateText("calendar-prev-month"),
                next_month_text=_DateText("calendar-next-month"),
            ),
            CalendarScope.MONTHS: CalendarMonthView(
                self._item_callback_data,
                month_text=_DateText("calendar-month"),
                this_month_text=_DateText("calendar-this-month"),
            ),
            CalendarScope.YEARS: CalendarYearsView(self._item_callback_data),
        }
