"""Matching rules over hand-made cohorts with known answers: forms, hard rules, scores and reasons, the optimal
whole-cohort assignment (against greedy), capacities and groups, alternatives, unmatched mentees, determinism."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from mentorship import matching
from mentorship.entities import Organisation
from mentorship.matching import (
    Candidate,
    Group,
    Reason,
    Rules,
    Violation,
    Weights,
    assign,
    check,
    evaluate,
    pair_form,
    rank_mentors,
    score,
)
from mentorship.roles import Category, MentorshipForm, OrgKind, Role

ALL_FORMS = Rules(forms=frozenset(MentorshipForm))
ONLY_REQUESTS = Weights(requests=1, subjects=0, availability=0, format=0, interests=0)
PP, TT, SP, EP, ES, SS = (
    MentorshipForm.PUPIL_PUPIL,
    MentorshipForm.TEACHER_TEACHER,
    MentorshipForm.STUDENT_PUPIL,
    MentorshipForm.EMPLOYER_PUPIL,
    MentorshipForm.EMPLOYER_STUDENT,
    MentorshipForm.STUDENT_STUDENT,
)


def mentor(person_id: int, **fields) -> Candidate:
    values = {
        "role": Role.MENTOR,
        "organisation_id": 1,
        "category": Category.PUPIL,
        "age": 17,
        "competences": {"studies", "olympiad"},
        "formats": {"offline"},
        "availability": {"mon", "afternoon"},
        "capacity": 1,
    }
    values.update(fields)
    return Candidate(person_id, **values)


def mentee(person_id: int, **fields) -> Candidate:
    values = {
        "role": Role.MENTEE,
        "organisation_id": 1,
        "category": Category.PUPIL,
        "age": 12,
        "requests": {"studies"},
        "formats": {"offline"},
        "availability": {"mon", "afternoon"},
    }
    values.update(fields)
    return Candidate(person_id, **values)


def pairs_of(result: matching.Assignment) -> set[tuple[int, int]]:
    return {(p.mentor_id, p.mentee_id) for p in result.pairs}


def greedy(mentors, mentees, rules, weights) -> tuple[set[tuple[int, int]], float]:
    """What the curator would get by letting each mentee in turn take their best mentor with a place left."""
    free = {r.person_id: r.free for r in mentors}
    chosen, total = set(), 0.0
    for e in sorted(mentees, key=lambda c: c.person_id):
        options = [
            (score(r, e, weights).value, -r.person_id, r)
            for r in mentors
            if free[r.person_id] > 0 and not check(r, e, rules)
        ]
        if options:
            value, _, best = max(options)
            free[best.person_id] -= 1
            chosen.add((best.person_id, e.person_id))
            total += value
    return chosen, total


# --- forms ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mentor_category", "mentee_category", "form"),
    [
        (Category.PUPIL, Category.PUPIL, PP),
        (Category.TEACHER, Category.TEACHER, TT),
        (Category.TEACHER, Category.YOUNG_SPECIALIST, TT),
        (Category.YOUNG_SPECIALIST, Category.TEACHER, TT),
        (Category.STUDENT, Category.PUPIL, SP),
        (Category.STUDENT, Category.STUDENT, SS),
        (Category.EMPLOYER, Category.PUPIL, EP),
        (Category.EMPLOYER, Category.STUDENT, ES),
        (Category.GRADUATE, Category.PUPIL, EP),  # a graduate who still studies registers as a student
        (Category.PARENT, Category.STUDENT, ES),
        (Category.TEACHER, Category.PUPIL, None),  # "учитель – ученик" is not one of the six forms
        (Category.PUPIL, Category.TEACHER, None),
        (Category.PUPIL, Category.STUDENT, None),
        (Category.EMPLOYER, Category.TEACHER, None),
    ],
)
def test_pair_form_from_categories(mentor_category, mentee_category, form):
    assert pair_form(mentor(1, category=mentor_category), mentee(2, category=mentee_category)) == form


# --- hard rules ---------------------------------------------------------------------------------------------------

# Each case: (what to change in a pair that is allowed, the rules, active forms of the mentee, the violation).
HARD_RULES = {
    "form disabled": ({}, {}, Rules(forms=frozenset({TT})), (), Violation("form_disabled", {"form": "pp"})),
    "no form fits the categories": (
        {"category": Category.TEACHER, "age": 40},
        {},
        ALL_FORMS,
        (),
        Violation("no_form", {"mentor_category": "teacher", "mentee_category": "pupil"}),
    ),
    "mentor invited for another form": (
        {"form": SP},
        {},
        ALL_FORMS,
        (),
        Violation("invitation_form", {"side": "mentor", "invited": "sp", "form": "pp"}),
    ),
    "mentee invited for another form": (
        {},
        {"form": EP},
        ALL_FORMS,
        (),
        Violation("invitation_form", {"side": "mentee", "invited": "ep", "form": "pp"}),
    ),
    "pupil mentor too young": (
        {"age": 14},
        {"age": 11},
        ALL_FORMS,
        (),
        Violation("mentor_age", {"age": 14, "low": 15, "high": 19}),
    ),
    "pupil mentor too old": (
        {"age": 20},
        {},
        ALL_FORMS,
        (),
        Violation("mentor_age", {"age": 20, "low": 15, "high": 19}),
    ),
    "pupil mentor not older": (
        {"age": 15},
        {"age": 15},
        ALL_FORMS,
        (),
        Violation("age_gap", {"mentor_age": 15, "mentee_age": 15, "min_gap": 1}),
    ),
    "pupil mentor's age unknown": ({"age": None}, {}, ALL_FORMS, (), Violation("age_unknown", {"side": "mentor"})),
    "mentee's age unknown to a pupil mentor": (
        {},
        {"age": None},
        ALL_FORMS,
        (),
        Violation("age_unknown", {"side": "mentee"}),
    ),
    "mentor has no place left": (
        {"capacity": 2, "load": 2},
        {},
        ALL_FORMS,
        (),
        Violation("no_capacity", {"capacity": 2, "load": 2}),
    ),
    "mentor of another organisation": (
        {"organisation_id": 7},
        {},
        ALL_FORMS,
        (),
        Violation("other_organisation", {"mentor_organisation": 7, "mentee_organisation": 1}),
    ),
    "shared pool not allowed here": (
        {"organisation_id": 7, "shared_pool": True},
        {},
        replace(ALL_FORMS, allow_shared_pool=False),
        (),
        Violation("other_organisation", {"mentor_organisation": 7, "mentee_organisation": 1}),
    ),
    "mentee already paired in that form": ({}, {}, ALL_FORMS, (PP,), Violation("already_paired", {"form": "pp"})),
    "same person": ({}, {"person_id": 1}, ALL_FORMS, (), Violation("same_person", {})),
    "a mentee offered as a mentor": (
        {"role": Role.MENTEE},
        {},
        ALL_FORMS,
        (),
        Violation("wrong_role", {"side": "mentor", "role": "mentee"}),
    ),
}


def test_the_base_pair_is_allowed():
    assert check(mentor(1), mentee(2), ALL_FORMS) == []
    assert pairs_of(assign([mentor(1)], [mentee(2)], ALL_FORMS)) == {(1, 2)}


@pytest.mark.parametrize("case", HARD_RULES.values(), ids=HARD_RULES.keys())
def test_each_hard_rule_excludes_the_pair_and_names_itself(case):
    mentor_change, mentee_change, rules, active, violation = case
    person_id = mentee_change.pop("person_id", 2)
    r, e = mentor(1, **mentor_change), mentee(person_id, **mentee_change)

    assert check(r, e, rules, active) == [violation]

    result = assign([r], [e], rules, active_forms_by_mentee={e.person_id: active})
    assert result.pairs == ()
    (left,) = result.unmatched
    assert left.mentee_id == e.person_id
    assert left.reasons == (Violation(violation.code, {"mentors": 1}),)
    assert rank_mentors(e, [r], rules, active_forms=active) == ()


def test_boundaries_that_are_allowed():
    assert check(mentor(1, age=15), mentee(2, age=14), ALL_FORMS) == []  # 15 is in the band, one year older
    assert check(mentor(1, age=19), mentee(2, age=17), ALL_FORMS) == []
    assert check(mentor(1, organisation_id=7, shared_pool=True), mentee(2), ALL_FORMS) == []
    assert check(mentor(1, capacity=3, load=2), mentee(2), ALL_FORMS) == []
    assert check(mentor(1, form=PP), mentee(2, form=PP), ALL_FORMS) == []
    assert check(mentor(1), mentee(2), ALL_FORMS, active_forms_of_mentee=(TT,)) == []  # another form is fine
    # the age rules are for pupil mentors: a student mentor's age is not checked against the pupil's
    assert check(mentor(1, category=Category.STUDENT, age=None), mentee(2), ALL_FORMS) == []


def test_several_violations_are_all_reported_in_a_stable_order():
    codes = [
        v.code
        for v in check(
            mentor(1, age=14, capacity=1, load=1, organisation_id=3), mentee(2, age=14), Rules(forms=frozenset({TT}))
        )
    ]
    assert codes == ["form_disabled", "mentor_age", "age_gap", "no_capacity", "other_organisation"]


def test_unmatched_mentee_names_what_excluded_the_mentors():
    mentors = [mentor(1, category=Category.PUPIL), mentor(2, category=Category.EMPLOYER, age=40), mentor(3, load=1)]
    result = assign(mentors, [mentee(10, category=Category.TEACHER, age=30)], ALL_FORMS)
    (left,) = result.unmatched
    # most mentors first: no form fits a teacher mentee with a pupil or an employer; the full mentor counts too
    assert left.reasons[0] == Violation("no_form", {"mentors": 3})
    assert Violation("no_capacity", {"mentors": 1}) in left.reasons

    nobody = assign([], [mentee(10)], ALL_FORMS)
    assert nobody.unmatched == (matching.Unmatched(10, (Violation("no_mentors", {}),)),)


# --- score and reasons --------------------------------------------------------------------------------------------


def test_score_gives_the_shared_items_as_reasons():
    r = mentor(
        1,
        competences={"studies", "olympiad", "career"},
        subjects={"math", "physics", "history"},
        interests={"it", "music"},
        formats={"mixed"},
        availability={"mon", "wed", "evening"},
    )
    e = mentee(
        2,
        requests={"career", "olympiad", "sport"},
        subjects={"math", "physics"},
        interests={"it", "art"},
        formats={"offline"},
        availability={"wed", "fri", "evening"},
    )
    scored = score(r, e)
    assert scored.reasons == (
        Reason("shared_requests", {"items": ["olympiad", "career"]}),  # in the questionnaire's order
        Reason("shared_subjects", {"items": ["math", "physics"]}),
        Reason("shared_interests", {"items": ["it"]}),
        Reason("same_format", {"format": "offline"}),  # "mixed" meets the mentee's way
        Reason("common_slots", {"slots": ["wed", "evening"]}),
    )
    assert scored.concerns == (Reason("uncovered_requests", {"items": ["sport"]}),)
    # requests 2/3·10, subjects 1·4, availability 2/3·3, format 1·2, interests 1/2·1, over 20
    assert scored.value == pytest.approx(100 * (20 / 3 + 4 + 2 + 2 + 0.5) / 20, abs=0.005)
    assert scored.value == 75.83


def test_a_broad_mentor_is_not_punished_for_offering_more():
    e = mentee(2, requests={"studies", "exams"})
    exact = mentor(1, competences={"studies", "exams"})
    broad = mentor(3, competences={"studies", "exams", "olympiad", "career", "project", "tech"})
    assert score(broad, e).value == score(exact, e).value == 100.0


def test_items_the_mentee_skipped_do_not_count_and_other_is_no_evidence():
    e = mentee(2, requests={"studies", "other"}, subjects=set(), interests=set())
    r = mentor(1, competences={"studies"}, subjects={"math"}, interests={"it"})
    assert score(r, e).value == 100.0
    only_other = score(mentor(1, competences={"other"}), mentee(2, requests={"other"}))
    assert all(reason.code != "shared_requests" for reason in only_other.reasons)


def test_formats_meet_when_they_intersect_or_one_side_says_mixed():
    def fmt(mentor_formats, mentee_formats):
        return score(mentor(1, formats=mentor_formats), mentee(2, formats=mentee_formats))

    assert Reason("same_format", {"format": "online"}) in fmt({"online"}, {"mixed"}).reasons
    assert Reason("same_format", {"format": "mixed"}) in fmt({"mixed"}, {"mixed"}).reasons
    clash = fmt({"online"}, {"offline"})
    assert not any(reason.code == "same_format" for reason in clash.reasons)
    assert Reason("format_mismatch", {"mentor": ["online"], "mentee": ["offline"]}) in clash.concerns
    assert clash.value < fmt({"offline"}, {"offline"}).value
    apart = score(mentor(1, availability={"sat"}), mentee(2, availability={"mon"}))
    assert Reason("no_common_slots", {}) in apart.concerns


def test_vectorised_scores_and_rules_agree_with_score_and_check():
    rng = random.Random(5)
    tags = ["studies", "exams", "olympiad", "career", "project", "other"]
    slots = ["mon", "tue", "wed", "morning", "evening"]

    def some(pool):
        return set(rng.sample(pool, rng.randint(0, 3)))

    def person(pid, role):
        return Candidate(
            pid,
            role,
            rng.choice([1, 1, 2]),
            rng.choice(list(Category)),
            age=rng.choice([None, 11, 14, 15, 16, 19, 20, 30]),
            form=rng.choice([None, None, PP, SP, TT]),
            requests=some(tags),
            competences=some(tags),
            subjects=some(["math", "physics", "other"]),
            interests=some(["it", "art", "sport", "music"]),
            formats=some(["offline", "online", "mixed"]),
            availability=some(slots),
            capacity=rng.randint(1, 3),
            load=rng.randint(0, 2),
            shared_pool=rng.random() < 0.3,
        )

    mentors = [person(i, Role.MENTOR if i % 9 else Role.MENTEE) for i in range(1, 41)]
    mentees = [person(i, Role.MENTEE) for i in range(30, 90)]  # 30..40 are mentors too: same_person
    active = {e.person_id: {rng.choice([PP, SP, TT])} for e in mentees if rng.random() < 0.3}
    rules = Rules(forms=frozenset({PP, SP, TT, EP}), allow_shared_pool=True)
    weights = Weights(requests=7, subjects=3, availability=2.5, format=1.5, interests=0.5)
    ev = evaluate(mentors, mentees, rules, weights, active)
    feasible_pairs = 0
    for i, e in enumerate(ev.mentees):
        codes: dict[str, int] = {}
        for j, r in enumerate(ev.mentors):
            violations = check(r, e, rules, active.get(e.person_id, ()))
            for code in {v.code for v in violations}:
                codes[code] = codes.get(code, 0) + 1
            assert ev.feasible[i, j] == (not violations), (r, e, violations)
            assert ev.hundredths[i, j] == round(score(r, e, weights).value * 100)
            form = pair_form(r, e)
            assert (matching.FORM_ORDER[ev.forms[i, j]] if ev.forms[i, j] >= 0 else None) == form
            feasible_pairs += not violations
        assert dict(ev.excluded_by(i)) == codes
    assert feasible_pairs > 50  # the cohort exercises the feasible path too


# --- whole-cohort assignment --------------------------------------------------------------------------------------


def optimum_cohort():
    a = mentor(1, competences={"studies", "olympiad", "career", "exams", "project", "sport", "creativity", "tech"})
    b = mentor(2, competences={"studies", "olympiad", "career", "exams"})
    x = mentee(10, requests={"studies", "olympiad", "career", "exams", "project"})  # A 100, B 80
    y = mentee(11, requests={"studies", "sport", "creativity", "tech", "communication"})  # A 80, B 20
    return [a, b], [x, y]


def test_optimal_assignment_beats_greedy():
    mentors, mentees = optimum_cohort()
    greedy_pairs, greedy_total = greedy(mentors, mentees, ALL_FORMS, ONLY_REQUESTS)
    assert greedy_pairs == {(1, 10), (2, 11)} and greedy_total == 120.0  # X grabs A, Y is left with B

    result = assign(mentors, mentees, ALL_FORMS, ONLY_REQUESTS)
    assert pairs_of(result) == {(2, 10), (1, 11)}
    assert result.total == 160.0
    assert [p.value for p in result.pairs] == [80.0, 80.0]
    assert all(p.form == PP for p in result.pairs)


def best_by_exhaustion(mentors, mentees, rules, weights) -> tuple[int, float]:
    """(pairs, total) of the best assignment, by trying every one: coverage first, then the total score."""
    options = [[None] + [r for r in mentors if not check(r, e, rules)] for e in mentees]
    best = (0, 0.0)

    def walk(i, free, pairs, total):
        nonlocal best
        if i == len(mentees):
            best = max(best, (pairs, round(total, 2)))
            return
        for r in options[i]:
            if r is None:
                walk(i + 1, free, pairs, total)
            elif free[r.person_id] > 0:
                free[r.person_id] -= 1
                walk(i + 1, free, pairs + 1, total + score(r, mentees[i], weights).value)
                free[r.person_id] += 1

    walk(0, {r.person_id: r.free for r in mentors}, 0, 0.0)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_assignment_is_optimal_on_small_random_cohorts(seed):
    rng = random.Random(seed)
    tags = ["studies", "exams", "olympiad", "career", "project", "tech"]
    mentors = [
        mentor(
            i,
            age=rng.choice([14, 16, 17, 18]),
            competences=set(rng.sample(tags, rng.randint(1, 4))),
            availability=set(rng.sample(["mon", "tue", "wed", "afternoon", "evening"], 2)),
            capacity=rng.randint(1, 2),
            load=rng.randint(0, 1),
        )
        for i in range(1, rng.randint(2, 4) + 1)
    ]
    mentees = [
        mentee(
            i,
            age=rng.choice([11, 13, 15, 16]),
            requests=set(rng.sample(tags, rng.randint(1, 3))),
            formats={rng.choice(["offline", "online", "mixed"])},
        )
        for i in range(10, 10 + rng.randint(2, 6))
    ]
    result = assign(mentors, mentees, ALL_FORMS)
    assert (len(result.pairs), result.total) == best_by_exhaustion(mentors, mentees, ALL_FORMS, Weights())
    for r in mentors:
        assert sum(p.mentor_id == r.person_id for p in result.pairs) <= r.free
    for p in result.pairs:
        assert (
            check(
                next(r for r in mentors if r.person_id == p.mentor_id),
                next(e for e in mentees if e.person_id == p.mentee_id),
                ALL_FORMS,
            )
            == []
        )


def test_capacity_is_respected_and_a_shared_mentor_becomes_a_group():
    r = mentor(1, capacity=3, load=1)  # two places left
    mentees = [mentee(10), mentee(11, requests={"olympiad"}), mentee(12, requests={"career"})]
    result = assign([r], mentees, ALL_FORMS)
    assert pairs_of(result) == {(1, 10), (1, 11)}  # the two it covers; 12 asks for what it does not offer
    assert all(p.slots_left == 0 for p in result.pairs)
    assert result.groups == (Group(1, PP, (10, 11)),)
    (left,) = result.unmatched
    assert left.reasons == (Violation("mentors_taken", {"mentors": 1}),)
    assert [a.mentor_id for a in result.alternatives[12]] == [1]  # still listed, with no place left
    assert result.alternatives[12][0].slots_left == 0


def test_groups_are_per_form():
    employer = mentor(1, category=Category.EMPLOYER, age=40, capacity=2)
    result = assign([employer], [mentee(10), mentee(11, category=Category.STUDENT, age=19)], ALL_FORMS)
    assert {(p.mentee_id, p.form) for p in result.pairs} == {(10, EP), (11, ES)}
    assert result.groups == ()


def test_alternatives_exclude_the_assigned_mentor_and_are_ranked():
    e = mentee(10, requests={"studies", "olympiad", "career"})
    mentors = [
        mentor(1, competences={"studies"}),
        mentor(2, competences={"studies", "olympiad", "career"}),
        mentor(3, competences={"studies", "olympiad"}),
        mentor(4, competences={"studies"}),  # ties with 1: the lower id first
        mentor(5, competences={"studies", "olympiad", "career"}, category=Category.TEACHER, age=40),  # no form
    ]
    result = assign(mentors, [e], ALL_FORMS)
    assert result.pair_of(10).mentor_id == 2
    assert [a.mentor_id for a in result.alternatives[10]] == [3, 1, 4]
    assert [a.mentor_id for a in assign(mentors, [e], ALL_FORMS, alternatives=1).alternatives[10]] == [3]
    assert all(a.mentee_id == 10 and a.slots_left == 1 for a in result.alternatives[10])
    assert [s.mentor_id for s in rank_mentors(e, mentors, ALL_FORMS)] == [2, 3, 1, 4]


def test_weights_change_the_outcome():
    e = mentee(10, requests={"studies"}, formats={"offline"}, availability={"mon", "evening"})
    knows_the_subject = mentor(1, competences={"studies"}, formats={"online"}, availability={"sat", "morning"})
    easy_to_meet = mentor(2, competences={"career"}, formats={"offline"}, availability={"mon", "evening"})
    assert assign([knows_the_subject, easy_to_meet], [e], ALL_FORMS).pair_of(10).mentor_id == 1
    logistics_first = Weights(requests=1, subjects=1, availability=10, format=10, interests=1)
    assert assign([knows_the_subject, easy_to_meet], [e], ALL_FORMS, logistics_first).pair_of(10).mentor_id == 2


def test_coverage_comes_first_unless_switched_off():
    student = mentor(1, category=Category.STUDENT, age=20, competences={"studies", "olympiad"})
    pupil = mentor(2, competences={"studies"})
    a = mentee(10, requests={"studies", "olympiad"})  # student 100, pupil 50
    b = mentee(11, requests={"career", "olympiad", "project", "exams"}, form=SP)  # only the student (sp): 25
    both = assign([student, pupil], [a, b], ALL_FORMS, ONLY_REQUESTS)
    assert pairs_of(both) == {(2, 10), (1, 11)} and both.total == 75.0  # both get a mentor
    best_total = assign([student, pupil], [a, b], ALL_FORMS, ONLY_REQUESTS, cover_first=False)
    assert pairs_of(best_total) == {(1, 10)} and best_total.total == 100.0
    assert [u.mentee_id for u in best_total.unmatched] == [11]


def test_a_feasible_pair_with_nothing_in_common_is_still_made():
    result = assign([mentor(1, competences={"sport"})], [mentee(10, requests={"studies"})], ALL_FORMS)
    assert pairs_of(result) == {(1, 10)} and result.total == pytest.approx(
        score(mentor(1, competences={"sport"}), mentee(10, requests={"studies"})).value
    )


def test_active_pairs_block_only_their_form():
    student = mentor(1, category=Category.STUDENT, age=20)
    pupil = mentor(2)
    result = assign([student, pupil], [mentee(10)], ALL_FORMS, active_forms_by_mentee={10: {PP}})
    assert pairs_of(result) == {(1, 10)} and result.pairs[0].form == SP


def test_same_input_gives_the_same_output_in_any_order():
    rng = random.Random(11)
    mentors = [
        mentor(
            i,
            competences=set(rng.sample(["studies", "exams", "olympiad", "career", "project"], 2)),
            capacity=rng.randint(1, 3),
            availability={rng.choice(["mon", "tue"]), "afternoon"},
        )
        for i in range(1, 9)
    ]
    mentees = [
        mentee(i, requests=set(rng.sample(["studies", "exams", "olympiad", "career"], 2))) for i in range(20, 45)
    ]
    first = assign(mentors, mentees, ALL_FORMS)
    again = assign(mentors, mentees, ALL_FORMS)
    shuffled_mentors, shuffled_mentees = mentors[:], mentees[:]
    rng.shuffle(shuffled_mentors)
    rng.shuffle(shuffled_mentees)
    shuffled = assign(shuffled_mentors, shuffled_mentees, ALL_FORMS)
    assert first == again == shuffled
    assert len(first.pairs) == sum(r.capacity for r in mentors) and first.groups


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        assign([mentor(1), mentor(1)], [mentee(2)], ALL_FORMS)
    with pytest.raises(ValueError):
        mentor(1, capacity=0)
    with pytest.raises(ValueError):
        Weights(requests=-1)
    assert assign([mentor(1)], [], ALL_FORMS).pairs == ()


def test_rules_come_from_the_organisation():
    org = Organisation(1, "Лицей №22", OrgKind.SCHOOL, "Пижанский", "Europe/Kirov", (PP, TT))
    rules = Rules.for_organisation(org, allow_shared_pool=False)
    assert rules.forms == {PP, TT} and not rules.allow_shared_pool


def test_excluded_pairs_are_neither_suggested_nor_alternatives():
    """A pair the curator rejected or ended is left out: the mentee gets the next best mentor."""
    rules = Rules(forms=frozenset({PP}))
    best, second = mentor(10, competences={"studies"}), mentor(11, competences={"sport"})
    result = matching.assign([best, second], [mentee(1)], rules)
    assert pairs_of(result) == {(10, 1)}
    result = matching.assign([best, second], [mentee(1)], rules, excluded={1: {10, 999}})
    assert pairs_of(result) == {(11, 1)}
    assert all(a.mentor_id != 10 for a in result.alternatives[1])
