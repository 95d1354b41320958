"""End to end: the real bot process (`python -m bot`) against a local fake Bot API, played by three people.

In-process tests feed updates straight to the dispatcher; this one covers what they skip: settings read from the
environment, migrations on a fresh database, the startup calls (getMe, setMyCommands, deleteWebhook), aiogram's
HTTP session with multipart uploads, long polling with offsets, and a clean stop on SIGTERM.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.conftest import ADMIN_ID
from tests.fakes.bot_api_server import BotApiServer
from tests.flows import GUARDIAN_LINK_RE, LINK_RE
from tests.harness import TEST_TOKEN

pytestmark = pytest.mark.e2e

REPO_ROOT = Path(__file__).resolve().parent.parent
CURATOR = 2001
MENTEE = 3001
PARENT = 5001
MENTOR = 4001
# Start-up imports aiogram and migrates a fresh database: 3 s on a quiet machine, over a minute on a loaded one
# (importing aiogram's pydantic models alone took 60 s at load 13 on 2 cores). Not what is tested.
STARTUP_TIMEOUT = 240.0
STOP_TIMEOUT = 10.0


class BotProcess:
    """`python -m bot` as a child process, its stdout and stderr going to one log file."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self.process: asyncio.subprocess.Process | None = None

    async def start(self, env: dict[str, str]) -> None:
        self.env = env
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=REPO_ROOT, env=env, stdout=log, stderr=asyncio.subprocess.STDOUT
            )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def updates_done(self) -> int:
        """Updates the bot has finished with, committed or not (aiogram's INFO line for each)."""
        log = self.log()
        return log.count(" is handled. Duration") + log.count(" is not handled. Duration")

    def log_tail(self, lines: int = 30) -> str:
        return "bot output (last lines):\n" + "\n".join(self.log().splitlines()[-lines:])

    def assert_alive(self) -> None:
        assert self.process is not None
        if self.process.returncode is not None:
            raise AssertionError(f"the bot process exited with code {self.process.returncode}; its output:\n{self.log()}")

    async def kill_hard(self) -> None:
        """kill -9: no shutdown code runs, as in a power cut or an OOM kill."""
        assert self.process is not None
        self.process.kill()
        await self.process.wait()

    async def restart(self) -> None:
        await self.start(self.env)

    async def stop(self) -> int:
        """SIGTERM, as systemd and Docker send; SIGKILL only if it has not stopped within STOP_TIMEOUT."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
                raise AssertionError(f"the bot ignored SIGTERM for {STOP_TIMEOUT:g} s; its output:\n{self.log()}") from None
        return self.process.returncode


@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    server = BotApiServer(TEST_TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
async def bot_process(api: BotApiServer, tmp_path: Path) -> AsyncIterator[BotProcess]:
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
    bot = BotProcess(tmp_path / "bot.log")
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


class Player:
    """One person in a private chat with the bot: every action waits until the bot shows the expected reply."""

    def __init__(self, api: BotApiServer, user_id: int) -> None:
        self.api = api
        self.id = user_id
        self.clicks: list[str] = []

    async def sends(self, text: str, *, then: str) -> None:
        self.api.user_sends(self.id, text)
        await self._expect(then, f"{text!r}")

    async def clicks_on(self, label: str, *, then: str) -> None:
        self.clicks.append(self.api.user_clicks(self.id, label))
        await self._expect(then, f"a click on {label!r}")

    async def _expect(self, pattern: str, after: str) -> None:
        await self.api.wait_for(
            lambda: self.api.newest_shows(self.id, pattern),
            what=f"the bot to show {pattern!r} in chat {self.id} after {after}",
        )

    async def saw(self, pattern: str, *, after: int = 0) -> str:
        message = await self.api.wait_for(
            lambda: self.api.bot_said(self.id, pattern, after=after),
            what=f"a bot message matching {pattern!r} in chat {self.id}",
        )
        return message.shown

    def invitation_token(self) -> str:
        message = self.api.bot_said(self.id, LINK_RE.pattern)
        assert message is not None, f"no invitation link in chat {self.id}\n{self.api.describe()}"
        assert message.photo and message.photo.startswith(b"\x89PNG"), "the QR code did not arrive as a PNG upload"
        match = LINK_RE.search(message.shown)
        assert match is not None
        return match.group(1)


async def create_link(inviter: Player, role: str, form: str | None = None) -> str:
    """From the role question of the invite dialog to a fresh invitation token."""
    if form is None:
        await inviter.clicks_on(role, then="Сколько действует ссылка")
    else:
        await inviter.clicks_on(role, then="Форма наставничества для ссылки")
        await inviter.clicks_on(form, then="Сколько действует ссылка")
    await inviter.clicks_on("Создать ссылку", then="Что дальше")
    return inviter.invitation_token()


async def register(person: Player, token: str, *, name: str, birth_date: str, category: str, group: str | None = None) -> None:
    await person.sends(f"/start {token}", then="Вас приглашают")
    await person.clicks_on("Продолжить", then="Как вас зовут")
    await person.sends(name, then="Дата рождения")
    await person.sends(birth_date, then=r"Кто вы\?")
    if group is None:
        await person.clicks_on(category, then="Проверьте, всё ли верно")
    else:
        await person.clicks_on(category, then="В каком вы классе")
        await person.sends(group, then="Проверьте, всё ли верно")
    # "Готово" may be followed at once by more (consents, a parent's link), so it need not be the newest message.
    mark = person.api.last_message_id()
    person.clicks.append(person.api.user_clicks(person.id, "Всё верно"))
    await person.saw(f"Готово, {re.escape(name)}", after=mark)


async def school_with_curator(admin: Player, curator: Player) -> None:
    """The superadmin creates the organisation and goes straight on to inviting its curator, who joins."""
    await admin.sends("/neworg", then="Как называется организация")
    await admin.sends("Лицей № 2", then="Тип организации")
    await admin.clicks_on("^Школа$", then="Муниципалитет")
    await admin.sends("Город N", then="Часовой пояс")
    await admin.clicks_on("Москва", then="Какие формы наставничества")
    await admin.clicks_on("Продолжить", then="Новая организация:")
    await admin.clicks_on("Создать", then="Кого пригласить")
    await admin.saw("Организация «Лицей № 2» создана")
    curator_token = await create_link(admin, "куратор")

    await register(curator, curator_token, name="Анна Петровна", birth_date="12.04.1985", category="Педагог")
    await curator.saw("Готово, Анна Петровна")


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
    await parent.clicks_on("Да, можно", then="Согласие получено: Петя Иванов может участвовать")
    await mentee.saw("Родитель дал согласие")
    await curator.saw("Родитель дал согласие за участника Петя Иванов")

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
