"""Figures and reports: /counts (denominators and targets), /stats (KPIs per organisation and totals), /export.

Authority is decided here, from the actor alone, whatever the handler asked for:

* a curator sees their own organisation(s), with names (the registry is theirs);
* a coordinator sees the organisations of their municipality, as counts only: no names, birth dates or answers
  ever leave this module for them;
* anyone else is refused (`NotAllowed`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.reports import ReportRepository
from mentorship import kpi
from mentorship.counts import LEARNERS, TEACHERS, OrganisationCounts, Window, membership_total
from mentorship.clock import Clock
from mentorship.entities import Actor, Organisation
from mentorship.errors import InvalidInput, NotAllowed
from mentorship.questionnaire import Questionnaire, QuestionnaireError, answer_in_words, parse_content
from mentorship.roles import MentorshipForm, ParticipationStatus, Role

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Scope:
    """What one report covers: one organisation (a curator's, with names) or a municipality (counts only)."""

    organisations: tuple[Organisation, ...]
    municipality: str | None = None  # set for a coordinator's report

    @property
    def personal(self) -> bool:
        return self.municipality is None


def scopes(actor: Actor, organisations: Sequence[Organisation]) -> list[Scope]:
    """The reports an actor may see, given every organisation; empty for everyone else."""
    found: list[Scope] = []
    curated = set(actor.curated_organisations())
    for organisation in organisations:
        if organisation.id in curated:
            found.append(Scope((organisation,)))
    if actor.person is not None:
        municipalities = sorted(
            {m.municipality for m in actor.person.memberships if m.role == Role.COORDINATOR and m.municipality}
        )
        for municipality in municipalities:
            members = tuple(o for o in organisations if o.municipality == municipality)
            found.append(Scope(members, municipality))
    return found


async def _scopes(session: AsyncSession, actor: Actor) -> list[Scope]:
    found = scopes(actor, await OrganisationRepository(session).list())
    if not found:
        raise NotAllowed()
    return found


# --- /stats ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrganisationReport:
    organisation: Organisation
    window: Window
    counts: OrganisationCounts
    figures: kpi.Figures
    results: list[kpi.Result]


@dataclass(frozen=True, slots=True)
class CampaignPoint:
    """Satisfaction in one survey round (a coordinator's rounds of the same role and day are added up)."""

    role: str
    day: datetime
    satisfied: int
    rated: int
    invited: int
    answered: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.satisfied / self.rated if self.rated else None


@dataclass(frozen=True, slots=True)
class Report:
    scope: Scope
    period: kpi.Period
    form: MentorshipForm | None
    organisations: list[OrganisationReport]
    total: kpi.Figures
    results: list[kpi.Result]  # for the total (equal to the organisation's own for a curator)
    campaigns: list[CampaignPoint] = field(default_factory=list)
    months: list[tuple[str, int]] = field(default_factory=list)  # ("2026-10", meetings held), every month

    @property
    def personal(self) -> bool:
        return self.scope.personal

    def missing(self) -> dict[str, list[kpi.Denominator]]:
        """Organisation name → the denominators not entered for the period's year."""
        return {
            r.organisation.name: kpi.missing_denominators(r.figures)
            for r in self.organisations
            if kpi.missing_denominators(r.figures)
        }


def _survey(counts: OrganisationCounts, role: str) -> kpi.SurveyFigures:
    result = kpi.SurveyFigures()
    for campaign in counts.campaigns:
        if campaign.role != role:
            continue
        scores: dict[int, int] = {}
        for raw, n in campaign.scores.items():
            score = kpi.parse_score(_json_value(raw))
            if score is not None:
                scores[score] = scores.get(score, 0) + n
        result = result + kpi.SurveyFigures(campaign.invited, campaign.answered, scores)
    return result


def _json_value(raw: str | None) -> object:
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def figures_of(counts: OrganisationCounts) -> kpi.Figures:
    groups = counts.memberships
    active = ParticipationStatus.ACTIVE.value
    learners = [g for g in groups if g.category in LEARNERS and g.status == active]
    denominators = {k: v for k, v in counts.counts.items() if not k.startswith(kpi.TARGET_PREFIX)}
    targets = {
        k.removeprefix(kpi.TARGET_PREFIX): float(v) for k, v in counts.counts.items() if k.startswith(kpi.TARGET_PREFIX)
    }
    return kpi.Figures(
        mentees_10_19=sum(g.count for g in learners if g.role == Role.MENTEE.value and g.band_10_19),
        mentors_15_19=sum(g.count for g in learners if g.role == Role.MENTOR.value and g.band_15_19),
        teacher_mentees=sum(
            g.count for g in groups if g.role == Role.MENTEE.value and g.category in TEACHERS and g.status == active
        ),
        learners_involved=counts.learners_involved,
        participations=membership_total(groups),
        consented=membership_total(groups, status=active),
        goals=sum(counts.goals_by_status.values()),
        goals_done=counts.goals_by_status.get("done", 0),
        pairs=counts.pairs_worked,
        pairs_without_meetings=counts.pairs_without_meetings,
        meetings_held=counts.meetings_by_status.get("held", 0),
        mentee_surveys=_survey(counts, Role.MENTEE.value),
        mentor_surveys=_survey(counts, Role.MENTOR.value),
        denominators=denominators,
        targets=targets,
    )


def _campaign_points(organisations: Sequence[OrganisationReport]) -> list[CampaignPoint]:
    merged: dict[tuple[str, str], CampaignPoint] = {}
    for report in organisations:
        for campaign in report.counts.campaigns:
            survey = _survey(
                OrganisationCounts(campaigns=[campaign]), campaign.role
            )
            key = (campaign.role, campaign.opens_at.date().isoformat())
            point = CampaignPoint(
                campaign.role, campaign.opens_at, survey.satisfied(), survey.rated, survey.invited, survey.answered
            )
            if key in merged:
                old = merged[key]
                point = CampaignPoint(
                    old.role, min(old.day, point.day), old.satisfied + point.satisfied, old.rated + point.rated,
                    old.invited + point.invited, old.answered + point.answered,
                )
            merged[key] = point
    return sorted(merged.values(), key=lambda p: (p.day, p.role))


def _months(period: kpi.Period, organisations: Sequence[OrganisationReport]) -> list[tuple[str, int]]:
    held: dict[str, int] = {}
    for report in organisations:
        for month, n in report.counts.held_by_month.items():
            held[month] = held.get(month, 0) + n
    return [(f"{y:04d}-{m:02d}", held.get(f"{y:04d}-{m:02d}", 0)) for y, m in period.months()]


async def build(
    session: AsyncSession, actor: Actor, scope: Scope, period: kpi.Period, form: MentorshipForm | None
) -> Report:
    """One report; the scope must be one of the actor's own (checked again here)."""
    if not _covers(actor, scope):
        raise NotAllowed()
    repo = ReportRepository(session)
    organisations: list[OrganisationReport] = []
    for organisation in scope.organisations:
        window = Window.of(period, organisation.timezone)
        counts = await repo.organisation_counts(organisation.id, window, form.value if form else None)
        figures = figures_of(counts)
        organisations.append(OrganisationReport(organisation, window, counts, figures, kpi.compute(figures)))
    total = kpi.total(r.figures for r in organisations)
    return Report(
        scope=scope,
        period=period,
        form=form,
        organisations=organisations,
        total=total,
        results=kpi.compute(total),
        campaigns=_campaign_points(organisations),
        months=_months(period, organisations),
    )


def _covers(actor: Actor, scope: Scope) -> bool:
    if scope.personal:
        return len(scope.organisations) == 1 and actor.is_curator_of(scope.organisations[0].id)
    if actor.person is None:
        return False
    coordinated = {m.municipality for m in actor.person.memberships if m.role == Role.COORDINATOR}
    return scope.municipality in coordinated and all(o.municipality == scope.municipality for o in scope.organisations)


async def reports(
    session: AsyncSession, clock: Clock, actor: Actor, period: kpi.Period | None = None,
    form: MentorshipForm | None = None,
) -> list[Report]:
    """Every report the actor may see for the period (the current academic year by default)."""
    found = await _scopes(session, actor)
    period = period or kpi.current_year(clock.now().date())
    built = [await build(session, actor, scope, period, form) for scope in found]
    log.info("reports built actor=%s scopes=%s period=%s", actor.telegram_id, len(built), period.code)
    return built


# --- /export: sheets ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """A sheet column: its header's locale key and how to show a value (`text`, `name`, `int`, `float`, `date`,
    `datetime`, `bool`, `answer`, or `enum:<locale key prefix>`)."""

    header: str
    kind: str = "text"


Rows = Callable[[], AsyncIterator[list[tuple]]]


@dataclass(frozen=True, slots=True)
class Sheet:
    title: str  # locale key of the sheet's name
    columns: tuple[Column, ...]
    rows: Rows
    timezone: str = "UTC"


async def _single(rows: list[tuple]) -> AsyncIterator[list[tuple]]:
    yield rows


def _static(rows: list[tuple]) -> Rows:
    return lambda: _single(rows)


PARTICIPANT_COLUMNS = (
    Column("xl-col-person-id", "int"), Column("xl-col-name", "name"), Column("xl-col-birth-date", "date"),
    Column("xl-col-category", "enum:category-"), Column("xl-col-group"), Column("xl-col-role", "enum:role-"),
    Column("xl-col-form", "enum:form-"), Column("xl-col-participation", "enum:xl-participation-"),
    Column("xl-col-registered", "datetime"),
)
PAIR_COLUMNS = (
    Column("xl-col-pair", "int"), Column("xl-col-mentor", "name"), Column("xl-col-mentees"),
    Column("xl-col-form", "enum:form-"), Column("xl-col-status", "enum:pair-status-"),
    Column("xl-col-decided", "datetime"), Column("xl-col-activated", "datetime"), Column("xl-col-ended", "datetime"),
    Column("xl-col-order"), Column("xl-col-meetings-held", "int"),
)
MEETING_COLUMNS = (
    Column("xl-col-meeting", "int"), Column("xl-col-pair", "int"), Column("xl-col-mentor", "name"),
    Column("xl-col-kind", "enum:xl-meeting-kind-"), Column("xl-col-starts", "datetime"),
    Column("xl-col-minutes", "int"), Column("xl-col-online", "bool"),
    Column("xl-col-status", "enum:xl-meeting-status-"), Column("xl-col-logged", "bool"),
)
FEEDBACK_COLUMNS = (
    Column("xl-col-meeting", "int"), Column("xl-col-pair", "int"), Column("xl-col-starts", "datetime"),
    Column("xl-col-person", "name"), Column("xl-col-took-place", "enum:xl-took-"),
    Column("xl-col-usefulness", "int"), Column("xl-col-comment"), Column("xl-col-done"), Column("xl-col-next-step"),
)
SURVEY_COLUMNS = (
    Column("xl-col-campaign", "int"), Column("xl-col-role", "enum:role-"), Column("xl-col-opened", "datetime"),
    Column("xl-col-person", "name"), Column("xl-col-question"), Column("xl-col-answer", "answer"),
    Column("xl-col-answered", "datetime"),
)
CONSENT_COLUMNS = (
    Column("xl-col-person", "name"), Column("xl-col-consent", "enum:xl-consent-"),
    Column("xl-col-given-by", "enum:xl-given-"), Column("xl-col-status", "enum:xl-consent-status-"),
    Column("xl-col-version"), Column("xl-col-decided", "datetime"), Column("xl-col-withdrawn", "datetime"),
)
PLAN_COLUMNS = (
    Column("xl-col-pair", "int"), Column("xl-col-mentor", "name"), Column("xl-col-goal"),
    Column("xl-col-due", "date"), Column("xl-col-status", "enum:xl-goal-"), Column("xl-col-updated", "datetime"),
)

#: The sheets of every workbook, in order (the KPI sheet is written from the report itself).
SHEET_TITLES = (
    "xl-sheet-participants", "xl-sheet-pairs", "xl-sheet-meetings", "xl-sheet-feedback", "xl-sheet-surveys",
    "xl-sheet-consents", "xl-sheet-plans",
)


def _questionnaire(content: dict) -> Questionnaire | None:
    try:
        return parse_content(content)
    except QuestionnaireError:  # not a questionnaire this version of the code can read: ids and stored values
        return None


def _survey_answers_in_words(repo: ReportRepository, locale: str) -> Callable[..., AsyncIterator[list[tuple]]]:
    """The survey sheet's rows with each question's text and the chosen options' labels in `locale` (from the
    questionnaire version the person answered), instead of ids."""

    async def rows(org: int, window: Window, form: str | None) -> AsyncIterator[list[tuple]]:
        versions = {vid: _questionnaire(content) for vid, content in (await repo.survey_contents(org, window)).items()}
        async for partition in repo.survey_answers(org, window, form):
            yield [
                (campaign, role, opened, person, *answer_in_words(versions.get(version), question, value, locale), at)
                for campaign, role, opened, person, version, question, value, at in partition
            ]

    return rows


def detail_sheets(session: AsyncSession, actor: Actor, report: Report, locale: str) -> list[Sheet]:
    """The curator's sheets, with names, streamed from the database; survey answers in words of `locale`. Refused
    for anything but a curator's own organisation report."""
    if not report.personal or not _covers(actor, report.scope):
        raise NotAllowed()
    (org,) = report.organisations
    repo, oid, window = ReportRepository(session), org.organisation.id, org.window
    form = report.form.value if report.form else None
    tz = org.organisation.timezone
    sources = (
        (PARTICIPANT_COLUMNS, repo.participants), (PAIR_COLUMNS, repo.pairs), (MEETING_COLUMNS, repo.meetings),
        (FEEDBACK_COLUMNS, repo.feedback), (SURVEY_COLUMNS, _survey_answers_in_words(repo, locale)),
        (CONSENT_COLUMNS, repo.consents), (PLAN_COLUMNS, repo.plan_goals),
    )
    return [
        Sheet(title, columns, (lambda source=source: source(oid, window, form)), tz)
        for title, (columns, source) in zip(SHEET_TITLES, sources, strict=True)
    ]


ORG = Column("xl-col-organisation")


TOTAL = "__total__"  # the writer shows it as the locale's `xl-total`


def _org_rows(report: Report, values: Callable[[OrganisationReport], list]) -> list[tuple]:
    """One row per organisation and a total row (sums of the counts)."""
    rows = [(r.organisation.name, *values(r)) for r in report.organisations]
    if rows:
        width = len(rows[0]) - 1
        rows.append((TOTAL, *(sum(row[i + 1] or 0 for row in rows) for i in range(width))))
    return rows


def _average(total: int, count: int) -> float | None:
    return round(total / count, 1) if count else None


def count_sheets(report: Report) -> list[Sheet]:
    """The coordinator's sheets: one row per organisation and a total, counts only (no names, no answers)."""

    def participants(r: OrganisationReport) -> list:
        groups = r.counts.memberships
        return [
            membership_total(groups, role=Role.MENTEE.value), membership_total(groups, role=Role.MENTOR.value),
            *(membership_total(groups, status=s.value) for s in ParticipationStatus),
        ]

    pair_statuses = ("approved", "active", "suspended", "completed", "ended")
    meeting_statuses = ("held", "missed", "cancelled", "planned")
    goal_statuses = ("done", "in_progress", "not_started")
    consent_statuses = ("granted", "declined", "withdrawn")

    def surveys(r: OrganisationReport) -> list:
        mentee, mentor = r.figures.mentee_surveys, r.figures.mentor_surveys
        return [
            len(r.counts.campaigns), mentee.invited + mentor.invited, mentee.answered + mentor.answered,
            mentee.rated + mentor.rated, mentee.satisfied() + mentor.satisfied(),
        ]

    def feedback(r: OrganisationReport) -> list:
        return [r.counts.feedback, r.counts.usefulness_count, r.counts.usefulness_sum]

    feedback_rows = _org_rows(report, feedback)
    # The average usefulness of each row (the total's from the summed ratings, not an average of averages).
    feedback_rows = [(*row[:3], _average(row[3], row[2])) for row in feedback_rows]

    specs: list[tuple[str, tuple[Column, ...], Callable[[OrganisationReport], list]]] = [
        ("xl-sheet-participants",
         (ORG, Column("xl-col-mentees", "int"), Column("xl-col-mentors", "int"),
          *(Column(f"xl-participation-{s.value}", "int") for s in ParticipationStatus)),
         participants),
        ("xl-sheet-pairs", (ORG, *(Column(f"pair-status-{s}", "int") for s in pair_statuses)),
         lambda r: [r.counts.pairs_by_status.get(s, 0) for s in pair_statuses]),
        ("xl-sheet-meetings", (ORG, *(Column(f"xl-meeting-status-{s}", "int") for s in meeting_statuses)),
         lambda r: [r.counts.meetings_by_status.get(s, 0) for s in meeting_statuses]),
        ("xl-sheet-surveys",
         (ORG, Column("xl-col-campaigns", "int"), Column("xl-col-invited", "int"), Column("xl-col-answered-count", "int"),
          Column("xl-col-rated-count", "int"), Column("xl-col-satisfied", "int")),
         surveys),
        ("xl-sheet-consents", (ORG, *(Column(f"xl-consent-status-{s}", "int") for s in consent_statuses)),
         lambda r: [r.counts.consents_by_status.get(s, 0) for s in consent_statuses]),
        ("xl-sheet-plans", (ORG, Column("xl-col-goals", "int"), *(Column(f"xl-goal-{s}", "int") for s in goal_statuses)),
         lambda r: [sum(r.counts.goals_by_status.values()), *(r.counts.goals_by_status.get(s, 0) for s in goal_statuses)]),
    ]
    built = [Sheet(title, columns, _static(_org_rows(report, values))) for title, columns, values in specs]
    feedback_sheet = Sheet(
        "xl-sheet-feedback",
        (ORG, Column("xl-col-feedback-count", "int"), Column("xl-col-rated-count", "int"),
         Column("xl-col-usefulness-avg", "float")),
        _static(feedback_rows),
    )
    built.insert(3, feedback_sheet)
    return built


def sheets(session: AsyncSession, actor: Actor, report: Report, locale: str) -> list[Sheet]:
    """The workbook's data sheets for this actor: details for a curator, counts for a coordinator."""
    if report.personal:
        return detail_sheets(session, actor, report, locale)
    if not _covers(actor, report.scope):
        raise NotAllowed()
    return count_sheets(report)


async def record_export(session: AsyncSession, clock: Clock, actor: Actor, report: Report) -> None:
    """Who took which workbook (ids only). The handler sends the workbook only once this is committed: personal
    data leaves the bot only on the record."""
    await AuditRepository(session).record(
        at=clock.now(), actor_telegram_id=actor.telegram_id, action="report.export",
        organisation_id=report.organisations[0].organisation.id if report.personal and report.organisations else None,
        object_type="organisation" if report.personal else "municipality",
        period=report.period.code, form=report.form.value if report.form else None, personal=report.personal,
        organisations=len(report.organisations),
    )


# --- /counts --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountsView:
    organisation: Organisation
    period: kpi.Period
    values: dict[str, int]  # denominators entered
    targets: dict[str, int]  # targets set for the year

    @property
    def missing(self) -> list[kpi.Denominator]:
        return [d for d in kpi.DENOMINATORS if d.value not in self.values]


def _curated(session_orgs: Sequence[Organisation], actor: Actor) -> list[Organisation]:
    mine = [o for o in session_orgs if actor.is_curator_of(o.id)]
    if not mine:
        raise NotAllowed()
    return mine


async def counts(
    session: AsyncSession, clock: Clock, actor: Actor, period: kpi.Period | None = None
) -> list[CountsView]:
    organisations = _curated(await OrganisationRepository(session).list(actor.curated_organisations()), actor)
    period = period or kpi.current_year(clock.now().date())
    repo = ReportRepository(session)
    views = []
    for organisation in organisations:
        stored = await repo.counts_for_year(organisation.id, period.academic_year)
        views.append(
            CountsView(
                organisation, kpi.Period(period.start_year),
                {k: v for k, v in stored.items() if not k.startswith(kpi.TARGET_PREFIX)},
                {k.removeprefix(kpi.TARGET_PREFIX): v for k, v in stored.items() if k.startswith(kpi.TARGET_PREFIX)},
            )
        )
    return views


TARGETABLE = tuple(i.id for i in kpi.INDICATORS if i.unit == kpi.Unit.PERCENT)


async def set_count(
    session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int, period: kpi.Period, key: str,
    raw: str, *, target: bool = False,
) -> CountsView:
    """Enter a denominator (or, with `target`, a target in percent) for the academic year; "-" removes it."""
    if not actor.is_curator_of(organisation_id):
        raise NotAllowed()
    if target:
        if key not in TARGETABLE:
            raise InvalidInput("counts-unknown-target", known=", ".join(TARGETABLE))
        group_key = kpi.TARGET_PREFIX + key
        value = None if raw == "-" else kpi.validate_target(raw)
        if value is None and raw != "-":
            raise InvalidInput("counts-bad-target")
    else:
        if key not in {d.value for d in kpi.DENOMINATORS}:
            raise InvalidInput("counts-unknown-key", known=", ".join(d.value for d in kpi.DENOMINATORS))
        group_key = key
        value = None if raw == "-" else kpi.validate_count(raw)
        if value is None and raw != "-":
            raise InvalidInput("counts-bad-number", max=kpi.DENOMINATOR_MAX)
    repo = ReportRepository(session)
    now = clock.now()
    year = period.academic_year
    if value is None:
        await repo.delete_count(organisation_id, year, group_key)
    else:
        await repo.set_count(organisation_id, year, group_key, value, now=now, by=actor.telegram_id)
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="counts.set", organisation_id=organisation_id,
        object_type="organisation", object_id=organisation_id, year=year, key=group_key, value=value,
    )
    log.info("counts set organisation_id=%s year=%s key=%s", organisation_id, year, group_key)
    views = await counts(session, clock, actor, period)
    return next(v for v in views if v.organisation.id == organisation_id)
