"""/plan opens a pair's individual plan (a curator names the pair: `/plan 12`); /mypair shows one's pair at a
glance. Thin: the plans and pair-activity services decide who may see what."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consent_texts import ConsentTexts
from bot.dialogs.plan.getters import completion_text
from bot.filters import A_COMMAND, PRIVATE
from bot.handlers.gate import NotAwaitingConsent
from bot.i18n import Localizer
from bot.states import Plan
from mentorship.clock import Clock
from mentorship.entities import Actor
from mentorship.errors import DomainError
from mentorship.services import plans
from mentorship.services.organisations import get_organisation
from mentorship.services.pair_activity import MyPair, my_pair_cards
from mentorship.services.people import curator_args
from mentorship.services.plans import Access


def setup() -> Router:
    router = Router(name="plan")
    router.message.filter(A_COMMAND, PRIVATE, NotAwaitingConsent())
    router.message.register(open_plan, Command("plan"))
    router.message.register(my_pair, Command("mypair"))
    return router


async def open_plan(message: Message, command: CommandObject, actor: Actor, session: AsyncSession, t: Localizer,
                    dialog_manager: DialogManager) -> None:
    argument = (command.args or "").strip().lstrip("#№ ")
    if argument:
        if not argument.isdigit() or len(argument) > 12:
            await message.answer(t("plan-usage"))
            return
        try:
            await plans.about(session, actor, int(argument))
        except DomainError as error:
            await message.answer(t(error.key, **error.args_))
            return
        await dialog_manager.start(Plan.goals, data={"pair_id": int(argument)}, mode=StartMode.RESET_STACK)
        return
    mine = await plans.my_pairs(session, actor)
    curated = await plans.curated_pairs(session, actor) if actor.curated_organisations() else []
    ids = list(dict.fromkeys([p.pair.id for p in mine] + [p.pair.id for p in curated]))
    if not ids:
        await message.answer(t("plan-no-pairs-curator" if actor.curated_organisations() else "plan-no-pairs"))
        return
    if len(ids) == 1:
        await dialog_manager.start(Plan.goals, data={"pair_id": ids[0], "pair_ids": ids}, mode=StartMode.RESET_STACK)
        return
    await dialog_manager.start(Plan.pairs, data={"pair_ids": ids}, mode=StartMode.RESET_STACK)


def _partner(item, t: Localizer) -> str:
    name = item.person.full_name or t("pair-erased-person")
    if item.contact and item.person.telegram_id is not None:
        return t("mypair-partner-contact", role=item.role, name=name, tg=str(item.person.telegram_id))
    return t("mypair-partner-curator", role=item.role, name=name)


async def _card(card: MyPair, t: Localizer, session: AsyncSession) -> str:
    pair = card.about.pair
    organisation = await get_organisation(session, pair.organisation_id)
    zone = ZoneInfo(organisation.timezone if organisation else "Europe/Moscow")
    lines = [t("mypair-title", id=pair.id, form=t(f"form-{pair.form.value}"))]
    if card.about.access == Access.GUARDIAN and card.about.child is not None:
        lines.append(t("mypair-child", child=card.about.child.full_name or t("pair-erased-person")))
    lines.extend(_partner(p, t) for p in card.partners)
    if card.curator is not None:
        lines.append(t("mypair-curator", **curator_args(card.curator)))
    status = t(f"pair-status-{pair.status.value}")
    lines.append(t("mypair-status-since", status=status, since=card.since.astimezone(zone).date())
                 if card.since else t("mypair-status", status=status))
    if card.next_meeting is not None:
        lines.append(t("mypair-next-meeting", at=card.next_meeting.astimezone(zone).replace(tzinfo=None),
                       kind=card.next_meeting_kind or "", online="yes" if card.next_meeting_online else "no"))
    else:
        lines.append(t("mypair-no-meeting"))
    if card.completion is None:
        lines.append(t("mypair-plan-empty"))
    else:
        lines.append(t("mypair-plan", share=completion_text(card.completion.done, card.completion.total,
                                                             card.completion.percent, t)))
    return "\n".join(lines)


async def my_pair(message: Message, actor: Actor, session: AsyncSession, clock: Clock, t: Localizer,
                  consent_texts: ConsentTexts) -> None:
    cards = await my_pair_cards(session, clock, actor, consent_texts.versions)
    if not cards:
        await message.answer(t("mypair-none"))
        return
    await message.answer("\n\n".join([await _card(c, t, session) for c in cards]))
