"""The individual plan of a pair (its Russian name is in locales/ru/plan.ftl): goals with a due date and a status,
and its completion.

Plain rules over plain data: what a goal's title and due date may be, which status changes make sense, and the
share of goals done — the figure the reports use for "individual plans implemented ≥ 90 %" (seed 002).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from mentorship.errors import DomainError

TITLE_LIMIT = 200
#: A plan runs from three months to a year (seeds); two years ahead is room enough and catches typos like 2062.
MAX_AHEAD = timedelta(days=731)
#: Goals per pair: a plan is a handful of goals, and each is a button.
MAX_GOALS = 30

_DATE_RE = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?\s*$")


class GoalStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


#: Any change but to the same status: a goal can be started, finished, reopened or finished straight away.
TRANSITIONS: dict[GoalStatus, frozenset[GoalStatus]] = {
    status: frozenset(s for s in GoalStatus if s != status) for status in GoalStatus
}


@dataclass(frozen=True, slots=True)
class Goal:
    id: int
    pair_id: int
    title: str
    due_date: date | None
    status: GoalStatus
    position: int
    created_at: datetime
    updated_at: datetime

    def overdue(self, today: date) -> bool:
        return self.status != GoalStatus.DONE and self.due_date is not None and self.due_date < today


@dataclass(frozen=True, slots=True)
class Completion:
    done: int
    total: int

    @property
    def percent(self) -> int:
        """Whole percent, rounded down: 89.9 % is not yet the 90 % target."""
        return self.done * 100 // self.total


def completion(goals: list[Goal] | tuple[Goal, ...]) -> Completion | None:
    """Goals done out of all goals; None for a plan with no goals (nothing to implement is not 0 %)."""
    if not goals:
        return None
    return Completion(sum(1 for g in goals if g.status == GoalStatus.DONE), len(goals))


def clean_title(text: str) -> str:
    """A goal's title: one line, 1–200 characters after trimming."""
    title = " ".join(text.split())
    if not title:
        raise DomainError("plan-title-empty")
    if len(title) > TITLE_LIMIT:
        raise DomainError("plan-title-too-long", limit=TITLE_LIMIT, length=len(title))
    return title


def parse_due(text: str, today: date) -> date:
    """`dd.mm` (the next such day from today) or `dd.mm.yyyy` / `dd.mm.yy`; from today up to two years ahead.

    A date in the past is refused when it is entered — adding or editing alike: a plan looks forward, and a
    goal that was not met in time stays visible as overdue rather than being re-dated into the past."""
    match = _DATE_RE.match(text or "")
    if match is None:
        raise DomainError("plan-due-invalid")
    day, month, year = int(match[1]), int(match[2]), match[3]
    try:
        if year is None:
            found = date(today.year, month, day)
            if found < today:
                found = date(today.year + 1, month, day)
        else:
            found = date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    except ValueError:
        raise DomainError("plan-due-invalid") from None
    if found < today:
        raise DomainError("plan-due-past")
    if found > today + MAX_AHEAD:
        raise DomainError("plan-due-too-far", latest=today + MAX_AHEAD)
    return found


def change_status(current: GoalStatus, new: GoalStatus) -> GoalStatus:
    if new not in TRANSITIONS[current]:
        raise DomainError("plan-status-unchanged")
    return new
