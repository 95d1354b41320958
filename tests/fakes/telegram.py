"""A fake Telegram: keeps each chat's messages as a user would see them and answers Bot API methods.

`FakeTelegram` is the state and the method logic (JSON in, JSON out, like the real Bot API). `FakeSession`
plugs it into aiogram in-process; `tests/fakes/bot_api_server.py` serves the same object over HTTP for the
end-to-end test. Text sent with parse_mode=HTML is parsed the way Telegram does: unknown tags or a bare `&`
fail with 400 "can't parse entities", so an unescaped name breaks a test exactly as it would break a chat.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

BOT_ID = 123456789  # equals the number in the tests' token, as on real Telegram
BOT_USERNAME = "mentor_test_bot"
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "span", "blockquote", "tg-emoji",
}


class TelegramError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


class _TelegramHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            raise TelegramError(400, f"Bad Request: can't parse entities: Unsupported start tag \"{tag}\"")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            raise TelegramError(400, f"Bad Request: can't parse entities: Unmatched end tag \"{tag}\"")
        self.stack.pop()

    def handle_data(self, data):
        self.parts.append(data)

    def handle_entityref(self, name):
        if name not in ("lt", "gt", "amp", "quot"):
            raise TelegramError(400, f"Bad Request: can't parse entities: Unsupported entity \"{name}\"")
        self.parts.append(html.unescape(f"&{name};"))

    def handle_charref(self, name):
        self.parts.append(html.unescape(f"&#{name};"))


def render_html(text: str) -> str:
    """What a user sees for an HTML message; raises like Telegram on markup it would refuse."""
    if re.search(r"&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)", text):
        raise TelegramError(400, "Bad Request: can't parse entities: Character '&' is reserved")
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise TelegramError(400, "Bad Request: can't parse entities: unclosed tag")
    return "".join(parser.parts)


@dataclass
class ChatMessage:
    message_id: int
    chat_id: int
    from_bot: bool
    text: str | None = None  # as displayed
    raw_text: str | None = None  # as sent
    caption: str | None = None
    photo: bytes | None = None
    document: bytes | None = None
    file_name: str | None = None
    reply_markup: dict | None = None
    deleted: bool = False
    edits: int = 0

    @property
    def shown(self) -> str:
        return self.text if self.text is not None else (self.caption or "")

    def buttons(self) -> list[dict]:
        if not self.reply_markup:
            return []
        return [b for row in self.reply_markup.get("inline_keyboard", []) for b in row]

    def to_api(self, bot_user: dict, user: dict | None) -> dict:
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "date": int(time.time()),
            "chat": {"id": self.chat_id, "type": "private"},
            "from": bot_user if self.from_bot else user,
        }
        if self.text is not None:
            data["text"] = self.text
        if self.caption is not None:
            data["caption"] = self.caption
        if self.photo is not None:
            data["photo"] = [{"file_id": f"photo{self.message_id}", "file_unique_id": f"u{self.message_id}", "width": 400, "height": 400}]
        if self.document is not None:
            # A file's message carries it wherever Telegram shows the message (a callback's too).
            data["document"] = {"file_id": f"doc{self.message_id}", "file_unique_id": f"u{self.message_id}",
                                "file_name": self.file_name or "file"}
        if self.reply_markup:
            data["reply_markup"] = self.reply_markup
        return data


@dataclass
class CallRecord:
    method: str
    params: dict[str, Any]
    error: str | None = None


@dataclass
class FakeTelegram:
    """All chats of one bot. Methods are named like the Bot API's."""

    chats: dict[int, list[ChatMessage]] = field(default_factory=dict)
    calls: list[CallRecord] = field(default_factory=list)
    callback_answers: dict[str, dict] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[dict]] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    #: Files users sent, by file_id (getFile and the download path serve them).
    files: dict[str, bytes] = field(default_factory=dict)

    bot_user = {"id": BOT_ID, "is_bot": True, "first_name": "Mentor", "username": BOT_USERNAME}

    # --- what tests read -------------------------------------------------------------------------------------
    def messages(self, chat_id: int, *, from_bot: bool | None = True) -> list[ChatMessage]:
        return [
            m for m in self.chats.get(chat_id, [])
            if not m.deleted and (from_bot is None or m.from_bot == from_bot)
        ]

    def last(self, chat_id: int) -> ChatMessage:
        found = self.messages(chat_id)
        assert found, f"the bot sent nothing to chat {chat_id}"
        return found[-1]

    def last_with_buttons(self, chat_id: int) -> ChatMessage:
        for message in reversed(self.messages(chat_id)):
            if message.buttons():
                return message
        raise AssertionError(f"no message with buttons in chat {chat_id}")

    def add_user_message(self, chat_id: int, text: str | None) -> ChatMessage:
        message = ChatMessage(message_id=next(self._ids), chat_id=chat_id, from_bot=False, text=text)
        self.chats.setdefault(chat_id, []).append(message)
        return message

    def add_file(self, content: bytes, file_name: str) -> dict[str, Any]:
        """Store a file as if a user uploaded it; returns the Document object for their message."""
        number = next(self._ids)
        file_id = f"doc{number}"
        self.files[file_id] = content
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name, "file_size": len(content)}

    def download(self, file_path: str) -> bytes:
        file_id = file_path.removeprefix("documents/")
        if file_id not in self.files:
            raise TelegramError(404, "Not Found")
        return self.files[file_id]

    # --- the Bot API ------------------------------------------------------------------------------------------
    def handle(self, method: str, params: dict[str, Any], files: dict[str, bytes] | None = None) -> Any:
        record = CallRecord(method, params)
        self.calls.append(record)
        try:
            handler = getattr(self, f"api_{method}", None)
            if handler is None:
                raise TelegramError(404, f"Not Found: method {method} is not faked")
            return handler(params, files or {})
        except TelegramError as error:
            record.error = error.description
            raise

    def _chat(self, params: dict) -> int:
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked:
            raise TelegramError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    @staticmethod
    def _markup(params: dict) -> dict | None:
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        return markup or None

    @staticmethod
    def _display(text: str, params: dict) -> str:
        if len(text) > 4096:
            raise TelegramError(400, "Bad Request: message is too long")
        if not text.strip():
            raise TelegramError(400, "Bad Request: message text is empty")
        return render_html(text) if params.get("parse_mode") == "HTML" else text

    def api_getMe(self, params, files):
        return self.bot_user

    def api_sendMessage(self, params, files):
        chat_id = self._chat(params)
        message = ChatMessage(
            message_id=next(self._ids),
            chat_id=chat_id,
            from_bot=True,
            text=self._display(params["text"], params),
            raw_text=params["text"],
            reply_markup=self._markup(params),
        )
        self.chats.setdefault(chat_id, []).append(message)
        return message.to_api(self.bot_user, None)

    def api_sendPhoto(self, params, files):
        chat_id = self._chat(params)
        caption = params.get("caption")
        if caption is not None and len(caption) > 1024:
            raise TelegramError(400, "Bad Request: message caption is too long")
        photo = files.get("photo") or params.get("photo")
        message = ChatMessage(
            message_id=next(self._ids),
            chat_id=chat_id,
            from_bot=True,
            caption=self._display(caption, params) if caption else None,
            photo=photo if isinstance(photo, bytes) else b"",
            reply_markup=self._markup(params),
        )
        self.chats.setdefault(chat_id, []).append(message)
        return message.to_api(self.bot_user, None)

    def api_sendDocument(self, params, files):
        chat_id = self._chat(params)
        caption = params.get("caption")
        if caption is not None and len(caption) > 1024:
            raise TelegramError(400, "Bad Request: message caption is too long")
        document = files.get("document")
        if not isinstance(document, bytes) or not document:
            raise TelegramError(400, "Bad Request: file must be non-empty")
        if len(document) > 50 * 1024 * 1024:
            raise TelegramError(413, "Request Entity Too Large")
        message = ChatMessage(
            message_id=next(self._ids),
            chat_id=chat_id,
            from_bot=True,
            caption=self._display(caption, params) if caption else None,
            document=document,
            file_name=params.get("_file_name_document"),
            reply_markup=self._markup(params),
        )
        self.chats.setdefault(chat_id, []).append(message)
        return message.to_api(self.bot_user, None)

    def _find(self, params) -> ChatMessage:
        chat_id = int(params["chat_id"])
        message_id = int(params["message_id"])
        for message in self.chats.get(chat_id, []):
            if message.message_id == message_id and not message.deleted:
                return message
        raise TelegramError(400, "Bad Request: message to edit not found")

    def api_editMessageText(self, params, files):
        message = self._find(params)
        if message.text is None:
            raise TelegramError(400, "Bad Request: there is no text in the message to edit")
        shown = self._display(params["text"], params)
        markup = self._markup(params)
        if shown == message.text and markup == message.reply_markup:
            raise TelegramError(400, "Bad Request: message is not modified")
        message.text, message.raw_text, message.reply_markup = shown, params["text"], markup
        message.edits += 1
        return message.to_api(self.bot_user, None)

    def api_editMessageReplyMarkup(self, params, files):
        message = self._find(params)
        markup = self._markup(params)
        if markup == message.reply_markup:
            raise TelegramError(400, "Bad Request: message is not modified")
        message.reply_markup = markup
        return message.to_api(self.bot_user, None)

    def api_editMessageCaption(self, params, files):
        message = self._find(params)
        if message.text is not None:
            raise TelegramError(400, "Bad Request: there is no caption in the message to edit")
        caption = params.get("caption") or ""
        if len(caption) > 1024:
            raise TelegramError(400, "Bad Request: message caption is too long")
        shown = self._display(caption, params) if caption else None
        markup = self._markup(params)
        if shown == message.caption and markup == message.reply_markup:
            raise TelegramError(400, "Bad Request: message is not modified")
        message.caption, message.reply_markup = shown, markup
        message.edits += 1
        return message.to_api(self.bot_user, None)

    def api_deleteMessage(self, params, files):
        self._find(params).deleted = True
        return True

    def api_answerCallbackQuery(self, params, files):
        if params["callback_query_id"] in self.callback_answers:
            # Telegram accepts one answer per query; the first one is what the user saw.
            raise TelegramError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        self.callback_answers[params["callback_query_id"]] = params
        return True

    def api_setMyCommands(self, params, files):
        scope = params.get("scope")
        if isinstance(scope, str):
            scope = json.loads(scope)
        commands = params["commands"]
        if isinstance(commands, str):
            commands = json.loads(commands)
        for c in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", c["command"]) or not 1 <= len(c["description"]) <= 256:
                raise TelegramError(400, "Bad Request: BOT_COMMAND_INVALID")
        scope_key = json.dumps(scope or {"type": "default"}, sort_keys=True)
        self.commands[(scope_key, params.get("language_code") or "")] = commands
        return True

    def api_getFile(self, params, files):
        file_id = params["file_id"]
        if file_id not in self.files:
            raise TelegramError(400, "Bad Request: invalid file_id")
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}"}

    def api_deleteWebhook(self, params, files):
        return True

    def api_setWebhook(self, params, files):
        return True

    def chat_commands(self, chat_id: int) -> list[str]:
        key = json.dumps({"chat_id": chat_id, "type": "chat"}, sort_keys=True)
        return [c["command"] for c in self.commands.get((key, ""), [])]


class FakeSession(BaseSession):
    """aiogram session that answers from a FakeTelegram instead of the network."""

    def __init__(self, telegram: FakeTelegram) -> None:
        super().__init__()
        self.telegram = telegram

    async def make_request(self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None) -> TelegramType:
        files: dict[str, Any] = {}
        params: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared is not None:
                params[key] = prepared
        raw_files = {}
        file_names = {}
        for name, input_file in files.items():
            chunks = [chunk async for chunk in input_file.read(bot)]
            raw_files[name] = b"".join(chunks)
            file_names[name] = getattr(input_file, "filename", None)
        # Files are referenced as attach://<name> in params; map them back to the parameter that used them.
        by_param = {}
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                by_param[key] = raw_files.get(value.removeprefix("attach://"))
                params[f"_file_name_{key}"] = file_names.get(value.removeprefix("attach://"))
        try:
            result = self.telegram.handle(method.__api_method__, params, by_param)
            content = json.dumps({"ok": True, "result": result})
            status = 200
        except TelegramError as error:
            body: dict[str, Any] = {"ok": False, "error_code": error.code, "description": error.description}
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            content = json.dumps(body)
            status = error.code
        response = self.check_response(bot=bot, method=method, status_code=status, content=content)
        return response.result  # type: ignore[return-value]

    async def stream_content(self, url, headers=None, timeout=30, chunk_size=65536, raise_for_status=True):
        # File URLs look like <server>/file/bot<token>/<file_path>.
        file_path = url.split("/file/bot", 1)[1].split("/", 1)[1]
        content = self.telegram.download(file_path)
        for start in range(0, len(content), chunk_size):
            yield content[start:start + chunk_size]

    async def close(self) -> None:
        return None
