"""Commit before telling: a request middleware of the bot's session.

Before any Bot API call made while an update is being handled, what the update wrote so far is committed
(db/transaction.py explains the rule). Without it a reply could show the next question while the answer before it
is not yet stored — a kill at that moment lost it — or hand out a link that another process cannot find yet.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

from db.transaction import commit_before_telling


class CommitBeforeTelling(BaseRequestMiddleware):
    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        await commit_before_telling()
        return await make_request(bot, method)
