"""Widgets the curator's card dialogs share (/match, /pairs, /pending, /requests): a list of cards to open, a
card's action button bound to what it acts on, a pager, and the one-off notice of what the last action did."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from aiogram import F
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import CurrentPage, NextPage, PrevPage, Row, ScrollingGroup, Select
from aiogram_dialog.widgets.kbd.select import OnItemClick
from aiogram_dialog.widgets.text import Format, Text

from bot.dialogs.widgets import Tr

#: dialog_data key of what the last action did (or why it was refused), shown once at the top of the window.
NOTICE = "notice"
#: Cards per page of a list (a page should fit a phone screen; Telegram allows 100 buttons).
LIST_PAGE = 8


class Notice(Text):
    """What the last action did, once, at the top of the window it came back to."""

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return manager.dialog_data.pop(NOTICE, "")


def card_list(widget_id: str, items: str, on_click: OnItemClick) -> ScrollingGroup:
    """`(id, label)` pairs a getter made, a button each, LIST_PAGE a page; labels are plain text, not HTML."""
    return ScrollingGroup(
        Select(Format("{item[1]}"), id=widget_id, item_id_getter=itemgetter(0), items=items, on_click=on_click),
        id=f"{widget_id}_pages", width=1, height=LIST_PAGE, hide_on_single_page=True,
    )


def bound_button(label_key: str, widget_id: str, items: str, on_click: OnItemClick, when: str) -> Select:
    """An action of the card shown, whose data carries the id of what it acts on (`items`: `[(id,)]` from the
    getter). A press on a card that went stale, or a second press after the window moved on, then acts on what the
    button named — and the service refuses it if that was decided meanwhile — never on what the window shows now."""
    return Select(Tr(label_key), id=widget_id, item_id_getter=itemgetter(0), items=items, on_click=on_click,
                  when=when)


def pager(scroll_id: str) -> Row:
    """◀ n / N ▶ for a StubScroll; an arrow that would lead nowhere is not shown (its press would change nothing).
    The getter says `paged`, `has_prev`, `has_next`."""
    return Row(
        PrevPage(scroll_id, id=f"{scroll_id}_prev", text=Format("◀"), when=F["data"]["has_prev"]),
        CurrentPage(scroll_id, id=f"{scroll_id}_now", text=Format("{current_page1} / {pages}"),
                    when=F["data"]["paged"]),
        NextPage(scroll_id, id=f"{scroll_id}_next", text=Format("▶"), when=F["data"]["has_next"]),
    )
