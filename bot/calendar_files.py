"""Calendar files (RFC 5545) for meetings, attached to the invitation, each move and the cancellation.

All of one meeting's files describe one event — the same UID — with a SEQUENCE that grows with every change, so a
phone calendar that imported the invitation moves the event when the move's file is opened and drops it with the
cancellation's. Times carry the organisation's timezone (with its VTIMEZONE), so the event shows at the right hour
wherever the phone is. No one's name is in the file: the title is the kind of meeting, the place is the place or
the link.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from bot.i18n import Translator

PRODID = "-//mentorbot//Mentorship meetings//RU"
UID_DOMAIN = "mentorbot"


def ics(event: Mapping[str, Any], translator: Translator, locale: str) -> bytes:
    zone = ZoneInfo(event["tz"])
    start = datetime.fromisoformat(event["start"]).astimezone(zone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if event["cancelled"] else "PUBLISH")
    item = Event()
    item.add("uid", f"{event['uid']}@{UID_DOMAIN}")
    item.add("sequence", int(event["sequence"]))
    item.add("dtstamp", datetime.now(tz=ZoneInfo("UTC")))
    item.add("dtstart", start)
    item.add("dtend", start + timedelta(minutes=int(event["minutes"])))
    kind = translator.get(locale, f"meeting-kind-{event['kind']}")
    item.add("summary", translator.get(locale, "calendar-title", kind=kind))
    place = event.get("place") or ""
    if event["online"] and place:
        item.add("url", place)
        item.add("location", translator.get(locale, "calendar-online"))
    elif place:
        item.add("location", place)
    item.add("description", translator.get(locale, "calendar-description"))
    item.add("status", "CANCELLED" if event["cancelled"] else "CONFIRMED")
    calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def file_name(event: Mapping[str, Any]) -> str:
    return "cancel.ics" if event["cancelled"] else "meeting.ics"
