"""Webhook mode with two replicas behind one address (issue 12, item 6).

Two real bot processes (`python -m bot` with WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_PORT) share PostgreSQL and
Redis; a small round-robin HTTP proxy on loopback plays the load balancer in front of them (a replica that does not
answer is skipped, as a load balancer's health check would); the fake Bot API delivers every update to the proxy's
address with the secret, as Telegram does. A whole registration alternates between the replicas; one replica is
killed (`kill -9`) in the middle of the questionnaire and the other carries on; requests without the secret are
refused and change nothing.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from redis.asyncio import Redis
from sqlalchemy import func, select

from db.engine import create_engine
from db.models import PersonRow, QuestionnaireAnswerRow, QuestionnaireResponseRow
from tests.conftest import ADMIN_ID
from tests.fakes.bot_api_server import BotApiServer
from tests.fixtures.live import CURATOR, MENTOR, BotProcess, Player, create_link, register, school_with_curator
from tests.harness import TEST_TOKEN
from tests.services import REDIS_URL

pytestmark = [pytest.mark.e2e, pytest.mark.alone]

READY_TIMEOUT = 540.0
SECRET = "replicas-secret_42"
PATH = "/tg/hook"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RoundRobin:
    """An HTTP load balancer: each request goes to the next replica; one that cannot be reached is skipped."""

    def __init__(self, backends: list[int]) -> None:
        self.backends = backends
        self.served: list[tuple[int, int]] = []  # (replica index, status) per request answered
        self._next = 0
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.port: int | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession()
        app = web.Application()
        app.router.add_route("*", "/{path:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
        for _ in range(len(self.backends)):
            index = self._next
            self._next = (self._next + 1) % len(self.backends)
            url = f"http://127.0.0.1:{self.backends[index]}{request.path_qs}"
            try:
                async with self._session.request(request.method, url, data=body, headers=headers,
                                                 timeout=aiohttp.ClientTimeout(total=10)) as response:
                    payload = await response.read()
                    self.served.append((index, response.status))
                    return web.Response(status=response.status, body=payload,
                                        content_type=response.content_type)
            except (aiohttp.ClientConnectionError, TimeoutError):
                continue  # that replica is down: the next one
        return web.Response(status=502, text="no replica answered")


@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    server = BotApiServer(TEST_TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


def _update(update_id: int, user_id: int, text: str) -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id, "date": int(datetime.now(UTC).timestamp()),
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "X", "language_code": "ru"},
            "text": text, "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


async def test_two_webhook_replicas_share_one_registration_and_survive_losing_one(
    backend: str, db_url: str, api: BotApiServer, redis_available: bool, tmp_path: Path
) -> None:
    if backend != "postgresql":
        pytest.skip("replicas share PostgreSQL (and Redis)")
    if not redis_available:
        pytest.skip("Redis is not reachable")
    redis = Redis.from_url(REDIS_URL)
    await redis.flushdb()
    await redis.aclose()
    ports = [_free_port(), _free_port()]
    balancer = RoundRobin(ports)
    await balancer.start()
    replicas = [BotProcess(tmp_path / "a.log"), BotProcess(tmp_path / "b.log")]
    base = {
        **os.environ, "BOT_TOKEN": TEST_TOKEN, "DATABASE_URL": db_url, "TELEGRAM_API_URL": api.url,
        "ADMIN_IDS": str(ADMIN_ID), "REDIS_URL": REDIS_URL, "LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1",
        "WEBHOOK_URL": f"http://127.0.0.1:{balancer.port}{PATH}", "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_HOST": "127.0.0.1", "SCHEDULER_TICK": "0.5", "AUTO_MIGRATE": "false",
    }
    try:
        for replica, port in zip(replicas, ports, strict=True):
            await replica.start({**base, "WEBHOOK_PORT": str(port)})
            api.notes.append(replica.log_tail)
        for replica in replicas:
            api.guards.append(replica.assert_alive)
        await api.wait_for(lambda: all("webhook listening" in r.log() for r in replicas), timeout=READY_TIMEOUT,
                           what="both replicas to listen")
        assert api.webhook_url == base["WEBHOOK_URL"] and api.webhook_secret == SECRET

        # Without the secret, or with a wrong one, the balancer's address refuses the update and nothing happens.
        async with aiohttp.ClientSession() as session:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "guess"}):
                for n in range(2):  # both replicas are asked
                    async with session.post(base["WEBHOOK_URL"], json=_update(900 + n, 9009, "/start"),
                                            headers=headers) as response:
                        assert response.status == 401
        assert {index for index, status in balancer.served if status == 401} == {0, 1}
        await asyncio.sleep(0.5)
        assert api.telegram.messages(9009) == []

        admin, curator, mentor = Player(api, ADMIN_ID), Player(api, CURATOR), Player(api, MENTOR)
        await school_with_curator(admin, curator)
        await curator.sends("/invite", then="Кого пригласить")
        token = await create_link(curator, "наставник", form="Любая форма")
        await register(mentor, token, name="Ольга Учитель", birth_date="03.03.1980", category="Педагог")
        await mentor.saw("Документ 1 из 3")
        await mentor.clicks_on("Согласен", then="Документ 2 из 3")
        await mentor.clicks_on("Согласен", then="Документ 3 из 3")
        await mentor.clicks_on("Да, можно", then="Всё готово")
        # That update goes on after «Всё готово» shows (it opens the questionnaire itself); a /questionnaire typed
        # meanwhile races it on the other replica — a known defect (see the README's "Several replicas"), not what
        # this test is about, so the mentor waits for the bot to finish.
        enqueued = api.updates_enqueued
        await api.wait_for(lambda: sum(r.updates_done() for r in replicas) >= enqueued, what="both replicas idle")
        await mentor.sends("/questionnaire", then="Вопрос 1 из")
        await mentor.sends("12", then="Вопрос 2 из")

        # The registration's updates went to both replicas, turn and turn about.
        updates = [index for index, status in balancer.served if status == 200]
        assert len(updates) > 20 and set(updates) == {0, 1}
        assert all(a != b for a, b in zip(updates, updates[1:])), updates

        await asyncio.sleep(1)  # the last update's transaction is committed
        api.guards.remove(replicas[0].assert_alive)
        await replicas[0].kill_hard()
        before = len(balancer.served)
        await mentor.clicks_on("Высшая", then="Вопрос 3 из")
        mentor.clicks.append(api.user_clicks(MENTOR, "Математика"))
        # The same question stays on screen: wait for the tick itself before the next click (a webhook handles
        # updates concurrently, so a quicker click could be handled first).
        await api.wait_for(lambda: api.has_button(MENTOR, "✅ Математика"), what="the ticked subject")
        await mentor.clicks_on("Готово", then="Вопрос 4 из")
        assert {index for index, _status in balancer.served[before:]} == {1}

        failed = [(c.method, c.error, {k: c.params.get(k) for k in ("chat_id", "message_id")})
                  for c in api.telegram.calls if c.error]
        shown = {chat: [m.message_id for m in api.telegram.messages(chat)] for chat in (ADMIN_ID, CURATOR, MENTOR)}
        assert not failed, f"Telegram refused calls: {failed}; bot messages per chat: {shown}"
        assert await replicas[1].stop() == 0
    finally:
        for replica in replicas:
            if replica.process is not None and replica.process.returncode is None:
                replica.process.kill()
                await replica.process.wait()
        await balancer.close()

    engine = create_engine(db_url)
    try:
        async with engine.connect() as connection:
            answers = dict((await connection.execute(
                select(QuestionnaireAnswerRow.question_id, QuestionnaireAnswerRow.value)
                .join(QuestionnaireResponseRow, QuestionnaireResponseRow.id == QuestionnaireAnswerRow.response_id)
                .join(PersonRow, PersonRow.id == QuestionnaireResponseRow.person_id)
                .where(PersonRow.telegram_id == MENTOR)
            )).all())
            people = await connection.scalar(select(func.count()).select_from(PersonRow))
    finally:
        await engine.dispose()
    assert (answers["experience"], answers["category"], answers["subjects"]) == (12, "highest", ["math"]), answers
    assert people == 2  # the curator and the mentor; the refused /start left nothing
