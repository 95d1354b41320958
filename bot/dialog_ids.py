"""Ids of aiogram-dialog's contexts that cannot collide.

aiogram-dialog (2.6) names each dialog it opens `int(time.time()) % 10**8 + random.randint(0, 99) * 10**8`, in base
62: within one second there are only a hundred different ids. A dialog that opens another from its `on_start` (every
curator dialog asking for the organisation first, bot/dialogs/org_picker) makes two contexts in the same second, so
about one start in a hundred gave both the same id: the second overwrote the first's record, and the next press
was refused as an old menu or left the person on the picker. The tests met it as a click that changed nothing, once
in a few runs (upstream: Tishka17/aiogram_dialog pull request #501, open).

`install` makes the ids random over the whole six-character range instead (62**6, about 5.7 * 10**10 values, from
`secrets`, so no two processes or restarts share a sequence): callback data keep the length they had, and two
contexts of one person meet the same id about once in 10**10 starts.
"""

from __future__ import annotations

import secrets

from aiogram_dialog.api.entities import stack

_SMALLEST = 62**5  # the smallest six-character id
_RANGE = 62**6 - _SMALLEST


def unique_int_id() -> int:
    """A random id of exactly six base-62 characters."""
    return _SMALLEST + secrets.randbelow(_RANGE)


def install() -> None:
    """Every context and stack aiogram-dialog opens from now on in this process gets a `unique_int_id`
    (`stack.new_id`, which both use, reads `new_int_id` from its module at each call)."""
    stack.new_int_id = unique_int_id
