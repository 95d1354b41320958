"""Curator commands for pairs: /match, /pending, /pairs and /requests open their dialogs (lists of cards with
buttons: bot/dialogs/match, pairs, change_requests); /approve, /reject, /propose, /endpair, /completepair act on an
id, and the buttons of /propose's answer (and of cards sent before the dialogs) still act.

Thin on purpose: parse, call one service function (which checks the curator's authority again, so a forged
callback changes nothing), render codes from locales. Everything the pair is told goes through the outbox, written
by the service in the transaction of the decision.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from aiogram_dialog import DialogManager, StartMode
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import ChangeAction, PairAction
from bot.consent_texts import ConsentTexts
from bot.dialogs.pairs.getters import DECIDED, PENDING
from bot.filters import A_COMMAND, IsCurator, PRIVATE
from bot.i18n import Localizer
from bot.pair_texts import order_date_words, render
from bot.states import ChangeRequests, MatchResults, PairCards
from mentorship.clock import Clock
from mentorship.entities import Actor, PairStatus
from mentorship.errors import InvalidInput
from mentorship.services import pair_changes, pairs
from mentorship.services.pairs import PairCard
from mentorship.services.questionnaires import ShippedQuestionnaires

_ID_DIGITS = 9


def setup() -> Router:
    router = Router(name="pairs")
    router.message.filter(A_COMMAND, PRIVATE)
    router.message.filter(IsCurator())
    router.callback_query.filter(IsCurator())
    router.message.register(match, Command("match"))
    router.message.register(pending, Command("pending"))
    router.message.register(approve, Command("approve"))
    router.message.register(reject, Command("reject"))
    router.message.register(pair_list, Command("pairs"))
    router.message.register(propose, Command("propose"))
    router.message.register(end_pair, Command("endpair"))
    router.message.register(complete_pair, Command("completepair"))
    router.message.register(requests, Command("requests"))
    router.callback_query.register(on_action, PairAction.filter())
    router.callback_query.register(on_change, ChangeAction.filter())
    return router


def _buttons(pair_id: int, t: Localizer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("pair-btn-approve"), callback_data=PairAction(action="a", pair_id=pair_id))
    builder.button(text=t("pair-btn-reject"), callback_data=PairAction(action="r", pair_id=pair_id))
    return builder.as_markup()


async def match(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(MatchResults.proposals, mode=StartMode.RESET_STACK)


async def pending(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(PairCards.listing, data={"view": PENDING}, mode=StartMode.RESET_STACK)


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= _ID_DIGITS else None


def _pair_id(command: CommandObject) -> tuple[int | None, str | None]:
    parts = (command.args or "").split(maxsplit=1)
    if not parts or _number(parts[0]) is None:
        return None, None
    return int(parts[0]), (parts[1].strip() if len(parts) > 1 else None)


def _approved_text(card: PairCard, t: Localizer, shipped: ShippedQuestionnaires) -> str:
    key = "pair-approved-waiting" if card.pair.status == PairStatus.APPROVED else "pair-approved"
    return t(key, id=card.pair.id) + "\n" + render(card, t, shipped)


async def approve(
    message: Message, command: CommandObject, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer,
    questionnaires: ShippedQuestionnaires, consent_texts: ConsentTexts,
) -> None:
    pair_id, rest = _pair_id(command)
    if pair_id is None:
        await message.answer(t("pair-approve-usage"))
        return
    # A bad date is refused here, before anything changes.
    order_number, order_date = pairs.parse_order(rest, clock.now().date(), order_date_words(t))
    card = await pairs.approve(session, clock, actor, pair_id, order_number=order_number, order_date=order_date,
                               versions=consent_texts.versions)
    await message.answer(_approved_text(card, t, questionnaires))


async def reject(
    message: Message, command: CommandObject, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer
) -> None:
    pair_id, reason = _pair_id(command)
    if pair_id is None:
        await message.answer(t("pair-reject-usage"))
        return
    await pairs.reject(session, clock, actor, pair_id, reason)
    await message.answer(t("pair-rejected", id=pair_id))


async def pair_list(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(PairCards.listing, data={"view": DECIDED}, mode=StartMode.RESET_STACK)


async def propose(
    message: Message, command: CommandObject, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer,
    questionnaires: ShippedQuestionnaires,
) -> None:
    parts = (command.args or "").split()
    ids = [_number(p) for p in parts]
    if len(ids) != 2 or None in ids:
        await message.answer(t("pair-propose-usage"))
        return
    mentor_id, mentee_id = ids
    organisation_id = await pairs.organisation_of_person(session, actor, mentee_id)
    card = await pairs.propose_by_hand(session, clock, actor, organisation_id, mentor_id, mentee_id)
    await message.answer(t("pair-proposed", id=card.pair.id) + "\n" + render(card, t, questionnaires),
                         reply_markup=_buttons(card.pair.id, t))


async def end_pair(
    message: Message, command: CommandObject, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer
) -> None:
    pair_id, reason = _pair_id(command)
    if pair_id is None:
        await message.answer(t("pair-end-usage"))
        return
    if not reason:
        raise InvalidInput("pair-end-reason-needed")
    ended = await pairs.end_pair(session, clock, actor, pair_id, reason)
    await message.answer(t("pair-ended", id=pair_id, mentees=len(ended.mentee_person_ids)))


async def complete_pair(
    message: Message, command: CommandObject, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer
) -> None:
    pair_id, reason = _pair_id(command)
    if pair_id is None:
        await message.answer(t("pair-complete-usage"))
        return
    await pairs.end_pair(session, clock, actor, pair_id, reason, complete=True)
    await message.answer(t("pair-completed", id=pair_id))


async def requests(message: Message, dialog_manager: DialogManager) -> None:
    await dialog_manager.start(ChangeRequests.listing, mode=StartMode.RESET_STACK)


async def on_action(
    callback: CallbackQuery, callback_data: PairAction, session: AsyncSession, clock: Clock, actor: Actor,
    t: Localizer, questionnaires: ShippedQuestionnaires, consent_texts: ConsentTexts,
) -> None:
    if callback_data.action == "a":
        card = await pairs.approve(session, clock, actor, callback_data.pair_id, versions=consent_texts.versions)
        text = _approved_text(card, t, questionnaires)
        done = t("pair-approved-waiting-short" if card.pair.status == PairStatus.APPROVED else "pair-approved",
                 id=callback_data.pair_id)
    else:
        pair = await pairs.reject(session, clock, actor, callback_data.pair_id)
        text = done = t("pair-rejected", id=pair.id)
    if isinstance(callback.message, Message):
        await callback.message.edit_text(text, reply_markup=None)
    await callback.answer(done)


async def on_change(
    callback: CallbackQuery, callback_data: ChangeAction, session: AsyncSession, clock: Clock, actor: Actor,
    t: Localizer,
) -> None:
    end = callback_data.action == "e"
    request = await pair_changes.resolve(session, clock, actor, callback_data.request_id, end_pair=end)
    done = t("pair-change-ended" if end else "pair-change-kept-curator", id=request.id, pair=request.pair_id)
    if isinstance(callback.message, Message):
        await callback.message.edit_text(done, reply_markup=None)
    await callback.answer(done[:200])
