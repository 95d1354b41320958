"""Meetings: planning through the dialog, reminders at the right instants in the organisation's timezone (and out
of quiet hours), moving and cancelling, logging a past meeting, feedback forms and the curator's alerts, and
everything refused to the wrong people."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select, update

from bot.dialogs.meeting.handlers import duration_units
from db.models import (
    MeetingFeedbackRow,
    MeetingParticipantRow,
    MeetingRow,
    OutboxRow,
    PersonRow,
)
from db.repositories.outbox import OutboxRepository
from db.transaction import transaction
from mentorship import meetings as rules
from mentorship.errors import InvalidInput
from tests.fixtures.meetings import active_pair, plan, set_timezone
from tests.fixtures.pairs import IRINA, OLGA, PETR
from tests.world import translator_for

U = UTC


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=U)


# --- the rules ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["25:00", "17:75", "завтра", "", "1730"])
def test_bad_times_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        rules.parse_time(text)


def test_times_and_days_parse() -> None:
    assert rules.parse_time("17.30") == time(17, 30) and rules.parse_time("9:05") == time(9, 5)
    assert rules.parse_day("02.09", date(2026, 9, 1)) == date(2026, 9, 2)
    assert rules.parse_day("01.03", date(2026, 9, 1)) == date(2027, 3, 1)  # the nearest such day
    assert rules.parse_day("31.08", date(2026, 9, 1)) == date(2026, 8, 31)
    assert rules.parse_day("29.02", date(2027, 9, 1)) == date(2028, 2, 29)
    for bad in ("31.02", "31.02.2027", "1.13", "12/12"):
        with pytest.raises(InvalidInput):
            rules.parse_day(bad, date(2026, 9, 1))


#: The unit words as the meeting dialog reads them from locales/ (both languages).
UNITS = duration_units(translator_for())


@pytest.mark.parametrize(("text", "minutes"), [("45", 45), ("1.5 ч", 90), ("2 h", 120), ("15 мин", 15), ("2 H", 120),
                                               ("40 min", 40), ("1,5 часа", 90)])
def test_durations(text: str, minutes: int) -> None:
    assert rules.parse_duration(text, UNITS) == minutes


@pytest.mark.parametrize("text", ["0", "20 ч", "10", "481", "долго", "1.5", "1.5 мин", "45 дней", "2 h 30"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(InvalidInput):
        rules.parse_duration(text, UNITS)


def test_an_online_meeting_needs_a_link() -> None:
    assert rules.check_place("https://telemost.yandex.ru/j/1", online=True) == "https://telemost.yandex.ru/j/1"
    for bad in ("zoom", "telemost.yandex.ru/j/1", "ftp://x.org", "https://", "https://a b.org"):
        with pytest.raises(InvalidInput):
            rules.check_place(bad, online=True)
    assert rules.check_place("Кабинет 12", online=False) == "Кабинет 12"


# --- helpers -----------------------------------------------------------------------------------------------------------

def said(person) -> str:
    """A refusal comes before the step's question shown again: the last two messages."""
    return " ".join(person.seen()[-2:])


async def pending(h, meeting_id: int = 1) -> list[tuple[int, str, datetime]]:
    async with h.app.session_factory() as session:
        rows = await OutboxRepository(session).pending_for(f"meeting:{meeting_id}")
    return [(chat, kind, due) for _, chat, kind, due in rows]


# --- planning and reminders --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("zone", "start_utc"), [("Europe/Moscow", utc(2026, 9, 2, 14, 30)),
                                                 ("Asia/Yekaterinburg", utc(2026, 9, 2, 12, 30))])
async def test_a_meeting_for_tomorrow_queues_exactly_the_reminders_due(harness, cohort, zone, start_utc):
    await active_pair(harness, cohort)
    await set_timezone(harness, zone)
    olga, irina = harness.user(OLGA), harness.user(IRINA)
    await plan(harness, olga, "02.09", "17:30")
    assert "Встреча №1 назначена" in olga.last
    async with harness.app.session_factory() as session:
        meeting = await session.get(MeetingRow, 1)
        assert meeting.starts_at == start_utc and meeting.duration_minutes == 60 and meeting.place == "Кабинет 12"
    now = harness.clock.now()
    feedback = start_utc + timedelta(minutes=60 + 15)
    assert await pending(harness) == sorted([
        (IRINA, "notice", now),  # the invitation
        (OLGA, "reminder", start_utc - timedelta(hours=24)), (IRINA, "reminder", start_utc - timedelta(hours=24)),
        (OLGA, "reminder", start_utc - timedelta(hours=1)), (IRINA, "reminder", start_utc - timedelta(hours=1)),
        (OLGA, "feedback", feedback), (IRINA, "feedback", feedback),
    ], key=lambda r: r[2])
    await harness.deliver()
    assert "приглашает на встречу: знакомство, 02.09.2026 17:30 (60 мин)" in irina.last
    assert "Придёте?" in irina.last
    await irina.click("Приду")
    assert "ждём вас" in irina.last
    await harness.deliver()
    assert "Ирина придёт на встречу 02.09.2026 17:30" in olga.last
    # The clock reaches the 24-hour reminder: exactly one each.
    harness.clock.set(start_utc - timedelta(hours=24))
    assert await harness.deliver() == 2
    assert "⏰ Напоминание: знакомство 02.09.2026 17:30" in irina.last


async def test_a_reminder_that_would_fall_at_night_goes_in_the_morning(harness, cohort):
    await active_pair(harness, cohort)
    olga = harness.user(OLGA)
    await plan(harness, olga, "03.09", "23:00")  # 24 h before is 23:00 on 2 Sept (Moscow)
    reminders = [(chat, due) for chat, kind, due in await pending(harness) if kind == "reminder"]
    # 23:00 → 08:00 the next morning (05:00 UTC); 22:00 (1 h before) → 08:00 would be after the start: 20:55 that
    # evening instead.
    assert sorted({due for _, due in reminders}) == [utc(2026, 9, 3, 5, 0), utc(2026, 9, 3, 17, 55)]
    assert len(reminders) == 4


async def test_moving_moves_the_reminders_and_cancelling_removes_them(harness, cohort):
    await active_pair(harness, cohort)
    olga, irina = harness.user(OLGA), harness.user(IRINA)
    await plan(harness, olga, "05.09", "16:00")
    await harness.deliver()
    await olga.send("/meetings")
    assert "№1 · 05.09.2026 16:00 · знакомство · Ирина" in olga.last
    await olga.click("Перенести №1")
    await olga.send("06.09")
    await olga.send("15:00")
    assert "перенесена на 06.09.2026 15:00" in olga.last
    start = utc(2026, 9, 6, 12, 0)
    assert {due for _, kind, due in await pending(harness) if kind == "reminder"} == {
        start - timedelta(hours=24), start - timedelta(hours=1)}
    await harness.deliver()
    assert "было 05.09.2026 16:00, теперь 06.09.2026 15:00" in irina.last
    await olga.send("/meetings")
    cb = await olga.click("Отменить №1")
    assert "отменена" in olga.alert(cb)
    assert await pending(harness) == []
    await harness.deliver()
    assert "Встреча 06.09.2026 15:00 отменена наставником" in irina.last
    # Nothing about the meeting reaches anyone afterwards.
    harness.clock.set(start + timedelta(days=3))
    assert await harness.deliver() == 0


async def test_declining_withdraws_the_reminders_and_can_offer_another_time(harness, cohort):
    await active_pair(harness, cohort)
    olga, irina = harness.user(OLGA), harness.user(IRINA)
    await plan(harness, olga, "05.09", "16:00")
    await harness.deliver()
    invitation = harness.telegram.last_with_buttons(IRINA)
    await irina.click("Не смогу")
    assert "другое время" in irina.last
    # The question comes as a new message: the invitation (a file: the dialog would delete it to show text) stays,
    # without its buttons.
    assert invitation in harness.telegram.messages(IRINA) and invitation.document and invitation.buttons() == []
    await irina.send("31.02 18:00")
    assert "Такой даты нет" in said(irina)
    await irina.send("06.09 18:00")
    assert "Передал наставнику: 06.09.2026 18:00" in irina.last
    assert {chat for chat, kind, _ in await pending(harness) if kind != "notice"} == {OLGA}
    await harness.deliver()
    seen = " ".join(olga.seen()[-2:])
    assert "Ирина не сможет прийти" in seen and "предлагает перенести встречу 05.09.2026 16:00 на 06.09.2026 18:00" in seen


async def test_bad_input_in_the_dialog_changes_nothing(harness, cohort):
    await active_pair(harness, cohort)
    olga = harness.user(OLGA)
    await olga.send("/newmeeting")
    await olga.click("знакомство")
    await olga.send("31.02")
    assert "Такой даты нет" in said(olga)
    await olga.send("02.09")
    await olga.send("25:00")
    assert "Не понимаю время" in said(olga)
    await olga.send_sticker()
    await olga.send("17:30")
    await olga.send("0")
    assert "от 15 минут до 8 часов" in said(olga)
    await olga.send("20 ч")
    assert "от 15 минут до 8 часов" in said(olga)
    await olga.send("45")
    await olga.click("Онлайн")
    await olga.send("zoom у меня в телефоне")
    assert "не похоже на ссылку" in said(olga)
    async with harness.app.session_factory() as session:
        assert (await session.scalars(select(MeetingRow))).all() == []
    await olga.send("https://telemost.yandex.ru/j/42")
    await olga.click("Подтвердить")
    assert "Встреча №1 назначена" in olga.last


async def test_only_a_mentor_of_an_active_pair_plans(harness, cohort):
    irina = harness.user(IRINA)
    await harness.user(OLGA).send("/newmeeting")  # no active pair yet
    assert "наставник действующей пары" in harness.user(OLGA).last
    await active_pair(harness, cohort)
    await irina.send("/newmeeting")
    assert "наставник действующей пары" in irina.last
    await cohort.send("/newmeeting")
    assert "наставник действующей пары" in cohort.last


# --- the past, feedback and alerts ----------------------------------------------------------------------------------------

async def test_a_time_in_the_past_offers_logging_and_feedback_comes_at_once(harness, cohort):
    await active_pair(harness, cohort)
    olga, irina = harness.user(OLGA), harness.user(IRINA)
    await olga.send("/newmeeting")
    await olga.click("знакомство")
    await olga.send("01.09")
    await olga.send("10:00")  # 10:00 Moscow on 1 Sept is before the clock's 12:00
    assert "Это время уже прошло" in olga.last
    await olga.click("Записать прошедшую встречу")
    await olga.click("^60$")
    await olga.click("Очно")
    await olga.send("Библиотека")
    assert "Записать прошедшую встречу?" in olga.last
    await olga.click("Подтвердить")
    assert "Встреча №1 записана" in olga.last
    assert await harness.deliver() == 2  # the forms, at once
    assert "Она состоялась?" in irina.last and "Она состоялась?" in olga.last

    # The mentee: it took place, 3 of 10, a comment → the curator is alerted.
    await irina.click("^Да$")
    await irina.click("^3$")
    await irina.send("Было скучно <правда>")
    assert "Спасибо" in irina.last
    cb = await irina.press("v1fb:y:1")  # the form's button pressed again (e.g. from /feedback's old message)
    assert "уже ответили" in irina.alert(cb)
    # The mentor also says what was done and the next step.
    await olga.click("^Да$")
    await olga.click("^8$")
    await olga.click("Пропустить")
    await olga.send("Разобрали план")
    await olga.send("Пробный урок")
    assert "Спасибо" in olga.last
    async with harness.app.session_factory() as session:
        forms = {r.person_id: r for r in (await session.scalars(select(MeetingFeedbackRow))).all()}
        assert sorted((f.took_place, f.usefulness, f.comment, f.done, f.next_step) for f in forms.values()) == [
            ("yes", 3, "Было скучно <правда>", None, None), ("yes", 8, None, "Разобрали план", "Пробный урок")]
        assert all(f.completed_at == harness.clock.now() for f in forms.values())
        assert (await session.get(MeetingRow, 1)).status == "held"
    await harness.deliver()
    assert "Низкая оценка встречи пары №1" in cohort.last and "Ирина поставил(а) 3 из 10" in cohort.last
    # The 24-hour reminders of the forms were withdrawn when the forms were done.
    harness.clock.advance(timedelta(days=2))
    assert await harness.deliver() == 0


async def test_outsiders_cannot_answer_a_form_and_two_misses_alert_the_curator(harness, cohort):
    await active_pair(harness, cohort)
    olga, petr, irina = harness.user(OLGA), harness.user(PETR), harness.user(IRINA)
    for day in ("30.08", "31.08"):
        await olga.send("/newmeeting")
        await olga.click("знакомство")
        await olga.send(day)
        await olga.send("15:00")
        await olga.click("Записать прошедшую встречу")
        await olga.click("^45$")
        await olga.click("Очно")
        await olga.send("Кабинет 5")
        await olga.click("Подтвердить")
    await harness.deliver()
    # Someone outside the pair presses a form's button: refused, nothing stored.
    await petr.send("/start")
    cb = await petr.press("v1fb:y:1", harness.telegram.last_with_buttons(OLGA))
    assert petr.alert(cb) and "Спасибо" not in petr.last
    await irina.press("v1fb:q:1")  # forged value: not our button at all
    async with harness.app.session_factory() as session:
        assert (await session.scalars(select(MeetingFeedbackRow))).all() == []
    for meeting_id in (1, 2):
        await olga.press(f"v1fb:n:{meeting_id}")
        await olga.click("Пропустить")
        assert "Спасибо" in olga.last
    await harness.deliver()
    assert "вторая встреча подряд не состоялась" in cohort.last
    async with harness.app.session_factory() as session:
        statuses = (await session.scalars(select(MeetingRow.status).order_by(MeetingRow.id))).all()
        assert statuses == ["missed", "missed"]


async def test_feedback_list_and_english(harness, cohort):
    await active_pair(harness, cohort)
    olga, irina = harness.user(OLGA), harness.user(IRINA)
    await irina.send("/language")
    await irina.click("English")
    await plan(harness, olga, "02.09", "17:30")
    await harness.deliver()
    assert "Your mentor Ольга <Учитель> & Co invites you to a meeting: introduction, 02.09.2026 17:30" in irina.last
    await irina.send("/feedback")
    assert "All feedback is in" in irina.last
    harness.clock.set(utc(2026, 9, 2, 16, 0))
    await irina.send("/feedback")
    assert "1 meeting awaits your feedback" in " ".join(irina.seen()[-2:])
    await irina.click("^Yes$")
    assert "How useful" in irina.last
    await harness.restart()  # the form resumes after a restart
    await irina.click("^7$")
    await irina.click("Skip")
    assert "Thank you" in irina.last
    async with harness.app.session_factory() as session:
        participants = (await session.scalars(select(MeetingParticipantRow.response))).all()
        assert sorted(participants) == ["confirmed", "pending"]
        assert (await session.scalar(select(MeetingFeedbackRow.usefulness))) == 7
        assert (await session.scalars(select(OutboxRow.kind).where(OutboxRow.status == "pending"))).all()


async def test_erasure_takes_a_persons_words_about_meetings(harness, cohort):
    from mentorship.services.privacy import erase
    from tests.fixtures.pairs import person_id

    await active_pair(harness, cohort)
    olga, irina = harness.user(OLGA), harness.user(IRINA)
    await olga.send("/newmeeting")
    await olga.click("знакомство")
    await olga.send("31.08")
    await olga.send("15:00")
    await olga.click("Записать прошедшую встречу")
    await olga.click("^45$")
    await olga.click("Очно")
    await olga.send("Кабинет 5")
    await olga.click("Подтвердить")
    await harness.deliver()
    await irina.click("^Да$")
    await irina.click("^9$")
    await irina.send("Мой наставник — Ольга, мы говорили о моей семье")
    irina_id = await person_id(harness, IRINA)
    async with transaction(harness.app.session_factory) as session:
        await erase(session, harness.clock, None, irina_id, "request", dialogs=harness.app.storage)
    async with harness.app.session_factory() as session:
        row = await session.scalar(select(MeetingFeedbackRow).where(MeetingFeedbackRow.person_id == irina_id))
        assert (row.comment, row.usefulness, row.took_place) == (None, 9, "yes")
        assert (await session.scalars(select(OutboxRow).where(OutboxRow.person_id == irina_id))).all() == []


RU_MONTHS = ("Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь",
             "Декабрь")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


async def test_the_calendar_speaks_the_persons_language(harness, cohort):
    await active_pair(harness, cohort)
    olga = harness.user(OLGA)
    await olga.send("/newmeeting")
    await olga.click("знакомство")
    # aiogram-dialog's calendar opens at the real month (the harness's clock does not reach it)
    today = date.today()
    this, after = RU_MONTHS[today.month - 1], RU_MONTHS[today.month % 12]
    labels = olga.buttons()
    assert f"🗓 {this} {today.year}" in labels and "Пн" in labels and "Вс" in labels and f"{after} »" in labels, labels
    assert not [label for label in labels if re.search("|".join(EN_MONTHS) + "|Mon|Sun", label)], labels
    await olga.click(f"^{after} »$")
    assert f"« {this}" in olga.buttons()
    await olga.send("/cancel")
    async with harness.app.session_factory() as session:
        await session.execute(update(PersonRow).where(PersonRow.telegram_id == OLGA).values(locale="en"))
        await session.commit()
    await olga.send("/newmeeting")
    await olga.click("introduction")
    labels = olga.buttons()
    assert f"🗓 {EN_MONTHS[today.month - 1]} {today.year}" in labels and "Mon" in labels and "Sun" in labels, labels
