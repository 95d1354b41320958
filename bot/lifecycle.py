"""Stopping cleanly: SIGTERM (systemd, Docker, Kubernetes) and SIGINT (Ctrl+C) end the process in order.

The order matters (issue 12): stop taking work — polling stops, the webhook server stops accepting, the scheduler
starts no tick — then let the work in flight finish, bounded: the outbox's sends already at Telegram are marked
and every other claimed row is released, running jobs and updates end; only then are the bot's HTTP session and
the database engine closed. Closing them first cancelled sends Telegram had already accepted, and they went out
again a minute later when their lease ran out.

Once started, `settle_after_startup` takes what start-up made out of the garbage collector's way.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import sys

log = logging.getLogger(__name__)

#: What a graceful stop may take in all: under the 10 s Docker and systemd give before SIGKILL.
STOP_TIMEOUT = 8.0


def settle_after_startup() -> None:
    """Collect once, then freeze what survives — the imports, the dispatcher and its dialogs, the translations, the
    parsed questionnaires: hundreds of thousands of objects that live as long as the process. Later collections
    walk only what updates make; a full one over everything took about 90 ms (tests/speedups.py does the same for
    test processes)."""
    gc.collect()
    gc.freeze()


async def until_signalled() -> None:
    """Return when the process gets SIGTERM or SIGINT."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    received: list[str] = []

    def on_signal(sig: signal.Signals) -> None:
        received.append(sig.name)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, on_signal, sig)
    await stop.wait()
    log.info("stopping on %s", received[0])


def exit_now(code: int) -> None:
    """End the process once everything is stopped and closed, without tearing down the imported modules: that
    teardown (aiogram's thousands of pydantic models) takes seconds of CPU, over ten on a loaded machine, and counts
    against the grace period before SIGKILL."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
