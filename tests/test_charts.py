"""The /stats chart says "no data" instead of drawing empty axes, tells a missing headcount from nothing to count,
and labels every mark — checked on the figure itself, in Russian and English."""

from __future__ import annotations

import pytest

from bot.charts import build_figure, chart_data, render_png
from mentorship import kpi
from mentorship.services import reports
from mentorship.services.people import load_actor
from tests.conftest import ADMIN_ID
from tests.flows import organisation_with_curator
from tests.world import translator_for

CURATOR = 2001
PNG = b"\x89PNG\r\n\x1a\n"


def _texts(axes) -> list[str]:
    return [text.get_text() for text in axes.texts]


@pytest.mark.parametrize(("locale", "no_meetings", "no_headcount", "no_goals"), [
    ("ru", "встреч в периоде не было", "нет знаменателя", "целей в планах пока нет"),
    ("en", "no meetings held in the period", "no denominator", "no plan goals yet"),
], ids=["ru", "en"])
async def test_an_organisation_with_no_meetings_gets_a_readable_chart(harness, locale, no_meetings, no_headcount,
                                                                     no_goals):
    admin, curator = harness.user(ADMIN_ID), harness.user(CURATOR)
    await organisation_with_curator(harness, admin, curator)
    async with harness.app.session_factory() as session:
        actor = await load_actor(session, CURATOR, frozenset())
        (report,) = await reports.reports(session, harness.clock, actor, kpi.Period(2026), None)
    data = chart_data(report, translator_for().bind(locale), "Школа № 5")
    assert data.meetings and not any(data.meetings)

    coverage, satisfaction, meetings = build_figure(data).axes
    bottom, top = meetings.get_ylim()
    assert bottom == 0 and top > 0, (bottom, top)  # not matplotlib's -0.045 … 0.045 around nothing
    assert any(no_meetings in text for text in _texts(meetings)), _texts(meetings)
    assert not meetings.patches  # no bars of height zero pretending to be data

    notes = _texts(coverage)
    assert sum(no_headcount in note for note in notes) == 4, notes  # the four coverage shares lack a headcount
    assert sum(no_goals in note for note in notes) == 1, notes
    assert "?" not in notes
    legend = [text.get_text() for text in coverage.get_legend().get_texts()]
    assert sorted(legend) == sorted([data.value_label, data.target_label])
    assert satisfaction.texts and data.empty_label in _texts(satisfaction)
    assert render_png(data)[:8] == PNG


def test_satisfaction_points_and_meeting_bars_carry_their_values():
    t = translator_for().bind("ru")
    from bot.charts import Bar, ChartData, Series

    data = ChartData(
        title="Школа", coverage_title=t("chart-coverage"), coverage=[Bar("Согласия", 76.9, 100)],
        target_label=t("chart-target"), satisfaction_title=t("chart-satisfaction"),
        satisfaction=[Series("наставляемые", ["10.12.2026", "10.05.2027"], [75.0, 50.0])], satisfaction_target=70,
        meetings_title=t("chart-meetings"), months=["09.2026", "10.2026", "11.2026"], meetings=[2, 0, 5],
        empty_label=t("chart-no-data"), value_label=t("chart-value"), meetings_empty_label=t("chart-no-meetings"),
    )
    coverage, satisfaction, meetings = build_figure(data).axes
    assert "76.9 %" in _texts(coverage)
    assert {"75 %", "50 %"} <= set(_texts(satisfaction))
    assert [text.get_text() for text in satisfaction.get_legend().get_texts()] == ["наставляемые", "цель"]
    assert [round(p.get_height()) for p in meetings.patches] == [2, 0, 5]
    assert [text.get_text() for text in meetings.texts] == ["2", "", "5"]
    assert meetings.get_ylim()[0] == 0 and meetings.get_ylim()[1] > 5
