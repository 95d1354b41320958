"""Meetings a mentor and a mentee can read (#15): each mentee's answer in the mentor's list, a cancelled meeting
listed as cancelled, old buttons of a cancelled or moved meeting answered in words and changing nothing, a warning
on overlapping meetings, and a pair's planned meetings cancelled when the pair ends. Through the real dispatcher,
in Russian and English; the fake Bot API refuses what Telegram refuses and any refusal fails the test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from db.models import MeetingFeedbackRow, MeetingParticipantRow, MeetingRow, OutboxRow, PersonRow
from mentorship.meetings import start_stamp
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from mentorship.entities import PairStatus
from mentorship.roles import MentorshipForm, ParticipationStatus, Role
from tests.conftest import START
from tests.fixtures.meetings import (
    GROUP_CURATOR,
    MASHA,
    OLGA_M,
    PETR_M,
    PETYA,
    SERGEY_M,
    finish_planning,
    group_world,
    plan_for,
)

#: 05.09.2026 16:00 in Moscow.
FIRST = datetime(2026, 9, 5, 13, 0, tzinfo=UTC)
GROUP = "Маша, Петя"


async def meetings(h) -> list[tuple[int, str, datetime]]:
    async with h.app.session_factory() as session:
        rows = (await session.scalars(select(MeetingRow).order_by(MeetingRow.id))).all()
    return [(r.id, r.status, r.starts_at) for r in rows]


async def answers(h, meeting_id: int = 1) -> dict[int, str]:
    async with h.app.session_factory() as session:
        rows = (await session.execute(
            select(MeetingParticipantRow.person_id, MeetingParticipantRow.response)
            .where(MeetingParticipantRow.meeting_id == meeting_id))).all()
    return dict(rows)


async def pending_about(h, meeting_id: int = 1) -> list[str]:
    async with h.app.session_factory() as session:
        return list((await session.scalars(
            select(OutboxRow.kind).where(OutboxRow.ref == f"meeting:{meeting_id}", OutboxRow.status == "pending")
        )).all())


async def group_meeting(h, olga, day: str = "05.09", at: str = "16:00") -> None:
    await plan_for(h, olga, GROUP, day, at)
    await finish_planning(olga)
    await h.deliver()


# --- each mentee's answer ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("locale", "line", "proposed"), [
    ("ru", "№1 · 05.09.2026 16:00 · знакомство · Маша — придёт, Петя — нет ответа",
     "Маша — придёт, Петя — не придёт, предлагает 06.09.2026 18:00"),
    ("en", "#1 · 05.09.2026 16:00 · introduction · Маша — coming, Петя — no answer yet",
     "Маша — coming, Петя — not coming, suggests 06.09.2026 18:00"),
])
async def test_the_mentor_sees_each_mentees_answer(harness, locale, line, proposed):
    await group_world(harness, locale)
    olga, masha, petya = harness.user(OLGA_M), harness.user(MASHA), harness.user(PETYA)
    await group_meeting(harness, olga)
    await masha.click("Приду|I'll come")
    await olga.send("/meetings")
    assert line in olga.last, olga.last
    await petya.click("Не смогу|I can't")
    await petya.send("06.09 18:00")
    await olga.send("/meetings")
    assert proposed in olga.last, olga.last
    # A mentee still sees her own answer, not the others'.
    await masha.send("/meetings")
    assert ("подтверждена" if locale == "ru" else "confirmed") in masha.last and "Петя" in masha.last
    assert "не придёт" not in masha.last and "not coming" not in masha.last


async def test_names_in_the_mentors_list_are_escaped_once(harness):
    ids = await group_world(harness)
    olga = harness.user(OLGA_M)
    await group_meeting(harness, olga)
    async with harness.app.session_factory() as session:
        await session.execute(update(PersonRow).where(PersonRow.id == ids[MASHA]).values(full_name="<b>Маша</b> & Co"))
        await session.commit()
    await olga.send("/meetings")
    raw = harness.telegram.last(OLGA_M).raw_text
    assert "&lt;b&gt;Маша&lt;/b&gt; &amp; Co — нет ответа, Петя — нет ответа" in raw, raw
    assert "<b>Маша</b> & Co — нет ответа" in olga.last, olga.last


# --- cancelled -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("locale", "cancelled", "refusal"), [
    ("ru", "№1 · 05.09.2026 16:00 · знакомство · Маша, Петя · отменена",
     "Встреча 05.09.2026 16:00 отменена — эта кнопка больше не действует"),
    ("en", "#1 · 05.09.2026 16:00 · introduction · Маша, Петя · cancelled",
     "The meeting at 05.09.2026 16:00 was cancelled; this button no longer works"),
])
async def test_a_cancelled_meeting_stays_listed_and_its_old_buttons_say_so(harness, locale, cancelled, refusal):
    ids = await group_world(harness, locale)
    olga, masha = harness.user(OLGA_M), harness.user(MASHA)
    await group_meeting(harness, olga)
    invitation = harness.telegram.last_with_buttons(MASHA)
    await olga.send("/meetings")
    old_list = harness.telegram.last_with_buttons(OLGA_M)
    await olga.send("/meetings")
    cb = await olga.click("Отменить №1|Cancel #1")
    assert "отменена" in olga.alert(cb) or "cancelled" in olga.alert(cb)
    # The list pressed now shows it as cancelled, with no buttons left for it.
    shown = harness.telegram.last(OLGA_M)
    assert cancelled in shown.shown and shown.buttons() == []
    assert await pending_about(harness) == []
    # The older list's «Отменить»: answered in words, its buttons taken off, nothing changed.
    cb = await olga.click("Отменить №1|Cancel #1", old_list)
    assert refusal in olga.alert(cb)
    assert old_list.buttons() == []
    # Masha's invitation: «Приду» now says the meeting was cancelled, changes nothing, and loses its buttons.
    cb = await masha.click("Приду|I'll come", invitation)
    assert refusal in masha.alert(cb)
    assert invitation.buttons() == []
    assert (await answers(harness))[ids[MASHA]] == "pending"
    assert await meetings(harness) == [(1, "cancelled", FIRST)]
    await harness.deliver()
    await masha.send("/meetings")
    assert cancelled.replace(GROUP, "Ольга <Учитель>, Петя") in masha.last
    assert harness.telegram.last(MASHA).buttons() == []
    # Once its time has passed, it leaves the list; a feedback button about it (from an old /feedback) says why.
    harness.clock.set(FIRST + timedelta(minutes=1))
    await masha.send("/meetings")
    assert "№1" not in masha.last and "#1" not in masha.last
    cb = await masha.press("v1fb:y:1", invitation)
    assert refusal in masha.alert(cb)
    async with harness.app.session_factory() as session:
        assert (await session.scalars(select(MeetingFeedbackRow))).all() == []


# --- moved ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("locale", "moved"), [
    ("ru", "Встреча перенесена на 06.09.2026 15:00 — эта кнопка больше не действует"),
    ("en", "The meeting was moved to 06.09.2026 15:00; this button no longer works"),
])
async def test_an_old_button_of_a_moved_meeting_changes_nothing(harness, locale, moved):
    ids = await group_world(harness, locale)
    olga, masha = harness.user(OLGA_M), harness.user(MASHA)
    await group_meeting(harness, olga)
    invitation = harness.telegram.last_with_buttons(MASHA)
    await olga.send("/meetings")
    old_list = harness.telegram.last_with_buttons(OLGA_M)
    await olga.send("/meetings")
    await olga.click("Перенести №1|Move #1")
    await olga.send("06.09")
    await olga.send("15:00")
    new_start = datetime(2026, 9, 6, 12, 0, tzinfo=UTC)
    assert await meetings(harness) == [(1, "planned", new_start)]
    # The invitation for the old time: «Приду» is refused with the new time; nothing is confirmed.
    cb = await masha.click("Приду|I'll come", invitation)
    assert moved in masha.alert(cb)
    assert invitation.buttons() == []
    assert (await answers(harness))[ids[MASHA]] == "pending"
    # The list shown before the move: «Отменить» is refused the same way; the meeting stays.
    cb = await olga.click("Отменить №1|Cancel #1", old_list)
    assert moved in olga.alert(cb)
    assert old_list.buttons() == []
    assert await meetings(harness) == [(1, "planned", new_start)]
    # The notice of the move carries buttons for the new time, and they work.
    await harness.deliver()
    await masha.click("Приду|I'll come")
    assert (await answers(harness))[ids[MASHA]] == "confirmed"


# --- overlaps ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("locale", "warning", "line"), [
    ("ru", "В это время уже есть встреча", "№1 · 05.09.2026 16:00 (60 мин) · знакомство · Маша, Петя"),
    ("en", "There is already a meeting at that time", "#1 · 05.09.2026 16:00 (60 min) · introduction · Маша, Петя"),
])
async def test_an_overlapping_meeting_is_warned_about_then_kept_or_changed(harness, locale, warning, line):
    await group_world(harness, locale)
    olga = harness.user(OLGA_M)
    await group_meeting(harness, olga)
    # The same group at 16:30: warned, with the other meeting's time; she changes the time.
    await plan_for(harness, olga, GROUP, "05.09", "16:30")
    assert warning in olga.last and line in olga.last, olga.last
    await olga.click("Выбрать другое время|Choose another time")
    await olga.send("05.09")
    await olga.send("17:00")  # starts as the first ends: no overlap
    await olga.click("^60$")
    await finish_planning(olga)
    # Olga's other pair at 16:15: she is in both; she keeps it.
    await plan_for(harness, olga, "Ирина", "05.09", "16:15", minutes="30")
    assert warning in olga.last and line in olga.last, olga.last
    await olga.click("Оставить так|Keep it")
    await finish_planning(olga)
    assert [(i, s, t.hour, t.minute) for i, s, t in await meetings(harness)] == [
        (1, "planned", 13, 0), (2, "planned", 14, 0), (3, "planned", 13, 15)]
    # Moving meeting 2 onto meeting 1: warned; kept, it moves.
    await olga.send("/meetings")
    await olga.click("Перенести №2|Move #2")
    await olga.send("05.09")
    await olga.send("16:00")
    assert warning.replace("встреча", "встречи").replace("is already a meeting", "are already meetings") in olga.last
    assert line in olga.last
    await olga.click("Оставить так|Keep it")
    assert (await meetings(harness))[1] == (2, "planned", FIRST)


async def test_another_pair_at_the_same_time_and_a_logged_meeting_are_not_warned_about(harness):
    await group_world(harness)
    olga, petr = harness.user(OLGA_M), harness.user(PETR_M)
    await group_meeting(harness, olga)
    # Petr and Sergey share nobody with Olga's group.
    await petr.send("/newmeeting")
    await petr.click("знакомство")
    await petr.send("05.09")
    await petr.send("16:00")
    await petr.click("^60$")
    assert "Встреча очно или онлайн?" in petr.last
    await finish_planning(petr)
    # A meeting recorded afterwards is not warned about (Olga's other pair, this morning).
    await olga.send("/newmeeting")
    await olga.click("Ирина")
    await olga.click("знакомство")
    await olga.send("01.09")
    await olga.send("10:00")
    await olga.click("Записать прошедшую встречу")
    await olga.click("^60$")
    assert "Встреча очно или онлайн?" in olga.last
    await finish_planning(olga)
    assert [m[1] for m in await meetings(harness)] == ["planned", "planned", "held"]


async def _olga_mentored_by_petr(h, ids: dict) -> None:
    """Olga, a young teacher, is mentored by Petr too (pair 4): he can plan a meeting with her while her own
    planning dialog is open."""
    async with h.app.session_factory() as session:
        await PersonRepository(session).add_membership(
            person_id=ids[OLGA_M], role=Role.MENTEE, organisation_id=1, municipality=None, form=None,
            invitation_id=None, now=START, status=ParticipationStatus.ACTIVE)
        repo = PairRepository(session)
        pair_id = await repo.add(organisation_id=1, mentor_person_id=ids[PETR_M], mentee_person_ids=[ids[OLGA_M]],
                                 form=MentorshipForm.TEACHER_TEACHER, status=PairStatus.PROPOSED, score=1.0,
                                 reasons=[], proposed_by_telegram_id=GROUP_CURATOR, now=START)
        await repo.decide(pair_id, PairStatus.ACTIVE, by_telegram_id=GROUP_CURATOR, at=START)
        await session.commit()


@pytest.mark.parametrize(("locale", "meanwhile", "moved_meanwhile", "warning", "lines"), [
    ("ru", "Пока вы выбирали, на это время появилась встреча №2 (05.09.2026 16:20).",
     "Пока вы выбирали, на это время появилась встреча №4 (05.09.2026 17:00).",
     "В это время уже есть встречи",
     ["№1 · 05.09.2026 16:00 (60 мин) · знакомство · Маша, Петя",
      "№2 · 05.09.2026 16:20 (30 мин) · знакомство · Пётр Ильич",
      "№4 · 05.09.2026 17:00 (30 мин) · знакомство · Пётр Ильич"]),
    ("en", "Meanwhile meeting #2 (05.09.2026 16:20) was planned at that time.",
     "Meanwhile meeting #4 (05.09.2026 17:00) was planned at that time.",
     "There are already meetings at that time",
     ["#1 · 05.09.2026 16:00 (60 min) · introduction · Маша, Петя",
      "#2 · 05.09.2026 16:20 (30 min) · introduction · Пётр Ильич",
      "#4 · 05.09.2026 17:00 (30 min) · introduction · Пётр Ильич"]),
])
async def test_keeping_one_overlap_is_no_licence_for_another_planned_meanwhile(
        harness, locale, meanwhile, moved_meanwhile, warning, lines):
    ids = await group_world(harness, locale)
    await _olga_mentored_by_petr(harness, ids)
    olga, petr = harness.user(OLGA_M), harness.user(PETR_M)
    await group_meeting(harness, olga)
    # Olga plans Irina's meeting beside her group's (#1) and keeps it; she is choosing the place...
    await plan_for(harness, olga, "Ирина", "05.09", "16:15", minutes="30")
    await olga.click("Оставить так|Keep it")
    await olga.click("Очно|In person")
    await olga.send("Кабинет 12")
    olgas_summary = harness.telegram.last_with_buttons(OLGA_M)
    # ...when Petr, her own mentor, plans a meeting with her at 16:20 (he is warned of her group's and keeps it).
    await plan_for(harness, petr, "Ольга", "05.09", "16:20", minutes="30")
    await petr.click("Оставить так|Keep it")
    await finish_planning(petr)
    # Olga's confirmation: refused in words, and both meetings at that time shown with the choice again.
    cb = await olga.click("Подтвердить|Confirm", olgas_summary)
    assert olga.alert(cb) == meanwhile
    assert warning in olga.last and lines[0] in olga.last and lines[1] in olga.last, olga.last
    assert [(i, t.hour, t.minute) for i, _s, t in await meetings(harness)] == [(1, 13, 0), (2, 13, 20)]
    # She keeps it beside both: back at the summary, confirmed, planned.
    await olga.click("Оставить так|Keep it")
    await olga.click("Подтвердить|Confirm")
    assert ("Встреча №3 назначена" if locale == "ru" else "Meeting #3 is planned") in olga.last, olga.last
    assert [(i, s, t.hour, t.minute) for i, s, t in await meetings(harness)] == [
        (1, "planned", 13, 0), (2, "planned", 13, 20), (3, "planned", 13, 15)]
    # Moving #3 to 16:40 overlaps her group's #1; while she decides, Petr plans 17:00 with her.
    await olga.send("/meetings")
    await olga.click("Перенести №3|Move #3")
    await olga.send("05.09")
    await olga.send("16:40")
    assert lines[0] in olga.last and "17:00" not in olga.last, olga.last
    olgas_warning = harness.telegram.last_with_buttons(OLGA_M)
    await plan_for(harness, petr, "Ольга", "05.09", "17:00", minutes="30")
    await finish_planning(petr)
    cb = await olga.click("Оставить так|Keep it", olgas_warning)
    assert olga.alert(cb) == moved_meanwhile
    assert lines[0] in olga.last and lines[2] in olga.last, olga.last
    assert (await meetings(harness))[2] == (3, "planned", datetime(2026, 9, 5, 13, 15, tzinfo=UTC))
    await olga.click("Оставить так|Keep it")
    assert (await meetings(harness))[2] == (3, "planned", datetime(2026, 9, 5, 13, 40, tzinfo=UTC))


# --- permissions ------------------------------------------------------------------------------------------------------

async def test_a_mentee_cannot_cancel_and_a_strangers_forged_press_is_refused(harness):
    ids = await group_world(harness)
    olga, masha = harness.user(OLGA_M), harness.user(MASHA)
    petr, sergey = harness.user(PETR_M), harness.user(SERGEY_M)
    await group_meeting(harness, olga)
    at = start_stamp(FIRST)
    await olga.send("/meetings")
    olgas_list = harness.telegram.last_with_buttons(OLGA_M)
    cb = await masha.press(f"v2ml:x:1:{at}")
    assert "только наставник" in masha.alert(cb)
    cb = await masha.press(f"v2ml:m:1:{at}")
    assert "только наставник" in masha.alert(cb)
    await petr.send("/start")
    cb = await petr.press(f"v2ml:x:1:{at}", olgas_list)
    assert "Такой встречи у вас нет" in petr.alert(cb)
    await sergey.send("/start")
    cb = await sergey.press(f"v2mt:c:1:{at}", olgas_list)
    assert "Такой встречи у вас нет" in sergey.alert(cb)
    cb = await olga.press(f"v2mt:c:1:{at}")  # the mentor answering as a mentee
    assert "наставляемый" in olga.alert(cb)
    for forged in (f"v2mt:c:1:{at}:1", "v2mt:c:1:-5", "v2ml:x:1:99999999999"):
        await masha.press(forged)
    assert olgas_list.buttons()  # nobody else's press took Olga's buttons off
    assert await meetings(harness) == [(1, "planned", FIRST)]
    assert set((await answers(harness)).values()) == {"confirmed", "pending"}
    assert (await answers(harness))[ids[MASHA]] == "pending"


# --- a pair that ends -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("locale", "told"), [("ru", "Встреча 05.09.2026 16:00 отменена: пара завершила работу"),
                                              ("en", "The meeting at 05.09.2026 16:00 is cancelled: the pair has ended")])
async def test_ending_a_pair_cancels_its_planned_meetings(harness, locale, told):
    await group_world(harness, locale)
    olga, masha, curator = harness.user(OLGA_M), harness.user(MASHA), harness.user(GROUP_CURATOR)
    await group_meeting(harness, olga)
    await plan_for(harness, olga, "Ирина", "06.09", "16:00")
    await finish_planning(olga)
    await harness.deliver()
    invitation = harness.telegram.last_with_buttons(MASHA)
    come = invitation.buttons()[0]["callback_data"]
    assert await pending_about(harness)  # the reminders and the forms
    await curator.send("/endpair 1 группа распалась")
    assert [s for _, s, _ in await meetings(harness)] == ["cancelled", "planned"]
    assert await pending_about(harness) == []
    assert await pending_about(harness, 2)  # the other pair's meeting is untouched
    await harness.deliver()
    assert any(told in text for text in masha.seen()[-3:]), masha.seen()[-3:]
    assert any(told in text for text in harness.user(PETYA).seen()[-3:])
    # The invitation says so and has no buttons; a press that was on its way (the old data) is answered in words.
    assert ("Встреча отменена" in invitation.shown or "This meeting is cancelled" in invitation.shown)
    assert invitation.buttons() == []
    cb = await masha.press(come, invitation)
    assert masha.alert(cb) and invitation.buttons() == []
    # Nothing about the cancelled meeting reaches Masha afterwards.
    seen = len(masha.seen())
    harness.clock.set(FIRST + timedelta(days=2))
    await harness.deliver()
    assert masha.seen()[seen:] == []
