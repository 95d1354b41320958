"""Tests marked `alone` start real processes (`python -m bot`, the scheduler, the outbox drainer) or time what
they do. They take long and mostly wait, so they go first, spread evenly over the pytest-xdist workers: each worker
begins its share of the run with its part of them, and no worker runs two at once. `python3 dev.py test -m alone
-n 0` runs them by themselves, one after another, with nothing beside them.

`--dist worksteal` gives the k-th worker the k-th of equal consecutive shares of the collection (and later lets an
idle worker take over the end of a busy one's), so the order is built share by share: the share's `alone` tests,
then the next ordinary tests in their order. Tests stay grouped by backend within a share: the backend's database
and its copies of set-ups (tests/stories.py) are made again whenever the backend changes from one test to the next.
"""

from __future__ import annotations

import os

import pytest


def _backend(item: pytest.Item) -> str:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("backend", "") if callspec is not None else ""


def _shares(total: int, workers: int) -> list[int]:
    """How many tests each worker is sent first (xdist's WorkStealingScheduling.check_schedule)."""
    shares = []
    for k in range(workers):
        shares.append((total - sum(shares)) // (workers - k))
    return shares


def order(items: list[pytest.Item]) -> list[pytest.Item]:
    """The run's order: `alone` tests at the start of every worker's share (all first without workers)."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    alone = [item for item in items if item.get_closest_marker("alone")]
    rest = [item for item in items if not item.get_closest_marker("alone")]
    ordered: list[pytest.Item] = []
    for k, share in enumerate(_shares(len(items), workers)):
        first = sorted(alone[k::workers], key=_backend)  # stable: in their order within a backend
        taken, rest = rest[: max(0, share - len(first))], rest[max(0, share - len(first)) :]
        ordered += first + taken
    return ordered + rest
