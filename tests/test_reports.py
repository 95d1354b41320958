"""Figures and reports: KPIs from a hand-made data set against figures worked out by hand, /stats text and chart,
/export read back with openpyxl, /counts, and who sees what (curator: own organisation with names; coordinator:
own municipality, counts only; mentors, mentees and parents: nothing)."""

from __future__ import annotations

import io
import re
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from bot.charts import chart_data, render_png
from bot.handlers.reports import parse_filters, stats_text
from db.models import OrganisationCountRow
from mentorship import kpi
from mentorship.errors import InvalidInput, NotAllowed
from mentorship.roles import MentorshipForm
from mentorship.services import reports
from mentorship.services.people import load_actor
from mentorship.services.reports import Scope
from tests import report_data
from tests.report_data import (
    COORDINATOR_M,
    COORDINATOR_N,
    CURATOR_A,
    CURATOR_C,
    FORMULA,
    GUARDIAN_G,
    MENTEE_M1,
    MENTOR_R1,
    NAME_C,
    NAME_M1,
    NOW,
)
from tests.world import translator_for

PNG = b"\x89PNG\r\n\x1a\n"
YEAR = kpi.Period(2026)
SHEETS_RU = ["Участники", "Пары", "Встречи", "Отзывы", "Опросы", "Согласия", "Планы", "KPI"]
SHEETS_EN = ["Participants", "Pairs", "Meetings", "Feedback", "Surveys", "Consents", "Plans", "KPI"]


@pytest.fixture
async def data(harness):
    built = await harness.tell(_data)
    harness.clock.set(NOW)
    return built


async def _data(harness) -> report_data.Data:
    async with harness.app.session_factory() as session:
        return await report_data.build(session)


async def actor(h, telegram_id):
    async with h.app.session_factory() as session:
        return await load_actor(session, telegram_id, frozenset())


async def report_for(h, telegram_id, period=YEAR, form=None):
    async with h.app.session_factory() as session:
        return await reports.reports(session, h.clock, await actor(h, telegram_id), period, form)


def values(report) -> dict[str, kpi.Result]:
    return {r.indicator.id: r for r in report.results}


# --- the figures, worked out by hand --------------------------------------------------------------------------------


async def test_kpis_of_one_organisation_equal_the_figures_worked_out_by_hand(harness, data):
    (report,) = await report_for(harness, CURATOR_A)
    assert [o.organisation.name for o in report.organisations] == ["Школа № 5"]
    r = values(report)
    # Mentees 10–19 (age on 1 Jan 2027), active: m1 (14), m2 (11), r2 as a mentee (16). Not m3 (9), not m4
    # (waiting for a parent). 3 of the 30 entered → 10 %, target 20 → not met.
    assert (r["mentees_10_19"].numerator, r["mentees_10_19"].denominator) == (3, 30)
    assert r["mentees_10_19"].value == pytest.approx(10.0) and r["mentees_10_19"].met is False
    # Mentors 15–19: r1 (17), r2 (16 exactly on 1 January). Not r3 (20 exactly), not r5 (pending). 2 of 8 → 25 %.
    assert (r["mentors_15_19"].numerator, r["mentors_15_19"].value, r["mentors_15_19"].met) == (2, 25.0, True)
    # Teachers as mentees: m5, m6 (young specialist); m7 declined. No "teachers" count entered → not computed.
    assert r["teachers"].numerator == 2 and r["teachers"].value is None
    assert r["teachers"].missing == kpi.Denominator.TEACHERS and r["teachers"].met is None
    # Learners in any role, once each: m1, m2, m3, r1, r2, r3 → 6 of 40 = 15 %.
    assert (r["pupils_involved"].numerator, r["pupils_involved"].value) == (6, 15.0)
    # Mentees' surveys of 2026/27: December (9, 6, 7, "8") and May (10, 5; one skipped): 4 of 6 at ≥ 7 → 66.7 %;
    # the curator's target for the year is 85 → not met. The survey of May 2026 is the year before.
    assert (r["sat_mentees"].numerator, r["sat_mentees"].denominator) == (4, 6)
    assert round(r["sat_mentees"].value, 1) == 66.7 and r["sat_mentees"].target == 85 and not r["sat_mentees"].met
    # Mentors: 8 and 10 → 100 %, default target 70 → met.
    assert (r["sat_mentors"].value, r["sat_mentors"].target, r["sat_mentors"].met) == (100.0, 70, True)
    # Answered: 4 + 2 of 5 + 5 invited mentees = 60 %; mentors 2 of 4 = 50 %. No target.
    assert (r["response_mentees"].value, r["response_mentors"].value) == (60.0, 50.0)
    assert r["response_mentees"].met is None
    # Consents: 10 active of 13 mentor/mentee memberships (m4 guardian, m7 declined, r5 pending).
    assert (r["consents"].numerator, r["consents"].denominator) == (10, 13) and r["consents"].met is False
    # Plans of pairs that worked in the year (P1 3/4, P2 2/4, P3 2/2; P6 ended in May 2026): 7 of 10 = 70 %.
    assert (r["plans"].numerator, r["plans"].denominator, r["plans"].value) == (7, 10, 70.0)
    # Held meetings in the year: P1 3, P2 3, P3 2 = 8 over 4 pairs that worked (P1–P4) = 2.0; P4 had none.
    assert (r["meetings_per_pair"].numerator, r["meetings_per_pair"].denominator) == (8, 4)
    assert r["meetings_per_pair"].value == 2.0
    assert (r["pairs_no_meetings"].value, r["pairs_no_meetings"].met) == (1.0, False)
    # Meetings per month, in Moscow time: the one at 22:30 UTC on 31 December belongs to January.
    assert report.months[:7] == [("2026-09", 2), ("2026-10", 2), ("2026-11", 1), ("2026-12", 1), ("2027-01", 1),
                                 ("2027-02", 1), ("2027-03", 0)]
    assert len(report.months) == 12 and sum(n for _, n in report.months) == 8
    counts = report.organisations[0].counts
    assert counts.meetings_by_status == {"held": 8, "missed": 2, "cancelled": 1, "planned": 1}
    assert (counts.feedback, counts.usefulness_sum) == (2, 16)


async def test_half_years_and_a_form_filter(harness, data):
    (first,) = await report_for(harness, CURATOR_A, kpi.Period(2026, 1))
    r = values(first)
    # September–December: held 3 (P1) + 2 (P2) + 1 (P3; its 31 December meeting is 1 January in Moscow) = 6.
    assert (r["meetings_per_pair"].numerator, r["meetings_per_pair"].denominator) == (6, 4)
    assert r["pairs_no_meetings"].value == 1
    assert (r["sat_mentees"].numerator, r["sat_mentees"].denominator) == (3, 4)  # December only: 9, 7, 8 of 9, 6, 7, 8
    assert r["response_mentees"].value == 80.0
    (second,) = await report_for(harness, CURATOR_A, kpi.Period(2026, 2))
    r = values(second)
    # January–June: P3 on 1 January and P2 on 1 February; P1 (cancelled) and P4 held none.
    assert (r["meetings_per_pair"].numerator, r["pairs_no_meetings"].value) == (2, 2)
    assert (r["sat_mentees"].numerator, r["sat_mentees"].denominator) == (1, 2)
    assert [m for m, _ in second.months] == ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"]
    (teachers,) = await report_for(harness, CURATOR_A, YEAR, MentorshipForm.TEACHER_TEACHER)
    r = values(teachers)
    # «учитель – учитель»: m5, m6, m7 (mentees), r4 (mentor); 3 of 4 with consents; pair P3 only, 2 meetings.
    assert (r["consents"].numerator, r["consents"].denominator) == (3, 4)
    assert (r["teachers"].numerator, r["mentees_10_19"].numerator) == (2, 0)
    assert (r["meetings_per_pair"].numerator, r["meetings_per_pair"].denominator) == (2, 1)
    assert (r["plans"].numerator, r["plans"].denominator) == (2, 2)


async def test_coordinator_sees_the_municipality_per_organisation_and_in_total(harness, data):
    (report,) = await report_for(harness, COORDINATOR_N)
    assert not report.personal and report.scope.municipality == "Город N"
    assert sorted(o.organisation.name for o in report.organisations) == ["Лицей", "Школа № 5"]
    r = values(report)
    # Totals are sums of numerators over sums of denominators: (3 + 2) / (30 + 20) = 10 %.
    assert (r["mentees_10_19"].numerator, r["mentees_10_19"].denominator, r["mentees_10_19"].value) == (5, 50, 10.0)
    # (2 + 1) / (8 + 10) = 16.7 %.
    assert (r["mentors_15_19"].numerator, r["mentors_15_19"].denominator) == (3, 18)
    assert round(r["mentors_15_19"].value, 1) == 16.7
    # The school has not entered "teachers", so the municipality's share is not computed either.
    assert r["teachers"].value is None and r["teachers"].missing == kpi.Denominator.TEACHERS
    # (6 + 3) / (40 + 100); consents (10 + 3) / (13 + 3).
    assert (r["pupils_involved"].numerator, r["pupils_involved"].denominator) == (9, 140)
    assert (r["consents"].numerator, r["consents"].denominator) == (13, 16)
    # Only the school set a target of 85 for mentees' satisfaction, so the total keeps the default 70.
    assert r["sat_mentees"].target == 70 and r["sat_mentees"].met is False
    assert report.missing() == {"Школа № 5": [kpi.Denominator.TEACHERS]}
    (other,) = await report_for(harness, COORDINATOR_M)
    assert [o.organisation.name for o in other.organisations] == ["Гимназия"]


async def test_authority_is_checked_by_the_service(harness, data):
    async with harness.app.session_factory() as session:
        for telegram_id in (MENTOR_R1, MENTEE_M1, GUARDIAN_G, 99999):
            with pytest.raises(NotAllowed):
                await reports.reports(session, harness.clock, await actor(harness, telegram_id), YEAR)
        curator_c = await actor(harness, CURATOR_C)
        (own,) = await reports.reports(session, harness.clock, curator_c, YEAR)
        # A scope naming another organisation, as a forged request would, is refused.
        school = (await reports.reports(session, harness.clock, await actor(harness, CURATOR_A), YEAR))[0]
        with pytest.raises(NotAllowed):
            await reports.build(session, curator_c, school.scope, YEAR, None)
        coordinator = await actor(harness, COORDINATOR_N)
        with pytest.raises(NotAllowed):
            await reports.build(session, coordinator, school.scope, YEAR, None)  # personal scope of a school
        with pytest.raises(NotAllowed):
            await reports.build(session, await actor(harness, COORDINATOR_M),
                                Scope(school.scope.organisations, "Город M"), YEAR, None)
        (municipal,) = await reports.reports(session, harness.clock, coordinator, YEAR)
        with pytest.raises(NotAllowed):
            reports.detail_sheets(session, coordinator, municipal, "ru")
        with pytest.raises(NotAllowed):
            reports.sheets(session, curator_c, school, "ru")


# --- /stats through the bot ---------------------------------------------------------------------------------------


async def test_stats_sends_a_summary_and_a_chart(harness, data):
    curator = harness.user(CURATOR_A)
    await curator.send("/stats")
    text, photo = harness.telegram.messages(CURATOR_A)[-2:]
    assert "Школа № 5" in text.shown and "2026/27 учебный год" in text.shown
    assert "✅ Доля обучающихся 15–19 лет в роли наставника: 25 % (цель — не менее 20 %, 2 из 8)" in text.shown
    assert "❌ Доля обучающихся 10–19 лет в роли наставляемого: 10 % (цель — не менее 20 %, 3 из 30)" in text.shown
    assert "❌ Удовлетворённость наставляемых: 66,7 % (цель — не менее 85 %, 4 из 6)" in text.shown
    assert "❔ Доля педагогов (в т. ч. молодых специалистов) в роли наставляемого: не посчитать" in text.shown
    assert "▫️ Встреч на пару: 2 (без целевого значения" in text.shown
    assert "введите численность: teachers" in text.shown
    assert photo.photo[:8] == PNG and "Охват" in photo.shown
    await curator.send("/stats 2026/27-1 pp")
    assert "2026/27, сентябрь–декабрь · «ученик – ученик»" in harness.telegram.messages(CURATOR_A)[-2].shown
    await curator.send("/stats 2026/28")
    assert "Так: /stats" in curator.last
    await curator.send("/stats " + "x" * 5000)
    assert "Так: /stats" in curator.last


async def test_chart_series_are_the_reports_figures(harness, data):
    (report,) = await report_for(harness, CURATOR_A)
    t = translator_for().bind("ru")
    chart = chart_data(report, t, "Школа № 5")
    assert [b.label for b in chart.coverage] == ["Наставляемые 10–19 лет", "Наставники 15–19 лет",
                                                 "Педагоги-наставляемые", "Вовлечённые обучающиеся", "Согласия",
                                                 "Индивидуальные планы"]
    assert [b.value for b in chart.coverage] == [10.0, 25.0, None, 15.0, 76.9, 70.0]
    assert [b.target for b in chart.coverage] == [20, 20, 20, 70, 100, 90]
    # Satisfaction per survey round over time: mentees in December (3 of 4) and May (1 of 2), mentors in December.
    assert [(s.label, s.x, s.y) for s in chart.satisfaction] == [
        ("наставляемые", ["10.12.2026", "10.05.2027"], [75.0, 50.0]),
        ("наставники", ["10.12.2026"], [100.0]),
    ]
    assert chart.months[:2] == ["09.2026", "10.2026"] and chart.meetings == [2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    png = render_png(chart)
    assert png[:8] == PNG and len(png) > 10_000


# --- /export through the bot --------------------------------------------------------------------------------------


def read_workbook(content: bytes) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


async def test_curator_export_has_every_sheet_with_names_and_a_kpi_sheet_matching_stats(harness, data):
    curator = harness.user(CURATOR_A)
    await curator.send("/export")
    message = harness.telegram.last(CURATOR_A)
    assert message.document is not None and message.file_name == "mentorship_org1_2026-27.xlsx"
    assert "персональными данными" in message.shown
    book = read_workbook(message.document)
    assert list(book) == SHEETS_RU
    participants = book["Участники"]
    assert participants[0][:3] == ("№ участника", "ФИО", "Дата рождения")
    assert len(participants) == 1 + 13  # 13 mentor and mentee memberships, staff and parents not among them
    names = {row[1] for row in participants[1:]}
    assert NAME_M1 in names and NAME_C not in names and "Куратор 2001" not in names
    masha = next(row for row in participants[1:] if row[1] == NAME_M1)
    assert masha[2].date() == date(2012, 5, 1) and masha[3] == "Школьник" and masha[5] == "наставляемый"
    assert masha[7] == "согласия оформлены"
    pairs = book["Пары"]
    # P1–P4 worked in the year; P6 ended in May 2026 and the proposal is no pair. Meetings held in the year:
    assert len(pairs) == 1 + 4 and sorted(row[9] for row in pairs[1:]) == [0, 2, 3, 3]
    assert next(row for row in pairs[1:] if row[1] == "Наставник Нина Ивановна")[2] == (
        "Учитель Пётр, Молодой специалист Инна"
    ) or next(row for row in pairs[1:] if row[1] == "Наставник Нина Ивановна")[2] == (
        "Молодой специалист Инна, Учитель Пётр"
    )
    meetings = book["Встречи"]
    assert len(meetings) == 1 + 12 and meetings[1][3] == "встреча-знакомство"
    assert meetings[1][4].isoformat() == "2026-09-20T15:00:00"  # Moscow time
    feedback = book["Отзывы"]
    assert any(row[6] == "<b>Отлично</b> & ok" for row in feedback[1:])
    # A comment that looks like a formula is stored as text, so the spreadsheet never runs it.
    cells = openpyxl.load_workbook(io.BytesIO(message.document))["Отзывы"]
    formula = next(c for row in cells.iter_rows(min_row=2) for c in row if c.value == FORMULA)
    assert formula.data_type == "s"
    # Invited for any form and then paired: the form of the pair.
    assert next(row for row in participants[1:] if row[1] == "Молодой специалист Инна")[6] == "«учитель – учитель»"
    surveys = book["Опросы"]
    # In words: the question as the survey asked it, the options chosen by their labels.
    assert any(row[4] == "Общая оценка программы" and row[5] == 9 for row in surveys[1:])
    assert any(row[4] == "Что понравилось?" and row[5] == "Встречи, План" for row in surveys[1:])
    assert any(row[4] == "Пойдёте снова?" and row[5] == "да" for row in surveys[1:])
    assert not any(row[4] in ("overall", "liked", "again") for row in surveys[1:])
    assert len(book["Согласия"]) == 1 + 3 and len(book["Планы"]) == 1 + 10

    # The KPI sheet is the /stats table: the same values, targets and verdicts.
    (report,) = await report_for(harness, CURATOR_A)
    kpi_rows = [row for row in book["KPI"] if row and isinstance(row[0], int)]
    assert len(kpi_rows) == len(kpi.INDICATORS)
    for row, result in zip(kpi_rows, report.results, strict=True):
        number, title, _definition, target, value, numerator, denominator, met = row[:8]
        assert number == result.indicator.number
        assert target == result.target
        assert value == (round(result.value, 1) if result.value is not None else "нет численности")
        assert (numerator, denominator) == (result.numerator, result.denominator)
        assert met == {True: "достигнуто", False: "не достигнуто", None: "—"}[result.met]
    stats = "\n".join(stats_text(translator_for().bind("ru"), report))
    for row in kpi_rows:
        assert row[1] in stats


async def test_export_in_english_with_filters(harness, data):
    curator = harness.user(CURATOR_A, language_code="en")
    await curator.send("/language")
    await curator.click("English")
    await curator.send("/export 2026/27-2 tt")
    message = harness.telegram.last(CURATOR_A)
    book = read_workbook(message.document)
    assert list(book) == SHEETS_EN
    assert book["Participants"][0][1] == "Full name"
    assert message.file_name == "mentorship_org1_2026-27-2_tt.xlsx"
    # «учитель – учитель», January–June: P3's meeting of 1 January (Moscow) only.
    assert len(book["Meetings"]) == 2 and book["Meetings"][1][3] == "group meeting"
    assert "January–June" in book["KPI"][0][0]
    # The whole year, in words of the curator's language.
    await curator.send("/export")
    book = read_workbook(harness.telegram.last(CURATOR_A).document)
    assert {row[4] for row in book["Surveys"][1:]} == {"Overall rating", "What did you like?", "Would you take part again?"}
    assert any(row[5] == "yes" for row in book["Surveys"][1:])
    assert any(row[5] == "Meetings, The plan" for row in book["Surveys"][1:])
    assert next(row for row in book["Participants"][1:] if row[1] == "Молодой специалист Инна")[6] == '"teacher – teacher"'


async def test_coordinator_export_has_counts_per_organisation_and_no_personal_data(harness, data):
    coordinator = harness.user(COORDINATOR_N)
    await coordinator.send("/export")
    message = harness.telegram.last(COORDINATOR_N)
    assert "без персональных данных" in message.shown
    book = read_workbook(message.document)
    assert list(book) == SHEETS_RU
    participants = book["Участники"]
    assert participants[0][:3] == ("Организация", "Наставляемые", "Наставники")
    rows = {row[0]: row for row in participants[1:]}
    assert set(rows) == {"Школа № 5", "Лицей", "Итого"}
    assert rows["Школа № 5"][1:3] == (8, 5) and rows["Лицей"][1:3] == (2, 1) and rows["Итого"][1:3] == (10, 6)
    meetings = {row[0]: row for row in book["Встречи"][1:]}
    assert meetings["Итого"][1:] == (8, 2, 1, 1)
    feedback = {row[0]: row for row in book["Отзывы"][1:]}
    assert feedback["Школа № 5"][1:] == (2, 2, 8.0)
    # Nothing personal anywhere: no names, no birth dates, no answers.
    everything = [cell for sheet in book.values() for row in sheet for cell in row if cell is not None]
    for forbidden in (NAME_M1, "Миша", NAME_C, "Наставник Дима", "<b>Отлично</b> & ok", "Гимназия"):
        assert not any(forbidden in str(cell) for cell in everything), forbidden
    assert not any(hasattr(cell, "year") for cell in everything)
    kpi_sheet = book["KPI"]
    header = next(row for row in kpi_sheet if row and row[0] == "№ п/п")
    assert header[:5] == ("№ п/п", "Наименование показателя", "Целевое значение", "Итого", "Достигнуто")
    assert set(header[5:]) == {"Школа № 5", "Лицей"}
    mentees_row = next(row for row in kpi_sheet if row and row[0] == 1)
    assert mentees_row[3] == 10.0 and mentees_row[4] == "не достигнуто"


# --- who gets figures ---------------------------------------------------------------------------------------------


async def test_mentors_mentees_and_parents_get_no_figures(harness, data):
    for telegram_id in (MENTOR_R1, MENTEE_M1, GUARDIAN_G):
        person = harness.user(telegram_id)
        for command in ("/stats", "/export", "/counts", "/counts pupils 5"):
            before = len(harness.telegram.messages(telegram_id))
            await person.send(command)
            new = harness.telegram.messages(telegram_id)[before:]
            # (a pupil hears «тебе», an adult «вам»: tests/test_register.py)
            assert len(new) == 1 and re.search("Эта команда (тебе|вам) недоступна", new[0].shown), (telegram_id, command)
            assert new[0].document is None and new[0].photo is None
    async with harness.app.session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(OrganisationCountRow)) == 9


async def test_other_curator_and_other_municipality_see_only_their_own(harness, data):
    curator_c = harness.user(CURATOR_C)
    await curator_c.send("/export")
    book = read_workbook(harness.telegram.last(CURATOR_C).document)
    assert [row[1] for row in book["Участники"][1:]] == [NAME_C]
    await curator_c.send("/stats")
    text = harness.telegram.messages(CURATOR_C)[-2].shown
    assert "Гимназия" in text and "Школа № 5" not in text
    coordinator_m = harness.user(COORDINATOR_M)
    await coordinator_m.send("/stats")
    text = harness.telegram.messages(COORDINATOR_M)[-2].shown
    assert "Город M" in text and "Гимназия" in text and "Школа № 5" not in text and "Лицей" not in text
    assert NAME_C not in text
    await coordinator_m.send("/counts pupils 10")
    assert "Эта команда вам недоступна" in coordinator_m.last
    assert "stats" in (await _commands(harness, COORDINATOR_M)) and "counts" not in (await _commands(harness, COORDINATOR_M))


async def _commands(h, telegram_id):
    from bot.commands import commands_for

    return [c.name for c in commands_for(await actor(h, telegram_id))]


async def test_coordinator_stats_lists_each_organisation(harness, data):
    coordinator = harness.user(COORDINATOR_N)
    await coordinator.send("/stats")
    text, photo = harness.telegram.messages(COORDINATOR_N)[-2:]
    assert "Город N: 2 организации" in text.shown
    # The school: 8 indicators with a target and a value, 2 of them met (mentors 15–19, mentors' satisfaction).
    assert "• Школа № 5: достигнуто 2 из 8 целей" in text.shown
    assert "• Лицей: достигнуто" in text.shown
    assert "не введена численность: teachers" in text.shown
    assert photo.photo[:8] == PNG
    for name in (NAME_M1, "Миша", "Наставник Дима"):
        assert name not in text.shown


# --- /counts ------------------------------------------------------------------------------------------------------


async def _stored(h, org_id):
    async with h.app.session_factory() as session:
        rows = await session.execute(
            select(OrganisationCountRow.academic_year, OrganisationCountRow.group_key, OrganisationCountRow.value)
            .where(OrganisationCountRow.organisation_id == org_id)
        )
        return sorted(tuple(r) for r in rows)


async def test_counts_shows_sets_and_refuses_bad_numbers(harness, data):
    curator = harness.user(CURATOR_A)
    await curator.send("/counts")
    assert "2026/27" in curator.last and "pupils_10_19 — обучающиеся 10–19 лет: 30" in curator.last
    assert "teachers — педагоги, включая молодых специалистов: ❔ не введено" in curator.last
    assert "Не хватает: teachers" in curator.last
    before = await _stored(harness, data.org_a)
    for bad, answer in (("/counts teachers abc", "Нужно целое число"), ("/counts teachers -5", "Нужно целое число"),
                        ("/counts teachers 99999999", "Нужно целое число"),
                        ("/counts pupils_5_9 10", "Такой численности нет"),
                        ("/counts target plans 150", "Цель — целое число"),
                        ("/counts target pupils_10_19 50", "Цель можно задать"),
                        ("/counts teachers", "Ввести или исправить"), ("/counts #x teachers 5", "Ввести или исправить"),
                        ("/counts " + "я" * 5000 + " 5", "Ввести или исправить")):
        await curator.send(bad)
        assert answer in curator.last, bad
    assert await _stored(harness, data.org_a) == before
    await curator.send("/counts teachers 1 200")
    assert "Ввести или исправить" in curator.last  # three words: refused, not half-read
    await curator.send("/counts teachers 25")
    assert "Сохранено" in curator.last and "Всё введено ✅" in curator.last
    await curator.send("/counts target plans 80")
    assert "plans — Реализация индивидуальных планов: 80 %" in curator.last
    await curator.send("/counts 2027/28 pupils 45")
    assert "2027/28" in curator.last
    stored = await _stored(harness, data.org_a)
    assert ("2026/27", "teachers", 25) in stored and ("2026/27", "t:plans", 80) in stored
    assert ("2027/28", "pupils", 45) in stored
    (report,) = await report_for(harness, CURATOR_A)
    r = values(report)
    assert r["teachers"].value == pytest.approx(8.0)  # 2 of 25
    assert r["plans"].target == 80
    await curator.send("/counts teachers -")
    assert ("2026/27", "teachers", 25) not in await _stored(harness, data.org_a)


async def test_counts_in_english(harness, data):
    curator = harness.user(CURATOR_A, language_code="en")
    await curator.send("/language")
    await curator.click("English")
    await curator.send("/counts")
    assert "Headcounts for the indicators: Школа № 5, academic year 2026/27" in curator.last
    await curator.send("/counts teachers many")
    assert "A whole number from 0 to 200000" in curator.last or "A whole number from 0 to 200,000" in curator.last


# --- the domain ---------------------------------------------------------------------------------------------------


def test_periods():
    assert kpi.parse_period("2026/27") == kpi.Period(2026)
    assert kpi.parse_period("2026/2027-2") == kpi.Period(2026, 2)
    assert kpi.parse_period("2026-27:1") == kpi.Period(2026, 1)
    for bad in ("2026/28", "2026", "27/28", "2026/27-3", "1999/00"):
        assert kpi.parse_period(bad) is None, bad
    assert kpi.Period(2026, 1).start == date(2026, 9, 1) and kpi.Period(2026, 1).end == date(2027, 1, 1)
    assert kpi.Period(2026, 2).end == date(2027, 7, 1) and kpi.Period(2026).end == date(2027, 9, 1)
    assert kpi.current_year(date(2027, 8, 31)) == kpi.Period(2026)
    assert kpi.current_year(date(2027, 9, 1)) == kpi.Period(2027)
    assert kpi.Period(2099).academic_year == "2099/00"
    assert len(kpi.Period(2026).months()) == 12 and kpi.Period(2026, 1).months()[-1] == (2026, 12)
    low, high = kpi.age_band_bounds(date(2027, 1, 1), 10, 19)
    assert (low, high) == (date(2007, 1, 1), date(2017, 1, 1))  # born after low, on or before high


def test_figures_add_up_and_missing_denominators_stay_missing():
    a = kpi.Figures(mentees_10_19=3, denominators={"pupils_10_19": 30, "teachers": 4}, targets={"plans": 80},
                    mentee_surveys=kpi.SurveyFigures(5, 4, {9: 1, 6: 1}))
    b = kpi.Figures(mentees_10_19=2, denominators={"pupils_10_19": 20}, targets={"plans": 80},
                    mentee_surveys=kpi.SurveyFigures(2, 1, {7: 1}))
    both = kpi.total([a, b])
    assert both.mentees_10_19 == 5 and both.denominators == {"pupils_10_19": 50} and both.organisations == 2
    assert both.mentee_surveys == kpi.SurveyFigures(7, 5, {9: 1, 6: 1, 7: 1}) and both.targets == {"plans": 80}
    results = {r.indicator.id: r for r in kpi.compute(both)}
    assert results["mentees_10_19"].value == 10.0 and results["teachers"].missing == kpi.Denominator.TEACHERS
    assert results["sat_mentees"].numerator == 2 and results["plans"].value is None
    assert {r.indicator.id: r for r in kpi.compute(both, threshold=9)}["sat_mentees"].numerator == 1
    assert kpi.total([]).organisations == 0


def test_scores_and_typed_numbers():
    assert [kpi.parse_score(v) for v in (7, "8", '"9"', 10.0, True, 0, 11, "7.5", None, [7])] == [
        7, 8, 9, 10, None, None, None, None, None, None]
    assert kpi.validate_count("420") == 420 and kpi.validate_count("1 200") == 1200
    assert kpi.validate_count("-1") is None and kpi.validate_count("4.5") is None
    assert kpi.validate_count("9999999") is None
    assert kpi.validate_target("85%") == 85 and kpi.validate_target("101") is None


def test_filters():
    assert parse_filters("2026/27-1 tt") == (kpi.Period(2026, 1), MentorshipForm.TEACHER_TEACHER)
    assert parse_filters("PP") == (None, MentorshipForm.PUPIL_PUPIL)
    assert parse_filters(None) == (None, None)
    for bad in ("2026/27 2025/26", "pp tt", "всё", "<b>"):
        with pytest.raises(InvalidInput):
            parse_filters(bad)


def test_every_indicator_has_a_definition_and_texts():
    translator = translator_for()
    for locale in ("ru", "en"):
        keys = translator.keys(locale)
        for indicator in kpi.INDICATORS:
            assert {indicator.title_key, indicator.definition_key, f"{indicator.title_key}-short"} <= keys
            assert len(indicator.definition) > 40 and indicator.source
    assert [i.number for i in kpi.INDICATORS] == list(range(1, len(kpi.INDICATORS) + 1))
