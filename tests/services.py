"""Local PostgreSQL and Redis for the tests: found on 127.0.0.1, or started with the machine's own commands."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PG_HOST, PG_PORT = "127.0.0.1", 5432
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
PG_ADMIN_URL = os.environ.get("TEST_PG_ADMIN_URL", f"postgresql+asyncpg://postgres@{PG_HOST}:{PG_PORT}/postgres")
#: Redis databases a server has unless configured otherwise.
REDIS_DATABASES = 16


def for_this_worker(redis_url: str) -> str:
    """Under pytest-xdist, worker gwN uses the Nth database after TEST_REDIS_URL's (wrapping at 16), so workers
    never flush each other's keys; a run without workers uses TEST_REDIS_URL's own."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return redis_url
    parts = urlsplit(redis_url)
    database = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(database + int(worker[2:])) % REDIS_DATABASES}"))


REDIS_URL = for_this_worker(os.environ.get("TEST_REDIS_URL", f"redis://{REDIS_HOST}:{REDIS_PORT}/0"))


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _wait(host: str, port: int, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _reachable(host, port):
            return True
        time.sleep(0.3)
    return False


def ensure_postgres() -> bool:
    if _reachable(PG_HOST, PG_PORT):
        return True
    versions = sorted(Path("/etc/postgresql").glob("*")) if Path("/etc/postgresql").exists() else []
    if versions and shutil.which("pg_ctlcluster"):
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1].name, "main", "start"],
            check=False,
            capture_output=True,
        )
        return _wait(PG_HOST, PG_PORT)
    return False


def ensure_redis() -> bool:
    if _reachable(REDIS_HOST, REDIS_PORT):
        return True
    if shutil.which("redis-server"):
        subprocess.run(
            ["redis-server", "--daemonize", "yes", "--bind", REDIS_HOST, "--port", str(REDIS_PORT),
             "--save", "", "--appendonly", "no"],
            check=False,
            capture_output=True,
        )
        return _wait(REDIS_HOST, REDIS_PORT)
    return False
