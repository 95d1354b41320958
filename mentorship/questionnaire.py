"""Intake questionnaires as data: the file format, its validation (every refusal names a line), and the pure rules
of filling one in — which questions are visible, which comes next, what an answer may be, what a change drops.

No aiogram and no database here. A questionnaire file is YAML (see questionnaires/README.md for curators):

    key: mentee-pupil          # [a-z][a-z0-9-]{1,39}
    version: 1                 # a new version is a new row; started responses keep theirs
    purpose: intake            # intake (default) | survey: a satisfaction survey, never chosen as an intake
    role: mentee               # mentee | mentor
    forms: [pp, sp, ep]        # MentorshipForm values this questionnaire serves (optional for a survey: all)
    title: {ru: ..., en: ...}
    intro: {ru: ..., en: ...}  # optional
    questions:
      - id: requests           # [a-z][a-z0-9_]{0,19}
        kind: multi            # single | multi | text | number | scale | date | yesno
        text: {ru: ..., en: ...}
        required: true         # default
        options: [{id: studies, text: {ru: ..., en: ...}}, ...]
        min: 1                 # multi: how many to pick; number: value range; text: max = length limit
        max: 3
        show_if: {question: <earlier id>, in: [option ids]}   # or {question: <yesno id>, equals: true}
        tag: requests          # what matching reads this answer as
        past_only: true        # dates only: no future dates

Answer values, as stored (JSON): single → option id, multi → list of option ids (in the file's order),
text → str, number and scale → int, date → "YYYY-MM-DD", yesno → bool; a skipped optional question → None.

Callback-data budget. Telegram allows 64 bytes of callback data. aiogram-dialog sends
`<intent id>\\x1d<widget id>:<item id>`: the intent id is an int below 10**10 in base 62, so at most 6 characters;
our question windows use widget ids of at most 2 characters; that leaves 64 - 6 - 1 - 2 - 1 = 54 bytes for the
item. An item is `<question id>.<option id>` (the question id rides along so a button from an older question can
never answer the current one): 20 + 1 + 20 = 41 bytes, all ASCII by the id patterns — inside the budget with room.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from mentorship.errors import InvalidInput
from mentorship.roles import MentorshipForm, Role

LOCALES = ("ru", "en")

# --- limits --------------------------------------------------------------------------------------------------------

CALLBACK_DATA_MAX = 64
INTENT_ID_MAX = 6
WIDGET_ID_MAX = 2
ITEM_ID_BUDGET = CALLBACK_DATA_MAX - INTENT_ID_MAX - len("\x1d") - WIDGET_ID_MAX - len(":")
QUESTION_ID_MAX = 20
OPTION_ID_MAX = 20
assert QUESTION_ID_MAX + len(".") + OPTION_ID_MAX <= ITEM_ID_BUDGET, "question and option ids outgrew callback data"

FILE_SIZE_MAX = 200 * 1024
QUESTIONS_MAX = 30  # keeps the summary of every answer inside one Telegram message
OPTIONS_MAX = 24
TITLE_MAX = 100
# Texts stay short enough that intro, question, hint and the current answer fit one message (4096).
QUESTION_TEXT_MAX = 700
INTRO_MAX = 700
HINT_MAX = 300
OPTION_TEXT_MAX = 60  # a button label
TEXT_ANSWER_DEFAULT_MAX = 500
TEXT_ANSWER_HARD_MAX = 2000
NUMBER_DEFAULT_MIN, NUMBER_DEFAULT_MAX = 0, 9999
NUMBER_HARD_LIMIT = 10**9
SCALE_MIN, SCALE_MAX = 1, 10
DATE_YEARS = (1900, 2100)

KEY_RE = re.compile(r"[a-z][a-z0-9-]{1,39}")
QUESTION_ID_RE = re.compile(rf"[a-z][a-z0-9_]{{0,{QUESTION_ID_MAX - 1}}}")
OPTION_ID_RE = re.compile(r"[a-z0-9_]+")
_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_NUMBER_RE = re.compile(r"[+-]?\d{1,10}")
# Bidirectional overrides can make a displayed answer read differently from what was stored.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class Purpose(StrEnum):
    """What a questionnaire is for. Intake answers feed matching (one response per person, organisation and role);
    a survey is answered once per campaign (mentorship.surveys) and is never offered as an intake."""

    INTAKE = "intake"
    SURVEY = "survey"


class Kind(StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    TEXT = "text"
    NUMBER = "number"
    SCALE = "scale"
    DATE = "date"
    YESNO = "yesno"


CHOICE_KINDS = (Kind.SINGLE, Kind.MULTI)
#: Kinds answered by typing; the others by buttons.
TYPED_KINDS = (Kind.TEXT, Kind.NUMBER, Kind.DATE)
PARTICIPANT_ROLES = (Role.MENTEE, Role.MENTOR)


class Tag(StrEnum):
    """What an answer means to matching and reports, whatever the question's wording."""

    REQUESTS = "requests"
    COMPETENCES = "competences"
    SUBJECTS = "subjects"
    INTERESTS = "interests"
    GOAL = "goal"
    FORMAT = "format"
    AVAILABILITY = "availability"
    CAPACITY = "capacity"
    EXPERIENCE = "experience"
    CATEGORY = "category"


#: What mentees ask for and mentors offer: one vocabulary, so a request can meet a competence.
HELP_AREAS = (
    "studies", "exams", "olympiad", "project", "career", "adaptation", "communication", "self_organisation",
    "creativity", "sport", "tech", "leadership", "internship", "prof_skills",
    "teaching", "classroom", "documents", "parents", "digital", "certification", "other",
)
FORMATS = ("offline", "online", "mixed")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = ("morning", "afternoon", "evening")

#: Tags whose options matching compares across questionnaires: their option ids must come from these lists.
SHARED_VOCABULARY: dict[Tag, tuple[str, ...]] = {
    Tag.REQUESTS: HELP_AREAS,
    Tag.COMPETENCES: HELP_AREAS,
    Tag.FORMAT: FORMATS,
    Tag.AVAILABILITY: WEEKDAYS + DAY_PARTS,
}
TAG_KINDS: dict[Tag, tuple[Kind, ...]] = {
    Tag.REQUESTS: CHOICE_KINDS,
    Tag.COMPETENCES: CHOICE_KINDS,
    Tag.FORMAT: CHOICE_KINDS,
    Tag.AVAILABILITY: CHOICE_KINDS,
    Tag.CAPACITY: (Kind.NUMBER,),
}
TAG_ROLES: dict[Tag, Role] = {Tag.REQUESTS: Role.MENTEE, Tag.COMPETENCES: Role.MENTOR, Tag.CAPACITY: Role.MENTOR}
#: Every questionnaire of a role must ask this, or the person could never be matched.
REQUIRED_TAG: dict[Role, Tag] = {Role.MENTEE: Tag.REQUESTS, Role.MENTOR: Tag.COMPETENCES}

_TOP_FIELDS = ("key", "version", "purpose", "role", "forms", "title", "intro", "questions")
_QUESTION_FIELDS = ("id", "kind", "text", "hint", "required", "options", "min", "max", "show_if", "tag", "past_only")
_LIMITED_KINDS = (Kind.MULTI, Kind.NUMBER, Kind.TEXT)


# --- errors --------------------------------------------------------------------------------------------------------


class QuestionnaireError(InvalidInput):
    """A questionnaire file refused: `key` names the reason in locales/ (qv-…), `line` where it is (1-based)."""

    def __init__(self, key: str, line: int | None = None, **args: Any) -> None:
        super().__init__(key, **args)
        self.line = line

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        details = ", ".join(f"{k}={v}" for k, v in self.args_.items())
        return f"{where}{self.key}" + (f" ({details})" if details else "")


class InvalidAnswer(InvalidInput):
    """An answer that does not fit its question; the key (qn-answer-…) says why in the person's language."""


# --- the model -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LocalText:
    ru: str
    en: str

    def get(self, locale: str) -> str:
        return self.en if locale == "en" else self.ru

    def content(self) -> dict[str, str]:
        return {"ru": self.ru, "en": self.en}


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    text: LocalText


@dataclass(frozen=True, slots=True)
class Condition:
    """Show a question only when an earlier answer is one of `any_of` (choices) or equals `equals` (yes/no)."""

    question: str
    any_of: frozenset[str] | None = None
    equals: bool | None = None

    def holds(self, value: Any) -> bool:
        if value is None:
            return False
        if self.equals is not None:
            return value is self.equals
        chosen = set(value) if isinstance(value, list) else {value}
        return bool(chosen & (self.any_of or frozenset()))

    def content(self) -> dict[str, Any]:
        if self.equals is not None:
            return {"question": self.question, "equals": self.equals}
        return {"question": self.question, "in": sorted(self.any_of or ())}


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    kind: Kind
    text: LocalText
    required: bool = True
    hint: LocalText | None = None
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    show_if: Condition | None = None
    tag: Tag | None = None
    past_only: bool = False

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def content(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "kind": self.kind.value, "text": self.text.content(), "required": self.required
        }
        if self.hint is not None:
            out["hint"] = self.hint.content()
        if self.options:
            out["options"] = [{"id": o.id, "text": o.text.content()} for o in self.options]
        if self.min is not None:
            out["min"] = self.min
        if self.max is not None:
            out["max"] = self.max
        if self.show_if is not None:
            out["show_if"] = self.show_if.content()
        if self.tag is not None:
            out["tag"] = self.tag.value
        if self.past_only:
            out["past_only"] = True
        return out


@dataclass(frozen=True, slots=True)
class Questionnaire:
    key: str
    version: int
    role: Role
    forms: tuple[MentorshipForm, ...]
    title: LocalText
    questions: tuple[Question, ...]
    intro: LocalText | None = None
    purpose: Purpose = Purpose.INTAKE

    @property
    def is_survey(self) -> bool:
        return self.purpose == Purpose.SURVEY

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def content(self) -> dict[str, Any]:
        """The canonical form stored in the database (defaults filled in), from which `parse_content` rebuilds it."""
        out: dict[str, Any] = {
            "key": self.key,
            "version": self.version,
            "role": self.role.value,
            "forms": [f.value for f in self.forms],
            "title": self.title.content(),
            "questions": [q.content() for q in self.questions],
        }
        if self.intro is not None:
            out["intro"] = self.intro.content()
        # Written only for surveys, so every intake version stored before `purpose` existed keeps its hash.
        if self.purpose != Purpose.INTAKE:
            out["purpose"] = self.purpose.value
        return out

    def content_hash(self) -> str:
        canonical = json.dumps(self.content(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


# --- reading YAML with line numbers --------------------------------------------------------------------------------


class _Mapping(dict):
    """A YAML mapping that remembers where it and each of its keys stand in the file."""

    line: int | None = None
    key_lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records lines, refuses duplicate keys and aliases, and reads only true/false as booleans
    (YAML 1.1 would turn an option id `no` or `on` into a boolean)."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise QuestionnaireError("qv-yaml-alias", line=self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)

    def construct_lined_mapping(self, node: yaml.MappingNode) -> _Mapping:
        mapping = _Mapping()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise QuestionnaireError("qv-bad-field-name", line=line, field=str(key))
            if key in mapping:
                raise QuestionnaireError("qv-duplicate-field", line=line, field=key)
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = line
        return mapping


_LineLoader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: loader.construct_lined_mapping(node))
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(data: bytes | str) -> Any:
    """Parse YAML text; any syntax problem becomes a QuestionnaireError with its line."""
    if len(data) > FILE_SIZE_MAX:
        raise QuestionnaireError("qv-too-large", max_kb=FILE_SIZE_MAX // 1024)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise QuestionnaireError("qv-not-utf8") from None
    try:
        return yaml.load(data, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise QuestionnaireError(
            "qv-yaml-syntax", line=mark.line + 1 if mark else None, problem=error.problem or error.context or ""
        ) from None
    except yaml.YAMLError:
        raise QuestionnaireError("qv-yaml-syntax", problem="") from None


def parse(data: bytes | str) -> Questionnaire:
    """A questionnaire from a file's text, or QuestionnaireError naming the line and the reason."""
    return parse_content(load_yaml(data))


def load_file(path: Path) -> Questionnaire:
    return parse(path.read_bytes())


def load_directory(directory: Path) -> list[Questionnaire]:
    """Every *.yaml / *.yml file, validated one by one and then together; errors name the file."""
    found: list[tuple[str, Questionnaire]] = []
    for path in questionnaire_files(directory):
        try:
            found.append((path.name, load_file(path)))
        except QuestionnaireError as error:
            raise CatalogError(path.name, error) from None
    check_catalog(found)
    return [q for _, q in found]


def questionnaire_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file())


class CatalogError(Exception):
    """A shipped questionnaire file is wrong: which file, and the error inside it."""

    def __init__(self, file: str, error: QuestionnaireError) -> None:
        super().__init__(f"{file}: {error}")
        self.file = file
        self.error = error


def check_catalog(found: Sequence[tuple[str, Questionnaire]]) -> None:
    """The shipped set as a whole: keys are unique, and every form has a questionnaire for each role."""
    seen: dict[str, str] = {}
    for file, questionnaire in found:
        if questionnaire.key in seen:
            duplicate = QuestionnaireError("qv-duplicate-key", name=questionnaire.key, other=seen[questionnaire.key])
            raise CatalogError(file, duplicate)
        seen[questionnaire.key] = file
    for role in PARTICIPANT_ROLES:
        covered = {f for _, q in found if q.role == role and not q.is_survey for f in q.forms}
        for form in MentorshipForm:
            if form not in covered:
                raise CatalogError("*", QuestionnaireError("qv-form-not-covered", role=role.value, form=form.value))


# --- validation ----------------------------------------------------------------------------------------------------


def _line(mapping: Any, field: str | None = None) -> int | None:
    if field is not None:
        lines = getattr(mapping, "key_lines", None)
        if lines and field in lines:
            return lines[field]
    return getattr(mapping, "line", None)


def _fail(key: str, mapping: Any, at: str | None = None, **args: Any) -> QuestionnaireError:
    """The error `key` at the line of `mapping`'s field `at` (or of the mapping itself)."""
    return QuestionnaireError(key, line=_line(mapping, at), **args)


def _check_fields(mapping: Mapping[str, Any], allowed: Sequence[str], required: Sequence[str]) -> None:
    for field in mapping:
        if field not in allowed:
            raise _fail("qv-unknown-field", mapping, field, field=field, allowed=", ".join(allowed))
    for field in required:
        if field not in mapping:
            raise _fail("qv-missing-field", mapping, None, field=field)


def _text(parent: Mapping[str, Any], field: str, limit: int) -> LocalText:
    value = parent[field]
    if not isinstance(value, Mapping):
        raise _fail("qv-bad-text", parent, field, field=field)
    for locale in value:
        if locale not in LOCALES:
            raise _fail("qv-unknown-locale", value, locale, field=field, locale=str(locale))
    texts = {}
    for locale in LOCALES:
        text = value.get(locale)
        if not isinstance(text, str) or not text.strip():
            at = locale if locale in value else None
            raise _fail("qv-missing-translation", value, at, field=field, locale=locale)
        text = text.strip()
        if len(text) > limit:
            raise _fail("qv-text-too-long", value, locale, field=field, max=limit)
        texts[locale] = text
    return LocalText(**texts)


def _int(parent: Mapping[str, Any], field: str, low: int, high: int) -> int:
    value = parent[field]
    # bool is an int in Python; `min: true` is a typo, not 1.
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _fail("qv-bad-number", parent, field, field=field, low=low, high=high)
    return value


def _bool(parent: Mapping[str, Any], field: str) -> bool:
    value = parent[field]
    if not isinstance(value, bool):
        raise _fail("qv-bad-boolean", parent, field, field=field)
    return value


def answer_in_words(questionnaire: Questionnaire | None, question_id: str, value: Any, locale: str) -> tuple[str, Any]:
    """A stored answer as a person reads it: the question's text, and the chosen options' labels for a choice (yes/no
    stays a bool, numbers and typed text as they are). An unknown question keeps its id and the stored value."""
    question = questionnaire.question(question_id) if questionnaire is not None else None
    if question is None:
        return question_id, value
    if question.kind in CHOICE_KINDS and value is not None:
        chosen = value if isinstance(value, list) else [value]
        labels = []
        for option_id in chosen:
            option = question.option(str(option_id))
            labels.append(option.text.get(locale) if option is not None else str(option_id))
        value = ", ".join(labels)
    return question.text.get(locale), value


def parse_content(data: Any) -> Questionnaire:
    """Validate a parsed file (or stored content) and build the questionnaire; the first problem is raised."""
    if not isinstance(data, Mapping):
        raise QuestionnaireError("qv-not-mapping", line=_line(data) or 1)
    purpose = Purpose.INTAKE
    if "purpose" in data:
        if data["purpose"] not in [p.value for p in Purpose]:
            raise _fail("qv-bad-purpose", data, "purpose", value=str(data["purpose"]),
                        allowed=", ".join(p.value for p in Purpose))
        purpose = Purpose(data["purpose"])
    required_fields = ("key", "version", "role", "title", "questions")
    _check_fields(data, _TOP_FIELDS, required_fields if purpose == Purpose.SURVEY else (*required_fields, "forms"))
    key = data["key"]
    if not isinstance(key, str) or not KEY_RE.fullmatch(key):
        raise _fail("qv-bad-key", data, "key", value=str(key))
    version = _int(data, "version", 1, 1_000_000)
    role_value = data["role"]
    if role_value not in [r.value for r in PARTICIPANT_ROLES]:
        raise _fail("qv-bad-role", data, "role", value=str(role_value))
    role = Role(role_value)
    # A survey asks everyone of its role, whatever their form of mentorship.
    forms = _forms(data) if "forms" in data else tuple(MentorshipForm)
    title = _text(data, "title", TITLE_MAX)
    intro = _text(data, "intro", INTRO_MAX) if "intro" in data else None
    raw_questions = data["questions"]
    if not isinstance(raw_questions, list) or not raw_questions:
        raise _fail("qv-no-questions", data, "questions")
    if len(raw_questions) > QUESTIONS_MAX:
        raise _fail("qv-too-many-questions", data, "questions", max=QUESTIONS_MAX)
    questions: list[Question] = []
    first_lines: dict[str, int | None] = {}
    all_ids = {q["id"] for q in raw_questions if isinstance(q, Mapping) and isinstance(q.get("id"), str)}
    for raw in raw_questions:
        question = _question(raw, questions, first_lines, all_ids, data)
        if purpose == Purpose.SURVEY and "tag" in raw:
            raise _fail("qv-survey-tag", raw, "tag")  # matching never reads a survey
        _check_tag(question, role, raw)
        questions.append(question)
    required_tag = REQUIRED_TAG[role]
    if purpose == Purpose.INTAKE and not any(q.tag == required_tag for q in questions):
        raise _fail("qv-missing-tag", data, "questions", tag=required_tag.value, role=role.value)
    return Questionnaire(
        key=key, version=version, role=role, forms=forms, title=title, questions=tuple(questions), intro=intro,
        purpose=purpose,
    )


def _forms(data: Mapping[str, Any]) -> tuple[MentorshipForm, ...]:
    raw = data["forms"]
    if not isinstance(raw, list) or not raw:
        raise _fail("qv-bad-forms", data, "forms", allowed=", ".join(f.value for f in MentorshipForm))
    forms: list[MentorshipForm] = []
    for value in raw:
        if value not in [f.value for f in MentorshipForm]:
            allowed = ", ".join(f.value for f in MentorshipForm)
            raise _fail("qv-unknown-form", data, "forms", value=str(value), allowed=allowed)
        if MentorshipForm(value) in forms:
            raise _fail("qv-duplicate-form", data, "forms", value=value)
        forms.append(MentorshipForm(value))
    return tuple(forms)


def _question(
    raw: Any, earlier: list[Question], first_lines: dict[str, int | None], all_ids: set[Any], parent: Mapping
) -> Question:
    if not isinstance(raw, Mapping):
        raise _fail("qv-question-not-mapping", parent, "questions")
    _check_fields(raw, _QUESTION_FIELDS, ("id", "kind", "text"))
    question_id = raw["id"]
    if not isinstance(question_id, str) or not QUESTION_ID_RE.fullmatch(question_id):
        raise _fail("qv-bad-question-id", raw, "id", value=str(question_id), max=QUESTION_ID_MAX)
    if question_id in first_lines:
        raise _fail("qv-duplicate-question", raw, "id", id=question_id, first=first_lines[question_id] or 0)
    first_lines[question_id] = _line(raw, "id")
    kind_value = raw["kind"]
    if kind_value not in [k.value for k in Kind]:
        raise _fail("qv-unknown-kind", raw, "kind", kind=str(kind_value), allowed=", ".join(k.value for k in Kind))
    kind = Kind(kind_value)
    text = _text(raw, "text", QUESTION_TEXT_MAX)
    hint = _text(raw, "hint", HINT_MAX) if "hint" in raw else None
    required = _bool(raw, "required") if "required" in raw else True
    options = _options(raw, kind, question_id)
    low, high = _limits(raw, kind, len(options))
    show_if = _condition(raw, earlier, all_ids) if "show_if" in raw else None
    tag = None
    if "tag" in raw:
        if raw["tag"] not in [t.value for t in Tag]:
            raise _fail("qv-unknown-tag", raw, "tag", tag=str(raw["tag"]), allowed=", ".join(t.value for t in Tag))
        tag = Tag(raw["tag"])
    past_only = False
    if "past_only" in raw:
        if kind != Kind.DATE:
            raise _fail("qv-past-only-not-date", raw, "past_only", kind=kind.value)
        past_only = _bool(raw, "past_only")
    return Question(
        id=question_id, kind=kind, text=text, required=required, hint=hint, options=options,
        min=low, max=high, show_if=show_if, tag=tag, past_only=past_only,
    )


def _options(raw: Mapping[str, Any], kind: Kind, question_id: str) -> tuple[Option, ...]:
    if kind not in CHOICE_KINDS:
        if "options" in raw:
            raise _fail("qv-options-not-allowed", raw, "options", kind=kind.value)
        return ()
    items = raw.get("options")
    if not isinstance(items, list) or len(items) < 2:
        raise _fail("qv-options-needed", raw, "options" if "options" in raw else None, id=question_id)
    if len(items) > OPTIONS_MAX:
        raise _fail("qv-too-many-options", raw, "options", max=OPTIONS_MAX)
    options: list[Option] = []
    lines: dict[str, int | None] = {}
    for item in items:
        if not isinstance(item, Mapping):
            raise _fail("qv-option-not-mapping", raw, "options")
        _check_fields(item, ("id", "text"), ("id", "text"))
        option_id = item["id"]
        if isinstance(option_id, int) and not isinstance(option_id, bool):
            option_id = str(option_id)  # `id: 1` is a fine id; YAML just read it as a number
        if not isinstance(option_id, str) or not OPTION_ID_RE.fullmatch(option_id):
            raise _fail("qv-bad-option-id", item, "id", value=str(option_id))
        if len(option_id) > OPTION_ID_MAX:
            raise _fail("qv-option-id-too-long", item, "id", value=option_id, max=OPTION_ID_MAX)
        if option_id in lines:
            raise _fail("qv-duplicate-option", item, "id", id=option_id, first=lines[option_id] or 0)
        lines[option_id] = _line(item, "id")
        options.append(Option(option_id, _text(item, "text", OPTION_TEXT_MAX)))
    return tuple(options)


def _limits(raw: Mapping[str, Any], kind: Kind, option_count: int) -> tuple[int | None, int | None]:
    for field in ("min", "max"):
        if field in raw and kind not in _LIMITED_KINDS:
            raise _fail("qv-limit-not-allowed", raw, field, field=field, kind=kind.value)
    if kind == Kind.MULTI:
        low = _int(raw, "min", 1, option_count) if "min" in raw else 1
        high = _int(raw, "max", 1, option_count) if "max" in raw else option_count
    elif kind == Kind.NUMBER:
        low = _int(raw, "min", -NUMBER_HARD_LIMIT, NUMBER_HARD_LIMIT) if "min" in raw else NUMBER_DEFAULT_MIN
        high = _int(raw, "max", -NUMBER_HARD_LIMIT, NUMBER_HARD_LIMIT) if "max" in raw else NUMBER_DEFAULT_MAX
    elif kind == Kind.TEXT:
        if "min" in raw:
            raise _fail("qv-limit-not-allowed", raw, "min", field="min", kind=kind.value)
        if "max" in raw and isinstance(raw["max"], int) and raw["max"] > TEXT_ANSWER_HARD_MAX:
            raise _fail("qv-text-limit-cap", raw, "max", max=TEXT_ANSWER_HARD_MAX)
        return None, _int(raw, "max", 1, TEXT_ANSWER_HARD_MAX) if "max" in raw else TEXT_ANSWER_DEFAULT_MAX
    else:
        return None, None
    if low > high:
        raise _fail("qv-min-above-max", raw, "min", min=low, max=high)
    return low, high


def _condition(raw: Mapping[str, Any], earlier: list[Question], all_ids: set[Any]) -> Condition:
    condition = raw["show_if"]
    if not isinstance(condition, Mapping):
        raise _fail("qv-bad-condition", raw, "show_if")
    _check_fields(condition, ("question", "in", "equals"), ("question",))
    target_id = condition["question"]
    if target_id == raw.get("id"):
        raise _fail("qv-condition-self", condition, "question")
    target = next((q for q in earlier if q.id == target_id), None)
    if target is None:
        # Either it comes later or it does not exist at all: say which, the fix differs.
        later = isinstance(target_id, str) and target_id in all_ids
        key = "qv-condition-later-question" if later else "qv-condition-unknown-question"
        raise _fail(key, condition, "question", question=str(target_id))
    if ("in" in condition) == ("equals" in condition):
        raise _fail("qv-bad-condition", condition, None)
    if "equals" in condition:
        if target.kind != Kind.YESNO:
            raise _fail("qv-condition-needs-yesno", condition, "equals", question=target.id, kind=target.kind.value)
        return Condition(target.id, equals=_bool(condition, "equals"))
    if target.kind not in CHOICE_KINDS:
        raise _fail("qv-condition-needs-choice", condition, "in", question=target.id, kind=target.kind.value)
    values = condition["in"]
    if not isinstance(values, list) or not values:
        raise _fail("qv-bad-condition", condition, "in")
    for value in values:
        if target.option(str(value)) is None:
            raise _fail("qv-condition-unknown-option", condition, "in", option=str(value), question=target.id)
    return Condition(target.id, any_of=frozenset(str(v) for v in values))


def _check_tag(question: Question, role: Role, raw: Mapping[str, Any]) -> None:
    tag = question.tag
    if tag is None:
        return
    kinds = TAG_KINDS.get(tag)
    if kinds and question.kind not in kinds:
        raise _fail("qv-tag-kind", raw, "tag", tag=tag.value, kinds=", ".join(kinds))
    owner = TAG_ROLES.get(tag)
    if owner is not None and owner != role:
        raise _fail("qv-tag-role", raw, "tag", tag=tag.value, role=owner.value)
    vocabulary = SHARED_VOCABULARY.get(tag)
    if vocabulary:
        for option in question.options:
            if option.id not in vocabulary:
                raise _fail(
                    "qv-tag-vocabulary", raw, "options", tag=tag.value, option=option.id, allowed=", ".join(vocabulary)
                )


# --- filling in ----------------------------------------------------------------------------------------------------

#: question id → stored value; a skipped optional question maps to None; an unanswered one is absent.
Answers = Mapping[str, Any]


def visible_questions(questionnaire: Questionnaire, answers: Answers) -> list[Question]:
    """Questions shown given the answers so far; a question whose condition's question is hidden is hidden too."""
    shown: dict[str, Question] = {}
    for question in questionnaire.questions:
        condition = question.show_if
        if condition is None or (condition.question in shown and condition.holds(answers.get(condition.question))):
            shown[question.id] = question
    return list(shown.values())


def next_question(questionnaire: Questionnaire, answers: Answers) -> Question | None:
    """The first visible question not answered (nor skipped) yet; None when there is nothing left to ask."""
    return next((q for q in visible_questions(questionnaire, answers) if q.id not in answers), None)


def previous_question(questionnaire: Questionnaire, answers: Answers, current_id: str | None) -> Question | None:
    """The visible question before `current_id` (or the last visible one when there is no current question)."""
    visible = visible_questions(questionnaire, answers)
    ids = [q.id for q in visible]
    if current_id is None:
        return visible[-1] if visible else None
    if current_id not in ids:
        return None
    index = ids.index(current_id)
    return visible[index - 1] if index > 0 else None


def position(questionnaire: Questionnaire, answers: Answers, question_id: str) -> tuple[int, int]:
    """(n, total) for "question n of total" among the questions visible now; n is 0 for a hidden question."""
    ids = [q.id for q in visible_questions(questionnaire, answers)]
    return (ids.index(question_id) + 1 if question_id in ids else 0), len(ids)


def is_complete(questionnaire: Questionnaire, answers: Answers) -> bool:
    return all(
        q.id in answers and (answers[q.id] is not None or not q.required)
        for q in visible_questions(questionnaire, answers)
    )


def visible_answers(questionnaire: Questionnaire, answers: Answers) -> list[tuple[Question, Any]]:
    """The answers a person (and matching) should see: visible questions that were answered or skipped, in order."""
    return [(q, answers[q.id]) for q in visible_questions(questionnaire, answers) if q.id in answers]


@dataclass(frozen=True, slots=True)
class Change:
    """What saving one answer does: the answers afterwards, and earlier answers that no longer apply."""

    answers: dict[str, Any]
    dropped: tuple[str, ...]


def apply_answer(questionnaire: Questionnaire, answers: Answers, question_id: str, value: Any) -> Change:
    """Answers after `question_id` takes `value`: answers to questions the change hides are dropped."""
    updated = dict(answers)
    updated[question_id] = value
    visible = {q.id for q in visible_questions(questionnaire, updated)}
    dropped = tuple(qid for qid in updated if qid not in visible)
    for qid in dropped:
        del updated[qid]
    return Change(updated, dropped)


# --- answers -------------------------------------------------------------------------------------------------------


def clean_text_answer(question: Question, text: str) -> str:
    cleaned = text.replace("\r\n", "\n").strip()
    # Only invisible characters (zero-width spaces and joiners, word joiners, soft hyphens): nothing was said.
    if not any(unicodedata.category(ch)[0] not in "CZ" for ch in cleaned):
        raise InvalidAnswer("qn-answer-empty")
    limit = question.max or TEXT_ANSWER_DEFAULT_MAX
    if len(cleaned) > limit:
        raise InvalidAnswer("qn-answer-too-long", max=limit, length=len(cleaned))
    for ch in cleaned:
        if ch in _BIDI_CONTROLS or (unicodedata.category(ch) == "Cc" and ch not in "\n\t"):
            raise InvalidAnswer("qn-answer-bad-chars")
    return cleaned


def parse_number(question: Question, text: str) -> int:
    raw = text.strip().replace(" ", "")
    if not _NUMBER_RE.fullmatch(raw):
        raise InvalidAnswer("qn-answer-number-format", min=question.min, max=question.max)
    value = int(raw)
    low = NUMBER_DEFAULT_MIN if question.min is None else question.min
    high = NUMBER_DEFAULT_MAX if question.max is None else question.max
    if not low <= value <= high:
        raise InvalidAnswer("qn-answer-number-range", min=low, max=high)
    return value


def parse_date(question: Question, text: str, today: date) -> str:
    match = _DATE_RE.fullmatch(text.strip())
    if match is None:
        raise InvalidAnswer("qn-answer-date-format")
    day, month, year = (int(g) for g in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise InvalidAnswer("qn-answer-date-impossible") from None
    if not DATE_YEARS[0] <= year <= DATE_YEARS[1]:
        raise InvalidAnswer("qn-answer-date-impossible")
    if question.past_only and value > today:
        raise InvalidAnswer("qn-answer-date-future")
    return value.isoformat()


def check_scale(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise InvalidAnswer("qn-answer-scale", min=SCALE_MIN, max=SCALE_MAX)
    return value


def check_single(question: Question, value: Any) -> str:
    if not isinstance(value, str) or question.option(value) is None:
        raise InvalidAnswer("qn-answer-unknown-option")
    return value


def check_multi(question: Question, value: Any) -> list[str]:
    if not isinstance(value, list | tuple) or any(not isinstance(v, str) or question.option(v) is None for v in value):
        raise InvalidAnswer("qn-answer-unknown-option")
    chosen = set(value)
    low, high = question.min or 1, question.max or len(question.options)
    if not low <= len(chosen) <= high:
        raise InvalidAnswer("qn-answer-choice-count", min=low, max=high)
    # Stored in the file's order, so the same choice is always the same value.
    return [o.id for o in question.options if o.id in chosen]


def normalise_answer(question: Question, raw: Any, today: date) -> Any:
    """The value to store for `raw` — typed text for text/number/date, an option id or a list of them for choices,
    an int for a scale, a bool for yes/no — or InvalidAnswer. Text where buttons are expected is refused too."""
    if question.kind in TYPED_KINDS:
        if not isinstance(raw, str):
            raise InvalidAnswer("qn-answer-type-it")
        if question.kind == Kind.TEXT:
            return clean_text_answer(question, raw)
        if question.kind == Kind.NUMBER:
            return parse_number(question, raw)
        return parse_date(question, raw, today)
    if question.kind == Kind.SCALE:
        return check_scale(raw)
    if question.kind == Kind.YESNO:
        if not isinstance(raw, bool):
            raise InvalidAnswer("qn-answer-use-buttons")
        return raw
    if question.kind == Kind.SINGLE:
        return check_single(question, raw)
    return check_multi(question, raw)


def option_labels(question: Question, value: Any, locale: str) -> list[str]:
    """The chosen options' texts, for a single or multi answer."""
    ids = value if isinstance(value, list) else [value]
    return [o.text.get(locale) for o in question.options if o.id in ids]


# --- which questionnaire -------------------------------------------------------------------------------------------

#: A membership made from a link "any form" has no form; the person's category says which one they most likely
#: take part in (DESIGN §1: pupils and students mentor younger ones, teachers teachers, employers' staff pupils).
FORM_BY_CATEGORY: dict[tuple[Role, str], MentorshipForm] = {
    (Role.MENTEE, "pupil"): MentorshipForm.PUPIL_PUPIL,
    (Role.MENTEE, "student"): MentorshipForm.STUDENT_STUDENT,
    (Role.MENTEE, "young"): MentorshipForm.TEACHER_TEACHER,
    (Role.MENTEE, "teacher"): MentorshipForm.TEACHER_TEACHER,
    (Role.MENTOR, "pupil"): MentorshipForm.PUPIL_PUPIL,
    (Role.MENTOR, "student"): MentorshipForm.STUDENT_PUPIL,
    (Role.MENTOR, "teacher"): MentorshipForm.TEACHER_TEACHER,
    (Role.MENTOR, "graduate"): MentorshipForm.EMPLOYER_PUPIL,
    (Role.MENTOR, "employer"): MentorshipForm.EMPLOYER_PUPIL,
    (Role.MENTOR, "parent"): MentorshipForm.EMPLOYER_PUPIL,
}


def form_for(role: Role, form: MentorshipForm | None, category: str | None) -> MentorshipForm:
    if form is not None:
        return form
    fallback = MentorshipForm.PUPIL_PUPIL if role == Role.MENTEE else MentorshipForm.TEACHER_TEACHER
    return FORM_BY_CATEGORY.get((role, category or ""), fallback)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored version someone could be given: `own` when the organisation uploaded it."""

    version_id: int
    questionnaire: Questionnaire
    own: bool


def choose(candidates: Iterable[Candidate], role: Role, form: MentorshipForm) -> Candidate | None:
    """The questionnaire for a new respondent: the newest version of each key (the organisation's own wins a tie
    with a shipped one), among those for this role and form; an organisation's own key wins over shipped ones."""
    newest: dict[str, Candidate] = {}
    for candidate in candidates:
        q = candidate.questionnaire
        if q.is_survey or q.role != role or form not in q.forms:
            continue
        known = newest.get(q.key)
        if known is None or (q.version, candidate.own, candidate.version_id) > (
            known.questionnaire.version, known.own, known.version_id
        ):
            newest[q.key] = candidate
    if not newest:
        return None
    return max(newest.values(), key=lambda c: (c.own, c.version_id))


def choose_survey(candidates: Iterable[Candidate], key: str) -> Candidate | None:
    """The version of survey `key` a new respondent gets: the newest, the organisation's own winning a tie."""
    found = [c for c in candidates if c.questionnaire.key == key and c.questionnaire.is_survey]
    if not found:
        return None
    return max(found, key=lambda c: (c.questionnaire.version, c.own, c.version_id))


# --- as stored -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredVersion:
    id: int
    organisation_id: int | None  # None: shipped with the bot
    questionnaire: Questionnaire
    content_hash: str


@dataclass(frozen=True, slots=True)
class Response:
    id: int
    person_id: int
    organisation_id: int
    role: Role
    version_id: int
    started_at: datetime
    completed_at: datetime | None
    campaign_id: int | None = None  # set for a survey's answers; None for the intake questionnaire
    #: Ticks of a multiple-choice question not confirmed yet, kept as they are ticked: (question id, option ids).
    draft: tuple[str, tuple[str, ...]] | None = None

    def ticks(self, question_id: str) -> list[str] | None:
        """The unconfirmed ticks of `question_id`, or None when there are none for it."""
        if self.draft is None or self.draft[0] != question_id:
            return None
        return list(self.draft[1])


@dataclass(frozen=True, slots=True)
class ResponseFacts:
    """What never changes about a response once it is started: whose it is, where, in which role, for which survey,
    and its questionnaire (a stored version is never edited). Its answers, ticks and completion do change."""

    id: int
    person_id: int
    organisation_id: int
    role: Role
    campaign_id: int | None
    questionnaire: Questionnaire
