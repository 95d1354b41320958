"""Matching mentors with mentees: which form a pair would be, the hard rules, a score that says why, and the
assignment of a whole cohort that the curator approves or rejects pair by pair (DESIGN §2 step 4, seeds 001 §5,
004 §3.3: "the mentor's profile must answer the mentee's requests").

Plain data in, plain data out: no aiogram, no database. The bot layer reduces intake answers to sets of tags
(`Candidate`), calls `assign` / `rank_mentors` / `check` / `score`, and renders the returned codes and args from
locales (`Violation`, `Reason`: a stable `code` plus JSON-friendly `args`).

Decisions worth knowing:

* **Forms from categories** (`pair_form`). The six forms of the ministry's recommendations R-145 name the mentor's
  side first. Graduates and parents mentor in the employer forms (employer – pupil / student): a graduate who still
  studies registers as a student, so one who registers as a graduate is a grown-up from outside the school, as the
  questionnaire catalogue already assumes (questionnaires/README.md: employer, graduate or parent → ep). Young
  specialists and teachers are one side of teacher – teacher (`tt`) whichever of them mentors. A teacher mentoring a
  pupil is not one of the six forms, so it is `None` (the organisation cannot enable it).
* **Score** 0..100 = weighted mean over the items the *mentee* stated (an item the mentee skipped does not count
  for or against anyone; an item the mentor skipped scores 0 for that mentor). Overlaps measure how much of what
  the mentee asked for the mentor covers (|requests ∩ competences| / |requests|), not Jaccard, so a broad mentor
  is not punished for offering more. Shared interests saturate at three (ticking many interests should not make
  every mentor look poor). Format is compatible when the sets meet or either side says "mixed". The tag "other"
  (the option "Other") is no evidence of fit and is ignored. Values are kept in hundredths of a point (integers): totals
  are exact and equal scores are real ties.
* **Assignment** maximises first the number of mentees who get a mentor, then the total score (`cover_first`;
  switch it off to maximise the total score alone). It is one `scipy.optimize.linear_sum_assignment` over
  mentee rows × free-mentor-slot columns (a mentor with k free places is k identical columns); an infeasible cell
  costs the same as "no mentor", so nobody is forced into a pair the rules forbid, and a mentee with no feasible
  mentor never enters the matrix. Input is ordered by person id first, so the same cohort in any order gives the
  same result; among equally good assignments the solver's choice on that order is kept. Alternatives and
  `rank_mentors` break equal scores by the lower mentor id.
* **Groups**: a mentor who receives two or more mentees of one form in the same run is suggested as a group
  (the seeds: "a pair or a group"); the pairs are listed as well, so the curator may approve them either way.

Complexity, for n mentees, m mentors, V tags in a vocabulary (W = ⌈V/64⌉ machine words) and S solver columns
(S = Σ min(capacity − load, mentees the mentor may take)):

* encoding O((n + m)·V); feasibility and scores O(n·m·W): per mentee block, AND + popcount over bitmasks and a
  few element-wise passes, no Python loop per pair;
* the assignment O(r²·c) in the worst case with r = min(n, S), c = max(n, S) (shortest augmenting paths; far
  less in practice); alternatives O(n·m) (argpartition) plus the top few sorted; reasons only for the pairs and
  the alternatives, O(n·k) set operations.
* memory: 6 bytes per (mentee, mentor) cell for the feasibility, form and score matrices, 8·n·S bytes for the
  solver's matrix, temporaries bounded by row blocks of `_BLOCK_CELLS` cells. Measured by `python -m bench
  matching` (bench/matching.py): 2 000 mentees × 500 mentors in about half a second and under 40 MB.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from mentorship.entities import Organisation
from mentorship.questionnaire import DAY_PARTS, FORMATS, HELP_AREAS, WEEKDAYS
from mentorship.roles import Category, MentorshipForm, Role

if TYPE_CHECKING:
    import numpy as np
else:

    class _NumpyAtFirstUse:
        """numpy, imported when matching first uses it (then `np` is numpy itself): with scipy it is ~45 MB of
        resident memory that a bot process needs only once a curator runs `/match`."""

        def __getattr__(self, name: str) -> Any:
            import numpy

            globals()["np"] = numpy
            return getattr(numpy, name)

    np = _NumpyAtFirstUse()


def linear_sum_assignment(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """scipy's assignment solver, imported at the first matching (see `np` above)."""
    from scipy.optimize import linear_sum_assignment as solve

    return solve(cost)


#: Option ids that say nothing about fit ("Other"): never a shared item, never a request to cover.
IGNORED_TAGS = frozenset({"other"})
#: Sharing this many interests gives full marks for interests.
INTEREST_SATURATION = 3
MIXED = "mixed"
#: Scores are kept in hundredths of a point: 0..10 000.
_FULL = 10_000
#: How many alternatives `assign` lists per mentee by default.
DEFAULT_ALTERNATIVES = 3


# --- codes --------------------------------------------------------------------------------------------------------


class ViolationCode(StrEnum):
    """Why a mentor cannot be paired with a mentee. The order is the order `check` reports them in."""

    SAME_PERSON = "same_person"  # {}
    WRONG_ROLE = "wrong_role"  # {side, role}
    NO_FORM = "no_form"  # {mentor_category, mentee_category}
    FORM_DISABLED = "form_disabled"  # {form}
    INVITATION_FORM = "invitation_form"  # {side, invited, form}
    MENTOR_AGE = "mentor_age"  # {age, low, high}
    AGE_UNKNOWN = "age_unknown"  # {side}
    AGE_GAP = "age_gap"  # {mentor_age, mentee_age, min_gap}
    NO_CAPACITY = "no_capacity"  # {capacity, load}
    OTHER_ORGANISATION = "other_organisation"  # {mentor_organisation, mentee_organisation}
    ALREADY_PAIRED = "already_paired"  # {form}


class UnmatchedCode(StrEnum):
    """Why a mentee got no mentor in an assignment (besides the ViolationCodes that excluded every mentor)."""

    NO_MENTORS = "no_mentors"  # {}: the cohort has no mentors at all
    MENTORS_TAKEN = "mentors_taken"  # {mentors}: some mentors fit, but their places went to other mentees


class ReasonCode(StrEnum):
    SHARED_REQUESTS = "shared_requests"  # {items}: mentee's requests the mentor's competences cover
    SHARED_SUBJECTS = "shared_subjects"  # {items}
    SHARED_INTERESTS = "shared_interests"  # {items}
    SAME_FORMAT = "same_format"  # {format}: the format they would meet in (offline / online / mixed)
    COMMON_SLOTS = "common_slots"  # {slots}
    # Concerns: what speaks against the pair, so the curator sees it before approving.
    UNCOVERED_REQUESTS = "uncovered_requests"  # {items}
    FORMAT_MISMATCH = "format_mismatch"  # {mentor, mentee}: lists of formats
    NO_COMMON_SLOTS = "no_common_slots"  # {}


@dataclass(frozen=True, slots=True)
class Violation:
    code: str
    args: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    args: Mapping[str, Any] = field(default_factory=dict, hash=False)


# --- input --------------------------------------------------------------------------------------------------------


def _tags(values: Iterable[str]) -> frozenset[str]:
    if isinstance(values, str):  # a bare string would become a set of letters
        return frozenset({values})
    if type(values) is frozenset and all(type(v) is str for v in values):
        return values  # already what it would become: kept, so that equal sets read once stay one object
    return frozenset(map(str, values))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A mentor or a mentee as matching sees them: who they are and their intake answers as sets of tags.

    `requests` (mentee) and `competences` (mentor) share one vocabulary (questionnaire HELP_AREAS). `form` is the
    form their invitation was for (None: any). `availability` mixes weekday and time-of-day codes in one set.
    `capacity` and `load` (active mentees now) matter for mentors only; `shared_pool` marks a mentor a
    coordinator offers to the other organisations of the municipality (seed 004 §2.6).
    """

    person_id: int
    role: Role
    organisation_id: int
    category: Category
    age: int | None = None
    form: MentorshipForm | None = None
    requests: frozenset[str] = frozenset()
    competences: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()
    capacity: int = 1
    load: int = 0
    shared_pool: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", Role(self.role))
        object.__setattr__(self, "category", Category(self.category))
        if self.form is not None:
            object.__setattr__(self, "form", MentorshipForm(self.form))
        for name in ("requests", "competences", "subjects", "interests", "formats", "availability"):
            object.__setattr__(self, name, _tags(getattr(self, name)))
        if self.capacity < 1:
            raise ValueError(f"capacity must be at least 1, not {self.capacity}")
        if self.load < 0:
            raise ValueError(f"load must not be negative, not {self.load}")

    @property
    def free(self) -> int:
        """Mentees a mentor can still take."""
        return max(self.capacity - self.load, 0)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each item counts in the score; an organisation may tune them. Only ratios matter."""

    requests: float = 10.0
    subjects: float = 4.0
    availability: float = 3.0
    format: float = 2.0
    interests: float = 1.0

    def __post_init__(self) -> None:
        for name in ("requests", "subjects", "availability", "format", "interests"):
            value = float(getattr(self, name))
            if not value >= 0 or value == float("inf"):
                raise ValueError(f"weight {name} must be a finite number ≥ 0, not {value}")
            object.__setattr__(self, name, value)


@dataclass(frozen=True, slots=True)
class Rules:
    """Hard rules of the organisation where the pairs are formed (the mentees' organisation)."""

    forms: frozenset[MentorshipForm]
    pupil_mentor_ages: tuple[int, int] = (15, 19)  # DESIGN §1: pupils 15–19 mentor
    min_age_gap: int = 1  # a pupil mentor is at least this many years older than the mentee
    allow_shared_pool: bool = True  # mentors of other organisations offered by the coordinator may be used

    def __post_init__(self) -> None:
        object.__setattr__(self, "forms", frozenset(MentorshipForm(f) for f in self.forms))

    @classmethod
    def for_organisation(cls, organisation: Organisation, **overrides: Any) -> Rules:
        return cls(forms=frozenset(organisation.forms), **overrides)


# --- output -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scored:
    value: float  # 0..100, two decimals
    reasons: tuple[Reason, ...] = ()  # why the pair fits
    concerns: tuple[Reason, ...] = ()  # what speaks against it


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed pair (or an alternative mentor for a mentee)."""

    mentor_id: int
    mentee_id: int
    form: MentorshipForm
    scored: Scored
    slots_left: int  # the mentor's free places once the assignment is approved as suggested

    @property
    def value(self) -> float:
        return self.scored.value


@dataclass(frozen=True, slots=True)
class Group:
    """One mentor with several mentees of one form, suggested as a mentorship group."""

    mentor_id: int
    form: MentorshipForm
    mentee_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A mentee left without a mentor. Reasons carry {"mentors": how many mentors each code excluded}."""

    mentee_id: int
    reasons: tuple[Violation, ...]


@dataclass(frozen=True)
class Assignment:
    pairs: tuple[Suggestion, ...]  # by mentee id
    groups: tuple[Group, ...]  # by mentor id, then form
    unmatched: tuple[Unmatched, ...]  # by mentee id
    alternatives: Mapping[int, tuple[Suggestion, ...]]  # mentee id → other feasible mentors, best first
    total: float  # sum of the pairs' scores

    def pair_of(self, mentee_id: int) -> Suggestion | None:
        return next((p for p in self.pairs if p.mentee_id == mentee_id), None)


@dataclass(frozen=True, eq=False)
class Evaluation:
    """Feasibility and scores of every mentee (rows, by person id) against every mentor (columns, by person id)."""

    mentees: tuple[Candidate, ...]
    mentors: tuple[Candidate, ...]
    feasible: np.ndarray  # bool (n, m)
    hundredths: np.ndarray  # int32 (n, m): score × 100, computed for every cell, feasible or not
    forms: np.ndarray  # int8 (n, m): index into FORM_ORDER, -1 when the categories fit no form
    _cohort: _Cohort = field(repr=False)

    def excluded_by(self, row: int) -> list[tuple[ViolationCode, int]]:
        """How many mentors each rule excluded for the mentee in `row`, most first (then in code order)."""
        _, masks = self._cohort.violations(slice(row, row + 1))
        m = len(self.mentors)
        order = list(ViolationCode)
        counts = [(code, int(np.broadcast_to(mask, (1, m)).sum())) for code, mask in masks.items()]
        return sorted(((c, k) for c, k in counts if k), key=lambda item: (-item[1], order.index(item[0])))


# --- forms --------------------------------------------------------------------------------------------------------

_TEACHERS = (Category.TEACHER, Category.YOUNG_SPECIALIST)
_GROWN_UPS = (Category.EMPLOYER, Category.GRADUATE, Category.PARENT)

#: (mentor's category, mentee's category) → form; see the module docstring for graduates and parents.
FORM_BY_CATEGORIES: Mapping[tuple[Category, Category], MentorshipForm] = MappingProxyType(
    {
        (Category.PUPIL, Category.PUPIL): MentorshipForm.PUPIL_PUPIL,
        (Category.STUDENT, Category.PUPIL): MentorshipForm.STUDENT_PUPIL,
        (Category.STUDENT, Category.STUDENT): MentorshipForm.STUDENT_STUDENT,
        **{(mentor, mentee): MentorshipForm.TEACHER_TEACHER for mentor in _TEACHERS for mentee in _TEACHERS},
        **{(mentor, Category.PUPIL): MentorshipForm.EMPLOYER_PUPIL for mentor in _GROWN_UPS},
        **{(mentor, Category.STUDENT): MentorshipForm.EMPLOYER_STUDENT for mentor in _GROWN_UPS},
    }
)
FORM_ORDER: tuple[MentorshipForm, ...] = tuple(MentorshipForm)
_CATEGORY_ORDER: tuple[Category, ...] = tuple(Category)


def form_for(mentor_category: Category, mentee_category: Category) -> MentorshipForm | None:
    return FORM_BY_CATEGORIES.get((Category(mentor_category), Category(mentee_category)))


def pair_form(mentor: Candidate, mentee: Candidate) -> MentorshipForm | None:
    """The form a pair of these two would be, from their categories; None when no form of R-145 fits."""
    return form_for(mentor.category, mentee.category)


# --- hard rules ---------------------------------------------------------------------------------------------------


def check(
    mentor: Candidate,
    mentee: Candidate,
    rules: Rules,
    active_forms_of_mentee: Collection[MentorshipForm] = (),
) -> list[Violation]:
    """Every hard rule the pair would break, in ViolationCode order; an empty list means the pair is allowed.

    `active_forms_of_mentee`: forms in which the mentee already has an active pair.
    """
    found: list[Violation] = []
    if mentor.person_id == mentee.person_id:
        found.append(Violation(ViolationCode.SAME_PERSON, {}))
    if mentor.role != Role.MENTOR:
        found.append(Violation(ViolationCode.WRONG_ROLE, {"side": "mentor", "role": mentor.role.value}))
    if mentee.role != Role.MENTEE:
        found.append(Violation(ViolationCode.WRONG_ROLE, {"side": "mentee", "role": mentee.role.value}))
    form = pair_form(mentor, mentee)
    if form is None:
        found.append(
            Violation(
                ViolationCode.NO_FORM,
                {"mentor_category": mentor.category.value, "mentee_category": mentee.category.value},
            )
        )
    else:
        if form not in rules.forms:
            found.append(Violation(ViolationCode.FORM_DISABLED, {"form": form.value}))
        for side, person in (("mentor", mentor), ("mentee", mentee)):
            if person.form is not None and person.form != form:
                found.append(
                    Violation(
                        ViolationCode.INVITATION_FORM, {"side": side, "invited": person.form.value, "form": form.value}
                    )
                )
    if mentor.category == Category.PUPIL:
        low, high = rules.pupil_mentor_ages
        if mentor.age is not None and not low <= mentor.age <= high:
            found.append(Violation(ViolationCode.MENTOR_AGE, {"age": mentor.age, "low": low, "high": high}))
        if mentor.age is None:
            found.append(Violation(ViolationCode.AGE_UNKNOWN, {"side": "mentor"}))
        elif mentee.age is None:
            found.append(Violation(ViolationCode.AGE_UNKNOWN, {"side": "mentee"}))
        elif mentor.age - mentee.age < rules.min_age_gap:
            found.append(
                Violation(
                    ViolationCode.AGE_GAP,
                    {"mentor_age": mentor.age, "mentee_age": mentee.age, "min_gap": rules.min_age_gap},
                )
            )
    if mentor.load >= mentor.capacity:
        found.append(Violation(ViolationCode.NO_CAPACITY, {"capacity": mentor.capacity, "load": mentor.load}))
    if mentor.organisation_id != mentee.organisation_id and not (mentor.shared_pool and rules.allow_shared_pool):
        found.append(
            Violation(
                ViolationCode.OTHER_ORGANISATION,
                {"mentor_organisation": mentor.organisation_id, "mentee_organisation": mentee.organisation_id},
            )
        )
    if form is not None and form in {MentorshipForm(f) for f in active_forms_of_mentee}:
        found.append(Violation(ViolationCode.ALREADY_PAIRED, {"form": form.value}))
    return found


# --- score --------------------------------------------------------------------------------------------------------


def _combine(weights: Weights, parts: Sequence[tuple[float, Any, Any]]) -> Any:
    """Weighted mean over the applicable parts, in hundredths, rounded half to even.

    Shared by `score` (numpy scalars) and `evaluate` (matrices): the same IEEE operations in the same order give
    bit-identical results, so a pair's score never depends on which path computed it.
    """
    numerator: Any = 0.0
    denominator: Any = 0.0
    for weight, share, applicable in parts:
        numerator = numerator + np.where(applicable, weight * share, 0.0)
        denominator = denominator + np.where(applicable, weight, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, np.rint(_FULL * numerator / denominator), 0.0)


def _parts(
    weights: Weights,
    requests: tuple[Any, Any],
    subjects: tuple[Any, Any],
    interests: tuple[Any, Any],
    formats: tuple[Any, Any],
    slots: tuple[Any, Any],
) -> list[tuple[float, Any, Any]]:
    """Per item (weight, share 0..1, applicable): each argument is (shared count, mentee's count), formats
    (compatible, mentee's count); numpy scalars or matrices alike. See `score` for the meaning."""
    with np.errstate(divide="ignore", invalid="ignore"):
        parts = []
        for weight, (shared, asked) in ((weights.requests, requests), (weights.subjects, subjects)):
            parts.append((weight, np.where(asked > 0, shared / np.maximum(asked, 1), 0.0), asked > 0))
        shared, asked = interests
        parts.append(
            (
                weights.interests,
                np.minimum(1.0, shared / np.maximum(np.minimum(asked, INTEREST_SATURATION), 1)),
                asked > 0,
            )
        )
        compatible, asked = formats
        parts.append((weights.format, np.where(compatible, 1.0, 0.0), asked > 0))
        shared, asked = slots
        parts.append((weights.availability, np.where(asked > 0, shared / np.maximum(asked, 1), 0.0), asked > 0))
    return parts


def _format_compatible(mentor_formats: frozenset[str], mentee_formats: frozenset[str]) -> bool:
    if not mentor_formats or not mentee_formats:
        return False
    return bool(mentor_formats & mentee_formats) or MIXED in mentor_formats or MIXED in mentee_formats


def _meeting_format(mentor_formats: frozenset[str], mentee_formats: frozenset[str]) -> str | None:
    """The format they would meet in: a concrete one both accept, else whatever "mixed" lets them agree on."""
    if not _format_compatible(mentor_formats, mentee_formats):
        return None
    concrete = [f for f in FORMATS if f != MIXED]
    for candidate in concrete:
        if candidate in mentor_formats and candidate in mentee_formats:
            return candidate
    for candidate in concrete:  # one side says mixed: they meet the other side's way
        if candidate in mentor_formats | mentee_formats:
            return candidate
    common = sorted((mentor_formats & mentee_formats) - {MIXED})
    return common[0] if common else MIXED


_ORDER = {tag: i for i, tag in enumerate(HELP_AREAS)} | {tag: i for i, tag in enumerate(WEEKDAYS + DAY_PARTS)}


def _ordered(items: Iterable[str]) -> list[str]:
    """Known vocabularies in questionnaire order (mon before tue), anything else alphabetically after."""
    return sorted(items, key=lambda tag: (_ORDER.get(tag, len(_ORDER)), tag))


def _requests(mentee: Candidate) -> frozenset[str]:
    return mentee.requests - IGNORED_TAGS


def _explain(mentor: Candidate, mentee: Candidate) -> tuple[tuple[Reason, ...], tuple[Reason, ...]]:
    reasons: list[Reason] = []
    concerns: list[Reason] = []
    asked = _requests(mentee)
    covered = asked & mentor.competences
    if covered:
        reasons.append(Reason(ReasonCode.SHARED_REQUESTS, {"items": _ordered(covered)}))
    if asked - covered:
        concerns.append(Reason(ReasonCode.UNCOVERED_REQUESTS, {"items": _ordered(asked - covered)}))
    subjects = (mentee.subjects & mentor.subjects) - IGNORED_TAGS
    if subjects:
        reasons.append(Reason(ReasonCode.SHARED_SUBJECTS, {"items": _ordered(subjects)}))
    interests = (mentee.interests & mentor.interests) - IGNORED_TAGS
    if interests:
        reasons.append(Reason(ReasonCode.SHARED_INTERESTS, {"items": _ordered(interests)}))
    meeting = _meeting_format(mentor.formats, mentee.formats)
    if meeting is not None:
        reasons.append(Reason(ReasonCode.SAME_FORMAT, {"format": meeting}))
    elif mentor.formats and mentee.formats:
        concerns.append(
            Reason(
                ReasonCode.FORMAT_MISMATCH,
                {"mentor": _ordered(mentor.formats), "mentee": _ordered(mentee.formats)},
            )
        )
    slots = mentee.availability & mentor.availability
    if slots:
        reasons.append(Reason(ReasonCode.COMMON_SLOTS, {"slots": _ordered(slots)}))
    elif mentee.availability and mentor.availability:
        concerns.append(Reason(ReasonCode.NO_COMMON_SLOTS, {}))
    return tuple(reasons), tuple(concerns)


def _hundredths(mentor: Candidate, mentee: Candidate, weights: Weights) -> int:
    asked = _requests(mentee)
    subjects = mentee.subjects - IGNORED_TAGS
    interests = mentee.interests - IGNORED_TAGS
    parts = _parts(
        weights,
        (np.float64(len(asked & mentor.competences)), np.float64(len(asked))),
        (np.float64(len(subjects & mentor.subjects)), np.float64(len(subjects))),
        (np.float64(len(interests & mentor.interests)), np.float64(len(interests))),
        (_format_compatible(mentor.formats, mentee.formats), np.float64(len(mentee.formats))),
        (
            np.float64(len(mentee.availability & mentor.availability)),
            np.float64(len(mentee.availability)),
        ),
    )
    return int(_combine(weights, parts))


def score(mentor: Candidate, mentee: Candidate, weights: Weights | None = None) -> Scored:
    """How well the mentor answers what the mentee stated, 0..100, with the shared items and the concerns.

    Per item, the share of the mentee's answers the mentor matches: requests covered by competences, subjects,
    interests (three shared is full marks), a compatible format (1 or 0), the mentee's availability slots the
    mentor shares. The value is the weighted mean over the items the mentee answered (0 if none). Hard rules are
    not looked at: see `check`.
    """
    weights = weights or Weights()
    reasons, concerns = _explain(mentor, mentee)
    return Scored(_hundredths(mentor, mentee, weights) / 100, reasons, concerns)


# --- whole cohort -------------------------------------------------------------------------------------------------


def _sorted_unique(candidates: Iterable[Candidate], what: str) -> tuple[Candidate, ...]:
    ordered = tuple(sorted(candidates, key=lambda c: c.person_id))
    for before, after in pairwise(ordered):
        if before.person_id == after.person_id:
            raise ValueError(f"{what}: person {after.person_id} is listed twice")
    return ordered


#: Mentee rows evaluated at once: temporaries stay near this many cells (a few MB) whatever the cohort's size.
_BLOCK_CELLS = 1 << 17


def _bitmasks(rows: Sequence[frozenset[str]], index: Mapping[str, int], words: int) -> np.ndarray:
    """Each set as `words` 64-bit masks (tag i → bit i % 64 of word i // 64): shape (len(rows), words)."""
    masks = np.zeros((len(rows), words), dtype=np.uint64)
    for i, tags in enumerate(rows):
        packed = [0] * words
        for tag in tags:
            bit = index.get(tag)
            if bit is not None:
                packed[bit >> 6] |= 1 << (bit & 63)
        masks[i] = packed
    return masks


class _Tags:
    """One vocabulary (the tags mentees used), every set as bitmasks; overlaps are AND + popcount.

    Popcounts rather than a BLAS product of 0/1 matrices: no thread pool to wake for thin matrices (OpenBLAS's
    threads made it slower and noisier on two busy cores) and integer results by construction.
    """

    def __init__(self, mentee_sets: Sequence[frozenset[str]], mentor_sets: Sequence[frozenset[str]]) -> None:
        vocabulary = sorted(set().union(*mentee_sets)) if mentee_sets else []
        index = {tag: i for i, tag in enumerate(vocabulary)}
        words = max(1, -(-len(vocabulary) // 64))
        self.mentees = _bitmasks(mentee_sets, index, words)  # (n, W)
        self.mentors = np.ascontiguousarray(_bitmasks(mentor_sets, index, words).T)  # (W, m)
        self.asked = np.bitwise_count(self.mentees).sum(axis=1, dtype=np.int64).astype(np.float64)[:, None]

    def overlap(self, rows: slice) -> tuple[np.ndarray, np.ndarray]:
        """(|mentee ∩ mentor| for the rows × every mentor, as float64; |mentee| as a column)."""
        mentees = self.mentees[rows]
        shared = np.bitwise_count(mentees[:, 0:1] & self.mentors[0:1, :]).astype(np.float64)
        for word in range(1, mentees.shape[1]):
            shared += np.bitwise_count(mentees[:, word : word + 1] & self.mentors[word : word + 1, :])
        return shared, self.asked[rows]


def _column(values: Iterable[Any], dtype: Any) -> np.ndarray:
    return np.array(list(values), dtype=dtype).reshape(-1, 1)


def _row(values: Iterable[Any], dtype: Any) -> np.ndarray:
    return np.array(list(values), dtype=dtype).reshape(1, -1)


class _Cohort:
    """What evaluation needs from the candidates, as arrays built once: mentee columns (n, 1), mentor rows (1, m).

    `violations` and `scores` work on a slice of mentee rows, so the (n, m) temporaries never exist whole.
    """

    def __init__(
        self,
        mentors: Sequence[Candidate],
        mentees: Sequence[Candidate],
        rules: Rules,
        active_forms_by_mentee: Mapping[int, Collection[MentorshipForm]],
    ) -> None:
        self.rules = rules
        self.shape = (len(mentees), len(mentors))
        category_index = {c: i for i, c in enumerate(_CATEGORY_ORDER)}
        form_index = {f: i for i, f in enumerate(FORM_ORDER)}
        self.form_table = np.full((len(_CATEGORY_ORDER), len(_CATEGORY_ORDER)), -1, dtype=np.int8)
        for (mentor_category, mentee_category), form in FORM_BY_CATEGORIES.items():
            self.form_table[category_index[mentor_category], category_index[mentee_category]] = form_index[form]
        # index -1 (no form) reads the appended False; `has_form` masks those cells anyway
        self.enabled = np.array([f in rules.forms for f in FORM_ORDER] + [False], dtype=bool)

        self.mentor_id = _row((r.person_id for r in mentors), np.int64)
        self.mentor_category = _row((category_index[r.category] for r in mentors), np.intp)
        self.mentor_not_mentor = _row((r.role != Role.MENTOR for r in mentors), bool)
        self.mentor_invited = _row((form_index[r.form] if r.form is not None else -1 for r in mentors), np.int8)
        self.pupil_mentor = _row((r.category == Category.PUPIL for r in mentors), bool)
        self.mentor_age = _row((np.nan if r.age is None else r.age for r in mentors), np.float64)
        self.mentor_full = _row((r.load >= r.capacity for r in mentors), bool)
        self.mentor_org = _row((r.organisation_id for r in mentors), np.int64)
        self.mentor_shared = _row((r.shared_pool and rules.allow_shared_pool for r in mentors), bool)

        self.mentee_id = _column((e.person_id for e in mentees), np.int64)
        self.mentee_category = _column((category_index[e.category] for e in mentees), np.intp)
        self.mentee_not_mentee = _column((e.role != Role.MENTEE for e in mentees), bool)
        self.mentee_invited = _column((form_index[e.form] if e.form is not None else -1 for e in mentees), np.int8)
        self.mentee_age = _column((np.nan if e.age is None else e.age for e in mentees), np.float64)
        self.mentee_org = _column((e.organisation_id for e in mentees), np.int64)
        self.active_bits = _column(
            (
                sum(1 << form_index[MentorshipForm(f)] for f in set(active_forms_by_mentee.get(e.person_id, ())))
                for e in mentees
            ),
            np.int64,
        )

        self.requests = _Tags([_requests(e) for e in mentees], [r.competences for r in mentors])
        self.subjects = _Tags([e.subjects - IGNORED_TAGS for e in mentees], [r.subjects for r in mentors])
        self.interests = _Tags([e.interests - IGNORED_TAGS for e in mentees], [r.interests for r in mentors])
        self.slots = _Tags([e.availability for e in mentees], [r.availability for r in mentors])
        self.formats = _Tags([e.formats for e in mentees], [r.formats for r in mentors])
        self.mentee_mixed = _column((MIXED in e.formats for e in mentees), bool)
        self.mentor_mixed = _row((MIXED in r.formats for r in mentors), bool)
        self.mentor_said = _row((bool(r.formats) for r in mentors), bool)

    def violations(self, rows: slice) -> tuple[np.ndarray, dict[ViolationCode, np.ndarray]]:
        """(forms, masks) for these mentee rows: the rules of `check`, each mask broadcastable to (rows, m)."""
        rules = self.rules
        forms = self.form_table[self.mentor_category, self.mentee_category[rows]]
        has_form = forms >= 0
        masks: dict[ViolationCode, np.ndarray] = {}
        masks[ViolationCode.SAME_PERSON] = self.mentee_id[rows] == self.mentor_id
        masks[ViolationCode.WRONG_ROLE] = self.mentor_not_mentor | self.mentee_not_mentee[rows]
        masks[ViolationCode.NO_FORM] = ~has_form
        masks[ViolationCode.FORM_DISABLED] = has_form & ~self.enabled[forms]
        mentee_invited = self.mentee_invited[rows]
        masks[ViolationCode.INVITATION_FORM] = has_form & (
            ((self.mentor_invited >= 0) & (self.mentor_invited != forms))
            | ((mentee_invited >= 0) & (mentee_invited != forms))
        )
        low, high = rules.pupil_mentor_ages
        mentor_age, mentee_age = self.mentor_age, self.mentee_age[rows]
        mentor_known, mentee_known = ~np.isnan(mentor_age), ~np.isnan(mentee_age)
        with np.errstate(invalid="ignore"):
            masks[ViolationCode.MENTOR_AGE] = (
                self.pupil_mentor & mentor_known & ((mentor_age < low) | (mentor_age > high))
            )
            masks[ViolationCode.AGE_UNKNOWN] = self.pupil_mentor & (~mentor_known | ~mentee_known)
            masks[ViolationCode.AGE_GAP] = (
                self.pupil_mentor & mentor_known & mentee_known & (mentor_age - mentee_age < rules.min_age_gap)
            )
        masks[ViolationCode.NO_CAPACITY] = self.mentor_full
        masks[ViolationCode.OTHER_ORGANISATION] = (self.mentee_org[rows] != self.mentor_org) & ~self.mentor_shared
        masks[ViolationCode.ALREADY_PAIRED] = has_form & (((self.active_bits[rows] >> np.maximum(forms, 0)) & 1) == 1)
        return forms, masks

    def scores(self, rows: slice, weights: Weights) -> np.ndarray:
        format_shared, format_asked = self.formats.overlap(rows)
        compatible = (
            (format_asked > 0) & self.mentor_said & ((format_shared > 0) | self.mentee_mixed[rows] | self.mentor_mixed)
        )
        parts = _parts(
            weights,
            self.requests.overlap(rows),
            self.subjects.overlap(rows),
            self.interests.overlap(rows),
            (compatible, format_asked),
            self.slots.overlap(rows),
        )
        return _combine(weights, parts).astype(np.int32)


def evaluate(
    mentors: Iterable[Candidate],
    mentees: Iterable[Candidate],
    rules: Rules,
    weights: Weights | None = None,
    active_forms_by_mentee: Mapping[int, Collection[MentorshipForm]] | None = None,
) -> Evaluation:
    """Every mentee against every mentor: feasibility, form and score matrices, vectorised (no loop per pair)."""
    weights = weights or Weights()
    mentor_list = _sorted_unique(mentors, "mentors")
    mentee_list = _sorted_unique(mentees, "mentees")
    cohort = _Cohort(mentor_list, mentee_list, rules, active_forms_by_mentee or {})
    n, m = cohort.shape
    feasible = np.empty((n, m), dtype=bool)
    hundredths = np.empty((n, m), dtype=np.int32)
    forms = np.empty((n, m), dtype=np.int8)
    step = max(1, _BLOCK_CELLS // max(m, 1))
    for start in range(0, n, step):
        rows = slice(start, min(start + step, n))
        block_forms, masks = cohort.violations(rows)
        blocked = np.zeros((rows.stop - rows.start, m), dtype=bool)
        for mask in masks.values():
            blocked |= mask
        feasible[rows] = ~blocked
        forms[rows] = block_forms
        hundredths[rows] = cohort.scores(rows, weights)
    return Evaluation(
        mentees=mentee_list, mentors=mentor_list, feasible=feasible, hundredths=hundredths, forms=forms, _cohort=cohort
    )


def _suggestion(ev: Evaluation, row: int, col: int, slots_left: int) -> Suggestion:
    mentor, mentee = ev.mentors[col], ev.mentees[row]
    reasons, concerns = _explain(mentor, mentee)
    return Suggestion(
        mentor_id=mentor.person_id,
        mentee_id=mentee.person_id,
        form=FORM_ORDER[int(ev.forms[row, col])],
        scored=Scored(int(ev.hundredths[row, col]) / 100, reasons, concerns),
        slots_left=slots_left,
    )


def _ranked(ev: Evaluation, rows: np.ndarray, exclude: np.ndarray, limit: int) -> list[np.ndarray]:
    """For each row, up to `limit` feasible columns by score descending, ties by mentor id (lower first);
    `exclude[i]` is a column to leave out of row i, or -1. Row blocks keep the temporaries small."""
    n_rows, m = len(rows), len(ev.mentors)
    if limit <= 0 or not n_rows or not m:
        return [np.empty(0, dtype=np.intp) for _ in range(n_rows)]
    limit = min(limit, m)
    # One integer key per cell, unique within a row: score first, then the lower column (= lower id).
    tiebreak = np.arange(m - 1, -1, -1, dtype=np.int64)
    result: list[np.ndarray] = []
    step = max(1, _BLOCK_CELLS // m)
    for start in range(0, n_rows, step):
        block = rows[start : start + step]
        keys = np.where(ev.feasible[block], ev.hundredths[block].astype(np.int64) * m + tiebreak, -1)
        excluded = exclude[start : start + step]
        has_exclusion = np.nonzero(excluded >= 0)[0]
        keys[has_exclusion, excluded[has_exclusion]] = -1
        top = (
            np.argpartition(-keys, limit - 1, axis=1)[:, :limit]
            if limit < m
            else np.tile(np.arange(m), (len(block), 1))
        )
        top_keys = np.take_along_axis(keys, top, axis=1)
        order = np.argsort(-top_keys, axis=1)
        top, top_keys = np.take_along_axis(top, order, axis=1), np.take_along_axis(top_keys, order, axis=1)
        result.extend(top[i][top_keys[i] >= 0] for i in range(len(block)))
    return result


def rank_mentors(
    mentee: Candidate,
    mentors: Iterable[Candidate],
    rules: Rules,
    weights: Weights | None = None,
    active_forms: Collection[MentorshipForm] = (),
    limit: int | None = None,
) -> tuple[Suggestion, ...]:
    """The mentors this mentee may be paired with, best first (ties by the lower mentor id), each with the places
    they have free: for one mentee's card. For a request to change mentor (seed 002 §6.2), leave the current
    mentor out of `mentors` and the form of the pair being replaced out of `active_forms`."""
    ev = evaluate(mentors, [mentee], rules, weights, {mentee.person_id: active_forms})
    m = len(ev.mentors)
    (columns,) = _ranked(ev, np.array([0]), np.array([-1]), m if limit is None else limit)
    return tuple(_suggestion(ev, 0, int(col), ev.mentors[int(col)].free) for col in columns)


def _cost_matrix(ev: Evaluation, rows: np.ndarray, slots: np.ndarray, bonus: int) -> tuple[np.ndarray, bool]:
    """The solver's input: −(score + bonus) per (mentee row, mentor slot), 0 where the pair is infeasible (the same
    as "no mentor", so the solver never gains by choosing one). Returns (cost, whether slots are its rows).

    SciPy copies a tall matrix transposed (memory Python does not see) and a `maximize` one negated, so the matrix
    is built wide (rows ≤ columns) and negated here, a few mentors at a time: no (n, m) temporary exists whole.
    """
    n_rows, slot_count = len(rows), int(slots.sum())
    slots_are_rows = slot_count < n_rows
    cost = np.empty((slot_count, n_rows) if slots_are_rows else (n_rows, slot_count), dtype=np.float64)
    ends = np.cumsum(slots)
    step = max(1, _BLOCK_CELLS // n_rows)
    for first in range(0, len(slots), step):
        last = min(first + step, len(slots))
        begin, end = (int(ends[first - 1]) if first else 0), int(ends[last - 1])
        if begin == end:
            continue
        block = np.where(ev.feasible[rows, first:last], -(ev.hundredths[rows, first:last] + float(bonus)), 0.0)
        block = np.repeat(block, slots[first:last], axis=1)
        if slots_are_rows:
            cost[begin:end] = block.T
        else:
            cost[:, begin:end] = block
    return cost, slots_are_rows


def assign(
    mentors: Iterable[Candidate],
    mentees: Iterable[Candidate],
    rules: Rules,
    weights: Weights | None = None,
    active_forms_by_mentee: Mapping[int, Collection[MentorshipForm]] | None = None,
    *,
    alternatives: int = DEFAULT_ALTERNATIVES,
    cover_first: bool = True,
    excluded: Mapping[int, Collection[int]] | None = None,
) -> Assignment:
    """Suggest a mentor for every mentee the rules allow, best for the cohort as a whole.

    Each mentee gets at most one mentor; a mentor gets at most `capacity - load` mentees. With `cover_first` the
    number of mentees matched comes first and the total score second (nobody is left out so that someone else
    gets a slightly better mentor); without it only the total score counts. `excluded` (mentee id → mentor ids)
    leaves out pairs the curator already turned down or ended: they are neither suggested nor alternatives.
    """
    ev = evaluate(mentors, mentees, rules, weights, active_forms_by_mentee)
    n, m = ev.feasible.shape
    if excluded:
        column = {r.person_id: i for i, r in enumerate(ev.mentors)}
        for row, mentee in enumerate(ev.mentees):
            for mentor_id in excluded.get(mentee.person_id, ()):
                if mentor_id in column:
                    ev.feasible[row, column[mentor_id]] = False
    free = np.array([r.free for r in ev.mentors], dtype=np.int64)
    # A mentor never needs more columns than there are mentees who may take them.
    slots = np.minimum(free, ev.feasible.sum(axis=0)) if m else free
    rows = np.nonzero(ev.feasible.any(axis=1))[0] if m else np.empty(0, dtype=np.intp)
    assigned_col = np.full(n, -1, dtype=np.intp)
    if len(rows) and slots.sum():
        slot_mentor = np.repeat(np.arange(m), slots)
        # Lexicographic objective in exact integers: a match is worth more than any score total can add up to.
        bonus = _FULL * (len(rows) + 1) if cover_first else 1
        cost, slots_are_rows = _cost_matrix(ev, rows, slots, bonus)
        if slots_are_rows:
            picked_slots, picked_rows = linear_sum_assignment(cost)
        else:
            picked_rows, picked_slots = linear_sum_assignment(cost)
        del cost
        picked_mentors = slot_mentor[picked_slots]
        keep = ev.feasible[rows[picked_rows], picked_mentors]
        assigned_col[rows[picked_rows[keep]]] = picked_mentors[keep]

    taken = np.bincount(assigned_col[assigned_col >= 0], minlength=m) if m else np.zeros(0, dtype=np.int64)
    slots_left = free - taken

    pairs: list[Suggestion] = []
    unmatched: list[Unmatched] = []
    for row in range(n):
        col = int(assigned_col[row])
        if col >= 0:
            pairs.append(_suggestion(ev, row, col, int(slots_left[col])))
        else:
            unmatched.append(Unmatched(ev.mentees[row].person_id, _unmatched_reasons(ev, row)))

    every_row = np.arange(n)
    ranked = _ranked(ev, every_row, assigned_col, alternatives)
    alternative_map = {
        ev.mentees[row].person_id: tuple(_suggestion(ev, row, int(col), int(slots_left[col])) for col in ranked[row])
        for row in range(n)
    }

    by_mentor: dict[tuple[int, MentorshipForm], list[int]] = defaultdict(list)
    for pair in pairs:
        by_mentor[(pair.mentor_id, pair.form)].append(pair.mentee_id)
    form_rank = {f: i for i, f in enumerate(FORM_ORDER)}
    groups = tuple(
        Group(mentor_id, form, tuple(sorted(mentee_ids)))
        for (mentor_id, form), mentee_ids in sorted(by_mentor.items(), key=lambda kv: (kv[0][0], form_rank[kv[0][1]]))
        if len(mentee_ids) >= 2
    )
    total = sum(int(ev.hundredths[row, assigned_col[row]]) for row in range(n) if assigned_col[row] >= 0)
    return Assignment(
        pairs=tuple(pairs),
        groups=groups,
        unmatched=tuple(unmatched),
        alternatives=MappingProxyType(alternative_map),
        total=total / 100,
    )


def _unmatched_reasons(ev: Evaluation, row: int) -> tuple[Violation, ...]:
    if not ev.mentors:
        return (Violation(UnmatchedCode.NO_MENTORS, {}),)
    fitting = int(ev.feasible[row].sum())
    if fitting:
        return (Violation(UnmatchedCode.MENTORS_TAKEN, {"mentors": fitting}),)
    return tuple(Violation(code, {"mentors": count}) for code, count in ev.excluded_by(row))
