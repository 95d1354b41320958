"""Registration names one place and one audience: a coordinator joins a municipality (not the school the link was
made from), and each role is told who will see what they type."""

from __future__ import annotations

import pytest

from tests.conftest import ADMIN_ID
from tests.flows import create_link, create_organisation, last_token
from tests.world import translator_for

CASES = {
    "ru": dict(language="Русский", welcome="координатором программ наставничества муниципалитета «Город N»",
               privacy="показатели, которые вы увидите, не содержат ничьих имён", summary="Муниципалитет: «Город N»",
               done="Вы координатор программ наставничества муниципалитета «Город N»", category="Педагог",
               correct="Всё верно"),
    "en": dict(language="English", welcome='coordinate the mentorship programmes of the municipality "Город N"',
               privacy="the figures you will see hold nobody's names", summary='Municipality: "Город N"',
               done='You coordinate the mentorship programmes of the municipality "Город N"', category="Teacher",
               correct="All correct"),
}


@pytest.mark.parametrize("locale", ["ru", "en"])
async def test_a_coordinator_is_welcomed_to_the_municipality_and_nowhere_else(harness, locale):
    case = CASES[locale]
    admin = harness.user(ADMIN_ID)
    await create_organisation(admin, name="Школа № 1", municipality="Город N")
    await admin.click("координатор")
    await admin.click("Создать ссылку")
    token = last_token(admin)

    coordinator = harness.user(6001, language_code=locale)
    await coordinator.send(f"/start {token}")
    welcome = coordinator.last
    assert case["welcome"] in welcome and case["privacy"] in welcome, welcome
    assert "Школа № 1" not in welcome
    await coordinator.click("Продолжить|Continue")
    await coordinator.send("Ирина Львовна")
    await coordinator.send("01.01.1980")
    await coordinator.click(case["category"])
    summary = coordinator.last
    assert case["summary"] in summary and "Школа № 1" not in summary, summary
    await coordinator.click(case["correct"])
    done = next(text for text in reversed(coordinator.seen()) if "Ирина Львовна" in text)
    assert case["done"] in done and "Школа № 1" not in done, done


async def test_a_participant_is_told_who_sees_their_data(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await create_organisation(admin, name="Школа № 1")
    await admin.click("куратор")
    await admin.click("Создать ссылку")
    await curator.send(f"/start {last_token(admin)}")
    assert "увидят администраторы программы и другие кураторы" in curator.last
    await curator.click("Продолжить")
    await curator.send("Анна Петровна")
    await curator.send("12.04.1985")
    await curator.click("Педагог")
    await curator.click("Всё верно")
    link = await create_link(curator, "наставляемый", form_label="Любая форма")
    pupil = harness.user(3001)
    await pupil.send(f"/start {link}")
    assert "увидит куратор программы, а наставник или наставляемый — только имя" in pupil.last
    assert "«Школа № 1» — роль: наставляемый" in pupil.last


def test_quotes_inside_an_organisation_name_become_inner_quotes():
    translator = translator_for()
    ru = translator.get("ru", "reg-done", name="Аня", role="наставляемый", role_code="mentee",
                        organisation="МБОУ «СОШ № 5»")
    assert "«МБОУ „СОШ № 5“»" in ru and "«СОШ" not in ru
    en = translator.get("en", "reg-done", name="Ann", role="mentee", role_code="mentee",
                        organisation='МБОУ «СОШ № 5»')
    assert "\"МБОУ 'СОШ № 5'\"" in en
    # A person's name is shown exactly as written, quotes and all.
    assert "«Аня»" in translator.get("ru", "reg-done", name="«Аня»", role="x", role_code="mentee", organisation="Ш")
