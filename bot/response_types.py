"""Keeps the parsed-answer models of the Bot API alive, so that a call does not rebuild one.

aiogram reads every Bot API answer through `Response[T]`, a pydantic generic model parametrised with the method's
return type (`Response[Message]`, `Response[bool]`, ...), made anew on each call in `BaseSession.check_response`.
pydantic caches parametrised models in a `WeakValueDictionary`: nothing else holds them, so the garbage collector
frees them, and the next call builds the model again — its whole validation schema, about 8 ms of CPU on these
machines, which was more than the rest of a questionnaire step together. There are a few dozen return types in the
Bot API; holding each one met here makes every later call a dictionary hit.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

#: `Response[T]` for every return type a call of this process has met (bounded by the Bot API's return types).
_kept: dict[Any, type[Response[Any]]] = {}


def keep(returning: Any) -> type[Response[Any]]:
    """`Response[returning]`, held for the life of the process."""
    model = _kept.get(returning)
    if model is None:
        model = _kept[returning] = Response[returning]  # type: ignore[valid-type]
    return model


class KeepResponseTypes(BaseRequestMiddleware):
    """A request middleware that holds the answer's model before the session parses the answer with it."""

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        keep(method.__returning__)
        return await make_request(bot, method)
