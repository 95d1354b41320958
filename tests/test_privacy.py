"""Erasure, the no-consent purge and expiry reach every store the bot writes: every table of the database and every
key of the dialog storage (the database's or Redis) is scanned for the distinctive words people typed.

Each journey runs with the dialogs in the database and in Redis (TEST_REDIS_URL, a database of its own), on SQLite
and on PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from redis.asyncio import Redis
from sqlalchemy import select

from bot.app import create_app
from bot.storage import RedisDialogStorage, SqlStorage, dialog_key_builder, parse_key
from db.base import Base
from db.models import AuditRow, FsmRecordRow, OutboxRow, PersonRow
from scheduler import jobs
from tests.conftest import ADMIN_ID, assert_nothing_went_wrong
from tests.fakes.telegram import FakeSession, FakeTelegram
from tests.flows import GUARDIAN_LINK_RE, create_link, organisation_with_curator, register
from tests.harness import Harness, settings_for_tests
from tests.services import REDIS_URL

CURATOR, PARENT = 2001, 5001
# A minor half-way through registration.
HALF_REGISTERED = 3003
HALF_NAME, HALF_BORN, HALF_BORN_ISO, HALF_CLASS = "Зоеслава Квитковская-Ухова", "02.10.2014", "2014-10-02", "7Ю"
# A minor half-way through the questionnaire (a parent consented).
PUPIL = 3002
PUPIL_NAME, PUPIL_BORN, PUPIL_BORN_ISO, PUPIL_CLASS = "Ардалион Шпицбергов", "03.11.2013", "2013-11-03", "6Щ"
PUPIL_ANSWER = "ракеты над Зюйдвестовском"


@pytest.fixture(params=["sql", "redis"])
def store(request, redis_available) -> str:
    if request.param == "redis" and not redis_available:
        pytest.skip("Redis is not reachable")
    return request.param


@pytest.fixture
async def redis_url(store) -> AsyncIterator[str | None]:
    if store != "redis":
        yield None
        return
    redis = Redis.from_url(REDIS_URL)
    await redis.flushdb()
    try:
        yield REDIS_URL
    finally:
        await redis.flushdb()
        await redis.aclose()


@pytest.fixture
async def h(db_url, clock, redis_url, stories, caplog) -> AsyncIterator[Harness]:
    caplog.set_level(logging.WARNING)
    harness = await Harness.create(db_url, clock, admin_ids=frozenset({ADMIN_ID}), redis_url=redis_url)
    stories.attach(harness)  # set-ups are copied with the dialogs in the database, played with Redis
    try:
        yield harness
    finally:
        await harness.close()
    assert_nothing_went_wrong(harness, caplog)


# --- scanning ------------------------------------------------------------------------------------------------------


def _mentions(text: str, needles: list[str]) -> list[str]:
    # JSON written with ensure_ascii keeps Cyrillic as \\u escapes: look for both spellings.
    return [n for n in needles if n in text or json.dumps(n)[1:-1] in text]


async def leftovers(h: Harness, needles: list[str], telegram_ids: list[int]) -> list[str]:
    """Where any of `needles` (or any of the Telegram ids, as a value or as a dialog key's owner) is still stored."""
    found: list[str] = []
    builder = dialog_key_builder()
    async with h.app.session_factory() as session:
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).mappings():
                for column, value in row.items():
                    if value is None:
                        continue
                    if isinstance(value, int) and not isinstance(value, bool) and value in telegram_ids:
                        found.append(f"{table.name}.{column} = {value}")
                    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
                    found += [f"{table.name}.{column} holds {n!r}" for n in _mentions(text, needles)]
                    if table.name == FsmRecordRow.__tablename__ and column == "key":
                        parsed = parse_key(value, builder)
                        found += [f"dialog record {value} of {i}" for i in telegram_ids
                                  if parsed is not None and parsed.belongs_to(i)]
    storage = h.app.storage
    if isinstance(storage, RedisDialogStorage):
        redis = storage.redis
        async for raw in redis.scan_iter(match="*"):
            key = raw.decode()
            kind = (await redis.type(raw)).decode()
            if kind == "string":
                value = (await redis.get(raw) or b"").decode("utf-8", "replace")
            elif kind == "hash":
                value = json.dumps({k.decode(): v.decode("utf-8", "replace") for k, v in (await redis.hgetall(raw)).items()})
            elif kind in ("list", "set", "zset"):
                items = (await redis.lrange(raw, 0, -1) if kind == "list" else
                         await redis.smembers(raw) if kind == "set" else await redis.zrange(raw, 0, -1))
                value = " ".join(i.decode("utf-8", "replace") for i in items)
            else:
                value = ""
            found += [f"redis {key} holds {n!r}" for n in _mentions(key + " " + value, needles)]
            parsed = parse_key(key, builder)
            found += [f"redis key {key} of {i}" for i in telegram_ids if parsed is not None and parsed.belongs_to(i)]
    return found


# --- journeys ------------------------------------------------------------------------------------------------------


def guardian_token(person) -> str:
    for text in reversed(person.seen()):
        match = GUARDIAN_LINK_RE.search(text)
        if match:
            return match.group(1)
    raise AssertionError("no parent link was shown")


async def half_registration(h: Harness, token: str) -> None:
    """Name, date of birth, category and class typed; the last confirmation never pressed."""
    person = h.user(HALF_REGISTERED)
    await person.send(f"/start {token}")
    await person.click("Продолжить")
    await person.send(HALF_NAME)
    await person.send(HALF_BORN)
    await person.click("Школьник")
    await person.send(HALF_CLASS)
    assert "Проверь, всё ли верно" in person.last


async def pupil_half_through_questionnaire(h: Harness, token: str) -> None:
    pupil, parent = h.user(PUPIL), h.user(PARENT)
    await register(pupil, token, name=PUPIL_NAME, birth_date=PUPIL_BORN, category="Школьник", group=PUPIL_CLASS)
    await parent.send(f"/start {guardian_token(pupil)}")
    await parent.click("Продолжить")
    await parent.send("Шпицбергова Мать")
    await parent.click("Мама")
    await parent.click("Да, это мой ребёнок")
    for _ in range(3):
        await parent.click("Согласен|Да, можно")
    await pupil.send("/questionnaire")
    await pupil.click("Учёба")
    await pupil.click("Свой проект")
    await pupil.click("Готово")
    await pupil.click("Математика")
    await pupil.click("Готово")
    assert "О чём твой проект" in pupil.last
    await pupil.send(PUPIL_ANSWER)
    assert "Какие темы тебе интересны" in pupil.last


async def school(h: Harness) -> str:
    admin, curator = h.user(ADMIN_ID), h.user(CURATOR)
    await organisation_with_curator(h, admin, curator)
    return await create_link(curator, "наставляемый", form_label="Любая форма")


async def test_erasure_and_discarding_leave_nothing_in_any_store(h: Harness) -> None:
    token = await school(h)
    await half_registration(h, token)
    await pupil_half_through_questionnaire(h, token)
    pupil, curator, parent = h.user(PUPIL), h.user(CURATOR), h.user(PARENT)
    half = h.user(HALF_REGISTERED)
    needles_half = [HALF_NAME, HALF_BORN, HALF_BORN_ISO, HALF_CLASS]
    needles_pupil = [PUPIL_NAME, PUPIL_BORN, PUPIL_BORN_ISO, PUPIL_CLASS, PUPIL_ANSWER]
    # Before: the stores really hold it all (the scan can see what it looks for).
    before = await leftovers(h, needles_half + needles_pupil, [HALF_REGISTERED, PUPIL])
    for needle in (HALF_NAME, HALF_BORN_ISO, HALF_CLASS, PUPIL_NAME, PUPIL_BORN_ISO, PUPIL_ANSWER):
        assert any(repr(needle) in line for line in before), (needle, before)
    async with h.app.session_factory() as session:
        # The curator's notice about the parent's consent is still queued, quoting the child's name.
        queued = [p for p in await session.scalars(select(OutboxRow.payload).where(OutboxRow.chat_id == CURATOR))
                  if PUPIL_NAME in json.dumps(p, ensure_ascii=False)]
        assert queued, "the curator's notice should be waiting in the outbox"
        assert PUPIL in set(await session.scalars(select(AuditRow.actor_telegram_id)))

    # The half-registered child sees what is kept and discards it.
    await half.send("/privacy")
    shown = half.last
    assert "Регистрация ещё не закончена" in shown
    assert HALF_NAME in shown and HALF_BORN in shown and HALF_CLASS in shown and "Школьник" in shown
    await half.click("Удалить введённое")
    assert "Введённые данные удалены" in half.last
    await half.send("/privacy")
    assert "О вас ничего не хранится" in half.last

    # The other erases everything.
    await pupil.send("/privacy")
    await pupil.click("Удалить все данные")
    await pupil.click("Да, удалить навсегда")
    assert "Твои данные удалены" in pupil.last

    found = await leftovers(h, needles_half + needles_pupil, [HALF_REGISTERED, PUPIL])
    assert found == [], found
    async with h.app.session_factory() as session:
        erased = await session.scalar(select(PersonRow).where(PersonRow.erased_at.is_not(None)))
        actions = [(a, actor) for a, actor in await session.execute(
            select(AuditRow.action, AuditRow.actor_telegram_id).where(AuditRow.object_id == erased.id)
            .where(AuditRow.object_type == "person"))]
        # What happened is kept, tied to nobody.
        assert ("person.erase", None) in actions, actions

    seen_by_curator, seen_by_parent = len(curator.seen()), len(parent.seen())
    await h.deliver()
    told_curator = curator.seen_since(seen_by_curator)
    told_parent = parent.seen_since(seen_by_parent)
    assert any("Один из участников программы «Школа № 5» удалил свои данные" in m for m in told_curator), told_curator
    assert any("Родитель дал согласие; участник — —" in m for m in told_curator), told_curator
    assert not any(PUPIL_NAME in m for m in told_curator + told_parent)
    assert any("Ваш ребёнок удалил свои данные" in m for m in told_parent), told_parent
    # Delivered rows keep no text; the scan still finds nothing.
    assert await leftovers(h, needles_half + needles_pupil, [HALF_REGISTERED, PUPIL]) == []
    # Both are strangers now.
    await pupil.send("/start")
    assert "ссылка-приглашение" in pupil.last


async def test_purge_of_an_unconsented_minor_leaves_nothing(h: Harness) -> None:
    token = await school(h)
    child = h.user(PUPIL)
    await register(child, token, name=PUPIL_NAME, birth_date=PUPIL_BORN, category="Школьник", group=PUPIL_CLASS)
    assert "Перешли сообщение выше" in child.last  # waiting for a parent who never comes
    await child.send("/questionnaire")
    assert "Ждём согласия" in child.last
    await child.send("/privacy")  # and leaves the dialog open: its stack and context stay in the dialog storage
    assert PUPIL_NAME in child.last
    needles = [PUPIL_NAME, PUPIL_BORN_ISO, PUPIL_CLASS]
    before = await leftovers(h, needles, [PUPIL])
    assert any(f"of {PUPIL}" in line for line in before), before

    h.clock.advance(timedelta(days=31))
    await jobs.erase_unconsented(h.app.session_factory, h.clock, timedelta(days=30), h.app.storage)
    found = await leftovers(h, needles, [PUPIL])
    assert found == [], found
    async with h.app.session_factory() as session:
        assert await session.scalar(select(PersonRow.erased_at).where(PersonRow.category == "pupil")) is not None


async def test_sql_dialog_expires_after_the_ttl(db_url, clock) -> None:
    h = await Harness.create(db_url, clock, admin_ids=frozenset({ADMIN_ID}), dialog_ttl_days=3)
    try:
        assert isinstance(h.app.storage, SqlStorage)
        token = await school(h)
        await half_registration(h, token)
        person = h.user(HALF_REGISTERED)
        clock.advance(timedelta(days=2, hours=23))
        await person.send("/privacy")
        assert HALF_NAME in person.last  # still within three days
        clock.advance(timedelta(days=3, minutes=1))
        # Gone for reads at once…
        await person.send("/privacy")
        assert "О вас ничего не хранится" in person.last
        # …and from the table at the next housekeeping.
        await jobs.housekeeping(h.app.session_factory, clock, h.app.settings.dialog_ttl)
        assert await leftovers(h, [HALF_NAME, HALF_BORN_ISO, HALF_CLASS], [HALF_REGISTERED]) == []
    finally:
        await h.close()


@pytest.mark.alone  # a two-second expiry, timed
async def test_redis_dialog_expires_after_the_ttl(db_url, clock, redis_available) -> None:
    if not redis_available:
        pytest.skip("Redis is not reachable")
    redis = Redis.from_url(REDIS_URL)
    await redis.flushdb()
    storage = RedisDialogStorage(redis)
    app = await create_app(settings_for_tests(db_url, frozenset({ADMIN_ID})), clock=clock,
                           bot_session=FakeSession(telegram := FakeTelegram()), storage=storage)
    h = Harness(app, telegram, clock)
    try:
        token = await school(h)
        # Short from here on, so that the set-up above cannot expire under a slow machine.
        storage.state_ttl = storage.data_ttl = timedelta(seconds=2)
        await half_registration(h, token)
        keys = [k.decode() async for k in redis.scan_iter(match=f"fsm:*{HALF_REGISTERED}*")]
        ttls = [await redis.ttl(k) for k in keys]
        assert keys and all(0 < ttl <= 2 for ttl in ttls), (keys, ttls)
        assert await leftovers(h, [HALF_NAME], [HALF_REGISTERED])
        await asyncio.sleep(2.5)
        assert await leftovers(h, [HALF_NAME, HALF_BORN_ISO, HALF_CLASS], [HALF_REGISTERED]) == []
        person = h.user(HALF_REGISTERED)
        await person.send("/privacy")
        assert "О вас ничего не хранится" in person.last
    finally:
        await h.close()
        await redis.flushdb()
        await redis.aclose()



async def test_an_erased_curator_is_nobody_in_the_links_and_the_audit_they_made(h: Harness) -> None:
    await school(h)
    curator = h.user(CURATOR)
    async with h.app.session_factory() as session:
        assert CURATOR in set(await session.scalars(select(AuditRow.actor_telegram_id)))
    await curator.send("/privacy")
    await curator.click("Удалить все данные")
    await curator.click("Да, удалить навсегда")
    assert "Ваши данные удалены" in curator.last
    found = await leftovers(h, ["Анна Петровна", "1985-04-12"], [CURATOR])
    assert found == [], found
    async with h.app.session_factory() as session:
        # The links and what was done stay (the organisation still works), made by nobody.
        actions = [a for a, actor in await session.execute(select(AuditRow.action, AuditRow.actor_telegram_id))
                   if actor is None]
        assert "invitation.create" in actions and "person.erase" in actions, actions
