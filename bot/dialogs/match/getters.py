"""Read-only data for the matching result: the proposal on the current page, the unmatched on theirs."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Localizer
from bot.pair_texts import fit, person_name, render, unmatched_text
from mentorship.entities import Actor, PairStatus
from mentorship.errors import DomainError
from mentorship.matching import Violation
from mentorship.services import pairs
from mentorship.services import people as people_service
from mentorship.services.questionnaires import ShippedQuestionnaires

PROPOSALS, UNMATCHED = "proposal", "unmatched_page"
#: dialog_data keys: the run's proposal ids in its order, how many are groups, [[person id, [[code, mentors]]]].
PAIR_IDS, GROUPS, LEFT_OUT = "pair_ids", "groups", "unmatched"
#: Unmatched mentees per page (a line each).
UNMATCHED_PAGE = 10


async def _page(manager: DialogManager, scroll_id: str, pages: int) -> int:
    page = await manager.find(scroll_id).get_page()
    return max(0, min(page, pages - 1))


def _paging(page: int, pages: int) -> dict[str, Any]:
    return {"pages": pages, "paged": pages > 1, "has_prev": page > 0, "has_next": page < pages - 1}


async def proposals(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer,
                    questionnaires: ShippedQuestionnaires, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    ids: list[int] = data.get(PAIR_IDS, [])
    heading = t("pair-suggested", count=len(ids))
    if data.get(GROUPS):
        heading += "\n" + t("pair-suggested-groups", count=data[GROUPS])
    page = await _page(dialog_manager, PROPOSALS, len(ids))
    found: dict[str, Any] = {"heading": heading, "body": "", "this_pair": [], "proposed": False,
                             "unmatched": len(data.get(LEFT_OUT, [])), "can_skip": len(ids) > 1,
                             **_paging(page, len(ids))}
    if ids:
        pair_id = ids[page]
        try:
            card = await pairs.card(session, actor, pair_id)
        except DomainError:  # replaced by a newer matching run, or no longer this curator's
            found["body"] = t("match-proposal-gone", id=pair_id)
        else:
            position = t("match-position", number=page + 1, total=len(ids))
            found["body"] = position + "\n" + fit(render(card, t, questionnaires))
            found["this_pair"] = [(pair_id,)]
            found["proposed"] = card.pair.status == PairStatus.PROPOSED
    return found


async def unmatched(dialog_manager: DialogManager, session: AsyncSession, t: Localizer, **_: Any) -> dict[str, Any]:
    left_out = dialog_manager.dialog_data.get(LEFT_OUT, [])
    pages = max(1, -(-len(left_out) // UNMATCHED_PAGE))
    page = await _page(dialog_manager, UNMATCHED, pages)
    shown = left_out[page * UNMATCHED_PAGE : (page + 1) * UNMATCHED_PAGE]
    # The ids were stored by this dialog's own matching run; names are read now (never kept in dialog data).
    people = await people_service.people_by_id(session, [person_id for person_id, _ in shown])
    lines = [t("match-unmatched-title", count=len(left_out))]
    for person_id, reasons in shown:
        violations = [Violation(code, {"mentors": mentors}) for code, mentors in reasons]
        lines.append(unmatched_text(person_name(people.get(person_id), t), violations, t))
    return {"body": "\n".join(lines), **_paging(page, pages)}
