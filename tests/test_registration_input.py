"""Bad input at every registration step gets a clear answer, the question again, and stores nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import PersonRow
from tests.conftest import ADMIN_ID
from tests.flows import create_link, organisation_with_curator


@pytest.fixture
async def pupil_at_name(harness):
    await harness.tell(_pupil_at_name)
    return harness.user(3001)


async def _pupil_at_name(harness) -> None:
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    token = await create_link(curator, "наставляемый", form_label="Любая форма")
    pupil = harness.user(3001)
    await pupil.send(f"/start {token}")
    await pupil.click("Продолжить")
    # A mentee link for any form: a pupil or a young teacher, so neither «ты» nor «вы» yet.
    assert "Фамилия и имя?" in pupil.last


async def _people(h) -> int:
    """Rows for the pupil (the curator is registered already)."""
    async with h.app.session_factory() as session:
        return await session.scalar(select(func.count()).select_from(PersonRow).where(PersonRow.telegram_id == 3001))


async def _rejects(pupil, send, complaint: str, question: str) -> None:
    before = len(pupil.seen())
    await send()
    new = pupil.seen_since(before)
    assert any(complaint in text for text in new), new
    assert question in new[-1], new


async def test_name_step_rejects_sticker_long_text_and_empty_letters(harness, pupil_at_name):
    pupil = pupil_at_name
    q = "Фамилия и имя?"
    await _rejects(pupil, pupil.send_sticker, "напишите ответ текстом", q)
    await _rejects(pupil, lambda: pupil.send("x" * 10_000), "Слишком длинное сообщение", q)
    await _rejects(pupil, lambda: pupil.send("Я" * 101), "не больше 100 символов", q)
    await _rejects(pupil, lambda: pupil.send("12345 !!!"), "должны быть буквы", q)
    await _rejects(pupil, lambda: pupil.send("/help"), "Справка", "Что я умею")  # commands still work mid-dialog
    assert await _people(harness) == 0


async def test_birth_date_step_rejects_impossible_future_and_out_of_range(harness, pupil_at_name):
    pupil = pupil_at_name
    await pupil.send("Петя")
    q = "Дата рождения"
    await _rejects(pupil, lambda: pupil.send("31.02.2012"), "Не получилось понять дату", q)
    await _rejects(pupil, lambda: pupil.send("вчера"), "Не получилось понять дату", q)
    await _rejects(pupil, lambda: pupil.send("01.01.2030"), "ещё не наступила", q)
    await _rejects(pupil, lambda: pupil.send("01.01.1900"), "от 6 до 100 лет", q)
    await _rejects(pupil, pupil.send_sticker, "текстом", q)
    # a date of birth that is fine in general but wrong for the role: a 7-year-old mentee pupil
    await pupil.send("01.01.2019")
    callback = await pupil.click("Школьник")
    assert "от 10 до 19 лет" in pupil.alert(callback)
    assert "Категория участника" in pupil.last
    await _rejects(pupil, lambda: pupil.send("Школьник"), "выберите вариант кнопкой", "Категория участника")
    assert await _people(harness) == 0


async def test_buttons_from_an_old_message_do_not_act(harness, pupil_at_name):
    pupil = pupil_at_name
    old = harness.telegram.last_with_buttons(3001)
    back = next(b["callback_data"] for b in old.buttons() if "Назад" in b["text"])
    await pupil.send("Петя")
    await pupil.send("01.02.2012")
    await pupil.click("Школьник")
    await pupil.send("6А")
    assert "Проверь, всё ли верно" in pupil.last
    # The bot removed the keyboard from the old question, but a slow client may still send its button:
    # pressing "Back" there must not store anything or break the dialog.
    await pupil.press(back, old)
    assert await _people(harness) == 0
    assert "Проверь, всё ли верно" in harness.telegram.last_with_buttons(3001).shown
    await pupil.click("Всё верно")
    assert await _people(harness) == 1


async def test_restart_mid_registration_continues_where_it_was(harness, pupil_at_name):
    pupil = pupil_at_name
    await pupil.send("Петя Иванов")
    await harness.restart()
    await pupil.send("01.02.2012")
    assert "Категория участника" in pupil.last
    await pupil.click("Школьник")
    await pupil.send("6А")
    await pupil.click("Всё верно")
    assert any("Готово, Петя Иванов!" in s for s in pupil.seen())
    async with harness.app.session_factory() as session:
        person = await session.scalar(select(PersonRow).where(PersonRow.telegram_id == 3001))
    assert person.full_name == "Петя Иванов"


async def test_cancel_in_the_middle_stores_nothing_and_double_confirm_registers_once(harness, pupil_at_name):
    pupil = pupil_at_name
    await pupil.send("Петя")
    await pupil.send("/cancel")
    assert "Отменено" in pupil.last
    await pupil.send("01.02.2012")
    assert "не понял" in pupil.last
    assert await _people(harness) == 0


async def test_double_tap_on_confirm_registers_once(harness, pupil_at_name):
    pupil = pupil_at_name
    await pupil.send("Петя")
    await pupil.send("01.02.2012")
    await pupil.click("Школьник")
    await pupil.send("6А")
    summary = harness.telegram.last_with_buttons(3001)
    confirm = next(b["callback_data"] for b in summary.buttons() if "Всё верно" in b["text"])
    await pupil.press(confirm, summary)
    assert not summary.buttons()  # the bot took the keyboard away once it was used
    await pupil.press(confirm, summary)  # a slow client still sends the second tap
    assert await _people(harness) == 1
