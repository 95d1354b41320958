"""Matching benchmark: `assign` over a synthetic but school-like cohort, against a greedy baseline in the same run.

    .venv/bin/python -m bench matching                       # 2 000 mentees, 500 mentors
    .venv/bin/python -m bench matching --mentees 8000 --mentors 2000 --repeat 1
    .venv/bin/python -m bench.matching --seed 7 --no-save

No database and no Telegram: `mentorship.matching` is pure. The cohort is drawn from a seeded generator with the
skew real schools show (most mentees ask for studies, olympiads, exams or career; pupils 10–17, pupil mentors
15–19 with a few out of band, teachers in "учитель – учитель", students and employers' staff for the pupil forms,
capacities 1–5, some mentors already loaded, a few mentees already paired, mentors of neighbouring schools in the
municipal pool).

Measured, each the median of --repeat runs: `evaluate` (feasibility and score matrices), `assign` (evaluate +
optimal assignment + alternatives + reasons), and the baseline: evaluate + greedy (mentees in id order, each
takes the best mentor with a place left) — the obvious way to do it, over the same data. Peak memory of one
`assign` is taken with tracemalloc in a separate, untimed run (numpy's buffers are traced). The ratios compare
numbers from the same run: time × greedy, and how much better the optimal total and coverage are.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from mentorship.matching import Candidate, Evaluation, Rules, Weights, assign, evaluate, rank_mentors
from mentorship.roles import Category, MentorshipForm, Role

RESULTS_DIR = Path(__file__).resolve().parent / "results"
HOME = 1  # the organisation that runs the matching; neighbours are 2..4
T = TypeVar("T")

# Relative frequencies, from what the seeds' questionnaires and roadmaps say schools ask for most.
PUPIL_REQUESTS = {
    "studies": 30,
    "olympiad": 25,
    "career": 25,
    "exams": 20,
    "project": 12,
    "tech": 10,
    "communication": 8,
    "adaptation": 6,
    "self_organisation": 6,
    "creativity": 6,
    "sport": 6,
    "other": 2,
}
STUDENT_COMPETENCES = {
    "studies": 25,
    "exams": 20,
    "career": 25,
    "project": 20,
    "tech": 15,
    "olympiad": 15,
    "communication": 10,
    "self_organisation": 8,
    "adaptation": 5,
}
EMPLOYER_COMPETENCES = {
    "career": 40,
    "internship": 25,
    "prof_skills": 25,
    "project": 20,
    "tech": 15,
    "communication": 10,
    "leadership": 10,
}
TEACHER_REQUESTS = {
    "teaching": 30,
    "classroom": 25,
    "documents": 20,
    "parents": 15,
    "digital": 15,
    "certification": 10,
    "adaptation": 15,
    "communication": 8,
    "olympiad": 5,
}
SUBJECTS = {
    "math": 30,
    "russian": 20,
    "physics": 12,
    "informatics": 12,
    "english": 12,
    "chemistry": 7,
    "biology": 8,
    "social": 8,
    "history": 6,
    "literature": 5,
    "geography": 3,
}
INTERESTS = {
    "it": 20,
    "engineering": 10,
    "science": 10,
    "medicine": 8,
    "business": 8,
    "law": 5,
    "education": 5,
    "art": 8,
    "music": 8,
    "sport": 15,
    "media": 6,
    "ecology": 5,
    "volunteering": 6,
    "languages": 8,
    "other": 2,
}
FORMATS = {"offline": 50, "mixed": 35, "online": 15}
DAYS = {"mon": 15, "tue": 15, "wed": 15, "thu": 15, "fri": 12, "sat": 6, "sun": 2}
PUPIL_PARTS = {"afternoon": 70, "evening": 40, "morning": 10}
ADULT_PARTS = {"afternoon": 50, "evening": 50, "morning": 20}
SCHOOL_SUBJECT_REQUESTS = {"studies", "exams", "olympiad"}


def pick(rng: random.Random, weights: dict[str, int], k: int) -> set[str]:
    """k distinct tags, drawn with the given relative frequencies."""
    pool = dict(weights)
    chosen: set[str] = set()
    while pool and len(chosen) < k:
        tag = rng.choices(list(pool), weights=list(pool.values()))[0]
        chosen.add(tag)
        del pool[tag]
    return chosen


def how_many(rng: random.Random, counts: dict[int, int]) -> int:
    return rng.choices(list(counts), weights=list(counts.values()))[0]


def availability(rng: random.Random, parts: dict[str, int]) -> set[str]:
    return pick(rng, DAYS, rng.randint(2, 5)) | pick(rng, parts, how_many(rng, {1: 60, 2: 35, 3: 5}))


def common_answers(rng: random.Random, asks: set[str], parts: dict[str, int]) -> dict[str, Any]:
    subjects = pick(rng, SUBJECTS, how_many(rng, {1: 50, 2: 35, 3: 15})) if asks & SCHOOL_SUBJECT_REQUESTS else set()
    return {
        "subjects": subjects,
        "interests": pick(rng, INTERESTS, rng.randint(0, 5)),
        "formats": pick(rng, FORMATS, 1),
        "availability": availability(rng, parts),
    }


def make_mentee(rng: random.Random, person_id: int) -> Candidate:
    if rng.random() < 0.88:
        age = how_many(rng, {10: 8, 11: 14, 12: 16, 13: 16, 14: 15, 15: 13, 16: 10, 17: 8})
        asks = pick(rng, PUPIL_REQUESTS, how_many(rng, {1: 30, 2: 45, 3: 25}))
        form = rng.choices(
            [None, MentorshipForm.PUPIL_PUPIL, MentorshipForm.STUDENT_PUPIL, MentorshipForm.EMPLOYER_PUPIL],
            [60, 25, 10, 5],
        )[0]
        return Candidate(
            person_id,
            Role.MENTEE,
            HOME,
            Category.PUPIL,
            age=age,
            form=form,
            requests=asks,
            **common_answers(rng, asks, PUPIL_PARTS),
        )
    young = rng.random() < 0.6
    asks = pick(rng, TEACHER_REQUESTS, how_many(rng, {1: 30, 2: 45, 3: 25}))
    return Candidate(
        person_id,
        Role.MENTEE,
        HOME,
        Category.YOUNG_SPECIALIST if young else Category.TEACHER,
        age=rng.randint(22, 30) if young else rng.randint(25, 60),
        requests=asks,
        **common_answers(rng, asks, ADULT_PARTS),
    )


def make_mentor(rng: random.Random, person_id: int) -> Candidate:
    kind = rng.choices(["pupil", "teacher", "student", "employer", "graduate", "parent"], [50, 22, 15, 8, 3, 2])[0]
    if kind == "pupil":
        category, age = Category.PUPIL, how_many(rng, {14: 1, 15: 20, 16: 30, 17: 30, 18: 12, 19: 6, 20: 1})
        offers, parts, form = pick(rng, PUPIL_REQUESTS, rng.randint(2, 5)), PUPIL_PARTS, MentorshipForm.PUPIL_PUPIL
    elif kind == "teacher":
        category, age = Category.TEACHER, rng.randint(28, 65)
        offers, parts, form = (
            pick(rng, TEACHER_REQUESTS, rng.randint(2, 5)),
            ADULT_PARTS,
            MentorshipForm.TEACHER_TEACHER,
        )
    elif kind == "student":
        category, age = Category.STUDENT, rng.randint(18, 23)
        offers, parts, form = (
            pick(rng, STUDENT_COMPETENCES, rng.randint(2, 5)),
            ADULT_PARTS,
            MentorshipForm.STUDENT_PUPIL,
        )
    else:
        category = {"employer": Category.EMPLOYER, "graduate": Category.GRADUATE, "parent": Category.PARENT}[kind]
        age = rng.randint(22, 55)
        offers, parts, form = (
            pick(rng, EMPLOYER_COMPETENCES, rng.randint(2, 5)),
            ADULT_PARTS,
            MentorshipForm.EMPLOYER_PUPIL,
        )
    capacity = how_many(rng, {1: 20, 2: 25, 3: 25, 4: 15, 5: 15})
    load = min(capacity, how_many(rng, {0: 75, 1: 20, 2: 5}))
    neighbour = rng.random() < 0.1
    return Candidate(
        person_id,
        Role.MENTOR,
        rng.randint(2, 4) if neighbour else HOME,
        category,
        age=age,
        form=form if rng.random() < 0.4 else None,
        competences=offers,
        capacity=capacity,
        load=load,
        shared_pool=neighbour and rng.random() < 0.5,
        **common_answers(rng, offers, parts),
    )


@dataclass(frozen=True)
class Cohort:
    mentors: list[Candidate]
    mentees: list[Candidate]
    active: dict[int, set[MentorshipForm]]
    rules: Rules
    weights: Weights


def build_cohort(mentees: int, mentors: int, seed: int) -> Cohort:
    rng = random.Random(seed)
    mentee_list = [make_mentee(rng, 1_000_000 + i) for i in range(mentees)]
    mentor_list = [make_mentor(rng, 2_000_000 + i) for i in range(mentors)]
    active = {
        e.person_id: {MentorshipForm.PUPIL_PUPIL}
        for e in mentee_list
        if e.category == Category.PUPIL and rng.random() < 0.05
    }
    rules = Rules(
        forms=frozenset(
            {
                MentorshipForm.PUPIL_PUPIL,
                MentorshipForm.TEACHER_TEACHER,
                MentorshipForm.STUDENT_PUPIL,
                MentorshipForm.EMPLOYER_PUPIL,
            }
        )
    )
    return Cohort(mentor_list, mentee_list, active, rules, Weights())


def greedy(cohort: Cohort) -> tuple[int, int]:
    """Baseline: mentees in id order, each takes the best feasible mentor with a place left (ties: lower id).

    Returns (pairs, total score in hundredths)."""
    ev: Evaluation = evaluate(cohort.mentors, cohort.mentees, cohort.rules, cohort.weights, cohort.active)
    free = np.array([r.free for r in ev.mentors], dtype=np.int64)
    keyed = np.where(ev.feasible, ev.hundredths.astype(np.int64), -1)
    pairs = total = 0
    for row in range(len(ev.mentees)):
        options = np.where(free > 0, keyed[row], -1)
        col = int(np.argmax(options))  # first maximum: the lowest mentor id among equals
        if options[col] < 0:
            continue
        free[col] -= 1
        pairs += 1
        total += int(options[col])
    return pairs, total


def timed(function: Callable[[], T], repeat: int) -> tuple[T, float, list[float]]:
    seconds: list[float] = []
    result: Any = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return result, statistics.median(seconds), seconds


def peak_memory(function: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run(mentees: int = 2000, mentors: int = 500, seed: int = 1, repeat: int = 3) -> dict[str, Any]:
    started = time.perf_counter()
    cohort = build_cohort(mentees, mentors, seed)
    build_seconds = time.perf_counter() - started
    slots = sum(r.free for r in cohort.mentors)

    def do_assign():  # type: ignore[no-untyped-def]
        return assign(cohort.mentors, cohort.mentees, cohort.rules, cohort.weights, cohort.active)

    assignment, assign_s, assign_runs = timed(do_assign, repeat)
    _, evaluate_s, _ = timed(
        lambda: evaluate(cohort.mentors, cohort.mentees, cohort.rules, cohort.weights, cohort.active), repeat
    )
    (greedy_pairs, greedy_total), greedy_s, greedy_runs = timed(lambda: greedy(cohort), repeat)
    one = cohort.mentees[0]
    _, rank_s, _ = timed(
        lambda: rank_mentors(
            one, cohort.mentors, cohort.rules, cohort.weights, cohort.active.get(one.person_id, ()), limit=5
        ),
        max(repeat, 5),
    )
    assign_peak = peak_memory(do_assign)
    greedy_peak = peak_memory(lambda: greedy(cohort))

    optimal_total = round(assignment.total * 100)
    reasons: dict[str, int] = {}
    for left in assignment.unmatched:
        code = left.reasons[0].code if left.reasons else "?"
        reasons[str(code)] = reasons.get(str(code), 0) + 1
    return {
        "name": "matching",
        "description": "assign(): optimal whole-cohort matching vs greedy baseline, same synthetic cohort",
        "environment": {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "numpy": version("numpy"),
            "scipy": version("scipy"),
        },
        "cohort": {
            "mentees": mentees,
            "mentors": mentors,
            "free_slots": slots,
            "seed": seed,
            "build_seconds": round(build_seconds, 2),
        },
        "assign": {
            "seconds_median": round(assign_s, 4),
            "seconds_runs": [round(s, 4) for s in assign_runs],
            "evaluate_seconds": round(evaluate_s, 4),
            "peak_memory_mb": round(assign_peak / 2**20, 1),
            "pairs": len(assignment.pairs),
            "groups": len(assignment.groups),
            "unmatched": len(assignment.unmatched),
            "unmatched_by_first_reason": dict(sorted(reasons.items())),
            "total_score": optimal_total / 100,
            "mean_pair_score": round(optimal_total / 100 / max(len(assignment.pairs), 1), 2),
        },
        "greedy": {
            "seconds_median": round(greedy_s, 4),
            "seconds_runs": [round(s, 4) for s in greedy_runs],
            "peak_memory_mb": round(greedy_peak / 2**20, 1),
            "pairs": greedy_pairs,
            "total_score": greedy_total / 100,
            "mean_pair_score": round(greedy_total / 100 / max(greedy_pairs, 1), 2),
        },
        "rank_mentors_ms": round(rank_s * 1000, 2),
        "ratios": {
            "time_x_greedy": round(assign_s / greedy_s, 2) if greedy_s else None,
            "total_x_greedy": round(optimal_total / greedy_total, 4) if greedy_total else None,
            "pairs_x_greedy": round(len(assignment.pairs) / greedy_pairs, 4) if greedy_pairs else None,
            "memory_x_greedy": round(assign_peak / greedy_peak, 2) if greedy_peak else None,
        },
    }


def report(result: dict[str, Any]) -> str:
    c, a, g, r = result["cohort"], result["assign"], result["greedy"], result["ratios"]
    env = result["environment"]
    return "\n".join(
        [
            (
                f"Python {env['python']}, {env['cpu_count']} CPUs, {env['platform']}; "
                f"numpy {env['numpy']}, scipy {env['scipy']}"
            ),
            f"cohort: {c['mentees']} mentees, {c['mentors']} mentors, {c['free_slots']} free places (seed {c['seed']})",
            "",
            "| method | time s (median) | peak MB | pairs | total score | mean score |",
            "|---|---:|---:|---:|---:|---:|",
            (
                f"| assign (optimal) | {a['seconds_median']:.3f} | {a['peak_memory_mb']:.1f} | {a['pairs']} | "
                f"{a['total_score']:,.2f} | {a['mean_pair_score']:.2f} |"
            ),
            (
                f"| greedy baseline | {g['seconds_median']:.3f} | {g['peak_memory_mb']:.1f} | {g['pairs']} | "
                f"{g['total_score']:,.2f} | {g['mean_pair_score']:.2f} |"
            ),
            "",
            (
                f"× greedy: time {r['time_x_greedy']}, memory {r['memory_x_greedy']}, "
                f"total score {r['total_x_greedy']}, pairs {r['pairs_x_greedy']}"
            ),
            (
                f"evaluate (feasibility + scores) {a['evaluate_seconds']:.3f} s; rank_mentors for one mentee "
                f"{result['rank_mentors_ms']:.1f} ms; {a['groups']} group suggestions; unmatched {a['unmatched']} "
                f"{a['unmatched_by_first_reason']}"
            ),
        ]
    )


def save(name: str, result: dict) -> Path:
    """bench/results/<name>.json, overwritten by the next run of that bench."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench matching", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentees", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per method; the median is reported (3)")
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/matching.json")
    args = parser.parse_args(list(argv))
    for option in ("mentees", "mentors", "repeat"):
        if getattr(args, option) < 1:
            parser.error(f"--{option} must be at least 1")
    result = run(args.mentees, args.mentors, args.seed, args.repeat)
    print(report(result))
    if not args.no_save:
        print(f"\nJSON written to {save('matching', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
