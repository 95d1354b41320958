"""Read-only data for the guardian windows. Each render re-checks the link (used, expired) through the service."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consent_texts import ConsentTexts
from bot.dialogs.document import NO_DOCUMENT, document_view
from bot.i18n import Localizer
from mentorship.clock import Clock
from mentorship.consent import ConsentKind, GivenBy
from mentorship.entities import Actor
from mentorship.services.consents import RELATIONS, GuardianRequest, guardian_request


async def load(manager: DialogManager, session: AsyncSession, clock: Clock, actor: Actor, texts: ConsentTexts) -> GuardianRequest:
    return await guardian_request(session, clock, manager.start_data["link_id"], actor.telegram_id, texts.versions)


def pending(request: GuardianRequest, decided: dict[str, bool]) -> list:
    return [r for r in request.asks if r.kind.value not in decided]


def document_args(request: GuardianRequest, kind: ConsentKind) -> dict[str, Any]:
    """What a guardian's document is rendered with: the same when it is shown and when its hash is recorded."""
    organisation = request.organisation
    limit = organisation.guardian_consent_age if kind != ConsentKind.AGREEMENT else organisation.guardian_agreement_age
    return {"child": request.child.full_name, "organisation": organisation.name, "age_limit": limit}


async def intro(dialog_manager: DialogManager, session: AsyncSession, clock: Clock, actor: Actor,
                consent_texts: ConsentTexts, t: Localizer, **_: Any) -> dict[str, Any]:
    request = await load(dialog_manager, session, clock, actor, consent_texts)
    return {
        "child": request.child.full_name,
        "organisation": request.organisation.name,
        "count": len(request.asks),
        "relations": [(r, t(f"relation-{r}")) for r in RELATIONS],
    }


async def current_ask(dialog_manager: DialogManager, session: AsyncSession, clock: Clock, actor: Actor,
                      consent_texts: ConsentTexts, t: Localizer, **_: Any) -> dict[str, Any]:
    request = await load(dialog_manager, session, clock, actor, consent_texts)
    left = pending(request, dialog_manager.dialog_data.get("decisions", {}))
    if not left:
        return NO_DOCUMENT
    return document_view(t, consent_texts, left[0], GivenBy.GUARDIAN, document_args(request, left[0].kind),
                         current=len(request.asks) - len(left) + 1, total=len(request.asks))
