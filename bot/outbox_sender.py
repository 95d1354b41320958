"""The outbox's sender: claims due rows, renders them in the recipient's language, and delivers them within
Telegram's limits.

- **Rate and priorities:** every send goes through the bot's send budget (bot/send_budget.py), shared by every
  process on the token: SEND_RATE messages a second for all of them together, at most one a second to a chat,
  replies to people first. Each row's class (time-critical or bulk) is its priority in the budget, and the claim
  takes time-critical rows first; batches are small (about a second of sending), so a reminder that falls due
  during a bulk wave is claimed within a second or two.
- **429:** the budget holds back the chat and every process's proactive sends for `retry_after`; the row is tried
  again in place, so the chat's later rows (which wait for it) keep their order. If its claim would run out first,
  the row goes back to the queue unpunished and the chat's other pending rows are pushed back behind it.
- **403** (the person blocked the bot): the person is marked unreachable, everything queued for the chat is
  closed (rows of the same batch are not tried again), and the curators of the organisation are told once.
- **Other failures** retry with backoff; after `MAX_ATTEMPTS` the row is failed, with the reason kept, and the
  curators are told.
- **Crash safety:** a row is marked sent right after Telegram accepts it. A sender killed in between leaves only
  that row to be sent again when its claim's lease runs out. A row whose turn comes after half its lease (many
  rows to one chat, long 429 pauses) is left for the next claim rather than risk a second sender sending it too.
- **Several senders** split the queue (SKIP LOCKED) and share the token's budget (Redis). A chat whose row is in
  flight in one sender is skipped by the others' claims, so its messages arrive in order.
- **Transactions:** the sender is an entry point of its own, like an update or a scheduler job: each claim, each
  check before a send and each outcome (sent, retry, failed, unreachable with the curators' notices) is its own
  short transaction (`transaction`), never held across a call to Telegram.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Translator
from bot.send_budget import current_priority
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
        batch: int | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """`rate` is the token's SEND_RATE (the bot's send budget enforces it); here it sizes batches and leases."""
        self.session_factory = session_factory
        self.bot = bot
        self.translator = translator
        self.clock = clock
        # About a second and a half of sending: a time-critical row due meanwhile waits for the next claim, no more.
        self.batch = batch or max(2 * CONCURRENCY, min(200, int(rate * 1.5)))
        # A claim must outlive the batch's sends at the full rate, with room for a 429 pause.
        self.lease = timedelta(seconds=max(60.0, 3 * self.batch / rate))
        self.monotonic = monotonic
        self._chat_locks: dict[int, tuple[asyncio.Lock, int]] = {}  # a chat's lock and the rows that want it
        self._in_flight = asyncio.Semaphore(CONCURRENCY)
        self._blocked: set[int] = set()  # chats that answered 403 during this drain
        self._held: dict[int, datetime] = {}  # chats whose row went back after a 429: the time it is due again

    async def drain(self) -> int:
        """Send everything due now, batch after batch; returns how many were delivered."""
        delivered = 0
        self._blocked.clear()  # someone who blocked the bot may have written since: their new rows are tried
        self._held.clear()
        while True:
            async with transaction(self.session_factory) as session:
                claimed = await OutboxRepository(session).claim(self.clock.now(), self.batch, self.lease)
            if not claimed:
                return delivered
            log.debug("outbox claimed ids=%s", [m.id for m in claimed])
            # The claim is ours until the lease runs out; past half of it, another sender may take the rows over.
            claim_ends = self.monotonic() + self.lease.total_seconds() / 2
            results = await asyncio.gather(*(self._deliver(m, claim_ends) for m in claimed))
            delivered += sum(results)

    async def _deliver(self, message: OutboxMessage, claim_ends: float = float("inf")) -> bool:
        # One row per chat at a time, in claim order (asyncio.Lock is fair): the chat's messages keep their order.
        lock, users = self._chat_locks.get(message.chat_id, (asyncio.Lock(), 0))
        self._chat_locks[message.chat_id] = (lock, users + 1)
        try:
            async with lock, self._in_flight:
                return await self._deliver_in_turn(message, claim_ends)
        finally:
            lock, users = self._chat_locks[message.chat_id]
            if users == 1:
                del self._chat_locks[message.chat_id]  # nobody else wants it: the map does not grow with every chat
            else:
                self._chat_locks[message.chat_id] = (lock, users - 1)

    async def _deliver_in_turn(self, message: OutboxMessage, claim_ends: float) -> bool:
        current_priority.set(message.priority)  # this task's context only: the budget books it in its class
        while True:
            if message.chat_id in self._blocked:
                return False  # closed with the chat's other rows when the first 403 came
            held = self._held.get(message.chat_id)
            if held is not None:
                # An earlier row of the chat went back to the queue after a 429; this one follows it there.
                await self._retry(message, timedelta(0), "429 (held behind the chat's earlier row)",
                                  count_attempt=False, due=held)
                return False
            if self.monotonic() > claim_ends:
                # Waited so long (many rows to one chat, long 429 pauses) that the lease may be another sender's
                # by now: leave the row to whoever claims it next rather than risk sending it twice.
                log.info("outbox claim ran out id=%s", message.id)
                return False
            if not await self._still_pending(message.id):
                return False  # cancelled (a meeting called off) while it waited its turn: not sent
            try:
                text, markup = render(message, self.translator)
                await self.bot.send_message(message.chat_id, text, reply_markup=markup)
            except TelegramRetryAfter as error:
                # The budget already holds back this chat and every process's proactive sends for retry_after.
                log.warning("outbox 429 retry_after=%s id=%s", error.retry_after, message.id)
                if self.monotonic() + error.retry_after < claim_ends:
                    await asyncio.sleep(error.retry_after)
                    continue  # tried again in place: the chat's later rows still wait behind it
                self._held[message.chat_id] = await self._retry(
                    message, timedelta(seconds=error.retry_after), "429", count_attempt=False, hold_chat=True)
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
            async with transaction(self.session_factory) as session:
                await OutboxRepository(session).sent([message.id], self.clock.now())
            return True

    async def _still_pending(self, message_id: int) -> bool:
        async with self.session_factory() as session:
            return await OutboxRepository(session).is_pending(message_id)

    async def _retry(
        self, message: OutboxMessage, delay: timedelta, reason: str, count_attempt: bool = True, hold_chat: bool = False,
        due: datetime | None = None,
    ) -> datetime:
        due = due or self.clock.now() + delay
        async with transaction(self.session_factory) as session:
            repo = OutboxRepository(session)
            await repo.retry(message.id, due, reason, count_attempt)
            if hold_chat:
                await repo.hold_chat(message.chat_id, message.id, due)
        log.info("outbox retry id=%s attempts=%s at=%s", message.id, message.attempts, due.isoformat())
        return due

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
