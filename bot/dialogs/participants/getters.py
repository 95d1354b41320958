"""Read-only data for the registry windows."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dialogs.questionnaire.getters import SUMMARY_QUESTION_MAX, display, shorten
from bot.i18n import Localizer
from bot.pair_texts import fit, matching_reasons, person_name, shorten_label, why
from mentorship.clock import Clock
from mentorship.consent import current
from mentorship.entities import Actor
from mentorship.roles import ParticipationStatus, Role
from mentorship.services import pairs
from mentorship.services import people as people_service
from mentorship.services.participants import Problem, Progress, card, erased_count, registry
from mentorship.services.questionnaires import ShippedQuestionnaires

STATUS_MARK = {
    ParticipationStatus.ACTIVE: "✅",
    ParticipationStatus.PENDING: "⏳",
    ParticipationStatus.GUARDIAN: "👪",
    ParticipationStatus.DECLINED: "🚫",
}
PROGRESS_MARK = {Progress.DONE: "📝", Progress.STARTED: "✏️", Progress.NONE: "▫️"}
CARD_MAX = 4000
ROLE_FILTERS = ("all", Role.MENTEE.value, Role.MENTOR.value)
PROBLEM_FILTERS = ("all", Problem.CONSENT.value, Problem.QUESTIONNAIRE.value)
#: The ranked mentors' pager, and how many mentors a page shows with their reasons.
MENTOR_PAGES = "mentor_pages"
MENTORS_PER_PAGE = 5


def _stop(stop, t: Localizer, *, short: bool = False) -> str:
    """Why participation stopped: which required consent, refused or withdrawn, by the person or a parent."""
    return t("participants-stop-short" if short else "participants-stop", kind=stop.kind.value,
             decision=stop.decision.value, by=stop.by.value)


def _filters(manager: DialogManager) -> tuple[Role | None, Problem | None]:
    role = manager.find("role").get_checked() or "all"
    problem = manager.find("problem").get_checked() or "all"
    return (None if role == "all" else Role(role)), (None if problem == "all" else Problem(problem))


async def listing(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer, **_: Any) -> dict[str, Any]:
    organisation_id = dialog_manager.dialog_data["organisation_id"]
    role, problem = _filters(dialog_manager)
    lines = await registry(session, actor, organisation_id, role, problem)
    items = [
        (
            line.person.id,
            f"{STATUS_MARK[line.status]}{PROGRESS_MARK[line.progress]} {line.person.full_name} · "
            + ", ".join(t(f"role-{r.value}") for r in line.roles)
            + f" · №{line.person.id}"
            + (" · " + _stop(line.stop, t, short=True) if line.stop else ""),
        )
        for line in lines
    ]
    erased = await erased_count(session, actor, organisation_id, role) if problem is None else 0
    return {
        "people": items,
        "count": len(items),
        "erased": erased,
        "roles": [(r, t(f"participants-filter-role-{r}")) for r in ROLE_FILTERS],
        "problems": [(p, t(f"participants-filter-{p}")) for p in PROBLEM_FILTERS],
    }


async def person_card(dialog_manager: DialogManager, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer,
                      consent_texts, **_: Any) -> dict[str, Any]:
    found = await card(session, clock, actor, dialog_manager.dialog_data["organisation_id"], dialog_manager.dialog_data["person_id"])
    person = found.line.person
    lines = [
        t(
            "participants-card",
            name=person.full_name,
            id=person.id,
            age=found.age if found.age is not None else "—",
            category=t(f"category-{person.category.value}") if person.category else None,
            group=person.group_name,
            roles=", ".join(t(f"role-{r.value}") for r in found.line.roles),
            status=t(f"status-{found.line.status.value}") + (
                " — " + _stop(found.line.stop, t) if found.line.stop else ""),
            progress=t(f"progress-{found.line.progress.value}"),
        )
    ]
    for requirement in found.situation.needed:
        record = current(found.consents, requirement.kind, consent_texts.versions[requirement.kind])
        state = t(f"decision-{record.status.value}") if record else t("participants-consent-missing")
        lines.append(t("participants-consent-line", kind=t(f"consent-{requirement.kind.value}-title"), state=state,
                       by=t(f"given-by-{requirement.by.value}")))
    for progress in found.questionnaires:
        lines.append(t("participants-questionnaire-title", title=progress.questionnaire.title.get(t.locale),
                       version=progress.questionnaire.version, done=progress.complete))
        for number, (question, value) in enumerate(progress.summary(), start=1):
            lines.append(t("qn-summary-line", number=number, question=shorten(question.text.get(t.locale), SUMMARY_QUESTION_MAX),
                           answer=display(question, value, t)))
    remindable = found.line.status in (ParticipationStatus.PENDING, ParticipationStatus.GUARDIAN) or (
        found.line.status == ParticipationStatus.ACTIVE and found.line.progress != Progress.DONE
    )
    # Long answers could pass Telegram's 4096 characters; the card is for a glance, the export has everything.
    return {"body": shorten("\n".join(lines), CARD_MAX), "remindable": remindable,
            "mentee": Role.MENTEE in found.line.roles}


async def mentors(dialog_manager: DialogManager, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer,
                  questionnaires: ShippedQuestionnaires, **_: Any) -> dict[str, Any]:
    """The mentors matching ranks for this mentee, best first; the page shown says why each one fits."""
    data = dialog_manager.dialog_data
    # The service checks the curator and that the mentee is one of the organisation's candidates.
    ranked = await pairs.mentors_for(session, clock, actor, data["organisation_id"], data["person_id"])
    mentee = await people_service.person(session, data["person_id"])
    pages = max(1, -(-len(ranked) // MENTORS_PER_PAGE))
    page = max(0, min(await dialog_manager.find(MENTOR_PAGES).get_page(), pages - 1))
    lines = [t("participants-mentors-title", name=person_name(mentee, t), count=len(ranked))]
    for number, choice in enumerate(ranked[page * MENTORS_PER_PAGE : (page + 1) * MENTORS_PER_PAGE],
                                    start=page * MENTORS_PER_PAGE + 1):
        scored = choice.suggestion.scored
        lines.append("")
        lines.append(t("participants-mentor-line", number=number, name=person_name(choice.mentor, t),
                       score=scored.value, free=choice.suggestion.slots_left))
        lines.extend(why(matching_reasons(scored.reasons, scored.concerns), t, questionnaires))
    # Button labels are plain text: the name goes in as it is (Telegram does not parse a button's text).
    items = [
        (c.mentor.id, shorten_label(f"{n}. {person_name(c.mentor, t)} · {c.suggestion.scored.value:g}"))
        for n, c in enumerate(ranked, start=1)
    ]
    return {"body": fit("\n".join(lines)), "mentors": items}
