"""Commands everyone has, in both languages."""

from __future__ import annotations

from sqlalchemy import select

from db.models import PersonRow
from tests.conftest import ADMIN_ID
from tests.flows import create_link, organisation_with_curator


async def test_start_without_token_explains_the_bot(harness):
    stranger = harness.user(9300)
    await stranger.send("/start")
    assert "ссылка-приглашение" in stranger.last
    english = harness.user(9301, language_code="en")
    await english.send("/start")
    assert "invitation link" in english.last
    german = harness.user(9302, language_code="de")
    await german.send("/start")
    assert "ссылка-приглашение" in german.last  # unsupported languages get the default


async def test_help_and_menu_follow_roles(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    await admin.send("/help")
    assert "/neworg" in admin.last and "/invite" in admin.last
    await curator.send("/help")
    assert "/invite" in curator.last and "/neworg" not in curator.last
    stranger = harness.user(9310)
    await stranger.send("/help")
    assert "/invite" not in stranger.last and "откройте ссылку-приглашение" in stranger.last
    await curator.send("/menu")
    assert {"🔗 Пригласить", "👤 Мои данные"} <= set(curator.buttons())
    assert "🏫 Новая организация" not in curator.buttons()
    await admin.send("/menu")
    assert "🏫 Новая организация" in admin.buttons()
    await curator.click("Мои данные")
    assert "Анна Петровна" in curator.seen()[-2] or any("Имя: Анна Петровна" in s for s in curator.seen())


async def test_language_switch_changes_texts_and_is_stored(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    await curator.send("/language")
    await curator.click("English")
    assert "I will speak English" in curator.last
    await curator.send("/help")
    assert "What I can do" in curator.last
    async with harness.app.session_factory() as session:
        assert await session.scalar(select(PersonRow.locale).where(PersonRow.telegram_id == 2001)) == "en"


async def test_english_speaker_registers_in_english(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    token = await create_link(curator, "наставник", form_label="Любая форма")
    mentor = harness.user(4100, language_code="en")
    await mentor.send(f"/start {token}")
    assert "You are invited" in mentor.last
    await mentor.click("Continue")
    await mentor.send("John Smith")
    await mentor.send("01.02.1990")
    await mentor.click("Teacher")
    assert "Please check" in mentor.last
    await mentor.click("All correct")
    assert any("Done, John Smith!" in s for s in mentor.seen())
    async with harness.app.session_factory() as session:
        assert await session.scalar(select(PersonRow.locale).where(PersonRow.telegram_id == 4100)) == "en"


async def test_russian_speaker_may_pick_english_before_registering(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    token = await create_link(curator, "наставник", form_label="Любая форма")
    mentor = harness.user(4101, language_code="ru")
    await mentor.send(f"/start {token}")
    await mentor.click("English")
    assert "You are invited" in mentor.last
    await mentor.click("Continue")
    assert "What is your name" in mentor.last


async def test_unknown_text_and_unknown_callback_get_answers(harness):
    stranger = harness.user(9320)
    await stranger.send("привет")
    assert "не понял" in stranger.last
    await stranger.send("/nosuchcommand")
    assert "Такой команды нет" in stranger.last
    await stranger.send("/start")
    message = harness.telegram.last(9320)
    message.reply_markup = {"inline_keyboard": [[{"text": "x", "callback_data": "forged:123"}]]}
    callback = await stranger.press("forged:123", message)
    assert "больше не работает" in stranger.alert(callback)


async def test_menu_leads_a_participant_to_the_questionnaire_and_privacy(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    await curator.send("/menu")
    assert "👥 Участники" in curator.buttons() and "📝 Анкета" not in curator.buttons()
    token = await create_link(curator, "наставник", form_label="Любая форма")
    from tests.flows import register

    mentor = harness.user(4200)
    await register(mentor, token, name="Ольга", birth_date="03.03.1980", category="Педагог")
    # consents done: the questionnaire opened by itself
    assert "Вопрос 1 из" in mentor.last
    await mentor.send("/menu")
    assert {"📝 Анкета", "🔒 Мои данные и согласия"} <= set(mentor.buttons())
    await mentor.click("Анкета")
    assert "Вопрос 1 из" in mentor.last
    await mentor.send("/menu")
    await mentor.click("Мои данные и согласия")
    assert "Что хранится о вас" in mentor.last
