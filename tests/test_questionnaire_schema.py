"""Questionnaire files and rules, without Telegram or a database: every malformed file is refused with its line and
reason; visibility, order, answers and changes follow the rules; the shipped files are valid and can be matched."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from bot.check import check_questionnaires
from mentorship import questionnaire as rules
from mentorship.questionnaire import (
    Candidate,
    CatalogError,
    InvalidAnswer,
    Kind,
    QuestionnaireError,
    Tag,
    apply_answer,
    check_catalog,
    choose,
    form_for,
    is_complete,
    next_question,
    normalise_answer,
    parse,
    position,
    previous_question,
    visible_answers,
    visible_questions,
)
from mentorship.roles import MentorshipForm, Role
from mentorship.services.questionnaires import SHIPPED_DIR
from tests.world import translator_for

TODAY = date(2026, 9, 1)

# Line numbers matter: the tests below name the line each mistake is on.
VALID = """\
key: test-mentee
version: 1
role: mentee
forms: [pp, sp]
title: {ru: Анкета, en: Questionnaire}
questions:
  - id: requests
    kind: multi
    tag: requests
    max: 2
    text: {ru: "С чем помочь?", en: "What with?"}
    options:
      - {id: studies, text: {ru: Учёба, en: Studies}}
      - {id: project, text: {ru: Проект, en: Project}}
      - {id: olympiad, text: {ru: Олимпиады, en: Olympiads}}
  - id: topic
    kind: text
    required: false
    max: 100
    show_if: {question: requests, in: [project]}
    text: {ru: Тема, en: Topic}
  - id: had_mentor
    kind: yesno
    required: false
    text: {ru: "Был наставник?", en: "Had a mentor?"}
  - id: mentor_name
    kind: text
    show_if: {question: had_mentor, equals: true}
    text: {ru: Кто, en: Who}
  - id: started
    kind: date
    past_only: true
    text: {ru: Дата, en: Date}
  - id: years
    kind: number
    min: 0
    max: 50
    text: {ru: Лет, en: Years}
  - id: mood
    kind: scale
    text: {ru: Настроение, en: Mood}
  - id: format
    kind: single
    tag: format
    text: {ru: Формат, en: Format}
    options:
      - {id: offline, text: {ru: Вживую, en: In person}}
      - {id: online, text: {ru: Онлайн, en: Online}}
"""


def refusal(text: str | bytes) -> QuestionnaireError:
    with pytest.raises(QuestionnaireError) as caught:
        parse(text)
    return caught.value


def edit(old: str, new: str, source: str = VALID) -> str:
    assert old in source, old
    return source.replace(old, new, 1)


@pytest.fixture(scope="module")
def q() -> rules.Questionnaire:
    return parse(VALID)


# --- refusals: every one names its line ----------------------------------------------------------------------------

MALFORMED = [
    # (what is wrong, the file, expected key, expected line)
    ("unknown kind", edit("    kind: scale", "    kind: slider"), "qv-unknown-kind", 40),
    ("duplicate question id", edit("  - id: mood", "  - id: topic"), "qv-duplicate-question", 39),
    ("duplicate option id", edit("{id: olympiad,", "{id: studies,"), "qv-duplicate-option", 15),
    ("condition on a missing question", edit("{question: had_mentor,", "{question: mentor,"), "qv-condition-unknown-question", 28),
    ("condition on a later question", edit("{question: requests, in: [project]}", "{question: years, in: [project]}"), "qv-condition-later-question", 20),
    ("condition on itself", edit("{question: had_mentor,", "{question: mentor_name,"), "qv-condition-self", 28),
    ("condition option that does not exist", edit("in: [project]", "in: [projects]"), "qv-condition-unknown-option", 20),
    ("equals on a choice question", edit("{question: requests, in: [project]}", "{question: requests, equals: true}"), "qv-condition-needs-yesno", 20),
    ("in on a yes/no question", edit("{question: had_mentor, equals: true}", "{question: had_mentor, in: [yes]}"), "qv-condition-needs-choice", 28),
    ("condition with both in and equals", edit("in: [project]}", "in: [project], equals: true}"), "qv-bad-condition", 20),
    ("missing English text", edit("text: {ru: Тема, en: Topic}", "text: {ru: Тема}"), "qv-missing-translation", 21),
    ("missing Russian text", edit("text: {ru: Кто, en: Who}", "text: {en: Who}"), "qv-missing-translation", 29),
    ("empty Russian text", edit("text: {ru: Кто, en: Who}", 'text: {ru: "  ", en: Who}'), "qv-missing-translation", 29),
    ("a third language", edit("text: {ru: Кто, en: Who}", "text: {ru: Кто, en: Who, de: Wer}"), "qv-unknown-locale", 29),
    ("text as a plain string", edit("text: {ru: Кто, en: Who}", "text: Кто"), "qv-bad-text", 29),
    ("option id too long for callback data", edit("{id: olympiad,", "{id: olympiad_preparation_x,"), "qv-option-id-too-long", 15),
    ("option id in Cyrillic", edit("{id: olympiad,", "{id: олимпиада,"), "qv-bad-option-id", 15),
    ("question id with capitals", edit("  - id: mood", "  - id: Mood"), "qv-bad-question-id", 39),
    ("question id too long", edit("  - id: mood", "  - id: mood_of_the_pupil_today"), "qv-bad-question-id", 39),
    ("multi min above max", edit("    max: 2\n", "    min: 2\n    max: 1\n"), "qv-min-above-max", 10),
    ("number min above max", edit("    min: 0\n    max: 50", "    min: 10\n    max: 5"), "qv-min-above-max", 36),
    ("multi max above the option count", edit("    max: 2\n", "    max: 4\n"), "qv-bad-number", 10),
    ("text longer than the hard cap", edit("    max: 100", "    max: 5000"), "qv-text-limit-cap", 19),
    ("min on a text question", edit("    max: 100", "    min: 3"), "qv-limit-not-allowed", 19),
    ("max on a scale", edit("    kind: scale\n", "    kind: scale\n    max: 5\n"), "qv-limit-not-allowed", 41),
    ("options on a text question", edit("    kind: text\n    show_if: {question: had_mentor", "    kind: text\n    options: []\n    show_if: {question: had_mentor"), "qv-options-not-allowed", 28),
    ("a choice with one option", edit("      - {id: online, text: {ru: Онлайн, en: Online}}\n", ""), "qv-options-needed", 46),
    ("a typo in a field name", edit("    required: false\n    max: 100", "    requird: false\n    max: 100"), "qv-unknown-field", 18),
    ("a field twice", edit("    kind: scale\n", "    kind: scale\n    kind: number\n"), "qv-duplicate-field", 41),
    ("required: yes", edit("    required: false\n    max: 100", "    required: yes\n    max: 100"), "qv-bad-boolean", 18),
    ("past_only on a number", edit("    min: 0\n", "    past_only: true\n    min: 0\n"), "qv-past-only-not-date", 36),
    ("unknown tag", edit("    tag: format", "    tag: formats"), "qv-unknown-tag", 44),
    ("a request outside the shared vocabulary", edit("{id: olympiad,", "{id: cooking,"), "qv-tag-vocabulary", 12),
    ("capacity in a mentee questionnaire", edit("  - id: years\n    kind: number\n", "  - id: years\n    kind: number\n    tag: capacity\n"), "qv-tag-role", 36),
    ("capacity on a text question", edit("role: mentee", "role: mentor", edit("    tag: requests", "    tag: competences", edit("  - id: mood\n    kind: scale\n", "  - id: mood\n    kind: scale\n    tag: capacity\n"))), "qv-tag-kind", 41),
    ("a mentee questionnaire that asks no requests", edit("    tag: requests\n", ""), "qv-missing-tag", 6),
    ("unknown form", edit("forms: [pp, sp]", "forms: [pp, xx]"), "qv-unknown-form", 4),
    ("a form twice", edit("forms: [pp, sp]", "forms: [pp, pp]"), "qv-duplicate-form", 4),
    ("no forms", edit("forms: [pp, sp]", "forms: []"), "qv-bad-forms", 4),
    ("unknown role", edit("role: mentee", "role: curator"), "qv-bad-role", 3),
    ("version zero", edit("version: 1", "version: 0"), "qv-bad-number", 2),
    ("version as text", edit("version: 1", "version: one"), "qv-bad-number", 2),
    ("bad key", edit("key: test-mentee", "key: Test Mentee"), "qv-bad-key", 1),
    ("missing title", edit("title: {ru: Анкета, en: Questionnaire}\n", ""), "qv-missing-field", 1),
    ("no questions", VALID.split("questions:")[0] + "questions: []\n", "qv-no-questions", 6),
    ("a question that is not a mapping", edit("  - id: mood\n    kind: scale\n    text: {ru: Настроение, en: Mood}\n", "  - mood\n"), "qv-question-not-mapping", 6),
    ("broken YAML", edit("    text: {ru: Кто, en: Who}", "    text: {ru: Кто, en: Who"), "qv-yaml-syntax", 30),
    ("unquoted question mark in a flow mapping", edit('{ru: "Был наставник?", en: "Had a mentor?"}', "{ru: Был наставник?, en: Had a mentor?}"), "qv-yaml-syntax", 25),
    ("an alias", edit("      - {id: online, text: {ru: Онлайн, en: Online}}", "      - *first"), "qv-yaml-alias", 48),
    ("a list at the top", "- key: x\n", "qv-not-mapping", 1),
    ("an empty file", "", "qv-not-mapping", 1),
]


@pytest.mark.parametrize(("what", "source", "key", "line"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_file_is_refused_with_line_and_reason(what: str, source: str, key: str, line: int) -> None:
    error = refusal(source)
    assert (error.key, error.line) == (key, line), f"{what}: got {error}"


def test_every_refusal_reads_well_in_both_languages() -> None:
    translator = translator_for()
    keys = set(re.findall(r'"(q[vn]-[a-z0-9-]+)"', Path(rules.__file__).read_text(encoding="utf-8")))
    for locale in ("ru", "en"):
        missing = keys - translator.keys(locale)
        assert not missing, f"{locale}: {sorted(missing)}"
    error = refusal(edit("    kind: scale", "    kind: slider"))
    text = translator.get("ru", error.key, **error.args_)
    assert "slider" in text and "single" in text


def test_file_level_refusals() -> None:
    assert refusal(b"\xff\xfe\x00k").key == "qv-not-utf8"
    assert refusal(b"#" * (rules.FILE_SIZE_MAX + 1)).key == "qv-too-large"
    question = "  - id: q{n}\n    kind: yesno\n    text: {{ru: В, en: Q}}\n"
    many = VALID + "".join(question.format(n=n) for n in range(rules.QUESTIONS_MAX))
    assert refusal(many).key == "qv-too-many-questions"


def test_yaml_booleans_are_only_true_and_false() -> None:
    # YAML 1.1 would read `no` and `on` as booleans; a curator means the words.
    source = edit("    tag: format\n", "", VALID.replace("{id: offline,", "{id: no,").replace("{id: online,", "{id: on,"))
    assert [o.id for o in parse(source).question("format").options] == ["no", "on"]


def test_callback_data_budget() -> None:
    # intent id (6) + \x1d + widget id (2) + ':' + "<question>.<option>" must stay within Telegram's 64 bytes.
    worst = "x" * rules.INTENT_ID_MAX + "\x1d" + "xx" + ":" + "q" * rules.QUESTION_ID_MAX + "." + "o" * rules.OPTION_ID_MAX
    assert len(worst.encode()) <= rules.CALLBACK_DATA_MAX
    assert rules.ITEM_ID_BUDGET == 54


# --- the rules of filling in -----------------------------------------------------------------------------------


def test_conditions_show_and_hide_questions(q) -> None:
    ids = lambda answers: [x.id for x in visible_questions(q, answers)]  # noqa: E731
    assert "topic" not in ids({}) and "mentor_name" not in ids({})
    assert "topic" in ids({"requests": ["studies", "project"]})
    assert "topic" not in ids({"requests": ["studies"]})
    assert "mentor_name" in ids({"had_mentor": True})
    assert "mentor_name" not in ids({"had_mentor": False})
    assert "mentor_name" not in ids({"had_mentor": None})  # skipped


def test_chained_condition_hides_with_its_parent() -> None:
    source = edit(
        "  - id: started\n",
        "  - id: mentor_where\n    kind: text\n    show_if: {question: mentor_name_known, equals: true}\n"
        "    text: {ru: Где, en: Where}\n  - id: started\n",
        edit("  - id: mentor_name\n    kind: text\n", "  - id: mentor_name_known\n    kind: yesno\n"),
    )
    chained = parse(source)
    visible = lambda answers: {x.id for x in visible_questions(chained, answers)}  # noqa: E731
    assert "mentor_where" in visible({"had_mentor": True, "mentor_name_known": True})
    assert "mentor_where" not in visible({"had_mentor": False, "mentor_name_known": True})


def test_next_previous_position_and_completeness(q) -> None:
    assert next_question(q, {}).id == "requests"
    answers = {"requests": ["project"]}
    assert next_question(q, answers).id == "topic"
    assert position(q, answers, "topic") == (2, 7)
    assert previous_question(q, answers, "topic").id == "requests"
    assert previous_question(q, answers, "requests") is None
    answers |= {"topic": None, "had_mentor": False, "started": "2020-01-01", "years": 3, "mood": 7}
    assert next_question(q, answers).id == "format"
    assert not is_complete(q, answers)
    answers["format"] = "online"
    assert next_question(q, answers) is None and is_complete(q, answers)
    assert [x.id for x, _ in visible_answers(q, answers)] == [
        "requests", "topic", "had_mentor", "started", "years", "mood", "format"
    ]


def test_changing_an_answer_drops_answers_to_questions_it_hides(q) -> None:
    answers = {"requests": ["project"], "topic": "Роботы", "had_mentor": True, "mentor_name": "Анна"}
    change = apply_answer(q, answers, "requests", ["studies"])
    assert change.dropped == ("topic",)
    assert "topic" not in change.answers and change.answers["requests"] == ["studies"]
    change = apply_answer(q, change.answers, "had_mentor", None)  # skipping hides the follow-up too
    assert change.dropped == ("mentor_name",)
    assert apply_answer(q, answers, "years", 4).dropped == ()


# --- answers per kind ----------------------------------------------------------------------------------------------


def answer_error(q, question_id: str, raw) -> str:
    with pytest.raises(InvalidAnswer) as caught:
        normalise_answer(q.question(question_id), raw, TODAY)
    return caught.value.key


def test_text_answers(q) -> None:
    assert normalise_answer(q.question("topic"), "  Роботы <b>& Co</b>\r\n ", TODAY) == "Роботы <b>& Co</b>"
    assert normalise_answer(q.question("topic"), "две\nстроки", TODAY) == "две\nстроки"
    assert answer_error(q, "topic", "   ") == "qn-answer-empty"
    assert answer_error(q, "topic", "я" * 101) == "qn-answer-too-long"
    assert answer_error(q, "topic", "нуль\x00байт") == "qn-answer-bad-chars"
    assert answer_error(q, "topic", "обратный \u202e текст") == "qn-answer-bad-chars"
    assert answer_error(q, "topic", ["studies"]) == "qn-answer-type-it"


def test_number_answers(q) -> None:
    assert normalise_answer(q.question("years"), " 12 ", TODAY) == 12
    assert answer_error(q, "years", "12.5") == "qn-answer-number-format"
    assert answer_error(q, "years", "двенадцать") == "qn-answer-number-format"
    assert answer_error(q, "years", "51") == "qn-answer-number-range"
    assert answer_error(q, "years", "-1") == "qn-answer-number-range"


def test_date_answers(q) -> None:
    assert normalise_answer(q.question("started"), "01.09.2020", TODAY) == "2020-09-01"
    assert normalise_answer(q.question("started"), "1.9.2026", TODAY) == "2026-09-01"  # today is not the future
    assert answer_error(q, "started", "31.02.2020") == "qn-answer-date-impossible"
    assert answer_error(q, "started", "2020-09-01") == "qn-answer-date-format"
    assert answer_error(q, "started", "вчера") == "qn-answer-date-format"
    assert answer_error(q, "started", "02.09.2026") == "qn-answer-date-future"
    assert answer_error(q, "started", "01.01.1800") == "qn-answer-date-impossible"


def test_button_answers(q) -> None:
    assert normalise_answer(q.question("mood"), 10, TODAY) == 10
    assert answer_error(q, "mood", 11) == "qn-answer-scale"
    assert answer_error(q, "mood", 0) == "qn-answer-scale"
    assert answer_error(q, "mood", True) == "qn-answer-scale"
    assert answer_error(q, "mood", "7") == "qn-answer-scale"
    assert normalise_answer(q.question("had_mentor"), False, TODAY) is False
    assert answer_error(q, "had_mentor", "да") == "qn-answer-use-buttons"
    assert normalise_answer(q.question("format"), "online", TODAY) == "online"
    assert answer_error(q, "format", "zoom") == "qn-answer-unknown-option"


def test_multi_answers_respect_ids_and_counts(q) -> None:
    question = q.question("requests")
    assert normalise_answer(question, ["project", "studies"], TODAY) == ["studies", "project"]  # the file's order
    assert answer_error(q, "requests", []) == "qn-answer-choice-count"
    assert answer_error(q, "requests", ["studies", "project", "olympiad"]) == "qn-answer-choice-count"
    assert answer_error(q, "requests", ["cooking"]) == "qn-answer-unknown-option"
    assert answer_error(q, "requests", "studies") == "qn-answer-unknown-option"


# --- stored form, choice of questionnaire ---------------------------------------------------------------------


def test_content_round_trip_and_hash(q) -> None:
    again = rules.parse_content(q.content())
    assert again == q and again.content_hash() == q.content_hash()
    assert parse(VALID.replace("title: {ru: Анкета,", "title: {ru: Анкета!,")).content_hash() != q.content_hash()


def test_choose_prefers_newest_then_own(q) -> None:
    def make(key: str, version: int, forms: str = "[pp, sp]") -> rules.Questionnaire:
        return parse(edit("forms: [pp, sp]", f"forms: {forms}", edit("version: 1", f"version: {version}",
                                                                        edit("key: test-mentee", f"key: {key}"))))

    shipped_v1 = Candidate(1, make("mentee-x", 1), own=False)
    shipped_v2 = Candidate(2, make("mentee-x", 2), own=False)
    own_v2 = Candidate(3, make("mentee-x", 2), own=True)
    other_form = Candidate(4, make("mentee-y", 9, "[tt]"), own=True)
    assert choose([shipped_v1, shipped_v2], Role.MENTEE, MentorshipForm.PUPIL_PUPIL) is shipped_v2
    assert choose([shipped_v1, own_v2, shipped_v2], Role.MENTEE, MentorshipForm.PUPIL_PUPIL) is own_v2
    assert choose([shipped_v1, other_form], Role.MENTEE, MentorshipForm.PUPIL_PUPIL) is shipped_v1
    assert choose([shipped_v1], Role.MENTOR, MentorshipForm.PUPIL_PUPIL) is None
    own_key = Candidate(5, make("school-own", 1), own=True)
    assert choose([shipped_v2, own_key], Role.MENTEE, MentorshipForm.STUDENT_PUPIL) is own_key


def test_form_from_invitation_or_category() -> None:
    assert form_for(Role.MENTEE, MentorshipForm.EMPLOYER_PUPIL, "pupil") == MentorshipForm.EMPLOYER_PUPIL
    assert form_for(Role.MENTEE, None, "pupil") == MentorshipForm.PUPIL_PUPIL
    assert form_for(Role.MENTOR, None, "teacher") == MentorshipForm.TEACHER_TEACHER
    assert form_for(Role.MENTOR, None, "employer") == MentorshipForm.EMPLOYER_PUPIL
    assert form_for(Role.MENTOR, None, None) == MentorshipForm.TEACHER_TEACHER


# --- the shipped files ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> list[rules.Questionnaire]:
    return rules.load_directory(SHIPPED_DIR)


def test_shipped_files_cover_every_form_for_both_roles(shipped) -> None:
    intake = [s for s in shipped if not s.is_survey]
    assert len(intake) == 5
    for role in (Role.MENTEE, Role.MENTOR):
        assert {f for s in intake if s.role == role for f in s.forms} == set(MentorshipForm)
    for s in intake:
        kinds = {x.kind for x in s.questions}
        assert s.intro is not None and Kind.TEXT in kinds and Kind.MULTI in kinds


def test_shipped_surveys_ask_what_the_kpi_reads(shipped) -> None:
    surveys = {s.key: s for s in shipped if s.is_survey}
    assert set(surveys) == {"satisfaction-mentee", "satisfaction-mentor"}
    assert {s.role for s in surveys.values()} == {Role.MENTEE, Role.MENTOR}
    for survey in surveys.values():
        ids = [q.id for q in survey.questions]
        assert ids == ["comfort", "usefulness", "support", "expectations", "overall", "valuable", "missing", "continue"]
        assert all(survey.question(i).kind == Kind.SCALE and survey.question(i).required for i in ids[:5])
        assert [o.id for o in survey.question("continue").options] == ["yes", "no", "unsure"]
        assert not survey.question("valuable").required and survey.question("missing").kind == Kind.TEXT
        assert survey.forms == tuple(MentorshipForm) and all(q.tag is None for q in survey.questions)
        # Never offered as an intake questionnaire, whatever the form.
        candidates = [Candidate(i, s, False) for i, s in enumerate(shipped)]
        for form in MentorshipForm:
            assert not choose(candidates, survey.role, form).questionnaire.is_survey
        assert rules.choose_survey(candidates, survey.key).questionnaire is survey
    # The intake files' stored form did not change when `purpose` arrived (their hashes guard started responses).
    assert all("purpose" not in s.content() for s in shipped if not s.is_survey)
    assert parse_content_roundtrip(surveys["satisfaction-mentee"]).is_survey


def parse_content_roundtrip(questionnaire):
    return rules.parse_content(questionnaire.content())


SURVEY = """\
key: my-survey
version: 1
purpose: survey
role: mentor
title: {ru: Опрос, en: Survey}
questions:
  - id: overall
    kind: scale
    text: {ru: Оценка, en: Score}
"""


def test_survey_files_need_no_forms_nor_matching_tags_and_may_not_carry_tags() -> None:
    survey = parse(SURVEY)
    assert survey.is_survey and survey.forms == tuple(MentorshipForm)
    with_tag = SURVEY + "    tag: goal\n"
    assert (refusal(with_tag).key, refusal(with_tag).line) == ("qv-survey-tag", 10)
    wrong = SURVEY.replace("purpose: survey", "purpose: poll")
    assert (refusal(wrong).key, refusal(wrong).line) == ("qv-bad-purpose", 3)
    # An intake file still needs its forms and the tag matching reads.
    intake = SURVEY.replace("purpose: survey", "purpose: intake")
    assert refusal(intake).key == "qv-missing-field"


def test_shipped_requests_and_competences_speak_one_vocabulary(shipped) -> None:
    def options(role: Role, tag: Tag) -> set[str]:
        return {o.id for s in shipped if s.role == role for x in s.questions if x.tag == tag for o in x.options}

    requests, competences = options(Role.MENTEE, Tag.REQUESTS), options(Role.MENTOR, Tag.COMPETENCES)
    assert requests <= set(rules.HELP_AREAS) and competences <= set(rules.HELP_AREAS)
    assert requests - {"other"} <= competences  # every request has someone who can offer it
    for tag in (Tag.SUBJECTS, Tag.INTERESTS, Tag.FORMAT, Tag.AVAILABILITY):
        assert options(Role.MENTEE, tag) & options(Role.MENTOR, tag), tag
    for s in shipped:
        if s.is_survey:
            continue
        assert sum(1 for x in s.questions if x.tag == Tag.CAPACITY) == (1 if s.role == Role.MENTOR else 0)


def test_catalog_refuses_duplicate_keys_and_uncovered_forms(shipped) -> None:
    with pytest.raises(CatalogError) as caught:
        check_catalog([("a.yaml", shipped[0]), ("b.yaml", shipped[0])] + [(f"{i}.yaml", s) for i, s in enumerate(shipped[1:])])
    assert caught.value.error.key == "qv-duplicate-key"
    with pytest.raises(CatalogError) as caught:
        check_catalog([("a.yaml", s) for s in shipped if s.role == Role.MENTEE])
    assert caught.value.error.key == "qv-form-not-covered"


def test_bot_check_reports_files(tmp_path: Path, shipped) -> None:
    lines: list[str] = []

    def report(what: str, ok: bool, detail: str = "") -> None:
        lines.append(f"[{'ok' if ok else 'FAIL'}] {what}" + (f": {detail}" if detail else ""))

    check_questionnaires(report)
    assert lines == ["[ok] questionnaires (7 files)"]
    for path in SHIPPED_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    broken = tmp_path / "mentee_pupil.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("kind: scale", "kind: slider"), encoding="utf-8")
    line = next(n for n, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if "slider" in text)
    check_questionnaires(report, tmp_path)
    assert lines[-1].startswith(f"[FAIL] questionnaires: mentee_pupil.yaml line {line}: Unknown question kind “slider”")
