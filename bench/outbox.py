"""Outbox benchmark: the sender's drain rate against the configured limit, and the claim query on a big queue.

    .venv/bin/python -m bench outbox                  # rates 25 and 200/s, claim over 1 000 000 pending rows
    .venv/bin/python -m bench outbox --rates 25 --seconds 20 --rows 200000
    .venv/bin/python -m bench outbox --no-claim       # drain rate only (also on --sqlite)

Drain: N = rate × seconds messages to N chats, sent by `OutboxSender` through aiogram's HTTP session to the fake
Bot API server of the tests (tests/fakes/bot_api_server.py) that enforces Telegram's limits (rate × 1.1 per
rolling second for the token, 1/s per chat, 429 when broken). Reported: achieved/configured rate, 429s seen.

Claim: `rows` pending rows (INSERT … SELECT generate_series, PostgreSQL only), then the sender's claim of one
batch (100 rows, FOR UPDATE SKIP LOCKED, rolled back so every repetition sees the same queue) against a
primary-key lookup of one outbox row in the same session — the ratio says what the claim costs in "point
lookups" whatever the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench outbox", description=__doc__.split("\n")[0])
    parser.add_argument("--rates", default="25,200", help="sender rates to measure, messages/s (25,200)")
    parser.add_argument("--seconds", type=float, default=10, help="drain length at each rate (10)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="pending rows for the claim query (1000000)")
    parser.add_argument("--repeat", type=int, default=50, help="claim and lookup repetitions (50)")
    parser.add_argument("--no-claim", action="store_true", help="skip the claim query")
    parser.add_argument("--sqlite", action="store_true", help="drain against a SQLite file (no claim query)")
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/outbox.json")
    return parser.parse_args(argv)


async def drain_rate(url: str, rate: float, seconds: float) -> dict[str, Any]:
    from bot.app import build_bot
    from bot.i18n import Translator
    from bot.outbox_sender import OutboxSender
    from db.engine import create_engine, create_session_factory
    from mentorship.clock import SystemClock
    from tests.fakes.bot_api_server import BotApiServer
    from tests.harness import TEST_TOKEN, settings_for_tests
    from tests.test_outbox_sender import queue_rows

    count = max(50, int(rate * seconds))
    api = BotApiServer(TEST_TOKEN)
    await api.start()
    api.enforce_limits(token_rate=int(rate * 1.1) + 1, chat_interval=1.0)
    engine = create_engine(url)
    bot = build_bot(settings_for_tests(url, telegram_api_url=api.url))
    base = 1_000_000 + int(rate) * 100_000
    try:
        await queue_rows(url, count, base=base)
        sender = OutboxSender(create_session_factory(engine), bot, Translator(), SystemClock(), rate=rate)
        started = time.monotonic()
        delivered = await sender.drain()
        wall = time.monotonic() - started
    finally:
        await bot.session.close()
        await engine.dispose()
        await api.close()
    times = [at for at, _chat in api.accepted]
    achieved = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    return {"rate": rate, "messages": count, "delivered": delivered, "achieved": round(achieved, 1),
            "ratio": round(achieved / rate, 3), "too_many": api.too_many, "wall_s": round(wall, 2)}


async def claim_cost(url: str, rows: int, repeat: int) -> dict[str, Any]:
    from db.engine import create_engine, create_session_factory
    from db.models import OutboxRow
    from db.repositories.outbox import OutboxRepository

    engine = create_engine(url)
    now = datetime.now(UTC)
    started = time.monotonic()
    async with engine.begin() as connection:
        await connection.execute(text(
            "INSERT INTO outbox (chat_id, kind, payload, urgent, due_at, status, attempts, created_at) "
            "SELECT 2000000 + g, 'notice', CAST(:payload AS JSON), false, "
            "       CAST(:start AS timestamptz) + g * interval '1 millisecond', 'pending', 0, CAST(:start AS timestamptz) "
            "FROM generate_series(1, :rows) AS g"
        ), {"payload": json.dumps({"key": "plan-goal-done-mentee", "args": {}, "buttons": [], "locale": "ru"}),
            "start": now - timedelta(days=1), "rows": rows})
        await connection.execute(text("ANALYZE outbox"))
    filled = time.monotonic() - started
    factory = create_session_factory(engine)
    claims, lookups = [], []
    async with factory() as session:
        repo = OutboxRepository(session)
        ids = list(await session.scalars(select(OutboxRow.id).order_by(OutboxRow.id.desc()).limit(repeat)))
        for n in range(repeat + 5):  # the first five warm the caches and the plan
            t0 = time.perf_counter()
            claimed = await repo.claim(now, 100, timedelta(seconds=60))
            t1 = time.perf_counter()
            await session.rollback()
            assert len(claimed) == 100
            t2 = time.perf_counter()
            await session.scalar(select(OutboxRow.chat_id).where(OutboxRow.id == ids[n % len(ids)]))
            t3 = time.perf_counter()
            await session.rollback()
            if n >= 5:
                claims.append(t1 - t0)
                lookups.append(t3 - t2)
        plan = "\n".join(r[0] for r in await session.execute(text(
            "EXPLAIN SELECT id FROM outbox WHERE status = 'pending' AND due_at <= now() "
            "AND (claimed_until IS NULL OR claimed_until < now()) ORDER BY due_at, id LIMIT 100 FOR UPDATE SKIP LOCKED"
        )))
    await engine.dispose()
    claim_ms, lookup_ms = statistics.median(claims) * 1000, statistics.median(lookups) * 1000
    return {"rows": rows, "fill_s": round(filled, 1), "claim_ms": round(claim_ms, 2), "lookup_ms": round(lookup_ms, 3),
            "ratio": round(claim_ms / lookup_ms, 1), "uses_index": "ix_outbox_due" in plan}


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench.updates import create_database, drop_database
    from db import migrate

    backend = "sqlite" if args.sqlite else "postgresql"
    results: dict[str, Any] = {"backend": backend, "python": platform.python_version(), "cpus": os.cpu_count(),
                               "at": datetime.now(UTC).isoformat(timespec="seconds"), "drain": []}
    with tempfile.TemporaryDirectory() as workdir:
        database = await asyncio.to_thread(create_database, backend, Path(workdir))
        try:
            await migrate.upgrade(database.url)
            for rate in [float(r) for r in args.rates.split(",") if r.strip()]:
                results["drain"].append(await drain_rate(database.url, rate, args.seconds))
            if backend == "postgresql" and not args.no_claim:
                results["claim"] = await claim_cost(database.url, args.rows, args.repeat)
        finally:
            await asyncio.to_thread(drop_database, database)
    return results


def main(argv: list[str]) -> int:
    import logging

    logging.basicConfig(level=logging.WARNING)
    args = parse_args(argv)
    results = asyncio.run(run(args))
    print(f"outbox benchmark — {results['backend']}, Python {results['python']}, {results['cpus']} CPUs")
    print("| rate configured | messages | achieved | ratio | 429s | wall |")
    print("|---|---|---|---|---|---|")
    for d in results["drain"]:
        print(f"| {d['rate']:g}/s | {d['messages']} | {d['achieved']}/s | {d['ratio']} | {d['too_many']} | {d['wall_s']} s |")
    if "claim" in results:
        c = results["claim"]
        print(f"\nclaim of 100 over {c['rows']} pending rows: {c['claim_ms']} ms median; primary-key lookup "
              f"{c['lookup_ms']} ms; ratio {c['ratio']}×; partial index used: {c['uses_index']}")
    ok = all(d["delivered"] == d["messages"] and d["too_many"] == 0 for d in results["drain"])
    if not args.no_save:
        RESULTS_DIR.mkdir(exist_ok=True)
        (RESULTS_DIR / "outbox.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
