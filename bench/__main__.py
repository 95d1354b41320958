"""`python -m bench [name ...]`: runs the chosen scenarios (all by default) and prints a markdown table.

Each scenario's baseline (`baseline`, or `fsm_baseline` for `questionnaire_step`; see BASELINE_OF) runs before it,
in the same process, so every ratio compares numbers from the same run. Results also go to
bench/results/<name>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import platform
import signal
import sys
import tempfile
import time
from collections.abc import Awaitable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

from bench.updates import (
    BASELINE_OF,
    DB_SCENARIOS,
    DIALOG_PEER_BASELINE,
    PEER_BASELINE,
    PEER_OF,
    DEFAULT_N,
    DESCRIPTIONS,
    SCENARIOS,
    Measurement,
    Options,
    ScenarioResult,
    create_database,
    drop_database,
    run_scenarios,
)

RESULTS_DIR = Path(__file__).resolve().parent / "results"
T = TypeVar("T")
#: A full run (no names) also runs these, each once, after the update scenarios (`others`).
REPORTS_PARTICIPANTS = 10_000


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Update-handling benchmarks: the real bot against a bare aiogram handler, same run.",
    )
    parser.add_argument("names", nargs="*", metavar="name", help=f"scenarios to run (default: all): {', '.join(SCENARIOS)}")
    parser.add_argument("--sqlite", action="store_true", help="use a SQLite file instead of PostgreSQL")
    parser.add_argument(
        "--n", type=int, default=None,
        help="timed updates per mode and scenario (default: " + ", ".join(f"{k} {v}" for k, v in DEFAULT_N.items()) + ")",
    )
    parser.add_argument("--concurrency", type=int, default=20, help="updates in flight in the concurrent mode (20)")
    parser.add_argument("--users", type=int, default=500, help="distinct registered people for start_registered (500)")
    parser.add_argument("--warmup", type=int, default=50, help="untimed updates before each scenario (50)")
    parser.add_argument("--no-concurrent", action="store_true", help="sequential mode only")
    parser.add_argument("--dialogs", choices=("database", "redis"), default="database",
                        help="where the bot keeps dialog state (database: the default; redis: REDIS_URL, as in "
                             "production with Redis, from BENCH_REDIS_URL or TEST_REDIS_URL)")
    parser.add_argument("--population", type=int, default=0, metavar="P",
                        help="first bulk-insert P participants of other organisations (bench/population.py), so "
                             "that the scenarios run over big tables (default 0)")
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/<name>.json")
    parser.add_argument("--updates-only", action="store_true",
                        help="without names: only the update scenarios, not reports, pairs and the outbox claim")
    parser.add_argument("--participants", type=int, default=REPORTS_PARTICIPANTS,
                        help=f"participants of the reports bench in a full run ({REPORTS_PARTICIPANTS})")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(unknown)}; choose from {', '.join(SCENARIOS)}")
    for option in ("n", "concurrency", "users"):
        value = getattr(args, option)
        if value is not None and value < 1:
            parser.error(f"--{option} must be at least 1")
    if args.warmup < 0:
        parser.error("--warmup must not be negative")
    if args.population < 0:
        parser.error("--population must not be negative")
    return args


def busy_cpus(seconds: float = 1.0) -> float | None:
    """How many CPUs' worth of work other processes did during `seconds` before the run (Linux /proc/stat), e.g.
    0.9 when a test suite is running alongside. None where /proc/stat is unavailable."""

    def sample() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
        return sum(fields[:8]), idle

    try:
        total0, idle0 = sample()
        time.sleep(seconds)
        total1, idle1 = sample()
    except (OSError, ValueError, IndexError):
        return None
    if total1 == total0:
        return None
    return round((1 - (idle1 - idle0) / (total1 - total0)) * (os.cpu_count() or 1), 2)


def environment(backend: str, facts: dict[str, Any], options: Options, busy: tuple[float | None, float | None]
                ) -> dict[str, Any]:
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        # CPUs kept busy by other processes just before and just after the run (each sampled for a second): on a
        # small machine they move every figure.
        "busy_cpus_before": busy[0],
        "busy_cpus_after": busy[1],
        "backend": backend,
        **facts,
        "aiogram": version("aiogram"),
        "aiogram_dialog": version("aiogram-dialog"),
        "sqlalchemy": version("sqlalchemy"),
        "options": {
            "n": options.n,
            "concurrency": options.concurrency,
            "users": options.users,
            "warmup": options.warmup,
            "concurrent": not options.skip_concurrent,
            "dialogs": options.dialogs,
            "population": options.population,
        },
    }


def ratio(result: Measurement, baseline: Measurement | None) -> float:
    """How many times slower than its baseline: baseline updates/s divided by this scenario's updates/s."""
    if baseline is None or not result.updates_per_s:
        return math.nan
    return baseline.updates_per_s / result.updates_per_s


def find(results: list[ScenarioResult], name: str) -> ScenarioResult | None:
    return next((r for r in results if r.name == name), None)


def baseline_of(result: ScenarioResult, results: list[ScenarioResult]) -> ScenarioResult | None:
    """The result this one's ratio is taken against (the baseline against itself)."""
    return find(results, BASELINE_OF.get(result.name, result.name))


def peer_share(result: ScenarioResult, m: Measurement, peer: ScenarioResult | None) -> float | None:
    """This scenario's updates/s as a share of a peer's step on Redis in the same mode: the bare FSM's (goal:
    ≥ 0.33) or the bare aiogram-dialog's."""
    if peer is None or result.name not in PEER_OF or m.stalled:
        return None
    base = peer.mode(m.mode)
    if base is None or base.stalled or not base.updates_per_s:
        return None
    return m.updates_per_s / base.updates_per_s


def share_of_peer(result: ScenarioResult, m: Measurement, peer: ScenarioResult | None) -> str:
    share = peer_share(result, m, peer)
    return "–" if share is None else f"{share:.2f}"


def table(results: list[ScenarioResult]) -> str:
    lines = [
        "| scenario | backend | mode | updates | updates/s | p50 ms | p99 ms | × base | base | SQL/upd | conns/upd "
        "| API calls/upd | of Redis FSM | of Redis dialog |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    peer, dialog_peer = find(results, PEER_BASELINE), find(results, DIALOG_PEER_BASELINE)
    for result in results:
        baseline = baseline_of(result, results)
        base_name = BASELINE_OF.get(result.name, "–")
        for m in result.measurements:
            base = baseline.mode(m.mode) if baseline else None
            mode = "sequential" if m.mode == "sequential" else f"concurrent ×{m.concurrency}"
            if m.stalled:
                lines.append(
                    f"| {result.name} | {result.backend} | {mode} | {m.count} done / {m.attempted} started | "
                    f"**stalled** | – | – | – | {base_name} | – | – | – | – | – |"
                )
                continue
            lines.append(
                f"| {result.name} | {result.backend} | {mode} | {m.count} | {m.updates_per_s:,.0f} | "
                f"{m.p(50):.2f} | {m.p(99):.2f} | {ratio(m, base):.1f} | {base_name} | {m.per_update('sql'):.1f} | "
                f"{m.per_update('connections'):.1f} | {m.per_update('api_calls'):.1f} | "
                f"{share_of_peer(result, m, peer)} | {share_of_peer(result, m, dialog_peer)} |"
            )
    return "\n".join(lines)


def save(result: ScenarioResult, baseline: ScenarioResult | None, env: dict[str, Any],
         peer: ScenarioResult | None = None, dialog_peer: ScenarioResult | None = None) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{result.name}.json"
    document = {
        "name": result.name,
        "description": DESCRIPTIONS[result.name],
        "backend": result.backend,
        "environment": env,
        "setup_seconds": round(result.setup_seconds, 2),
        "checks": result.checks,
        "ok": result.ok,
        "baseline": baseline.name if baseline is not None else None,
        "results": {},
    }
    for m in result.measurements:
        entry = m.to_json()
        base = baseline.mode(m.mode) if baseline else None
        times = ratio(m, base)
        entry["times_baseline"] = None if math.isnan(times) else round(times, 2)
        entry["baseline_updates_per_s"] = round(base.updates_per_s, 1) if base and not base.stalled else None
        share = peer_share(result, m, peer)
        entry["of_redis_fsm_baseline"] = None if share is None else round(share, 3)
        share = peer_share(result, m, dialog_peer)
        entry["of_redis_dialog_baseline"] = None if share is None else round(share, 3)
        document["results"][m.mode] = entry
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    return path


def others(args: argparse.Namespace) -> tuple[list[list[str]], bool]:
    """The reports bench (/stats and /export; one timed run each), the pairs bench (/match at 2 000 × 500, once)
    and the outbox claim (PostgreSQL only), each printing its own table; returns the summary's rows and whether
    all went well."""
    from bench import outbox, pairs, reports

    backend = ["--sqlite"] if args.sqlite else []
    save = ["--no-save"] if args.no_save else []
    rows: list[list[str]] = []
    ok = True
    print("\n## reports\n", flush=True)
    code, document = reports.run_and_report(["--participants", str(args.participants), "--repeat", "1",
                                             *backend, *save])
    ok = ok and code == 0
    found = document["results"]
    export, stats = found["export"], found.get("stats")
    rows.append([f"/export, {args.participants:,} participants", document["backend"],
                 f"{export['seconds']:.2f} s, peak {export['peak_mb']} MB (RSS {export['rss_peak_mb']:.0f} MB)",
                 "≤ 3 s, ≤ 100 MB"])
    if stats is not None:
        rows.append([f"/stats, {args.participants:,} participants", document["backend"], f"{stats['seconds']:.2f} s",
                     "–"])
    print("\n## pairs\n", flush=True)
    code, result = pairs.run_and_report(["--repeat", "1", *backend, *save])
    ok = ok and code == 0
    rows.append([f"/match {result['mentees']} × {result['mentors']} (service)", result["backend"],
                 f"{result['median_s']:.2f} s, {result['sql_statements_per_run'][0]} SQL, peak {result['peak_mb']} MB",
                 "≤ 1 s"])
    if not args.sqlite:
        print("\n## outbox claim\n", flush=True)
        code, result = outbox.run_and_report(["--claim-only", *save])
        ok = ok and code == 0
        claim = result["claim"]
        rows.append([f"outbox claim of 100 from {claim['rows']:,} pending", result["backend"],
                     f"{claim['claim_ms']:.2f} ms (index used: {claim['uses_index']})", "≤ 5 ms"])
    return rows, ok


def summary(results: list[ScenarioResult], other_rows: list[list[str]]) -> str:
    """One table of everything the run measured: each update scenario's sequential row, then the others'."""
    lines = ["| measurement | backend | result | goal |", "|---|---|---|---|"]
    peer, dialog_peer = find(results, PEER_BASELINE), find(results, DIALOG_PEER_BASELINE)
    for result in results:
        for m in result.measurements:
            if m.stalled:
                lines.append(f"| {result.name} ({m.mode}) | {result.backend} | **stalled** | |")
                continue
            mode = "" if m.mode == "sequential" else f", ×{m.concurrency} in flight"
            share, dialog_share = share_of_peer(result, m, peer), share_of_peer(result, m, dialog_peer)
            lines.append(
                f"| {result.name}{mode} | {result.backend} | {m.updates_per_s:,.0f} updates/s, p99 {m.p(99):.1f} ms, "
                f"{m.per_update('sql'):.1f} SQL and {m.per_update('connections'):.1f} connections per update"
                + (f", {share} of Redis FSM" if share != "–" else "")
                + (f", {dialog_share} of Redis aiogram-dialog" if dialog_share != "–" else "") + " | "
                + ("≤ 4 SQL, ≤ 1 connection; ≥ 0.33 of Redis FSM" if result.name == "questionnaire_step" else
                   "≥ 0.33 of Redis FSM" if result.name in PEER_OF else "") + " |")
    lines += [f"| {' | '.join(row)} |" for row in other_rows]
    return "\n".join(lines)


async def interruptible(coroutine: Awaitable[T]) -> T:
    """`kill` (SIGTERM) cancels the run like Ctrl-C does, so the benchmark database is still dropped."""
    task = asyncio.current_task()
    assert task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    return await coroutine


def main(argv: list[str]) -> int:
    if argv[:1] in (["growth"], ["memory"]):  # the update bench at 1 000, 10 000, 100 000 participants; RSS
        from bench.growth import main as growth_main

        return growth_main(argv)
    if argv[:1] == ["outbox"]:  # sender rate and claim query: bench/outbox.py
        from bench.outbox import main as outbox_main

        return outbox_main(argv[1:])
    if argv[:1] == ["matching"]:  # pure-domain benchmark, no database, options of its own: bench/matching.py
        from bench.matching import main as matching_main

        return matching_main(argv[1:])
    if argv[:1] == ["pairs"]:  # /match through the service over a SQLite database: bench/pairs.py
        from bench.pairs import main as pairs_main

        return pairs_main(argv[1:])
    if argv[:1] == ["reports"]:  # /stats and /export at 10 000 participants, options of its own: bench/reports.py
        from bench.reports import main as reports_main

        return reports_main(argv[1:])
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    wanted = set(args.names or SCENARIOS)
    for name in list(wanted):
        while name in BASELINE_OF:  # each scenario's baseline, and that one's (fsm_baseline -> baseline)
            name = BASELINE_OF[name]
            wanted.add(name)
    if wanted & set(PEER_OF):  # dialog steps also report their share of the bare FSM and dialog steps on Redis
        wanted |= {PEER_BASELINE, DIALOG_PEER_BASELINE}
    chosen = [n for n in SCENARIOS if n in wanted]  # canonical order: every baseline before what it is the floor of
    backend = "sqlite" if args.sqlite else "postgresql"
    options = Options(
        backend=backend, n=args.n, concurrency=args.concurrency, users=args.users, warmup=args.warmup,
        skip_concurrent=args.no_concurrent, dialogs=args.dialogs, population=args.population,
    )
    needs_db = any(n in DB_SCENARIOS for n in chosen)
    started = time.perf_counter()
    busy = busy_cpus()
    if busy is not None and busy > 0.2:
        print(f"note: other processes kept {busy} of {os.cpu_count()} CPUs busy just before the run; the figures "
              "will be lower and noisier than on an idle machine", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="mentorbot-bench-") as workdir:
        database = create_database(backend, Path(workdir)) if needs_db else None
        try:
            results, facts = asyncio.run(interruptible(run_scenarios(chosen, options, database)))
        except (KeyboardInterrupt, asyncio.CancelledError):
            print("interrupted", file=sys.stderr)
            return 130
        finally:
            if database is not None:
                drop_database(database)
    busy_after = busy_cpus()
    env = environment(backend if needs_db else "none", facts, options, (busy, busy_after))
    print()
    print(
        f"Python {env['python']} ({env['implementation']}), {env['cpu_count']} CPUs "
        f"(busy with other work: {busy if busy is not None else '?'} before the run, "
        f"{busy_after if busy_after is not None else '?'} after), {env['platform']}; "
        f"backend: {env.get('database', backend if needs_db else 'none')}"
        + (f" ({env['pool']})" if "pool" in env else "")
        + f"; aiogram {env['aiogram']}, aiogram-dialog {env['aiogram_dialog']}, SQLAlchemy {env['sqlalchemy']}"
    )
    print()
    print(table(results))
    print()
    for result in results:
        base = f"; × {BASELINE_OF[result.name]}" if result.name in BASELINE_OF else ""
        print(f"- {result.name}: {DESCRIPTIONS[result.name]} (setup {result.setup_seconds:.1f}s{base})")
    if not args.no_save:
        peer, dialog_peer = find(results, PEER_BASELINE), find(results, DIALOG_PEER_BASELINE)
        for result in results:
            save(result, baseline_of(result, results), env, peer, dialog_peer)
        print(f"\nJSON written to {RESULTS_DIR}/<name>.json")
    failed = [r for r in results if not r.ok]
    for result in failed:
        reasons = []
        for m in result.measurements:
            mode = m.mode if m.mode == "sequential" else f"{m.mode} ×{m.concurrency}"
            if m.stalled:
                reasons.append(f"{mode} stalled after {m.count} of {m.attempted} started updates finished ({m.stall})")
            if m.counts.api_errors or m.counts.log_problems:
                reasons.append(f"{mode}: {m.counts.api_errors} Bot API errors, {m.counts.log_problems} logged problems")
        if not result.checks.get("ok", True):
            reasons.append(f"check failed: {json.dumps(result.checks, ensure_ascii=False)}")
        print(f"\nFAILED {result.name}:", file=sys.stderr)
        for reason in reasons:
            print(f"  - {reason}", file=sys.stderr)
    others_ok = True
    if not args.names and not args.updates_only:
        other_rows, others_ok = others(args)
        print("\n## summary\n")
        print(summary(results, other_rows))
    print(f"\nTotal {time.perf_counter() - started:.0f}s")
    return 1 if failed or not others_ok else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
