"""The curator's registry: filters, a person's card, reminders with a cooldown, and who may see it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentorship.errors import NotAllowed, NotFound
from mentorship.services.participants import card, registry
from mentorship.services.people import load_actor
from tests.conftest import ADMIN_ID
from tests.flows import create_link, organisation_with_curator, register


@pytest.fixture
async def cohort(harness):
    await harness.tell(_cohort)
    return harness.user(2001)


async def _cohort(harness) -> None:
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    mentor_link = await create_link(curator, "наставник", form_label="Любая форма")
    await register(harness.user(4001), mentor_link, name="Ольга <Учитель>", birth_date="03.03.1980", category="Педагог")
    mentee_link = await create_link(curator, "наставляемый", form_label="Любая форма")
    await register(harness.user(3001), mentee_link, name="Маша", birth_date="10.10.2014", category="Школьник", group="6Б")
    await register(harness.user(3002), mentee_link, name="Дима", birth_date="05.05.2008", category="Школьник", group="11А",
                   consent=False)


async def test_registry_lists_everyone_with_status_and_filters(harness, cohort):
    curator = cohort
    await curator.send("/participants")
    assert "3 участника" in curator.last
    labels = curator.buttons()
    assert any(label.startswith("✅✏️ Ольга <Учитель>") for label in labels)  # her questionnaire opened by itself
    assert any(label.startswith("👪▫️ Маша") for label in labels)
    assert any(label.startswith("⏳▫️ Дима") for label in labels)
    await curator.click("^Нет согласия$")
    assert "2 участника" in curator.last
    await curator.click("^Наставники$")
    assert "Участников с такими условиями нет" in curator.last
    await curator.click("^Наставляемые$")
    await curator.click("Маша")
    assert "Возраст: 11" in curator.last and "ждёт согласия родителя" in curator.last
    assert "(родитель): ещё нет" in curator.last


async def test_reminder_reaches_the_participant_once_a_day(harness, cohort):
    curator = cohort
    await curator.send("/participants")
    await curator.click("Дима")
    callback = await curator.click("Напомнить")
    assert curator.alert(callback) == "Напоминание отправлено."
    await harness.deliver()
    assert "осталось дать согласие" in harness.user(3002).last
    callback = await curator.click("Напомнить")
    assert "уже напоминали" in curator.alert(callback)
    harness.clock.advance(timedelta(hours=25))
    callback = await curator.click("Напомнить")
    assert curator.alert(callback) == "Напоминание отправлено."


async def test_only_the_organisations_curator_sees_the_registry(harness, cohort):
    admin = harness.user(ADMIN_ID)
    other_curator = harness.user(2100)
    await organisation_with_curator(harness, admin, other_curator, name="Гимназия № 1")
    mentee = harness.user(3001)
    for outsider in (harness.user(4001), harness.user(9999)):
        await outsider.send("/cancel")  # the mentor's questionnaire is open and would ask for its answer first
        await outsider.send("/participants")
        assert "Эта команда вам недоступна" in outsider.last
    await mentee.send("/participants")
    assert "Ждём согласия" in mentee.last  # a waiting child is held at the gate anyway
    async with harness.app.session_factory() as session:
        stranger = await load_actor(session, 2100, frozenset())
        with pytest.raises(NotAllowed):
            await registry(session, stranger, 1)
        with pytest.raises(NotAllowed):
            await card(session, harness.clock, stranger, 1, 1)
        own = await load_actor(session, 2001, frozenset())
        with pytest.raises(NotFound):
            await card(session, harness.clock, own, 1, 999)
        superadmin = await load_actor(session, ADMIN_ID, frozenset({ADMIN_ID}))
        with pytest.raises(NotAllowed):  # the platform's operator sees figures, not children's names
            await registry(session, superadmin, 1)


async def test_card_shows_questionnaire_progress_and_answers(harness, cohort):
    curator, mentor = cohort, harness.user(4001)
    await mentor.send("/questionnaire")
    await mentor.send("12")  # years of experience
    await mentor.click("Высшая")
    await curator.send("/participants")
    assert any(label.startswith("✅✏️ Ольга <Учитель>") for label in curator.buttons())
    await curator.click("Ольга")
    card = curator.last
    assert "Анкета: начата, не закончена" in card and "— не закончена" in card
    assert "→ 12" in card and "→ Высшая" in card
    await curator.click("Назад")
    await curator.click("^Анкета не готова$")
    assert "1 участник" in curator.last
