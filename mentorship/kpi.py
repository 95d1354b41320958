"""Programme indicators (KPIs) of the target model of mentorship, as the seed roadmaps define them, computed from
plain counts. No SQL and no Telegram here: `db/repositories/reports.py` gathers the counts, this module turns them
into values, targets and "met or not".

Every indicator carries its definition next to its code (how it is computed, in English) and where it comes from
(the seeds' indicator tables). The bot shows the title and the definition in the seeds' own words from
`locales/*/reports.ftl` (`kpi-<id>`, `kpi-<id>-def`).

Periods: an academic year runs from 1 September to 31 August and is written "2026/27"; its first half-year is
September–December (monitoring due by 20 December, seed 002 §3.4) and its second January–June (due by 20 May).
Ages for the age bands are taken on 1 January of the academic year, as the federal statistical forms count them.

Figures are additive (`Figures.__add__`), so a municipality's totals are the sums of its organisations' numerators
and denominators, never an average of percentages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

#: A respondent is satisfied when the survey's overall score (question `overall`, 1–10) is at least this.
SATISFIED_THRESHOLD = 7
#: The survey question whose answer is the overall score.
OVERALL_QUESTION = "overall"
SCORE_MIN, SCORE_MAX = 1, 10


class Unit(StrEnum):
    PERCENT = "percent"
    RATIO = "ratio"  # e.g. meetings per pair
    COUNT = "count"


class Denominator(StrEnum):
    """What the curator enters with /counts for each academic year (organisation_counts.group_key)."""

    PUPILS = "pupils"  # all learners of the organisation (pupils and students)
    PUPILS_10_19 = "pupils_10_19"  # learners aged 10–19
    PUPILS_15_19 = "pupils_15_19"  # learners aged 15–19
    TEACHERS = "teachers"  # teachers, young specialists included


#: Largest number /counts accepts (a big college has a few thousand learners; this catches a typo of extra zeros).
DENOMINATOR_MAX = 200_000
#: A target a curator sets for a year is stored beside the denominators under this prefix (`t:sat_mentees`).
TARGET_PREFIX = "t:"


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    number: int  # order in the KPI table
    unit: Unit
    #: Default target (percent, or the ratio/count), None where the seeds set none (shown for information).
    target: float | None
    #: "at_least" (value ≥ target) or "at_most" (value ≤ target).
    direction: str
    denominator: Denominator | None
    definition: str  # how it is computed (for developers; users read `definition_key`)
    source: str

    @property
    def title_key(self) -> str:
        return f"kpi-{self.id}"

    @property
    def definition_key(self) -> str:
        return f"kpi-{self.id}-def"


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="mentees_10_19", number=1, unit=Unit.PERCENT, target=20, direction="at_least",
        denominator=Denominator.PUPILS_10_19,
        definition=(
            "Share of the organisation's learners aged 10-19 who take part as mentees: mentee pupils and students "
            "aged 10-19 (age on 1 January of the academic year) with consents in place, registered before the "
            "period's end, divided by the pupils_10_19 count."
        ),
        source="seed 000, indicator 1; target: seed 002 (at least 20 % of each target group)",
    ),
    Indicator(
        id="mentors_15_19", number=2, unit=Unit.PERCENT, target=20, direction="at_least",
        denominator=Denominator.PUPILS_15_19,
        definition=(
            "Share of the organisation's learners aged 15-19 who take part as mentors: mentor pupils and students "
            "aged 15-19 with consents in place, divided by the pupils_15_19 count."
        ),
        source="seed 000, indicator 2; target: seed 002",
    ),
    Indicator(
        id="teachers", number=3, unit=Unit.PERCENT, target=20, direction="at_least",
        denominator=Denominator.TEACHERS,
        definition=(
            "Share of teachers, young specialists (0-3 years of experience) included, who take part as mentees: "
            "mentees of the teacher and young-specialist categories with consents in place, divided by the teachers "
            "count."
        ),
        source="seed 000, indicator 3; target: seed 002",
    ),
    Indicator(
        id="pupils_involved", number=4, unit=Unit.PERCENT, target=70, direction="at_least",
        denominator=Denominator.PUPILS,
        definition=(
            "Share of the organisation's learners involved in any form of mentoring, in either role, each counted "
            "once: learners with consents in place divided by the pupils count. Target: 10 % in the first year, 70 % "
            "by the programme's end."
        ),
        source="seed 003 (target: 10 %, then 70 %)",
    ),
    Indicator(
        id="sat_mentees", number=5, unit=Unit.PERCENT, target=70, direction="at_least", denominator=None,
        definition=(
            "Mentees' satisfaction: survey responses of mentees in the period whose overall score (question "
            "`overall`, 1-10) is at or above the threshold (7), divided by all mentee responses with a score."
        ),
        source="seed 000, indicator 5 (70 → 85 %)",
    ),
    Indicator(
        id="sat_mentors", number=6, unit=Unit.PERCENT, target=70, direction="at_least", denominator=None,
        definition=(
            "Mentors' satisfaction: survey responses of mentors in the period whose overall score is at or above the "
            "threshold (7), divided by all mentor responses with a score."
        ),
        source="seed 000, indicator 6 (70 → 85 %)",
    ),
    Indicator(
        id="response_mentees", number=7, unit=Unit.PERCENT, target=None, direction="at_least", denominator=None,
        definition=(
            "Mentees' response rate: invited mentees who answered the period's surveys divided by all invited "
            "mentees."
        ),
        source="monitoring (seeds 000 §5, 004 §5.1)",
    ),
    Indicator(
        id="response_mentors", number=8, unit=Unit.PERCENT, target=None, direction="at_least", denominator=None,
        definition=(
            "Mentors' response rate: invited mentors who answered the period's surveys divided by all invited "
            "mentors."
        ),
        source="monitoring (seeds 000 §5, 004 §5.1)",
    ),
    Indicator(
        id="consents", number=9, unit=Unit.PERCENT, target=100, direction="at_least", denominator=None,
        definition=(
            "Consents collected: participants whose required consents are all in place divided by all registered "
            "participants."
        ),
        source="seed 002 (100 % consents)",
    ),
    Indicator(
        id="plans", number=10, unit=Unit.PERCENT, target=90, direction="at_least", denominator=None,
        definition=(
            "Individual plans implemented: goals marked done divided by all goals of the pairs that worked in the "
            "period."
        ),
        source="seed 002 (plans implemented ≥ 90 %)",
    ),
    Indicator(
        id="meetings_per_pair", number=11, unit=Unit.RATIO, target=None, direction="at_least", denominator=None,
        definition=(
            "Meetings held per pair: meetings with the status held in the period divided by the pairs that worked in "
            "the period."
        ),
        source="seeds 000, 001, 002 (meeting stages)",
    ),
    Indicator(
        id="pairs_no_meetings", number=12, unit=Unit.COUNT, target=0, direction="at_most", denominator=None,
        definition=(
            "Pairs without meetings: pairs that worked in the period and held no meeting in it."
        ),
        source="DESIGN §2.5 (pairs without meetings alert the curator)",
    ),
)

BY_ID: dict[str, Indicator] = {i.id: i for i in INDICATORS}
#: What /counts asks for, in the order it asks.
DENOMINATORS: tuple[Denominator, ...] = (
    Denominator.PUPILS, Denominator.PUPILS_10_19, Denominator.PUPILS_15_19, Denominator.TEACHERS,
)


# --- periods ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """An academic year ("2026/27") or one of its halves (1: September–December, 2: January–June).
    `end` is exclusive. Dates are the organisation's local dates."""

    start_year: int
    half: int | None = None

    @property
    def academic_year(self) -> str:
        return academic_year_label(self.start_year)

    @property
    def start(self) -> date:
        return date(self.start_year + 1, 1, 1) if self.half == 2 else date(self.start_year, 9, 1)

    @property
    def end(self) -> date:
        if self.half == 1:
            return date(self.start_year + 1, 1, 1)
        if self.half == 2:
            return date(self.start_year + 1, 7, 1)
        return date(self.start_year + 1, 9, 1)

    @property
    def reference_date(self) -> date:
        """Ages for the age bands are counted on this day (1 January of the academic year)."""
        return date(self.start_year + 1, 1, 1)

    @property
    def code(self) -> str:
        return self.academic_year + (f"-{self.half}" if self.half else "")

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month in the period, in order."""
        out, year, month = [], self.start.year, self.start.month
        while date(year, month, 1) < self.end:
            out.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out


def academic_year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def academic_year_of(day: date) -> int:
    """The start year of the academic year `day` falls in (September starts a new one)."""
    return day.year if day.month >= 9 else day.year - 1


def current_year(today: date) -> Period:
    return Period(academic_year_of(today))


_PERIOD_RE = re.compile(r"^(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})(?:\s*[-:.]\s*([12]))?$")


def parse_period(text: str) -> Period | None:
    """"2026/27", "2026/2027", "2026/27-1" (September–December), "2026/27-2" (January–June); None if not a period."""
    match = _PERIOD_RE.match(text.strip())
    if not match:
        return None
    start, second = int(match.group(1)), match.group(2)
    expected = start + 1 if len(second) == 4 else (start + 1) % 100
    if int(second) != expected:
        return None
    if not 2000 <= start <= 2100:
        return None
    return Period(start, int(match.group(3)) if match.group(3) else None)


def age_band_bounds(reference: date, low: int, high: int) -> tuple[date, date]:
    """Birth dates (exclusive lower, inclusive upper) of people aged low..high on `reference`."""
    def years_before(years: int) -> date:
        try:
            return reference.replace(year=reference.year - years)
        except ValueError:  # 29 February
            return reference.replace(year=reference.year - years, day=28)

    return years_before(high + 1), years_before(low)


# --- figures and results ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SurveyFigures:
    """One role's surveys in a period: who was asked, who answered, and the overall scores given."""

    invited: int = 0
    answered: int = 0
    scores: Mapping[int, int] = field(default_factory=dict)  # overall score → how many responses

    def __add__(self, other: SurveyFigures) -> SurveyFigures:
        scores = dict(self.scores)
        for score, n in other.scores.items():
            scores[score] = scores.get(score, 0) + n
        return SurveyFigures(self.invited + other.invited, self.answered + other.answered, scores)

    @property
    def rated(self) -> int:
        return sum(self.scores.values())

    def satisfied(self, threshold: int = SATISFIED_THRESHOLD) -> int:
        return sum(n for score, n in self.scores.items() if score >= threshold)


@dataclass(frozen=True, slots=True)
class Figures:
    """The counts the indicators are computed from, for one organisation (or summed over several)."""

    mentees_10_19: int = 0
    mentors_15_19: int = 0
    teacher_mentees: int = 0
    learners_involved: int = 0
    participations: int = 0
    consented: int = 0
    goals: int = 0
    goals_done: int = 0
    pairs: int = 0
    pairs_without_meetings: int = 0
    meetings_held: int = 0
    mentee_surveys: SurveyFigures = field(default_factory=SurveyFigures)
    mentor_surveys: SurveyFigures = field(default_factory=SurveyFigures)
    #: Denominators entered for the year; a key is absent when not entered.
    denominators: Mapping[str, int] = field(default_factory=dict)
    #: Targets the curator set for the year (percent), overriding the defaults.
    targets: Mapping[str, float] = field(default_factory=dict)
    #: How many organisations these figures cover (1, or the number summed).
    organisations: int = 1

    def __add__(self, other: Figures) -> Figures:
        # A denominator is known for a sum only if every organisation in it entered it; a target only if all agree.
        denominators = {
            k: self.denominators[k] + other.denominators[k]
            for k in self.denominators.keys() & other.denominators.keys()
        }
        targets = {k: v for k, v in self.targets.items() if other.targets.get(k) == v}
        counts = {
            name: getattr(self, name) + getattr(other, name)
            for name in (
                "mentees_10_19", "mentors_15_19", "teacher_mentees", "learners_involved", "participations",
                "consented", "goals", "goals_done", "pairs", "pairs_without_meetings", "meetings_held",
                "mentee_surveys", "mentor_surveys", "organisations",
            )
        }
        return Figures(**counts, denominators=denominators, targets=targets)


def total(figures: Iterable[Figures]) -> Figures:
    items = list(figures)
    if not items:
        return Figures(organisations=0)
    result = items[0]
    for item in items[1:]:
        result = result + item
    return result


@dataclass(frozen=True, slots=True)
class Result:
    indicator: Indicator
    value: float | None  # None: cannot be computed (a denominator missing, or nothing to divide)
    numerator: int | float
    denominator: int | None
    target: float | None
    missing: Denominator | None = None  # the denominator the curator has not entered

    @property
    def met(self) -> bool | None:
        """True/False against the target; None when there is no target or no value."""
        if self.target is None or self.value is None:
            return None
        value = round(self.value, 1)
        return value >= self.target if self.indicator.direction == "at_least" else value <= self.target


def _percent(numerator: int, denominator: int | None) -> float | None:
    if not denominator:
        return None
    return 100.0 * numerator / denominator


def compute(figures: Figures, threshold: int = SATISFIED_THRESHOLD) -> list[Result]:
    """Every indicator's value, target and whether it is met, in table order."""
    results: list[Result] = []
    for indicator in INDICATORS:
        target = figures.targets.get(indicator.id, indicator.target)
        numerator: int | float
        denominator: int | None
        missing = None
        if indicator.denominator is not None:
            numerator = {
                "mentees_10_19": figures.mentees_10_19,
                "mentors_15_19": figures.mentors_15_19,
                "teachers": figures.teacher_mentees,
                "pupils_involved": figures.learners_involved,
            }[indicator.id]
            denominator = figures.denominators.get(indicator.denominator.value)
            if denominator is None:
                missing = indicator.denominator
            value = _percent(numerator, denominator)
        elif indicator.id in ("sat_mentees", "sat_mentors"):
            survey = figures.mentee_surveys if indicator.id == "sat_mentees" else figures.mentor_surveys
            numerator, denominator = survey.satisfied(threshold), survey.rated
            value = _percent(numerator, denominator)
        elif indicator.id in ("response_mentees", "response_mentors"):
            survey = figures.mentee_surveys if indicator.id == "response_mentees" else figures.mentor_surveys
            numerator, denominator = survey.answered, survey.invited
            value = _percent(numerator, denominator)
        elif indicator.id == "consents":
            numerator, denominator = figures.consented, figures.participations
            value = _percent(numerator, denominator)
        elif indicator.id == "plans":
            numerator, denominator = figures.goals_done, figures.goals
            value = _percent(numerator, denominator)
        elif indicator.id == "meetings_per_pair":
            numerator, denominator = figures.meetings_held, figures.pairs
            value = figures.meetings_held / figures.pairs if figures.pairs else None
        elif indicator.id == "pairs_no_meetings":
            numerator, denominator = figures.pairs_without_meetings, figures.pairs
            value = float(figures.pairs_without_meetings)
        else:  # pragma: no cover - every indicator is handled above
            raise AssertionError(indicator.id)
        results.append(Result(indicator, value, numerator, denominator, target, missing))
    return results


def missing_denominators(figures: Figures) -> list[Denominator]:
    return [d for d in DENOMINATORS if d.value not in figures.denominators]


def parse_score(raw: object) -> int | None:
    """An overall score as stored (a JSON number, or its text); None for anything that is not 1–10."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        score = raw
    elif isinstance(raw, float) and raw.is_integer():
        score = int(raw)
    elif isinstance(raw, str):
        text = raw.strip().strip('"').strip()
        if not re.fullmatch(r"\d{1,2}(\.0+)?", text):
            return None
        score = int(float(text))
    else:
        return None
    return score if SCORE_MIN <= score <= SCORE_MAX else None


def validate_count(raw: str) -> int | None:
    """A denominator as typed ("420", "1 200"); None when it is not a whole number within range."""
    text = raw.replace(" ", "").replace("\u00a0", "").replace("_", "")
    if not text.isdigit() or len(text) > 7:
        return None
    value = int(text)
    return value if value <= DENOMINATOR_MAX else None


def validate_target(raw: str) -> int | None:
    """A target in whole percent ("85", "85%"); None outside 0–100."""
    text = raw.strip().rstrip("%").strip()
    if not text.isdigit() or len(text) > 3:
        return None
    value = int(text)
    return value if value <= 100 else None
