"""Every typed step of every dialog, on both backends, in Russian and in English.

At each step a sticker, a text the step's rule refuses (too long, or not a date), a command the person may not use
and a forged press each get words — the reason on top of the question asked again, in one message — and leave the
database as it was. A command the person may use interrupts the dialog, as the README says: /help is answered and
leaves the dialog at its question (the next answer still counts, which the walk then gives); /cancel and /menu close
it, and what is typed afterwards answers nothing.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from db.base import Base
from db.models import PersonRow
from tests.conftest import ADMIN_ID
from tests.flows import create_link, register
from tests.fixtures.plan import CURATOR, IRINA, OLGA
from tests.test_consents import guardian_token

LANGUAGES = ("ru", "en")


def words(ru: str, en: str) -> dict[str, str]:
    return {"ru": ru, "en": en}


SAID = {
    "text": words("напишите ответ текстом", "type your answer as text"),
    "forbidden": words("Эта команда вам недоступна", "This command is not available to you"),
    "stale": words("Эта кнопка больше не работает", "This button no longer works"),
    "help": words("Что я умею", "What I can do"),
    "cancelled": words("Отменено", "Cancelled"),
    "not understood": words("Я не понял сообщение", "I did not understand that"),
}


async def snapshot(h) -> dict[str, list[str]]:
    """Every row of every table but the dialog storage's."""
    async with h.app.session_factory() as session:
        return {
            table.name: sorted(repr(tuple(row)) for row in await session.execute(select(table)))
            for table in Base.metadata.sorted_tables if table.name != "fsm_records"
        }


async def speaks(h, telegram_id: int, language: str) -> None:
    async with h.app.session_factory() as session:
        await session.execute(update(PersonRow).where(PersonRow.telegram_id == telegram_id).values(locale=language))
        await session.commit()


async def typed_step(p, language: str, question: str, *, refused: tuple[tuple[str, str], ...], forbidden: str) -> None:
    """At the step asking `question`: every bad input is refused on top of the question and stores nothing; /help
    is answered and the dialog stays, so the caller's next message answers this step."""
    assert question in p.last, p.last
    before = await snapshot(p.h)
    await p.send_sticker()
    assert SAID["text"][language] in p.last and question in p.last, p.last
    for text, reason in refused:
        await p.send(text)
        assert reason in p.last and question in p.last, (text[:40], p.last)
    await p.send(forbidden)
    assert SAID["forbidden"][language] in p.last and question in p.last, p.last
    screen = p.h.telegram.last(p.id)
    assert screen.buttons(), "a typed step's window has its buttons (back, cancel, skip)"
    intent = screen.buttons()[0]["callback_data"].split("\x1d", 1)[0]
    callback = await p.press(f"{intent}\x1dzz", screen)
    assert SAID["stale"][language] in (p.alert(callback) or ""), p.alert(callback)
    assert await snapshot(p.h) == before
    await p.send("/help")
    assert SAID["help"][language] in p.last, p.last
    assert await snapshot(p.h) == before


async def closes(p, language: str, command: str, answer: str, shown: str) -> None:
    """`command` closes the dialog: its answer (`shown`) comes, and `answer` typed afterwards stores nothing."""
    await p.send(command)
    assert shown in p.last, p.last
    before = await snapshot(p.h)
    await p.send(answer)
    assert await snapshot(p.h) == before


# --- registration and the parent's consent ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
async def test_registration_steps(harness, world, language):  # noqa: F811
    curator_ = harness.user(CURATOR)
    token = await create_link(curator_, "наставляемый", form_label="Любая форма")
    pupil = harness.user(3100, language_code=language)
    await pupil.send(f"/start {token}")
    await pupil.click("Продолжить|Continue")
    await typed_step(pupil, language, words("Фамилия и имя?", "What is your name")[language], forbidden="/invite",
                     refused=(("Я" * 101, words("не больше 100 символов", "100 characters at most")[language]),))
    await pupil.send("Маша Иванова")
    await typed_step(pupil, language, words("Дата рождения", "Your date of birth")[language], forbidden="/match",
                     refused=(("31.02.2013", words("Не получилось понять дату", "could not read that date")[language]),
                              ("1" * 300, words("Не получилось понять дату", "could not read that date")[language])))
    await pupil.send("10.10.2013")
    await pupil.click("Школьник|School pupil")
    await typed_step(pupil, language, words("В каком ты классе", "Which class or group")[language], forbidden="/pairs",
                     refused=(("7" * 21, words("не больше 20 символов", "20 characters at most")[language]),))
    await closes(pupil, language, "/cancel", "7Б", SAID["cancelled"][language])
    assert SAID["not understood"][language] in pupil.last


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_parents_name_step(harness, world, language):  # noqa: F811
    curator_ = harness.user(CURATOR)
    token = await create_link(curator_, "наставляемый", form_label="Любая форма")
    child = harness.user(3100)
    await register(child, token, name="Маша Иванова", birth_date="10.10.2013", category="Школьник", group="7Б")
    parent = harness.user(5100, language_code=language)
    await parent.send(f"/start {guardian_token(child)}")
    await parent.click("Продолжить|Continue")
    question = words("Как вас зовут? Напишите фамилию, имя и отчество", "Please write your full name")[language]
    await typed_step(parent, language, question, forbidden="/invite",
                     refused=(("Я" * 101, words("не больше 100 символов", "100 characters at most")[language]),
                              ("12345", words("В имени должны быть буквы", "A name needs letters")[language])))
    await parent.send("Иванова Елена Сергеевна")
    assert words("Кем вы приходитесь ребёнку", "What is your relation to the child")[language] in parent.last
    await closes(parent, language, "/cancel", "Мама", SAID["cancelled"][language])


# --- a superadmin's new organisation -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
async def test_new_organisation_steps(harness, language):
    admin = harness.user(ADMIN_ID, language_code=language)
    await admin.send("/neworg")
    await typed_step(admin, language, words("Как называется организация", "What is the organisation called")[language],
                     forbidden="/match",
                     refused=(("Ш" * 201, words("не больше 200 символов", "200 characters at most")[language]),
                              ("« »", words("Напишите название организации", "write the organisation's name")[language])))
    await admin.send("Школа № 7")
    await admin.click("^(Школа|School)$")
    await typed_step(admin, language, words("Муниципалитет", "Municipality")[language], forbidden="/pending",
                     refused=(("Г" * 101, words("не больше 100 символов", "100 characters at most")[language]),))
    await admin.send("Город N")
    assert words("Часовой пояс организации", "The organisation's timezone")[language] in admin.last


# --- a pair's plan ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
async def test_plan_steps(harness, world, language):  # noqa: F811
    olga = harness.user(OLGA)
    await speaks(harness, OLGA, language)
    await olga.send(f"/plan {world['pairs'][0]}")
    await olga.click("Добавить цель|Add a goal")
    too_long = words("Слишком длинно: 201 символов", "Too long: 201 characters")[language]
    await typed_step(olga, language, words("Напишите цель одной фразой", "Write the goal in one sentence")[language],
                     forbidden="/invite", refused=(("я" * 201, too_long),))
    await olga.send("Открыть урок")
    not_a_date = words("Не понял дату", "did not understand the date")[language]
    await typed_step(olga, language, words("До какого числа", "By what date")[language], forbidden="/match",
                     refused=(("31.02", not_a_date), ("завтра", not_a_date),
                              ("01.08.2026", words("уже прошла", "has passed")[language])))
    await olga.send("15.10")
    await olga.click("Открыть урок")
    await olga.click("Название|Title")
    await typed_step(olga, language, words("Напишите новое название", "Write the new title")[language],
                     forbidden="/participants", refused=(("я" * 201, too_long),))
    await olga.send("Провести открытый урок")
    await olga.click("Срок|Due date")
    await typed_step(olga, language, words("Напишите новый срок", "Write the new due date")[language],
                     forbidden="/campaign", refused=(("32.12", not_a_date),))
    await closes(olga, language, "/menu", "20.12", words("Меню", "Menu")[language])


# --- meetings: planning, the feedback form, another time offered -------------------------------------------------------


async def plan_with_irina(olga, day: str, at: str, *, past: bool = False) -> None:
    """Olga plans a one-hour meeting in person with Irina (records it, for a time gone by), in Olga's language."""
    await olga.send("/newmeeting")
    await olga.click("Ирина")
    await olga.click("знакомство|introduction")
    await olga.send(day)
    await olga.send(at)
    if past:
        await olga.click("Записать прошедшую|Record a past meeting")
    await olga.click("^60$")
    await olga.click("Очно|In person")
    await olga.send("Кабинет 12")
    await olga.click("Подтвердить|Confirm")


async def _meeting_steps_until_place(olga, language: str, *, check: bool = True) -> None:
    await olga.send("/newmeeting")
    await olga.click("Ирина")
    await olga.click("знакомство|introduction")
    if not check:
        for answer in ("02.09", "17:30", "45"):
            await olga.send(answer)
        return
    await typed_step(olga, language, words("Выберите дату встречи", "Choose the date")[language], forbidden="/invite",
                     refused=(("31.02", words("Такой даты нет", "There is no such date")[language]),))
    await olga.send("02.09")
    await typed_step(olga, language, words("Во сколько начало", "What time does it start")[language],
                     forbidden="/match", refused=(("25:00", words("Не понимаю время", "don't understand the time")[language]),))
    await olga.send("17:30")
    await typed_step(olga, language, words("Сколько она продлится", "How long will it last")[language],
                     forbidden="/pairs", refused=(("20 ч", words("от 15 минут до 8 часов", "from 15 minutes to 8 hours")[language]),))
    await olga.send("45")


@pytest.mark.parametrize("language", LANGUAGES)
async def test_planning_a_meeting_steps(harness, world, language):  # noqa: F811
    olga = harness.user(OLGA)
    await speaks(harness, OLGA, language)
    await _meeting_steps_until_place(olga, language)
    await olga.click("Очно|In person")
    await typed_step(olga, language, words("Где встречаетесь", "Where do you meet")[language], forbidden="/invite",
                     refused=(("К" * 301, words("не длиннее 300 символов", "at most 300 characters")[language]),))
    await olga.click("Отмена|Cancel")
    await _meeting_steps_until_place(olga, language, check=False)
    await olga.click("Онлайн|Online")
    await typed_step(olga, language, words("Пришлите ссылку", "Send the link")[language], forbidden="/invite",
                     refused=(("zoom", words("не похоже на ссылку", "does not look like a link")[language]),))
    await olga.send("https://telemost.yandex.ru/j/42")
    await olga.click("Подтвердить|Confirm")
    assert words("Встреча №1 назначена", "Meeting #1 is planned")[language] in olga.last, olga.last


@pytest.mark.parametrize("language", LANGUAGES)
async def test_feedback_form_steps(harness, world, language):  # noqa: F811
    olga = harness.user(OLGA)
    await speaks(harness, OLGA, language)
    await plan_with_irina(olga, "01.09", "10:00", past=True)  # before the clock's 12:00 in Moscow: forms at once
    await harness.deliver()
    await olga.click("^(Да|Yes)$", harness.telegram.last_with_buttons(OLGA))
    await olga.click("^8$")
    too_long = words("не больше 1\xa0000 символов", "at most 1,000 characters")[language]
    await typed_step(olga, language, words("Хотите что-то добавить", "Anything to add")[language], forbidden="/invite",
                     refused=(("к" * 1001, too_long),))
    await olga.send("Хорошо поговорили")
    await typed_step(olga, language, words("Что сделали на встрече", "What did you do at the meeting")[language],
                     forbidden="/match", refused=(("к" * 1001, too_long),))
    await olga.send("Разобрали план")
    await typed_step(olga, language, words("Какой следующий шаг", "What is the next step")[language],
                     forbidden="/pairs", refused=(("к" * 501, words("не больше 500 символов", "at most 500 characters")[language]),))
    await olga.send("Пробный урок")
    assert words("Спасибо! Отзыв сохранён", "Thank you! Your feedback is saved")[language] in olga.last


@pytest.mark.parametrize("language", LANGUAGES)
async def test_another_time_offered_after_declining(harness, world, language):  # noqa: F811
    olga, irina = harness.user(OLGA), harness.user(IRINA)
    await speaks(harness, IRINA, language)
    await plan_with_irina(olga, "05.09", "16:00")
    await harness.deliver()
    await irina.click("Не смогу|I can't")
    question = words("Если удобно другое время", "If another time suits you")[language]
    await typed_step(irina, language, question, forbidden="/match",
                     refused=(("31.02 18:00", words("Такой даты нет", "There is no such date")[language]),
                              ("завтра", words("Напишите дату и время через пробел", "Write the date and time")[language]),
                              ("01.09 08:00", words("Это время уже прошло", "That time has passed")[language])))
    await irina.send("06.09 18:00")
    assert words("Передал наставнику: 06.09.2026 18:00", "Passed to your mentor: 06.09.2026 18:00")[language] in irina.last


# --- a curator's broadcast and survey; a mentee's request for another mentor -----------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
async def test_broadcast_and_campaign_steps(harness, world, language):  # noqa: F811
    curator_ = harness.user(CURATOR)
    await speaks(harness, CURATOR, language)
    await curator_.send("/broadcast")
    await curator_.click("^(Наставникам|Mentors)$")
    too_long = words("Слишком длинный текст: 2\xa0001 символов", "The text is too long: 2,001 characters")[language]
    await typed_step(curator_, language, words("Напишите текст объявления", "Type the announcement")[language],
                     forbidden="/neworg", refused=(("x" * 2001, too_long),))
    await curator_.send("Завтра занятий нет")
    assert words("Получатели: Наставникам", "Recipients: Mentors")[language] in curator_.last
    await curator_.click("Отмена|Cancel")
    await curator_.send("/campaign")
    await curator_.click("^(Наставляемых|Mentees)$")
    await typed_step(curator_, language, words("До какого дня принимать ответы", "Until which day")[language],
                     forbidden="/orgs",
                     refused=(("31.02.2026", words("Такой даты нет", "There is no such date")[language]),
                              ("01.08.2026", words("уже прошла", "has passed")[language])))
    await curator_.send("15.09.2026")
    assert words("Опрос открыт", "The survey is open")[language] in "\n".join(curator_.seen()[-2:])


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_reason_for_another_mentor(harness, world, language):  # noqa: F811
    irina = harness.user(IRINA)
    await speaks(harness, IRINA, language)
    await irina.send("/changementor")
    question = words("почему вы хотите другого наставника", "why you would like another mentor")[language]
    await typed_step(irina, language, question, forbidden="/match",
                     refused=(("п" * 501, words("Слишком длинно: 501", "That is 501 characters")[language]),))
    await irina.send("Не совпадаем по времени")
    assert words("куратор получил вашу просьбу", "the curator has your request")[language] in irina.last


# --- typed questions of a questionnaire ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
async def test_typed_questions(harness, school_mentee, language):  # noqa: F811
    p = school_mentee
    await speaks(harness, p.id, language)
    await p.send("/questionnaire")
    await p.click("Учёба|Studies")
    await p.click("Пункт А|Item A")
    await p.click("Готово|Done")
    await typed_step(p, language, words("Расскажите о себе", "About you")[language], forbidden="/invite",
                     refused=(("я" * 51, words("не больше 50", "at most 50")[language]),))
    await p.send("Люблю физику")
    await typed_step(p, language, words("Сколько раз", "How many")[language], forbidden="/match",
                     refused=(("три", words("Нужно целое число", "whole number")[language]),
                              ("9", words("Нужно число от 1 до 5", "number from 1 to 5")[language])))
    await p.send("3")
    await typed_step(p, language, words("С какого числа", "Since when")[language], forbidden="/pairs",
                     refused=(("31.02.2020", words("Такой даты нет", "There is no such date")[language]),
                              ("01.01.2030", words("ещё не наступила", "has not come yet")[language])))
    await p.send("01.09.2024")
    assert words("Оцените настроение", "Rate the mood")[language] in p.last
