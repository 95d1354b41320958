"""The outbox's sender: claims due rows, renders them in the recipient's language, and delivers them within
Telegram's limits.

- **Rate and priorities:** every send goes through the bot's send budget (bot/send_budget.py), shared by every
  process on the token: SEND_RATE messages a second for all of them together, at most one a second to a chat,
  replies to people first. Each row's class (time-critical or bulk) is its priority in the budget, and the claim
  takes time-critical rows first; batches are small (about half a second of sending), so a reminder that falls
  due during a bulk wave is claimed within a second or two.
- **429:** the budget holds back the chat and every process's proactive sends for `retry_after`; the row is tried
  again in place, so the chat's later rows (which wait for it) keep their order. If its claim would run out first,
  the row goes back to the queue unpunished and the chat's other pending rows are pushed back behind it.
- **403** (the person blocked the bot): the person is marked unreachable, everything queued for the chat is
  closed (rows of the same batch are not tried again), and the curators of the organisation are told once.
- **Other failures** retry with backoff; after `MAX_ATTEMPTS` the row is failed, with the reason kept, and the
  curators are told.
- **Edits** (rows of kind `edit`, e.g. a meeting cancelled or moved): the words of a message sent before are
  replaced and its buttons taken off (editMessageText, or editMessageCaption for a file such as an invitation with
  its calendar file). Each sent row keeps its Telegram message id, and whether its message shows buttons that act
  on a row, for such edits. An edit Telegram refuses (the person deleted the message; or, after a crash between
  Telegram's answer and the mark, the same edit again) is dropped without troubling the curators.
- **Crash safety:** a row is marked sent right after Telegram accepts it; when the database is locked or
  unreachable at that moment the mark is retried (for `MARK_RETRY_FOR`), holding the send's slot, so at most
  `CONCURRENCY` accepted sends wait for their mark and nothing accepted goes out twice. Only a sender killed with
  `kill -9` between Telegram's answer and the mark leaves that row to be sent again, when its claim's lease runs
  out. A row whose turn comes after half its lease (many rows to one chat, long 429 pauses) is released for the
  next claim rather than risk a second sender sending it too.
- **Graceful stop** (`stop()`, on SIGTERM/SIGINT): no new claim, no new send; the sends already at Telegram finish
  and are marked (bounded by `STOP_TIMEOUT`), and every other claimed row is released — claimable at once, so a
  restarted sender goes on without waiting for a lease. A database outage makes a drain stop quietly (a warning)
  and leaves the rows for the next tick.
- **Several senders** split the queue (SKIP LOCKED) and share the token's budget (Redis). A chat whose row is in
  flight in one sender is skipped by the others' claims, so its messages arrive in order.
- **Transactions:** the sender is an entry point of its own, like an update or a scheduler job: each claim, each
  check before a send and each outcome (sent, retry, failed, unreachable with the curators' notices) is its own
  short transaction (`transaction`), never held across a call to Telegram; what each one reads and writes is
  mentorship/services/delivery.py.
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
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import calendar_files
from bot.callbacks import press_data
from bot.i18n import Translator
from bot.send_budget import current_priority
from db.transaction import transaction
from mentorship.clock import Clock
from mentorship.outbox import MAX_ATTEMPTS, EditAs, OutboxKind, OutboxMessage, backoff, has_live_buttons
from mentorship.services import delivery

log = logging.getLogger(__name__)

#: Sends in flight at once: enough to keep the rate up over a slow network, few enough for the database pool —
#: and the most sends that can be waiting for their "sent" mark while the database is away.
CONCURRENCY = 8
#: A graceful stop waits this long for the sends in flight and their marks.
STOP_TIMEOUT = 10.0
#: A send Telegram accepted keeps trying to mark its row this long while the database is locked or unreachable.
MARK_RETRY_FOR = 120.0
#: What a locked, restarting or unreachable database raises (asyncpg's refused connection is a bare OSError).
DATABASE_ERRORS = (SQLAlchemyError, OSError, asyncio.TimeoutError)


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
            InlineKeyboardButton(text=translator.get(locale, b.key, **b.args), url=b.url,
                                 callback_data=b.data if b.press is None else press_data(b.press, b.row_id, b.version))
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
        claims: async_sessionmaker[AsyncSession] | None = None,
    ) -> None:
        """`rate` is the token's SEND_RATE (the bot's send budget enforces it); here it sizes batches and leases.
        `claims`: the sessions the claims run in, when not `session_factory`'s (bot.app: connections that plan each
        claim for its own values)."""
        self.session_factory = session_factory
        self.claims = claims or session_factory
        self.bot = bot
        self.translator = translator
        self.clock = clock
        # About half a second of sending: a time-critical row due meanwhile waits for the next claim, no more. (A
        # second and a half made reminders due in a bulk wave 3.5 s late at the median, and replies' p99 2.5-3.8×
        # their idle p99 — the batch's sends go out together; half a second: 1.9 s and 1.7×, bench/outbox.py.)
        self.batch = batch or max(CONCURRENCY, min(200, int(rate * 0.5)))
        # A claim must outlive the batch's sends at the full rate, with room for a 429 pause.
        self.lease = timedelta(seconds=max(60.0, 3 * self.batch / rate))
        self.monotonic = monotonic
        self._chat_locks: dict[int, tuple[asyncio.Lock, int]] = {}  # a chat's lock and the rows that want it
        self._held: dict[int, datetime] = {}  # chats whose row went back after a 429: the time it is due again
        self._in_flight = asyncio.Semaphore(CONCURRENCY)
        self._blocked: set[int] = set()  # chats that answered 403 during this drain
        self._stopping = False
        self._stop_event = asyncio.Event()
        self._drains: set[asyncio.Task] = set()
        self._open: set[int] = set()  # claimed by this sender, outcome not yet written
        self._at_telegram: set[int] = set()  # sent (or being sent) and not yet marked

    @property
    def stopping(self) -> bool:
        return self._stopping

    async def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Stop claiming and sending, let the sends already at Telegram finish and be marked, release the rest."""
        self._stopping = True
        self._stop_event.set()
        running = {task for task in self._drains if not task.done() and task is not asyncio.current_task()}
        if running:
            _done, late = await asyncio.wait(running, timeout=timeout)
            for task in late:
                task.cancel()  # a send Telegram never answered: its row keeps its lease (it may have gone out)
            if late:
                await asyncio.wait(late)
                log.warning("outbox stop timed out sends_in_flight=%s", len(self._at_telegram))
        log.info("outbox sender stopped unmarked=%s", len(self._at_telegram))

    async def _nap(self, seconds: float) -> None:
        """Sleep, but wake at once when the sender is stopping."""
        try:
            await asyncio.wait_for(self._stop_event.wait(), seconds)
        except TimeoutError:
            pass

    async def drain(self) -> int:
        """Send everything due now, batch after batch; returns how many were delivered."""
        task = asyncio.current_task()
        if task is not None:
            self._drains.add(task)
        try:
            return await self._drain()
        finally:
            self._drains.discard(task)

    async def _drain(self) -> int:
        delivered = 0
        self._blocked.clear()  # someone who blocked the bot may have written since: their new rows are tried
        self._held.clear()
        while not self._stopping:
            now = self.clock.now()
            try:
                async with transaction(self.claims) as session:
                    claimed = await delivery.claim(session, now, self.batch, self.lease)
            except DATABASE_ERRORS as error:
                log.warning("outbox paused: database unavailable error=%s", type(error).__name__)
                return delivered
            if not claimed:
                return delivered
            claimed_until = now + self.lease
            self._open.update(m.id for m in claimed)
            # The claim is ours until the lease runs out; past half of it, another sender may take the rows over.
            claim_ends = self.monotonic() + self.lease.total_seconds() / 2
            try:
                results = await asyncio.gather(*(self._deliver(m, claim_ends) for m in claimed))
                delivered += sum(results)
            finally:
                # Rows not tried (stopping, the claim ran long, the database away for a moment) go back at once.
                # Shielded: a stop that runs out of time cancels the drain, and the release must still happen.
                left = [m.id for m in claimed if m.id in self._open and m.id not in self._at_telegram]
                if left:
                    await asyncio.shield(self._release(left, claimed_until))
                self._open.difference_update(m.id for m in claimed if m.id not in self._at_telegram)
        return delivered

    async def _release(self, ids: list[int], claimed_until) -> None:
        try:
            async with transaction(self.session_factory) as session:
                released = await delivery.release_claims(session, ids, claimed_until)
        except DATABASE_ERRORS as error:
            # The lease runs out by itself; the rows go out then.
            log.warning("outbox release failed rows=%s error=%s", len(ids), type(error).__name__)
            return
        if released:
            log.info("outbox released rows=%s", released)

    async def _deliver(self, message: OutboxMessage, claim_ends: float = float("inf")) -> bool:
        # One row per chat at a time, in claim order (asyncio.Lock is fair): the chat's messages keep their order.
        lock, users = self._chat_locks.get(message.chat_id, (asyncio.Lock(), 0))
        self._chat_locks[message.chat_id] = (lock, users + 1)
        try:
            async with lock, self._in_flight:
                current_priority.set(message.priority)  # this task's context only: the budget books it in its class
                while True:
                    sent = await self._deliver_in_turn(message, claim_ends)
                    if sent is not None:
                        return sent
        finally:
            lock, users = self._chat_locks[message.chat_id]
            if users == 1:
                del self._chat_locks[message.chat_id]  # nobody else wants it: the map does not grow with every chat
            else:
                self._chat_locks[message.chat_id] = (lock, users - 1)

    async def _deliver_in_turn(self, message: OutboxMessage, claim_ends: float) -> bool | None:
        """One try: True sent, False not (its outcome written or left to the drain), None: try again (a 429)."""
        if self._stopping:
            return False  # released by the drain: the next sender (after a restart) sends it at once
        if message.chat_id in self._blocked:
            self._open.discard(message.id)
            return False  # closed with the chat's other rows when the first 403 came
        held = self._held.get(message.chat_id)
        if held is not None:
            # An earlier row of the chat went back to the queue after a 429; this one follows it there.
            await self._outcome(self._retry(message, timedelta(0), "429 (held behind the chat's earlier row)",
                                            count_attempt=False, due=held), message)
            return False
        if self.monotonic() > claim_ends:
            # Waited so long (many rows to one chat, long 429 pauses) that the lease may be another sender's
            # soon: release the row to whoever claims it next rather than risk sending it twice.
            log.info("outbox claim ran out id=%s", message.id)
            return False
        try:
            if not await self._still_to_send(message):
                # Cancelled (a meeting called off) or held (a consent withdrawn) while it waited: not sent.
                self._open.discard(message.id)
                return False
        except DATABASE_ERRORS as error:
            log.warning("outbox cannot check row id=%s error=%s", message.id, type(error).__name__)
            return False
        self._at_telegram.add(message.id)
        edit_as: EditAs | None = None
        edited_row: int | None = None
        try:
            text, markup = render(message, self.translator)
            event = message.args.get("calendar")
            if message.kind == OutboxKind.EDIT:
                sent_id, edited_row = await self._edit(message, text)
            elif isinstance(event, dict):
                # One request: the words as the caption of the calendar file, so they arrive together or not
                # at all (a retry never repeats half of it).
                locale = self.translator.normalise(message.locale)
                caption = text + "\n\n" + self.translator.get(locale, "calendar-file-hint",
                                                                you=message.args.get("you", "vy"))
                document = BufferedInputFile(calendar_files.ics(event, self.translator, locale),
                                             filename=calendar_files.file_name(event))
                sent = await self.bot.send_document(message.chat_id, document, caption=caption, reply_markup=markup)
                sent_id, edit_as = sent.message_id, EditAs.CAPTION
            else:
                sent = await self.bot.send_message(message.chat_id, text, reply_markup=markup)
                sent_id, edit_as = sent.message_id, EditAs.TEXT
            if not has_live_buttons(message.buttons):
                edit_as = None  # nothing on it a later change must take off
        except TelegramRetryAfter as error:
            # The budget already holds back this chat and every process's proactive sends for retry_after.
            self._at_telegram.discard(message.id)
            log.warning("outbox 429 retry_after=%s id=%s", error.retry_after, message.id)
            if self.monotonic() + error.retry_after < claim_ends:
                await self._nap(error.retry_after)
                return None  # tried again in place: the chat's later rows still wait behind it
            try:
                self._held[message.chat_id] = await self._retry(
                    message, timedelta(seconds=error.retry_after), "429", count_attempt=False, hold_chat=True)
            except DATABASE_ERRORS as db_error:
                log.warning("outbox cannot record outcome id=%s error=%s", message.id, type(db_error).__name__)
                return False
            self._open.discard(message.id)
            return False
        except TelegramForbiddenError as error:
            self._at_telegram.discard(message.id)
            self._blocked.add(message.chat_id)
            await self._outcome(self._unreachable(message, str(error.message)), message)
            return False
        except (TelegramBadRequest, TelegramNotFound) as error:
            self._at_telegram.discard(message.id)
            reason = f"{type(error).__name__}: {error.message}"
            if message.kind == OutboxKind.EDIT:
                await self._outcome(self._edit_refused(message, reason), message)
            else:
                await self._outcome(self._give_up(message, reason), message)
            return False
        except (TelegramAPIError, OSError, asyncio.TimeoutError) as error:
            # Not known to have reached the person (a network error may hide an accepted send): retried.
            self._at_telegram.discard(message.id)
            reason = f"{type(error).__name__}: {getattr(error, 'message', '') or error}"
            if message.attempts >= MAX_ATTEMPTS:
                await self._outcome(self._give_up(message, reason), message)
            else:
                await self._outcome(self._retry(message, backoff(message.attempts), reason), message)
            return False
        # Telegram has it: from here the row must end up marked, or it would go out twice.
        if await self._mark_sent(message.id, sent_id, edit_as, edited_row):
            self._at_telegram.discard(message.id)
            self._open.discard(message.id)
        return True

    async def _edit(self, message: OutboxMessage, text: str) -> tuple[int | None, int | None]:
        """An edit row: the earlier message gets `text` and loses its buttons (no reply_markup: Telegram takes the
        keyboard off). Returns the message id edited and the row it was sent as."""
        target = message.args.get("edit") or {}
        message_id, row = int(target["message_id"]), target.get("row")
        if target.get("as") == EditAs.CAPTION.value:
            await self.bot.edit_message_caption(chat_id=message.chat_id, message_id=message_id, caption=text)
        else:
            await self.bot.edit_message_text(text, chat_id=message.chat_id, message_id=message_id)
        return message_id, row

    async def _edit_refused(self, message: OutboxMessage, reason: str) -> None:
        async with transaction(self.session_factory) as session:
            await delivery.edit_refused(session, message, reason)
        log.info("outbox edit refused id=%s person_id=%s", message.id, message.person_id)

    async def _mark_sent(self, message_id: int, sent_id: int | None = None, edit_as: EditAs | None = None,
                         edited_row: int | None = None) -> bool:
        """Mark a row Telegram accepted, with the message it became (and, for an edit, the earlier row whose buttons
        are gone); a locked or unreachable database is waited out (MARK_RETRY_FOR)."""
        deadline = self.monotonic() + MARK_RETRY_FOR
        pause = 0.2
        while True:
            try:
                async with transaction(self.session_factory) as session:
                    await delivery.mark_sent(session, message_id, self.clock.now(), sent_id, edit_as, edited_row)
                return True
            except DATABASE_ERRORS as error:
                if self.monotonic() + pause > deadline:
                    # Its lease runs out and it goes again: the one duplicate a long outage can cost.
                    log.error("outbox could not mark sent id=%s error=%s", message_id, type(error).__name__)
                    return False
                log.warning("outbox mark sent failed, retrying id=%s error=%s", message_id, type(error).__name__)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 2.0)

    async def _outcome(self, write, message: OutboxMessage) -> None:
        """Write a failed send's outcome; if the database is away, the row is released (or its lease runs out)."""
        try:
            await write
        except DATABASE_ERRORS as error:
            log.warning("outbox cannot record outcome id=%s error=%s", message.id, type(error).__name__)
            return
        self._open.discard(message.id)

    async def _still_to_send(self, message: OutboxMessage) -> bool:
        """The last look before a send: still pending, and its recipient's consent not withdrawn nor its pair
        suspended since it was queued (then it is held, to go if they resume)."""
        async with self.session_factory() as session:
            look = await delivery.last_look(session, message)
            if look != delivery.LastLook.HELD:
                return look == delivery.LastLook.SEND
            await session.commit()
        log.info("outbox held at send id=%s person_id=%s", message.id, message.person_id)
        return False

    async def _retry(
        self, message: OutboxMessage, delay: timedelta, reason: str, count_attempt: bool = True, hold_chat: bool = False,
        due: datetime | None = None,
    ) -> datetime:
        due = due or self.clock.now() + delay
        async with transaction(self.session_factory) as session:
            await delivery.retry(session, message, due, reason, count_attempt=count_attempt, hold_chat=hold_chat)
        log.info("outbox retry id=%s attempts=%s at=%s", message.id, message.attempts, due.isoformat())
        return due

    async def _give_up(self, message: OutboxMessage, reason: str) -> None:
        async with transaction(self.session_factory) as session:
            await delivery.give_up(session, message, reason, self.clock.now())
        log.warning("outbox gave up id=%s person_id=%s", message.id, message.person_id)

    async def _unreachable(self, message: OutboxMessage, reason: str) -> None:
        async with transaction(self.session_factory) as session:
            closed = await delivery.unreachable(session, message, reason, self.clock.now())
        log.warning("outbox unreachable person_id=%s closed=%s", message.person_id, closed)
