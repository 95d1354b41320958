"""Consent journeys through the real dispatcher: adults consent themselves, parents consent for minors through a
single-use link, withdrawals stop processing, erasure really erases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db.models import (
    AuditRow,
    ConsentRow,
    FsmRecordRow,
    GuardianshipRow,
    MembershipRow,
    PersonRow,
)
from db.transaction import transaction
from mentorship.services.privacy import erase_overdue
from tests.conftest import ADMIN_ID
from tests.flows import (
    GUARDIAN_LINK_RE,
    create_link,
    organisation_with_curator,
    register,
)


@pytest.fixture
async def school(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    return curator


async def _person(h, telegram_id):
    async with h.app.session_factory() as session:
        return await session.scalar(select(PersonRow).where(PersonRow.telegram_id == telegram_id))


async def _status(h, person_id, role="mentee"):
    async with h.app.session_factory() as session:
        return await session.scalar(
            select(MembershipRow.status).where(MembershipRow.person_id == person_id, MembershipRow.role == role)
        )


async def _records(h, person_id):
    async with h.app.session_factory() as session:
        rows = await session.scalars(select(ConsentRow).where(ConsentRow.subject_person_id == person_id).order_by(ConsentRow.id))
        return [(r.kind, r.given_by, r.status) for r in rows]


def guardian_token(person) -> str:
    for text in reversed(person.seen()):
        match = GUARDIAN_LINK_RE.search(text)
        if match:
            return match.group(1)
    raise AssertionError("no parent link was shown")


async def test_adult_mentor_consents_with_full_text_and_becomes_active(harness, school):
    token = await create_link(school, "наставник", form_label="Любая форма")
    mentor = harness.user(4001)
    await register(mentor, token, name="Ольга", birth_date="03.03.1980", category="Педагог", consent=False)
    assert "Документ 1 из 3" in mentor.last and "согласие на обработку персональных данных" in mentor.last
    await mentor.click("Прочитать полностью")
    assert "152-ФЗ" in mentor.last
    await mentor.click("Согласен")
    assert "Документ 2 из 3" in mentor.last and "Соглашение" in mentor.last
    await mentor.click("Согласен")
    assert "Документ 3 из 3" in mentor.last
    await mentor.click("Нет, через куратора")  # the contacts disclosure is optional
    recent = mentor.seen()[-3:]  # "all set", then straight on to the questionnaire
    assert any("Всё готово" in text for text in recent) and any("Вопрос 1 из" in text for text in recent), recent
    person = await _person(harness, 4001)
    assert await _status(harness, person.id, "mentor") == "active"
    assert await _records(harness, person.id) == [
        ("pd", "self", "granted"), ("agreement", "self", "granted"), ("contacts", "self", "declined")
    ]
    async with harness.app.session_factory() as session:
        row = await session.scalar(select(ConsentRow).where(ConsentRow.kind == "pd"))
    versions = harness.app.dispatcher["consent_texts"].versions
    assert row.version == versions[row.kind] and len(row.text_hash) == 64 and row.locale == "ru"


async def test_twelve_year_old_waits_for_parent_who_consents_through_the_link(harness, school):
    token = await create_link(school, "наставляемый", form_label="Любая форма")
    child = harness.user(3001)
    await register(child, token, name="Маша Иванова", birth_date="10.10.2013", category="Школьник", group="7Б")
    # under 14: nothing is asked of the child; the parent link comes at once
    assert not any("Документ 1 из" in s for s in child.seen())
    assert "Перешли сообщение выше" in child.last
    forward = child.seen()[-2]
    assert "Маша Иванова хочет участвовать" in forward and "would like to take part" in forward
    link = guardian_token(child)
    person = await _person(harness, 3001)
    assert await _status(harness, person.id) == "guardian"

    # the child cannot do anything else meanwhile
    await child.send("/questionnaire")
    assert "Ждём согласия твоего родителя" in child.last

    parent = harness.user(5001)
    await parent.send(f"/start {link}")
    assert "Ваш ребёнок Маша Иванова" in parent.last and "3 документа" in parent.last
    await parent.click("Продолжить")
    await parent.send("Иванова Елена Сергеевна")
    await parent.click("Мама")
    await parent.click("Да, это мой ребёнок")
    assert "Документ 1 из 3" in parent.last and "нет 14 лет" in parent.last
    await parent.click("Согласен")
    assert "Документ 2 из 3" in parent.last and "нет 18 лет" in parent.last
    await parent.click("Прочитать полностью")
    assert "Соглашение об участии несовершеннолетнего" in parent.last
    await parent.click("Согласен")
    await parent.click("Да, можно")
    assert "Согласие за Машу Иванову получено" in parent.last

    await harness.deliver()
    assert "Родитель дал согласие" in child.last
    assert "Родитель дал согласие за участника Машу Иванову" in school.last
    assert await _status(harness, person.id) == "active"
    assert await _records(harness, person.id) == [
        ("pd", "guardian", "granted"), ("agreement", "guardian", "granted"), ("contacts", "guardian", "granted")
    ]
    guardian = await _person(harness, 5001)
    assert guardian.full_name == "Иванова Елена Сергеевна" and guardian.category == "parent"
    async with harness.app.session_factory() as session:
        tie = await session.scalar(select(GuardianshipRow))
        assert (tie.guardian_person_id, tie.child_person_id, tie.relation) == (guardian.id, person.id, "mother")
        assert await session.scalar(
            select(MembershipRow.status).where(MembershipRow.person_id == guardian.id, MembershipRow.role == "guardian")
        ) == "active"

    # the link was single-use
    other = harness.user(5002)
    await other.send(f"/start {link}")
    assert "уже использована" in other.last


async def test_sixteen_year_old_whose_parent_declines_the_agreement(harness, school):
    token = await create_link(school, "наставляемый", form_label="Любая форма")
    teen = harness.user(3002)
    await register(teen, token, name="Дима", birth_date="05.05.2010", category="Школьник", group="10А")
    # 16: their own personal-data and contacts consents, then the agreement goes to a parent
    person = await _person(harness, 3002)
    assert await _records(harness, person.id) == [("pd", "self", "granted"), ("contacts", "self", "granted")]
    assert "Перешли сообщение выше" in teen.last
    link = guardian_token(teen)
    parent = harness.user(5003)
    await parent.send(f"/start {link}")
    assert "1 документ" in parent.last
    await parent.click("Продолжить")
    await parent.send("Петров Пётр")
    await parent.click("Папа")
    await parent.click("Да, это мой ребёнок")
    await parent.click("Не согласен")
    assert "не будет участвовать" in parent.last
    await harness.deliver()
    assert "Родитель не дал согласия" in teen.last
    assert "Родитель отказался дать согласие; участник — Дима" in school.last
    assert await _status(harness, person.id) == "declined"
    # nothing more is collected: the questionnaire stays closed
    await teen.send("/questionnaire")
    assert "Ждём согласия" in teen.last


async def test_parent_link_opened_by_the_child_twice_and_after_expiry(harness, school):
    token = await create_link(school, "наставляемый", form_label="Любая форма")
    child = harness.user(3003)
    await register(child, token, name="Коля", birth_date="10.10.2014", category="Школьник", group="6Б")
    link = guardian_token(child)
    await child.send(f"/start {link}")
    assert "Эта ссылка — для твоего родителя" in child.last
    await child.send("/start gAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    assert "Такой ссылки для родителя нет" in child.last
    harness.clock.advance(timedelta(days=15))
    parent = harness.user(5004)
    await parent.send(f"/start {link}")
    assert "Срок действия этой ссылки истёк" in parent.last
    # the child asks for a new link from the waiting screen; it works
    await child.send("привет")
    await child.click("Новая ссылка для родителя")
    fresh = guardian_token(child)
    assert fresh != link
    await parent.send(f"/start {fresh}")
    assert "Ваш ребёнок Коля" in parent.last


async def test_parent_who_says_it_is_not_their_child_leaves_nothing(harness, school):
    token = await create_link(school, "наставляемый", form_label="Любая форма")
    child = harness.user(3004)
    await register(child, token, name="Оля", birth_date="10.10.2014", category="Школьник", group="6Б")
    link = guardian_token(child)
    stranger = harness.user(5005)
    await stranger.send(f"/start {link}")
    await stranger.click("Продолжить")
    await stranger.send("Кто-то")
    await stranger.click("Другой")
    await stranger.click("^Нет$")
    assert "эта ссылка не для вас" in stranger.last
    assert await _person(harness, 5005) is None
    # and the link still works for the real parent
    parent = harness.user(5006)
    await parent.send(f"/start {link}")
    assert "Ваш ребёнок Оля" in parent.last


async def test_withdrawal_stops_processing_and_tells_the_curator(harness, school):
    token = await create_link(school, "наставник", form_label="Любая форма")
    mentor = harness.user(4002)
    await register(mentor, token, name="Игорь <Мастер>", birth_date="05.05.1990", category="Педагог")
    person = await _person(harness, 4002)
    assert await _status(harness, person.id, "mentor") == "active"
    await mentor.send("/privacy")
    assert "Имя: Игорь <Мастер>" in mentor.last and "дано" in mentor.last
    await mentor.click("Отозвать: Согласие на обработку")
    await mentor.click("Да, отозвать")
    assert await _status(harness, person.id, "mentor") == "declined"
    await harness.deliver()
    assert "Участник Игорь <Мастер> отозвал согласие" in school.last
    await mentor.click("Закрыть")
    await mentor.send("/questionnaire")
    assert "Сначала давайте закончим с согласиями" in mentor.seen()[-2]


async def test_erasure_really_erases(harness, school):
    token = await create_link(school, "наставник", form_label="Любая форма")
    mentor = harness.user(4003)
    await register(mentor, token, name="Светлана", birth_date="05.05.1991", category="Педагог")
    person = await _person(harness, 4003)
    await mentor.send("/privacy")
    await mentor.click("Удалить все данные")
    assert "Отменить это будет нельзя" in mentor.last
    await mentor.click("Да, удалить навсегда")
    assert "Ваши данные удалены" in mentor.last
    async with harness.app.session_factory() as session:
        row = await session.get(PersonRow, person.id)
        assert (row.telegram_id, row.full_name, row.date_of_birth, row.group_name) == (None, None, None, None)
        assert row.erased_at is not None and row.category == "teacher"  # kept for the counts, without identity
        assert await session.scalar(select(MembershipRow.status).where(MembershipRow.person_id == person.id)) == "declined"
        assert await session.scalar(select(func.count()).select_from(ConsentRow).where(ConsentRow.subject_person_id == person.id)) == 3
        assert await session.scalar(select(func.count()).select_from(FsmRecordRow).where(FsmRecordRow.key.like("%:4003:%")
                                                                                       & FsmRecordRow.data.is_not(None)
                                                                                       & (FsmRecordRow.state.is_not(None)))) == 0
        details = [d for d in await session.scalars(select(AuditRow.details))]
        assert not any("Светлана" in str(d) for d in details)
    await mentor.send("/start")
    assert "ссылка-приглашение" in mentor.last  # a stranger again


async def test_parent_withdraws_and_erases_for_the_child(harness, school):
    token = await create_link(school, "наставляемый", form_label="Любая форма")
    child = harness.user(3005)
    await register(child, token, name="Витя", birth_date="10.10.2014", category="Школьник", group="6Б")
    parent = harness.user(5007)
    await parent.send(f"/start {guardian_token(child)}")
    await parent.click("Продолжить")
    await parent.send("Папа Вити")
    await parent.click("Папа")
    await parent.click("Да, это мой ребёнок")
    for _ in range(3):
        await parent.click("Согласен|Да, можно")
    kid = await _person(harness, 3005)
    assert await _status(harness, kid.id) == "active"
    await parent.send("/privacy")
    await parent.click("Витя")
    assert "Что хранится о ребёнке: Витя" in parent.last
    await parent.click("Отозвать: Соглашение")
    await parent.click("Да, отозвать")
    assert await _status(harness, kid.id) == "declined"
    await parent.send("/privacy")
    await parent.click("Витя")
    await parent.click("Удалить все данные")
    assert "Удалить все данные ребёнка (Витя)" in parent.last
    await parent.click("Да, удалить навсегда")
    assert "Данные ребёнка удалены" in parent.last
    async with harness.app.session_factory() as session:
        row = await session.get(PersonRow, kid.id)
        assert row.full_name is None and row.telegram_id is None
        assert await session.scalar(select(func.count()).select_from(GuardianshipRow)) == 0


async def test_a_stranger_cannot_see_or_erase_someone_elses_data(harness, school):
    from mentorship.errors import NotAllowed
    from mentorship.services.people import load_actor
    from mentorship.services.privacy import erase, stored_data

    token = await create_link(school, "наставник", form_label="Любая форма")
    await register(harness.user(4004), token, name="Анна", birth_date="05.05.1991", category="Педагог")
    victim = await _person(harness, 4004)
    async with transaction(harness.app.session_factory) as session:
        curator = (await load_actor(session, 2001, frozenset())).person
        with pytest.raises(NotAllowed):
            await stored_data(session, curator, victim.id)
        with pytest.raises(NotAllowed):
            await erase(session, harness.clock, curator, victim.id, "request", dialogs=harness.app.storage)
    assert (await _person(harness, 4004)).full_name == "Анна"


async def test_unconsented_data_is_erased_after_the_waiting_time(harness, school):
    token = await create_link(school, "наставляемый", form_label="Любая форма")
    child = harness.user(3006)
    await register(child, token, name="Лена", birth_date="10.10.2014", category="Школьник", group="6Б")
    person = await _person(harness, 3006)
    async with transaction(harness.app.session_factory) as session:
        assert await erase_overdue(session, harness.clock, timedelta(days=30), dialogs=harness.app.storage) == []
    harness.clock.advance(timedelta(days=31))
    async with transaction(harness.app.session_factory) as session:
        erased = await erase_overdue(session, harness.clock, timedelta(days=30), dialogs=harness.app.storage)
    assert [e.person_id for e in erased] == [person.id]
    assert (await _person(harness, 3006)) is None
    # the curator, active all along, is untouched
    assert (await _person(harness, 2001)).full_name == "Анна Петровна"
