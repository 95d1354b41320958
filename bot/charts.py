"""The /stats picture: coverage against target, satisfaction per survey round over time, meetings held per month.

`chart_data` turns a report into plain series (tested on its own); `render_png` draws them with matplotlib's
object API on the Agg canvas (no pyplot, no global state, so it is safe in a worker thread).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from mentorship.services.reports import Report

#: The indicators drawn as "coverage against target" bars, in this order.
COVERAGE = ("mentees_10_19", "mentors_15_19", "teachers", "pupils_involved", "consents", "plans")
ROLES = ("mentee", "mentor")


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float | None  # None: cannot be computed (drawn empty, with `note` saying why)
    target: float | None
    note: str = ""  # why there is no value: the headcount not entered, or nothing to count yet


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    x: list[str]  # dates of survey rounds, "dd.mm.yyyy"
    y: list[float]


@dataclass(frozen=True, slots=True)
class ChartData:
    title: str
    coverage_title: str
    coverage: list[Bar]
    target_label: str
    satisfaction_title: str
    satisfaction: list[Series]
    satisfaction_target: float | None
    meetings_title: str
    months: list[str]  # "10.2026"
    meetings: list[int]
    empty_label: str = ""
    value_label: str = ""
    meetings_empty_label: str = ""
    notes: list[str] = field(default_factory=list)


def chart_data(report: Report, t: Callable[..., str], title: str) -> ChartData:
    results = {r.indicator.id: r for r in report.results}
    coverage = [
        Bar(t(f"kpi-{i}-short"), None if results[i].value is None else round(results[i].value, 1), results[i].target,
            "" if results[i].value is not None else _why_no_value(results[i].missing is not None, i, t))
        for i in COVERAGE
    ]
    satisfaction: list[Series] = []
    for role in ROLES:
        points = [p for p in report.campaigns if p.role == role and p.percent is not None]
        if points:
            satisfaction.append(
                Series(t(f"chart-sat-{role}"), [p.day.strftime("%d.%m.%Y") for p in points],
                       [round(p.percent, 1) for p in points])  # type: ignore[arg-type]
            )
    return ChartData(
        title=title,
        coverage_title=t("chart-coverage"),
        coverage=coverage,
        target_label=t("chart-target"),
        satisfaction_title=t("chart-satisfaction"),
        satisfaction=satisfaction,
        satisfaction_target=results["sat_mentees"].target,
        meetings_title=t("chart-meetings"),
        months=[f"{month[5:]}.{month[:4]}" for month, _ in report.months],
        meetings=[n for _, n in report.months],
        empty_label=t("chart-no-data"),
        value_label=t("chart-value"),
        meetings_empty_label=t("chart-no-meetings"),
    )


def _why_no_value(denominator_missing: bool, indicator: str, t: Callable[..., str]) -> str:
    if denominator_missing:
        return t("chart-no-denominator")
    return t("chart-nothing-to-count", indicator=indicator)


def render_png(data: ChartData) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = build_figure(data)
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def build_figure(data: ChartData):
    """The three panels on one matplotlib Figure (returned for the tests to inspect its axes)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(9, 11), dpi=100, layout="constrained")
    figure.suptitle(data.title, fontsize=13)
    coverage_axes, satisfaction_axes, meetings_axes = figure.subplots(3, 1)

    labels = [b.label for b in data.coverage]
    values = [b.value or 0.0 for b in data.coverage]
    positions = list(range(len(labels)))
    coverage_axes.barh(positions, values, color="#4c78a8", label=data.value_label)
    for position, bar in zip(positions, data.coverage, strict=True):
        text = bar.note if bar.value is None else f"{bar.value:g} %"
        coverage_axes.text((bar.value or 0) + 1, position, text, va="center", fontsize=9,
                           style="italic" if bar.value is None else "normal")
        if bar.target is not None:
            coverage_axes.plot([bar.target, bar.target], [position - 0.4, position + 0.4], color="#e45756", linewidth=2,
                               label=data.target_label if position == 0 else "_nolegend_")
    coverage_axes.set_yticks(positions, labels)
    coverage_axes.invert_yaxis()
    coverage_axes.set_xlim(0, 110)
    coverage_axes.set_title(data.coverage_title)
    coverage_axes.legend(loc="lower right", fontsize=8)

    satisfaction_axes.set_title(data.satisfaction_title)
    satisfaction_axes.set_ylim(0, 105)
    if data.satisfaction:
        for series in data.satisfaction:
            satisfaction_axes.plot(series.x, series.y, marker="o", label=series.label)
            for x, y in zip(series.x, series.y, strict=True):
                satisfaction_axes.annotate(f"{y:g} %", (x, y), textcoords="offset points", xytext=(0, 6),
                                           ha="center", fontsize=8)
        if data.satisfaction_target is not None:
            satisfaction_axes.axhline(data.satisfaction_target, color="#e45756", linestyle="--", label=data.target_label)
        satisfaction_axes.legend(fontsize=8)
    else:
        _say_empty(satisfaction_axes, data.empty_label)

    meetings_axes.set_title(data.meetings_title)
    meetings_axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    if any(data.meetings):
        bars = meetings_axes.bar(data.months, data.meetings, color="#54a24b", label=data.meetings_title)
        meetings_axes.bar_label(bars, labels=[str(n) if n else "" for n in data.meetings], fontsize=8)
        meetings_axes.set_ylim(0, max(data.meetings) * 1.15 + 0.5)
        meetings_axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    else:
        # Nothing to draw: an empty panel would get matplotlib's default axis around zero (-0.045 … 0.045).
        meetings_axes.set_ylim(0, 1)
        _say_empty(meetings_axes, data.meetings_empty_label)
    return figure


def _say_empty(axes, label: str) -> None:
    axes.set_xticks([])
    axes.set_yticks([])
    axes.text(0.5, 0.5, label, ha="center", va="center", transform=axes.transAxes, fontsize=11, color="#555555")
