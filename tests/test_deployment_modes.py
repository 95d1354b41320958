"""The other ways to run: a webhook that checks Telegram's secret, and Redis for FSM storage."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from aiohttp.test_utils import TestClient, TestServer
from redis.asyncio import Redis
from sqlalchemy import select

from bot.runner import build_webhook_app
from db.models import FsmRecordRow, PersonRow
from tests.conftest import ADMIN_ID
from tests.flows import create_link, organisation_with_curator
from tests.harness import Harness
from tests.services import REDIS_URL

SECRET = "s3cret-token_for-tests"


def _update(update_id: int, user_id: int, text: str) -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(datetime.now(UTC).timestamp()),
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "X", "language_code": "ru"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text.startswith("/") else [],
        },
    }


async def test_webhook_checks_the_secret_and_handles_updates(db_url, clock):
    h = await Harness.create(db_url, clock, webhook_url="https://bot.example.org/tg/hook", webhook_secret=SECRET)
    client = TestClient(TestServer(build_webhook_app(h.app)))
    await client.start_server()
    try:
        no_secret = await client.post("/tg/hook", json=_update(1, 9001, "/start"))
        wrong = await client.post("/tg/hook", json=_update(2, 9001, "/start"),
                                  headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
        assert (no_secret.status, wrong.status) == (401, 401)
        assert h.telegram.messages(9001) == []
        right = await client.post("/tg/hook", json=_update(3, 9001, "/start"),
                                  headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert right.status == 200
        # The handler answers Telegram at once and processes the update in the background.
        for _ in range(500):
            if h.telegram.messages(9001):
                break
            await asyncio.sleep(0.01)
        assert "ссылка-приглашение" in h.telegram.last(9001).shown
    finally:
        await client.close()
        await h.close()


@pytest.fixture
async def redis_db(redis_available) -> str:
    if not redis_available:
        pytest.skip("Redis is not reachable")
    url = REDIS_URL  # this worker's own database (tests/services.py)
    redis = Redis.from_url(url)
    await redis.flushdb()
    await redis.aclose()
    return url


async def test_registration_survives_a_restart_with_redis_storage(db_url, clock, redis_db):
    h = await Harness.create(db_url, clock, admin_ids=frozenset({ADMIN_ID}), redis_url=redis_db)
    try:
        admin, curator = h.user(ADMIN_ID), h.user(2001)
        await organisation_with_curator(h, admin, curator)
        token = await create_link(curator, "наставник", form_label="Любая форма")
        mentor = h.user(4001)
        await mentor.send(f"/start {token}")
        await mentor.click("Продолжить")
        await mentor.send("Ольга")
        await h.restart()
        await mentor.send("03.03.1980")
        assert "Категория участника" in mentor.last
        await mentor.click("Педагог")
        await mentor.click("Всё верно")
        async with h.app.session_factory() as session:
            assert await session.scalar(select(PersonRow.full_name).where(PersonRow.telegram_id == 4001)) == "Ольга"
            # the dialogs lived in Redis, not in the SQL fallback
            assert await session.scalar(select(FsmRecordRow.key).limit(1)) is None
        redis = Redis.from_url(redis_db)
        assert await redis.dbsize() > 0
        await redis.aclose()
    finally:
        await h.close()
