"""One guard against requests Telegram would refuse as pointless: an edit that changes nothing, a second answer to
the same button press.

Telegram answers an edit that leaves a message as it is with `400 message is not modified`, and a second
`answerCallbackQuery` for one press with `400 query is too old`; each still costs the chat's and the token's send
budget. aiogram-dialog makes both in ordinary transitions (closing one dialog and opening the next removes the
same keyboard twice; a window re-rendered after an alert is edited into itself; a handler that answered a press
is answered again by the dialog). Rather than hunt each path, the guard knows, for the update being handled, what
each message of the chat shows — the pressed message as the update carried it, then every message the bot sent
or edited meanwhile — and refuses a no-op edit locally with the same error Telegram gives, so callers that
already handle "not modified" go on as before and nothing reaches Telegram.

The knowledge lives only for one update (a context variable the update middleware opens), so two processes, or
an edit made by another update meanwhile, can never make the guard skip an edit that would change something.
That includes the update's error path: aiogram runs the error handlers in its own errors middleware, the
dispatcher's outermost, so after the view is closed; the failure carries the view out (`reopened` opens it again
for the error handlers), and the same update fed again from there (a stale dialog replayed) keeps it.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.default import Default
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import AnswerCallbackQuery, EditMessageReplyMarkup, EditMessageText, TelegramMethod
from aiogram.methods.base import Response, TelegramType  # noqa: F401  (Response: the protocol's annotation)
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, TelegramObject, Update

NOT_MODIFIED = "Bad Request: message is not modified"

Shown = tuple[str, Any]  # (text as the person reads it, the inline keyboard as plain data)


@dataclass
class _UpdateView:
    update_id: int | None = None
    shown: dict[tuple[int, int], Shown] = field(default_factory=dict)
    answered: set[str] = field(default_factory=set)


#: The attribute of a failure that carries the view of the update it failed, out to the error path.
_FAILED_VIEW = "_edit_guard_view"

_view: ContextVar[_UpdateView | None] = ContextVar("edit_guard_view", default=None)


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(text: str, parse_mode: str | None) -> str:
    if parse_mode and parse_mode.upper() == "HTML":
        parser = _PlainText()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    return html.unescape(text).strip() if parse_mode else text.strip()


def _keyboard(markup: InlineKeyboardMarkup | None) -> Any:
    if markup is None:
        return None
    dumped = markup.model_dump(exclude_none=True, mode="json")
    return dumped if dumped.get("inline_keyboard") else None


def _remember(view: _UpdateView, message: Message) -> None:
    markup = message.reply_markup if isinstance(message.reply_markup, InlineKeyboardMarkup) else None
    view.shown[(message.chat.id, message.message_id)] = ((message.text or message.caption or "").strip(), _keyboard(markup))


class UpdateViewMiddleware(BaseMiddleware):
    """Opens the guard's view for one update, starting from the message a pressed button belongs to."""

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        update_id = event.update_id if isinstance(event, Update) else None
        current = _view.get()
        if current is not None and update_id is not None and current.update_id == update_id:
            # The same update fed again by its error path: what it already changed is still what the chat shows.
            return await handler(event, data)
        view = _UpdateView(update_id=update_id)
        callback = event.callback_query if isinstance(event, Update) else None
        if isinstance(callback, CallbackQuery) and isinstance(callback.message, Message):
            _remember(view, callback.message)
        token = _view.set(view)
        try:
            return await handler(event, data)
        except Exception as error:
            if getattr(error, _FAILED_VIEW, None) is None:
                try:
                    setattr(error, _FAILED_VIEW, view)
                except AttributeError:  # an exception type without instance attributes: its error path goes unguarded
                    pass
            raise
        finally:
            _view.reset(token)


@contextmanager
def reopened(error: BaseException | None) -> Iterator[None]:
    """For the error path of an update: the view the update had when it failed, so the error handlers neither edit
    a message into what it already shows nor answer a button press the update already answered."""
    view = getattr(error, _FAILED_VIEW, None)
    if not isinstance(view, _UpdateView) or _view.get() is not None:
        yield
        return
    token = _view.set(view)
    try:
        yield
    finally:
        _view.reset(token)


class EditGuard(BaseRequestMiddleware):
    """Request middleware of the bot's session: refuses no-op edits and second answers before they are sent."""

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        view = _view.get()
        if view is None:
            return await make_request(bot, method)
        if isinstance(method, AnswerCallbackQuery):
            if method.callback_query_id in view.answered:
                return True  # type: ignore[return-value]  # the person already saw the first answer
            view.answered.add(method.callback_query_id)
        key = self._target(method)
        if key is not None and self._unchanged(view, key, bot, method):
            raise TelegramBadRequest(method=method, message=NOT_MODIFIED)
        # aiogram's session hands middlewares the method's result itself, whatever the annotation says.
        result: Any = await make_request(bot, method)
        if isinstance(result, Message):
            _remember(view, result)
        return result

    @staticmethod
    def _target(method: TelegramMethod[Any]) -> tuple[int, int] | None:
        if not isinstance(method, EditMessageText | EditMessageReplyMarkup):
            return None
        if method.inline_message_id is not None or method.message_id is None or method.chat_id is None:
            return None
        try:
            return int(method.chat_id), int(method.message_id)
        except (TypeError, ValueError):
            return None

    @staticmethod
    def _unchanged(view: _UpdateView, key: tuple[int, int], bot: Bot, method: TelegramMethod[Any]) -> bool:
        known = view.shown.get(key)
        if known is None:
            return False
        markup = method.reply_markup if isinstance(method.reply_markup, InlineKeyboardMarkup) else None
        if isinstance(method, EditMessageReplyMarkup):
            return _keyboard(markup) == known[1]
        parse_mode = method.parse_mode
        if isinstance(parse_mode, Default):
            parse_mode = bot.default[parse_mode.name]
        return (_plain(method.text, parse_mode), _keyboard(markup)) == known
