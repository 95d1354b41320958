"""Read-only data for the questionnaire windows, always recomputed from the database (the dialog keeps only ids).

Texts from the questionnaire file reach messages only as Fluent arguments (escaped there); button labels are plain
text, which Telegram never parses as markup.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Localizer
from mentorship import questionnaire as rules
from mentorship.entities import Actor
from mentorship.questionnaire import Kind, Question
from mentorship.services import questionnaires as service
from mentorship.services.people import organisations_of
from mentorship.services.questionnaires import Progress

RESPONSE = "response"
QUESTION = "question"
MODE = "mode"
PICKED = "picked"
MODE_FILL, MODE_EDIT = "fill", "edit"

CURRENT_ANSWER_MAX = 300
SUMMARY_QUESTION_MAX = 60
SUMMARY_BUDGET = 3600  # characters for all summary lines; Telegram allows 4096 per message
GRID_LABEL_MAX = 18  # options this short go two to a row


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def display(question: Question, value: Any, t: Localizer) -> str:
    """An answer as a person reads it, in their language (plain text: the caller's Fluent escapes it)."""
    if value is None:
        return t("qn-skipped")
    match question.kind:
        case Kind.SINGLE | Kind.MULTI:
            return ", ".join(rules.option_labels(question, value, t.locale))
        case Kind.YESNO:
            return t("qn-yes" if value else "qn-no")
        case Kind.DATE:
            return date.fromisoformat(value).strftime("%d.%m.%Y")
        case Kind.SCALE:
            return t("qn-scale-value", value=value)
        case _:
            return str(value)


def item(question_id: str, value: str) -> str:
    """A button's item id: the question rides along so a button from an older question cannot answer this one."""
    return f"{question_id}.{value}"


def split_item(item_id: str) -> tuple[str, str]:
    question_id, _, value = item_id.partition(".")
    return question_id, value


async def current_progress(dialog_manager: DialogManager, session: AsyncSession, actor: Actor) -> Progress:
    return await service.load(session, actor.person, dialog_manager.dialog_data[RESPONSE])


def current_question(progress: Progress, question_id: str | None) -> Question | None:
    """The question the dialog is on, or — if the answers changed under it — the next one to ask."""
    question = progress.questionnaire.question(question_id) if question_id else None
    if question is not None and progress.is_visible(question.id):
        return question
    return progress.next


async def question_window(
    dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer, **_: Any
) -> dict[str, Any]:
    progress = await current_progress(dialog_manager, session, actor)
    question = current_question(progress, dialog_manager.dialog_data.get(QUESTION))
    if question is None:
        # Nothing left to ask (the answers changed under an open screen): the handlers move to the summary on the
        # next press; until then the window renders empty rather than fail.
        return dict(_NOTHING_TO_ASK, title=progress.questionnaire.title.get(t.locale))
    number, total = progress.position(question.id)
    questionnaire = progress.questionnaire
    value = progress.answers.get(question.id, ...)
    picked = set(dialog_manager.dialog_data.get(PICKED) or [])
    options = [
        (item(question.id, o.id), _label(o.text.get(t.locale), question, o.id in picked)) for o in question.options
    ]
    previous = progress.previous(question.id)
    editing = dialog_manager.dialog_data.get(MODE) == MODE_EDIT
    nav = []
    if previous is not None or editing:
        nav.append((item("b", question.id), t("btn-back")))
    if not question.required:
        nav.append((item("s", question.id), t("qn-skip")))
    return {
        "title": questionnaire.title.get(t.locale),
        "intro": questionnaire.intro.get(t.locale) if questionnaire.intro else "",
        "has_intro": questionnaire.intro is not None and not progress.answers,
        "current": number,
        "total": total,
        "question": question.text.get(t.locale),
        "hint": question.hint.get(t.locale) if question.hint else "",
        "has_hint": question.hint is not None,
        "optional": not question.required,
        "kind_hint": _kind_hint(question, t),
        "has_answer": value is not ...,
        "answer": shorten(display(question, value, t), CURRENT_ANSWER_MAX) if value is not ... else "",
        "options": options,
        "grid": all(len(o.text.get(t.locale)) <= GRID_LABEL_MAX for o in question.options) and len(options) > 3,
        "scale": [(item(question.id, str(n)), str(n)) for n in range(rules.SCALE_MIN, rules.SCALE_MAX + 1)],
        "yesno": [(item(question.id, "y"), t("qn-yes")), (item(question.id, "n"), t("qn-no"))],
        "done": [(question.id, t("qn-done"))],
        "nav": nav,
    }


_NOTHING_TO_ASK: dict[str, Any] = {
    "has_intro": False, "intro": "", "current": 0, "total": 0, "question": "", "hint": "", "has_hint": False,
    "optional": False, "kind_hint": "", "has_answer": False, "answer": "", "options": [], "grid": False,
    "scale": [], "yesno": [], "done": [], "nav": [],
}


def _label(text: str, question: Question, picked: bool) -> str:
    if question.kind != Kind.MULTI:
        return text
    return ("✅ " if picked else "▫️ ") + text


def _kind_hint(question: Question, t: Localizer) -> str:
    match question.kind:
        case Kind.TEXT:
            return t("qn-hint-text", max=question.max or rules.TEXT_ANSWER_DEFAULT_MAX)
        case Kind.NUMBER:
            return t("qn-hint-number", min=question.min, max=question.max)
        case Kind.DATE:
            return t("qn-hint-date")
        case Kind.SCALE:
            return t("qn-hint-scale")
        case Kind.MULTI:
            hint = t("qn-hint-multi")
            if question.max is not None and question.max < len(question.options):
                hint += " " + t("qn-hint-multi-max", max=question.max)
            return hint
        case _:
            return ""


async def summary_window(
    dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer, **_: Any
) -> dict[str, Any]:
    progress = await current_progress(dialog_manager, session, actor)
    answered = progress.summary()
    numbers = {q.id: n for n, q in enumerate(progress.visible(), start=1)}
    # Each line gets an equal share of what the question labels leave of one message.
    share = (SUMMARY_BUDGET - len(answered) * (SUMMARY_QUESTION_MAX + 12)) // max(1, len(answered))
    budget = max(40, min(CURRENT_ANSWER_MAX, share))
    lines = [
        t(
            "qn-summary-line",
            number=numbers[question.id],
            question=shorten(question.text.get(t.locale), SUMMARY_QUESTION_MAX),
            answer=shorten(display(question, value, t), budget),
        )
        for question, value in answered
    ]
    complete = progress.complete
    return {
        "title": progress.questionnaire.title.get(t.locale),
        # A skipped optional question is listed (so it can still be answered) but is not an answer.
        "count": sum(value is not None for _, value in answered),
        "skipped": sum(value is None for _, value in answered),
        "lines": "\n".join(lines),
        "has_lines": bool(lines),
        "complete": complete,
        "incomplete": not complete,
        "edit": [(question.id, f"✏️ {numbers[question.id]}") for question, _ in answered],
    }


async def choose_window(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer,
                        **_: Any) -> dict[str, Any]:
    person = actor.person
    organisations = await organisations_of(session, person) if person else {}
    memberships = [m for m in service.participant_memberships(person) if m.is_active] if person else []
    return {
        "roles": [
            (
                item(str(m.organisation_id), m.role.value),
                f"{t(f'role-{m.role.value}')} · {organisations[m.organisation_id].name}"
                if m.organisation_id in organisations else t(f"role-{m.role.value}"),
            )
            for m in memberships
        ]
    }
