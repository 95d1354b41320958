"""Stopping and starting again (issue 12, item 4): SIGTERM mid-drain sends nothing twice, and what the stopped
process held goes out as soon as the next one starts — not when a lease runs out a minute later.

Real processes (`python -m scheduler` and `python -m bot`) over HTTP against the fake Bot API, which enforces
Telegram's limits and answers each send only after a delay (so sends are at Telegram when SIGTERM comes).
Times are measured from the moment a process says it is ready: importing aiogram on a loaded shared machine can
take a minute, and that is not what is tested.
"""

from __future__ import annotations

import asyncio
import re
import signal
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import create_engine
from db.models import OutboxRow
from tests.conftest import ADMIN_ID
from tests.fakes.bot_api_server import BotApiServer
from tests.fixtures.live import BASE_CHAT, delivered_rows, queue_rows, statuses
from tests.fixtures.live import process_env as _env
from tests.fixtures.live import spawn as _spawn
from tests.harness import TEST_TOKEN

pytestmark = pytest.mark.alone  # real time: timed sends, processes (tests/alone.py)

#: Importing aiogram and pydantic's models takes 3 s on a quiet machine and far longer on a loaded one.
READY_TIMEOUT = 540.0
READY = {"scheduler": "scheduler started", "bot": "bot started"}


@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    server = BotApiServer(TEST_TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


async def _until(predicate, timeout: float, process: asyncio.subprocess.Process, log: Path, what: str) -> float:
    """Wait for predicate(); returns when it held (monotonic). Fails early if the process exits."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if process.returncode is not None:
            raise AssertionError(f"the process exited with {process.returncode} before {what}:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}:\n{log.read_text()[-3000:]}")
        await asyncio.sleep(0.02)
    return time.monotonic()


async def _claims(db_url: str) -> tuple[int, int]:
    """(pending rows still under a claim, pending rows whose attempts were counted)."""
    engine = create_engine(db_url)
    try:
        async with engine.connect() as connection:
            claimed = await connection.scalar(select(func.count()).select_from(OutboxRow).where(
                OutboxRow.status == "pending", OutboxRow.claimed_until.is_not(None)))
            counted = await connection.scalar(select(func.count()).select_from(OutboxRow).where(
                OutboxRow.status == "pending", OutboxRow.attempts > 0))
            return int(claimed or 0), int(counted or 0)
    finally:
        await engine.dispose()


@pytest.mark.parametrize("entry", ["scheduler", "bot"])
async def test_sigterm_mid_drain_sends_nothing_twice_and_the_rest_goes_at_once_after_a_restart(
    entry: str, backend: str, db_url: str, api: BotApiServer, tmp_path: Path
) -> None:
    count, stop_after = 60, 40
    api.enforce_limits(token_rate=30)
    api.send_latency = 0.3  # at 25/s about eight sends are at Telegram at any moment
    await queue_rows(db_url, count)
    env = _env(db_url, api, SEND_RATE="25", SCHEDULER_TICK="0.5", LOG_LEVEL="INFO", RUN_SCHEDULER="true",
               ADMIN_IDS=str(ADMIN_ID), AUTO_MIGRATE="false")
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"

    first = await _spawn(entry, env, first_log)
    try:
        await _until(lambda: len(api.accepted) >= stop_after, READY_TIMEOUT, first, first_log, f"{stop_after} sends")
        first.send_signal(signal.SIGTERM)
        stopped_at = time.monotonic()
        code = await asyncio.wait_for(first.wait(), 30)
    finally:
        if first.returncode is None:
            first.kill()
            await first.wait()
    stop_took = time.monotonic() - stopped_at
    log = first_log.read_text()
    assert code == 0, log[-3000:]
    assert not [line for line in log.splitlines() if " ERROR " in line or "Traceback" in line], log[-3000:]
    assert stop_took < 10, f"the stop took {stop_took:.1f} s"

    # Every send Telegram accepted is marked, and nothing is left under a claim or charged an attempt.
    sent_before = len(api.accepted)
    in_db = await statuses(db_url)
    assert in_db["sent"] == sent_before and in_db["pending"] == count - sent_before, (in_db, sent_before)
    assert await _claims(db_url) == (0, 0)
    assert re.search(r"outbox released rows=\d+", log), log[-3000:]

    second = await _spawn(entry, env, second_log)
    try:
        ready = await _until(lambda: READY[entry] in second_log.read_text(), READY_TIMEOUT, second, second_log,
                             "the restarted process to be ready")
        done = await _until(lambda: len(api.accepted) >= count, 60, second, second_log, "the rest to be delivered")
        await asyncio.sleep(1.0)  # anything sent twice would arrive now
    finally:
        if second.returncode is None:
            second.send_signal(signal.SIGTERM)
            await asyncio.wait_for(second.wait(), 30)
    resumed = min(at for at, _chat in api.accepted[sent_before:]) - ready
    print(f"{entry}/{backend}: stop took {stop_took:.2f} s with {sent_before} sent; after the restart the first send "
          f"came {resumed:.2f} s and the last {done - ready:.2f} s after ready ({count - sent_before} rows)")
    delivered = delivered_rows(api, range(BASE_CHAT, BASE_CHAT + count))
    assert delivered == Counter({str(i): 1 for i in range(count)}), {k: n for k, n in delivered.items() if n != 1}
    assert (await statuses(db_url)) == Counter({"sent": count})
    assert api.too_many == 0
    # Not a lease's 60 s: the released rows go at once (20 rows at SEND_RATE 25 take under a second when idle).
    assert done - ready <= 5.0, f"the rest took {done - ready:.1f} s after the restart"
