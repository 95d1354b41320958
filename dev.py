#!/usr/bin/env python3
"""One-command set-up for newcomers: `python3 dev.py run` starts the bot, `python3 dev.py test` runs the tests.

Both create `.venv` on first use and install the locked dependencies into it, so a fresh machine needs only
Python 3.11+. The virtual environment is refreshed whenever a lock file changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _ensure_venv(lock_name: str) -> None:
    lock = ROOT / lock_name
    stamp = VENV / f".installed-{lock_name}"
    digest = hashlib.sha256(lock.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f"Creating virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print(f"Installing dependencies from {lock_name} ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "-r", str(lock)], check=True)
    subprocess.run([*pip, "install", "--no-deps", "-e", str(ROOT)], check=True)
    stamp.write_text(digest)


def _parallel(args: list[str]) -> list[str]:
    """The tests run in pytest-xdist workers, two per core (each starts with an equal share of the tests in their
    order and takes over the end of another's when done; half the suite's time is tests waiting for processes they
    started, so one worker per core leaves the cores idle), unless the arguments choose: `-n 0` runs one process."""
    chosen = any(a in ("-n", "--numprocesses", "--dist") or a.startswith(("-n", "--numprocesses=", "--dist="))
                 for a in args)
    no_xdist = any(a in ("no:xdist", "-pno:xdist") for a in args)
    return [] if chosen or no_xdist else ["-n", str(2 * (os.cpu_count() or 1)), "--dist", "worksteal"]


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        print("Python 3.11 or newer is required.", file=sys.stderr)
        return 2
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if command == "run":
        _ensure_venv("requirements.lock")
        return subprocess.call([str(PYTHON), "-m", "bot", *rest], cwd=ROOT)
    if command == "test":
        _ensure_venv("requirements-dev.lock")
        return subprocess.call([str(PYTHON), "-m", "pytest", *_parallel(rest), *rest], cwd=ROOT)
    if command == "bench":
        _ensure_venv("requirements-dev.lock")
        return subprocess.call([str(PYTHON), "-m", "bench", *rest], cwd=ROOT)
    print("usage: python3 dev.py run [bot arguments] | test [pytest arguments] | bench [names]")
    return 0 if command == "help" else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
