"""Tests marked `alone` start real processes or time what they do: two of them at once on two cores would take
each other's CPU (a timing reads wrong, a process starts too late), so they run one at a time.

They come first in the collection order (tests/conftest.py), so pytest-xdist's `worksteal` distribution hands
them all to the first worker, which runs them one after another while the other workers run the rest; the others
take work only from the end of a worker's queue. Should one still end up on another worker, it waits for its turn:
an `alone` test holds a `flock` lock on a file in the run's temporary directory, which every worker of one run
shares. Ordinary tests never wait.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Turns:
    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.lock = directory / "alone.lock"

    @contextmanager
    def alone(self) -> Iterator[None]:
        with open(self.lock, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def in_a_worker() -> bool:
    """True inside a pytest-xdist worker (the variable is set before any test module is imported)."""
    return "PYTEST_XDIST_WORKER" in os.environ
