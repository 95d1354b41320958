"""Every reply and notification reaches the person, within Telegram's limits: the bot (composition root, aiogram's
HTTP session, long polling, the outbox sender) against the fake Bot API over HTTP, which enforces the token's
~30 calls/s and a private chat's 5 messages per 3 s and answers 429 beyond them, as Telegram does.

Asserts on what people receive, and that Telegram refused nothing: a 429 the bot caused shows as a failure here.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import App, create_app
from bot.send_budget import SendBudgetMiddleware
from db.models import OutboxRow, PersonRow
from db.repositories.organisations import OrganisationRepository
from db.repositories.people import PersonRepository
from db.repositories.questionnaires import QuestionnaireRepository
from mentorship.clock import FrozenClock
from mentorship.entities import OrgKind
from mentorship.roles import Category, MentorshipForm, ParticipationStatus, Role
from mentorship.services import broadcasts, questionnaires
from mentorship.services.people import load_actor
from tests import world
from tests.conftest import ADMIN_ID, START
from tests.fakes.bot_api_server import BotApiServer
from tests.fixtures.live import Player, create_link, register, school_with_curator
from tests.harness import TEST_TOKEN, settings_for_tests

pytestmark = pytest.mark.alone  # real time: timed sends, processes (tests/alone.py)

CURATOR = 2001
#: "No reply lost", not "fast": on a loaded 2-core machine twenty people at once may wait a while for an answer.
PATIENCE = 45.0


class Patient(Player):
    """A Player that waits up to PATIENCE for each answer (a lost reply still fails the test)."""

    async def _expect(self, pattern: str, after: str) -> None:
        await self.api.wait_for(lambda: self.api.newest_shows(self.id, pattern), timeout=PATIENCE,
                                what=f"the bot to show {pattern!r} in chat {self.id} after {after}")

    async def saw(self, pattern: str, *, after: int = 0) -> str:
        message = await self.api.wait_for(lambda: self.api.bot_said(self.id, pattern, after=after), timeout=PATIENCE,
                                          what=f"a bot message matching {pattern!r} in chat {self.id}")
        return message.shown


@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    server = BotApiServer(TEST_TOKEN)  # Telegram's limits are on by default
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
async def live(db_url: str, api: BotApiServer) -> AsyncIterator[App]:
    """The app as `python -m bot` builds it (Telegram's limits, SEND_RATE 25), polling the fake and draining the
    outbox every 0.3 s. The clock is frozen at a school-day noon so quiet hours never hold a message back."""
    settings = settings_for_tests(db_url, admin_ids=frozenset({ADMIN_ID}), telegram_api_url=api.url, send_rate=25)
    app = await create_app(settings, clock=FrozenClock(START))
    polling = asyncio.create_task(app.dispatcher.start_polling(
        app.bot, handle_signals=False, polling_timeout=1, allowed_updates=app.dispatcher.resolve_used_update_types()))

    async def drain_forever() -> None:
        while True:
            await app.sender.drain()
            await asyncio.sleep(0.3)

    draining = asyncio.create_task(drain_forever())
    await api.wait_for(lambda: api.polls > 0, what="the bot to start polling")
    try:
        yield app
    finally:
        draining.cancel()
        await app.dispatcher.stop_polling()
        await asyncio.gather(polling, draining, return_exceptions=True)
        await app.close()


def refused(api: BotApiServer) -> list[tuple[str, str]]:
    return [(c.method, c.error) for c in api.telegram.calls if c.error]


MENTOR_ANSWERS = {"competences": ["teaching", "digital"], "subjects": ["math"], "capacity": 1, "format": "offline",
                  "days": ["wed"], "day_parts": ["afternoon"]}
MENTEE_ANSWERS = {"subjects": ["math"], "requests": ["teaching", "digital"], "format": "offline", "days": ["wed"],
                  "day_parts": ["afternoon"]}


async def give_answers(app: App, telegram_id: int, role: Role, answers: dict[str, Any]) -> None:
    """Intake answers written through the questionnaire service's storage, as the dialog leaves them."""
    async with app.session_factory() as session:
        person = await PersonRepository(session).by_telegram_id(telegram_id)
        progress = await questionnaires.start(session, app.clock, world.questionnaires(), person, 1, role)
        repo = QuestionnaireRepository(session)
        for question_id, value in answers.items():
            await repo.save_answer(progress.response.id, question_id, value, app.clock.now())
        await session.commit()


async def join_and_consent(person: Player, token: str, name: str, category: str, birth_date: str) -> None:
    await register(person, token, name=name, birth_date=birth_date, category=category)
    await person.saw("Документ 1 из 3")
    await person.clicks_on("Согласен", then="Документ 2 из 3")
    await person.clicks_on("Согласен", then="Документ 3 из 3")
    await person.clicks_on("Да, можно", then="Всё готово")


async def test_quick_clicks_through_a_whole_programme_lose_no_reply(live: App, api: BotApiServer) -> None:
    # Every Player acts the moment the bot's answer shows: far faster than a person, and 21 people at once.
    admin, curator = Patient(api, ADMIN_ID), Patient(api, CURATOR)
    await school_with_curator(admin, curator)  # /neworg, the curator's invitation and registration
    await curator.sends("/invite", then="Кого пригласить")
    mentor_token = await create_link(curator, "наставник", form="Любая форма")
    await curator.sends("/invite", then="Кого пригласить")
    mentee_token = await create_link(curator, "наставляемый", form="Любая форма")
    mentors = [Patient(api, 4000 + n) for n in range(10)]
    mentees = [Patient(api, 3000 + n) for n in range(10)]
    # Five at a time: five people clicking as fast as the bot answers already keep the token's budget busy (and
    # SQLite's single writer: ten at once on a loaded machine meet "database is locked").
    for wave in (range(0, 5), range(5, 10)):
        await asyncio.gather(
            *(join_and_consent(mentors[n], mentor_token, f"Наставник {n}", "Педагог", "03.03.1980") for n in wave))
        await asyncio.gather(
            *(join_and_consent(mentees[n], mentee_token, f"Специалист {n}", "Молодой специалист", "01.02.2001")
              for n in wave))
    for person in mentors:
        await give_answers(live, person.id, Role.MENTOR, MENTOR_ANSWERS)
    for person in mentees:
        await give_answers(live, person.id, Role.MENTEE, MENTEE_ANSWERS)

    # /match answers with one message: the first of the ten proposals, the others a page each.
    mark = api.last_message_id()
    api.user_sends(CURATOR, "/match")
    await curator.saw("Предлагаю 10 пар", after=mark)
    # The curator approves the first at once; the button is answered and the card says so.
    await curator.clicks_on("Утвердить", then="")
    clicks = admin.clicks + curator.clicks + [c for p in mentors + mentees for c in p.clicks]
    await api.wait_for(lambda: all(c in api.telegram.callback_answers for c in clicks), timeout=PATIENCE,
                       what="every click answered")

    assert api.too_many == 0
    assert refused(api) == []
    # Telegram's per-chat limit held for the curator's burst: never more than 5 messages in 3 s.
    times = [at for at, chat in api.accepted if chat == CURATOR]
    assert all(b - a > 3.0 for a, b in zip(times, times[5:], strict=False)), times


async def seed_school(app: App, mentees: int, mentors: int) -> tuple[int, list[int], list[int]]:
    """An organisation, its curator (CURATOR) and active participants; returns (org id, mentee ids, mentor ids)."""
    now = app.clock.now()
    async with app.session_factory() as session:
        org = await OrganisationRepository(session).add(name="Школа", kind=OrgKind.SCHOOL, municipality="Город",
                                                        timezone="Europe/Moscow", forms=(MentorshipForm.PUPIL_PUPIL,),
                                                        now=now)
        people = PersonRepository(session)
        ids: dict[str, list[int]] = {"mentee": [], "mentor": []}
        plan = [(CURATOR, "Куратор", Role.CURATOR)] + [(10_000 + n, f"Ученик {n} <b>", Role.MENTEE) for n in range(mentees)]
        plan += [(20_000 + n, f"Наставник {n}", Role.MENTOR) for n in range(mentors)]
        for telegram_id, name, role in plan:
            person_id = await people.add(telegram_id=telegram_id, full_name=name, date_of_birth=date(2000, 1, 1),
                                         category=Category.PUPIL, group_name=None, locale="ru", now=now)
            await people.add_membership(person_id=person_id, role=role, organisation_id=org.id, municipality=None,
                                        form=None, invitation_id=None, now=now, status=ParticipationStatus.ACTIVE)
            if role is not Role.CURATOR:
                ids[role.value].append(telegram_id)
        await session.commit()
    return org.id, ids["mentee"], ids["mentor"]


async def announce(app: App, organisation_id: int, audience: broadcasts.Audience, text: str, token: str) -> int:
    async with app.session_factory() as session:
        actor = await load_actor(session, CURATOR, frozenset())
        queued = await broadcasts.send(session, app.clock, actor, organisation_id, audience, text, token)
        await session.commit()  # the test is the entry point here (services never commit)
        return queued


async def test_a_broadcast_to_300_leaves_room_for_replies_and_keeps_each_chats_order(live: App, api: BotApiServer):
    org, mentees, mentors = await seed_school(live, mentees=270, mentors=30)
    blocked = mentees[7]
    api.block(blocked)
    for chat_id in mentors[:3]:
        api.answer_429_once(retry_after=1, chat_id=chat_id)  # Telegram refuses their first message once
    assert await announce(live, org, broadcasts.Audience.EVERYONE, "Первое", "tokenAAAA1") == 300
    assert await announce(live, org, broadcasts.Audience.MENTORS, "Второе", "tokenBBBB2") == 30
    # Mid-drain, eight people ask for /help at the same moment.
    await api.wait_for(lambda: len(api.accepted) >= 40, what="the broadcast to be under way")
    asking = mentees[100:108]
    marks = {chat: api.last_message_id() for chat in asking}
    for chat in asking:
        api.user_sends(chat, "/help")
    await api.wait_for(lambda: all(api.bot_said(chat, "Что я умею", after=marks[chat]) for chat in asking),
                       timeout=10, what="8 of 8 /help answered")
    everyone = [chat for chat in mentees + mentors if chat != blocked]
    shown = lambda chat: [m.shown for m in api.telegram.messages(chat) if m.shown.startswith("📣")]  # noqa: E731
    await api.wait_for(lambda: all(len(shown(c)) == (2 if c in mentors else 1) for c in everyone), timeout=60,
                       what="every announcement delivered")
    await api.wait_for(lambda: api.bot_said(CURATOR, "заблокировал"), timeout=10, what="the curator told")
    await asyncio.sleep(1)  # anything sent twice would arrive now

    for chat in mentees:
        if chat != blocked:
            assert shown(chat) == ["📣 Школа: Первое"], chat
    for chat in mentors:
        assert shown(chat) == ["📣 Школа: Первое", "📣 Школа: Второе"], chat  # in order, also after a 429
    assert api.telegram.messages(blocked) == []
    told = api.bot_said(CURATOR, "заблокировал").shown
    assert told.startswith("Ученик 7 <b> заблокировал"), told  # the name shown literally
    async with live.session_factory() as session:
        assert await session.scalar(select(PersonRow.unreachable_at).where(PersonRow.telegram_id == blocked))
        statuses = sorted((await session.execute(select(OutboxRow.status))).scalars())
    assert statuses.count("sent") == 300 - 1 + 30 + 1 and statuses.count("unreachable") == 1, statuses
    # Telegram refused only what the test made it refuse: the blocked chat and the three staged 429s.
    assert api.too_many == 3
    assert [e for _m, e in refused(api) if not re.search("blocked|Too Many", e)] == []


async def test_a_reply_that_meets_a_429_waits_it_out_and_arrives_once(live: App, api: BotApiServer) -> None:
    api.answer_429_once(retry_after=1, chat_id=7001)
    api.user_sends(7001, "/help")
    await api.wait_for(lambda: api.telegram.messages(7001), timeout=15, what="the answer to /help")
    await asyncio.sleep(1.5)  # a second copy would arrive now
    assert [m.shown.splitlines()[0] for m in api.telegram.messages(7001)] == [live.translator.get("ru", "help-title")]
    assert api.too_many == 1


async def test_a_reply_refused_past_the_patience_ends_in_the_apology(live: App, api: BotApiServer) -> None:
    for middleware in live.bot.session.middleware:
        if isinstance(middleware, SendBudgetMiddleware):
            middleware.patience = 2.5  # REPLY_PATIENCE is 30 s; the rule is the same
    for _ in range(3):
        api.answer_429_once(retry_after=1, chat_id=7002)  # 429, 429, 429, then Telegram takes it
    api.user_sends(7002, "/help")
    apology = live.translator.get("ru", "error-try-again")
    await api.wait_for(lambda: api.bot_said(7002, re.escape(apology)), timeout=20, what="the apology")
    await asyncio.sleep(1.5)
    assert [m.shown for m in api.telegram.messages(7002)] == [apology]  # not silence, and said once
    assert api.too_many == 3
