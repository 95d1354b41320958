"""Buttons the outbox sends: a service names a press about a row (confirm meeting 5), and the bot packs it with the
typed, bounded callback data its handler reads — so the wire format is defined once, and no button is sent with an
id the handler would refuse. Rows queued before presses existed carry the packed string itself and keep working."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from bot.callbacks import MAX_ROW_ID, FeedbackStart, MeetingAnswer, MeetingReply, SurveyOpen, press_data
from db.models import MeetingParticipantRow, OutboxRow, PersonRow
from mentorship.meetings import start_stamp
from mentorship.outbox import Button, Press
from tests.fixtures.plan import IRINA, OLGA
from tests.test_typed_steps import plan_with_irina

READ_BY = {
    Press.CONFIRM_MEETING: (MeetingAnswer, {"action": "c", "meeting_id": 7}),
    Press.DECLINE_MEETING: (MeetingAnswer, {"action": "d", "meeting_id": 7}),
    Press.MEETING_HELD: (FeedbackStart, {"took_place": "y", "meeting_id": 7}),
    Press.MEETING_NOT_HELD: (FeedbackStart, {"took_place": "n", "meeting_id": 7}),
    Press.MEETING_MOVED: (FeedbackStart, {"took_place": "m", "meeting_id": 7}),
    Press.OPEN_SURVEY: (SurveyOpen, {"campaign_id": 7}),
}


@pytest.mark.parametrize("press", list(Press))
def test_every_press_is_read_back_by_its_handlers_class(press: Press) -> None:
    data = press_data(press, 7)
    reader, fields = READ_BY[press]
    assert reader.unpack(data).model_dump() == fields
    assert len(data.encode()) <= 64


@pytest.mark.parametrize("about", [0, -1, MAX_ROW_ID + 1, None])
def test_a_press_about_an_impossible_row_is_never_packed(about) -> None:
    with pytest.raises(ValidationError):
        press_data(Press.CONFIRM_MEETING, about)


def test_an_answer_carries_the_start_it_was_made_for() -> None:
    data = press_data(Press.CONFIRM_MEETING, MAX_ROW_ID, MAX_ROW_ID)
    assert MeetingReply.unpack(data).model_dump() == {"action": "c", "meeting_id": MAX_ROW_ID, "at": MAX_ROW_ID}
    assert len(data.encode()) <= 64
    for forged in (-1, MAX_ROW_ID + 1):
        with pytest.raises(ValidationError):
            press_data(Press.DECLINE_MEETING, 7, forged)
    button = Button("meeting-btn-confirm", Press.CONFIRM_MEETING, 5, version=356460)
    assert Button.from_json(button.as_json()) == button


def test_a_button_keeps_its_press_through_the_outbox_payload() -> None:
    button = Button("meeting-btn-confirm", Press.CONFIRM_MEETING, 5)
    assert Button.from_json(button.as_json()) == button
    legacy = {"key": "meeting-btn-confirm", "data": "v1mt:c:5", "url": None, "args": {}}  # as rows were queued before
    assert Button.from_json(legacy) == Button("meeting-btn-confirm", data="v1mt:c:5")


async def _invitation(harness) -> OutboxRow:
    async with harness.app.session_factory() as session:
        (row,) = [r for r in await session.scalars(select(OutboxRow)) if r.payload.get("key") == "meeting-invited"]
        return row


async def _irinas_answer(harness) -> str:
    async with harness.app.session_factory() as session:
        return await session.scalar(
            select(MeetingParticipantRow.response).join(PersonRow, PersonRow.id == MeetingParticipantRow.person_id)
            .where(PersonRow.telegram_id == IRINA)
        )


@pytest.mark.parametrize("queued", ["now", "before presses"])
async def test_an_invitation_queued_either_way_is_answered(harness, world, queued):  # noqa: F811
    olga, irina = harness.user(OLGA), harness.user(IRINA)
    await plan_with_irina(olga, "05.09", "16:00")
    row = await _invitation(harness)
    assert row.payload["buttons"][0][0]["press"] == "meeting-confirm" and row.payload["buttons"][0][0]["data"] is None
    if queued == "before presses":  # the payload exactly as the code before presses wrote it
        legacy = [[{"key": "meeting-btn-confirm", "data": "v1mt:c:1", "url": None, "args": {}},
                   {"key": "meeting-btn-decline", "data": "v1mt:d:1", "url": None, "args": {}}]]
        async with harness.app.session_factory() as session:
            stored = await session.get(OutboxRow, row.id)
            stored.payload = {**stored.payload, "buttons": legacy}
            await session.commit()
    await harness.deliver()
    invitation = harness.telegram.last_with_buttons(IRINA)
    # Buttons queued now carry the start they were made for (a press after a move is told apart); old rows none.
    at = start_stamp(datetime(2026, 9, 5, 13, 0, tzinfo=UTC))
    expected = ["v1mt:c:1", "v1mt:d:1"] if queued == "before presses" else [f"v2mt:c:1:{at}", f"v2mt:d:1:{at}"]
    assert [b["callback_data"] for b in invitation.buttons()] == expected
    assert await _irinas_answer(harness) == "pending"
    await irina.click("Приду")
    assert "ждём вас" in irina.last
    assert await _irinas_answer(harness) == "confirmed"
