"""Curator commands for pairs: /match, /pending, /approve, /reject, /pairs, /propose, /endpair, /completepair,
/requests, and their buttons.

Thin on purpose: parse, call one service function (which checks the curator's authority again, so a forged
callback changes nothing), render codes from locales. Everything the pair is told goes through the outbox, written
by the service in the transaction of the decision.
"""

from __future__ import annotations

from collections import defaultdict

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import ChangeAction, PairAction
from bot.consent_texts import ConsentTexts
from bot.filters import IsCurator
from bot.i18n import Localizer
from mentorship.clock import Clock
from mentorship.entities import Actor, PairStatus, Person
from mentorship.errors import InvalidInput
from mentorship.services import pair_changes, pairs
from mentorship.services.pair_changes import ChangeCard
from mentorship.services.pairs import PairCard
from mentorship.services.questionnaires import ShippedQuestionnaires

#: Proposals shown one message each after /match and /pending; the rest are counted.
SHOWN = 10
#: Pair cards per message in /pairs (Telegram allows 4096 characters a message).
PER_MESSAGE = 8
_ID_DIGITS = 9


def setup() -> Router:
    router = Router(name="pairs")
    router.message.filter(F.chat.type == "private")
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


def _name(person: Person | None, t: Localizer) -> str:
    return person.full_name if person is not None and person.full_name else t("pair-erased-person")


def _label(shipped: ShippedQuestionnaires, locale: str, tag: str) -> str:
    """An answer option's wording from the questionnaires (one vocabulary across them)."""
    for questionnaire in shipped.definitions:
        for question in questionnaire.questions:
            option = question.option(tag)
            if option is not None:
                return option.text.get(locale)
    return tag


def _in_sentence(label: str) -> str:
    """Lower-case an option's first letter inside a list, unless the word is an abbreviation (its second letter is a capital)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _reason(item: dict, t: Localizer, shipped: ShippedQuestionnaires) -> str:
    args = {}
    for name, value in (item.get("args") or {}).items():
        if isinstance(value, list):
            args[name] = ", ".join(_in_sentence(_label(shipped, t.locale, str(v))) for v in value)
        elif isinstance(value, str):
            args[name] = _in_sentence(_label(shipped, t.locale, value))
        else:
            args[name] = value
    return t(f"pair-reason-{item.get('code')}", **args)


def _why(items: list[dict], t: Localizer, shipped: ShippedQuestionnaires) -> list[str]:
    good = [_reason(r, t, shipped) for r in items if not r.get("concern")]
    bad = [_reason(r, t, shipped) for r in items if r.get("concern")]
    lines = []
    if good:
        lines.append(t("pair-why", reasons="; ".join(good)))
    if bad:
        lines.append(t("pair-concerns", reasons="; ".join(bad)))
    return lines


def render(card: PairCard, t: Localizer, shipped: ShippedQuestionnaires) -> str:
    pair = card.pair
    lines = [
        t(
            "pair-card",
            id=pair.id,
            mentor=_name(card.mentor, t),
            mentees=", ".join(
                t("pause-mentee-mark", name=_name(m, t)) if m is not None and m.id in pair.paused_mentee_ids
                else _name(m, t) for m in card.mentees
            ),
            form=t(f"form-{pair.form.value}"),
            score=pair.score,
            status=t(f"pair-status-{pair.status.value}"),
            group=len(pair.mentee_person_ids),
        )
    ]
    by_mentee: dict[int | None, list[dict]] = defaultdict(list)
    for item in pair.reasons:
        by_mentee[item.get("mentee")].append(item)
    lines.extend(_why(by_mentee.pop(None, []), t, shipped))
    names = dict(zip(pair.mentee_person_ids, card.mentees, strict=False))
    for mentee_id, items in by_mentee.items():  # a group: what fits, mentee by mentee
        lines.append(t("pair-group-member", name=_name(names.get(mentee_id), t)))
        lines.extend("  " + line for line in _why(items, t, shipped))
    if pair.status == PairStatus.SUSPENDED and pair.suspended_at is not None:
        lines.append(t("pause-card-note", id=pair.id, date=pair.suspended_at.strftime("%d.%m.%Y")))
    elif pair.status == PairStatus.ACTIVE and pair.paused_mentee_ids:
        lines.append(t("pause-card-note-group", count=len(pair.paused_mentee_ids)))
    if pair.reason:
        key = "pair-rejected-because" if pair.status == PairStatus.REJECTED else "pair-ended-because"
        lines.append(t(key, reason=pair.reason))
    if pair.order_number:
        if pair.order_date:
            lines.append(t("pair-order-dated", number=pair.order_number, date=pair.order_date.strftime("%d.%m.%Y")))
        else:
            lines.append(t("pair-order", number=pair.order_number))
    return "\n".join(lines)


def _buttons(pair_id: int, t: Localizer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("pair-btn-approve"), callback_data=PairAction(action="a", pair_id=pair_id))
    builder.button(text=t("pair-btn-reject"), callback_data=PairAction(action="r", pair_id=pair_id))
    return builder.as_markup()


async def _show_proposals(message: Message, cards: list[PairCard], t: Localizer, shipped: ShippedQuestionnaires) -> None:
    for card in cards[:SHOWN]:
        await message.answer(render(card, t, shipped), reply_markup=_buttons(card.pair.id, t))
    if len(cards) > SHOWN:
        await message.answer(t("pair-more", count=len(cards) - SHOWN))


async def match(
    message: Message, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer,
    questionnaires: ShippedQuestionnaires,
) -> None:
    for organisation_id in actor.curated_organisations():
        cards = await pairs.suggest(session, clock, actor, organisation_id)
        groups = sum(1 for c in cards if c.pair.is_group)
        await message.answer(t("pair-suggested", count=len(cards)) + (
            "\n" + t("pair-suggested-groups", count=groups) if groups else ""))
        await _show_proposals(message, cards, t, questionnaires)


async def pending(
    message: Message, session: AsyncSession, actor: Actor, t: Localizer, questionnaires: ShippedQuestionnaires
) -> None:
    for organisation_id in actor.curated_organisations():
        cards = await pairs.pending(session, actor, organisation_id)
        await message.answer(t("pair-pending", count=len(cards)))
        await _show_proposals(message, cards, t, questionnaires)


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
    order_number, order_date = pairs.parse_order(rest, clock.now().date())
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


async def pair_list(
    message: Message, session: AsyncSession, actor: Actor, t: Localizer, questionnaires: ShippedQuestionnaires
) -> None:
    for organisation_id in actor.curated_organisations():
        cards = await pairs.list_pairs(session, actor, organisation_id)
        live = sum(1 for c in cards if c.pair.status in (PairStatus.APPROVED, PairStatus.ACTIVE))  # not suspended
        rendered = [render(card, t, questionnaires) for card in cards]
        head = t("pair-list", count=len(cards), live=live)
        for start in range(0, max(len(rendered), 1), PER_MESSAGE):
            chunk = rendered[start : start + PER_MESSAGE]
            await message.answer("\n\n".join(([head] if start == 0 else []) + chunk))


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


def _request_text(card: ChangeCard, t: Localizer, shipped: ShippedQuestionnaires) -> str:
    request = card.request
    return "\n".join([
        t("pair-change-card", id=request.id, mentee=_name(card.mentee, t), pair=request.pair_id,
          date=request.created_at.strftime("%d.%m.%Y")),
        t("pair-change-card-reason", reason=request.reason or "—"),
        render(card.pair, t, shipped),
        t("pair-change-card-hint", pair=request.pair_id),
    ])


def _change_buttons(request_id: int, t: Localizer) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("pair-change-btn-end"), callback_data=ChangeAction(action="e", request_id=request_id))
    builder.button(text=t("pair-change-btn-keep"), callback_data=ChangeAction(action="k", request_id=request_id))
    builder.adjust(1)
    return builder.as_markup()


async def requests(
    message: Message, session: AsyncSession, actor: Actor, t: Localizer, questionnaires: ShippedQuestionnaires
) -> None:
    for organisation_id in actor.curated_organisations():
        cards = await pair_changes.open_requests(session, actor, organisation_id)
        await message.answer(t("pair-change-list", count=len(cards)))
        for card in cards:
            await message.answer(_request_text(card, t, questionnaires), reply_markup=_change_buttons(card.request.id, t))


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
