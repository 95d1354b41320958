"""The messages a meeting sent before it was cancelled or moved (#15): the invitations (and a move's notice) are
edited through the outbox — their words say what happened and their buttons go — so nobody can answer a meeting
that is off. A press that was on its way is answered in words and changes nothing; a person who had pressed a
button before causes no refused call (the fake Bot API refuses an edit that changes nothing, a text edit of a file
and any other call Telegram refuses, and any refusal fails the test). Through the real dispatcher and the real outbox
sender, in Russian and English, on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import MeetingParticipantRow, MeetingRow, OutboxRow
from tests.fixtures.meetings import GROUP_CURATOR, MASHA, OLGA_M, PETYA, finish_planning, group_world, plan_for

GROUP = "Маша, Петя"
TEXTS = {
    "ru": {"cancelled": "❌ Встреча отменена: знакомство, 05.09.2026 16:00.",
           "moved": "↪️ Встреча перенесена: знакомство, было 05.09.2026 16:00, теперь 06.09.2026 15:00.",
           "refusal": "Встреча 05.09.2026 16:00 отменена — эта кнопка больше не действует",
           "moved_refusal": "Встреча перенесена на 06.09.2026 15:00 — эта кнопка больше не действует",
           "invited": "приглашает на встречу", "moved_notice": "Встреча перенесена: было"},
    "en": {"cancelled": "❌ This meeting is cancelled: introduction, 05.09.2026 16:00.",
           "moved": "↪️ This meeting has moved: introduction, it was 05.09.2026 16:00, now 06.09.2026 15:00.",
           "refusal": "The meeting at 05.09.2026 16:00 was cancelled; this button no longer works",
           "moved_refusal": "The meeting was moved to 06.09.2026 15:00; this button no longer works",
           "invited": "invites you to a meeting", "moved_notice": "The meeting has moved: it was"},
}
LOCALES = pytest.mark.parametrize("locale", ["ru", "en"])


async def state(h) -> tuple:
    """What the database holds about meetings and the outbox, to compare before and after a press."""
    async with h.app.session_factory() as session:
        meetings = (await session.execute(
            select(MeetingRow.id, MeetingRow.status, MeetingRow.starts_at).order_by(MeetingRow.id))).all()
        answers = (await session.execute(
            select(MeetingParticipantRow.meeting_id, MeetingParticipantRow.person_id, MeetingParticipantRow.response)
            .order_by(MeetingParticipantRow.meeting_id, MeetingParticipantRow.person_id))).all()
        outbox = (await session.execute(
            select(OutboxRow.id, OutboxRow.kind, OutboxRow.status, OutboxRow.message_id).order_by(OutboxRow.id))).all()
    return meetings, answers, outbox


async def edits(h) -> list[tuple[str, str | None]]:
    async with h.app.session_factory() as session:
        return [tuple(r) for r in (await session.execute(
            select(OutboxRow.status, OutboxRow.ref).where(OutboxRow.kind == "edit").order_by(OutboxRow.id))).all()]


async def planned(h, olga) -> None:
    await plan_for(h, olga, GROUP, "05.09", "16:00")
    await finish_planning(olga)
    await h.deliver()


async def invited(h, locale: str):
    """The group world in `locale` with Olga's meeting planned and delivered: the person ids, and Masha's and Petya's
    invitations as their chats show them."""
    ids = await group_world(h, locale)
    await planned(h, h.user(OLGA_M))
    return ids, h.telegram.last_with_buttons(MASHA), h.telegram.last_with_buttons(PETYA)


async def cancel(olga) -> None:
    await olga.send("/meetings")
    await olga.click("Отменить №1|Cancel #1")


async def move(olga) -> None:
    await olga.send("/meetings")
    await olga.click("Перенести №1|Move #1")
    await olga.send("06.09")
    await olga.send("15:00")


@LOCALES
async def test_a_cancel_edits_the_invitations_and_takes_their_buttons_off(harness, locale):
    ids, masha_invitation, petya_invitation = await invited(harness, locale)
    olga, masha, petya = harness.user(OLGA_M), harness.user(MASHA), harness.user(PETYA)
    texts = TEXTS[locale]
    assert texts["invited"] in masha_invitation.shown and len(masha_invitation.buttons()) == 2
    stale = petya_invitation.buttons()[0]["callback_data"]  # Petya's «Приду», kept as a slow phone would
    # Masha answers «Приду» before the cancel; Petya never presses.
    await masha.click("Приду|I'll come", masha_invitation)
    await cancel(olga)
    # The edits go through the outbox: until they are delivered the buttons are still there.
    assert [s for s, _ in await edits(harness)] == ["pending", "pending"]
    await harness.deliver()
    for invitation in (masha_invitation, petya_invitation):
        assert invitation.shown == texts["cancelled"], invitation.shown
        assert invitation.buttons() == []
        assert invitation.file_name == "meeting.ics"  # still the same message, its file kept
        assert invitation.edits == 1
    assert [s for s, _ in await edits(harness)] == ["sent", "sent"]
    # Each person was also told in a message of its own, with the calendar's cancel.
    assert harness.telegram.last(MASHA).file_name == "cancel.ics"
    # A press that was on its way: answered in words, nothing changes.
    before = await state(harness)
    cb = await petya.press(stale, petya_invitation)
    assert texts["refusal"] in petya.alert(cb)
    assert await state(harness) == before
    async with harness.app.session_factory() as session:
        response = await session.scalar(select(MeetingParticipantRow.response).where(
            MeetingParticipantRow.person_id == ids[PETYA]))
    assert response == "pending"
    # Nothing is edited twice: a second drain has nothing to do.
    assert await harness.deliver() == 0


@LOCALES
async def test_a_stale_press_before_the_edit_arrives_and_the_edit_after_it_are_both_accepted(harness, locale):
    await group_world(harness, locale)
    olga, masha = harness.user(OLGA_M), harness.user(MASHA)
    await planned(harness, olga)
    invitation = harness.telegram.last_with_buttons(MASHA)
    await cancel(olga)
    # The press comes before the edit: answered in words, the buttons come off the message pressed.
    cb = await masha.click("Не смогу|I can't", invitation)
    assert TEXTS[locale]["refusal"] in masha.alert(cb)
    assert invitation.buttons() == []
    # The edit that follows still changes the words (the press took only the buttons off).
    await harness.deliver()
    assert invitation.shown == TEXTS[locale]["cancelled"] and invitation.buttons() == []


@LOCALES
async def test_a_move_edits_the_old_invitation_and_the_new_one_has_live_buttons(harness, locale):
    ids, masha_invitation, petya_invitation = await invited(harness, locale)
    olga, masha, petya = harness.user(OLGA_M), harness.user(MASHA), harness.user(PETYA)
    texts = TEXTS[locale]
    stale = petya_invitation.buttons()[0]["callback_data"]
    # Masha answers «Не смогу» first: the question asking for another time comes as a new message, the
    # invitation (a file) stays, its buttons come off.
    await masha.click("Не смогу|I can't", masha_invitation)
    assert masha_invitation in harness.telegram.messages(MASHA) and masha_invitation.buttons() == []
    await masha.send("/cancel")
    await move(olga)
    await harness.deliver()
    for invitation in (masha_invitation, petya_invitation):
        assert invitation.shown.startswith(texts["moved"]), invitation.shown
        assert invitation.buttons() == []
    notice = harness.telegram.last_with_buttons(PETYA)
    assert notice is not petya_invitation and texts["moved_notice"] in notice.shown
    # The old «Приду» is refused with the new time and changes nothing; the new one works.
    before = await state(harness)
    cb = await petya.press(stale, petya_invitation)
    assert texts["moved_refusal"] in petya.alert(cb)
    assert await state(harness) == before
    await petya.click("Приду|I'll come", notice)
    async with harness.app.session_factory() as session:
        response = await session.scalar(select(MeetingParticipantRow.response).where(
            MeetingParticipantRow.person_id == ids[PETYA]))
    assert response == "confirmed"


async def test_a_move_then_a_cancel_leave_each_message_saying_what_happened_last(harness):
    await group_world(harness)
    olga, masha = harness.user(OLGA_M), harness.user(MASHA)
    await planned(harness, olga)
    invitation = harness.telegram.last_with_buttons(MASHA)
    await move(olga)
    await harness.deliver()
    notice = harness.telegram.last_with_buttons(MASHA)
    assert notice is not invitation
    await masha.click("Приду", notice)  # she answers the new time, then the meeting is called off
    await cancel(olga)
    await harness.deliver()
    # The first invitation keeps what the move made of it (edited once, never twice); the move's notice is edited.
    assert invitation.shown.startswith(TEXTS["ru"]["moved"]) and invitation.edits == 1
    assert notice.shown == "❌ Встреча отменена: знакомство, 06.09.2026 15:00." and notice.buttons() == []
    assert notice.edits == 1


async def test_a_cancel_before_the_moves_edit_went_out_replaces_that_edit(harness):
    await group_world(harness)
    olga = harness.user(OLGA_M)
    await planned(harness, olga)
    invitation = harness.telegram.last_with_buttons(MASHA)
    await move(olga)
    await cancel(olga)  # the move's edits and notices never went out
    await harness.deliver()
    assert invitation.shown == "❌ Встреча отменена: знакомство, 06.09.2026 15:00." and invitation.buttons() == []
    assert invitation.edits == 1
    assert sorted(s for s, _ in await edits(harness)) == ["cancelled", "cancelled", "sent", "sent"]


async def test_an_edit_of_a_message_the_person_deleted_is_dropped_quietly(harness):
    await group_world(harness)
    olga = harness.user(OLGA_M)
    await planned(harness, olga)
    invitation = harness.telegram.last_with_buttons(MASHA)
    invitation.deleted = True  # Masha deleted it from her chat
    harness.expected_refusals.append("message to edit not found")
    await cancel(olga)
    curator_seen = len(harness.telegram.messages(GROUP_CURATOR))
    await harness.deliver()
    async with harness.app.session_factory() as session:
        rows = (await session.execute(select(OutboxRow.chat_id, OutboxRow.status, OutboxRow.last_error, OutboxRow.attempts)
                                      .where(OutboxRow.kind == "edit").order_by(OutboxRow.id))).all()
    by_chat = {r.chat_id: r for r in rows}
    assert by_chat[MASHA].status == "failed" and "message to edit not found" in by_chat[MASHA].last_error
    assert by_chat[MASHA].attempts == 1  # not tried again
    assert by_chat[PETYA].status == "sent"
    assert harness.telegram.messages(GROUP_CURATOR)[curator_seen:] == []  # no curator is troubled with it
    assert await harness.deliver() == 0


async def test_the_sender_records_the_message_id_of_what_it_sent(harness):
    await group_world(harness)
    olga = harness.user(OLGA_M)
    await planned(harness, olga)
    invitation = harness.telegram.last_with_buttons(MASHA)
    async with harness.app.session_factory() as session:
        rows = (await session.execute(select(OutboxRow.chat_id, OutboxRow.message_id, OutboxRow.payload)
                                      .where(OutboxRow.status == "sent"))).all()
    assert rows and all(r.message_id is not None for r in rows)
    (masha_row,) = [r for r in rows if r.chat_id == MASHA and r.message_id == invitation.message_id]
    # Only how it was sent is kept (it has buttons to take off later), no words.
    assert masha_row.payload == {"edit_as": "caption"}
