"""Processes started warm: `python -m bot`, `python -m scheduler` and the other entry points the tests run as real
processes, forked from an interpreter that has already imported the project, instead of a new interpreter each time.

A new interpreter spends about 4 s of CPU importing aiogram and the bot (aiogram builds its pydantic models at import)
before it does anything a test looks at; the suite starts some fifty processes, which was a third of its CPU on two
cores. Here one helper per test process (`python -m tests.warm <socket>`) imports the project once, then, for each
request, forks: the child takes the request's environment, working directory, arguments and log file and runs the
module exactly as `python -m` does (`runpy`, as `__main__`), so settings, signals, exit codes and what it prints are
those of the real entry point. The helper reports the child's pid and, when it ends, its exit code (negative: the
signal that ended it, as asyncio reports it).

What a warm process does not repeat is the interpreter's start and the imports. `tests/test_e2e.py` keeps one cold
start (`sys.executable -m bot`) for them, and the image build (`../shared/tools/build-image`) runs `migrate` and
`check` cold too.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

#: What the helper imports before it forks anything: the entry points' dependencies, not their `__main__`s.
PRELOAD = ("bot.app", "bot.runner", "bot.check", "bot.lifecycle", "bot.logs", "db.migrate", "scheduler.runner",
           "tests.fakes.telegram", "alembic.command", "redis.asyncio", "asyncpg", "aiosqlite")


# --- the test side -------------------------------------------------------------------------------------------


class _Helper:
    """The warm interpreter of this test process: started on first use, gone when this process ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self.socket_path = ""

    def ensure(self) -> str:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                directory = tempfile.mkdtemp(prefix="warm-")
                self.socket_path = os.path.join(directory, "s")
                self._process = subprocess.Popen(
                    [sys.executable, "-u", "-m", "tests.warm", self.socket_path], cwd=REPO_ROOT,
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                )
                ready = self._process.stdout.readline()  # type: ignore[union-attr]
                if ready.strip() != b"ready":
                    raise RuntimeError(f"the warm interpreter did not start: {ready!r}")
                atexit.register(self._process.kill)
            return self.socket_path


_helper = _Helper()


def _request(module: str, args: list[str], env: dict[str, str], cwd: Path | str, log: Path | str) -> bytes:
    return json.dumps({"module": module, "args": list(args), "env": dict(env), "cwd": str(cwd),
                       "log": str(log)}).encode() + b"\n"


class WarmProcess:
    """What the tests use of `asyncio.subprocess.Process`: `returncode`, `wait`, `send_signal`, `kill`,
    `terminate`, `pid`."""

    def __init__(self, pid: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._writer = writer
        self._ended = asyncio.ensure_future(self._watch(reader))

    async def _watch(self, reader: asyncio.StreamReader) -> int:
        line = await reader.readline()
        self.returncode = int(json.loads(line)["exit"]) if line else -signal.SIGKILL
        self._writer.close()
        return self.returncode

    async def wait(self) -> int:
        return await asyncio.shield(self._ended)

    def send_signal(self, number: int) -> None:
        if self.returncode is None:
            try:
                os.kill(self.pid, number)
            except ProcessLookupError:
                pass

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


async def start(module: str, env: dict[str, str], log: Path, *args: str, cwd: Path | str = REPO_ROOT) -> WarmProcess:
    """`python -m module *args` with `env` in `cwd`, stdout and stderr appended to `log`, forked warm."""
    Path(log).open("ab").close()  # there when this returns, as with a log the caller opened for a child
    reader, writer = await asyncio.open_unix_connection(_helper.ensure())
    writer.write(_request(module, list(args), env, cwd, log))
    await writer.drain()
    started = json.loads(await reader.readline())
    return WarmProcess(int(started["pid"]), reader, writer)


def run(module: str, *args: str, env: dict[str, str], cwd: Path | str, timeout: float) -> tuple[int, str]:
    """`python -m module *args` to its end: the exit code and everything it printed (stdout and stderr)."""
    with tempfile.TemporaryDirectory() as directory:
        log = Path(directory) / "out.txt"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(_helper.ensure())
            connection.sendall(_request(module, list(args), env, cwd, log))
            stream = connection.makefile("rb")
            pid = int(json.loads(stream.readline())["pid"])
            connection.settimeout(timeout)
            try:
                line = stream.readline()
            except TimeoutError:
                os.kill(pid, signal.SIGKILL)
                raise
            code = int(json.loads(line)["exit"])
        return code, log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


# --- the helper ----------------------------------------------------------------------------------------------


def _child(request: dict) -> None:
    """In the forked child: become `python -m <module>` and never return."""
    import runpy
    import time
    import traceback

    code = 1
    try:
        for number in (signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        out = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(out)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        time.tzset()
        sys.argv = [request["module"], *request["args"]]
        try:
            runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as ended:
            if ended.code is None:
                code = 0
            elif isinstance(ended.code, int):
                code = ended.code
            else:
                print(ended.code, file=sys.stderr)
                code = 1
        except BaseException:  # noqa: BLE001 - what an uncaught exception does to `python -m`
            traceback.print_exc()
            code = 1
        atexit._run_exitfuncs()  # noqa: SLF001 - what the interpreter runs at a normal exit
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _serve(socket_path: str) -> None:
    import importlib
    import select

    for name in PRELOAD:
        importlib.import_module(name)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    listener.listen(64)
    print("ready", flush=True)
    children: dict[int, socket.socket] = {}
    pending: dict[socket.socket, bytes] = {}
    while True:
        readable, _, _ = select.select([sys.stdin, listener, *pending], [], [], 0.05)
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1):
            break  # the test process is gone
        if listener in readable:
            connection, _ = listener.accept()
            pending[connection] = b""
        for connection in [c for c in readable if c in pending]:
            chunk = connection.recv(1 << 20)
            pending[connection] += chunk
            if not chunk:
                connection.close()
                del pending[connection]
            elif pending[connection].endswith(b"\n"):
                request = json.loads(pending.pop(connection))
                pid = os.fork()
                if pid == 0:
                    for other in (listener, connection, *children.values(), *pending):
                        other.close()
                    _child(request)
                children[pid] = connection
                connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")
        while children:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            connection = children.pop(pid, None)
            if connection is not None:
                try:
                    connection.sendall(json.dumps({"exit": os.waitstatus_to_exitcode(status)}).encode() + b"\n")
                except OSError:
                    pass
                connection.close()
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


if __name__ == "__main__":
    _serve(sys.argv[1])
