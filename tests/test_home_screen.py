"""The home screen (/menu) through the real dispatcher: each role sees a button for what it can do now and nothing
else; each button answers exactly what its command answers (the consent gate and the role checks included); a
forged or out-of-role button changes nothing and says so; in Russian and English."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from bot.callbacks import GoTo
from bot.commands import COMMANDS, audiences
from bot.handlers.shortcuts import ACTIONS
from db.models import AuditRow, MeetingRow, OutboxRow, PairRow, PlanGoalRow, SurveyCampaignRow
from db.repositories.people import PersonRepository
from db.transaction import transaction
from mentorship.entities import Actor, Membership, Person
from mentorship.meetings import MeetingKind
from mentorship.roles import Category, ParticipationStatus, Role
from mentorship.services import meetings, pairs, surveys
from mentorship.shortcuts import Shortcut
from tests.conftest import ADMIN_ID, START
from tests.flows import create_link, organisation_with_curator, register
from tests.fixtures.plan import CURATOR, IRINA, MAMA, OLGA, PETR, _person
from tests.test_plan import actor

COMMON = {"👤 Мои данные", "🔒 Мои данные и согласия", "🌐 Язык", "❓ Справка"}
CURATOR_BUTTONS = {
    "👥 Участники", "🔗 Пригласить", "🧩 Подобрать пары", "⏳ На утверждении", "🤝 Пары", "🔁 Просьбы о смене",
    "🎯 Планы пар", "📎 Мои ссылки", "🗳 Опросы", "📣 Объявление", "🔢 Численность", "📊 Показатели", "📥 Выгрузка",
}
COORDINATOR, VERA = 6001, 4009  # a municipal coordinator; a mentor nobody is paired with yet


async def home(person) -> set[str]:
    await person.send("/menu")
    assert person.last.startswith("Меню") or person.last.startswith("Menu"), person.last
    return set(person.buttons())


def newest_id(h, person) -> int:
    return max((m.message_id for m in h.telegram.messages(person.id, from_bot=None)), default=0)


def since(h, person, mark: int) -> list[str]:
    """What the bot showed after `mark`, as the person sees it now (a deleted message is gone)."""
    return [m.shown for m in h.telegram.messages(person.id) if m.message_id > mark]


def menus(h, person) -> list:
    """The home screens the chat still shows with their buttons."""
    return [m for m in h.telegram.messages(person.id) if m.buttons() and m.shown.split("\n")[0] in ("Меню", "Menu")]


async def add_people(h, org: int) -> None:
    async with transaction(h.app.session_factory) as session:
        await _person(session, VERA, "Вера", Role.MENTOR, org, Category.TEACHER, date(1990, 1, 1))
        people = PersonRepository(session)
        coordinator = await people.add(telegram_id=COORDINATOR, full_name="Координатор", date_of_birth=date(1980, 1, 1),
                                       category=Category.STAFF, group_name=None, locale="ru", now=START)
        await people.add_membership(person_id=coordinator, role=Role.COORDINATOR, organisation_id=None,
                                    municipality="Город N", form=None, invitation_id=None, now=START,
                                    status=ParticipationStatus.ACTIVE)


# --- what each role sees -------------------------------------------------------------------------------------------


async def test_each_role_sees_a_button_for_what_it_can_do_now(harness, world):
    await add_people(harness, world["org"])
    olga, irina, mama, curator = (harness.user(i) for i in (OLGA, IRINA, MAMA, CURATOR))
    assert await home(olga) == {"📝 Анкета", "🤝 Моя пара", "📅 Встречи", "➕ Новая встреча", "🎯 План"} | COMMON
    # A mentee does not plan meetings, and may ask for another mentor.
    assert await home(irina) == {"📝 Анкета", "🤝 Моя пара", "📅 Встречи", "🎯 План", "🔄 Сменить наставника"} | COMMON
    assert await home(mama) == {"🤝 Пара ребёнка", "🎯 План"} | COMMON
    assert await home(curator) == CURATOR_BUTTONS | COMMON
    assert await home(harness.user(COORDINATOR)) == {"📊 Показатели", "📥 Выгрузка"} | COMMON
    assert await home(harness.user(ADMIN_ID)) == {"🔗 Пригласить", "📎 Мои ссылки", "🏫 Новая организация",
                                                  "📋 Организации", "🌐 Язык", "❓ Справка"}
    vera = harness.user(VERA)
    assert await home(vera) == {"📝 Анкета"} | COMMON  # no pair yet: nothing about pairs or meetings
    assert "Пары пока нет" in vera.last
    stranger = harness.user(9900)
    assert await home(stranger) == {"🌐 Язык", "❓ Справка"}
    assert "нужна ссылка-приглашение" in stranger.last

    # What comes and goes: a feedback form waiting, a survey open, a pair that ended.
    async with transaction(harness.app.session_factory) as session:
        timing = meetings.Timing((timedelta(hours=1),), timedelta(minutes=15))
        await meetings.create(session, harness.clock, await actor(harness, OLGA), timing, meetings.Draft(
            pair_id=world["pairs"][0], kind=MeetingKind.INTRO, day=date(2026, 9, 2), at=time(15, 0),
            duration_minutes=60, online=False, place="Кабинет 12"))
        await surveys.start_manual(session, harness.clock, await actor(harness, CURATOR), world["org"], [Role.MENTEE],
                                   "20.09.2026")
        await pairs.end_pair(session, harness.clock, await actor(harness, CURATOR), world["pairs"][2], "переезд")
    harness.clock.advance(timedelta(days=2))
    assert {"💬 Отзыв о встрече (1)", "🗳 Опрос"} <= await home(irina)
    assert "🗳 Опрос" not in await home(olga)  # the round asks mentees only
    assert "💬 Отзыв о встрече (1)" in olga.buttons()
    # Petr's only pair ended: no new meeting, no pair, no plan for him now.
    assert await home(harness.user(PETR)) == {"📝 Анкета"} | COMMON


async def test_the_home_screen_in_english(harness, world):
    async with harness.app.session_factory() as session:
        people = PersonRepository(session)
        for telegram_id in (OLGA, CURATOR):
            await people.set_locale((await people.by_telegram_id(telegram_id)).id, "en")
        await session.commit()
    olga, curator = harness.user(OLGA), harness.user(CURATOR)
    assert await home(olga) == {"📝 Questionnaire", "🤝 My pair", "📅 Meetings", "➕ New meeting", "🎯 Plan",
                                "👤 My data", "🔒 My data and consents", "🌐 Language", "❓ Help"}
    assert {"🧩 Match pairs", "⏳ Awaiting approval", "🔁 Change requests", "🎯 Pairs' plans",
            "📥 Export"} <= await home(curator)
    await olga.click("My pair")
    assert "Pair No. 1" in olga.seen()[-2] and olga.last.startswith("Menu")


# --- a button does what its command does ------------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "label", "command"), [
    (OLGA, "Моя пара", "/mypair"),
    (IRINA, "Встречи", "/meetings"),
    (MAMA, "Пара ребёнка", "/mypair"),
    (CURATOR, "Численность", "/counts"),
    (CURATOR, "Показатели", "/stats"),
    (IRINA, "Справка", "/help"),
    (IRINA, "^👤 Мои данные$", "/profile"),
])
async def test_a_text_button_answers_what_its_command_answers_and_the_menu_comes_under_it(harness, world, who, label,
                                                                                         command):
    person = harness.user(who)
    await person.send("/menu")
    mark = newest_id(harness, person)
    await person.click(label)
    pressed = since(harness, person, mark)
    assert pressed[-1].startswith("Меню")  # the home screen moved under the answer…
    assert len(menus(harness, person)) == 1  # …rather than being shown twice
    mark = newest_id(harness, person)
    await person.send(command)
    assert pressed[:-1] == since(harness, person, mark) and pressed[:-1]


@pytest.mark.parametrize(("who", "label", "command", "shows"), [
    (OLGA, "Новая встреча", "/newmeeting", "С кем встреча?"),
    (IRINA, "^🎯 План$", "/plan", "Индивидуальный план пары № 1"),
    (IRINA, "Сменить наставника", "/changementor", "почему вы хотите другого наставника"),
    (CURATOR, "Участники", "/participants", "5 участников"),
    (CURATOR, "^🤝 Пары$", "/pairs", "3 пары, действующих: 3"),
    (CURATOR, "На утверждении", "/pending", "Предложенных пар нет"),
    (CURATOR, "Просьбы о смене", "/requests", "Просьб сменить наставника нет"),
    (CURATOR, "Подобрать пары", "/match", "Подходящих пар не нашлось"),
    (CURATOR, "Мои ссылки", None, "ссылк"),
])
async def test_a_dialog_button_opens_the_commands_dialog_in_place_of_the_menu(harness, world, who, label, command,
                                                                             shows):
    person = harness.user(who)
    await person.send("/menu")
    await person.click(label)
    assert shows in person.last
    assert not menus(harness, person)  # the dialog took the menu's place
    if command is not None:
        opened = person.last
        await person.send(command)
        assert person.last == opened


# --- the consent gate and the roles ------------------------------------------------------------------------------


async def test_a_participant_button_at_the_consent_gate_answers_as_the_typed_command(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(CURATOR)
    await organisation_with_curator(harness, admin, curator)
    mentor = harness.user(4300)
    await register(mentor, await create_link(curator, "наставник", form_label="Любая форма"), name="Ольга",
                   birth_date="03.03.1980", category="Педагог")
    assert "📝 Анкета" in await home(mentor)
    questionnaire_button = next(b["callback_data"] for b in harness.telegram.last(mentor.id).buttons()
                                if b["text"] == "📝 Анкета")
    await mentor.send("/privacy")
    await mentor.click("Отозвать: Согласие на обработку")
    await mentor.click("Да, отозвать")
    await mentor.click("Закрыть")
    mark = newest_id(harness, mentor)
    await mentor.send("/questionnaire")
    typed = since(harness, mentor, mark)
    assert "Сначала давайте закончим с согласиями" in typed[0] and "из 3" in typed[1]
    await mentor.send("/cancel")
    # The button of an earlier screen now meets the gate, exactly as the command does.
    mark = newest_id(harness, mentor)
    await mentor.press(questionnaire_button)
    assert since(harness, mentor, mark) == typed
    await mentor.send("/cancel")
    # The home screen now offers the way on instead, and it leads to the same place.
    assert await home(mentor) == {"⏭ Что дальше"} | COMMON and "Сначала — согласия" in mentor.last
    mark = newest_id(harness, mentor)
    await mentor.click("Что дальше")
    assert since(harness, mentor, mark) == typed

    # A 12-year-old waiting for a parent: any participant button gets the gate's words and its button.
    child = harness.user(3300)
    await register(child, await create_link(curator, "наставляемый", form_label="Любая форма"), name="Маша",
                   birth_date="10.10.2013", category="Школьник", group="7Б")
    await child.send("/mypair")
    typed = child.last
    assert "Ждём согласия" in typed and child.buttons() == ["🔗 Новая ссылка для родителя"]
    for data in ("v1go:mypair:", "v1go:questionnaire:", "v1go:next:", "v1go:plan:1"):
        await child.press(data)
        assert child.last == typed and child.buttons() == ["🔗 Новая ссылка для родителя"], data


async def snapshot(h) -> tuple:
    async with h.app.session_factory() as session:
        return tuple([
            await session.scalar(select(func.count()).select_from(model))
            for model in (PairRow, AuditRow, OutboxRow, MeetingRow, PlanGoalRow, SurveyCampaignRow)
        ])


async def test_forged_and_out_of_role_buttons_change_nothing_and_say_why(harness, world):
    irina, curator = harness.user(IRINA), harness.user(CURATOR)
    await irina.send("/menu")
    before, shown = await snapshot(harness), irina.seen()
    for to in (Shortcut.MATCH, Shortcut.PAIRS, Shortcut.EXPORT, Shortcut.COUNTS, Shortcut.BROADCAST,
               Shortcut.CAMPAIGN, Shortcut.INVITE, Shortcut.NEW_ORGANISATION, Shortcut.PARTICIPANTS):
        callback = await irina.press(GoTo(to=to).pack())
        assert irina.alert(callback) == "Эта кнопка не для вашей роли — ничего не изменено.", to
    for forged in ("v1go:nosuch:", "v1go:plan:0", "v1go:plan:99999999999", "v1go:plan", "v1go:menu:x"):
        callback = await irina.press(forged)
        assert "больше не работает" in irina.alert(callback), forged
    assert irina.seen() == shown and await snapshot(harness) == before
    # Someone else's pair: the plan button refuses in the command's own words.
    other = world["pairs"][2]
    await irina.press(GoTo(to=Shortcut.PLAN, pair_id=other).pack())
    pressed = irina.seen()[-2]  # the refusal, then the home screen
    await irina.send(f"/plan {other}")
    assert pressed == irina.last
    assert pressed == "Этот план вам недоступен: его видят наставник, наставляемые, их родители и куратор."
    # A curator pressing a participant's button: the service refuses, as it does the command, and nothing changes.
    await curator.send("/changementor")
    typed = curator.last
    await curator.send("/menu")
    callback = await curator.press(GoTo(to=Shortcut.CHANGE_MENTOR).pack())
    assert curator.alert(callback) == typed == "Попросить другого наставника может только сам наставляемый."
    callback = await curator.press(GoTo(to=Shortcut.NEW_MEETING).pack())
    assert "наставник действующей пары" in curator.alert(callback)
    assert await snapshot(harness) == before


def _actor(roles: list[Role], *, superadmin: bool = False) -> Actor:
    memberships = tuple(Membership(i, 1, role, None if role == Role.COORDINATOR else 1,
                                   status=ParticipationStatus.ACTIVE) for i, role in enumerate(roles, 1))
    person = Person(1, 100, "x", None, None, None, "ru", memberships) if roles else None
    return Actor(100, superadmin, person)


async def test_every_button_checks_what_its_command_checks():
    """The role filter a button applies is the one /help and the menu derive from bot/commands.py: whoever may not
    type the command may not press its button."""
    specs = {spec.name: set(spec.audience) for spec in COMMANDS}
    people = [_actor([role]) for role in Role] + [_actor([], superadmin=True), _actor([])]
    for to, action in ACTIONS.items():
        if action.allowed is None:
            continue
        audience = specs[Shortcut.INVITE.value if to == Shortcut.INVITATIONS else to.value]
        for someone in people:
            assert await action.allowed(None, actor=someone) == bool(audiences(someone) & audience), (to, someone)
    assert set(ACTIONS) == set(Shortcut)


# --- the way back --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "home_label", "menu_title"), [("ru", "🏠 В меню", "Меню"), ("en", "🏠 Menu", "Menu")])
async def test_no_dead_end_after_a_word_the_bot_does_not_understand_or_a_cancel(harness, world, language, home_label,
                                                                              menu_title):
    async with harness.app.session_factory() as session:
        people = PersonRepository(session)
        await people.set_locale((await people.by_telegram_id(IRINA)).id, language)
        await session.commit()
    irina = harness.user(IRINA)
    for typed in ("привет", "/nosuchcommand", "/cancel"):
        await irina.send(typed)
        assert irina.buttons() == [home_label], typed
        await irina.click(home_label)
        assert irina.last.startswith(menu_title) and len(irina.buttons()) > 4
        menu = irina.buttons()
        # Words typed at the home screen: why not, on top of the home screen again.
        await irina.send(typed if typed != "/cancel" else "привет")
        assert irina.buttons() == menu and irina.last.split("\n")[1].startswith(menu_title), irina.last
        await irina.send("/cancel")
    # /start for someone registered: a greeting with the way home.
    await irina.send("/start")
    assert irina.last == ("С возвращением, Ирина!" if language == "ru" else "Welcome back, Ирина!")
    await irina.click(home_label)
    assert irina.last.startswith(menu_title)
