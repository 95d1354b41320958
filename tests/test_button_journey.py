"""The whole journey of a pair with every curator, participant and parent action a button press: after `/start`
with an invitation link (or the parent's link), nobody types a command — only answers in words. (The superadmin
creates the organisation with /neworg, before anyone has a link.)

The curator makes both invitation links from her home screen; a pupil mentor (18) and a pupil mentee (12) join; the
mentee's mother consents through her link; both fill in their questionnaires; the curator proposes the mentor from
the mentee's card in the registry and approves the pair there; each sees the pair from the notification; the mentor
plans the first meeting from his notification (calendar and buttons, the time and place in words); the mentee
confirms; both give feedback; the curator opens the survey from her home screen and the mentee answers it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select

from db.models import MeetingFeedbackRow, MeetingParticipantRow, MeetingRow, SurveyInvitationRow
from tests.conftest import ADMIN_ID
from tests.flows import agree_to_everything, last_token, organisation_with_curator
from tests.harness import Person
from tests.fixtures.lifecycle import parent_consents
from tests.fixtures.pairs import message_with, person_id
from tests.test_surveys import answer_survey

CURATOR, DIMA, MASHA, MOTHER = 2001, 4101, 3101, 5101
RU_MONTHS = ("Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь",
             "Ноябрь", "Декабрь")


async def join(person: Person, token: str, *, name: str, birth_date: str, group: str) -> None:
    await person.send(f"/start {token}")
    await person.click("Продолжить")
    await person.send(name)
    await person.send(birth_date)
    await person.click("Школьник")
    await person.send(group)
    await person.click("Всё верно")


async def links_from_the_home_screen(curator: Person) -> tuple[str, str]:
    """The curator's first screen after joining offers «Пригласить»: a mentor's link, then «Ещё одна ссылка» for a
    mentee's (any form, the default term and number of uses). The screen after the second keeps «🏠 В меню»."""
    tokens = []
    await curator.click("Пригласить")
    for role in ("наставник", "наставляемый"):
        await curator.click(f"^{role}$")
        await curator.click("Любая форма")
        await curator.click("Создать ссылку")
        tokens.append(last_token(curator))
        if role == "наставник":
            await curator.click("Ещё одна ссылка")
    return tokens[0], tokens[1]


async def home(person: Person) -> None:
    """The home screen from the newest message that offers it."""
    offer = next((m for m in reversed(person.h.telegram.messages(person.id))
                  if "🏠 В меню" in [b["text"] for b in m.buttons()]), None)
    assert offer is not None, f"no message offers the home screen: {person.seen()[-3:]}"
    await person.click("В меню", offer)


async def fill_in(person: Person) -> None:
    """Answer whatever the questionnaire asks, as a person would: a button where there are buttons, words where
    it asks for words, optional questions skipped."""
    for _ in range(40):
        text, buttons = person.last, person.buttons()
        if "✅ Всё верно, отправить" in buttons:
            await person.click("Всё верно, отправить")
            return
        assert "Вопрос" in text, text
        options = [b for b in buttons if b not in ("← Назад", "Пропустить →", "Готово ✓")]
        if "Пропустить →" in buttons:
            await person.click("Пропустить")
        elif "Готово ✓" in buttons:
            await person.click(re.escape(options[0]))
            await person.click("Готово")
        elif re.search("Напиши(те)? число", text):  # «ты» to a pupil, «вы» to an adult
            await person.send("2")
        elif "ДД.ММ.ГГГГ" in text:
            await person.send("01.09.2024")
        elif re.search("Напиши(те)? ответ", text):
            await person.send("Хочу разобраться в геометрии")
        else:  # one option, a yes/no or a scale: the first button
            await person.click(f"^{re.escape(options[0])}$")
    raise AssertionError("the questionnaire did not end")


async def pick_day(person: Person, month: str, day: int) -> None:
    """The meeting's day on the calendar: page to the month (it opens at the real one), then tap the day."""
    for _ in range(48):
        header = next(b for b in person.buttons() if b.startswith("🗓"))
        if header == f"🗓 {month}":
            await person.click(f"^0?{day}$")
            return
        year, index = int(header.split()[-1]), RU_MONTHS.index(header.split()[1])
        target_year, target_index = int(month.split()[1]), RU_MONTHS.index(month.split()[0])
        forward = (year, index) < (target_year, target_index)
        await person.click("»$" if forward else "^«")
    raise AssertionError("the calendar never reached " + month)


async def test_a_pair_from_invitation_to_survey_without_a_typed_command(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(CURATOR)
    dima, masha, mother = harness.user(DIMA), harness.user(MASHA), harness.user(MOTHER)
    await organisation_with_curator(harness, admin, curator)
    mentor_link, mentee_link = await links_from_the_home_screen(curator)

    # The mentor, 18: registration and consents by buttons and words; the questionnaire comes by itself.
    await join(dima, mentor_link, name="Дима Старший", birth_date="01.03.2008", group="11А")
    await agree_to_everything(dima)
    await fill_in(dima)
    assert "Анкета" in dima.seen()[-1] and "сохранена" in dima.last and dima.buttons() == ["🏠 В меню"]

    # The mentee, 12: her mother's link, forwarded; the mother goes through her own dialog by buttons.
    await join(masha, mentee_link, name="Маша Иванова", birth_date="10.10.2013", group="7Б")
    await parent_consents(harness, masha, mother)
    assert "Согласие за Машу Иванову получено" in mother.last
    assert mother.buttons() == ["🔒 Мои данные и согласия", "🏠 В меню"]
    await harness.deliver()
    told = message_with(harness, masha, "Родитель дал согласие")
    assert "Нажми «Заполнить анкету»" in told.shown and "/questionnaire" not in told.shown
    await masha.click("Заполнить анкету", told)
    await fill_in(masha)
    assert "сохранена" in masha.last and "твои ответы" in masha.last

    # The curator pairs them from Masha's card in the registry: the ranked mentors, then approve.
    await home(curator)
    await curator.click("Участники")
    await curator.click("Маша Иванова")
    await curator.click("Предложить наставника")
    assert "1. Дима Старший — совпадение" in curator.last, curator.last
    await curator.click("Дима Старший")
    await curator.click("Утвердить")
    await curator.click("Утвердить без приказа")
    assert "утверждена" in curator.last, curator.last
    for _ in range(3):  # back up to the registry, which offers the home screen
        if "🏠 В меню" in curator.buttons():
            break
        await curator.click("Назад")
    assert curator.buttons()[-2:] == ["Закрыть", "🏠 В меню"], curator.buttons()
    await harness.deliver()

    # Each side and the mother see the pair from their notice.
    told_dima = message_with(harness, dima, "твой наставляемый — Маша Иванова")
    assert [b["text"] for b in told_dima.buttons()] == ["🤝 Моя пара", "➕ Назначить встречу"]
    await masha.click("Моя пара", message_with(harness, masha, "твой наставник — Дима Старший"))
    assert "Наставник: Дима Старший" in masha.seen()[-2] and masha.last.startswith("Меню")
    await mother.click("Пара ребёнка", message_with(harness, mother, "Вашему ребёнку (Маша Иванова)"))
    assert "Ребёнок: Маша Иванова" in mother.seen()[-2]

    # The mentor plans the first meeting from his notice: buttons, and the time and the place in words.
    await dima.click("Назначить встречу", told_dima)
    await dima.click("знакомство")
    await pick_day(dima, "Сентябрь 2026", 3)
    await dima.send("17:30")
    await dima.click("^60$")
    await dima.click("Очно")
    await dima.send("Кабинет 12")
    await dima.click("Подтвердить|Назначить")
    assert "Встреча №1 назначена" in dima.last and dima.buttons() == ["📅 Мои встречи", "🏠 В меню"]
    await harness.deliver()
    await masha.click("Приду", message_with(harness, masha, "приглашает на встречу"))
    assert "ждём" in masha.last.lower() and masha.buttons() == ["🏠 В меню"]

    # After the meeting: both answer the feedback form by buttons.
    harness.clock.set(datetime(2026, 9, 3, 16, 0, tzinfo=UTC))  # 19:00 in Moscow, the meeting over
    await harness.deliver()
    await masha.click("^Да", message_with(harness, masha, "Как прошла встреча"))
    await masha.click("^9$")
    await masha.click("Пропустить")
    assert "Отзыв сохранён" in masha.last and masha.buttons() == ["🏠 В меню"]
    await dima.click("^Да", message_with(harness, dima, "Как прошла встреча"))
    await dima.click("^8$")
    while "Отзыв сохранён" not in dima.last:
        await dima.click("Пропустить")

    # The survey the curator opened: the invitation's button, then buttons and a few words.
    await home(curator)
    await curator.click("Опросы")
    await curator.click("^Наставляемых$")
    await curator.send("15.09.2026")
    await harness.deliver()
    await masha.click("Пройти опрос", message_with(harness, masha, "просит ответить на короткий опрос"))
    await answer_survey(masha)
    assert "сохранены" in masha.last and masha.buttons() == ["🏠 В меню"]

    # Home, and the meetings list, by buttons too.
    await masha.click("В меню")
    await masha.click("Встречи")
    assert "знакомство" in masha.seen()[-2]

    # What the database holds: the meeting confirmed and held, both forms, the survey answered.
    async with harness.app.session_factory() as session:
        meeting = await session.scalar(select(MeetingRow))
        assert meeting.status == "held"
        responses = set(await session.scalars(select(MeetingParticipantRow.response)))
        assert "confirmed" in responses
        finished = await session.scalars(select(MeetingFeedbackRow).where(MeetingFeedbackRow.completed_at.is_not(None)))
        assert len(list(finished)) == 2
        invitation = await session.scalar(select(SurveyInvitationRow))
        assert invitation.answered_at is not None
    # Nobody typed a command other than /start.
    for person in (curator, dima, masha, mother):
        typed = [m.text for m in harness.telegram.messages(person.id, from_bot=False)]
        assert [t for t in typed if t and t.startswith("/") and not t.startswith("/start ")] == [], typed
