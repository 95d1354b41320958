"""Counts for the programme's figures and rows for the workbook, read with aggregate SQL.

Every figure is one GROUP BY (or COUNT) over an organisation's rows, so /stats costs a dozen statements whatever the
organisation's size. The workbook's detail sheets are streamed in partitions, so memory does not grow with the
number of rows. Nothing here commits, and nothing returns ORM rows: figures come back as mentorship.counts
dataclasses, sheet rows as plain tuples.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, and_, case, cast, distinct, exists, false, func, or_, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement, Select
from sqlalchemy.sql.expression import ColumnClause

from db.base import UTCDateTime
from db.models import (
    ConsentRow,
    MeetingFeedbackRow,
    MeetingRow,
    MembershipRow,
    OrganisationCountRow,
    PairMenteeRow,
    PairRow,
    PersonRow,
    PlanGoalRow,
    QuestionnaireAnswerRow,
    QuestionnaireResponseRow,
    QuestionnaireVersionRow,
    SurveyCampaignRow,
    SurveyInvitationRow,
)
from mentorship.counts import LEARNERS, CampaignCounts, MembershipGroup, OrganisationCounts, Window
from mentorship.kpi import OVERALL_QUESTION, age_band_bounds
from mentorship.roles import ParticipationStatus, Role

PARTICIPANT_ROLES = (Role.MENTEE.value, Role.MENTOR.value)
#: Pairs that did work at some point (approved ones wait for consents; proposals and rejections never worked).
WORKED = ("active", "suspended", "completed", "ended")
#: Rows per partition when streaming a sheet.
CHUNK = 2000


def _in_form(person: ColumnElement, organisation_id: int, form: str | None) -> ColumnElement[bool]:
    """The person takes part in `form` in the organisation: their membership says so, or a pair of theirs is in it.
    Aliased tables, so the subqueries never correlate with the same tables in the outer query."""
    membership, pair, pair_mentee = aliased(MembershipRow), aliased(PairRow), aliased(PairMenteeRow)
    pair_in_form = and_(pair.organisation_id == organisation_id, pair.form == form, pair.status.in_(WORKED))
    return or_(
        select(membership.id).where(
            membership.person_id == person, membership.organisation_id == organisation_id, membership.form == form,
        ).exists(),
        select(pair_mentee.pair_id).join(pair, pair.id == pair_mentee.pair_id).where(
            pair_mentee.mentee_person_id == person, pair_in_form
        ).exists(),
        select(pair.id).where(pair.mentor_person_id == person, pair_in_form).exists(),
    )


def _worked_in(window: Window) -> ColumnElement[bool]:
    return and_(
        PairRow.status.in_(WORKED),
        PairRow.activated_at.is_not(None),
        PairRow.activated_at < window.end,
        or_(PairRow.ended_at.is_(None), PairRow.ended_at >= window.start),
    )


def _existed_in(window: Window) -> ColumnElement[bool]:
    return and_(
        PairRow.status != "proposed",
        PairRow.created_at < window.end,
        or_(PairRow.ended_at.is_(None), PairRow.ended_at >= window.start),
    )


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @property
    def _dialect(self) -> str:
        return self.session.bind.dialect.name if self.session.bind is not None else "sqlite"

    # --- organisations in scope -----------------------------------------------------------------------------------

    async def counts_for_year(self, organisation_id: int, academic_year: str) -> dict[str, int]:
        rows = await self.session.execute(
            select(OrganisationCountRow.group_key, OrganisationCountRow.value).where(
                OrganisationCountRow.organisation_id == organisation_id,
                OrganisationCountRow.academic_year == academic_year,
            )
        )
        return {key: value for key, value in rows}

    async def set_count(
        self, organisation_id: int, academic_year: str, group_key: str, value: int, *, now: datetime, by: int
    ) -> None:
        row = await self.session.get(OrganisationCountRow, (organisation_id, academic_year, group_key))
        if row is None:
            self.session.add(
                OrganisationCountRow(
                    organisation_id=organisation_id, academic_year=academic_year, group_key=group_key, value=value,
                    updated_at=now, updated_by_telegram_id=by,
                )
            )
        else:
            row.value, row.updated_at, row.updated_by_telegram_id = value, now, by
        await self.session.flush()

    async def delete_count(self, organisation_id: int, academic_year: str, group_key: str) -> bool:
        row = await self.session.get(OrganisationCountRow, (organisation_id, academic_year, group_key))
        if row is None:
            return False
        await self.session.delete(row)
        await self.session.flush()
        return True

    # --- figures --------------------------------------------------------------------------------------------------

    async def organisation_counts(self, organisation_id: int, window: Window, form: str | None) -> OrganisationCounts:
        out = OrganisationCounts()
        org = organisation_id
        period = window.period
        member_in_form = [_in_form(MembershipRow.person_id, org, form)] if form else []

        # Memberships by role, category, consent status and age band (age on 1 January of the academic year).
        low10, high10 = age_band_bounds(period.reference_date, 10, 19)
        low15, high15 = age_band_bounds(period.reference_date, 15, 19)
        band10 = case((and_(PersonRow.date_of_birth > low10, PersonRow.date_of_birth <= high10), 1), else_=0)
        band15 = case((and_(PersonRow.date_of_birth > low15, PersonRow.date_of_birth <= high15), 1), else_=0)
        rows = await self.session.execute(
            select(
                MembershipRow.role.label("role"), PersonRow.category.label("category"),
                MembershipRow.status.label("status"), band10.label("b10"), band15.label("b15"),
                func.count().label("n"),
            )
            .join(PersonRow, PersonRow.id == MembershipRow.person_id)
            .where(
                MembershipRow.organisation_id == org, MembershipRow.role.in_(PARTICIPANT_ROLES),
                MembershipRow.created_at < window.end, *member_in_form,
            )
            .group_by("role", "category", "status", "b10", "b15")
        )
        out.memberships = [MembershipGroup(r, c, s, bool(b10), bool(b15), n) for r, c, s, b10, b15, n in rows]

        out.learners_involved = await self.session.scalar(
            select(func.count(distinct(MembershipRow.person_id)))
            .join(PersonRow, PersonRow.id == MembershipRow.person_id)
            .where(
                MembershipRow.organisation_id == org, MembershipRow.role.in_(PARTICIPANT_ROLES),
                MembershipRow.status == ParticipationStatus.ACTIVE.value, MembershipRow.created_at < window.end,
                PersonRow.category.in_(LEARNERS), *member_in_form,
            )
        ) or 0

        pair_form = [PairRow.form == form] if form else []
        held_in_window = exists().where(
            MeetingRow.pair_id == PairRow.id, MeetingRow.status == "held",
            MeetingRow.starts_at >= window.start, MeetingRow.starts_at < window.end,
        )
        worked, without = (
            await self.session.execute(
                select(func.count(), func.coalesce(func.sum(case((held_in_window, 0), else_=1)), 0)).where(
                    PairRow.organisation_id == org, _worked_in(window), *pair_form
                )
            )
        ).one()
        out.pairs_worked, out.pairs_without_meetings = int(worked), int(without)

        rows = await self.session.execute(
            select(PairRow.status, func.count())
            .where(PairRow.organisation_id == org, _existed_in(window), *pair_form)
            .group_by(PairRow.status)
        )
        out.pairs_by_status = {s: n for s, n in rows}

        meeting_filter = [
            MeetingRow.organisation_id == org, MeetingRow.starts_at >= window.start, MeetingRow.starts_at < window.end,
        ]
        meeting_query: Select = select(MeetingRow.status, func.count()).where(*meeting_filter)
        if form:
            meeting_query = meeting_query.join(PairRow, PairRow.id == MeetingRow.pair_id).where(*pair_form)
        rows = await self.session.execute(meeting_query.group_by(MeetingRow.status))
        out.meetings_by_status = {s: n for s, n in rows}

        month = self._month(MeetingRow.starts_at, window).label("month")
        month_query: Select = select(month, func.count()).where(*meeting_filter, MeetingRow.status == "held")
        if form:
            month_query = month_query.join(PairRow, PairRow.id == MeetingRow.pair_id).where(*pair_form)
        rows = await self.session.execute(month_query.group_by("month"))
        out.held_by_month = {m: n for m, n in rows}

        rows = await self.session.execute(
            select(PlanGoalRow.status, func.count())
            .join(PairRow, PairRow.id == PlanGoalRow.pair_id)
            .where(PairRow.organisation_id == org, _worked_in(window), *pair_form)
            .group_by(PlanGoalRow.status)
        )
        out.goals_by_status = {s: n for s, n in rows}

        feedback_query: Select = (
            select(func.count(MeetingFeedbackRow.id), func.coalesce(func.sum(MeetingFeedbackRow.usefulness), 0),
                   func.count(MeetingFeedbackRow.usefulness))
            .join(MeetingRow, MeetingRow.id == MeetingFeedbackRow.meeting_id)
            .where(*meeting_filter)
        )
        if form:
            feedback_query = feedback_query.join(PairRow, PairRow.id == MeetingRow.pair_id).where(*pair_form)
        out.feedback, out.usefulness_sum, out.usefulness_count = (
            int(v) for v in (await self.session.execute(feedback_query)).one()
        )

        out.campaigns = await self._campaigns(org, window, form)

        consent_query: Select = select(ConsentRow.status, func.count()).where(
            ConsentRow.organisation_id == org, ConsentRow.decided_at < window.end
        )
        if form:
            consent_query = consent_query.where(_in_form(ConsentRow.subject_person_id, org, form))
        rows = await self.session.execute(consent_query.group_by(ConsentRow.status))
        out.consents_by_status = {s: n for s, n in rows}

        out.counts = await self.counts_for_year(org, period.academic_year)
        return out

    async def _campaigns(self, org: int, window: Window, form: str | None) -> list[CampaignCounts]:
        campaigns = (
            await self.session.execute(
                select(SurveyCampaignRow.id, SurveyCampaignRow.role, SurveyCampaignRow.opens_at)
                .where(
                    SurveyCampaignRow.organisation_id == org, SurveyCampaignRow.opens_at >= window.start,
                    SurveyCampaignRow.opens_at < window.end,
                )
                .order_by(SurveyCampaignRow.opens_at, SurveyCampaignRow.id)
            )
        ).all()
        if not campaigns:
            return []
        ids = [c[0] for c in campaigns]
        invited_query: Select = (
            select(SurveyInvitationRow.campaign_id, func.count(), func.count(SurveyInvitationRow.answered_at))
            .where(SurveyInvitationRow.campaign_id.in_(ids))
            .group_by(SurveyInvitationRow.campaign_id)
        )
        if form:
            invited_query = invited_query.where(_in_form(SurveyInvitationRow.person_id, org, form))
        invited = {cid: (n, answered) for cid, n, answered in await self.session.execute(invited_query)}
        value = cast(QuestionnaireAnswerRow.value, String).label("score_text")
        score_query: Select = (
            select(QuestionnaireResponseRow.campaign_id.label("campaign"), value, func.count())
            .join(QuestionnaireAnswerRow, QuestionnaireAnswerRow.response_id == QuestionnaireResponseRow.id)
            .where(
                QuestionnaireResponseRow.campaign_id.in_(ids), QuestionnaireAnswerRow.question_id == OVERALL_QUESTION,
                QuestionnaireAnswerRow.skipped == false(),
            )
            .group_by("campaign", "score_text")
        )
        if form:
            score_query = score_query.where(_in_form(QuestionnaireResponseRow.person_id, org, form))
        scores: dict[int, dict[str, int]] = {}
        for cid, raw, n in await self.session.execute(score_query):
            scores.setdefault(cid, {})[raw] = n
        return [
            CampaignCounts(cid, role, opens_at, *invited.get(cid, (0, 0)), scores=scores.get(cid, {}))
            for cid, role, opens_at in campaigns
        ]

    def _month(self, column: Any, window: Window) -> ColumnElement[str]:
        """"YYYY-MM" of a UTC timestamp in the organisation's time zone."""
        if self._dialect == "postgresql":
            return func.to_char(func.timezone(window.timezone, column), "YYYY-MM")
        # SQLite keeps UTC text and knows no zone names; Russian zones have had no daylight saving since 2014, so
        # the offset at the period's start is the offset.
        offset = window.start.astimezone(ZoneInfo(window.timezone)).utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset else 0
        return func.strftime("%Y-%m", column, f"{minutes:+d} minutes")

    # --- the curator's workbook: detail rows, streamed ----------------------------------------------------------

    async def _stream(self, query: Select) -> AsyncIterator[list[tuple]]:
        """Rows in partitions of CHUNK from a server-side cursor, through Core (plain column values: no ORM
        identity map or entity loading for what are only columns). Timestamps come as the driver gives them, without
        `UTCDateTime`'s per-value step: aware UTC on PostgreSQL, naive UTC on SQLite (the workbook reads naive as
        UTC)."""
        columns = [
            type_coerce(c, c.type.impl).label(c.key) if isinstance(c, ColumnClause) and isinstance(c.type, UTCDateTime)
            else c for c in query.selected_columns
        ]
        query = query.with_only_columns(*columns, maintain_column_froms=True)
        connection = await self.session.connection()
        result = await connection.stream(query.execution_options(yield_per=CHUNK))
        async for partition in result.partitions(CHUNK):
            yield list(map(tuple, partition))

    def participants(self, org: int, window: Window, form: str | None) -> AsyncIterator[list[tuple]]:
        """id, name, birth date, category, class, role, form, status, registered.

        The form is the invitation's, or — for someone invited for any form — the form of their latest pair."""
        pair, pair_mentee = aliased(PairRow), aliased(PairMenteeRow)
        in_pair = or_(
            and_(MembershipRow.role == Role.MENTOR.value, pair.mentor_person_id == MembershipRow.person_id),
            and_(MembershipRow.role == Role.MENTEE.value, select(pair_mentee.pair_id).where(
                pair_mentee.pair_id == pair.id, pair_mentee.mentee_person_id == MembershipRow.person_id,
            ).correlate_except(pair_mentee).exists()),
        )
        paired_form = (
            select(pair.form)
            .where(pair.organisation_id == MembershipRow.organisation_id, pair.status.in_(WORKED), in_pair)
            .order_by(pair.activated_at.desc(), pair.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        query = (
            select(
                PersonRow.id, PersonRow.full_name, PersonRow.date_of_birth, PersonRow.category,
                PersonRow.group_name, MembershipRow.role, func.coalesce(MembershipRow.form, paired_form),
                MembershipRow.status, MembershipRow.created_at,
            )
            .join(PersonRow, PersonRow.id == MembershipRow.person_id)
            .where(
                MembershipRow.organisation_id == org, MembershipRow.role.in_(PARTICIPANT_ROLES),
                MembershipRow.created_at < window.end,
            )
            .order_by(MembershipRow.role, PersonRow.full_name, MembershipRow.id)
        )
        if form:
            query = query.where(_in_form(MembershipRow.person_id, org, form))
        return self._stream(query)

    def pairs(self, org: int, window: Window, form: str | None) -> AsyncIterator[list[tuple]]:
        """id, mentor, mentees, form, status, approved, active from, ended, order number, meetings held."""
        mentor = PersonRow.__table__.alias("mentor")
        mentee = PersonRow.__table__.alias("mentee")
        mentees = (
            select(func.aggregate_strings(func.coalesce(mentee.c.full_name, "—"), ", "))
            .select_from(PairMenteeRow.__table__.join(mentee, mentee.c.id == PairMenteeRow.mentee_person_id))
            .where(PairMenteeRow.pair_id == PairRow.id)
            .scalar_subquery()
        )
        held = (
            select(func.count())
            .where(
                MeetingRow.pair_id == PairRow.id, MeetingRow.status == "held",
                MeetingRow.starts_at >= window.start, MeetingRow.starts_at < window.end,
            )
            .scalar_subquery()
        )
        query = (
            select(
                PairRow.id, mentor.c.full_name, mentees, PairRow.form, PairRow.status, PairRow.decided_at,
                PairRow.activated_at, PairRow.ended_at, PairRow.order_number, held,
            )
            .join(mentor, mentor.c.id == PairRow.mentor_person_id)
            .where(PairRow.organisation_id == org, _existed_in(window), PairRow.status != "rejected")
            .order_by(PairRow.id)
        )
        if form:
            query = query.where(PairRow.form == form)
        return self._stream(query)

    def meetings(self, org: int, window: Window, form: str | None) -> AsyncIterator[list[tuple]]:
        """id, pair, mentor, kind, starts, minutes, online, status, logged afterwards."""
        query = (
            select(
                MeetingRow.id, MeetingRow.pair_id, PersonRow.full_name, MeetingRow.kind, MeetingRow.starts_at,
                MeetingRow.duration_minutes, MeetingRow.online, MeetingRow.status, MeetingRow.logged,
            )
            .join(PairRow, PairRow.id == MeetingRow.pair_id)
            .join(PersonRow, PersonRow.id == PairRow.mentor_person_id)
            .where(
                MeetingRow.organisation_id == org, MeetingRow.starts_at >= window.start,
                MeetingRow.starts_at < window.end,
            )
            .order_by(MeetingRow.starts_at, MeetingRow.id)
        )
        if form:
            query = query.where(PairRow.form == form)
        return self._stream(query)

    def feedback(self, org: int, window: Window, form: str | None) -> AsyncIterator[list[tuple]]:
        """meeting, pair, meeting start, who, took place, usefulness, comment, what was done, next step."""
        query = (
            select(
                MeetingRow.id, MeetingRow.pair_id, MeetingRow.starts_at, PersonRow.full_name,
                MeetingFeedbackRow.took_place, MeetingFeedbackRow.usefulness, MeetingFeedbackRow.comment,
                MeetingFeedbackRow.done, MeetingFeedbackRow.next_step,
            )
            .join(MeetingRow, MeetingRow.id == MeetingFeedbackRow.meeting_id)
            .join(PersonRow, PersonRow.id == MeetingFeedbackRow.person_id)
            .where(
                MeetingRow.organisation_id == org, MeetingRow.starts_at >= window.start,
                MeetingRow.starts_at < window.end,
            )
            .order_by(MeetingRow.starts_at, MeetingRow.id, MeetingFeedbackRow.id)
        )
        if form:
            query = query.join(PairRow, PairRow.id == MeetingRow.pair_id).where(PairRow.form == form)
        return self._stream(query)

    async def survey_contents(self, org: int, window: Window) -> dict[int, dict[str, Any]]:
        """The stored content of every questionnaire version answered in the organisation's campaigns of the window,
        by version id (a handful: one per survey and version)."""
        used = (
            select(QuestionnaireResponseRow.questionnaire_version_id)
            .join(SurveyCampaignRow, SurveyCampaignRow.id == QuestionnaireResponseRow.campaign_id)
            .where(SurveyCampaignRow.organisation_id == org, SurveyCampaignRow.opens_at >= window.start,
                   SurveyCampaignRow.opens_at < window.end)
        )
        found = await self.session.execute(
            select(QuestionnaireVersionRow.id, QuestionnaireVersionRow.content).where(QuestionnaireVersionRow.id.in_(used))
        )
        return {vid: content for vid, content in found.all()}

    def survey_answers(self, org: int, window: Window, form: str | None) -> AsyncIterator[list[tuple]]:
        """campaign, role, opened, respondent, questionnaire version, question, answer (as stored), answered at."""
        query = (
            select(
                SurveyCampaignRow.id, SurveyCampaignRow.role, SurveyCampaignRow.opens_at, PersonRow.full_name,
                QuestionnaireResponseRow.questionnaire_version_id, QuestionnaireAnswerRow.question_id,
                QuestionnaireAnswerRow.value, QuestionnaireAnswerRow.answered_at,
            )
            .join(QuestionnaireResponseRow, QuestionnaireResponseRow.campaign_id == SurveyCampaignRow.id)
            .join(QuestionnaireAnswerRow, QuestionnaireAnswerRow.response_id == QuestionnaireResponseRow.id)
            .join(PersonRow, PersonRow.id == QuestionnaireResponseRow.person_id)
            .where(
                SurveyCampaignRow.organisation_id == org, SurveyCampaignRow.opens_at >= window.start,
                SurveyCampaignRow.opens_at < window.end, QuestionnaireAnswerRow.skipped == false(),
            )
            .order_by(SurveyCampaignRow.opens_at, SurveyCampaignRow.id, QuestionnaireResponseRow.id,
                      QuestionnaireAnswerRow.id)
        )
        if form:
            query = query.where(_in_form(QuestionnaireResponseRow.person_id, org, form))
        return self._stream(query)

    def consents(self, org: int, window: Window, form: str | None) -> AsyncIterator[list[tuple]]:
        """person, kind, given by, status, text version, decided, withdrawn."""
        query = (
            select(
                PersonRow.full_name, ConsentRow.kind, ConsentRow.given_by, ConsentRow.status, ConsentRow.version,
                ConsentRow.decided_at, ConsentRow.withdrawn_at,
            )
            .join(PersonRow, PersonRow.id == ConsentRow.subject_person_id)
            .where(ConsentRow.organisation_id == org, ConsentRow.decided_at < window.end)
            .order_by(PersonRow.full_name, ConsentRow.id)
        )
        if form:
            query = query.where(_in_form(ConsentRow.subject_person_id, org, form))
        return self._stream(query)

    def plan_goals(self, org: int, window: Window, form: str | None) -> AsyncIterator[list[tuple]]:
        """pair, mentor, goal, due, status, updated."""
        query = (
            select(
                PlanGoalRow.pair_id, PersonRow.full_name, PlanGoalRow.title, PlanGoalRow.due_date,
                PlanGoalRow.status, PlanGoalRow.updated_at,
            )
            .join(PairRow, PairRow.id == PlanGoalRow.pair_id)
            .join(PersonRow, PersonRow.id == PairRow.mentor_person_id)
            .where(PairRow.organisation_id == org, _existed_in(window))
            .order_by(PlanGoalRow.pair_id, PlanGoalRow.position, PlanGoalRow.id)
        )
        if form:
            query = query.where(PairRow.form == form)
        return self._stream(query)
