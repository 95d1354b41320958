"""Every meeting invitation carries a calendar file; a move sends an update and a cancellation a cancel of the same
event (same UID, higher SEQUENCE), in the organisation's timezone and the recipient's language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import update

from db.models import PersonRow
from tests.fixtures.meetings import active_pair, plan, set_timezone
from tests.fixtures.pairs import IRINA, OLGA


def calendar_of(message) -> tuple[Calendar, object]:
    assert message.document, f"no file attached to {message.shown[:80]!r}"
    calendar = Calendar.from_ical(message.document)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


@pytest.mark.parametrize(("locale", "invited", "title", "hint"), [
    ("ru", "приглашает на встречу", "Наставничество: знакомство", "для календаря в телефоне"),
    ("en", "invites you to a meeting", "Mentorship: introduction", "for your phone's calendar"),
], ids=["ru", "en"])
async def test_invitation_move_and_cancel_are_one_event_in_the_phone_calendar(harness, cohort, locale, invited,
                                                                            title, hint):
    await set_timezone(harness, "Asia/Yekaterinburg")
    await active_pair(harness, cohort)
    async with harness.app.session_factory() as session:
        await session.execute(update(PersonRow).where(PersonRow.telegram_id == IRINA).values(locale=locale))
        await session.commit()
    olga = harness.user(OLGA)
    await plan(harness, olga, "05.09", "16:00", minutes="60", place="Кабинет 12 <второй этаж>")
    await harness.deliver()

    invitation = harness.telegram.last(IRINA)
    assert invited in invitation.shown and hint in invitation.shown
    assert len(invitation.buttons()) == 2  # confirm / decline stay on the message that carries the file
    assert invitation.file_name == "meeting.ics"
    calendar, event = calendar_of(invitation)
    assert str(calendar["METHOD"]) == "PUBLISH"
    uid, first = str(event["UID"]), int(event["SEQUENCE"])
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == "Asia/Yekaterinburg"
    assert start.astimezone(UTC) == datetime(2026, 9, 5, 11, 0, tzinfo=UTC)  # 16:00 in Yekaterinburg
    assert (event.decoded("DTEND") - start).total_seconds() == 3600
    assert str(event["SUMMARY"]) == title
    assert str(event["LOCATION"]) == "Кабинет 12 <второй этаж>"  # the place as typed, not HTML-escaped
    assert calendar.walk("VTIMEZONE"), "the file names its timezone"
    assert "Ирина" not in invitation.document.decode() and "Ольга" not in invitation.document.decode()

    harness.clock.set(harness.clock.now() + timedelta(minutes=1))
    await olga.send("/meetings")
    await olga.click("Перенести №1")
    await olga.send("06.09")
    await olga.send("15:00")
    await harness.deliver()
    moved = harness.telegram.last(IRINA)
    _, event = calendar_of(moved)
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) > first
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 9, 6, 10, 0, tzinfo=UTC)
    second = int(event["SEQUENCE"])

    harness.clock.set(harness.clock.now() + timedelta(minutes=1))
    await olga.send("/meetings")
    await olga.click("Отменить №1")
    await harness.deliver()
    cancelled = harness.telegram.last(IRINA)
    calendar, event = calendar_of(cancelled)
    assert cancelled.file_name == "cancel.ics"
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) > second
