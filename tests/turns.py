"""Tests marked `alone` run with no other test running, also when pytest-xdist runs the others side by side.

They start real processes or time what they do, so another worker's test beside them would take their CPU (a
timing reads wrong, a process starts too late). Every test takes a turn: an ordinary test shares the room with the
other workers' ordinary tests; an `alone` test waits until the room is empty and keeps everyone out until it is
done. The room and its gate are `flock` locks on two files in the run's temporary directory, which every worker of
one run shares; the gate makes an `alone` test's wait end (without it, workers taking turns at sharing the room
could keep it out for ever). In a run without workers there is no one to wait for, and nothing is locked.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def _locked(path: Path, kind: int) -> Iterator[None]:
    with open(path, "a+b") as handle:
        fcntl.flock(handle, kind)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Turns:
    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.gate = directory / "gate"
        self.room = directory / "room"

    @contextmanager
    def shared(self) -> Iterator[None]:
        """An ordinary test: waits only while an `alone` test waits or runs."""
        with _locked(self.gate, fcntl.LOCK_SH):
            pass
        with _locked(self.room, fcntl.LOCK_SH):
            yield

    @contextmanager
    def alone(self) -> Iterator[None]:
        """An `alone` test: closes the gate, then waits for the tests in the room to finish."""
        with _locked(self.gate, fcntl.LOCK_EX), _locked(self.room, fcntl.LOCK_EX):
            yield


def in_a_worker() -> bool:
    """True inside a pytest-xdist worker (the variable is set before any test module is imported)."""
    return "PYTEST_XDIST_WORKER" in os.environ
