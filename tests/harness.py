"""Plays people talking to the bot: builds updates like Telegram does and feeds them to the real dispatcher."""

from __future__ import annotations

import asyncio
import io
import itertools
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from aiogram.types import CallbackQuery, Chat, Message, Sticker, Update, User

from bot.app import App, create_app
from bot.config import Settings
from bot.outbox_sender import OutboxSender
from mentorship.clock import FrozenClock
from tests.fakes.telegram import ChatMessage, FakeSession, FakeTelegram
from tests.world import World
from tests.world import shared as shared_world

#: Seconds an update may take in the in-process bot before the test fails as stuck.
UPDATE_TIMEOUT = 60

if TYPE_CHECKING:
    from tests.stories import Stories

T = TypeVar("T")
TEST_TOKEN = "123456789:" + "A" * 35


def settings_for_tests(db_url: str, admin_ids: frozenset[int] = frozenset(), **overrides) -> Settings:
    # Explicit values win over whatever the developer's environment holds.
    values = {"redis_url": None, "telegram_api_url": None, "webhook_url": None} | overrides
    return Settings(_env_file=None, bot_token=TEST_TOKEN, database_url=db_url, admin_ids=admin_ids, **values)


class Harness:
    def __init__(self, app: App, telegram: FakeTelegram, clock: FrozenClock, world: World | None = None) -> None:
        self.app = app
        self.telegram = telegram
        self.clock = clock
        #: What `restart` builds the app with (tests/world.py).
        self.world = world or shared_world(app.settings.default_locale)
        #: Where set-ups played once are copied from (`tell`); None: every story is played.
        self.stories: Stories | None = None
        #: Where the last story left this harness (tests/stories.py).
        self.story_mark: object | None = None
        self.update_ids = itertools.count(1)
        self.expect_failures = False
        #: Telegram refusals a test provokes on purpose (e.g. "blocked by the user"); any other fails the test.
        self.expected_refusals: list[str] = []

    def refusal_expected(self, error: str) -> bool:
        return any(re.search(pattern, error) for pattern in self.expected_refusals)

    def problems(self, records: list[logging.LogRecord]) -> list[str]:
        """What fails a test that used this harness, given the log records of the whole test: an update that failed
        inside the bot (unless the test expects it), a request Telegram refused, a missing translation."""
        found = []
        failures = [r for r in records if r.name == "bot.handlers.errors" and r.levelno >= logging.ERROR]
        if failures and not self.expect_failures:
            found.append(f"an update failed inside the bot: {failures[0].exc_info}")
        refused = [(c.method, c.error) for c in self.telegram.calls if c.error and not self.refusal_expected(c.error)]
        if refused:
            found.append(f"Telegram refused calls the bot made: {refused}")
        found += [r.getMessage() for r in records if "missing translation" in r.getMessage()][:1]
        return found

    @classmethod
    async def create(cls, db_url: str, clock: FrozenClock, admin_ids: frozenset[int] = frozenset(), telegram: FakeTelegram | None = None, world: World | None = None, **overrides) -> Harness:
        """The bot over `db_url`, talking to `telegram`; with the texts parsed once per run unless `world` says
        otherwise (`World.fresh()`: read from disk, as a new process does)."""
        telegram = telegram or FakeTelegram()
        settings = settings_for_tests(db_url, admin_ids, **overrides)
        world = world or shared_world(settings.default_locale)
        return cls(await _app(settings, clock, telegram, world), telegram, clock, world)

    async def restart(self, world: World | None = None) -> None:
        """A new bot process over the same database and chats (what a restart looks like to users)."""
        settings = self.app.settings
        await self.app.close()
        self.app = await _app(settings, self.clock, self.telegram, world or self.world)
        self.story_mark = None  # a new process: stories from here on are played (tests/stories.py)

    async def close(self) -> None:
        await self.app.close()

    async def tell(self, story: Callable[..., Awaitable[T]], *args: Any) -> T:
        """`await story(self, *args)`: played through the bot, or copied from the first time it was played on this
        backend in this process (tests/stories.py). Returns what the story returned: plain data, not `Person`s."""
        if self.stories is None:
            return await story(self, *args)
        return await self.stories.tell(self, story, *args)

    def user(self, user_id: int, first_name: str = "Test", language_code: str | None = "ru") -> Person:
        return Person(self, user_id, first_name, language_code)

    async def deliver(self) -> int:
        """Send what the outbox holds due now (no rate limit: the limits have their own tests)."""
        sender = OutboxSender(self.app.session_factory, self.app.bot, self.app.translator, self.clock,
                              rate=1_000_000, claims=self.app.sender.claims)
        return await sender.drain()

    async def feed(self, update: Update) -> None:
        # An update of the in-process bot takes milliseconds; one that has not finished in a minute is stuck (seen
        # twice in card dialogs, never reproduced): fail with every task's stack instead of hanging the suite.
        try:
            await asyncio.wait_for(self.app.dispatcher.feed_update(self.app.bot, update), UPDATE_TIMEOUT)
        except TimeoutError:
            stacks = io.StringIO()
            for task in asyncio.all_tasks():
                task.print_stack(file=stacks)
            raise AssertionError(f"update {update.update_id} still running after {UPDATE_TIMEOUT} s; tasks:\n"
                                 f"{stacks.getvalue()}") from None


async def _app(settings: Settings, clock: FrozenClock, telegram: FakeTelegram, world: World) -> App:
    return await create_app(settings, clock=clock, bot_session=FakeSession(telegram), **world.app_arguments())


class Person:
    def __init__(self, harness: Harness, user_id: int, first_name: str, language_code: str | None) -> None:
        self.h = harness
        self.id = user_id
        self.user = User(id=user_id, is_bot=False, first_name=first_name, language_code=language_code)
        self.chat = Chat(id=user_id, type="private")

    # --- acting ----------------------------------------------------------------------------------------------
    def _message(self, **content) -> Message:
        stored = self.h.telegram.add_user_message(self.id, content.get("text"))
        return Message(
            message_id=stored.message_id,
            date=datetime.now(UTC),
            chat=self.chat,
            from_user=self.user,
            **content,
        )

    async def send(self, text: str) -> None:
        await self.h.feed(Update(update_id=next(self.h.update_ids), message=self._message(text=text)))

    async def send_sticker(self) -> None:
        sticker = Sticker(file_id="s", file_unique_id="s", type="regular", width=1, height=1, is_animated=False, is_video=False)
        await self.h.feed(Update(update_id=next(self.h.update_ids), message=self._message(sticker=sticker)))

    async def click(self, label: str, message: ChatMessage | None = None) -> str:
        """Press the button whose text matches `label` (a regex) on the newest message that has buttons."""
        message = message or self.h.telegram.last_with_buttons(self.id)
        pattern = re.compile(label)
        for button in message.buttons():
            if pattern.search(button["text"]):
                return await self.press(button["callback_data"], message)
        raise AssertionError(f"no button {label!r}; buttons are {[b['text'] for b in message.buttons()]}")

    async def press(self, callback_data: str, message: ChatMessage | None = None) -> str:
        """Send any callback data (also forged) as if pressed on `message`."""
        message = message or self.h.telegram.last_with_buttons(self.id)
        callback_id = f"cb{next(self.h.update_ids)}"
        api_message = Message.model_validate(message.to_api(self.h.telegram.bot_user, None) | {"date": datetime.now(UTC)})
        callback = CallbackQuery(
            id=callback_id, from_user=self.user, chat_instance="ci", message=api_message, data=callback_data
        )
        await self.h.feed(Update(update_id=next(self.h.update_ids), callback_query=callback))
        return callback_id

    # --- seeing -------------------------------------------------------------------------------------------------
    @property
    def last(self) -> str:
        return self.h.telegram.last(self.id).shown

    def seen(self) -> list[str]:
        return [m.shown for m in self.h.telegram.messages(self.id)]

    def seen_since(self, count: int) -> list[str]:
        return self.seen()[count:]

    def buttons(self) -> list[str]:
        return [b["text"] for b in self.h.telegram.last_with_buttons(self.id).buttons()]

    def alert(self, callback_id: str) -> str | None:
        answer = self.h.telegram.callback_answers.get(callback_id)
        return answer.get("text") if answer else None
