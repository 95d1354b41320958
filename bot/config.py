"""Settings from the environment and an optional `.env` file (DESIGN §4 is the contract for these names)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

_DURATION_RE = re.compile(r"(\d+)\s*([smhd])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
_TOKEN_RE = re.compile(r"\d{3,12}:[A-Za-z0-9_-]{30,}")


def parse_duration(text: str) -> timedelta:
    """'24h', '15m', '1h30m' -> timedelta."""
    raw = text.strip().lower()
    parts = _DURATION_RE.findall(raw)
    if not parts or _DURATION_RE.sub("", raw).strip():
        raise ValueError(f"not a duration: {text!r} (examples: 24h, 15m, 1h30m)")
    return sum((timedelta(**{_UNITS[unit]: int(n)}) for n, unit in parts), timedelta())


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr
    database_url: str = "sqlite+aiosqlite:///./mentorbot.db"
    redis_url: str | None = None
    telegram_api_url: str | None = None
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_locale: Literal["ru", "en"] = "ru"
    default_timezone: str = "Europe/Moscow"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(8080, ge=1, le=65535)
    reminder_offsets: Annotated[tuple[timedelta, ...], NoDecode] = (timedelta(hours=24), timedelta(hours=1))
    feedback_delay: Annotated[timedelta, NoDecode] = timedelta(minutes=15)
    send_rate: float = Field(25, gt=0, le=30)
    scheduler_tick: float = Field(5, gt=0)
    guardian_link_days: int = Field(14, ge=1, le=90)
    consent_wait_days: int = Field(30, ge=1, le=365)
    #: An unfinished dialog (a half-filled registration, a questionnaire left mid-way) is kept this long after its
    #: last step, in Redis and in the database alike, then forgotten.
    dialog_ttl_days: int = Field(30, ge=1, le=365)
    auto_migrate: bool = True
    run_scheduler: bool = True
    log_level: str = "INFO"

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not _TOKEN_RE.fullmatch(value.get_secret_value().strip()):
            raise ValueError("does not look like a bot token from @BotFather (digits, a colon, then 35 characters)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(f"not a database URL: {value!r}") from None
        if url.drivername not in ("sqlite+aiosqlite", "postgresql+asyncpg"):
            raise ValueError("use sqlite+aiosqlite:///path.db or postgresql+asyncpg://user@host/db")
        return value

    @field_validator("redis_url", "telegram_api_url", "webhook_url", "webhook_secret", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("telegram_api_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
            raise ValueError(f"not an http(s) URL: {value!r}")
        return value.rstrip("/") if value else value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"rediss?://\S+", value):
            raise ValueError(f"not a redis:// URL: {value!r}")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            items = [v.strip() for v in value.split(",") if v.strip()]
            if not all(v.lstrip("-").isdigit() for v in items):
                raise ValueError("comma-separated Telegram user ids, e.g. 12345,67890")
            return frozenset(int(v) for v in items)
        return value

    @field_validator("default_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA timezone: {value!r} (example: Europe/Moscow)") from None
        return value

    @field_validator("reminder_offsets", mode="before")
    @classmethod
    def _offsets(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(sorted((parse_duration(v) for v in value.split(",") if v.strip()), reverse=True))
        return value

    @field_validator("feedback_delay", mode="before")
    @classmethod
    def _delay(cls, value: object) -> object:
        return parse_duration(value) if isinstance(value, str) else value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError(f"not a log level: {value!r} (DEBUG, INFO, WARNING, ERROR or CRITICAL)")
        return level

    @model_validator(mode="after")
    def _webhook(self) -> Settings:
        if self.webhook_url and not self.webhook_secret:
            raise ValueError("WEBHOOK_SECRET is required when WEBHOOK_URL is set")
        if self.webhook_secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", self.webhook_secret.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return self

    @property
    def dialog_ttl(self) -> timedelta:
        return timedelta(days=self.dialog_ttl_days)

    @property
    def is_webhook(self) -> bool:
        return self.webhook_url is not None
