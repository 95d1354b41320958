"""Curator commands for pairs: /match, /pending, /approve, /reject, /pairs, and the approve/reject buttons.

Thin on purpose: parse, call one service function (which checks the curator's authority again, so a forged
callback changes nothing), render codes from locales.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consent_texts import ConsentTexts
from bot.filters import IsCurator
from bot.i18n import Localizer, Translator
from bot.notify import tell
from mentorship.clock import Clock
from mentorship.entities import Actor, PairStatus, Person
from mentorship.services import pairs
from mentorship.services.pairs import PairCard
from mentorship.services.questionnaires import ShippedQuestionnaires

#: Proposals shown one message each after /match and /pending; the rest are counted.
SHOWN = 10


class PairAction(CallbackData, prefix="v1pr"):
    action: str  # "a" approve, "r" reject
    pair_id: int


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
    router.callback_query.register(on_action, PairAction.filter(F.action.in_({"a", "r"})))
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
    """"Математика" → "математика" inside a list, but "IT и программирование" stays as it is."""
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


def render(card: PairCard, t: Localizer, shipped: ShippedQuestionnaires) -> str:
    pair = card.pair
    lines = [
        t(
            "pair-card",
            id=pair.id,
            mentor=_name(card.mentor, t),
            mentees=", ".join(_name(m, t) for m in card.mentees),
            form=t(f"form-{pair.form.value}"),
            score=pair.score,
            status=t(f"pair-status-{pair.status.value}"),
        )
    ]
    good = [_reason(r, t, shipped) for r in pair.reasons if not r.get("concern")]
    bad = [_reason(r, t, shipped) for r in pair.reasons if r.get("concern")]
    if good:
        lines.append(t("pair-why", reasons="; ".join(good)))
    if bad:
        lines.append(t("pair-concerns", reasons="; ".join(bad)))
    if pair.reason:
        lines.append(t("pair-rejected-because", reason=pair.reason))
    if pair.order_number:
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
        await message.answer(t("pair-suggested", count=len(cards)))
        await _show_proposals(message, cards, t, questionnaires)


async def pending(
    message: Message, session: AsyncSession, actor: Actor, t: Localizer, questionnaires: ShippedQuestionnaires
) -> None:
    for organisation_id in actor.curated_organisations():
        cards = await pairs.pending(session, actor, organisation_id)
        await message.answer(t("pair-pending", count=len(cards)))
        await _show_proposals(message, cards, t, questionnaires)


def _pair_id(command: CommandObject) -> tuple[int | None, str | None]:
    parts = (command.args or "").split(maxsplit=1)
    if not parts or not parts[0].isdigit() or len(parts[0]) > 9:
        return None, None
    return int(parts[0]), (parts[1].strip() if len(parts) > 1 else None)


async def _announce(bot: Bot, session: AsyncSession, translator: Translator, consent_texts: ConsentTexts, pair_id: int) -> None:
    for announcement in await pairs.announcements(session, pair_id, consent_texts.versions):
        await tell(bot, translator, announcement.person, announcement.key, **announcement.args)


async def approve(
    message: Message, command: CommandObject, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer,
    questionnaires: ShippedQuestionnaires, bot: Bot, translator: Translator, consent_texts: ConsentTexts,
) -> None:
    pair_id, order_number = _pair_id(command)
    if pair_id is None:
        await message.answer(t("pair-approve-usage"))
        return
    card = await pairs.approve(session, clock, actor, pair_id, order_number=order_number)
    await message.answer(t("pair-approved", id=pair_id) + "\n" + render(card, t, questionnaires))
    await _announce(bot, session, translator, consent_texts, pair_id)


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
        live = sum(1 for c in cards if c.pair.status in (PairStatus.APPROVED, PairStatus.ACTIVE))
        lines = [t("pair-list", count=len(cards), live=live)]
        lines.extend(render(card, t, questionnaires) for card in cards)
        await message.answer("\n\n".join(lines))


async def on_action(
    callback: CallbackQuery, callback_data: PairAction, session: AsyncSession, clock: Clock, actor: Actor,
    t: Localizer, questionnaires: ShippedQuestionnaires, bot: Bot, translator: Translator, consent_texts: ConsentTexts,
) -> None:
    if callback_data.action == "a":
        card = await pairs.approve(session, clock, actor, callback_data.pair_id)
        text, done = render(card, t, questionnaires), t("pair-approved", id=callback_data.pair_id)
    else:
        pair = await pairs.reject(session, clock, actor, callback_data.pair_id)
        text, done = t("pair-rejected", id=pair.id), t("pair-rejected", id=pair.id)
    if isinstance(callback.message, Message):
        await callback.message.edit_text(text, reply_markup=None)
    await callback.answer(done)
    if callback_data.action == "a":
        await _announce(bot, session, translator, consent_texts, callback_data.pair_id)
