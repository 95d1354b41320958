"""What the picker asks and which organisations it offers: read-only, from the start data and the services."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Localizer
from mentorship import invitations as invitation_rules
from mentorship.entities import Actor
from mentorship.services.organisations import curated_by, visible_to

#: dialog_data key of the chosen organisation, in the dialog that asked; also the key of the picker's result.
ORGANISATION_ID = "organisation_id"
#: The start data key that marks a picker (its `on_process_result` tells the picker's result from others).
PICKER = "org_picker"


class Among(StrEnum):
    """Which organisations are offered."""

    CURATED = "curated"  # the ones the person curates
    INVITABLE = "invitable"  # the ones the person may invite someone into (a superadmin: any)


@dataclass(frozen=True, slots=True)
class Question:
    """What the picker says, as locale keys: the question, the button that leaves, the words shown when there is
    nothing to choose from, and those said once the person has left. It travels in the picker's start data (JSON)."""

    ask: str
    cancel: str = "btn-close"
    among: Among = Among.CURATED
    none: str | None = None
    left: str | None = None

    def start_data(self) -> dict[str, Any]:
        return {PICKER: {"ask": self.ask, "cancel": self.cancel, "among": self.among.value, "none": self.none,
                         "left": self.left}}

    @classmethod
    def of(cls, start_data: Any) -> Question:
        data = start_data[PICKER]
        return cls(ask=data["ask"], cancel=data["cancel"], among=Among(data["among"]), none=data["none"],
                   left=data["left"])


#: The question the pair dialogs (/pairs, /pending, /match, /requests) ask.
CURATION = Question(ask="curation-ask-organisation")


def is_picker(start_data: Any) -> bool:
    return isinstance(start_data, dict) and PICKER in start_data


async def invitable_organisations(session: AsyncSession, actor: Actor) -> list[tuple[int, str]]:
    return [(o.id, o.name) for o in await visible_to(session, actor) if invitation_rules.invitable_roles(actor, o.id)]


async def organisations_among(session: AsyncSession, actor: Actor, among: Among) -> list[tuple[int, str]]:
    """`(id, name)` of the organisations offered, by name."""
    if among is Among.INVITABLE:
        return await invitable_organisations(session, actor)
    return [(o.id, o.name) for o in await curated_by(session, actor)]


async def picker(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer,
                 **_: Any) -> dict[str, Any]:
    question = Question.of(dialog_manager.start_data)
    found = await organisations_among(session, actor, question.among)
    return {
        "ask": t(question.ask),
        "none": t(question.none) if question.none and not found else "",
        "cancel": t(question.cancel),
        "organisations": found,
    }
