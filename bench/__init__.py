"""Benchmarks of update handling: the real dispatcher against a bare aiogram handler measured in the same run.

Run with `python -m bench [name ...]` (or `python3 dev.py bench`); see bench/README.md. Nothing here is part of
the test suite: pytest collects only `tests/`.
"""

import bot  # noqa: F401, E402 - before aiogram: its models are built at first use, as in `python -m bot` (bot/lazy_models.py)
