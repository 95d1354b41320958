"""The outbox's sender: claims due rows, renders them in the recipient's language, and delivers them within
Telegram's limits.

- **Rate:** SEND_RATE messages a second for the whole token, smoothly (a leaky bucket with one message of slack, so
  no one-second window holds more than the rate + 1), and at most one per second to a chat.
- **429:** `retry_after` pauses every send of this sender, and the message goes back to the queue unpunished.
- **403** (the person blocked the bot): the person is marked unreachable, everything queued for the chat is
  closed (rows of the same batch are not tried again), and the curators of the organisation are told once.
- **Other failures** retry with backoff; after `MAX_ATTEMPTS` the row is failed, with the reason kept, and the
  curators are told.
- **Crash safety:** a row is marked sent right after Telegram accepts it. A sender killed in between leaves only
  that row to be sent again when its claim's lease runs out. A row whose turn comes after half its lease (many
  rows to one chat, long 429 pauses) is left for the next claim rather than risk a second sender sending it too.
- **Several senders** split the queue (SKIP LOCKED) but not the token's budget: each keeps its own SEND_RATE.
- **Transactions:** the sender is an entry point of its own, like an update or a scheduler job: each claim, each
  check before a send and each outcome (sent, retry, failed, unreachable with the curators' notices) is its own
  short transaction (`transaction`), never held across a call to Telegram.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import timedelta

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiolimiter import AsyncLimiter
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Translator
from db.models import PersonRow
from db.repositories.outbox import OutboxRepository
from db.repositories.people import PersonRepository
from db.transaction import transaction
from mentorship.clock import Clock
from mentorship.outbox import (
    MAX_ATTEMPTS,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
    backoff,
)
from mentorship.services import outbox
from mentorship.services.consents import curators_of

log = logging.getLogger(__name__)

#: Sends in flight at once: enough to keep the rate up over a slow network, few enough for the database pool.
CONCURRENCY = 8


def render(message: OutboxMessage, translator: Translator) -> tuple[str, InlineKeyboardMarkup | None]:
    locale = translator.normalise(message.locale)
    # An argument {"t": key} is itself a translation (a meeting's kind), rendered in the recipient's language.
    args = {
        name: translator.get(locale, value["t"]) if isinstance(value, dict) and "t" in value else value
        for name, value in message.args.items()
    }
    text = translator.get(locale, message.key, **args)
    if not message.buttons:
        return text, None
    rows = [
        [
            InlineKeyboardButton(text=translator.get(locale, b.key, **b.args), callback_data=b.data, url=b.url)
            for b in row
        ]
        for row in message.buttons
    ]
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


class OutboxSender:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        bot: Bot,
        translator: Translator,
        clock: Clock,
        *,
        rate: float = 25,
        per_chat_interval: float = 1.0,
        batch: int | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session_factory = session_factory
        self.bot = bot
        self.translator = translator
        self.clock = clock
        # A leaky bucket draining at `rate` that holds two: one message of slack lets a send delayed by a busy event
        # loop be made up (with a bucket of one, every late wake-up is rate lost for good), and no rolling second
        # ever holds more than rate + 1.
        self.limiter = AsyncLimiter(2, 2 / rate)
        self.per_chat_interval = per_chat_interval
        self.batch = batch or max(50, int(rate * 4))
        # A claim must outlive the batch's sends at the full rate, with room for a 429 pause.
        self.lease = timedelta(seconds=max(60.0, 3 * self.batch / rate))
        self.monotonic = monotonic
        self._last_to_chat: dict[int, float] = {}
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._paused_until = 0.0
        self._in_flight = asyncio.Semaphore(CONCURRENCY)
        self._blocked: set[int] = set()  # chats that answered 403 during this drain

    def _forget_quiet_chats(self) -> None:
        """Per-chat spacing only matters for a second; without this the maps grow with every chat ever served."""
        horizon = self.monotonic() - self.per_chat_interval
        for chat_id in [c for c, at in self._last_to_chat.items() if at < horizon]:
            lock = self._chat_locks.get(chat_id)
            if lock is None or not lock.locked():
                self._last_to_chat.pop(chat_id, None)
                self._chat_locks.pop(chat_id, None)

    async def drain(self) -> int:
        """Send everything due now, batch after batch; returns how many were delivered."""
        delivered = 0
        self._blocked.clear()  # someone who blocked the bot may have written since: their new rows are tried
        self._forget_quiet_chats()
        while True:
            async with transaction(self.session_factory) as session:
                claimed = await OutboxRepository(session).claim(self.clock.now(), self.batch, self.lease)
            if not claimed:
                return delivered
            # The claim is ours until the lease runs out; past half of it, another sender may take the rows over.
            claim_ends = self.monotonic() + self.lease.total_seconds() / 2
            results = await asyncio.gather(*(self._deliver(m, claim_ends) for m in claimed))
            delivered += sum(results)

    async def _deliver(self, message: OutboxMessage, claim_ends: float = float("inf")) -> bool:
        lock = self._chat_locks.setdefault(message.chat_id, asyncio.Lock())
        async with lock, self._in_flight:
            wait = self._last_to_chat.get(message.chat_id, -1e9) + self.per_chat_interval - self.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            while True:
                pause = self._paused_until - self.monotonic()
                if pause > 0:
                    await asyncio.sleep(pause)
                    continue
                await self.limiter.acquire()
                if self._paused_until <= self.monotonic():  # no 429 arrived while this one waited its turn
                    break
            if message.chat_id in self._blocked:
                return False  # closed with the chat's other rows when the first 403 came
            if self.monotonic() > claim_ends:
                # Waited so long (many rows to one chat, long 429 pauses) that the lease may be another sender's
                # by now: leave the row to whoever claims it next rather than risk sending it twice.
                log.info("outbox claim ran out id=%s", message.id)
                return False
            if not await self._still_to_send(message):
                return False  # cancelled (a meeting called off) or held (a consent withdrawn) while it waited
            try:
                text, markup = render(message, self.translator)
                await self.bot.send_message(message.chat_id, text, reply_markup=markup)
            except TelegramRetryAfter as error:
                self._paused_until = max(self._paused_until, self.monotonic() + error.retry_after)
                log.warning("outbox 429 retry_after=%s id=%s", error.retry_after, message.id)
                await self._retry(message, timedelta(seconds=error.retry_after), "429", count_attempt=False)
                return False
            except TelegramForbiddenError as error:
                self._blocked.add(message.chat_id)
                await self._unreachable(message, str(error.message))
                return False
            except (TelegramBadRequest, TelegramNotFound) as error:
                await self._give_up(message, f"{type(error).__name__}: {error.message}")
                return False
            except (TelegramAPIError, OSError, asyncio.TimeoutError) as error:
                reason = f"{type(error).__name__}: {getattr(error, 'message', '') or error}"
                if message.attempts >= MAX_ATTEMPTS:
                    await self._give_up(message, reason)
                else:
                    await self._retry(message, backoff(message.attempts), reason)
                return False
            finally:
                self._last_to_chat[message.chat_id] = self.monotonic()
            async with transaction(self.session_factory) as session:
                await OutboxRepository(session).sent([message.id], self.clock.now())
            return True

    async def _still_to_send(self, message: OutboxMessage) -> bool:
        """The last look before a send: still pending, and its recipient's consent not withdrawn nor its pair
        suspended since it was queued (then it is held, to go if they resume)."""
        async with self.session_factory() as session:
            repo = OutboxRepository(session)
            if not await repo.is_pending(message.id):
                return False
            if not await outbox.held_now(session, message.person_id, message.organisation_id, message.kind, message.ref):
                return True
            await repo.hold(message.id)
            await session.commit()
        log.info("outbox held at send id=%s person_id=%s", message.id, message.person_id)
        return False

    async def _retry(self, message: OutboxMessage, delay: timedelta, reason: str, count_attempt: bool = True) -> None:
        async with transaction(self.session_factory) as session:
            await OutboxRepository(session).retry(message.id, self.clock.now() + delay, reason, count_attempt)
        log.info("outbox retry id=%s attempts=%s in=%ss", message.id, message.attempts, delay.total_seconds())

    async def _give_up(self, message: OutboxMessage, reason: str) -> None:
        async with transaction(self.session_factory) as session:
            await OutboxRepository(session).finish(message.id, OutboxStatus.FAILED, reason)
            await self._tell_curators(session, message, "outbox-failed-curator", reason, f"failed:{message.id}")
        log.warning("outbox gave up id=%s person_id=%s", message.id, message.person_id)

    async def _unreachable(self, message: OutboxMessage, reason: str) -> None:
        now = self.clock.now()
        async with transaction(self.session_factory) as session:
            repo = OutboxRepository(session)
            await repo.finish(message.id, OutboxStatus.UNREACHABLE, reason)
            closed = await repo.cancel_for_chat(message.chat_id, OutboxStatus.UNREACHABLE, reason)
            if message.person_id is not None:
                marked = await session.execute(
                    update(PersonRow)
                    .where(PersonRow.id == message.person_id, PersonRow.unreachable_at.is_(None))
                    .values(unreachable_at=now)
                )
                # Told once per time they block the bot: only the sender that marked them tells.
                if marked.rowcount:
                    await self._tell_curators(session, message, "outbox-unreachable-curator", None,
                                              f"unreachable:{message.person_id}:{now.isoformat()}")
        log.warning("outbox unreachable person_id=%s closed=%s", message.person_id, closed)

    async def _tell_curators(
        self, session: AsyncSession, message: OutboxMessage, key: str, reason: str | None, dedup: str
    ) -> None:
        if message.organisation_id is None or message.person_id is None:
            return
        person = await PersonRepository(session).get(message.person_id)
        name = person.full_name if person is not None and person.full_name else f"#{message.person_id}"
        for curator in await curators_of(session, message.organisation_id):
            if curator.id == message.person_id:
                continue
            await outbox.notify(
                session, curator, key, {"name": name, "reason": reason or ""}, now=self.clock.now(),
                kind=OutboxKind.ALERT, organisation_id=message.organisation_id, dedup_key=f"{dedup}:{curator.id}",
            )
