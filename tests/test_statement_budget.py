"""What one update costs the database, pinned: SQL statements and pool checkouts of a questionnaire step, a
registration step and /start, through the real dispatcher, on both backends (bench/README.md lists them).

The counts are deterministic, so they are exact budgets: a change that adds a round trip to the hot path fails
here rather than showing up later as a slower bench. A change that removes one lowers the budget.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage import SqlStorage
from tests.fixtures.questionnaires import teacher_mentor
from tests.flows import create_link
from tests.harness import Harness

# Statements (before_cursor_execute; BEGIN/COMMIT are not statements here) and checkouts, both pools together.
# Dialog records, actor, the answer stored while the response is read as it was (SQLite, which has no writing CTE:
# the response read, then the answer), dialog records.
QUESTIONNAIRE_STEP = {"postgresql": (4, 1), "sqlite": (5, 1)}
REGISTRATION_STEP = (3, 1)  # dialog records, actor (nobody yet), dialog records
START_OVER_A_DIALOG = (3, 1)  # dialog records, actor, the closed dialog's stack and context deleted
START_REGISTERED = (2, 1)  # dialog records (none), actor


@dataclass
class Tally:
    statements: list[str] = field(default_factory=list)
    checkouts: int = 0

    @property
    def counts(self) -> tuple[int, int]:
        return len(self.statements), self.checkouts


@asynccontextmanager
async def counting(h: Harness) -> AsyncIterator[Tally]:
    engines: list[AsyncEngine] = [h.app.engine]
    if isinstance(h.app.storage, SqlStorage):
        engines.append(h.app.storage.session_factory.kw["bind"])  # its own pool, for use outside updates
    tally = Tally()

    def statement(_conn, _cursor, sql, *_args) -> None:
        tally.statements.append(" ".join(sql.split())[:160])

    def checkout(*_args) -> None:
        tally.checkouts += 1

    for engine in engines:
        event.listen(engine.sync_engine, "before_cursor_execute", statement)
        event.listen(engine.sync_engine.pool, "checkout", checkout)
    try:
        yield tally
    finally:
        for engine in engines:
            event.remove(engine.sync_engine, "before_cursor_execute", statement)
            event.remove(engine.sync_engine.pool, "checkout", checkout)


async def test_a_questionnaire_step_within_budget(harness, curator) -> None:
    warm, mentor = await teacher_mentor(harness, curator, 5001), await teacher_mentor(harness, curator, 5002)
    for person in (warm, mentor):
        await person.send("/questionnaire")
        assert "стаж" in person.last, person.last
    await warm.send("12")  # the process has now parsed the questionnaire's version once
    async with counting(harness) as tally:
        await mentor.send("12")
    assert "Высшая" in " ".join(mentor.buttons())  # the next question is on screen
    assert tally.counts == QUESTIONNAIRE_STEP[harness.app.engine.dialect.name], tally.statements


async def test_a_registration_step_within_budget(harness, curator) -> None:
    token = await create_link(curator, "наставляемый", form_label="Любая форма")
    warm, newcomer = harness.user(8001), harness.user(8002)
    for person in (warm, newcomer):
        await person.send(f"/start {token}")
        await person.click("Продолжить")
    await warm.send("Иванов Пётр")
    async with counting(harness) as tally:
        await newcomer.send("Иванов Пётр")
    assert newcomer.last == warm.last  # the date-of-birth question
    assert tally.counts == REGISTRATION_STEP, tally.statements


async def test_start_of_a_registered_person_within_budget(harness, curator) -> None:
    mentor = await teacher_mentor(harness, curator, 5001)
    await mentor.send("/questionnaire")
    async with counting(harness) as over_a_dialog:
        await mentor.send("/start")
    assert "С возвращением" in mentor.last
    async with counting(harness) as again:
        await mentor.send("/start")
    assert "С возвращением" in mentor.last
    assert over_a_dialog.counts == START_OVER_A_DIALOG, over_a_dialog.statements
    assert again.counts == START_REGISTERED, again.statements
