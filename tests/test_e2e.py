"""End to end: the real bot process (`python -m bot`) against a local fake Bot API, played by three people.

In-process tests feed updates straight to the dispatcher; this one covers what they skip: settings read from the
environment, migrations on a fresh database, the startup calls (getMe, setMyCommands, deleteWebhook), aiogram's
HTTP session with multipart uploads, long polling with offsets, and a clean stop on SIGTERM.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.conftest import ADMIN_ID
from tests.fakes.bot_api_server import BotApiServer
from tests.fixtures.live import (
    CURATOR,
    MENTEE,
    MENTOR,
    PARENT,
    STARTUP_TIMEOUT,
    BotProcess,
    Player,
    create_link,
    register,
    school_with_curator,
)
from tests.flows import GUARDIAN_LINK_RE
from tests.harness import TEST_TOKEN

pytestmark = [pytest.mark.e2e, pytest.mark.alone]

@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    server = BotApiServer(TEST_TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
async def bot_process(api: BotApiServer, tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[BotProcess]:
    env = {
        **os.environ,
        "BOT_TOKEN": TEST_TOKEN,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}",
        "TELEGRAM_API_URL": api.url,
        "ADMIN_IDS": str(ADMIN_ID),
        "REDIS_URL": "",
        "WEBHOOK_URL": "",
        # At DEBUG, so that the journeys show no personal data reaches the log even there (bot/logs.py).
        "LOG_LEVEL": "DEBUG",
        "PYTHONUNBUFFERED": "1",
        # The in-process scheduler drains the outbox: parents' and curators' notices arrive through it.
        "SCHEDULER_TICK": "0.3",
    }
    # The whole journey starts the bot as a server does, a new interpreter; the others fork it warm (tests/warm.py).
    bot = BotProcess(tmp_path / "bot.log", cold=request.node.get_closest_marker("cold_start") is not None)
    await bot.start(env)
    api.guards.append(bot.assert_alive)
    api.notes.append(bot.log_tail)
    try:
        yield bot
    finally:
        api.guards.remove(bot.assert_alive)
        api.notes.remove(bot.log_tail)
        # Only reached with the process still running when the test failed before stopping it.
        if bot.process is not None and bot.process.returncode is None:
            bot.process.kill()
            await bot.process.wait()


def assert_no_personal_data(log: str, used: list[str]) -> None:
    """Names, dates (as typed and as stored), classes, typed answers and tokens: none in any log line."""
    variants = set()
    for value in used:
        variants.add(value)
        day = re.fullmatch(r"(\d\d)\.(\d\d)\.(\d{4})", value)
        if day:
            variants.add(f"{day[3]}-{day[2]}-{day[1]}")
    leaked = sorted({v for v in variants if v in log})
    lines = [line for line in log.splitlines() if any(v in line for v in leaked)][:5]
    assert not leaked, f"the log holds {leaked}, e.g.:\n" + "\n".join(lines)


@pytest.mark.cold_start
async def test_whole_journey_through_the_real_process(api: BotApiServer, bot_process: BotProcess, tmp_path: Path) -> None:
    await api.wait_for(lambda: api.polls > 0, timeout=STARTUP_TIMEOUT, what="the bot to start long polling")
    # Telegram profile names are personal data too (aiogram-dialog logs the chat, which carries them).
    for user_id, first_name in ((ADMIN_ID, "Админоград"), (CURATOR, "Аннушкина"), (MENTEE, "Петрушенька"),
                                (PARENT, "Марусенька")):
        api.user(user_id, first_name=first_name)
    admin, curator, mentee = Player(api, ADMIN_ID), Player(api, CURATOR), Player(api, MENTEE)

    await school_with_curator(admin, curator)

    await curator.sends("/invite", then="Кого пригласить")
    mentee_token = await create_link(curator, "наставляемый", form="Любая форма")
    await register(mentee, mentee_token, name="Петя Иванов", birth_date="01.02.2013", category="Школьник", group="7Б")
    await mentee.saw("Готово, Петя Иванов")

    # Under 14, so a parent consents: the child forwards the link, the parent is guided through each text.
    forward = await mentee.saw("Петя Иванов хочет участвовать")
    parent_token = GUARDIAN_LINK_RE.search(forward).group(1)
    parent = Player(api, PARENT)
    await parent.sends(f"/start {parent_token}", then="Ваш ребёнок Петя Иванов")
    await parent.clicks_on("Продолжить", then="Как вас зовут")
    await parent.sends("Иванова Мария", then="Кем вы приходитесь")
    await parent.clicks_on("Мама", then="Это ваш ребёнок")
    await parent.clicks_on("Да, это мой ребёнок", then="Документ 1 из 3")
    await parent.clicks_on("Согласен", then="Документ 2 из 3")
    await parent.clicks_on("Согласен", then="Документ 3 из 3")
    await parent.clicks_on("Да, можно", then="Согласие за Петю Иванова получено")
    await mentee.saw("Родитель дал согласие")
    await curator.saw("Родитель дал согласие за участника Петю Иванова")

    mark = api.last_message_id()
    api.user_sends(ADMIN_ID, "/orgs")
    orgs = await admin.saw("Лицей № 2", after=mark)
    assert "Кураторов: 1" in orgs and "наставляемых: 1" in orgs, orgs

    # A click the bot never answers leaves the button spinning on the user's screen.
    clicks = admin.clicks + curator.clicks + mentee.clicks + parent.clicks
    await api.wait_for(
        lambda: all(c in api.telegram.callback_answers for c in clicks), what="every click to be answered"
    )

    code = await bot_process.stop()
    log = bot_process.log()
    assert code == 0, f"the bot exited with {code} on SIGTERM; its output:\n{log}"
    assert not [line for line in log.splitlines() if " ERROR " in line], f"the bot logged errors:\n{log}"
    assert " DEBUG " in log, "the bot did not log at DEBUG, so the scan below would prove nothing"
    assert_no_personal_data(log, [
        "Анна Петровна", "12.04.1985", "Петя Иванов", "01.02.2013", "7Б", "Иванова Мария",
        "Админоград", "Аннушкина", "Петрушенька", "Марусенька",
        mentee_token, parent_token, TEST_TOKEN, TEST_TOKEN.split(":")[1],
    ])

    methods = [call.method for call in api.telegram.calls]
    assert methods[0] == "getMe" and "deleteWebhook" in methods, methods[:10]
    assert api.telegram.commands, "the bot never called setMyCommands"
    assert "invite" in api.telegram.chat_commands(CURATOR), "the curator's command menu lacks /invite"
    failed = [(c.method, c.error) for c in api.telegram.calls if c.error]
    assert not failed, f"Telegram refused calls: {failed}"
    assert api.unauthorized == 0

    with sqlite3.connect(tmp_path / "e2e.db") as db:
        people = dict(db.execute("SELECT telegram_id, full_name FROM people").fetchall())
        roles = sorted(db.execute("SELECT role, status FROM memberships").fetchall())
        consents = sorted(db.execute("SELECT kind, given_by, status FROM consent_records").fetchall())
    # The superadmin has no row: the bot keeps no personal data about its administrators.
    assert people == {CURATOR: "Анна Петровна", MENTEE: "Петя Иванов", PARENT: "Иванова Мария"}
    assert roles == [("curator", "active"), ("guardian", "active"), ("mentee", "active")]
    assert consents == [("agreement", "guardian", "granted"), ("contacts", "guardian", "granted"), ("pd", "guardian", "granted")]


async def test_kill_9_mid_questionnaire_loses_no_answer(api: BotApiServer, bot_process: BotProcess, tmp_path: Path) -> None:
    await api.wait_for(lambda: api.polls > 0, timeout=STARTUP_TIMEOUT, what="the bot to start long polling")
    admin, curator, mentor = Player(api, ADMIN_ID), Player(api, CURATOR), Player(api, MENTOR)
    await school_with_curator(admin, curator)
    await curator.sends("/invite", then="Кого пригласить")
    token = await create_link(curator, "наставник", form="Любая форма")
    await register(mentor, token, name="Ольга Учитель", birth_date="03.03.1980", category="Педагог")
    await mentor.saw("Документ 1 из 3")
    await mentor.clicks_on("Согласен", then="Документ 2 из 3")
    await mentor.clicks_on("Согласен", then="Документ 3 из 3")
    await mentor.clicks_on("Да, можно", then="Всё готово")
    await mentor.sends("/questionnaire", then="Вопрос 1 из")
    await mentor.sends("12", then="Вопрос 2 из")
    await mentor.clicks_on("Высшая", then="Вопрос 3 из")

    await bot_process.kill_hard()
    polls = api.polls
    await bot_process.restart()
    await api.wait_for(lambda: api.polls > polls, timeout=STARTUP_TIMEOUT, what="the restarted bot to poll")

    # Both acknowledged answers survived; the person goes on at the third question.
    mark = api.last_message_id()
    api.user_sends(MENTOR, "/questionnaire")
    await mentor.saw("Вопрос 3 из", after=mark)
    await mentor.clicks_on("Математика", then="Вопрос 3 из")
    await mentor.clicks_on("Готово", then="Вопрос 4 из")
    assert await bot_process.stop() == 0
    failed = [(c.method, c.error) for c in api.telegram.calls if c.error]
    assert not failed, f"Telegram refused calls: {failed}"
    assert_no_personal_data(bot_process.log(), ["Ольга Учитель", "03.03.1980", token, TEST_TOKEN.split(":")[1]])
    with sqlite3.connect(tmp_path / "e2e.db") as db:
        answers = dict(db.execute(
            "SELECT a.question_id, a.value FROM questionnaire_answers a"
            " JOIN questionnaire_responses r ON r.id = a.response_id"
            " JOIN people p ON p.id = r.person_id WHERE p.telegram_id = ?", (MENTOR,)
        ).fetchall())
    assert (answers["experience"], answers["category"], answers["subjects"]) == (12, '"highest"', '["math"]'), answers
