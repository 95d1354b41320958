"""What an update wrote is committed before the bot tells anyone about it (db/transaction.py): when the next question
reaches a person, their answer is already in the database for any other connection (another process, or this one
after a kill). Checked at the very moment of each Bot API call to the person's chat, from another connection."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, insert, select

from db.models import OrganisationRow
from db.transaction import commit_before_telling, telling, unit_of_work
from tests.conftest import START
from tests.fixtures.questionnaires import stored, teacher_mentor
from tests.harness import Harness


def what_is_stored_when_told(harness: Harness, monkeypatch: pytest.MonkeyPatch, chat_id: int) -> list[tuple]:
    """(Bot API method, the person's answers as another connection sees them) for each call to `chat_id`, taken
    when the call leaves the bot (after the session's request middlewares, as a real request would)."""
    session = harness.app.bot.session
    told: list[tuple[str, dict[str, Any]]] = []
    send = session.make_request

    async def make_request(bot, method, timeout=None):
        if getattr(method, "chat_id", None) == chat_id:
            told.append((method.__api_method__, await stored(harness, chat_id)))
        return await send(bot, method, timeout)

    monkeypatch.setattr(session, "make_request", make_request)
    return told


async def test_a_typed_answer_is_stored_before_the_next_question_shows(harness, curator, monkeypatch) -> None:
    mentor = await teacher_mentor(harness, curator)
    await mentor.send("/questionnaire")
    assert "Вопрос 1 из" in mentor.last
    told = what_is_stored_when_told(harness, monkeypatch, mentor.id)

    await mentor.send("12")  # on PostgreSQL stored in the statement that reads the response

    assert "Вопрос 2 из" in mentor.last
    assert told, "the bot said nothing"
    assert all(answers == {"experience": 12} for _method, answers in told), told


async def test_a_chosen_answer_is_stored_before_the_next_question_shows(harness, curator, monkeypatch) -> None:
    mentor = await teacher_mentor(harness, curator)
    await mentor.send("/questionnaire")
    await mentor.send("12")
    assert "Вопрос 2 из" in mentor.last
    told = what_is_stored_when_told(harness, monkeypatch, mentor.id)

    await mentor.click("Высшая")

    assert "Вопрос 3 из" in mentor.last
    assert told, "the bot said nothing"
    assert all(answers == {"experience": 12, "category": "highest"} for _method, answers in told), told


@pytest.mark.parametrize("how", ["added and flushed", "executed"])
async def test_what_a_unit_of_work_wrote_either_way_is_committed_before_telling(harness, how) -> None:
    """The unit of work notices a write made through the ORM (a flush) or through a statement, whichever session of
    the process it runs in, and commits it before a message; a session outside one is left alone."""
    name = f"written {how}"
    values = {"name": name, "kind": "school", "municipality": "Тест", "timezone": "Europe/Moscow", "forms": [],
              "created_at": START}

    async def seen() -> int:
        async with harness.app.session_factory() as other:
            return await other.scalar(select(func.count()).where(OrganisationRow.name == name))

    async with unit_of_work(harness.app.session_factory, one_connection=True) as work, \
            harness.app.session_factory() as bystander:
        if how == "executed":
            await work.session.execute(insert(OrganisationRow).values(**values))
        else:
            work.session.add(OrganisationRow(**values))
            await work.session.flush()
        await bystander.execute(select(OrganisationRow.id).limit(1))  # no unit of work: nothing to notice
        assert work.written
        with telling(work):
            await commit_before_telling()
        assert not work.written
        assert await seen() == 1  # committed before the message, not at the end of the block
