"""Outbox benchmark: delivery under the token's shared send budget, and the claim query on a big queue.

    python3 dev.py bench outbox                        # everything below, about two minutes
    .venv/bin/python -m bench outbox --seconds 8 --rows 200000
    .venv/bin/python -m bench outbox --no-claim --no-processes

All sends go through aiogram's HTTP session to the fake Bot API of the tests (tests/fakes/bot_api_server.py),
which enforces Telegram's limits (30 calls in any rolling second per token, 5 messages in 3 s per chat; 429
beyond), with the bot's budget (bot/send_budget.py) in Redis. Reported, as ratios of one run:

- **Drain rate** of 1 and of 3 sender processes (`python -m scheduler`, real OS processes on one PostgreSQL and
  Redis) against `SEND_RATE`, and the 429s they met: together they should reach SEND_RATE, never more.
- **Replies during bulk**: p50/p99 of `/help` answered (user sends → reply accepted) while the outbox drains a
  10 000-message broadcast, against the same with an idle queue, in one bot (polling + in-process sender).
- **Reminders during bulk**: 100 time-critical rows falling due during that wave; how late each went out.
- **Claim**: `rows` pending rows (INSERT … SELECT generate_series, PostgreSQL only), then the sender's claim of one
  batch (100 rows, FOR UPDATE SKIP LOCKED, rolled back so every repetition sees the same queue) against a
  primary-key lookup of one outbox row on an ordinary connection (the claim on one like the sender's) — the ratio
  says what the claim costs in "point lookups" whatever the machine.
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

from sqlalchemy import insert, select, text

RESULTS_DIR = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = {"key": "plan-goal-done-mentee", "args": {"title": "#", "mentor": "M"}, "buttons": [], "locale": "ru"}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench outbox", description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=25, help="SEND_RATE, messages/s for the token (25)")
    parser.add_argument("--seconds", type=float, default=10, help="length of each drain and of the bulk wave (10)")
    parser.add_argument("--bulk", type=int, default=10_000, help="broadcast rows queued for the bulk wave (10000)")
    parser.add_argument("--reminders", type=int, default=100, help="reminders falling due during the wave (100)")
    parser.add_argument("--probes", type=int, default=200, help="/help requests per phase (200: the p99 is the 2nd slowest)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="pending rows for the claim query (1000000)")
    parser.add_argument("--repeat", type=int, default=50, help="claim and lookup repetitions (50)")
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", os.environ.get("TEST_REDIS_URL",
                        "redis://127.0.0.1:6379/0")), help="Redis for the shared budget")
    parser.add_argument("--no-claim", action="store_true", help="skip the claim query")
    parser.add_argument("--claim-only", action="store_true", help="only the claim query (no Redis, no drains)")
    parser.add_argument("--no-processes", action="store_true", help="skip the 1- and 3-process drains")
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/outbox.json")
    return parser.parse_args(argv)


async def queue(url: str, rows: list[dict[str, Any]]) -> None:
    from db.engine import create_engine
    from db.models import OutboxRow

    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            for start in range(0, len(rows), 2000):
                await connection.execute(insert(OutboxRow), rows[start:start + 2000])
    finally:
        await engine.dispose()


def row(chat_id: int, due: datetime, kind: str = "notice") -> dict[str, Any]:
    from mentorship.outbox import priority_of

    return dict(chat_id=chat_id, person_id=None, organisation_id=None, kind=kind, urgent=False,
                priority=int(priority_of(kind)), status="pending", attempts=0, payload=PAYLOAD, due_at=due,
                created_at=due)


async def forget_budget(redis_url: str) -> None:
    from redis.asyncio import Redis

    from bot.send_budget import budget_prefix
    from tests.harness import TEST_TOKEN

    redis = Redis.from_url(redis_url)
    try:
        keys = [key async for key in redis.scan_iter(match=budget_prefix(TEST_TOKEN) + ":*")]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()


async def drain_processes(url: str, redis_url: str, rate: float, seconds: float, processes: int,
                          base: int) -> dict[str, Any]:
    """`processes` × `python -m scheduler` drain rate × seconds rows to distinct chats."""
    from tests.fakes.bot_api_server import BotApiServer
    from tests.harness import TEST_TOKEN

    await forget_budget(redis_url)
    count = max(50, int(rate * seconds))
    api = BotApiServer(TEST_TOKEN)
    await api.start()
    env = {**os.environ, "BOT_TOKEN": TEST_TOKEN, "DATABASE_URL": url, "TELEGRAM_API_URL": api.url,
           "REDIS_URL": redis_url, "WEBHOOK_URL": "", "LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1",
           "SEND_RATE": str(rate), "SCHEDULER_TICK": "0.2"}
    workdir = Path(tempfile.mkdtemp())
    logs = [workdir / f"s{n}.log" for n in range(processes)]
    children = []
    try:
        for log in logs:
            with log.open("ab") as out:
                children.append(await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "scheduler", cwd=ROOT, env=env, stdout=out, stderr=asyncio.subprocess.STDOUT))
        deadline = time.monotonic() + 240
        while not all("scheduler started" in log.read_text() for log in logs):
            if time.monotonic() > deadline or any(c.returncode is not None for c in children):
                raise SystemExit("sender processes did not start:\n" + "\n".join(l.read_text()[-1000:] for l in logs))
            await asyncio.sleep(0.2)
        now = datetime.now(UTC)
        await queue(url, [row(base + i, now - timedelta(seconds=1)) for i in range(count)])
        deadline = time.monotonic() + seconds * 4 + 30
        while len(api.accepted) < count and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
    finally:
        for child in children:
            if child.returncode is None:
                child.kill()
                await child.wait()
        await api.close()
    times = [at for at, _chat in api.accepted]
    achieved = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    peak, window = 0, 0
    for i, at in enumerate(times):
        while times[window] <= at - 1.0:
            window += 1
        peak = max(peak, i - window + 1)
    return {"processes": processes, "rate": rate, "messages": count, "delivered": len(api.accepted),
            "achieved": round(achieved, 1), "ratio": round(achieved / rate, 3), "busiest_second": peak,
            "too_many": api.too_many}


async def replies_and_reminders(url: str, redis_url: str, args: argparse.Namespace) -> dict[str, Any]:
    """One bot (polling + its sender, as `python -m bot` runs): /help latency idle, then during a bulk wave with
    reminders falling due in it."""
    from bot.app import create_app
    from tests.fakes.bot_api_server import BotApiServer
    from tests.harness import TEST_TOKEN, settings_for_tests

    await forget_budget(redis_url)
    api = BotApiServer(TEST_TOKEN)
    await api.start()
    settings = settings_for_tests(url, telegram_api_url=api.url, redis_url=redis_url, send_rate=args.rate)
    app = await create_app(settings)
    polling = asyncio.create_task(app.dispatcher.start_polling(
        app.bot, handle_signals=False, polling_timeout=1, allowed_updates=app.dispatcher.resolve_used_update_types()))

    async def drain_forever() -> None:
        while True:
            await app.sender.drain()
            await asyncio.sleep(0.2)

    draining = asyncio.create_task(drain_forever())

    async def probe(chat_id: int) -> float:
        mark = api.last_message_id()
        asked = time.monotonic()
        api.user_sends(chat_id, "/help")
        while not api.bot_said(chat_id, ".", after=mark):
            if time.monotonic() - asked > 30:
                return 30.0
            await asyncio.sleep(0.002)
        return time.monotonic() - asked

    async def probes(first_chat: int, spread: float) -> list[float]:
        found = []
        for n in range(args.probes):
            found.append(await probe(first_chat + n))  # a new person each time: the chat's own limit stays out
            await asyncio.sleep(spread / args.probes)
        return found

    try:
        while api.polls == 0:
            await asyncio.sleep(0.05)
        await probe(700_000)  # warm-up: the first update imports and caches what the rest reuse
        idle = await probes(710_000, min(args.seconds, 5))
        now = datetime.now(UTC)
        bulk = [row(800_000 + i, now - timedelta(seconds=1), "broadcast") for i in range(args.bulk)]
        start = now + timedelta(seconds=2)
        spacing = args.seconds / 2 / args.reminders  # due over half the wave, faster than SEND_RATE allows at once
        due = {900_000 + i: start + timedelta(seconds=i * spacing) for i in range(args.reminders)}
        await queue(url, bulk + [row(chat, at, "reminder") for chat, at in due.items()])
        wall0, mono0 = datetime.now(UTC), time.monotonic()
        await asyncio.sleep(1)
        busy = await probes(720_000, args.seconds)
        deadline = time.monotonic() + 30
        while sum(1 for _at, chat in api.accepted if chat in due) < len(due) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        bulk_sent = sum(1 for _at, chat in api.accepted if 800_000 <= chat < 900_000)
    finally:
        draining.cancel()
        await app.dispatcher.stop_polling()
        await asyncio.gather(polling, draining, return_exceptions=True)
        await app.close()
        await api.close()
    sent_at = {chat: at for at, chat in api.accepted if chat in due}
    lateness = [sent_at[chat] - (mono0 + (at - wall0).total_seconds()) for chat, at in due.items() if chat in sent_at]

    def p(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {
        "idle_p50_ms": round(p(idle, 0.5) * 1000, 1), "idle_p99_ms": round(p(idle, 0.99) * 1000, 1),
        "bulk_p50_ms": round(p(busy, 0.5) * 1000, 1), "bulk_p99_ms": round(p(busy, 0.99) * 1000, 1),
        "p99_ratio": round(p(busy, 0.99) / p(idle, 0.99), 2), "bulk_sent_meanwhile": bulk_sent,
        "reminders": len(due), "reminders_sent": len(lateness),
        "reminder_late_max_s": round(max(lateness), 2) if lateness else None,
        "reminder_late_p50_s": round(statistics.median(lateness), 2) if lateness else None,
        "too_many": api.too_many,
    }


async def claim_cost(url: str, rows: int, repeat: int) -> dict[str, Any]:
    from db.engine import create_engine, create_session_factory
    from db.models import OutboxRow
    from db.repositories.outbox import OutboxRepository

    engine = create_engine(url)
    now = datetime.now(UTC)
    started = time.monotonic()
    async with engine.begin() as connection:
        await connection.execute(text(
            "INSERT INTO outbox (chat_id, kind, payload, urgent, priority, due_at, status, attempts, created_at) "
            "SELECT 2000000 + g, 'notice', CAST(:payload AS JSON), false, 2, "
            "       CAST(:start AS timestamptz) + g * interval '1 millisecond', 'pending', 0, CAST(:start AS timestamptz) "
            "FROM generate_series(1, :rows) AS g"
        ), {"payload": json.dumps({"key": "plan-goal-done-mentee", "args": {}, "buttons": [], "locale": "ru"}),
            "start": now - timedelta(days=1), "rows": rows})
        await connection.execute(text("ANALYZE outbox"))
    filled = time.monotonic() - started
    factory = create_session_factory(engine)
    # The claims on connections like the sender's (bot.app: each statement planned for its values), the lookups on
    # the bot's.
    claim_engine = create_engine(url, custom_plans=True)
    claims, lookups = [], []
    async with factory() as session, create_session_factory(claim_engine)() as claim_session:
        repo = OutboxRepository(claim_session)
        ids = list(await session.scalars(select(OutboxRow.id).order_by(OutboxRow.id.desc()).limit(repeat)))
        await session.rollback()
        for n in range(repeat + 5):  # the first five warm the caches and the plan
            t0 = time.perf_counter()
            claimed = await repo.claim(now, 100, timedelta(seconds=60))
            t1 = time.perf_counter()
            await claim_session.rollback()
            assert len(claimed) == 100
            t2 = time.perf_counter()
            await session.scalar(select(OutboxRow.chat_id).where(OutboxRow.id == ids[n % len(ids)]))
            t3 = time.perf_counter()
            await session.rollback()
            if n >= 5:
                claims.append(t1 - t0)
                lookups.append(t3 - t2)
        plan = "\n".join(r[0] for r in await session.execute(text(
            "EXPLAIN SELECT id FROM outbox WHERE status = 'pending' AND priority = 2 AND due_at <= now() "
            "AND (claimed_until IS NULL OR claimed_until < now()) ORDER BY due_at, id LIMIT 100 FOR UPDATE SKIP LOCKED"
        )))
    await claim_engine.dispose()
    await engine.dispose()
    claim_ms, lookup_ms = statistics.median(claims) * 1000, statistics.median(lookups) * 1000
    return {"rows": rows, "fill_s": round(filled, 1), "claim_ms": round(claim_ms, 2), "lookup_ms": round(lookup_ms, 3),
            "ratio": round(claim_ms / lookup_ms, 1), "uses_index": "ix_outbox_claim" in plan}


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench.updates import create_database, drop_database
    from db import migrate

    results: dict[str, Any] = {"backend": "postgresql", "python": platform.python_version(), "cpus": os.cpu_count(),
                               "at": datetime.now(UTC).isoformat(timespec="seconds"), "drain": []}
    with tempfile.TemporaryDirectory() as workdir:
        database = await asyncio.to_thread(create_database, "postgresql", Path(workdir))
        try:
            await migrate.upgrade(database.url)
            if not args.no_processes and not args.claim_only:
                for n, processes in enumerate((1, 3)):
                    results["drain"].append(await drain_processes(
                        database.url, args.redis, args.rate, args.seconds, processes, 1_000_000 + n * 100_000))
            if not args.claim_only:
                results["interactive"] = await replies_and_reminders(database.url, args.redis, args)
            if not args.no_claim:
                results["claim"] = await claim_cost(database.url, args.rows, args.repeat)
        finally:
            await asyncio.to_thread(drop_database, database)
    return results


def main(argv: list[str]) -> int:
    return run_and_report(argv)[0]


def run_and_report(argv: list[str]) -> tuple[int, dict[str, Any]]:
    """What `main` does, also returning the results (`python -m bench` puts the claim in its summary)."""
    import logging

    logging.basicConfig(level=logging.WARNING)
    args = parse_args(argv)
    results = asyncio.run(run(args))
    print(f"outbox benchmark — {results['backend']}, Python {results['python']}, {results['cpus']} CPUs, "
          f"SEND_RATE {args.rate:g}")
    if results["drain"]:
        print("| sender processes | messages | delivered | achieved | vs SEND_RATE | busiest second | 429s |")
        print("|---|---|---|---|---|---|---|")
        for d in results["drain"]:
            print(f"| {d['processes']} | {d['messages']} | {d['delivered']} | {d['achieved']}/s | {d['ratio']} | "
                  f"{d['busiest_second']} | {d['too_many']} |")
    i = results.get("interactive")
    if i is not None:
        print(f"\n/help answered: idle p50 {i['idle_p50_ms']} ms, p99 {i['idle_p99_ms']} ms; during a {args.bulk}-message "
              f"bulk drain p50 {i['bulk_p50_ms']} ms, p99 {i['bulk_p99_ms']} ms → p99 ratio {i['p99_ratio']}× (goal ≤ 2×); "
              f"bulk sent meanwhile {i['bulk_sent_meanwhile']}")
        print(f"{i['reminders']} reminders due during the wave: {i['reminders_sent']} sent, lateness median "
              f"{i['reminder_late_p50_s']} s, max {i['reminder_late_max_s']} s (goal ≤ 5 s); 429s {i['too_many']}")
    if "claim" in results:
        c = results["claim"]
        print(f"\nclaim of 100 over {c['rows']} pending rows: {c['claim_ms']} ms median; primary-key lookup "
              f"{c['lookup_ms']} ms; ratio {c['ratio']}×; partial index used: {c['uses_index']}")
    ok = all(d["delivered"] == d["messages"] and d["too_many"] == 0 for d in results["drain"])
    ok = ok and (i is None or i["reminders_sent"] == i["reminders"])
    if not args.no_save:
        RESULTS_DIR.mkdir(exist_ok=True)
        (RESULTS_DIR / "outbox.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return (0 if ok else 1), results


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
