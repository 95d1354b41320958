"""One send budget per bot token, for every Bot API call, shared by all processes through Redis.

Every call the bot makes — replies, edits, callback answers, files, the outbox's sends — passes through
`SendBudgetMiddleware`, a request middleware of the bot's session, which books a slot before the call is made.
The budget is a set of buckets (GCRA: each bucket keeps the "theoretical arrival time" of its next call):

- **token**: every call, at most `token_rate` a second (kept under Telegram's ~30/s per token);
- **proactive**: messages sent on the bot's own initiative (the outbox), at most `proactive_rate` (`SEND_RATE`)
  a second — for the token, whatever the number of processes;
- **chat**: messages to one chat — one per `chat_interval` sustained in a private chat, replies may burst a little
  ahead of that (`chat_burst`), one per `group_interval` in a group (Telegram: 20 a minute).

Priorities decide who may book ahead of others. A reply to a person's own update (`Priority.REPLY`) always gets
the next free slot, with a little slack on the token bucket. A proactive message books in two steps: first its
slot of SEND_RATE (and its chat's), where time-critical ones (`Priority.TIMELY`: reminders, feedback forms,
consent outcomes, pair notices) may book about one slot ahead and bulk ones (`Priority.BULK`: broadcasts, survey
invitations) only a slot that is free now; then, when that slot comes, a token slot that is free now. So bulk
yields to time-critical messages, and a reply never queues behind the outbox: nothing proactive holds a token slot
in the future (booked ahead, it made replies wait up to one proactive slot: a p99 of 60 ms against 16 ms idle).

Each booking is one atomic step: a Lua script in Redis (its clock, so processes on several machines agree), or the
same arithmetic in this process when REDIS_URL is not set. If Redis is unreachable the process falls back to its
own budget rather than stop sending.

A 429 that still happens (another bot on the same token, a limit Telegram tightened) pushes the chat's and the
proactive bucket back by `retry_after` for every process; a reply waits it out and is retried, for up to
`REPLY_PATIENCE` seconds in all, before the error reaches the handler (which apologises).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

from mentorship.outbox import Priority

log = logging.getLogger(__name__)

#: How long a reply may keep meeting 429s, waiting and retrying, before the handler sees the error.
REPLY_PATIENCE = 30.0
#: Calls that are not counted: the long poll (it waits, it sends nothing) and closing the session.
UNCOUNTED = frozenset({"getUpdates", "close", "logOut"})
#: Calls that put a message in a chat besides the `send*` family (sendChatAction puts nothing there).
_MESSAGE_CALLS = frozenset({"copyMessage", "copyMessages", "forwardMessage", "forwardMessages"})


#: The priority of the calls made in this context. Updates run with the default; the outbox sets its rows' class.
current_priority: contextvars.ContextVar[Priority] = contextvars.ContextVar("send_priority", default=Priority.REPLY)


@dataclass(frozen=True)
class SendLimits:
    token_rate: float = 28.0  # with one call of slack for replies: ≤ 30 calls in any second
    proactive_rate: float = 25.0  # SEND_RATE
    chat_interval: float = 1.0  # s between messages to a private chat, sustained
    chat_burst: float = 1.5  # s a reply may run ahead of that: two at once, then one a second (≤ 5 in 3 s)
    group_interval: float = 3.1  # s between messages to a group: under 20 a minute
    # s ahead a time-critical message may book its SEND_RATE slot: a little more than one proactive slot (1/25 s), so
    # it takes the next slot before bulk does (its token slot is taken only when that comes: replies never wait).
    timely_horizon: float = 0.05
    bulk_horizon: float = 0.01  # s ahead a bulk message may book: only a slot that is free now (and any token slot)

    @property
    def reply_slack(self) -> float:
        return 1 / self.token_rate

    @property
    def is_unlimited(self) -> bool:
        return math.isinf(self.token_rate) and math.isinf(self.proactive_rate) and not self.chat_interval

    @classmethod
    def unlimited(cls) -> SendLimits:
        """No limit at all: for in-memory tests, where Telegram is a Python object."""
        inf = math.inf
        return cls(token_rate=inf, proactive_rate=inf, chat_interval=0, chat_burst=0, group_interval=0)


def is_message_call(api_method: str) -> bool:
    return (api_method.startswith("send") and api_method != "sendChatAction") or api_method in _MESSAGE_CALLS


@dataclass(frozen=True)
class Booking:
    """What the budget answered: go after `wait` seconds (granted), or ask again after `wait` (refused).
    `chat_bound`: refused because of this call's chat alone (the shared buckets had a slot)."""

    granted: bool
    wait: float
    chat_bound: bool = False


def _cost(rate: float) -> float:
    return 0.0 if math.isinf(rate) else 1.0 / rate


class SendBudget:
    """Books slots; `Redis` when given, this process's memory otherwise."""

    def __init__(
        self,
        limits: SendLimits,
        *,
        redis: Any | None = None,
        prefix: str = "send-budget",
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self.redis = redis
        self.prefix = prefix
        self.monotonic = monotonic
        self._tats: dict[str, float] = {}
        self._script = redis.register_script(_BOOK_LUA) if redis is not None else None
        self._penalty_script = redis.register_script(_PENALISE_LUA) if redis is not None else None
        self._redis_failed = False
        #: Proactive calls of one class take their turns in this process in the order they asked (asyncio.Lock is
        #: fair), so a call that has just arrived never takes the slot one waiting longer was about to get.
        self._turns = {priority: asyncio.Lock() for priority in Priority if priority is not Priority.REPLY}

    # --- what a call costs ---------------------------------------------------------------------------------------
    def _plan(self, priority: Priority, chat_id: int | None, message: bool) -> tuple[list[str], list[float], float]:
        """Keys, (cost, tolerance) pairs flattened, and the horizon for one call — for a proactive message, its
        first step (SEND_RATE and the chat; the token comes second, `_token_now`)."""
        limits = self.limits
        reply = priority is Priority.REPLY
        if message and not reply:
            keys = [f"{self.prefix}:proactive"]
            args = [_cost(limits.proactive_rate), 0.0]
        else:
            keys = [f"{self.prefix}:token"]
            args = [_cost(limits.token_rate),
                    limits.reply_slack if reply and not math.isinf(limits.token_rate) else 0.0]
        if message and chat_id is not None:
            interval = limits.group_interval if chat_id < 0 else limits.chat_interval
            if interval > 0:
                keys.append(f"{self.prefix}:chat:{chat_id}")
                args += [interval, limits.chat_burst if reply and chat_id > 0 else 0.0]
        horizon = math.inf if reply else limits.timely_horizon if priority is Priority.TIMELY else limits.bulk_horizon
        return keys, args, horizon

    # --- booking ----------------------------------------------------------------------------------------------
    async def book(self, priority: Priority, chat_id: int | None, message: bool) -> Booking:
        return await self._book(*self._plan(priority, chat_id, message))

    async def _token_now(self) -> None:
        """A proactive message's second step: a token slot free now (replies may have taken the next ones)."""
        while True:
            booking = await self._book([f"{self.prefix}:token"], [_cost(self.limits.token_rate), 0.0],
                                       self.limits.bulk_horizon)
            if booking.wait > 0:
                await asyncio.sleep(booking.wait)
            if booking.granted:
                return

    async def _book(self, keys: list[str], args: list[float], horizon: float) -> Booking:
        if self._script is not None and not self._redis_failed:
            try:
                granted, wait, chat_bound = await self._script(
                    keys=keys, args=[_num(horizon), int(_has_chat(keys)), *map(_num, args)])
                return Booking(bool(int(granted)), float(wait), bool(int(chat_bound)))
            except Exception as error:  # noqa: BLE001 - Redis down: keep sending within this process's budget
                self._redis_failed = True
                log.warning("send budget: Redis failed (%s); this process keeps its own budget", type(error).__name__)
                asyncio.get_running_loop().call_later(30, self._retry_redis)
        return self._book_here(keys, args, horizon)

    def _retry_redis(self) -> None:
        self._redis_failed = False

    def _book_here(self, keys: list[str], args: list[float], horizon: float) -> Booking:
        now = self.monotonic()
        starts = [self._tats.get(key, 0.0) - args[2 * i + 1] for i, key in enumerate(keys)]
        start = max(now, *starts)
        if start - now > horizon:
            shared = max(now, *starts[:-1]) if _has_chat(keys) else start
            return Booking(False, start - now - horizon, chat_bound=start > shared)
        for i, key in enumerate(keys):
            self._tats[key] = max(self._tats.get(key, 0.0), start) + args[2 * i]
        if len(self._tats) > 10_000:  # chats come and go: forget buckets whose time has passed
            self._tats = {k: v for k, v in self._tats.items() if v > now}
        return Booking(True, start - now)

    async def acquire(self, priority: Priority, chat_id: int | None, message: bool) -> None:
        """Wait until this call may go. A reply is always granted a slot (the next free one). A proactive call waits
        for the shared buckets in its class's line; one held back by its own chat steps out of the line meanwhile,
        so a busy chat never holds up the others."""
        if priority is Priority.REPLY:
            booking = await self.book(priority, chat_id, message)
            if booking.wait > 0:
                await asyncio.sleep(booking.wait)
            return
        while True:
            async with self._turns[priority]:
                booking = await self.book(priority, chat_id, message)
                while not booking.granted and not booking.chat_bound:
                    await asyncio.sleep(booking.wait)
                    booking = await self.book(priority, chat_id, message)
            if booking.wait > 0:
                await asyncio.sleep(booking.wait)  # a slot booked ahead, or the chat's own pause
            if booking.granted:
                break
        if message:
            await self._token_now()

    async def penalise(self, chat_id: int | None, retry_after: float) -> None:
        """Telegram said 429: nothing proactive goes for `retry_after`, nothing at all to that chat."""
        keys = [f"{self.prefix}:proactive"]
        if chat_id is not None:
            keys.append(f"{self.prefix}:chat:{chat_id}")
        if self._penalty_script is not None and not self._redis_failed:
            try:
                await self._penalty_script(keys=keys, args=[_num(retry_after)])
                return
            except Exception as error:  # noqa: BLE001 - see book()
                log.warning("send budget: Redis failed (%s) on a 429", type(error).__name__)
        until = self.monotonic() + retry_after
        for key in keys:
            self._tats[key] = max(self._tats.get(key, 0.0), until)

    async def aclose(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()


def _has_chat(keys: list[str]) -> bool:
    """The plan's last key is the chat's bucket when the call has one (see `_plan`)."""
    return ":chat:" in keys[-1]


def _num(value: float) -> str:
    return "1e12" if math.isinf(value) else repr(float(value))


class SendBudgetMiddleware(BaseRequestMiddleware):
    """Books every call in the budget; a reply that meets 429 waits `retry_after` and is tried again."""

    def __init__(self, budget: SendBudget, patience: float = REPLY_PATIENCE) -> None:
        self.budget = budget
        self.patience = patience

    async def __call__(
        self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot, method: TelegramMethod[TelegramType]
    ) -> Response[TelegramType]:
        api_method = method.__api_method__
        if api_method in UNCOUNTED:
            return await make_request(bot, method)
        priority = current_priority.get()
        chat = getattr(method, "chat_id", None)
        chat_id = chat if isinstance(chat, int) else None
        message = is_message_call(api_method)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.patience
        while True:
            await self.budget.acquire(priority, chat_id, message)
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                await self.budget.penalise(chat_id, error.retry_after)
                late = loop.time() + error.retry_after > deadline
                log.warning("429 method=%s chat_id=%s retry_after=%s priority=%s%s", api_method, chat_id,
                            error.retry_after, priority.name, " giving up" if late or priority is not Priority.REPLY else "")
                if priority is not Priority.REPLY or late:
                    raise  # the outbox keeps its row and its chat's order; a reply's handler apologises
                await asyncio.sleep(error.retry_after)


# KEYS: the buckets. ARGV[1]: horizon (s); ARGV[2]: 1 when the last key is the chat's; then per key its cost and
# tolerance (s). Redis's clock, in seconds. Returns {1, wait, 0} when booked (go after `wait` s) or {0, wait,
# chat_bound} when refused (ask again after `wait` s; chat_bound 1: the chat's bucket alone held it back).
_BOOK_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local horizon = tonumber(ARGV[1])
local shared_keys = #KEYS - tonumber(ARGV[2])
local tats = {}
local start = now
local shared = now
for i = 1, #KEYS do
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  tats[i] = tat
  local s = tat - tonumber(ARGV[2 * i + 2])
  if s > start then start = s end
  if i <= shared_keys and s > shared then shared = s end
end
if start - now > horizon then
  local chat_bound = 0
  if start > shared then chat_bound = 1 end
  return {0, tostring(start - now - horizon), chat_bound}
end
for i = 1, #KEYS do
  local tat = math.max(tats[i], start) + tonumber(ARGV[2 * i + 1])
  redis.call('SET', KEYS[i], tostring(tat), 'PX', math.ceil((tat - now) * 1000) + 1000)
end
return {1, tostring(start - now), 0}
"""

# KEYS: the buckets to hold back; ARGV[1]: retry_after (s).
_PENALISE_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local untill = now + tonumber(ARGV[1])
for i = 1, #KEYS do
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if untill > tat then
    redis.call('SET', KEYS[i], tostring(untill), 'PX', math.ceil(tonumber(ARGV[1]) * 1000) + 1000)
  end
end
return 1
"""


def budget_prefix(bot_token: str) -> str:
    """Redis keys per token, named by the bot's id (the public part of the token), never the token itself."""
    return f"mentorbot:send-budget:{bot_token.split(':', 1)[0]}"
