"""A pair's activity: the curator hears about an active pair that has not met for three weeks (DESIGN §2.5).

Counted from the last meeting that took place (or was planned and its time has come — nobody said it did not),
or, before any meeting, from the day the pair became active. The curator hears once per three-week stretch: at
22 days, again at 43 if still nothing, and a meeting starts the count afresh.
"""

from __future__ import annotations

from datetime import datetime, timedelta

NO_MEETING_DAYS = 21
NO_MEETING = timedelta(days=NO_MEETING_DAYS)


def quiet_stretch(last: datetime, now: datetime) -> int:
    """How many whole three-week stretches have passed since `last`: 0 means "nothing to say yet"."""
    if now - last <= NO_MEETING:
        return 0
    return int((now - last) / NO_MEETING)
