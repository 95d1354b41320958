"""Questionnaire versions, responses and answers. Never commits; returns plain objects."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Text, bindparam, cast, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    QuestionnaireAnswerRow,
    QuestionnaireResponseRow,
    QuestionnaireVersionRow,
)
from db.transaction import WRITES
from mentorship.questionnaire import (
    Questionnaire,
    Response,
    ResponseFacts,
    StoredVersion,
    parse_content,
)
from mentorship.roles import Role

_PARSED_MAX = 256
# Versions never change once stored, so a parsed questionnaire can be reused for its content hash: every answer
# would otherwise re-validate the whole file.
_parsed: dict[str, Questionnaire] = {}


def _questionnaire(row: QuestionnaireVersionRow) -> Questionnaire:
    found = _parsed.get(row.content_hash)
    if found is None:
        found = parse_content(row.content)
        if len(_parsed) >= _PARSED_MAX:
            _parsed.clear()
        _parsed[row.content_hash] = found
    return found


def _version(row: QuestionnaireVersionRow) -> StoredVersion:
    return StoredVersion(
        id=row.id, organisation_id=row.organisation_id, questionnaire=_questionnaire(row), content_hash=row.content_hash
    )


#: session.info: response id -> (Response, Questionnaire, answers) as this session last read or wrote them.
_MEMO = "questionnaire_progress"


def _response(row: Any) -> Response:
    return Response(
        id=row.id,
        person_id=row.person_id,
        organisation_id=row.organisation_id,
        role=Role(row.role),
        version_id=row.questionnaire_version_id,
        started_at=row.started_at,
        completed_at=row.completed_at,
        campaign_id=row.campaign_id,
        draft=(str(row.draft["question"]), tuple(row.draft["picked"])) if row.draft else None,
    )


# Built once, the two statements of every answer: the response with its answers, and the answer's upsert.
_PROGRESS = (
    select(
        *QuestionnaireResponseRow.__table__.c,
        QuestionnaireVersionRow.content_hash,
        QuestionnaireAnswerRow.question_id.label("answer_question_id"),
        QuestionnaireAnswerRow.value.label("answer_value"),
        QuestionnaireAnswerRow.skipped.label("answer_skipped"),
    )
    .join(QuestionnaireVersionRow, QuestionnaireVersionRow.id == QuestionnaireResponseRow.questionnaire_version_id)
    .outerjoin(QuestionnaireAnswerRow, QuestionnaireAnswerRow.response_id == QuestionnaireResponseRow.id)
    .where(QuestionnaireResponseRow.id == bindparam("response_id"))
)


def _answer_upsert(insert: Any) -> Any:
    statement = insert(QuestionnaireAnswerRow.__table__)
    excluded = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=[QuestionnaireAnswerRow.response_id, QuestionnaireAnswerRow.question_id],
        set_={"value": excluded.value, "skipped": excluded.skipped, "answered_at": excluded.answered_at},
    )


_SAVE_ANSWER = {"postgresql": _answer_upsert(postgresql.insert), "sqlite": _answer_upsert(sqlite.insert)}


def _saved_and_read_before() -> Any:
    """PostgreSQL: the answer's upsert as a data-modifying CTE, and the progress (with each answer's time) read in
    the same statement. Every part of a statement sees one snapshot, so what it reads is the response as it was
    just before this answer. The upsert takes its row from the response, so an answer to a response that is gone
    (erased a moment ago) inserts nothing."""
    responses, answers = QuestionnaireResponseRow.__table__, QuestionnaireAnswerRow.__table__
    row = select(
        responses.c.id,
        bindparam("question_id", type_=answers.c.question_id.type),
        bindparam("value", type_=answers.c.value.type),
        bindparam("skipped", type_=answers.c.skipped.type),
        bindparam("answered_at", type_=answers.c.answered_at.type),
    ).where(responses.c.id == bindparam("response_id"))
    insert = postgresql.insert(answers).from_select(
        ["response_id", "question_id", "value", "skipped", "answered_at"], row)
    saved = insert.on_conflict_do_update(
        index_elements=[answers.c.response_id, answers.c.question_id],
        set_={"value": insert.excluded.value, "skipped": insert.excluded.skipped,
              "answered_at": insert.excluded.answered_at},
    ).returning(answers.c.id).cte("saved")
    return (_PROGRESS.add_columns(QuestionnaireAnswerRow.answered_at.label("answer_answered_at")).add_cte(saved)
            .execution_options(**{WRITES: True}))  # a SELECT that writes: committed before the next question shows


_SAVE_AND_READ_BEFORE = _saved_and_read_before()

# What never changes about a response (mentorship.questionnaire.ResponseFacts), for the responses this process
# read last: an answer whose facts are known is checked before anything is read, and stored in one statement.
_FACTS_MAX = 10_000
_facts: OrderedDict[int, ResponseFacts] = OrderedDict()


def _learn(response: Response, questionnaire: Questionnaire) -> None:
    _facts[response.id] = ResponseFacts(response.id, response.person_id, response.organisation_id, response.role,
                                        response.campaign_id, questionnaire)
    _facts.move_to_end(response.id)
    if len(_facts) > _FACTS_MAX:
        _facts.popitem(last=False)


@dataclass(frozen=True, slots=True)
class Before:
    """A response as it was just before an answer was stored, and that answer's earlier row (value, skipped, time),
    if it had one: what `restore_answer` puts back when the answer is refused after all."""

    response: Response
    questionnaire: Questionnaire
    answers: dict[str, Any]
    previous: tuple[Any, bool, datetime] | None


class QuestionnaireRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _memo(self) -> dict[int, tuple[Response, Questionnaire, dict[str, Any]]]:
        return self.session.info.setdefault(_MEMO, {})

    def _forget(self, response_id: int | None = None) -> None:
        if response_id is None:
            self._memo().clear()
        else:
            self._memo().pop(response_id, None)

    async def progress(self, response_id: int) -> tuple[Response, Questionnaire, dict[str, Any]] | None:
        """A response with its questionnaire and its answers, in one query (and, the first time this process meets
        the version, one more for its content). Within a session (one update), what it last read or wrote: a step
        reads its response up to three times (the typed answer's rule, the answer, the next screen)."""
        found = self._memo().get(response_id)
        if found is not None:
            return found[0], found[1], dict(found[2])
        rows = (await self.session.execute(_PROGRESS, {"response_id": response_id})).all()
        if not rows:
            return None
        found = await self._progress_of(rows)
        self.remember(*found)
        return found

    async def _progress_of(self, rows: list[Any]) -> tuple[Response, Questionnaire, dict[str, Any]]:
        response = _response(rows[0])
        questionnaire = _parsed.get(rows[0].content_hash)
        if questionnaire is None:
            version = await self.get_version(response.version_id)
            assert version is not None  # versions are never deleted while a response points at them
            questionnaire = version.questionnaire
        answers = {r.answer_question_id: (None if r.answer_skipped else r.answer_value)
                   for r in rows if r.answer_question_id is not None}
        return response, questionnaire, answers

    def remember(self, response: Response, questionnaire: Questionnaire, answers: dict[str, Any]) -> None:
        """What the session wrote is what it reads next (`progress`)."""
        self._memo()[response.id] = (response, questionnaire, dict(answers))
        _learn(response, questionnaire)

    @staticmethod
    def facts(response_id: int) -> ResponseFacts | None:
        """What never changes about the response, if this process has read it before (no SQL)."""
        return _facts.get(response_id)

    @property
    def saves_and_reads_at_once(self) -> bool:
        """Whether `save_answer_reading_before` is one statement here (PostgreSQL; SQLite has no writing CTE)."""
        return self.session.bind is not None and self.session.bind.dialect.name == "postgresql"

    async def save_answer_reading_before(
        self, response_id: int, question_id: str, value: Any, now: datetime
    ) -> Before | None:
        """Insert or replace one answer and read the response as it was before it, in one statement (PostgreSQL);
        None when there is no such response (nothing is stored then)."""
        self._forget(response_id)
        rows = (await self.session.execute(_SAVE_AND_READ_BEFORE, {
            "response_id": response_id, "question_id": question_id, "value": value, "skipped": value is None,
            "answered_at": now,
        })).all()
        if not rows:
            return None
        response, questionnaire, answers = await self._progress_of(rows)
        previous = next(((None if r.answer_skipped else r.answer_value, r.answer_skipped, r.answer_answered_at)
                         for r in rows if r.answer_question_id == question_id), None)
        return Before(response, questionnaire, answers, previous)

    async def restore_answer(self, response_id: int, question_id: str, previous: tuple[Any, bool, datetime] | None):
        """Put an answer back as it was (`Before.previous`; None: there was none)."""
        self._forget(response_id)
        if previous is None:
            await self.delete_answers(response_id, [question_id])
            return
        value, skipped, answered_at = previous
        dialect = self.session.bind.dialect.name if self.session.bind else "sqlite"
        await self.session.execute(_SAVE_ANSWER[dialect], {
            "response_id": response_id, "question_id": question_id, "value": value, "skipped": skipped,
            "answered_at": answered_at,
        })

    # --- versions ------------------------------------------------------------------------------------------------

    async def find_version(self, organisation_id: int | None, key: str, version: int) -> StoredVersion | None:
        owner = (
            QuestionnaireVersionRow.organisation_id.is_(None)
            if organisation_id is None
            else QuestionnaireVersionRow.organisation_id == organisation_id
        )
        row = await self.session.scalar(
            select(QuestionnaireVersionRow).where(
                owner, QuestionnaireVersionRow.key == key, QuestionnaireVersionRow.version == version
            )
        )
        return _version(row) if row else None

    async def get_version(self, version_id: int) -> StoredVersion | None:
        row = await self.session.get(QuestionnaireVersionRow, version_id)
        return _version(row) if row else None

    async def versions(self, version_ids: Iterable[int]) -> dict[int, StoredVersion]:
        """Several versions in one query, by id (ids unknown are left out)."""
        ids = sorted(set(version_ids))
        if not ids:
            return {}
        rows = await self.session.scalars(select(QuestionnaireVersionRow).where(QuestionnaireVersionRow.id.in_(ids)))
        return {row.id: _version(row) for row in rows}

    async def versions_for(self, organisation_id: int) -> list[StoredVersion]:
        """Every shipped version and every version the organisation uploaded, oldest first."""
        rows = await self.session.scalars(
            select(QuestionnaireVersionRow)
            .where(
                or_(
                    QuestionnaireVersionRow.organisation_id.is_(None),
                    QuestionnaireVersionRow.organisation_id == organisation_id,
                )
            )
            .order_by(QuestionnaireVersionRow.id)
        )
        return [_version(r) for r in rows]

    async def add_version(
        self, questionnaire: Questionnaire, organisation_id: int | None, now: datetime, created_by: int | None
    ) -> StoredVersion:
        row = QuestionnaireVersionRow(
            key=questionnaire.key,
            organisation_id=organisation_id,
            version=questionnaire.version,
            content=questionnaire.content(),
            content_hash=questionnaire.content_hash(),
            created_at=now,
            created_by_telegram_id=created_by,
        )
        self.session.add(row)
        await self.session.flush()
        return _version(row)

    # --- responses -----------------------------------------------------------------------------------------------
    # Intake responses have no campaign; a survey's responses have one. Every intake read says so, or a survey
    # answer would be taken for an intake questionnaire (and matching would read it).

    async def response_for(self, person_id: int, organisation_id: int, role: Role) -> Response | None:
        """The person's intake response for this role here."""
        row = await self.session.scalar(
            select(QuestionnaireResponseRow).where(
                QuestionnaireResponseRow.person_id == person_id,
                QuestionnaireResponseRow.organisation_id == organisation_id,
                QuestionnaireResponseRow.role == role.value,
                QuestionnaireResponseRow.campaign_id.is_(None),
            )
        )
        return _response(row) if row else None

    async def survey_response(self, person_id: int, campaign_id: int) -> Response | None:
        row = await self.session.scalar(
            select(QuestionnaireResponseRow).where(
                QuestionnaireResponseRow.person_id == person_id, QuestionnaireResponseRow.campaign_id == campaign_id
            )
        )
        return _response(row) if row else None

    async def campaign_responses(self, campaign_id: int) -> list[Response]:
        rows = await self.session.scalars(
            select(QuestionnaireResponseRow)
            .where(QuestionnaireResponseRow.campaign_id == campaign_id)
            .order_by(QuestionnaireResponseRow.id)
        )
        return [_response(r) for r in rows]

    async def responses_in(self, organisation_id: int, person_id: int | None = None) -> list[Response]:
        """Intake responses in an organisation (or one person's there)."""
        query = select(QuestionnaireResponseRow).where(
            QuestionnaireResponseRow.organisation_id == organisation_id, QuestionnaireResponseRow.campaign_id.is_(None)
        )
        if person_id is not None:
            query = query.where(QuestionnaireResponseRow.person_id == person_id)
        rows = await self.session.scalars(query.order_by(QuestionnaireResponseRow.id))
        return [_response(r) for r in rows]

    async def get_response(self, response_id: int) -> Response | None:
        row = await self.session.get(QuestionnaireResponseRow, response_id)
        return _response(row) if row else None

    async def add_response(
        self, person_id: int, organisation_id: int, role: Role, version_id: int, now: datetime,
        campaign_id: int | None = None,
    ) -> Response:
        row = QuestionnaireResponseRow(
            person_id=person_id,
            organisation_id=organisation_id,
            role=role.value,
            questionnaire_version_id=version_id,
            started_at=now,
            campaign_id=campaign_id,
        )
        self.session.add(row)
        await self.session.flush()
        return _response(row)

    async def set_draft(self, response_id: int, question_id: str | None, picked: list[str]) -> None:
        """Keep (or with question_id None, forget) the unconfirmed ticks of a multiple-choice question."""
        self._forget(response_id)
        draft = {"question": question_id, "picked": picked} if question_id is not None else None
        await self.session.execute(
            update(QuestionnaireResponseRow).where(QuestionnaireResponseRow.id == response_id).values(draft=draft)
        )

    async def set_completed(self, response_id: int, at: datetime | None) -> None:
        self._forget(response_id)
        await self.session.execute(
            update(QuestionnaireResponseRow).where(QuestionnaireResponseRow.id == response_id).values(completed_at=at)
        )

    async def delete_for_person(self, person_id: int) -> None:
        """Every response of the person, with its answers (the foreign key cascades)."""
        self._forget()
        await self.session.execute(
            delete(QuestionnaireResponseRow).where(QuestionnaireResponseRow.person_id == person_id)
        )

    # --- answers -------------------------------------------------------------------------------------------------

    async def answers(self, response_id: int) -> dict[str, Any]:
        """question id → value; a skipped question maps to None."""
        rows = await self.session.execute(
            select(QuestionnaireAnswerRow.question_id, QuestionnaireAnswerRow.value, QuestionnaireAnswerRow.skipped)
            .where(QuestionnaireAnswerRow.response_id == response_id)
        )
        return {question_id: (None if skipped else value) for question_id, value, skipped in rows}

    async def answers_in(self, organisation_id: int, person_id: int | None = None) -> dict[int, dict[str, Any]]:
        """Every answer of the organisation's responses (or one person's there) in one query: response id →
        question id → value (None: skipped)."""
        query = (
            select(
                QuestionnaireAnswerRow.response_id,
                QuestionnaireAnswerRow.question_id,
                QuestionnaireAnswerRow.value,
                QuestionnaireAnswerRow.skipped,
            )
            .join(QuestionnaireResponseRow, QuestionnaireResponseRow.id == QuestionnaireAnswerRow.response_id)
            .where(QuestionnaireResponseRow.organisation_id == organisation_id)
        )
        if person_id is not None:
            query = query.where(QuestionnaireResponseRow.person_id == person_id)
        found: dict[int, dict[str, Any]] = {}
        for response_id, question_id, value, skipped in await self.session.execute(query):
            found.setdefault(response_id, {})[question_id] = None if skipped else value
        return found

    async def intake_answers(self, organisation_id: int) -> list[tuple[int, str, int, str, str | None]]:
        """Every answer to the organisation's intake questionnaires in one query, for matching (a whole cohort):
        (person id, role, version id, question id, the value as JSON text — None when skipped), by response.

        Plain columns, the value undecoded: a cohort has tens of thousands of answers, and tuples of strings and
        numbers are neither ORM objects nor containers the garbage collector has to walk."""
        rows = await self.session.execute(
            select(
                QuestionnaireResponseRow.person_id,
                QuestionnaireResponseRow.role,
                QuestionnaireResponseRow.questionnaire_version_id,
                QuestionnaireAnswerRow.question_id,
                cast(QuestionnaireAnswerRow.value, Text),
                QuestionnaireAnswerRow.skipped,
            )
            .join(QuestionnaireResponseRow, QuestionnaireResponseRow.id == QuestionnaireAnswerRow.response_id)
            .where(
                QuestionnaireResponseRow.organisation_id == organisation_id,
                QuestionnaireResponseRow.campaign_id.is_(None),
            )
            .order_by(QuestionnaireAnswerRow.response_id)
        )
        return [
            (person_id, role, version_id, question_id, None if skipped else value)
            for person_id, role, version_id, question_id, value, skipped in rows
        ]

    async def save_answer(self, response_id: int, question_id: str, value: Any, now: datetime) -> None:
        """Insert or replace one answer (value None: skipped) in a single statement, so a double tap cannot race."""
        self._forget(response_id)
        dialect = self.session.bind.dialect.name if self.session.bind else "sqlite"
        await self.session.execute(_SAVE_ANSWER[dialect], {
            "response_id": response_id, "question_id": question_id, "value": value, "skipped": value is None,
            "answered_at": now,
        })

    async def delete_answers(self, response_id: int, question_ids: Iterable[str]) -> None:
        self._forget(response_id)
        ids = list(question_ids)
        if ids:
            await self.session.execute(
                delete(QuestionnaireAnswerRow).where(
                    QuestionnaireAnswerRow.response_id == response_id, QuestionnaireAnswerRow.question_id.in_(ids)
                )
            )
