"""How a pair, a matching reason and a mentee left without a mentor read to the curator: shared by the pair
commands and the pair dialogs (/match, /pairs, /pending, /requests, the registry's mentor choice).

Names are person data: they go into HTML messages through the translator, which escapes them; button labels are
plain text (Telegram does not parse them)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from bot.i18n import Localizer
from mentorship.entities import PairStatus, Person
from mentorship.matching import Reason, UnmatchedCode, Violation
from mentorship.services.pair_changes import ChangeCard
from mentorship.services.pairs import PairCard
from mentorship.services.questionnaires import ShippedQuestionnaires

#: A button's label is cut here so that a long name cannot crowd the keyboard (Telegram shows about 40).
LABEL_MAX = 60


def person_name(person: Person | None, t: Localizer) -> str:
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


def reason_text(item: Mapping[str, Any], t: Localizer, shipped: ShippedQuestionnaires) -> str:
    args = {}
    for name, value in (item.get("args") or {}).items():
        if isinstance(value, list):
            args[name] = ", ".join(_in_sentence(_label(shipped, t.locale, str(v))) for v in value)
        elif isinstance(value, str):
            args[name] = _in_sentence(_label(shipped, t.locale, value))
        else:
            args[name] = value
    return t(f"pair-reason-{item.get('code')}", **args)


def why(items: Sequence[Mapping[str, Any]], t: Localizer, shipped: ShippedQuestionnaires) -> list[str]:
    good = [reason_text(r, t, shipped) for r in items if not r.get("concern")]
    bad = [reason_text(r, t, shipped) for r in items if r.get("concern")]
    lines = []
    if good:
        lines.append(t("pair-why", reasons="; ".join(good)))
    if bad:
        lines.append(t("pair-concerns", reasons="; ".join(bad)))
    return lines


def matching_reasons(reasons: Sequence[Reason], concerns: Sequence[Reason]) -> list[dict[str, Any]]:
    """Matching's reasons in the shape pairs store them, so one rendering serves both."""
    return [{"code": str(r.code), "args": dict(r.args)} for r in reasons] + [
        {"code": str(r.code), "args": dict(r.args), "concern": True} for r in concerns
    ]


def render(card: PairCard, t: Localizer, shipped: ShippedQuestionnaires) -> str:
    pair = card.pair
    lines = [
        t(
            "pair-card",
            id=pair.id,
            mentor=person_name(card.mentor, t),
            mentees=", ".join(
                t("pause-mentee-mark", name=person_name(m, t)) if m is not None and m.id in pair.paused_mentee_ids
                else person_name(m, t) for m in card.mentees
            ),
            form=t(f"form-{pair.form.value}"),
            score=pair.score,
            status=t(f"pair-status-{pair.status.value}"),
            group=len(pair.mentee_person_ids),
        )
    ]
    by_mentee: dict[int | None, list[Mapping[str, Any]]] = defaultdict(list)
    for item in pair.reasons:
        by_mentee[item.get("mentee")].append(item)
    lines.extend(why(by_mentee.pop(None, []), t, shipped))
    names = dict(zip(pair.mentee_person_ids, card.mentees, strict=False))
    for mentee_id, items in by_mentee.items():  # a group: what fits, mentee by mentee
        lines.append(t("pair-group-member", name=person_name(names.get(mentee_id), t)))
        lines.extend("  " + line for line in why(items, t, shipped))
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


def shorten_label(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def pair_label(card: PairCard, t: Localizer) -> str:
    """One line of a pair list: a button's plain text."""
    mentees = ", ".join(person_name(m, t) for m in card.mentees)
    # Names go in as they are, not through the translator (which escapes them for HTML).
    return shorten_label(f"{t('pair-number', id=card.pair.id)} · {person_name(card.mentor, t)} — {mentees} · "
                         f"{t(f'pair-status-{card.pair.status.value}')}")


def unmatched_text(name: str, reasons: Sequence[Violation], t: Localizer) -> str:
    """Why matching left a mentee without a mentor, in words: what excluded how many mentors."""
    parts = []
    for violation in reasons:
        code = str(violation.code)
        key = f"match-unmatched-{code}" if code in set(UnmatchedCode) else f"match-excluded-{code}"
        parts.append(t(key, mentors=int(violation.args.get("mentors", 0))))
    return t("match-unmatched-line", name=name, reasons="; ".join(parts))


def request_text(card: ChangeCard, t: Localizer, shipped: ShippedQuestionnaires) -> str:
    """A mentee's request for another mentor as the curator reads it (the reason is shown to curators only)."""
    request = card.request
    return "\n".join([
        t("pair-change-card", id=request.id, mentee=person_name(card.mentee, t), pair=request.pair_id,
          date=request.created_at.strftime("%d.%m.%Y")),
        t("pair-change-card-reason", reason=request.reason or "—"),
        render(card.pair, t, shipped),
    ])


#: A card's text stays under Telegram's 4096 characters a message, with room for the notice above it.
CARD_MAX = 3500


def fit(text: str, limit: int = CARD_MAX) -> str:
    """Whole lines up to `limit`, then "…": a big group's card is cut between lines, never inside an HTML entity."""
    if len(text) <= limit:
        return text
    kept, size = [], 0
    for line in text.split("\n"):
        if size + len(line) + 1 > limit - 2:
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept) + "\n…"


def order_date_words(t: Localizer) -> frozenset[str]:
    """The words a curator may type before an approval order's date, in any language (`pair-order-date-words`)."""
    return t.translator.input_words("pair-order-date-words")
