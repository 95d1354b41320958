"""Notifications that ask for an action carry the button for it, through the real dispatcher and the outbox: the
pair approved (see the pair, plan the first meeting), a declined meeting (my meetings), a request for another
mentor (the requests), a goal done (the plan), a pair that stopped meeting (its plan), the curator's reminders
(the consent, the parent's link, the questionnaire). A button pressed later — after a restart, once the pair has
ended — answers what its command answers then and changes nothing. Where a partner's contact is hidden, the
curator is named with a link to write to them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from db.models import MeetingRow
from db.repositories.consents import ConsentRepository
from db.repositories.people import PersonRepository
from db.transaction import transaction
from mentorship.consent import ConsentKind
from mentorship.services import plans
from mentorship.services.pair_activity import alert_quiet_pairs
from tests.flows import GUARDIAN_LINK_RE
from tests.fixtures.meetings import active_pair, plan
from tests.fixtures.pairs import CURATOR, IRINA, OLGA, PETR, SERGEY, message_with, pair_number, person_id
from tests.test_participants import cohort as registry  # noqa: F401  (a fixture)
from tests.test_plan import actor as plan_actor


def labels(message) -> list[str]:
    return [b["text"] for b in message.buttons()]


async def set_locale(h, telegram_id: int, locale: str) -> None:
    async with h.app.session_factory() as session:
        people = PersonRepository(session)
        await people.set_locale((await people.by_telegram_id(telegram_id)).id, locale)
        await session.commit()


async def hide_contact(h, telegram_id: int) -> None:
    pid = await person_id(h, telegram_id)
    async with h.app.session_factory() as session:
        await ConsentRepository(session).withdraw(pid, 1, ConsentKind.CONTACTS, pid, h.clock.now())
        await session.commit()


async def test_pair_approved_leads_to_the_pair_and_the_first_meeting(harness, cohort):
    curator, olga, irina = cohort, harness.user(OLGA), harness.user(IRINA)
    for person in (olga, irina):
        await person.send("/cancel")  # the intake questionnaire opened by itself after the consents
    await hide_contact(harness, IRINA)
    await active_pair(harness, curator)
    told_olga = message_with(harness, olga, "Куратор утвердил наставническую пару")
    told_irina = message_with(harness, irina, "Куратор утвердил наставническую пару")
    assert labels(told_olga) == ["🤝 Моя пара", "➕ Назначить встречу"]
    assert labels(told_irina) == ["🤝 Моя пара"]
    # Irina's contact is hidden: Olga is told whom to write to instead — the school's own curator.
    assert ("договориться о первой встрече поможет куратор Анна Петровна (нажмите на имя, чтобы написать)"
            in told_olga.shown)
    assert f'<a href="tg://user?id={CURATOR}">Анна Петровна</a>' in told_olga.raw_text
    assert f"tg://user?id={IRINA}" not in told_olga.raw_text

    # Pressed for the first time after a restart: "My pair" shows the card /mypair shows, under the notice (which
    # stays as it was), then the home screen.
    await harness.restart()
    await irina.click("Моя пара", told_irina)
    card = irina.seen()[-2]
    assert "Пара № 1" in card and irina.last.startswith("Меню")
    assert "Куратор утвердил наставническую пару" in told_irina.shown and not told_irina.deleted
    await irina.send("/mypair")
    assert irina.last == card

    # Once the pair has ended, "plan a meeting" says why not, and plans nothing.
    await curator.send("/endpair 1 переезд")
    await harness.deliver()
    callback = await olga.click("Назначить встречу", told_olga)
    assert olga.alert(callback) == "Назначать встречи может наставник действующей пары."
    await olga.send("/newmeeting")
    assert olga.last == "Назначать встречи может наставник действующей пары."
    async with harness.app.session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(MeetingRow)) == 0


async def test_pair_approved_in_english_names_the_curator(harness, cohort):
    curator, petr = cohort, harness.user(PETR)
    await set_locale(harness, PETR, "en")
    await hide_contact(harness, SERGEY)
    await curator.send("/match")
    await curator.click("Утвердить", message_with(harness, curator, "Ольга"))  # the next card is Petr's
    await curator.send(f"/approve {pair_number(next(text for text in curator.seen() if 'Сергей' in text))}")
    await harness.deliver()
    told = message_with(harness, petr, "approved your mentorship pair")
    assert labels(told) == ["🤝 My pair", "➕ Plan a meeting"]
    assert "to arrange the first meeting, write to the curator, Анна Петровна (tap the name)" in told.shown
    # "Plan a meeting" opens the meeting dialog as a new message: the notice stays readable under it.
    await petr.click("Plan a meeting", told)
    assert petr.last == "What kind of meeting is it?"
    assert "approved your mentorship pair" in told.shown and not told.deleted
    await petr.send("/cancel")
    await petr.send("/mypair")
    assert "Programme curator: Анна Петровна — tap the name to write" in petr.last


async def test_a_declined_meeting_leads_the_mentor_to_the_list(harness, cohort):
    curator, olga, irina = cohort, harness.user(OLGA), harness.user(IRINA)
    await active_pair(harness, curator)
    await plan(harness, olga, "02.09", "17:30")
    await harness.deliver()
    await irina.click("Не смогу")
    await irina.send("03.09 18:00")
    assert "Передал наставнику" in irina.last and labels(harness.telegram.last(IRINA)) == ["🏠 В меню"]
    await harness.deliver()
    told = message_with(harness, olga, "предлагает перенести")
    assert labels(told) == ["📅 Мои встречи"] and "/meetings" not in told.shown
    await olga.click("Мои встречи", told)
    listed = olga.seen()[-2]
    assert "Предстоящие встречи" in listed and olga.last.startswith("Меню")
    await olga.send("/meetings")
    assert olga.last == listed


async def test_a_change_request_and_quiet_pairs_lead_the_curator_to_them(harness, world):
    irina, curator = harness.user(IRINA), harness.user(CURATOR)
    await irina.send("/changementor")
    await irina.send("Не совпадает расписание")
    await harness.deliver()
    told = message_with(harness, curator, "просит сменить наставника")
    assert labels(told) == ["🔁 Просьбы о смене"] and "/requests" not in told.shown
    await curator.click("Просьбы о смене", told)
    opened = curator.last
    assert "1 просьба сменить наставника" in opened and "Ирина" in " ".join(curator.buttons())
    assert "просит сменить наставника" in told.shown and not told.deleted  # the notice stays readable above
    await curator.send("/requests")
    assert curator.last == opened
    # Three weeks without a meeting: the alert opens the pair's plan, as `/plan 1` does.
    harness.clock.advance(timedelta(days=22))
    async with transaction(harness.app.session_factory) as session:
        assert await alert_quiet_pairs(session, harness.clock)
    await harness.deliver()
    alert = message_with(harness, curator, "Пара № 1")
    assert labels(alert) == ["🎯 План пары № 1"] and "/plan" not in alert.shown
    await curator.click("План пары", alert)
    opened = curator.last
    assert "Индивидуальный план пары № 1" in opened
    await curator.send("/plan 1")
    assert curator.last == opened


async def test_a_goal_done_leads_the_mentee_to_the_plan(harness, world):
    first = world["pairs"][0]
    async with transaction(harness.app.session_factory) as session:
        olga = await plan_actor(harness, OLGA)
        goal = await plans.add_goal(session, harness.clock, olga, first, "Открытый урок", None)
        await plans.set_status(session, harness.clock, olga, first, goal.id, plans.GoalStatus.DONE)
    await harness.deliver()
    irina = harness.user(IRINA)
    told = message_with(harness, irina, "отметил цель")
    assert labels(told) == ["🎯 План пары"] and "/plan" not in told.shown
    await irina.click("План пары", told)
    assert "Индивидуальный план пары № 1" in irina.last and "Открытый урок" in irina.last


async def test_the_curators_reminders_carry_the_step_they_remind_of(harness, registry):
    curator = registry
    dima, masha = harness.user(3002), harness.user(3001)
    for name in ("Дима", "Маша"):
        await curator.send("/participants")
        await curator.click(name)
        await curator.click("Напомнить")
    await harness.deliver()
    # Dima, 16, never answered the consent: "Continue" picks it up where it stopped.
    reminder = message_with(harness, dima, "осталось дать согласие")
    assert "Нажми «Продолжить»" in reminder.shown and labels(reminder) == ["▶️ Продолжить"]
    await dima.click("Продолжить", reminder)
    assert "Документ 1 из" in dima.last
    # Masha, 11, waits for her parent: the button gives a fresh link to forward.
    reminder = message_with(harness, masha, "ещё не дал согласие")
    assert "твой родитель" in reminder.shown and labels(reminder) == ["🔗 Новая ссылка для родителя"]
    assert reminder.buttons()[0]["callback_data"] == "v1gl:1"  # the consent gate's own button
    links_before = sum(1 for text in masha.seen() if GUARDIAN_LINK_RE.search(text))
    await masha.click("Новая ссылка", reminder)
    assert sum(1 for text in masha.seen() if GUARDIAN_LINK_RE.search(text)) == links_before + 1
