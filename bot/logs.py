"""Logging for the bot and the scheduler: ids only, at every LOG_LEVEL.

Two guards, because either alone leaks:

* **Per-library levels.** LOG_LEVEL applies to the bot's own loggers. The libraries' loggers are held at a level
  where they say nothing personal, whatever LOG_LEVEL is: at DEBUG aiosqlite logs every statement with its
  parameters (names, dates of birth, typed answers), SQLAlchemy does the same when its loggers are enabled,
  aiogram-dialog logs the chat (with the person's Telegram first name), aiogram's scenes log FSM data.
* **A redacting filter** on the one handler: the bot token, the webhook secret and invitation or parent-link
  tokens (`/start <token>`, `?start=<token>`) are replaced wherever they appear, and an exception's message —
  which may quote what someone typed, or an SQL parameter — is withheld: the log keeps its type and traceback.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import Iterable

#: The most a library logger may say, whatever LOG_LEVEL is (a stricter LOG_LEVEL wins).
LIBRARY_LEVELS: dict[str, int] = {
    "aiosqlite": logging.WARNING,
    "sqlalchemy": logging.WARNING,
    "asyncpg": logging.WARNING,
    "redis": logging.WARNING,
    "aiogram_dialog": logging.INFO,
    "aiogram": logging.INFO,
    "aiohttp": logging.INFO,
    "apscheduler": logging.INFO,
    "alembic": logging.INFO,
    "fluent": logging.WARNING,
    "PIL": logging.INFO,
    "matplotlib": logging.WARNING,
    "qrcode": logging.INFO,
    "asyncio": logging.INFO,
}

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_BOT_TOKEN = re.compile(r"\b\d{3,12}:[A-Za-z0-9_-]{30,}")
_DEEP_LINK = re.compile(r"([?&]start(?:group)?=)[A-Za-z0-9_-]+")
_START = re.compile(r"(/start(?:@\w+)?\s+)\S+")
WITHHELD = "<message withheld>"


class RedactingFilter(logging.Filter):
    """Rewrites each record once, before any handler formats it."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if s and len(s) >= 8}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<secret>")
        text = _BOT_TOKEN.sub("<bot-token>", text)
        text = _DEEP_LINK.sub(r"\1<token>", text)
        return _START.sub(r"\1<token>", text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not lose the record
            message = str(record.msg)
        record.msg, record.args = self.redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(_traceback_without_messages(record.exc_info[1]))
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def _traceback_without_messages(error: BaseException) -> str:
    """Like traceback.format_exception, each exception of the chain shown by type only."""
    parts: list[str] = []
    seen: set[int] = set()

    def walk(exc: BaseException) -> None:
        seen.add(id(exc))
        if exc.__cause__ is not None and id(exc.__cause__) not in seen:
            walk(exc.__cause__)
            parts.append("\nThe above exception was the direct cause of the following exception:\n\n")
        elif exc.__context__ is not None and not exc.__suppress_context__ and id(exc.__context__) not in seen:
            walk(exc.__context__)
            parts.append("\nDuring handling of the above exception, another exception occurred:\n\n")
        if exc.__traceback__ is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(exc.__traceback__))
        kind = type(exc)
        parts.append(f"{kind.__module__}.{kind.__qualname__}: {WITHHELD}\n")

    walk(error)
    return "".join(parts).rstrip("\n")


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    """The root logger at `level` with one stderr handler that redacts; library loggers capped (LIBRARY_LEVELS)."""
    number = logging.getLevelName(level.upper())
    number = number if isinstance(number, int) else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(number)
    for name, cap in LIBRARY_LEVELS.items():
        logging.getLogger(name).setLevel(max(cap, number))
    logging.captureWarnings(True)
