"""Intake questionnaires through the real dispatcher, on both backends: filling in, leaving and coming back, a
restart, wrong input at every kind of question, conditions, a curator's own version, and the database as the truth.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import delete, select

from db.models import (
    FsmRecordRow,
    PersonRow,
    QuestionnaireAnswerRow,
    QuestionnaireResponseRow,
    QuestionnaireVersionRow,
)
from db.repositories.questionnaires import QuestionnaireRepository
from db.transaction import transaction
from mentorship.errors import InvalidInput, NotAllowed, NotFound
from mentorship.roles import Role
from mentorship.services import questionnaires as service
from mentorship.services.people import load_actor
from mentorship.services.privacy import erase
from tests.conftest import ADMIN_ID
from tests.fixtures.questionnaires import (
    ALL_KINDS,
    activate,
    join,
    pupil_mentee,
    send_document,
    stored,
    teacher_mentor,
)
from tests.flows import create_link, create_organisation, last_token
from tests.harness import Harness, Person

# --- helpers -------------------------------------------------------------------------------------------------------


async def response_of(h: Harness, telegram_id: int, role: str | None = None) -> QuestionnaireResponseRow | None:
    async with h.app.session_factory() as session:
        query = (
            select(QuestionnaireResponseRow)
            .join(PersonRow, PersonRow.id == QuestionnaireResponseRow.person_id)
            .where(PersonRow.telegram_id == telegram_id)
        )
        if role:
            query = query.where(QuestionnaireResponseRow.role == role)
        return await session.scalar(query)


async def version_key(h: Harness, version_id: int) -> tuple[str, int | None]:
    async with h.app.session_factory() as session:
        row = await session.get(QuestionnaireVersionRow, version_id)
        return row.key, row.organisation_id


def button_data(person: Person, label: str) -> str:
    return next(b["callback_data"] for b in person.h.telegram.last_with_buttons(person.id).buttons() if label in b["text"])


async def rejects(person: Person, act, complaint: str, question: str) -> None:
    """A wrong answer: a clear complaint, then the same question on screen again."""
    before = len(person.seen())
    await act()
    new = person.seen_since(before)
    assert any(complaint in m for m in new), new
    assert question in person.last, person.last


async def rejects_click(person: Person, callback_data: str, complaint: str, question: str) -> None:
    callback = await person.press(callback_data)
    assert complaint in (person.alert(callback) or ""), person.alert(callback)
    assert question in person.h.telegram.last_with_buttons(person.id).shown


async def fill_mentor_teacher(m: Person, about: str) -> None:
    await m.send("12")
    await m.click("Высшая")
    await m.click("Математика")
    await m.click("Физика")
    await m.click("Готово")
    await m.click("Методика")
    await m.click("Готово")
    await m.click("Пропустить")
    await m.send("3")
    await m.click("Онлайн")
    await m.click("Пн")
    await m.click("Ср")
    await m.click("Готово")
    await m.click("Вечером")
    await m.click("Готово")
    await m.send(about)


# --- filling in ----------------------------------------------------------------------------------------------------


async def test_adult_mentor_completes_sees_summary_and_changes_an_answer(harness, curator):
    m = await teacher_mentor(harness, curator)
    await m.send("/questionnaire")
    assert "Анкета наставника-педагога" in m.last and "Вопрос 1 из 10" in m.last
    assert "педагогический стаж" in m.last and "от 0 до 60" in m.last
    await fill_mentor_teacher(m, "Люблю <b>учить</b> & помогать")
    summary = m.last
    assert "9 ответов, пропущено: 1." in summary  # the skipped question is listed, not counted as an answer
    assert "→ Математика, Физика" in summary and "→ пропущено" in summary and "→ Пн, Ср" in summary
    assert "→ Люблю <b>учить</b> & помогать" in summary  # markup shown literally, not interpreted
    assert harness.telegram.last(m.id).raw_text.count("&lt;b&gt;") == 1
    assert await stored(harness, m.id) == {
        "experience": 12, "category": "highest", "subjects": ["math", "physics"], "competences": ["teaching"],
        "mentored_before": None, "capacity": 3, "format": "online", "days": ["mon", "wed"],
        "day_parts": ["evening"], "about": "Люблю <b>учить</b> & помогать",
    }

    await m.click("✏️ 2")
    assert "Ваша квалификационная категория" in m.last and "Сейчас ваш ответ: Высшая" in m.last
    await m.click("Первая")
    assert "→ Первая" in m.last and "9 ответов, пропущено: 1." in m.last
    await m.click("✏️ 3")
    assert "✅ Математика" in m.buttons() and "▫️ Химия" in m.buttons()
    await m.click("Физика")  # untick
    await m.click("Готово")
    assert "→ Математика\n" in m.last
    assert (await stored(harness, m.id))["category"] == "first"
    assert (await response_of(harness, m.id)).completed_at is None

    await m.click("Всё верно, отправить")
    assert "Анкета «Анкета наставника-педагога» сохранена" in m.last
    assert (await response_of(harness, m.id)).completed_at is not None
    await m.send("/questionnaire")  # complete: straight to the summary
    assert "9 ответов, пропущено: 1." in m.last and "✏️ 10" in m.buttons()


async def test_back_and_skip(harness, curator):
    m = await teacher_mentor(harness, curator)
    await m.send("/questionnaire")
    assert not harness.telegram.last(m.id).buttons()  # the first question: nothing to go back to, required
    await m.send("7")
    await m.click("Назад")
    assert "Вопрос 1 из 10" in m.last and "Сейчас ваш ответ: 7" in m.last
    await m.send("8")
    assert "Вопрос 2 из 10" in m.last
    assert (await stored(harness, m.id)) == {"experience": 8}
    # Skip only where the question is optional, and a forged skip of a required one stores nothing.
    await m.click("Высшая")
    assert "Пропустить →" not in m.buttons()
    skip_required = button_data(m, "Назад").replace("nv:b.", "nv:s.")
    callback = await m.press(skip_required)
    assert "обязательный" in m.alert(callback)
    assert "subjects" not in await stored(harness, m.id)


async def test_mentee_leaves_midway_and_comes_back_to_the_right_question(harness, curator):
    p = await pupil_mentee(harness, curator)
    await p.send("/questionnaire")
    assert "Привет!" in p.last and "Вопрос 1 из 9" in p.last  # the intro comes with the first question
    await p.click("Учёба")
    await p.click("Готово")
    assert "По каким предметам" in p.last and "Вопрос 2 из 10" in p.last
    await p.click("Математика")
    await p.click("Готово")
    assert "Какие темы тебе интересны" in p.last
    await p.send("/cancel")
    await p.send("/help")
    await p.send("/questionnaire")
    assert "Какие темы тебе интересны" in p.last and "Вопрос 3 из 10" in p.last
    assert await stored(harness, p.id) == {"requests": ["studies"], "subjects": ["math"]}


async def test_restart_midway_continues_and_loses_no_answer(harness, curator):
    m = await teacher_mentor(harness, curator)
    await m.send("/questionnaire")
    await m.send("12")
    await m.click("Высшая")
    await m.click("Математика")  # ticked, not yet confirmed
    await harness.restart()
    await m.click("Химия")
    await m.click("Готово")
    assert "В чём вы можете помочь коллеге" in m.last
    await harness.restart()
    await m.click("Методика")
    await m.click("Готово")
    assert await stored(harness, m.id) == {
        "experience": 12, "category": "highest", "subjects": ["math", "chemistry"], "competences": ["teaching"],
    }
    assert "Вопрос 5 из 10" in m.last


async def test_lost_dialog_state_is_rebuilt_from_the_database(harness, curator):
    m = await teacher_mentor(harness, curator)
    await m.send("/questionnaire")
    await m.send("12")
    await m.click("Высшая")
    async with harness.app.session_factory() as session:  # e.g. Redis flushed: every dialog is gone
        await session.execute(delete(FsmRecordRow))
        await session.commit()
    await m.send("/questionnaire")
    assert "Что вы преподаёте?" in m.last and "Вопрос 3 из 10" in m.last


# --- conditions ----------------------------------------------------------------------------------------------------


async def test_conditional_question_is_shown_and_hidden_with_its_answer(harness, curator):
    p = await pupil_mentee(harness, curator)
    await p.send("/questionnaire")
    await p.click("Свой проект")
    await p.click("Готово")
    assert "О чём твой проект" in p.last  # shown: "project" was chosen
    await p.send("Робот-пылесос")
    assert "Какие темы тебе интересны" in p.last
    await p.click("Пропустить")
    await p.send("Сделать проект для конкурса")
    await p.click("Пропустить")  # confidence
    await p.click("^Да$")  # had a mentor: the follow-up appears
    assert "Что тебе понравилось" in p.last
    await p.click("Назад")
    await p.click("^Нет$")  # the follow-up disappears again
    assert "Как тебе удобнее встречаться" in p.last
    await p.click("Онлайн")
    await p.click("Сб")
    await p.click("Готово")
    await p.click("Днём")
    await p.click("Готово")
    await p.click("Пропустить")
    assert "Робот-пылесос" in p.last
    assert (await stored(harness, p.id))["project_topic"] == "Робот-пылесос"

    # From the summary: no longer a project but studies — the topic goes, the subjects question comes.
    await p.click("✏️ 1")
    await p.click("Свой проект")
    await p.click("Учёба")
    await p.click("Готово")
    assert "По каким предметам" in p.last
    await p.click("Физика")
    await p.click("Готово")
    assert "Робот-пылесос" not in p.last and "→ Физика" in p.last
    answers = await stored(harness, p.id)
    assert "project_topic" not in answers and answers["requests"] == ["studies"] and answers["subjects"] == ["physics"]
    assert answers["had_mentor"] is False and "mentor_before" not in answers


async def test_an_answer_on_a_screen_the_answers_changed_under_stores_nothing(harness, curator):
    p = await pupil_mentee(harness, curator)
    await p.send("/questionnaire")
    await p.click("Свой проект")
    await p.click("Готово")
    assert "О чём твой проект" in p.last
    # Another device: no longer a project but studies, so the topic on this screen is not asked any more.
    response_id = (await response_of(harness, p.id)).id
    async with transaction(harness.app.session_factory) as session:
        actor = await load_actor(session, p.id, frozenset())
        await service.answer(session, harness.clock, actor.person, response_id, "requests", ["studies"])
    before = len(p.seen())
    await p.send("Робот-пылесос")
    assert "Этот вопрос больше не задаётся" in " ".join(p.seen_since(before))
    assert "По каким предметам" in p.last  # the dialog caught up with the answers
    assert await stored(harness, p.id) == {"requests": ["studies"]}


async def test_a_refused_answer_leaves_the_old_one_exactly_as_it_was(harness, curator):
    """The answer is stored while the response is read (one statement on PostgreSQL) and checked against the other
    answers after: a refusal then puts back what was there, its time included."""
    p = await pupil_mentee(harness, curator)
    await p.send("/questionnaire")
    await p.click("Учёба")
    await p.click("Готово")
    response_id = (await response_of(harness, p.id)).id
    earlier = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
    async with transaction(harness.app.session_factory) as session:  # a hidden question's answer left over
        await QuestionnaireRepository(session).save_answer(response_id, "project_topic", "Старая тема", earlier)
    async with transaction(harness.app.session_factory) as session:
        actor = await load_actor(session, p.id, frozenset())
        with pytest.raises(InvalidInput) as refused:
            await service.answer(session, harness.clock, actor.person, response_id, "project_topic", "Новая тема")
    assert refused.value.key == "qn-question-gone"
    async with harness.app.session_factory() as session:
        row = await session.scalar(select(QuestionnaireAnswerRow).where(
            QuestionnaireAnswerRow.response_id == response_id, QuestionnaireAnswerRow.question_id == "project_topic"))
    assert (row.value, row.skipped, row.answered_at) == ("Старая тема", False, earlier)


async def test_an_answer_to_someone_elses_response_is_refused_and_stores_nothing(harness, curator):
    p = await pupil_mentee(harness, curator)
    m = await teacher_mentor(harness, curator)
    await p.send("/questionnaire")
    await p.click("Учёба")  # the process now knows the pupil's response
    await p.click("Готово")
    response_id = (await response_of(harness, p.id)).id
    async with transaction(harness.app.session_factory) as session:
        actor = await load_actor(session, m.id, frozenset())
        with pytest.raises(NotFound):
            await service.answer(session, harness.clock, actor.person, response_id, "subjects", ["physics"])
    assert await stored(harness, p.id) == {"requests": ["studies"]}


# --- wrong input ---------------------------------------------------------------------------------------------------


async def test_wrong_input_at_every_kind_stores_nothing(harness, school_mentee):
    p = school_mentee
    h = harness

    async def nothing_new(expected: dict[str, Any]) -> None:
        assert await stored(h, p.id) == expected

    q = "Что выбираете"
    await rejects(p, lambda: p.send("Учёба"), "выберите вариант кнопкой", q)
    await rejects(p, p.send_sticker, "выберите вариант кнопкой", q)
    await rejects_click(p, button_data(p, "Учёба").replace("pick.studies", "pick.cooking"), "Такого варианта нет", q)
    old_pick = button_data(p, "Учёба")
    await nothing_new({})
    await p.click("Учёба")

    q = "Отметьте пункты"
    await rejects_click(p, old_pick, "больше не работает", q)  # a button from the previous question
    await rejects_click(p, button_data(p, "Готово"), "от 1 до 2", q)  # nothing ticked
    await p.click("Пункт А")
    await p.click("Пункт Б")
    await rejects_click(p, button_data(p, "Пункт В"), "не больше 2", q)
    await rejects(p, lambda: p.send("А и Б"), "выберите вариант кнопкой", q)
    await nothing_new({"pick": "studies"})
    await p.click("Готово")

    q = "Расскажите о себе"
    await rejects(p, p.send_sticker, "напишите ответ текстом", q)
    await rejects(p, lambda: p.send("x" * 10_000), "Слишком длинное сообщение", q)
    await rejects(p, lambda: p.send("я" * 51), "не больше 50 символов", q)
    await rejects(p, lambda: p.send("   "), "Ответ пустой", q)
    await nothing_new({"pick": "studies", "ticks": ["a", "b"]})
    await p.send("Учитель <i>физики</i>")

    q = "Сколько раз"
    await rejects(p, lambda: p.send("три"), "целое число", q)
    await rejects(p, lambda: p.send("9"), "от 1 до 5", q)
    await rejects(p, p.send_sticker, "напишите ответ текстом", q)
    await nothing_new({"pick": "studies", "ticks": ["a", "b"], "story": "Учитель <i>физики</i>"})
    await p.send("3")

    q = "С какого числа"
    await rejects(p, lambda: p.send("31.02.2024"), "Такой даты нет", q)
    await rejects(p, lambda: p.send("завтра"), "Не получилось понять дату", q)
    await rejects(p, lambda: p.send("02.09.2026"), "ещё не наступила", q)  # the clock says 01.09.2026
    await nothing_new({"pick": "studies", "ticks": ["a", "b"], "story": "Учитель <i>физики</i>", "count": 3})
    await p.send("01.09.2025")

    q = "Оцените настроение"
    await rejects(p, lambda: p.send("7"), "выберите вариант кнопкой", q)
    await rejects_click(p, button_data(p, "10").replace("mood.10", "mood.11"), "от 1 до 10", q)
    await rejects_click(p, button_data(p, "10").replace("mood.10", "mood.x"), "больше не работает", q)
    await p.click("^7$")

    q = "Согласны"
    await rejects(p, lambda: p.send("да"), "выберите вариант кнопкой", q)
    await rejects_click(p, button_data(p, "Да").replace("agree.y", "agree.maybe"), "больше не работает", q)
    await p.click("^Нет$")
    assert await stored(h, p.id) == {
        "pick": "studies", "ticks": ["a", "b"], "story": "Учитель <i>физики</i>", "count": 3,
        "since": "2025-09-01", "mood": 7, "agree": False,
    }
    assert "7 из 10" in p.last and "01.09.2025" in p.last


async def test_a_document_from_a_participant_mid_dialog_is_a_wrong_answer(harness, school_mentee):
    p = school_mentee
    await p.click("Проект")
    await p.click("Пункт В")
    await p.click("Готово")
    await rejects(p, lambda: send_document(p, b"key: x", "x.yaml"), "напишите ответ текстом", "Расскажите о себе")
    assert await stored(harness, p.id) == {"pick": "project", "ticks": ["c"]}
    await p.send("/cancel")
    await send_document(p, b"key: x", "x.yaml")
    assert "только от кураторов" in p.last


# --- a curator's own questionnaire -----------------------------------------------------------------------------


async def test_curator_uploads_new_version_and_old_answers_keep_theirs(harness, curator):
    early = await join(harness, curator, "наставляемый", 7002, name="Анна", birth_date="03.03.1998",
                       category="Молодой специалист")
    await early.send("/questionnaire")
    assert "Что лучше всего описывает вашу ситуацию" in early.last  # the shipped teacher mentee questionnaire
    await early.click("Молодой специалист")

    await curator.send("/cancel")  # out of the invitation dialog the links were made in
    malformed = ALL_KINDS.replace("    kind: scale", "    kind: slider")
    await send_document(curator, malformed.encode(), "intake.yaml")
    assert "ошибка в строке 36" in curator.last and "«slider»" in curator.last
    await send_document(curator, b"key: [unclosed\n", "intake.yml")
    assert "ошибка в строке 2" in curator.last and "YAML" in curator.last
    await send_document(curator, ALL_KINDS.encode(), "intake.txt")
    assert ".yaml" in curator.last
    async with harness.app.session_factory() as session:
        assert await session.scalar(select(QuestionnaireVersionRow).where(
            QuestionnaireVersionRow.organisation_id.is_not(None))) is None

    await send_document(curator, ALL_KINDS.encode(), "intake.yaml")
    assert "«Анкета школы» (версия 1) загружена для «Школа № 5»" in curator.last
    await send_document(curator, ALL_KINDS.encode(), "intake.yaml")
    assert "уже загружена — ничего не изменилось" in curator.last
    await send_document(curator, ALL_KINDS.replace("Согласны", "Согласны ли вы").encode(), "intake.yaml")
    assert "Увеличьте номер версии" in curator.last

    # The one who started keeps the shipped version; a newcomer gets the school's.
    await early.send("/questionnaire")
    assert "С какого числа вы работаете в нашей организации" in early.last
    assert await version_key(harness, (await response_of(harness, early.id)).questionnaire_version_id) == (
        "mentee-teacher", None)
    late = await join(harness, curator, "наставляемый", 7003, name="Борис", birth_date="03.03.1997",
                      category="Молодой специалист")
    await late.send("/questionnaire")
    assert "Что выбираете" in late.last
    key, organisation_id = await version_key(harness, (await response_of(harness, late.id)).questionnaire_version_id)
    assert key == "school-intake" and organisation_id is not None

    # Version 2 replaces it for those who start later still.
    await curator.send("/cancel")
    await send_document(curator, ALL_KINDS.replace("version: 1", "version: 2").replace("Что выбираете",
                        "Что выберете").encode(), "intake.yaml")
    assert "(версия 2) загружена" in curator.last
    await late.click("Учёба")
    assert "Отметьте пункты" in late.last  # still on version 1
    newest = await join(harness, curator, "наставляемый", 7004, name="Вера", birth_date="03.03.1996",
                        category="Молодой специалист")
    await newest.send("/questionnaire")
    assert "Что выберете" in newest.last


async def test_non_curator_document_is_refused_politely(harness, curator):
    m = await teacher_mentor(harness, curator)
    await send_document(m, ALL_KINDS.encode(), "intake.yaml")
    assert "только от кураторов" in m.last
    async with harness.app.session_factory() as session:
        assert await session.scalar(select(QuestionnaireVersionRow).where(
            QuestionnaireVersionRow.organisation_id.is_not(None))) is None


# --- who may fill in what ------------------------------------------------------------------------------------------


async def test_two_roles_choose_which_questionnaire(harness, curator):
    teacher = await teacher_mentor(harness, curator, 5002)
    token = await create_link(curator, "наставляемый", form_label="Любая форма")
    await teacher.send(f"/start {token}")
    await activate(harness, teacher.id)
    await teacher.send("/cancel")
    await teacher.send("/questionnaire")
    assert "Какую анкету заполнить?" in teacher.last
    assert teacher.buttons() == ["наставник · Школа № 5", "наставляемый · Школа № 5"]
    await teacher.click("наставляемый")
    assert "Что лучше всего описывает вашу ситуацию" in teacher.last
    await teacher.click("Опытный педагог")
    await teacher.send("/questionnaire")
    await teacher.click("наставник")
    assert "педагогический стаж" in teacher.last
    assert await response_of(harness, teacher.id, "mentee") is not None
    assert await response_of(harness, teacher.id, "mentor") is not None


async def test_questionnaire_needs_an_active_membership(harness, curator):
    teacher = await teacher_mentor(harness, curator, 5003)
    token = await create_link(curator, "наставляемый", form_label="Любая форма")
    await teacher.send(f"/start {token}")  # the new role waits for its consents
    await activate(harness, teacher.id, "mentor")  # joining re-derived every status from the (bypassed) consents
    await teacher.send("/cancel")
    await teacher.send("/questionnaire")
    assert "педагогический стаж" in teacher.last  # only the active role is offered
    async with transaction(harness.app.session_factory) as session:
        actor = await load_actor(session, teacher.id, frozenset())
        mentee = next(m for m in actor.person.memberships if m.role == Role.MENTEE)
        with pytest.raises(NotAllowed) as refused:
            await service.start(session, harness.clock, harness.app.dispatcher["questionnaires"], actor.person,
                                mentee.organisation_id, Role.MENTEE)
    assert refused.value.key == "questionnaire-needs-consent"
    await curator.send("/cancel")
    await curator.send("/questionnaire")
    assert "наставники и наставляемые" in curator.last


async def test_erasure_removes_answers(harness, curator):
    m = await teacher_mentor(harness, curator)
    await m.send("/questionnaire")
    await m.send("12")
    assert await stored(harness, m.id) == {"experience": 12}
    person_id = (await response_of(harness, m.id)).person_id
    async with transaction(harness.app.session_factory) as session:
        actor = await load_actor(session, m.id, frozenset())
        await erase(session, harness.clock, actor.person, person_id, "request", dialogs=harness.app.storage)
    async with harness.app.session_factory() as session:
        left = await session.scalar(select(QuestionnaireResponseRow).where(QuestionnaireResponseRow.person_id == person_id))
    assert left is None


async def test_shipped_versions_are_stored_once(harness, curator):
    await teacher_mentor(harness, curator)
    for _ in range(2):
        await harness.user(5001).send("/questionnaire")
        await harness.restart()
    async with harness.app.session_factory() as session:
        rows = list(await session.scalars(select(QuestionnaireVersionRow)))
    assert sorted(r.key for r in rows) == ["mentee-pupil", "mentee-teacher", "mentor-employer", "mentor-pupil",
                                           "mentor-teacher", "satisfaction-mentee", "satisfaction-mentor"]
    assert all(r.created_at == datetime(2026, 9, 1, 9, 0, tzinfo=UTC) for r in rows)


async def test_curator_of_two_organisations_chooses_where_the_upload_goes(harness, curator):
    intruder = await teacher_mentor(harness, curator)
    admin = harness.user(ADMIN_ID)
    await create_organisation(admin, name="Лицей № 2")
    await admin.click("куратор")
    await admin.click("Создать ссылку")
    await curator.send(f"/start {last_token(admin)}")
    await curator.send("/cancel")
    await send_document(curator, ALL_KINDS.encode(), "intake.yaml")
    assert "В какую организацию загрузить анкету «Анкета школы»?" in curator.last
    assert curator.buttons() == ["Школа № 5", "Лицей № 2"]
    target = button_data(curator, "Лицей № 2")
    callback = await intruder.press(target, harness.telegram.last_with_buttons(curator.id))
    assert "нет прав" in intruder.alert(callback)
    await curator.press(target, harness.telegram.last_with_buttons(curator.id))
    assert "загружена для «Лицей № 2»" in curator.last
    async with harness.app.session_factory() as session:
        owners = list(await session.scalars(select(QuestionnaireVersionRow.organisation_id).where(
            QuestionnaireVersionRow.organisation_id.is_not(None))))
    assert owners == [2]


async def test_ticks_are_kept_as_they_are_ticked_over_a_restart(harness, school_mentee):
    p = school_mentee
    await p.click("Учёба")
    await p.click("Пункт А")
    await p.click("Пункт В")
    await p.click("Пункт А")  # unticked again
    await p.click("Пункт Б")
    assert await stored(harness, p.id) == {"pick": "studies"}  # not an answer until "Готово"
    await harness.restart()
    await p.send("/questionnaire")  # a new dialog: what it shows comes from the database
    assert "Отметьте пункты" in p.last
    ticked = [label for label in p.buttons() if label.startswith("✅")]
    assert len(ticked) == 2 and any("Пункт Б" in label for label in ticked) and any("Пункт В" in label for label in ticked), p.buttons()
    await p.click("Готово")
    assert await stored(harness, p.id) == {"pick": "studies", "ticks": ["b", "c"]}
    async with harness.app.session_factory() as session:
        assert await session.scalar(select(QuestionnaireResponseRow.draft)) is None
