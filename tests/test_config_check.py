"""Settings (DESIGN §4 is the contract) and `python -m bot check` / `migrate` as an operator runs them."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.check import describe_settings_error
from bot.config import Settings, parse_duration
from tests import warm
from tests.harness import TEST_TOKEN

ROOT = Path(__file__).resolve().parent.parent
#: Every variable Settings reads; none may leak in from the machine running the tests.
VARIABLES = {name.upper() for name in Settings.model_fields}
CONTRACT = {
    "BOT_TOKEN", "DATABASE_URL", "REDIS_URL", "TELEGRAM_API_URL", "ADMIN_IDS", "DEFAULT_LOCALE", "DEFAULT_TIMEZONE",
    "WEBHOOK_URL", "WEBHOOK_SECRET", "WEBHOOK_HOST", "WEBHOOK_PORT", "REMINDER_OFFSETS", "FEEDBACK_DELAY",
    "SEND_RATE", "SCHEDULER_TICK",
}  # fmt: skip
UNREACHABLE_PG = "postgresql+asyncpg://nobody:s3cret-pw@127.0.0.1:1/x"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.upper() in VARIABLES:  # pydantic-settings matches names case-insensitively
            monkeypatch.delenv(name)
    monkeypatch.setenv("BOT_TOKEN", TEST_TOKEN)


def settings(**environment: str) -> Settings:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        return Settings(_env_file=None)


def refusal(**environment: str) -> str:
    """The lines an operator sees for a configuration that must be refused."""
    with pytest.raises(ValidationError) as error:
        settings(**environment)
    return "\n".join(describe_settings_error(error.value))


# --- Settings ------------------------------------------------------------------------------------------------


def test_contract_names_are_all_read() -> None:
    assert CONTRACT <= VARIABLES, f"Settings does not read {sorted(CONTRACT - VARIABLES)}"


def test_defaults_match_the_contract() -> None:
    s = settings()
    assert s.bot_token.get_secret_value() == TEST_TOKEN
    assert s.database_url == "sqlite+aiosqlite:///./mentorbot.db"
    assert s.redis_url is None
    assert s.telegram_api_url is None
    assert s.admin_ids == frozenset()
    assert s.default_locale == "ru"
    assert s.default_timezone == "Europe/Moscow"
    assert s.webhook_url is None and s.webhook_secret is None and not s.is_webhook
    assert (s.webhook_host, s.webhook_port) == ("0.0.0.0", 8080)
    assert s.reminder_offsets == (timedelta(hours=24), timedelta(hours=1))
    assert s.feedback_delay == timedelta(minutes=15)
    assert s.send_rate == 25
    assert s.scheduler_tick == 5
    assert s.auto_migrate is True and s.run_scheduler is True
    assert s.log_level == "INFO"


def test_bot_token_is_required_and_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_TOKEN")
    assert "BOT_TOKEN is not set: get a token from @BotFather" in refusal()
    assert "BOT_TOKEN: does not look like a bot token" in refusal(BOT_TOKEN="123:not-a-token")
    assert "not-a-token" not in refusal(BOT_TOKEN="123:not-a-token"), "the refused value must not be echoed"
    assert TEST_TOKEN not in repr(settings(BOT_TOKEN=TEST_TOKEN))
    assert settings(BOT_TOKEN=f"  {TEST_TOKEN}\n").bot_token.get_secret_value() == TEST_TOKEN


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1, 2", {1, 2}), ("12345", {12345}), ("1,2,", {1, 2}), ("", set())],
)
def test_admin_ids(raw: str, expected: set[int]) -> None:
    assert settings(ADMIN_IDS=raw).admin_ids == frozenset(expected)


@pytest.mark.parametrize("raw", ["1,abc", "one", "1;2", "1.5"])
def test_bad_admin_ids_are_refused(raw: str) -> None:
    assert "ADMIN_IDS: comma-separated Telegram user ids" in refusal(ADMIN_IDS=raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("24h,1h", (timedelta(hours=24), timedelta(hours=1))),
        ("1h, 24h", (timedelta(hours=24), timedelta(hours=1))),  # stored longest first, whatever the order typed
        ("1h30m", (timedelta(hours=1, minutes=30),)),
        ("1d,90s", (timedelta(days=1), timedelta(seconds=90))),
    ],
)
def test_reminder_offsets(raw: str, expected: tuple[timedelta, ...]) -> None:
    assert settings(REMINDER_OFFSETS=raw).reminder_offsets == expected


@pytest.mark.parametrize("raw", ["abc", "24", "24h,abc", "1w", "-1h"])
def test_bad_reminder_offsets_are_refused(raw: str) -> None:
    assert "REMINDER_OFFSETS: not a duration" in refusal(REMINDER_OFFSETS=raw)


def test_feedback_delay() -> None:
    assert settings(FEEDBACK_DELAY="15m").feedback_delay == timedelta(minutes=15)
    assert settings(FEEDBACK_DELAY="1h30m").feedback_delay == timedelta(hours=1, minutes=30)
    assert "FEEDBACK_DELAY: not a duration" in refusal(FEEDBACK_DELAY="soon")


def test_parse_duration() -> None:
    assert parse_duration(" 1H 30M ") == timedelta(hours=1, minutes=30)
    for bad in ("", "h", "15", "15 minutes", "1h+30m"):
        with pytest.raises(ValueError, match="not a duration"):
            parse_duration(bad)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("nonsense", "DATABASE_URL: not a database URL: 'nonsense'"),
        ("postgresql://u@h/db", "DATABASE_URL: use sqlite+aiosqlite:///path.db or postgresql+asyncpg://"),
        ("sqlite:///x.db", "DATABASE_URL: use sqlite+aiosqlite:///path.db or postgresql+asyncpg://"),
        ("mysql+aiomysql://u@h/db", "DATABASE_URL: use sqlite+aiosqlite:///path.db or postgresql+asyncpg://"),
    ],
)
def test_bad_database_url_is_refused_with_a_clear_message(raw: str, message: str) -> None:
    assert message in refusal(DATABASE_URL=raw)


def test_good_database_urls() -> None:
    for url in ("sqlite+aiosqlite:///./x.db", "postgresql+asyncpg://mentorbot:pw@postgres:5432/mentorbot"):
        assert settings(DATABASE_URL=url).database_url == url


def test_unknown_timezone_is_refused() -> None:
    assert "DEFAULT_TIMEZONE: unknown IANA timezone: 'Mars/Olympus'" in refusal(DEFAULT_TIMEZONE="Mars/Olympus")
    assert "DEFAULT_TIMEZONE: unknown IANA timezone" in refusal(DEFAULT_TIMEZONE="../../etc/passwd")
    assert settings(DEFAULT_TIMEZONE="Asia/Yekaterinburg").default_timezone == "Asia/Yekaterinburg"


def test_unknown_locale_is_refused() -> None:
    assert "DEFAULT_LOCALE" in refusal(DEFAULT_LOCALE="de")


def test_webhook_needs_a_secret() -> None:
    assert "WEBHOOK_SECRET is required when WEBHOOK_URL is set" in refusal(WEBHOOK_URL="https://bot.example.org/tg")
    assert "Telegram's rule" in refusal(WEBHOOK_URL="https://bot.example.org/tg", WEBHOOK_SECRET="has space")
    s = settings(WEBHOOK_URL="https://bot.example.org/tg/", WEBHOOK_SECRET="s3cret_-X")
    assert s.is_webhook and s.webhook_url == "https://bot.example.org/tg"
    assert "WEBHOOK_URL: not an http(s) URL" in refusal(WEBHOOK_URL="bot.example.org", WEBHOOK_SECRET="x")


def test_empty_optional_urls_mean_unset() -> None:
    s = settings(REDIS_URL="", TELEGRAM_API_URL="", WEBHOOK_URL="", WEBHOOK_SECRET="")
    assert (s.redis_url, s.telegram_api_url, s.webhook_url, s.webhook_secret) == (None, None, None, None)
    assert not s.is_webhook
    assert "REDIS_URL: not a redis:// URL" in refusal(REDIS_URL="localhost:6379")


@pytest.mark.parametrize(("name", "raw"), [("SEND_RATE", "0"), ("SEND_RATE", "31"), ("SCHEDULER_TICK", "0"),
                                           ("WEBHOOK_PORT", "0"), ("WEBHOOK_PORT", "70000")])  # fmt: skip
def test_numbers_out_of_range_are_refused(name: str, raw: str) -> None:
    assert f"{name}:" in refusal(**{name: raw})



def test_unknown_log_level_is_refused() -> None:
    assert "LOG_LEVEL" in refusal(LOG_LEVEL="verbose")

def test_env_example_documents_every_setting_with_its_default(monkeypatch: pytest.MonkeyPatch) -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assignments = dict(
        line.split("=", 1) for line in example.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )
    assert set(assignments) == VARIABLES, f"missing {VARIABLES - set(assignments)}, unknown {set(assignments) - VARIABLES}"
    assert assignments["BOT_TOKEN"] == "", "never put a token in the example"
    # Read as a real .env file: its only problem is the empty token, and the rest are exactly the defaults.
    monkeypatch.delenv("BOT_TOKEN")
    with pytest.raises(ValidationError) as error:
        Settings(_env_file=ROOT / ".env.example")
    assert [e["loc"] for e in error.value.errors()] == [("bot_token",)]
    from_example = Settings(_env_file=ROOT / ".env.example", bot_token=TEST_TOKEN)
    defaults = Settings(_env_file=None, bot_token=TEST_TOKEN)
    assert from_example.model_dump() == defaults.model_dump()


# --- python -m bot check / migrate ----------------------------------------------------------------------------


def run_bot(*args: str, cwd: Path, **environment: str) -> tuple[int, str]:
    """`python -m bot ...` in a directory with no .env, with only the given settings in its environment."""
    env = {k: v for k, v in os.environ.items() if k.upper() not in VARIABLES}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(environment)
    return warm.run("bot", *args, env=env, cwd=cwd, timeout=120)


def test_check_without_a_token(tmp_path: Path) -> None:
    code, output = run_bot("check", cwd=tmp_path)
    assert code != 0
    assert "BOT_TOKEN is not set" in output
    assert "Traceback" not in output


def test_check_with_a_malformed_database_url(tmp_path: Path) -> None:
    code, output = run_bot("check", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, DATABASE_URL="not a url")
    assert code != 0
    assert "DATABASE_URL: not a database URL" in output
    assert "Traceback" not in output


def test_check_with_an_unreachable_database(tmp_path: Path) -> None:
    code, output = run_bot("check", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, DATABASE_URL=UNREACHABLE_PG)
    assert code != 0
    assert "[ok] configuration" in output
    assert "[FAIL] database: cannot connect to postgresql+asyncpg://nobody:***@127.0.0.1:1/x" in output
    assert "s3cret-pw" not in output and TEST_TOKEN not in output
    assert "Traceback" not in output


def test_check_with_an_unreachable_redis(tmp_path: Path) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    code, output = run_bot("check", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, DATABASE_URL=database,
                           REDIS_URL="redis://127.0.0.1:1/0")  # fmt: skip
    assert code != 0
    assert "[FAIL] redis: cannot reach REDIS_URL" in output


def test_check_reports_missing_migrations_until_migrate_runs(tmp_path: Path) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    code, output = run_bot("check", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, DATABASE_URL=database)
    assert code != 0, output
    assert "[ok] database" in output
    assert "[FAIL] migrations: database at empty" in output
    assert "python -m bot migrate" in output
    assert "All checks passed" not in output
    assert not (tmp_path / "bot.db").exists(), "a check changes nothing, not even by creating an empty file"

    code, output = run_bot("migrate", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, DATABASE_URL=database)
    assert code == 0, output
    assert "Database is up to date." in output

    code, output = run_bot("check", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, DATABASE_URL=database)
    assert code == 0, output
    assert "[ok] migrations" in output
    assert "[ok] translations (en)" in output
    assert "All checks passed." in output


def test_check_uses_the_default_sqlite_file_in_the_working_directory(tmp_path: Path) -> None:
    code, output = run_bot("migrate", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN)
    assert code == 0, output
    assert (tmp_path / "mentorbot.db").exists()
    code, output = run_bot("check", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN)
    assert code == 0, output


def test_migrate_without_a_token_says_so_plainly(tmp_path: Path) -> None:
    code, output = run_bot("migrate", cwd=tmp_path)
    assert code != 0
    assert "BOT_TOKEN is not set" in output
    assert "Traceback" not in output
    assert not (tmp_path / "mentorbot.db").exists(), "nothing is created when the configuration is refused"


def test_migrate_with_an_unreachable_database_says_so_plainly(tmp_path: Path) -> None:
    code, output = run_bot("migrate", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, DATABASE_URL=UNREACHABLE_PG)
    assert code != 0
    assert "Traceback" not in output
    assert "127.0.0.1:1" in output and "s3cret-pw" not in output


# --- python -m bot: start-up problems in one line ---------------------------------------------------------------


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _RejectingBotApi:
    """A Bot API that answers every call the way Telegram answers a revoked token."""

    def __enter__(self) -> str:
        import http.server
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            def _reject(self) -> None:
                body = b'{"ok":false,"error_code":401,"description":"Unauthorized"}'
                self.send_response(401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _reject

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def _one_line_failure(code: int, output: str) -> str:
    assert code == 1, output
    assert "Traceback" not in output, output
    lines = [line for line in output.splitlines() if line.startswith("Cannot start:")]
    assert len(lines) == 1, output
    return lines[0]


def test_run_with_an_unreachable_bot_api_says_so_in_one_line(tmp_path: Path) -> None:
    api = f"http://127.0.0.1:{_closed_port()}"
    line = _one_line_failure(*run_bot("run", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, TELEGRAM_API_URL=api))
    assert f"Cannot reach the Telegram Bot API at {api}" in line
    assert TEST_TOKEN not in line


def test_run_with_a_rejected_token_says_so_in_one_line(tmp_path: Path) -> None:
    with _RejectingBotApi() as api:
        code, output = run_bot("run", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, TELEGRAM_API_URL=api)
    line = _one_line_failure(code, output)
    assert "Telegram rejected BOT_TOKEN" in line and TEST_TOKEN not in output


def test_run_on_an_unmigrated_database_without_auto_migrate_says_so(tmp_path: Path) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
    line = _one_line_failure(*run_bot("run", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, DATABASE_URL=database,
                                      AUTO_MIGRATE="false", TELEGRAM_API_URL=f"http://127.0.0.1:{_closed_port()}"))
    assert "is at empty" in line and "python -m bot migrate" in line


def test_run_with_an_unreachable_database_says_so(tmp_path: Path) -> None:
    line = _one_line_failure(*run_bot("run", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, DATABASE_URL=UNREACHABLE_PG))
    assert line.startswith("Cannot start: Cannot use the database at postgresql+asyncpg://")
