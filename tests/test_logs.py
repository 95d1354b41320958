"""Logs carry ids only, even at LOG_LEVEL=DEBUG: the libraries' loggers are held back and one filter redacts
tokens and withholds exception messages (bot/logs.py). The whole journey at DEBUG is in tests/test_e2e.py."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from bot.logs import LIBRARY_LEVELS, WITHHELD, configure_logging
from db.engine import create_engine, create_session_factory
from db.models import PersonRow

TOKEN = "123456789:" + "Q" * 35
NAME = "Квитковская-Ухова Зоеслава"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level, {name: logging.getLogger(name).level for name in LIBRARY_LEVELS})
    try:
        yield
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)


def debug_logging() -> None:
    """As `python -m bot` does at LOG_LEVEL=DEBUG (inside the test: its handler writes to the captured stderr)."""
    configure_logging("DEBUG", [TOKEN, "webhook-secret-value"])


async def test_sql_statements_and_their_errors_never_reach_the_log(restore_logging, db_url, capsys) -> None:
    debug_logging()
    engine = create_engine(db_url)
    try:
        factory = create_session_factory(engine)
        now = datetime(2026, 9, 1, tzinfo=UTC)
        async with factory() as session:
            session.add(PersonRow(telegram_id=777001, full_name=NAME, date_of_birth=date(2014, 10, 2),
                                  group_name="7Ю", locale="ru", created_at=now))
            await session.commit()
        with pytest.raises(IntegrityError) as raised:
            async with factory() as session:  # the same Telegram id again: the error quotes the statement
                session.add(PersonRow(telegram_id=777001, full_name=NAME, locale="ru", created_at=now))
                await session.commit()
        assert NAME not in str(raised.value)  # hide_parameters: not even in the exception's own message
        logging.getLogger("bot.handlers.errors").error("update failed update_id=1", exc_info=raised.value)
    finally:
        await engine.dispose()
    err = capsys.readouterr().err
    assert "update failed update_id=1" in err and "IntegrityError: " + WITHHELD in err, err[-2000:]
    assert "Traceback (most recent call last)" in err  # where it failed is still told
    for secret in (NAME, "2014-10-02", "7Ю", "777001"):
        assert secret not in err, (secret, err[-3000:])


def test_tokens_and_exception_messages_are_redacted(restore_logging, capsys) -> None:
    debug_logging()
    log = logging.getLogger("mentorship.test")
    log.info("received %s", "/start inv_Abc123-xyz")
    log.info("link https://t.me/mentor_bot?start=gAbcDEF123456 sent")
    log.debug("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    log.debug("secret is webhook-secret-value")
    try:
        raise ValueError(f"bad name {NAME}")
    except ValueError:
        log.exception("failed person_id=%s", 12)
    logging.getLogger("aiogram_dialog.manager").debug("edit_text to %s", f"Chat(first_name='{NAME}')")
    logging.getLogger("aiosqlite").debug("executing INSERT ... ('%s',)", NAME)
    logging.getLogger("sqlalchemy.engine.Engine").info("[generated] ('%s',)", NAME)
    err = capsys.readouterr().err
    assert "received /start <token>" in err and "?start=<token> sent" in err
    assert "bot<secret>/getMe" in err and "secret is <secret>" in err
    assert "failed person_id=12" in err and "ValueError: " + WITHHELD in err
    for leaked in ("inv_Abc123-xyz", "gAbcDEF123456", TOKEN, "Q" * 35, "webhook-secret-value", NAME):
        assert leaked not in err, (leaked, err)


def test_a_stricter_log_level_still_wins_over_the_library_caps(restore_logging) -> None:
    configure_logging("ERROR")
    assert logging.getLogger("aiogram").level == logging.ERROR
    assert logging.getLogger("aiosqlite").level == logging.ERROR
    configure_logging("DEBUG")
    assert logging.getLogger("aiogram_dialog").level == logging.INFO
    assert logging.getLogger("aiosqlite").level == logging.WARNING
    assert logging.getLogger("bot").getEffectiveLevel() == logging.DEBUG
