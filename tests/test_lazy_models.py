"""What the bot imports at start-up and what it leaves to first use (issue #14, memory): aiogram's pydantic models
(bot/lazy_models.py) and numpy/scipy (mentorship/matching.py). Each check runs in a fresh interpreter, as
`python -m bot` does: in the test process aiogram is long imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The models an update and the bot's replies go through, compared with an eager import's schemas.
EVERYDAY = ("Update", "Message", "CallbackQuery", "InlineKeyboardMarkup", "ReplyKeyboardMarkup", "User", "Chat",
            "SendMessage", "EditMessageText", "AnswerCallbackQuery", "EditMessageReplyMarkup", "DeleteMessage", "SetMyCommands")

SCHEMAS = """
import hashlib, json, sys, warnings
if sys.argv[1] == "deferred":
    import bot  # noqa: F401
import aiogram.methods, aiogram.types
warnings.simplefilter("ignore")


def digest(cls):
    try:
        schemas = [cls.model_json_schema(mode=mode) for mode in ("validation", "serialization")]
    except Exception as error:  # a file field has no JSON schema: the same error either way
        return type(error).__name__
    return hashlib.sha256(json.dumps(schemas, sort_keys=True, default=repr).encode()).hexdigest()


found = {}
for name in sys.argv[2:]:
    cls = getattr(aiogram.types, name, None) or getattr(aiogram.methods, name)
    found[name] = [cls.__pydantic_complete__, digest(cls)]
print(json.dumps(found))
"""

START_UP = """
import inspect, json, sys
import bot.app, bot.runner  # what `python -m bot` imports before its first update
from pydantic import BaseModel
import aiogram.methods, aiogram.types
everyday = (aiogram.types.Update, aiogram.types.Message, aiogram.methods.SendMessage)
found = {"heavy": sorted(m for m in ("numpy", "scipy") if m in sys.modules),
         "complete": [cls.__name__ for cls in everyday if cls.__pydantic_complete__]}


def not_built():  # every model builds when first used (its forward references resolve)
    failed = []
    for module in (aiogram.types, aiogram.methods):
        for name in module.__all__:
            cls = getattr(module, name)
            if inspect.isclass(cls) and issubclass(cls, BaseModel):
                cls.__pydantic_validator__.validate_python
                cls.__pydantic_serializer__.to_python
                if not cls.__pydantic_complete__:
                    failed.append(name)
    return failed


found["not_built"] = not_built()
print(json.dumps(found))
"""

MATCH = """
import json, sys
import bot.app  # noqa: F401
from mentorship import matching
from tests.test_matching import ALL_FORMS, mentee, mentor
before = "numpy" in sys.modules or "scipy" in sys.modules
result = matching.assign([mentor(1), mentor(3)], [mentee(2), mentee(4)], ALL_FORMS)
print(json.dumps({"before": before, "pairs": sorted([p.mentor_id, p.mentee_id] for p in result.pairs),
                  "after": ["numpy" in sys.modules, "scipy" in sys.modules]}))
"""


def _run(program: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_start_up_leaves_aiogram_models_and_numpy_to_first_use_and_every_model_builds() -> None:
    found = _run(START_UP)
    assert found["heavy"] == []  # numpy/scipy come with the first /match
    assert found["complete"] == []  # no aiogram model built before the first update
    assert found["not_built"] == []  # and each builds when used: no unresolved forward reference


def test_models_built_at_first_use_are_the_eager_import_s() -> None:
    deferred = _run(SCHEMAS, "deferred", *EVERYDAY)
    eager = _run(SCHEMAS, "eager", *EVERYDAY)
    assert {name: complete for name, (complete, _) in deferred.items()} == dict.fromkeys(EVERYDAY, False)
    assert {name: complete for name, (complete, _) in eager.items()} == dict.fromkeys(EVERYDAY, True)
    assert {name: digest for name, (_, digest) in deferred.items()} == {
        name: digest for name, (_, digest) in eager.items()
    }


def test_the_first_matching_imports_numpy_and_scipy_and_matches() -> None:
    found = _run(MATCH)
    assert found == {"before": False, "pairs": [[1, 2], [3, 4]], "after": [True, True]}
