"""Growth: does an update cost more when the tables are bigger? (issue #14)

    .venv/bin/python -m bench growth                        # start_registered, questionnaire_step; PostgreSQL
    .venv/bin/python -m bench growth registration_step --populations 1000,10000
    .venv/bin/python -m bench memory --population 100000    # the RSS measurement alone

`growth` runs the chosen update scenarios (sequential mode) once per population, each in a fresh database holding
that many padding participants of other organisations (bench/population.py) besides the scenario's own people,
and the bare `baseline` alongside each (the same handler at every population: how much the machine itself moved
between rows). Then `memory`: in a process of its own (a fresh bot, as after a restart), the largest population,
`--users` registered people and `--memory-updates` /start updates round-robin, and the process's resident set
(VmRSS) afterwards; the goal is ≤ 200 MB. One table, and bench/results/growth.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.updates import (
    SCENARIOS,
    Bench,
    Options,
    ProblemLog,
    ScenarioResult,
    create_database,
    drop_database,
    run_scenarios,
)

RESULTS_DIR = Path(__file__).resolve().parent / "results"
POPULATIONS = (1_000, 10_000, 100_000)
DEFAULT_SCENARIOS = ("start_registered", "questionnaire_step")
GROWABLE = ("start_registered", "registration_step", "questionnaire_step")
MEMORY_UPDATES = 10_000
RSS_GOAL_MB = 200


def parse_args(argv: list[str]) -> argparse.Namespace:
    mode, rest = argv[0], argv[1:]
    parser = argparse.ArgumentParser(prog=f"python -m bench {mode}", description=__doc__.split("\n\n")[0])
    if mode == "growth":
        parser.add_argument("names", nargs="*", metavar="name",
                            help=f"scenarios (default: {' '.join(DEFAULT_SCENARIOS)}); of {', '.join(GROWABLE)}")
        parser.add_argument("--populations", default=",".join(map(str, POPULATIONS)),
                            help="padding participants per row, comma-separated (1000,10000,100000); the first row "
                                 "is the ratios' reference")
        parser.add_argument("--n", type=int, default=None, help="timed updates per scenario (the scenario's default)")
        parser.add_argument("--no-memory", action="store_true", help="skip the RSS measurement")
        parser.add_argument("--no-save", action="store_true", help="do not write bench/results/growth.json")
    else:
        parser.add_argument("--population", type=int, default=POPULATIONS[-1])
        parser.add_argument("--json", action="store_true", help="print the result as one JSON line at the end")
    parser.add_argument("--memory-updates", type=int, default=MEMORY_UPDATES,
                        help=f"/start updates before the RSS is read ({MEMORY_UPDATES})")
    parser.add_argument("--users", type=int, default=500, help="registered people the scenarios cycle over (500)")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file instead of PostgreSQL")
    args = parser.parse_args(rest)
    args.mode = mode
    if mode == "growth":
        unknown = [n for n in args.names if n not in GROWABLE]
        if unknown:
            parser.error(f"unknown scenario(s) {', '.join(unknown)}; choose from {', '.join(GROWABLE)}")
        args.names = [n for n in SCENARIOS if n in (args.names or DEFAULT_SCENARIOS)]
        try:
            args.populations = [int(p) for p in args.populations.split(",")]
        except ValueError:
            parser.error("--populations takes numbers separated by commas")
    return args


def run_population(population: int, names: list[str], args: argparse.Namespace) -> list[ScenarioResult]:
    backend = "sqlite" if args.sqlite else "postgresql"
    options = Options(backend=backend, n=args.n, users=args.users, warmup=args.warmup, skip_concurrent=True,
                      population=population)
    with tempfile.TemporaryDirectory(prefix="mentorbot-bench-") as workdir:
        database = create_database(backend, Path(workdir))
        try:
            results, facts = asyncio.run(run_scenarios(["baseline", *names], options, database))
        finally:
            drop_database(database)
    for result in results:
        result.checks["padding_seconds"] = facts.get("padding", {}).get("seconds")
    return results


async def _memory(database, args: argparse.Namespace) -> dict[str, Any]:
    problems = ProblemLog()
    logging.getLogger().addHandler(problems)
    backend = "sqlite" if args.sqlite else "postgresql"
    bench = Bench(Options(backend=backend, users=args.users, population=args.population), problems)
    try:
        await bench.open(database)
        found = await bench.memory(args.memory_updates)
    finally:
        logging.getLogger().removeHandler(problems)
    found["population"] = args.population
    found["backend"] = backend
    found["padding_seconds"] = bench.facts.get("padding", {}).get("seconds")
    return found


def memory_main(args: argparse.Namespace) -> int:
    backend = "sqlite" if args.sqlite else "postgresql"
    with tempfile.TemporaryDirectory(prefix="mentorbot-bench-") as workdir:
        database = create_database(backend, Path(workdir))
        try:
            found = asyncio.run(_memory(database, args))
        finally:
            drop_database(database)
    print(f"RSS after {found['updates']:,} updates at {found['population']:,} participants ({backend}): "
          f"{found['rss_mb']:.0f} MB (peak {found['peak_rss_mb']:.0f} MB, {found['rss_before_mb']:.0f} MB before the "
          f"updates; goal ≤ {RSS_GOAL_MB} MB); series: "
          + ", ".join(f"{p['updates']}: {p['rss_mb']:.0f}" for p in found["rss_series"]))
    if args.json:
        print(json.dumps(found, ensure_ascii=False))
    return 0 if found["ok"] else 1


FLOOR_PROGRAM = """
import asyncio
import aiogram, asyncpg, sqlalchemy.ext.asyncio
from aiogram import Dispatcher
Dispatcher()
for line in open("/proc/self/status", encoding="ascii"):
    if line.startswith("VmRSS:"):
        print(int(line.split()[1]) / 1024)
"""


def floor_rss_mb(deferred: bool = False) -> float:
    """The resident set of a process that only imports aiogram, SQLAlchemy's asyncio and asyncpg and builds a
    Dispatcher: the floor of any aiogram bot on this stack, on this machine. `deferred`: with aiogram's models built
    at first use, as the bot imports it (bot/lazy_models.py); otherwise as aiogram ships (all built at import)."""
    program = ("import bot\n" if deferred else "") + FLOOR_PROGRAM
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    return round(float(done.stdout.split()[-1]), 1)


def memory_in_subprocess(args: argparse.Namespace, population: int) -> dict[str, Any]:
    """`python -m bench memory` in a process of its own: the bot's RSS, not the growth run's leftovers."""
    command = [sys.executable, "-m", "bench", "memory", "--population", str(population), "--json",
               "--memory-updates", str(args.memory_updates), "--users", str(args.users),
               *(["--sqlite"] if args.sqlite else [])]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          cwd=Path(__file__).resolve().parent.parent)
    sys.stderr.write(done.stderr)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"the memory run failed ({done.returncode}): {done.stdout[-2000:]}")
    print("\n".join(line for line in done.stdout.splitlines() if not line.startswith("{")), flush=True)
    found = json.loads(lines[-1])
    found["exit_code"] = done.returncode
    found["floor_rss_mb"] = floor_rss_mb()
    found["floor_deferred_rss_mb"] = floor_rss_mb(deferred=True)
    return found


def row_of(result: ScenarioResult) -> dict[str, Any]:
    m = result.measurements[0]
    return {"updates": m.count, "updates_per_s": round(m.updates_per_s, 1), "p50_ms": round(m.p(50), 3),
            "p99_ms": round(m.p(99), 3), "sql_per_update": round(m.per_update("sql"), 2),
            "connections_per_update": round(m.per_update("connections"), 2), "ok": result.ok,
            "checks": result.checks}


def table(rows: list[dict[str, Any]], memory: dict[str, Any] | None) -> str:
    lines = ["| scenario | participants | updates/s | p50 ms | p99 ms | SQL/upd | × 1st row (upd/s) | "
             "× 1st row (p50) | baseline upd/s | × 1st row ÷ baseline's |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    first: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["scenario"] == "baseline":
            continue
        ref = first.setdefault(row["scenario"], row)
        slower = ref["updates_per_s"] / row["updates_per_s"] if row["updates_per_s"] else math.nan
        p50 = row["p50_ms"] / ref["p50_ms"] if ref["p50_ms"] else math.nan
        # how much slower than the first row, divided by how much slower the bare baseline got meanwhile (noise)
        machine = ref["baseline_updates_per_s"] / row["baseline_updates_per_s"]
        row["times_first_row"] = {"updates_per_s": round(slower, 2), "p50": round(p50, 2),
                                  "over_baseline": round(slower / machine, 2)}
        lines.append(f"| {row['scenario']} | {row['population']:,} | {row['updates_per_s']:,.0f} | {row['p50_ms']:.2f} "
                     f"| {row['p99_ms']:.2f} | {row['sql_per_update']:.1f} | {slower:.2f} | {p50:.2f} | "
                     f"{row['baseline_updates_per_s']:,.0f} | {slower / machine:.2f} |")
    if memory is not None:
        lines.append("")
        lines.append("| memory | participants | updates | RSS MB after | peak RSS MB | RSS MB before the updates | "
                     "floor MB (bare aiogram as shipped / models at first use) | goal |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---|")
        lines.append(f"| /start round-robin over {memory['users']} people, one bot process ({memory['backend']}) | "
                     f"{memory['population']:,} | {memory['updates']:,} | {memory['rss_mb']:.0f} | "
                     f"{memory['peak_rss_mb']:.0f} | {memory['rss_before_mb']:.0f} | {memory.get('floor_rss_mb', math.nan):.0f} / "
                     f"{memory.get('floor_deferred_rss_mb', math.nan):.0f} | ≤ {RSS_GOAL_MB} MB: "
                     f"{'met' if memory['rss_mb'] <= RSS_GOAL_MB else '**not met**'} |")
    return "\n".join(lines)


def growth_main(args: argparse.Namespace) -> int:
    from bench.__main__ import busy_cpus

    started = time.perf_counter()
    busy = busy_cpus()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    rows: list[dict[str, Any]] = []
    for population in args.populations:
        print(f"\n## {population:,} participants\n", flush=True)
        results = run_population(population, args.names, args)
        baseline = next(r for r in results if r.name == "baseline")
        for result in results:
            rows.append({"scenario": result.name, "population": population, **row_of(result),
                         "baseline_updates_per_s": round(baseline.measurements[0].updates_per_s, 1)})
            print(f"{result.name}: {rows[-1]['updates_per_s']:,.0f} updates/s, p50 {rows[-1]['p50_ms']:.2f} ms, "
                  f"{rows[-1]['sql_per_update']:.1f} SQL/update", flush=True)
    memory = None if args.no_memory else memory_in_subprocess(args, max(args.populations))
    busy_after = busy_cpus()
    load = os.getloadavg()
    print(f"\nPython {platform.python_version()}, {os.cpu_count()} CPUs (busy with other work: {busy} before, "
          f"{busy_after} after; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}); "
          f"{'sqlite' if args.sqlite else 'postgresql'}\n")
    print(table(rows, memory))
    failed = [r for r in rows if not r["ok"]] + ([memory] if memory is not None and not memory["ok"] else [])
    document = {"name": "growth", "backend": "sqlite" if args.sqlite else "postgresql",
                "when": datetime.now(UTC).isoformat(timespec="seconds"), "busy_cpus": [busy, busy_after],
                "load_average": [round(x, 2) for x in load], "populations": args.populations,
                "scenarios": args.names, "rows": rows, "memory": memory,
                "rss_goal_mb": RSS_GOAL_MB, "rss_goal_met": None if memory is None else memory["rss_mb"] <= RSS_GOAL_MB,
                "seconds": round(time.perf_counter() - started)}
    if not args.no_save:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        (RESULTS_DIR / "growth.json").write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n",
                                                 encoding="utf-8")
        print(f"\nJSON written to {RESULTS_DIR}/growth.json")
    for row in failed:
        print(f"FAILED: {json.dumps(row, ensure_ascii=False, default=str)[:1000]}", file=sys.stderr)
    print(f"\nTotal {document['seconds']}s")
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.mode == "memory":
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        return memory_main(args)
    return growth_main(args)
