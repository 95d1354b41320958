"""`python -m bot` runs the bot; `python -m bot migrate` upgrades the database; `python -m bot check` diagnoses."""

from __future__ import annotations

import argparse
import asyncio
import sys

from pydantic import ValidationError


def _settings():
    from bot.config import Settings

    return Settings()


def secrets(settings) -> list[str]:
    """What must never appear in a log line, whatever logs it."""
    values = [settings.bot_token.get_secret_value()]
    if settings.webhook_secret is not None:
        values.append(settings.webhook_secret.get_secret_value())
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Mentorship programme bot")
    parser.add_argument("command", nargs="?", default="run", choices=("run", "migrate", "check"))
    parser.add_argument("--online", action="store_true", help="check: also ask Telegram whether the token works")
    args = parser.parse_args(argv)

    if args.command == "check":
        from bot.check import run_check

        return asyncio.run(run_check(online=args.online))
    try:
        settings = _settings()
    except ValidationError as error:
        from bot.check import describe_settings_error

        for line in describe_settings_error(error):
            print(line, file=sys.stderr)
        return 2
    from bot.logs import configure_logging

    configure_logging(settings.log_level, secrets(settings))
    if args.command == "migrate":
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import SQLAlchemyError

        from db.migrate import upgrade

        try:
            asyncio.run(upgrade(settings.database_url))
        except (OSError, SQLAlchemyError) as error:
            where = make_url(settings.database_url).render_as_string(hide_password=True)
            print(f"Cannot migrate {where}: {type(error).__name__}: {str(error).splitlines()[0]}", file=sys.stderr)
            return 1
        print("Database is up to date.")
        return 0
    from bot.runner import StartupError, run

    try:
        asyncio.run(run(settings))
    except KeyboardInterrupt:
        pass
    except StartupError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    code = main()
    from bot.lifecycle import exit_now

    exit_now(code)
