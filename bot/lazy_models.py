"""aiogram's pydantic models built when first used instead of all at import: ~100 MB less resident memory.

`import aiogram` defines about 900 pydantic models (the Bot API's types and methods) and, at the end of
`aiogram.types`, calls `model_rebuild()` on every type to resolve their forward references. Each call compiles
that model's validator and serializer together with everything reachable from it (a `Message` holds most of the
API), so the import alone costs ~150 MB and 2–3 s, although a bot validates a handful of them (`Update` and what
it holds, the methods it calls). pydantic can defer a model's build to its first use (`defer_build`); aiogram asks
for it on its types but then forces the build with that loop.

`defer_aiogram_models()`, called before aiogram is first imported, makes that import define the models without
building them: during the import, models default to `defer_build`, and aiogram's `model_rebuild(_types_namespace=…)`
calls on its types only record the namespace aiogram passes (every type by name) in the type's module, where
pydantic looks names up when it builds the model at its first use. The validators, once built, are the ones the
eager import builds (tests/test_lazy_models.py compares every type's and method's schema with an eager process).

It is called from `bot/__init__.py`, so any process that imports the bot before aiogram gets it (`python -m bot`,
the tests, the bench). It relies on two pydantic internals (`config_defaults`, the `model_rebuild` signature);
if they are not there, or aiogram is already imported, it does nothing and aiogram is built eagerly as shipped.
"""

from __future__ import annotations

import sys
from typing import Any

_AIOGRAM_TYPES = "aiogram.types."


def defer_aiogram_models() -> bool:
    """Import aiogram with its models' builds deferred to their first use. True if it did; False if aiogram was
    already imported or pydantic's internals differ (nothing changed then)."""
    if "aiogram" in sys.modules:
        return False
    try:
        from pydantic import BaseModel
        from pydantic._internal import _config
    except ImportError:  # pragma: no cover - another pydantic
        return False
    defaults = getattr(_config, "config_defaults", None)
    rebuild = BaseModel.__dict__.get("model_rebuild")
    if not isinstance(defaults, dict) or "defer_build" not in defaults or not isinstance(rebuild, classmethod):
        return False  # pragma: no cover - another pydantic

    def record_namespace(cls: type[BaseModel], *args: Any, _types_namespace: Any = None, **kwargs: Any) -> Any:
        if _types_namespace is not None and not args and not kwargs and cls.__module__.startswith(_AIOGRAM_TYPES):
            module = vars(sys.modules[cls.__module__])
            for name, value in _types_namespace.items():
                module.setdefault(name, value)
            return None
        return rebuild.__func__(cls, *args, _types_namespace=_types_namespace, **kwargs)

    was_deferred = defaults["defer_build"]
    defaults["defer_build"] = True
    BaseModel.model_rebuild = classmethod(record_namespace)  # type: ignore[method-assign,assignment]
    try:
        import aiogram  # noqa: F401
    finally:
        BaseModel.model_rebuild = rebuild  # type: ignore[method-assign]
        defaults["defer_build"] = was_deferred
    return True
