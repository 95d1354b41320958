"""`python -m bot check`: a plain-words report of what is wrong with the configuration and its services."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

OK = "ok"
FAIL = "FAIL"

_HINTS = {
    "bot_token": "get a token from @BotFather and put it in BOT_TOKEN (environment or .env)",
}


def describe_settings_error(error: ValidationError) -> list[str]:
    lines = ["Configuration is not valid:"]
    for item in error.errors():
        name = ".".join(str(p) for p in item["loc"])
        variable = name.upper()
        if not name:  # a rule across several settings names them in its own message
            lines.append(f"  - {item['msg'].removeprefix('Value error, ')}")
        elif item["type"] == "missing":
            lines.append(f"  - {variable} is not set: {_HINTS.get(name, 'it is required')}")
        else:
            message = item["msg"].removeprefix("Value error, ")
            lines.append(f"  - {variable}: {message}")
    return lines


async def run_check(online: bool = False) -> int:
    from bot.config import Settings

    problems = 0

    def report(what: str, ok: bool, detail: str = "") -> None:
        nonlocal problems
        problems += 0 if ok else 1
        print(f"[{OK if ok else FAIL}] {what}" + (f": {detail}" if detail else ""))

    try:
        settings = Settings()
    except ValidationError as error:
        for line in describe_settings_error(error):
            print(line)
        return 2
    report("configuration", True)

    try:
        from bot.i18n import SUPPORTED_LOCALES, Translator

        translator = Translator()
        reference = translator.keys(SUPPORTED_LOCALES[0])
        for locale in SUPPORTED_LOCALES[1:]:
            missing = reference ^ translator.keys(locale)
            report(f"translations ({locale})", not missing, ", ".join(sorted(missing)[:10]))
    except Exception as error:  # noqa: BLE001 - any failure to load is the report
        report("translations", False, str(error))

    check_questionnaires(report)
    await _check_database(settings, report)

    if settings.redis_url:
        try:
            from redis.asyncio import Redis

            redis = Redis.from_url(settings.redis_url, socket_connect_timeout=3)
            await redis.ping()
            await redis.aclose()
            report("redis", True, "reachable")
        except Exception as error:  # noqa: BLE001
            report("redis", False, f"cannot reach REDIS_URL ({type(error).__name__})")

    if online:
        from bot.app import build_bot, close_bot

        bot = build_bot(settings)
        try:
            me = await bot.get_me()
            report("telegram", True, f"token belongs to @{me.username}")
        except Exception as error:  # noqa: BLE001
            report("telegram", False, f"the Bot API refused or is unreachable ({type(error).__name__})")
        finally:
            await close_bot(bot)

    print("All checks passed." if not problems else f"{problems} problem(s) found.")
    return 0 if not problems else 1


def check_questionnaires(report: Callable[..., None], directory: Path | None = None) -> None:
    """Every shipped questionnaire file parses and validates, and together they cover every form and role."""
    import html

    from bot.i18n import Translator
    from mentorship.questionnaire import CatalogError, load_directory
    from mentorship.services.questionnaires import SHIPPED_DIR

    try:
        found = load_directory(directory or SHIPPED_DIR)
    except CatalogError as error:
        problem = error.error
        where = f"{error.file} line {problem.line}" if problem.line else error.file
        # The reasons are the curators' locale texts, rendered in English for the operator's console.
        reason = html.unescape(Translator().get("en", problem.key, **problem.args_))
        report("questionnaires", False, f"{where}: {reason}")
        return
    except OSError as error:
        report("questionnaires", False, f"cannot read {directory or SHIPPED_DIR} ({type(error).__name__})")
        return
    report(f"questionnaires ({len(found)} files)", True)


async def _check_database(settings, report) -> None:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from db import migrate
    from db.engine import create_engine

    url = make_url(settings.database_url)
    where = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        from pathlib import Path

        # Connecting would create an empty file; a check must not change anything.
        if not Path(url.database).exists():
            report("database", True, f"{where} does not exist yet; it is created on the first start")
            report("migrations", False, f"database at empty, code at {migrate.head(url)}: run `python -m bot migrate`")
            return
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001
        report("database", False, f"cannot connect to {where} ({type(error).__name__}: {str(error).splitlines()[0][:120]})")
        return
    finally:
        await engine.dispose()
    report("database", True, f"reachable at {where}")
    current = await migrate.current(url)
    head = migrate.head(url)
    if current == head:
        report("migrations", True, f"at {head}")
    else:
        report("migrations", False, f"database at {current or 'empty'}, code at {head}: run `python -m bot migrate`")


if __name__ == "__main__":
    import asyncio

    sys.exit(asyncio.run(run_check()))
