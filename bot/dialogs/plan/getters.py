"""Read-only data for the plan windows (everything through the plans service, which checks who may see what)."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Localizer
from mentorship.clock import Clock
from mentorship.entities import Actor, Person
from mentorship.plans import Goal, GoalStatus
from mentorship.services import plans
from mentorship.services.plans import PlanPair

STATUS_MARK = {GoalStatus.NOT_STARTED: "▫️", GoalStatus.IN_PROGRESS: "⏳", GoalStatus.DONE: "✅"}
BUTTON_TITLE_MAX = 48


def _name(person: Person | None, t: Localizer) -> str:
    return person.full_name if person is not None and person.full_name else t("pair-erased-person")


def pair_label(item: PlanPair, t: Localizer) -> str:
    """Plain button text: the pair's number, its mentor, an arrow, its mentees."""
    mentees = ", ".join(_name(m, t) for m in item.mentees)
    return t("plan-pair-label", id=item.pair.id, mentor=_name(item.mentor, t), mentees=mentees)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def goal_line(number: int, goal: Goal, t: Localizer, today) -> str:
    mark = "⚠️" if goal.overdue(today) else STATUS_MARK[goal.status]
    if goal.due_date is None:
        return t("plan-goal-line", number=number, mark=mark, title=goal.title)
    return t("plan-goal-line-due", number=number, mark=mark, title=goal.title, due=goal.due_date)


def completion_text(done: int, total: int, percent: int, t: Localizer) -> str:
    return t("plan-completion", done=done, total=total, percent=percent)


async def pairs(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer, **_: Any) -> dict[str, Any]:
    items = []
    for pair_id in dialog_manager.dialog_data.get("pair_ids", []):
        items.append((pair_id, pair_label(await plans.about(session, actor, pair_id), t)))
    return {"pairs": items}


async def goals(dialog_manager: DialogManager, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer,
                **_: Any) -> dict[str, Any]:
    found = await plans.plan(session, actor, dialog_manager.dialog_data["pair_id"])
    today = clock.now().date()
    lines = [t("plan-title", id=found.about.pair.id), pair_label(found.about, t)]
    if not found.goals:
        lines.append(t("plan-empty-editor" if found.about.can_edit else "plan-empty-viewer"))
    else:
        lines.extend(goal_line(n, g, t, today) for n, g in enumerate(found.goals, start=1))
        share = found.completion
        assert share is not None
        lines.append("")
        lines.append(completion_text(share.done, share.total, share.percent, t))
    if not found.about.can_edit:
        lines.append(t("plan-read-only-note"))
    return {
        "body": "\n".join(lines),
        "can_edit": found.about.can_edit,
        "goals": [(g.id, f"{STATUS_MARK[g.status]} {shorten(g.title, BUTTON_TITLE_MAX)}") for g in found.goals]
        if found.about.can_edit else [],
        "several": len(dialog_manager.dialog_data.get("pair_ids", [])) > 1,
    }


async def goal(dialog_manager: DialogManager, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer,
               **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    _about, item = await plans.goal(session, actor, data["pair_id"], data["goal_id"])
    body = t("plan-goal-card", title=item.title, status=t(f"plan-status-{item.status.value}"),
             due=item.due_date if item.due_date else "none")
    if item.overdue(clock.now().date()):
        body += "\n" + t("plan-goal-overdue")
    statuses = [(s.value, f"{STATUS_MARK[s]} {t(f'plan-status-{s.value}')}") for s in GoalStatus if s != item.status]
    return {"body": body, "statuses": statuses}


async def goal_title(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer,
                     **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    if "goal_id" not in data:
        return {"title": data.get("new_title", "")}
    _about, item = await plans.goal(session, actor, data["pair_id"], data["goal_id"])
    return {"title": item.title}
