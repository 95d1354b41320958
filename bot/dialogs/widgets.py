"""Widgets shared by the dialogs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.kbd import Button, Row, Select
from aiogram_dialog.widgets.kbd.select import OnItemClick
from aiogram_dialog.widgets.text import Format, Text

from bot.i18n import SUPPORTED_LOCALES, Localizer


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


def choices(widget_id: str, items: str | Callable[[dict], Sequence], on_click: OnItemClick) -> Select:
    """Buttons for `(id, label)` pairs a getter made; the labels are plain button text, not HTML."""
    return Select(Format("{item[1]}"), id=widget_id, item_id_getter=itemgetter(0), items=items, on_click=on_click)


def language_buttons(on_click) -> Row:
    """One button per supported language, each named in its own language; ids end with the locale code."""
    return Row(
        *(Button(Tr(f"language-name-{code}"), id=f"lang_{code}", on_click=on_click) for code in SUPPORTED_LOCALES)
    )
