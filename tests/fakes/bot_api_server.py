"""A local Telegram Bot API over HTTP, so the real bot process (`python -m bot`) can be tested end to end.

It serves a `FakeTelegram` (tests/fakes/telegram.py) at `POST /bot<token>/<method>` the way api.telegram.org does
for aiogram's AiohttpSession: multipart or urlencoded form fields in, `{"ok": ..., "result": ...}` out, with the
error's status code. `getUpdates` is implemented here (long polling with `offset`/`timeout`), and the test plays
users through `user_sends` / `user_clicks`, then waits for the bot's reaction with `wait_for`.

It runs inside the test's event loop, so FakeTelegram is only ever touched from one thread.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from tests.fakes.telegram import ChatMessage, FakeTelegram, TelegramError

_PATH_RE = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")
# Telegram caps getUpdates at 100 updates per call and 50 s of long polling.
_MAX_LIMIT = 100
_MAX_TIMEOUT = 50.0


class BotApiServer:
    """Serves one bot's FakeTelegram on 127.0.0.1 and lets a test act as that bot's users."""

    def __init__(self, token: str, telegram: FakeTelegram | None = None) -> None:
        self.token = token
        self.telegram = telegram or FakeTelegram()
        self.polls = 0  # getUpdates calls answered: > 0 means the bot is up and listening
        self.unauthorized = 0  # requests with a wrong token
        # Called on every wait_for poll; each may raise to stop waiting early (e.g. "the bot process died").
        self.guards: list[Callable[[], None]] = []
        # Extra context for wait_for's failure message (e.g. the tail of the bot process's log).
        self.notes: list[Callable[[], str]] = []
        self._pending: list[dict[str, Any]] = []
        self._allowed_updates: list[str] | None = None
        self._update_ids = itertools.count(1)
        self.updates_enqueued = 0  # updates the users made so far
        self._callback_ids = itertools.count(1)
        self._users: dict[int, dict[str, Any]] = {}
        self._wakeup = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.port: int | None = None
        # Telegram's limits, on unless a test changes them: at most `token_rate` calls (any method but getUpdates) in
        # any rolling second for the token, and at most `chat_burst` messages to one chat in any rolling
        # `chat_window` seconds. Broken → 429 with `retry_after`, as Telegram answers.
        self.token_rate: int | None = 30
        self.chat_burst: int | None = 5
        self.chat_window = 3.0
        self.retry_after = 1
        self.too_many = 0  # 429s answered
        self.accepted: list[tuple[float, int]] = []  # (monotonic time, chat id) of each message accepted
        self.call_times: list[float] = []  # monotonic time of every counted call that got through the limits
        self._recent: deque[float] = deque()
        self._to_chat: dict[int, deque[float]] = {}
        self._fail_next_429: int = 0
        self._fail_chat_429: dict[int, int] = {}
        # Webhook mode: after setWebhook, pending updates are POSTed to `webhook_url` one at a time, with the secret
        # in X-Telegram-Bot-Api-Secret-Token, and dropped once answered 200 (retried otherwise), as Telegram does.
        self.webhook_url: str | None = None
        self.webhook_secret: str | None = None
        self.webhook_deliveries: list[tuple[int, int]] = []  # (update_id, HTTP status) of every attempt
        self._webhook_task: asyncio.Task | None = None
        # Seconds each sendMessage/sendPhoto takes to answer after delivering (a slow network): sends stay in flight.
        self.send_latency = 0.0

    # --- Telegram's limits and failures ------------------------------------------------------------------------
    def enforce_limits(self, token_rate: int | None = 30, chat_burst: int | None = 5, chat_window: float = 3.0) -> None:
        self.token_rate, self.chat_burst, self.chat_window = token_rate, chat_burst, chat_window
        self._recent.clear()  # limits count from now: what was sent before they changed does not count
        self._to_chat.clear()

    def block(self, chat_id: int) -> None:
        """The user blocks the bot: every message to them gets 403 until `unblock`."""
        self.telegram.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self.telegram.blocked.discard(chat_id)

    def answer_429_once(self, retry_after: int = 1, chat_id: int | None = None) -> None:
        """The next message (to `chat_id`, or to anyone) is refused with 429 and `retry_after`, whatever the rate."""
        if chat_id is None:
            self._fail_next_429 += 1
        else:
            self._fail_chat_429[chat_id] = self._fail_chat_429.get(chat_id, 0) + 1
        self.retry_after = retry_after

    def received(self, chat_id: int) -> int:
        """Messages the chat got (its own count, so duplicates show)."""
        return len(self.telegram.messages(chat_id))

    def _check_limits(self, method: str, params: dict[str, Any]) -> None:
        now = time.monotonic()
        message = _is_message_call(method)
        chat_id = _int_or_none(params.get("chat_id")) if message else None
        if message and self._fail_next_429:
            self._fail_next_429 -= 1
            self._too_many()
        if chat_id is not None and self._fail_chat_429.get(chat_id):
            self._fail_chat_429[chat_id] -= 1
            self._too_many()
        if self.token_rate is not None:
            while self._recent and self._recent[0] <= now - 1.0:
                self._recent.popleft()
            if len(self._recent) >= self.token_rate:
                self._too_many()
        if chat_id is not None and self.chat_burst is not None:
            sent = self._to_chat.setdefault(chat_id, deque())
            while sent and sent[0] <= now - self.chat_window:
                sent.popleft()
            if len(sent) >= self.chat_burst:
                self._too_many()
            sent.append(now)
        self._recent.append(now)
        self.call_times.append(now)

    def _too_many(self) -> None:
        self.too_many += 1
        raise TelegramError(429, f"Too Many Requests: retry after {self.retry_after}", retry_after=self.retry_after)

    # --- lifecycle ---------------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self.port is not None, "the server is not started"
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)  # Telegram's upload limit for bots
        app.router.add_post("/{path:.*}", self._dispatch)
        # A long poll still open when the test ends is woken by close(); the short timeout is only a backstop.
        self._runner = web.AppRunner(app, shutdown_timeout=2, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        self._closing = True
        self._wake()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            await asyncio.gather(self._webhook_task, return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- HTTP --------------------------------------------------------------------------------------------------
    async def _dispatch(self, request: web.Request) -> web.Response:
        match = _PATH_RE.match(request.path)
        if match is None:
            return _reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        if match["token"] != self.token:
            self.unauthorized += 1
            return _reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        method = match["method"]
        try:
            params, files = await _read_form(request)
            if method == "getUpdates":
                if self.webhook_url is not None:
                    raise TelegramError(409, "Conflict: can't use getUpdates method while webhook is active")
                result = await self._get_updates(params)
            elif method in ("setWebhook", "deleteWebhook"):
                result = self.telegram.handle(method, params, files)
                if method == "setWebhook" and "allowed_updates" in params:
                    self._allowed_updates = json.loads(params["allowed_updates"]) or None
                self._set_webhook(params.get("url") if method == "setWebhook" else None, params.get("secret_token"))
            else:
                self._check_limits(method, params)
                result = self.telegram.handle(method, params, files)
                if _is_message_call(method):
                    self.accepted.append((time.monotonic(), int(params["chat_id"])))
                    if self.send_latency:
                        # Delivered already; only the answer is slow (a sender that gives up now sends it twice).
                        await asyncio.sleep(self.send_latency)
        except TelegramError as error:
            body: dict[str, Any] = {"ok": False, "error_code": error.code, "description": error.description}
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            return _reply(error.code, body)
        return _reply(200, {"ok": True, "result": result})

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = min(int(params.get("limit") or _MAX_LIMIT), _MAX_LIMIT)
        timeout = min(float(params.get("timeout") or 0), _MAX_TIMEOUT)
        if "allowed_updates" in params:
            # Like Telegram: the last list given stays in force for later calls that do not repeat it.
            allowed = json.loads(params["allowed_updates"])
            self._allowed_updates = allowed or None
        if offset > 0:
            # Asking from `offset` confirms every earlier update; Telegram never returns those again.
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        deadline = asyncio.get_running_loop().time() + timeout
        self.polls += 1
        while True:
            # Updates stay pending until confirmed, so a poll abandoned by the client (bot stopping) loses none.
            wakeup = self._wakeup
            self._drop_not_allowed()
            ready = [u for u in self._pending if u["update_id"] >= offset][:limit]
            remaining = deadline - asyncio.get_running_loop().time()
            if ready or remaining <= 0 or self._closing:
                return ready
            try:
                await asyncio.wait_for(wakeup.wait(), remaining)
            except TimeoutError:
                pass

    def _set_webhook(self, url: str | None, secret: str | None) -> None:
        self.webhook_url, self.webhook_secret = url or None, secret
        if self.webhook_url is not None and self._webhook_task is None:
            self._webhook_task = asyncio.ensure_future(self._deliver_to_webhook())

    async def _deliver_to_webhook(self) -> None:
        import aiohttp

        async with aiohttp.ClientSession() as session:
            while not self._closing:
                wakeup = self._wakeup
                self._drop_not_allowed()
                if self.webhook_url is None or not self._pending:
                    await wakeup.wait()
                    continue
                update = self._pending[0]
                headers = {"X-Telegram-Bot-Api-Secret-Token": self.webhook_secret} if self.webhook_secret else {}
                try:
                    async with session.post(self.webhook_url, json=update, headers=headers,
                                            timeout=aiohttp.ClientTimeout(total=10)) as response:
                        status = response.status
                except (aiohttp.ClientError, TimeoutError):
                    status = 0
                self.webhook_deliveries.append((update["update_id"], status))
                if status == 200:
                    if self._pending and self._pending[0] is update:
                        self._pending.pop(0)
                else:
                    await asyncio.sleep(0.2)  # Telegram retries a failed delivery later

    def _drop_not_allowed(self) -> None:
        if self._allowed_updates is None:
            return
        # Telegram does not keep updates of types the bot did not ask for; a bot that forgets to allow
        # callback_query never sees a click, here as in production.
        allowed = set(self._allowed_updates)
        self._pending = [u for u in self._pending if _update_type(u) in allowed]

    def _wake(self) -> None:
        # One Event per generation: every waiter holding the old one wakes, later waiters wait on the new one.
        self._wakeup.set()
        self._wakeup = asyncio.Event()

    def _enqueue(self, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **payload}
        self.updates_enqueued = update["update_id"]
        self._pending.append(update)
        self._wake()
        return update

    # --- acting as users ---------------------------------------------------------------------------------------
    def user(self, user_id: int, language_code: str | None = "ru", first_name: str | None = None) -> dict[str, Any]:
        """The `from` object Telegram sends for this user; remembered so clicks carry the same one."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name or f"User{user_id}"}
        if language_code is not None:
            user["language_code"] = language_code
        self._users[user_id] = user
        return user

    def _known_user(self, user_id: int) -> dict[str, Any]:
        return self._users.get(user_id) or self.user(user_id)

    def user_sends(self, user_id: int, text: str, language_code: str | None = "ru") -> ChatMessage:
        """The user types `text` in the private chat with the bot."""
        user = self.user(user_id, language_code, self._users.get(user_id, {}).get("first_name"))
        stored = self.telegram.add_user_message(user_id, text)
        message: dict[str, Any] = {
            "message_id": stored.message_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": user["first_name"]},
            "from": user,
            "text": text,
        }
        command = re.match(r"/[A-Za-z0-9_]+(@\w+)?", text)
        if command:
            # Telegram marks a leading command as an entity; ASCII, so UTF-16 length equals len().
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command.group(0))}]
        self._enqueue({"message": message})
        return stored

    def user_clicks(self, user_id: int, label_regex: str) -> str:
        """The user presses the button matching `label_regex` on the newest bot message with buttons.

        Returns the callback query id (see FakeTelegram.callback_answers for what the bot answered).
        """
        try:
            message = self.telegram.last_with_buttons(user_id)
        except AssertionError as missing:
            raise AssertionError(f"{missing}\n{self.describe(last=8)}") from None
        pattern = re.compile(label_regex)
        buttons = message.buttons()
        button = next((b for b in buttons if pattern.search(b["text"])), None)
        if button is None:
            raise AssertionError(
                f"no button {label_regex!r} in chat {user_id}; buttons are {[b['text'] for b in buttons]}\n"
                f"{self.describe(last=8)}"
            )
        if "callback_data" not in button:
            raise AssertionError(f"button {button['text']!r} is not a callback button: {button}")
        user = self._known_user(user_id)
        callback_id = f"cb{next(self._callback_ids)}"
        self._enqueue({
            "callback_query": {
                "id": callback_id,
                "from": user,
                "message": message.to_api(self.telegram.bot_user, user),
                "chat_instance": f"ci{user_id}",
                "data": button["callback_data"],
            }
        })
        return callback_id

    # --- what the test reads -----------------------------------------------------------------------------------
    def bot_said(self, chat_id: int, pattern: str, *, after: int = 0) -> ChatMessage | None:
        """The newest bot message in the chat (with message_id > after) whose shown text matches `pattern`."""
        regex = re.compile(pattern)
        for message in reversed(self.telegram.messages(chat_id)):
            if message.message_id > after and regex.search(message.shown):
                return message
        return None

    def newest_shows(self, chat_id: int, pattern: str, *, after: int = 0) -> bool:
        """The chat's newest bot message (as now displayed, after edits) matches `pattern` and was sent after
        message `after`."""
        found = self.telegram.messages(chat_id)
        return bool(found) and found[-1].message_id > after and re.search(pattern, found[-1].shown) is not None

    def has_button(self, chat_id: int, label_regex: str) -> bool:
        """The newest bot message with buttons has one matching `label_regex` (what user_clicks would press)."""
        for message in reversed(self.telegram.messages(chat_id)):
            if message.buttons():
                return any(re.search(label_regex, b["text"]) for b in message.buttons())
        return False

    def last_message_id(self) -> int:
        """A mark: messages sent after now have larger ids (ids are shared by all chats, like a global clock)."""
        return max((m.message_id for chat in self.telegram.chats.values() for m in chat), default=0)

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 15, what: str | None = None) -> Any:
        """Poll until predicate() is truthy and return its value; on timeout fail with what the chats show."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for guard in self.guards:
                guard()
            value = predicate()
            if value:
                return value
            if asyncio.get_running_loop().time() >= deadline:
                raise AssertionError(
                    f"timed out after {timeout:g} s waiting for {what or getattr(predicate, '__name__', 'predicate')}\n"
                    + self.describe()
                )
            await asyncio.sleep(0.02)

    def describe(self, last: int = 5) -> str:
        """The last messages of every chat a user acted in, plus recent failed calls: for failure messages."""
        lines: list[str] = []
        for chat_id in self._users:
            lines.append(f"chat {chat_id}:")
            for message in self.telegram.messages(chat_id, from_bot=None)[-last:]:
                who = "bot" if message.from_bot else "user"
                buttons = [b["text"] for b in message.buttons()]
                lines.append(f"  #{message.message_id} {who}: {message.shown!r}" + (f" buttons={buttons}" if buttons else ""))
        errors = [c for c in self.telegram.calls if c.error][-last:]
        if errors:
            lines.append("failed calls: " + "; ".join(f"{c.method}: {c.error}" for c in errors))
        lines.append(f"pending updates: {len(self._pending)}, getUpdates calls: {self.polls}")
        lines.extend(note() for note in self.notes)
        return "\n".join(lines)


def _reply(status: int, body: dict[str, Any]) -> web.Response:
    return web.Response(status=status, text=json.dumps(body, ensure_ascii=False), content_type="application/json")


def _is_message_call(method: str) -> bool:
    """Calls that put a message in a chat (Telegram's per-chat limit counts these)."""
    return (method.startswith("send") and method != "sendChatAction") or method in (
        "copyMessage", "copyMessages", "forwardMessage", "forwardMessages")


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _update_type(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")


async def _read_form(request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Form fields as strings, and uploaded files keyed by the parameter that references them (attach://)."""
    form: MultiDictProxy[Any] = await request.post()
    params: dict[str, Any] = {}
    uploads: dict[str, bytes] = {}
    for key, value in form.items():
        if isinstance(value, web.FileField):
            uploads[key] = value.file.read()
        else:
            params[key] = value
    files: dict[str, bytes] = {}
    for key, value in params.items():
        if isinstance(value, str) and value.startswith("attach://"):
            name = value.removeprefix("attach://")
            if name not in uploads:
                raise TelegramError(400, f"Bad Request: file {name!r} must be attached to the request")
            files[key] = uploads[name]
    return params, files
