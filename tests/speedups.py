"""What makes a test process cheaper without changing what any test sees (installed by `pytest_sessionstart`).

- **The garbage collector leaves the imports alone and runs less often.** What the imports made (aiogram's
  pydantic models, the dialogs' classes: hundreds of thousands of objects that live as long as the process) is
  frozen out of collection; a full collection over them took about 90 ms, and the tests' many short-lived apps
  triggered one every few tests: a fifth of a test process's CPU. Nothing is collected less: the frozen objects were
  never garbage.
- **aiogram reads each handler's and filter's signature once per function, not once per app.** Building the
  dispatcher registers about two thousand handlers and filters, and aiogram asks `inspect.signature` for the
  parameter names of each (`aiogram/dispatcher/event/handler.py`): about 60 ms of the 100 ms an app costs, for an app
  per test. The names and kinds of a function's parameters come from its code object, so the answer is kept by code
  object (a bound method: its function's, less the bound first parameter; a callable object: its class's
  `__call__`); anything else (partials, objects with a `__signature__` of their own) is asked every time as before.
"""

from __future__ import annotations

import gc
import inspect
import types
from typing import Any

from aiogram.dispatcher.event import handler


def _key(callback: Any) -> tuple | None:
    if "__signature__" in getattr(callback, "__dict__", {}):
        return None
    if isinstance(callback, types.FunctionType):
        return (callback.__code__, False)
    if isinstance(callback, types.MethodType) and isinstance(callback.__func__, types.FunctionType):
        return (callback.__func__.__code__, True)
    if not isinstance(callback, type) and isinstance(getattr(type(callback), "__call__", None), types.FunctionType):
        return (type(callback).__call__.__code__, True)
    return None


class _Inspect(types.ModuleType):
    """The `inspect` module as aiogram's handler module sees it, with `signature` answered once per code object."""

    def __init__(self) -> None:
        super().__init__("inspect")
        self._signatures: dict[tuple, inspect.Signature] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(inspect, name)

    def signature(self, callback: Any, **kwargs: Any) -> inspect.Signature:
        key = _key(callback)
        if key is None or kwargs:
            return inspect.signature(callback, **kwargs)
        found = self._signatures.get(key)
        if found is None:
            found = self._signatures[key] = inspect.signature(callback)
        return found


def install() -> None:
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    if not isinstance(handler.inspect, _Inspect):
        handler.inspect = _Inspect()
