"""One register per audience, through the real dispatcher: «ты» to a pupil, «вы» to an adult, in registration, the
consent gate, meeting invitations, surveys and the end of a pair; the curator who ended a pair is named."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from sqlalchemy import update

from bot.callbacks import GoTo
from db.models import PersonRow
from db.repositories.consents import ConsentRepository
from mentorship.consent import ConsentKind, Decision, GivenBy
from mentorship.meetings import MeetingKind
from mentorship.roles import Category, Role
from mentorship.shortcuts import Shortcut
from mentorship.services import meetings, pairs, participation, surveys
from mentorship.services.people import load_actor
from tests.conftest import ADMIN_ID
from tests.fixtures.plan import CURATOR, IRINA, LENA, MAMA, OLGA
from tests.flows import create_link, organisation_with_curator

#: What «вы» looks like in these texts: the pronoun and the imperatives the bot uses.
VY = re.compile(r"\b(?:[Вв]ы|[Вв]ас|[Вв]ам|[Вв]аш[а-яё]*|[А-Яа-яё]+(?:ите|йте|ьте))\b")
#: What «ты» looks like: the pronoun and the imperatives of these texts.
TY = re.compile(r"\b(?:[Тт]ы|[Тт]еб[яе]|[Тт]во[йеёюя][а-яё]*|[Нн]апиши|[Нн]ажми|[Вв]ыбери|[Пп]роверь|[Пп]ерешли|[Пп]олучи)\b")


def _vy(texts: list[str]) -> list[str]:
    return [found for text in texts for found in VY.findall(text)]


async def _actor(h, telegram_id: int):
    async with h.app.session_factory() as session:
        return await load_actor(session, telegram_id, frozenset())


@pytest.fixture
async def school(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    return curator


async def test_a_pupil_registers_on_ty_and_waits_for_the_parent_on_ty(harness, school):
    token = await create_link(school, "наставляемый", form_label="ученик – ученик")
    pupil = harness.user(3001)
    await pupil.send(f"/start {token}")
    assert "Привет! Тебя приглашают в программу наставничества" in pupil.last
    assert "Выбери язык и нажми «Продолжить»" in pupil.last
    await pupil.click("Продолжить")
    assert "Как тебя зовут? Напиши фамилию и имя." in pupil.last
    await pupil.send("Малышев Костя")
    await pupil.send("10.10.2013")
    assert "Кто ты?" in pupil.last
    await pupil.click("Школьник")
    assert "В каком ты классе" in pupil.last
    await pupil.send("7Б")
    assert "Проверь, всё ли верно" in pupil.last and "Кто ты: Школьник" in pupil.last
    await pupil.click("Всё верно")
    assert any("Готово, Малышев Костя! Ты в программе" in text for text in pupil.seen())
    assert "Перешли сообщение выше маме" in pupil.last
    await pupil.send("/questionnaire")
    assert "Ждём согласия твоего родителя" in pupil.last and "получи новую кнопкой ниже" in pupil.last
    # What the bot says to the pupil; the message to forward speaks to the parent, so «вы» there is right.
    seen = [text for text in pupil.seen() if "would like to take part" not in text]
    assert _vy(seen) == [], [t for t in seen if VY.search(t)]


async def test_an_adult_registers_on_vy_and_an_unknown_one_is_addressed_neither_way(harness, school):
    token = await create_link(school, "наставник", form_label="учитель – учитель")
    teacher = harness.user(4001)
    await teacher.send(f"/start {token}")
    assert "Здравствуйте! Вас приглашают" in teacher.last
    await teacher.click("Продолжить")
    assert "Как вас зовут? Напишите фамилию и имя." in teacher.last
    assert not any(TY.search(text) for text in teacher.seen())

    # A link for any form: a pupil or a young teacher, so neither «ты» nor «вы» until the category says.
    token = await create_link(school, "наставляемый", form_label="Любая форма")
    someone = harness.user(3002)
    await someone.send(f"/start {token}")
    await someone.click("Продолжить")
    await someone.send("Иванова Анна")
    await someone.send("01.02.2012")
    before = someone.seen()
    assert "Категория участника" in someone.last
    assert not any(TY.search(text) or VY.search(text) for text in before[1:]), before
    await someone.click("Школьник")
    assert "В каком ты классе" in someone.last


async def test_english_registration_is_unchanged(harness, school):
    token = await create_link(school, "наставляемый", form_label="ученик – ученик")
    pupil = harness.user(3003, language_code="en")
    await pupil.send(f"/start {token}")
    await pupil.click("Continue")
    assert "What is your name" in pupil.last


async def test_meeting_invitations_speak_to_each_mentee_in_their_register(harness, world):
    async with harness.app.session_factory() as session:
        timing = meetings.Timing((timedelta(hours=1),), timedelta(minutes=15))
        # Olga with Irina (a young specialist), Olga with Lena (a pupil): one after the other, as Olga is in both.
        for hour, pair_id in zip((15, 17), world["pairs"][:2]):
            await meetings.create(session, harness.clock, await _actor(harness, OLGA), timing, meetings.Draft(
                pair_id=pair_id, kind=MeetingKind.INTRO, day=date(2026, 9, 2), at=time(hour, 0),
                duration_minutes=60, online=False, place="Кабинет 12"))
        await session.commit()
    await harness.deliver()
    lena, irina = harness.user(LENA), harness.user(IRINA)
    invitation = next(text for text in reversed(lena.seen()) if "приглашает на встречу" in text)
    assert "Придёшь?" in invitation and not VY.search(invitation), invitation
    invitation = next(text for text in reversed(irina.seen()) if "приглашает на встречу" in text)
    assert "Придёте?" in invitation and "Придёшь" not in invitation, invitation
    await lena.click("Приду")
    assert "Отлично, ждём тебя!" in lena.last


async def test_the_mentee_survey_reads_the_same_to_a_pupil_and_an_adult(harness, world):
    async with harness.app.session_factory() as session:
        await surveys.start_manual(session, harness.clock, await _actor(harness, CURATOR), world["org"], [Role.MENTEE],
                                   "20.09.2026")
        await session.commit()
    await harness.deliver()
    lena = harness.user(LENA)
    await lena.click("Пройти опрос")
    first = lena.last
    await lena.click("^7$")
    second = lena.last
    assert "Несколько вопросов о работе с наставником" in first, first
    # The questions say neither «ты» nor «вы» (the same file asks pupils and adults); the bot's own hints speak to
    # the pupil with «ты»: nothing mixed.
    assert "Выбери число от 1 до 10" in first and "Выбери число от 1 до 10" in second, (first, second)
    assert not VY.search(first) and not VY.search(second), (first, second)


async def test_the_pupil_and_the_parent_hear_who_ended_the_pair(harness, world):
    async with harness.app.session_factory() as session:
        await pairs.end_pair(session, harness.clock, await _actor(harness, CURATOR), world["pairs"][1], "переезд")
        await session.commit()
    await harness.deliver()
    lena, mama, olga = harness.user(LENA), harness.user(MAMA), harness.user(OLGA)
    assert lena.last == (f"Наставническая пара №{world['pairs'][1]} (Ольга <Учитель> & Co) завершена по решению "
                         "куратора — Анна Петровна. Причина: переезд\n"
                         "Если есть вопросы, нажми на имя куратора, чтобы написать.")
    assert "по решению куратора — Анна Петровна" in mama.last and "нажмите на имя куратора" in mama.last
    assert "нажмите на имя куратора" in olga.last


@pytest.mark.parametrize(("first", "then", "title", "said"), [
    ("ru", "🇬🇧 English", "Menu", "Done"), ("en", "🇷🇺 Русский", "Меню", "Готово"),
])
async def test_the_home_screen_speaks_the_new_language_at_once(harness, world, first, then, title, said):
    irina = harness.user(IRINA)
    if first == "en":
        await irina.send("/language")
        await irina.click("🇬🇧 English")
    await irina.send("/menu")
    await irina.click("🌐 Язык|🌐 Language")
    # The question comes with the home screen under it; the language buttons are on the question.
    asked = next(m for m in reversed(harness.telegram.messages(IRINA))
                 if any(b["text"] == then for b in m.buttons()))
    await irina.click(then, asked)
    home = [m for m in harness.telegram.messages(IRINA) if m.buttons() and m.shown.split("\n")[0] in ("Меню", "Menu")]
    assert [m.shown.split("\n")[0] for m in home] == [title], [m.shown for m in home]
    assert harness.telegram.messages(IRINA)[-2].shown.startswith(said)


@pytest.mark.parametrize("pupil", [True, False], ids=["pupil mentor", "adult mentor"])
async def test_a_pupil_mentor_plans_and_moves_a_meeting_on_ty_and_an_adult_on_vy(harness, world, pupil):
    """The planning dialog's questions and refusals speak to a pupil mentor («ученик – ученик») with «ты»."""
    if pupil:
        async with harness.app.session_factory() as session:
            await session.execute(update(PersonRow).where(PersonRow.telegram_id == OLGA).values(category=Category.PUPIL))
            await session.commit()
    olga = harness.user(OLGA)

    def says(ty: str, vy: str) -> None:
        assert (ty if pupil else vy) in olga.last, olga.last

    await olga.send("/newmeeting")
    await olga.click("Ирина")
    await olga.click("знакомство")
    says("Выбери дату встречи или напиши её", "Выберите дату встречи или напишите её")
    await olga.send("31.02")
    says("Такой даты нет. Напиши, например, 25.12", "Такой даты нет. Напишите, например, 25.12")
    await olga.send("02.09")
    says("Во сколько начало? Напиши время", "Во сколько начало? Напишите время")
    await olga.send("25:00")
    says("Не понимаю время. Напиши часы и минуты", "Не понимаю время. Напишите часы и минуты")
    await olga.send("17:30")
    says("Выбери или напиши, например «40»", "Выберите или напишите, например «40»")
    await olga.send("45")
    await olga.click("Очно")
    says("Где встречаетесь? Напиши место", "Где встречаетесь? Напишите место")
    await olga.send("К" * 301)
    says("Напиши место встречи — не длиннее 300 символов", "Напишите место встречи — не длиннее 300 символов")
    await olga.send("Кабинет 12")
    await olga.click("Подтвердить")
    assert "Встреча №1 назначена" in olga.last, olga.last
    await olga.send("/meetings")
    await olga.click("Перенести №1")
    says("Перенос встречи №1. Выбери новую дату или напиши её", "Перенос встречи №1. Выберите новую дату или напишите её")
    await olga.send("03.09")
    await olga.send("18:00")
    assert "Встреча №1 перенесена на 03.09.2026 18:00" in olga.last, olga.last
    seen = olga.seen()
    if pupil:
        assert _vy(seen) == [], [text for text in seen if VY.search(text)]
    else:
        assert not any(TY.search(text) for text in seen), [text for text in seen if TY.search(text)]


async def test_a_pupil_mentor_keeps_the_plan_on_ty(harness, world):
    async with harness.app.session_factory() as session:
        await session.execute(update(PersonRow).where(PersonRow.telegram_id == OLGA).values(category=Category.PUPIL))
        await session.commit()
    olga = harness.user(OLGA)
    await olga.send(f"/plan {world['pairs'][0]}")
    assert "Добавь первую" in olga.last, olga.last
    await olga.click("Добавить цель")
    assert "Напиши цель одной фразой" in olga.last, olga.last
    await olga.send("я" * 201)
    assert "Сформулируй короче" in olga.last, olga.last
    await olga.send("Открыть урок")
    assert "Напиши дату как 15.12 или 15.12.2026 — или нажми «Без срока»" in olga.last, olga.last
    await olga.send("31.02")
    assert "Не понял дату. Напиши, например, 15.12" in olga.last, olga.last
    await olga.send("01.08.2026")
    assert "Укажи сегодняшнюю или будущую" in olga.last, olga.last
    await olga.send("15.10")
    assert _vy(olga.seen()) == [], [text for text in olga.seen() if VY.search(text)]


async def _rename_curator(h, name: str) -> None:
    async with h.app.session_factory() as session:
        await session.execute(update(PersonRow).where(PersonRow.telegram_id == CURATOR).values(full_name=name))
        await session.commit()


def _last_with(h, telegram_id: int, part: str):
    return next(m for m in reversed(h.telegram.messages(telegram_id)) if part in m.shown)


@pytest.mark.parametrize("who", [LENA, IRINA], ids=["pupil", "adult"])
async def test_the_commands_everyone_has_speak_to_a_pupil_on_ty_and_to_an_adult_on_vy(harness, world, who):
    """/profile, /help, /language, a link that does not work or gives a role one has, a too long reason for another
    mentor and the list of surveys: «ты» to the pupil Lena, «вы» to the young specialist Irina."""
    pupil, person = who == LENA, harness.user(who)

    def says(ty: str, vy: str) -> None:
        assert (ty if pupil else vy) in person.last, person.last
        assert (vy if pupil else ty) not in person.last, person.last

    await person.send("/profile")
    says("Кто ты: ", "Кто вы: ")
    await person.send("/help")
    says("напиши куратору программы твоей организации", "напишите куратору программы вашей организации")
    await person.send("/language")
    says("Выбери язык / Choose your language", "Выберите язык / Choose your language")
    await person.send("/start " + "x" * 20)
    says("Проверь, что скопировал(а) её целиком", "Проверьте, что скопировали её целиком")
    says("Попроси у куратора программы новую ссылку", "Попросите у куратора программы новую ссылку")
    token = await create_link(harness.user(CURATOR), "наставляемый", form_label="Любая форма")
    await person.send(f"/start {token}")
    says("У тебя уже есть эта роль в этой организации", "У вас уже есть эта роль в этой организации")
    callback = await person.press(GoTo(to=Shortcut.MATCH).pack())
    assert person.alert(callback) == ("Эта кнопка не для твоей роли — ничего не изменено." if pupil else
                                      "Эта кнопка не для вашей роли — ничего не изменено."), person.alert(callback)
    await person.send("/privacy")
    window = harness.telegram.last_with_buttons(who)
    callback = await person.press(window.buttons()[0]["callback_data"].split("\x1d")[0] + "\x1dnosuch", window)
    assert person.alert(callback) == ("Эта кнопка больше не работает. Продолжай с последнего сообщения или отправь "
                                      "/cancel, чтобы прервать." if pupil else "Эта кнопка больше не работает. "
                                      "Продолжайте с последнего сообщения или отправьте /cancel, чтобы прервать.")
    await person.send("/cancel")
    await person.send("/changementor")
    await person.send("я" * 2000)
    says("Сократи, пожалуйста.", "Сократите, пожалуйста.")
    await person.send("/cancel")
    async with harness.app.session_factory() as session:
        await surveys.start_manual(session, harness.clock, await _actor(harness, CURATOR), world["org"], [Role.MENTEE],
                                   "20.09.2026")
        await session.commit()
    await harness.deliver()
    await person.send("/survey")
    says("Для тебя открыт 1 опрос", "Для вас открыт 1 опрос")


async def test_the_partners_left_by_an_erasure_hear_it_in_their_register_with_the_curator_named(harness, world):
    await _rename_curator(harness, "Анна <Петровна> & Co")
    olga = harness.user(OLGA)
    await olga.send("/privacy")
    await olga.click("Удалить все данные")
    await olga.click("Да, удалить навсегда")
    await harness.deliver()
    link = f'<a href="tg://user?id={CURATOR}">Анна &lt;Петровна&gt; &amp; Co</a>'
    lena = _last_with(harness, LENA, "больше не участвует")
    assert lena.shown == (f"Наставническая пара №{world['pairs'][1]} завершена: твой партнёр больше не участвует в "
                          "программе. Если есть вопросы, напиши куратору — Анна <Петровна> & Co."), lena.shown
    assert link in lena.raw_text, lena.raw_text
    irina = _last_with(harness, IRINA, "больше не участвует")
    assert "завершена: ваш партнёр больше не участвует в программе. Если есть вопросы, напишите куратору — " \
           "Анна <Петровна> & Co." in irina.shown, irina.shown
    assert link in irina.raw_text, irina.raw_text
    mama = _last_with(harness, MAMA, "больше не участвует")
    assert "в которой участвовал ваш ребёнок (Лена)" in mama.shown and "tg://user" not in mama.raw_text, mama.raw_text


async def test_a_pupil_whose_partner_is_paused_hears_ty_and_an_adult_vy(harness, world):
    async with harness.app.session_factory() as session:
        olga = await _actor(harness, OLGA)
        versions = harness.app.dispatcher["consent_texts"].versions
        repo = ConsentRepository(session)
        for kind in (ConsentKind.PERSONAL_DATA, ConsentKind.AGREEMENT):
            await repo.add(subject_person_id=olga.person.id, organisation_id=world["org"], kind=kind,
                           given_by=GivenBy.SELF, given_by_person_id=olga.person.id, status=Decision.GRANTED,
                           version=versions[kind], text_hash="h", locale="ru", now=harness.clock.now())
        await session.commit()
    async with harness.app.session_factory() as session:
        olga = await _actor(harness, OLGA)
        await participation.withdraw(session, harness.clock, olga.person, olga.person.id, world["org"],
                                     ConsentKind.PERSONAL_DATA, harness.app.dispatcher["consent_texts"].versions)
        await session.commit()
    await harness.deliver()
    lena = _last_with(harness, LENA, "приостановлена")
    assert "приостановлена: твой партнёр пока не может участвовать" in lena.shown, lena.shown
    irina = _last_with(harness, IRINA, "приостановлена")
    assert "приостановлена: ваш партнёр пока не может участвовать" in irina.shown, irina.shown


async def test_a_pair_ended_with_endpair_names_the_curator_escaped_with_a_link(harness, world):
    await _rename_curator(harness, "Анна <Петровна> & Co")
    await harness.user(CURATOR).send(f"/endpair {world['pairs'][1]} переезд")
    await harness.user(CURATOR).send(f"/endpair {world['pairs'][0]} переезд")
    await harness.deliver()
    link = f'<a href="tg://user?id={CURATOR}">Анна &lt;Петровна&gt; &amp; Co</a>'
    lena, irina = _last_with(harness, LENA, "завершена"), _last_with(harness, IRINA, "завершена")
    assert "по решению куратора — Анна <Петровна> & Co" in lena.shown and link in lena.raw_text, lena.raw_text
    assert "нажми на имя куратора" in lena.shown, lena.shown
    assert "по решению куратора — Анна <Петровна> & Co" in irina.shown and link in irina.raw_text, irina.raw_text
    assert "нажмите на имя куратора" in irina.shown, irina.shown
