"""Reports benchmark: /stats and /export for an organisation of 10 000 participants with a year of meetings, through
the real dispatcher and the tests' fake Telegram, against floors measured in the same run.

    .venv/bin/python -m bench reports                   # PostgreSQL (127.0.0.1, as for the tests)
    .venv/bin/python -m bench reports --sqlite
    .venv/bin/python -m bench reports --participants 2000 --repeat 1

The organisation (school, Europe/Moscow) has --participants mentor and mentee memberships (70 % mentees, pupils
10–17 and a few teachers; 30 % mentors, pupils 15–19, students and teachers), consents for each, pairs of one mentor
with one to three mentees, two meetings a month for each pair from September to June (80 % held), feedback from
both sides on half of the held meetings, five plan goals per pair, two survey rounds per role with answers from
70 %, and the four denominators. A second, small organisation of the same municipality is there for the
coordinator. Data are inserted in bulk before the clock starts.

Measured (median of --repeat runs, each a fresh update through `Dispatcher.feed_update`):

* `stats` — the curator's /stats: figures (aggregate SQL), the text, the chart (matplotlib, Agg) sent as a photo;
* `export` — the curator's /export: every detail sheet streamed from the database into an XLSX, sent as a document;
* `stats (coordinator)`, `export (coordinator)` — the same for the municipality (counts only).

Floors, same run and data: `stats floor` = one `count(*)` per table the figures read, plus an empty three-panel
matplotlib PNG; `export floor` = `SELECT` of the same detail tables' columns without joins or labels, written as
they come by the writer /export uses (`bot/xlsx.py`, every value typed by `xlsx.cell`; no labels, no translation,
no time zones); with `--openpyxl-floor` also `export floor (openpyxl)`, the same rows through a write-only openpyxl
workbook, the writer /export used before. Ratios are scenario ÷ floor.
Peak memory: tracemalloc's peak during one separate, untimed run of each (Python allocations, the database
driver's included), and the process's resident set: its highest value sampled every 5 ms during that run, and how
far that is above the RSS before the run. The curator's workbook is read back with openpyxl after the timed runs
(rows per sheet, in the JSON), and opened by LibreOffice (`soffice --headless --convert-to ods`) when it is installed.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import logging
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text

from bench.updates import create_database, database_version, drop_database
from db import migrate
from db.models import (
    ConsentRow,
    MeetingFeedbackRow,
    MeetingRow,
    MembershipRow,
    OrganisationCountRow,
    OrganisationRow,
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
from mentorship.clock import FrozenClock

RESULTS_DIR = Path(__file__).resolve().parent / "results"
CURATOR, COORDINATOR = 7001, 7002
NOW = datetime(2027, 6, 25, 9, 0, tzinfo=UTC)
T0 = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench reports", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file instead of PostgreSQL")
    parser.add_argument("--participants", type=int, default=10_000, help="mentor and mentee memberships (10 000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each scenario; the median is reported")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--openpyxl-floor", action="store_true",
                        help="also time the same SELECTs written by openpyxl (write-only), the writer /export used "
                             "before bot/xlsx.py (about 17 s at 10 000 participants)")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)
    if args.participants < 20 or args.repeat < 1:
        parser.error("--participants must be at least 20 and --repeat at least 1")
    return args


# --- data -------------------------------------------------------------------------------------------------------


async def populate(session_factory, participants: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    counts: dict[str, int] = {}

    async with session_factory() as session:
        async def bulk(model, rows: list[dict[str, Any]]) -> None:
            counts[model.__tablename__] = counts.get(model.__tablename__, 0) + len(rows)
            for start in range(0, len(rows), 5000):
                await session.execute(insert(model), rows[start:start + 5000])

        org = (await session.execute(insert(OrganisationRow).returning(OrganisationRow.id), [
            {"name": "Школа № 1", "kind": "school", "municipality": "Город", "timezone": "Europe/Moscow",
             "forms": ["pp", "tt"], "created_at": T0},
            {"name": "Школа № 2", "kind": "school", "municipality": "Город", "timezone": "Europe/Moscow",
             "forms": ["pp"], "created_at": T0},
        ])).scalars().all()
        home, other = org
        mentees = int(participants * 0.7)
        people: list[dict[str, Any]] = [
            {"id": 1, "telegram_id": CURATOR, "full_name": "Куратор", "date_of_birth": date(1980, 1, 1),
             "category": "teacher", "locale": "ru", "created_at": T0},
            {"id": 2, "telegram_id": COORDINATOR, "full_name": "Координатор", "date_of_birth": date(1975, 1, 1),
             "category": "staff", "locale": "ru", "created_at": T0},
        ]
        memberships: list[dict[str, Any]] = [
            {"person_id": 1, "organisation_id": home, "role": "curator", "status": "active", "created_at": T0},
            {"person_id": 2, "organisation_id": None, "municipality": "Город", "role": "coordinator",
             "status": "active", "created_at": T0},
        ]
        mentee_ids, mentor_ids = [], []
        for i in range(participants):
            pid = 3 + i
            is_mentee = i < mentees
            if is_mentee:
                category = "teacher" if rng.random() < 0.05 else "pupil"
                born = date(1990, 1, 1) if category == "teacher" else date(2009 + rng.randrange(8), rng.randrange(1, 13), 1)
            else:
                category = rng.choices(["pupil", "student", "teacher"], [60, 25, 15])[0]
                born = {"pupil": date(2008 + rng.randrange(4), 3, 3), "student": date(2005, 5, 5),
                        "teacher": date(1975, 7, 7)}[category]
            people.append({"id": pid, "telegram_id": 10_000_000 + pid, "full_name": f"Участник {pid}",
                           "date_of_birth": born, "category": category, "group_name": "8А", "locale": "ru",
                           "created_at": T0})
            status = "active" if rng.random() < 0.92 else rng.choice(["pending", "guardian", "declined"])
            memberships.append({"person_id": pid, "organisation_id": home, "role": "mentee" if is_mentee else "mentor",
                                "form": "tt" if category == "teacher" else "pp", "status": status, "created_at": T0})
            (mentee_ids if is_mentee else mentor_ids).append(pid)
        for j in range(30):  # the small neighbour
            pid = 3 + participants + j
            people.append({"id": pid, "telegram_id": 20_000_000 + pid, "full_name": f"Сосед {pid}",
                           "date_of_birth": date(2012, 1, 1), "category": "pupil", "locale": "ru", "created_at": T0})
            memberships.append({"person_id": pid, "organisation_id": other, "role": "mentee", "form": "pp",
                                "status": "active", "created_at": T0})
        await bulk(PersonRow, people)
        await bulk(MembershipRow, memberships)
        consents = []
        for pid in mentee_ids + mentor_ids:
            for kind in ("pd", "agreement"):
                consents.append({"subject_person_id": pid, "organisation_id": home, "kind": kind, "given_by": "self",
                                 "status": "granted", "version": "v1", "text_hash": "h", "locale": "ru",
                                 "decided_at": T0})
        await bulk(ConsentRow, consents)

        pairs, pair_mentees, queue = [], [], list(mentee_ids)
        rng.shuffle(queue)
        pair_id = 0
        for mentor in mentor_ids:
            if not queue:
                break
            take = [queue.pop() for _ in range(min(len(queue), rng.choice([1, 1, 2, 3])))]
            pair_id += 1
            activated = T0 + timedelta(days=rng.randrange(30))
            pairs.append({"id": pair_id, "organisation_id": home, "mentor_person_id": mentor, "form": "pp",
                          "status": "active", "created_at": activated, "activated_at": activated,
                          "decided_at": activated})
            pair_mentees += [{"pair_id": pair_id, "mentee_person_id": m, "form": "pp", "live": True} for m in take]
        await bulk(PairRow, pairs)
        await bulk(PairMenteeRow, pair_mentees)

        meetings, feedback, goals = [], [], []
        meeting_id = 0
        mentees_of: dict[int, list[int]] = {}
        for row in pair_mentees:
            mentees_of.setdefault(row["pair_id"], []).append(row["mentee_person_id"])
        for pair in pairs:
            start = pair["activated_at"] + timedelta(days=7)
            for k in range(20):  # two a month, September to June
                meeting_id += 1
                starts = start + timedelta(days=15 * k, hours=rng.randrange(8))
                status = "held" if rng.random() < 0.8 else rng.choice(["missed", "cancelled"])
                meetings.append({"id": meeting_id, "organisation_id": home, "pair_id": pair["id"], "kind": "work",
                                 "starts_at": starts, "duration_minutes": 45, "status": status,
                                 "created_at": starts, "updated_at": starts})
                if status == "held" and rng.random() < 0.5:
                    for person in (pair["mentor_person_id"], mentees_of[pair["id"]][0]):
                        feedback.append({"meeting_id": meeting_id, "person_id": person, "took_place": "yes",
                                         "usefulness": rng.randint(4, 10), "comment": "Хорошо поработали",
                                         "created_at": starts, "completed_at": starts})
            for g in range(5):
                goals.append({"pair_id": pair["id"], "title": f"Цель {g + 1}", "position": g,
                              "status": rng.choice(["done", "done", "in_progress", "not_started"]),
                              "created_at": T0, "updated_at": T0})
        await bulk(MeetingRow, meetings)
        await bulk(MeetingFeedbackRow, feedback)
        await bulk(PlanGoalRow, goals)

        version_id = (await session.execute(insert(QuestionnaireVersionRow).returning(QuestionnaireVersionRow.id), [
            {"key": "satisfaction", "version": 1, "content": {}, "content_hash": "x", "created_at": T0}
        ])).scalar_one()
        invitations, responses, answers = [], [], []
        response_id = 0
        for campaign_id, (role, opens) in enumerate(
            [("mentee", datetime(2026, 12, 10, 9, tzinfo=UTC)), ("mentor", datetime(2026, 12, 10, 9, tzinfo=UTC)),
             ("mentee", datetime(2027, 5, 10, 9, tzinfo=UTC)), ("mentor", datetime(2027, 5, 10, 9, tzinfo=UTC))],
            start=1,
        ):
            await session.execute(insert(SurveyCampaignRow), [{
                "id": campaign_id, "organisation_id": home, "questionnaire_key": "satisfaction", "role": role,
                "reason": "calendar", "opens_at": opens, "closes_at": opens + timedelta(days=10), "status": "closed",
                "created_at": opens}])
            for pid in (mentee_ids if role == "mentee" else mentor_ids):
                answered = rng.random() < 0.7
                invitations.append({"campaign_id": campaign_id, "person_id": pid, "invited_at": opens,
                                    "answered_at": opens if answered else None})
                if answered:
                    response_id += 1
                    responses.append({"id": response_id, "person_id": pid, "organisation_id": home,
                                      "questionnaire_version_id": version_id, "role": role, "started_at": opens,
                                      "completed_at": opens, "campaign_id": campaign_id})
                    answers.append({"response_id": response_id, "question_id": "overall",
                                    "value": rng.choices(range(1, 11), [1, 1, 1, 2, 3, 5, 8, 10, 8, 6])[0],
                                    "skipped": False, "answered_at": opens})
                    answers.append({"response_id": response_id, "question_id": "liked", "value": ["meetings"],
                                    "skipped": False, "answered_at": opens})
        await bulk(SurveyInvitationRow, invitations)
        await bulk(QuestionnaireResponseRow, responses)
        await bulk(QuestionnaireAnswerRow, answers)
        for key, value in (("pupils", int(participants * 1.2)), ("pupils_10_19", participants),
                           ("pupils_15_19", participants // 2), ("teachers", 400)):
            await bulk(OrganisationCountRow, [{"organisation_id": home, "academic_year": "2026/27", "group_key": key,
                                               "value": value, "updated_at": T0}])
        await session.commit()
        if session.bind.dialect.name == "postgresql":
            for table in ("people", "meetings", "pairs", "memberships"):  # sequences after explicit ids
                await session.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
            await session.execute(text("ANALYZE"))
            await session.commit()
    return counts


# --- floors -----------------------------------------------------------------------------------------------------


FLOOR_TABLES = (MembershipRow, PairRow, MeetingRow, PlanGoalRow, MeetingFeedbackRow, SurveyInvitationRow,
                QuestionnaireAnswerRow, ConsentRow)


async def stats_floor(session_factory) -> int:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    async with session_factory() as session:
        total = 0
        for model in FLOOR_TABLES:
            total += await session.scalar(select(func.count()).select_from(model))
    figure = Figure(figsize=(9, 11), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(3, 1)
    axes[0].barh([0, 1], [1, 2])
    axes[1].plot([0, 1], [1, 2])
    axes[2].bar(["a", "b"], [1, 2])
    buffer = io.BytesIO()
    await asyncio.to_thread(figure.savefig, buffer, format="png")
    return len(buffer.getvalue()) if total >= 0 else 0


FLOOR_EXPORT_TABLES = (PersonRow, MembershipRow, PairRow, MeetingRow, MeetingFeedbackRow, QuestionnaireAnswerRow,
                       ConsentRow, PlanGoalRow)


async def _floor_rows(session_factory, write_sheet) -> None:
    """Plain SELECTs of the detail tables (no joins, no labels), each partition handed to `write_sheet(name, rows)`
    in a worker thread, as /export does."""
    async with session_factory() as session:
        for model in FLOOR_EXPORT_TABLES:
            columns = [c for c in model.__table__.columns if c.name not in ("content", "payload", "reasons")]
            result = await session.stream(select(*columns).execution_options(yield_per=2000))
            async for partition in result.partitions(2000):
                rows = [tuple(str(v) if isinstance(v, list | dict) else
                              (v.replace(tzinfo=None) if isinstance(v, datetime) else v) for v in row)
                        for row in partition]
                await asyncio.to_thread(write_sheet, model.__tablename__, rows)


async def export_floor(session_factory) -> int:
    """The same SELECTs written by the writer /export uses (bot/xlsx.py), every value typed by `xlsx.cell`."""
    from bot import xlsx

    buffer = io.BytesIO()
    book = xlsx.Workbook(buffer)
    sheets: dict[str, Any] = {}

    def write_sheet(name: str, rows: list[tuple]) -> None:
        if name not in sheets:
            sheets[name] = book.add_sheet(name)
        sheets[name].append_rows(rows, [xlsx.cell] * len(rows[0]))

    await _floor_rows(session_factory, write_sheet)
    await asyncio.to_thread(book.close)
    return len(buffer.getvalue())


async def openpyxl_floor(session_factory) -> int:
    """The same SELECTs written by a write-only openpyxl workbook: the floor of the writer /export used before."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheets: dict[str, Any] = {}

    def write_sheet(name: str, rows: list[tuple]) -> None:
        if name not in sheets:
            sheets[name] = workbook.create_sheet(name)
        for row in rows:
            sheets[name].append(row)

    await _floor_rows(session_factory, write_sheet)
    buffer = io.BytesIO()
    await asyncio.to_thread(workbook.save, buffer)
    return len(buffer.getvalue())


# --- measuring --------------------------------------------------------------------------------------------------


async def timed(run: Callable[[], Awaitable[Any]], repeat: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = await run()
        times.append(time.perf_counter() - started)
    return times, result


def rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def peak(run: Callable[[], Awaitable[Any]]) -> tuple[int, int, int]:
    """tracemalloc's peak; the highest RSS seen during the run (sampled every 5 ms in a thread) and the RSS before."""
    import threading

    before = rss_bytes()
    highest = [before]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.005):
            highest[0] = max(highest[0], rss_bytes())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    tracemalloc.start()
    try:
        await run()
        return tracemalloc.get_traced_memory()[1], max(highest[0], rss_bytes()), before
    finally:
        tracemalloc.stop()
        stop.set()
        sampler.join()


def read_back(content: bytes) -> dict[str, int]:
    """Rows per sheet, as openpyxl reads the file."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    try:
        return {sheet.title: sum(1 for _ in sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    finally:
        book.close()


def libreoffice_opens(content: bytes) -> dict[str, Any]:
    """Converts the workbook with LibreOffice (headless) when it is installed: whether it opened, and how long."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return {"checked": False, "reason": "LibreOffice is not installed"}
    with tempfile.TemporaryDirectory(prefix="mentorbot-bench-lo-") as work:
        source = Path(work) / "export.xlsx"
        source.write_bytes(content)
        started = time.perf_counter()
        done = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "ods",
             "--outdir", work, str(source)], capture_output=True, text=True, timeout=600, check=False)
        converted = Path(work) / "export.ods"
        return {"checked": True, "opened": done.returncode == 0 and converted.exists()
                and converted.stat().st_size > 0, "seconds": round(time.perf_counter() - started, 1),
                "stderr": done.stderr[-500:]}


async def bench(db_url: str, args: argparse.Namespace) -> dict[str, Any]:
    from tests.harness import Harness

    await migrate.upgrade(db_url)
    harness = await Harness.create(db_url, FrozenClock(NOW))
    try:
        started = time.perf_counter()
        counts = await populate(harness.app.session_factory, args.participants, args.seed)
        setup = time.perf_counter() - started
        environment = {"database": await database_version(harness.app.engine)}

        last: dict[tuple[str, int], bytes] = {}

        def command(user_id: int, text_: str, expect: str) -> Callable[[], Awaitable[Any]]:
            async def run() -> Any:
                before = len(harness.telegram.messages(user_id))
                await harness.user(user_id).send(text_)
                new = harness.telegram.messages(user_id)[before:]
                sent = [m for m in new if (m.photo if expect == "photo" else m.document)]
                if not sent:
                    raise SystemExit(f"{text_} sent no {expect}: {[m.shown[:200] for m in new]}")
                content = sent[-1].photo if expect == "photo" else sent[-1].document
                last[text_, user_id] = content
                return len(content)
            return run

        scenarios: list[tuple[str, Callable[[], Awaitable[Any]], str | None]] = [
            ("stats floor", lambda: stats_floor(harness.app.session_factory), None),
            ("stats", command(CURATOR, "/stats", "photo"), "stats floor"),
            ("stats (coordinator)", command(COORDINATOR, "/stats", "photo"), "stats floor"),
            ("export floor", lambda: export_floor(harness.app.session_factory), None),
            *([("export floor (openpyxl)", lambda: openpyxl_floor(harness.app.session_factory), None)]
              if args.openpyxl_floor else []),
            ("export", command(CURATOR, "/export", "document"), "export floor"),
            ("export (coordinator)", command(COORDINATOR, "/export", "document"), "stats floor"),
        ]
        await scenarios[1][1]()  # warm-up: imports matplotlib, fills caches
        results: dict[str, dict[str, Any]] = {}
        for name, run, floor in scenarios:
            times, size = await timed(run, args.repeat)
            results[name] = {"seconds": statistics.median(times), "runs": [round(t, 3) for t in times],
                             "bytes": size, "floor": floor}
        workbook = last["/export", CURATOR]
        checks = {"sheet_rows": read_back(workbook), "libreoffice": libreoffice_opens(workbook)}
        for name, run, _floor in scenarios:
            traced, rss, rss_before = await peak(run)
            results[name]["peak_mb"] = round(traced / 2**20, 1)
            results[name]["rss_peak_mb"] = round(rss / 2**20, 1)
            results[name]["rss_growth_mb"] = round((rss - rss_before) / 2**20, 1)
        for name, entry in results.items():
            if entry["floor"]:
                entry["times_floor"] = round(entry["seconds"] / results[entry["floor"]]["seconds"], 2)
        export = results["export"]
        summary = {"seconds": round(export["seconds"], 3), "peak_mb": export["peak_mb"],
                   "rss_peak_mb": export["rss_peak_mb"], "rss_growth_mb": export["rss_growth_mb"],
                   "bytes": export["bytes"]}
        return {"rows": counts, "setup_seconds": round(setup, 1), "export": summary, "results": results,
                "checks": checks, **environment}
    finally:
        await harness.close()


def table(results: dict[str, dict[str, Any]]) -> str:
    lines = ["| scenario | median s | runs s | × floor | peak MB (tracemalloc) | RSS peak MB (+ growth) | output |",
             "|---|---:|---|---:|---:|---:|---:|"]
    for name, r in results.items():
        size = r["bytes"]
        output = f"{size / 1024:,.0f} KB" if isinstance(size, int) and size > 1000 else str(size)
        lines.append(f"| {name} | {r['seconds']:.2f} | {', '.join(f'{t:.2f}' for t in r['runs'])} | "
                     f"{r.get('times_floor', '–')} | {r['peak_mb']} | {r['rss_peak_mb']:.0f} "
                     f"(+{r['rss_growth_mb']:.0f}) | {output} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    return run_and_report(argv)[0]


def run_and_report(argv: list[str]) -> tuple[int, dict[str, Any]]:
    """What `main` does, also returning the document it saves (`python -m bench` puts it in its summary)."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    backend = "sqlite" if args.sqlite else "postgresql"
    from bench.__main__ import busy_cpus

    busy = busy_cpus()
    with tempfile.TemporaryDirectory(prefix="mentorbot-bench-") as workdir:
        database = create_database(backend, Path(workdir))
        try:
            outcome = asyncio.run(bench(database.url, args))
        finally:
            drop_database(database)
    outcome["busy_cpus"] = [busy, busy_cpus()]
    print(f"\nPython {platform.python_version()}, {os.cpu_count()} CPUs (busy with other work before/after: "
          f"{outcome['busy_cpus']}), {outcome['database']}; "
          f"openpyxl {version('openpyxl')}, matplotlib {version('matplotlib')}")
    rows = outcome["rows"]
    print(f"Data: {args.participants} participants; " + ", ".join(f"{k} {v:,}" for k, v in rows.items())
          + f" (inserted in {outcome['setup_seconds']} s)\n")
    print(table(outcome["results"]))
    sheets = outcome["checks"]["sheet_rows"]
    print("\nThe curator's workbook read back by openpyxl: " + ", ".join(f"{k} {v:,}" for k, v in sheets.items())
          + " rows")
    office = outcome["checks"]["libreoffice"]
    print("LibreOffice: " + (f"opened and converted it to ODS in {office['seconds']} s" if office.get("opened")
                             else f"did NOT open it: {office.get('stderr')}" if office["checked"]
                             else office["reason"]))
    document = {"name": "reports", "backend": backend, "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "participants": args.participants, "repeat": args.repeat, **outcome}
    if not args.no_save:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        # reports.json: the latest run (its `export` has the export's seconds and peak memory); also per backend.
        for path in (RESULTS_DIR / "reports.json", RESULTS_DIR / f"reports-{backend}.json"):
            path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nJSON written to {RESULTS_DIR}/reports.json and reports-{backend}.json")
    return 0, document


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
