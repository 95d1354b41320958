"""Pairs: matching stored as proposals, the curator's decisions by command and button, the rules re-checked, the
database's "one live pair per mentee and form", and nobody else able to decide."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from db.models import AuditRow, PairMenteeRow, PairRow
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from db.repositories.questionnaires import QuestionnaireRepository
from db.transaction import transaction
from mentorship.entities import PairStatus
from mentorship.errors import DomainError, NotAllowed
from mentorship.roles import MentorshipForm, Role
from mentorship.services import pairs, questionnaires
from mentorship.services.people import load_actor
from mentorship.services.questionnaires import ShippedQuestionnaires
from tests.conftest import ADMIN_ID
from tests.flows import create_link, organisation_with_curator, register

CURATOR, OTHER_CURATOR = 2001, 2100
OLGA, PETR = 4001, 4002  # mentors (teachers)
IRINA, SERGEY = 3001, 3002  # mentees (young specialists)

MENTOR_ANSWERS = {
    OLGA: {"competences": ["teaching", "digital"], "subjects": ["math"], "capacity": 1, "format": "offline",
           "days": ["wed"], "day_parts": ["afternoon"]},
    PETR: {"competences": ["documents", "parents"], "subjects": ["history"], "capacity": 1, "format": "online",
           "days": ["mon"], "day_parts": ["evening"]},
}
MENTEE_ANSWERS = {
    IRINA: {"subjects": ["math"], "requests": ["teaching", "digital"], "format": "offline", "days": ["wed"],
            "day_parts": ["afternoon"]},
    SERGEY: {"subjects": ["history"], "requests": ["documents"], "format": "online", "days": ["mon"],
             "day_parts": ["evening"]},
}


async def give_answers(h, telegram_id: int, role: Role, answers: dict[str, Any]) -> None:
    """Intake answers written through the questionnaire service's storage, as the dialog would leave them."""
    async with transaction(h.app.session_factory) as session:
        person = await PersonRepository(session).by_telegram_id(telegram_id)
        progress = await questionnaires.start(session, h.clock, ShippedQuestionnaires.load(), person, 1, role)
        repo = QuestionnaireRepository(session)
        for question_id, value in answers.items():
            await repo.save_answer(progress.response.id, question_id, value, h.clock.now())
        await session.commit()


async def person_id(h, telegram_id: int) -> int:
    async with h.app.session_factory() as session:
        person = await PersonRepository(session).by_telegram_id(telegram_id)
        assert person is not None
        return person.id


async def snapshot(h) -> list[tuple]:
    async with h.app.session_factory() as session:
        pairs_ = (await session.execute(select(PairRow.id, PairRow.status, PairRow.reason).order_by(PairRow.id))).all()
        mentees = (await session.execute(select(PairMenteeRow.pair_id, PairMenteeRow.live).order_by(PairMenteeRow.pair_id))).all()
        return [tuple(r) for r in pairs_] + [tuple(r) for r in mentees]


@pytest.fixture
async def cohort(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(CURATOR)
    await organisation_with_curator(harness, admin, curator)
    mentor_link = await create_link(curator, "наставник", form_label="Любая форма")
    await register(harness.user(OLGA), mentor_link, name="Ольга <Учитель> & Co", birth_date="03.03.1980", category="Педагог")
    await register(harness.user(PETR), mentor_link, name="Пётр Ильич", birth_date="04.04.1975", category="Педагог")
    mentee_link = await create_link(curator, "наставляемый", form_label="Любая форма")
    await register(harness.user(IRINA), mentee_link, name="Ирина", birth_date="01.02.2001", category="Молодой специалист")
    await register(harness.user(SERGEY), mentee_link, name="Сергей", birth_date="05.06.2002", category="Молодой специалист")
    for telegram_id, answers in MENTOR_ANSWERS.items():
        await give_answers(harness, telegram_id, Role.MENTOR, answers)
    for telegram_id, answers in MENTEE_ANSWERS.items():
        await give_answers(harness, telegram_id, Role.MENTEE, answers)
    return curator


async def actor(h, telegram_id: int):
    async with h.app.session_factory() as session:
        return await load_actor(session, telegram_id, frozenset())


# --- service ------------------------------------------------------------------------------------------------------


async def test_suggest_stores_proposals_and_replaces_undecided_ones(harness, cohort):
    curator = await actor(harness, CURATOR)
    olga, petr, irina, sergey = [await person_id(harness, i) for i in (OLGA, PETR, IRINA, SERGEY)]
    async with transaction(harness.app.session_factory) as session:
        cards = await pairs.suggest(session, harness.clock, curator, 1)
        assert {(c.pair.mentor_person_id, c.pair.mentee_person_ids) for c in cards} == {(olga, (irina,)), (petr, (sergey,))}
        assert all(c.pair.status == PairStatus.PROPOSED and c.pair.form == MentorshipForm.TEACHER_TEACHER for c in cards)
        codes = {r["code"] for r in cards[0].pair.reasons}
        assert "shared_requests" in codes and all(set(r) <= {"code", "args", "concern"} for r in cards[0].pair.reasons)
        again = await pairs.suggest(session, harness.clock, curator, 1)
        assert len(again) == 2 and {c.pair.id for c in again}.isdisjoint({c.pair.id for c in cards})
        assert await session.scalar(select(func.count()).select_from(PairRow)) == 2
        # The audit log has ids and counts, never names.
        details = [row.details for row in await session.scalars(select(AuditRow).where(AuditRow.action.like("pair.%")))]
        assert details and "Ольга" not in repr(details)


async def test_approval_rechecks_rules_and_a_second_mentor_is_refused(harness, cohort):
    curator = await actor(harness, CURATOR)
    olga, petr, irina, sergey = [await person_id(harness, i) for i in (OLGA, PETR, IRINA, SERGEY)]
    async with transaction(harness.app.session_factory) as session:
        first = await pairs.propose_by_hand(session, harness.clock, curator, 1, olga, irina)
        second = await pairs.propose_by_hand(session, harness.clock, curator, 1, petr, irina)
        approved = await pairs.approve(session, harness.clock, curator, first.pair.id, order_number="45-о")
        assert approved.pair.status == PairStatus.ACTIVE and approved.pair.order_number == "45-о"
        with pytest.raises(DomainError) as refused:
            await pairs.approve(session, harness.clock, curator, second.pair.id)
        assert refused.value.key == "pair-violation-already_paired"
        # Olga's one place is taken now: a pair by hand with Sergey breaks her capacity, and says so.
        with pytest.raises(DomainError) as full:
            await pairs.propose_by_hand(session, harness.clock, curator, 1, olga, sergey)
        assert full.value.key == "pair-violation-no_capacity" and full.value.args_ == {"capacity": 1, "load": 1}
        rejected = await pairs.reject(session, harness.clock, curator, second.pair.id, "x" * 10)
        assert rejected.status == PairStatus.REJECTED
        with pytest.raises(DomainError) as long_reason:
            await pairs.reject(session, harness.clock, curator, first.pair.id, "x" * 301)
        assert long_reason.value.key in {"pair-not-proposed", "pair-reason-too-long"}


async def test_another_organisations_curator_changes_nothing(harness, cohort):
    await organisation_with_curator(harness, harness.user(ADMIN_ID), harness.user(OTHER_CURATOR), name="Гимназия № 1")
    own, stranger = await actor(harness, CURATOR), await actor(harness, OTHER_CURATOR)
    async with transaction(harness.app.session_factory) as session:
        cards = await pairs.suggest(session, harness.clock, own, 1)
    before = await snapshot(harness)
    async with harness.app.session_factory() as session:
        for call in (
            pairs.approve(session, harness.clock, stranger, cards[0].pair.id),
            pairs.reject(session, harness.clock, stranger, cards[0].pair.id, "нет"),
            pairs.suggest(session, harness.clock, stranger, 1),
            pairs.pending(session, stranger, 1),
            pairs.list_pairs(session, stranger, 1),
            pairs.propose_by_hand(session, harness.clock, stranger, 1, cards[0].pair.mentor_person_id,
                                  cards[0].pair.mentee_person_ids[0]),
        ):
            with pytest.raises(NotAllowed):
                await call
    assert await snapshot(harness) == before


async def test_the_database_allows_one_live_pair_per_mentee_and_form(harness, cohort):
    olga, petr, irina = [await person_id(harness, i) for i in (OLGA, PETR, IRINA)]
    async with harness.app.session_factory() as session:
        repo = PairRepository(session)
        common = dict(organisation_id=1, mentee_person_ids=[irina], form=MentorshipForm.TEACHER_TEACHER, score=1.0,
                      reasons=[], proposed_by_telegram_id=None, now=harness.clock.now())
        await repo.add(mentor_person_id=olga, status=PairStatus.ACTIVE, **common)
        await repo.add(mentor_person_id=petr, status=PairStatus.PROPOSED, **common)  # proposals are not live
        with pytest.raises(IntegrityError):
            await repo.add(mentor_person_id=petr, status=PairStatus.APPROVED, **common)


async def test_two_approvals_for_one_mentee_at_the_same_moment(harness, cohort, monkeypatch):
    """Both sessions read and re-check the rules before either writes; the unique index decides."""
    curator = await actor(harness, CURATOR)
    olga, petr, irina = [await person_id(harness, i) for i in (OLGA, PETR, IRINA)]
    async with transaction(harness.app.session_factory) as session:
        first = await pairs.propose_by_hand(session, harness.clock, curator, 1, olga, irina)
        second = await pairs.propose_by_hand(session, harness.clock, curator, 1, petr, irina)

    both_have_read = asyncio.Barrier(2)
    live_forms = PairRepository.live_forms_by_mentee

    async def read_together(self, *args, **kwargs):  # the last read before the rules are checked and it writes
        found = await live_forms(self, *args, **kwargs)
        await both_have_read.wait()
        return found

    monkeypatch.setattr(PairRepository, "live_forms_by_mentee", read_together)

    async def approve(pair_id: int) -> str:
        async with transaction(harness.app.session_factory) as session:
            try:
                await pairs.approve(session, harness.clock, curator, pair_id)
            except DomainError as error:
                return error.key
            return "approved"

    results = await asyncio.wait_for(asyncio.gather(approve(first.pair.id), approve(second.pair.id)), 60)
    assert sorted(results) == ["approved", "pair-mentee-taken"]
    async with harness.app.session_factory() as session:
        live = await session.scalar(select(func.count()).select_from(PairMenteeRow).where(PairMenteeRow.live.is_(True)))
        statuses = sorted(await session.scalars(select(PairRow.status)))
    assert live == 1 and statuses == ["active", "proposed"]


# --- commands -----------------------------------------------------------------------------------------------------


def message_with(h, person, text: str):
    return next(m for m in reversed(h.telegram.messages(person.id)) if text in m.shown and m.buttons())


def pair_number(text: str) -> int:
    """The number of the pair whose card `text` shows (/match shows one card a page, under its heading)."""
    return int(re.search(r"[№#](\d+) · ", text).group(1))


async def test_curator_matches_approves_rejects_and_lists(harness, cohort):
    curator = cohort
    await curator.send("/match")
    shown = curator.seen()
    assert any("Предлагаю 2 пары" in text for text in shown)
    olga_card = next(text for text in shown if "Ольга <Учитель> & Co — Ирина" in text)
    assert "почему подходят: запросы совпадают с умениями наставника — методика преподавания" in olga_card.lower()
    assert "один формат встреч — вживую" in olga_card and "есть общее свободное время — ср, днём" in olga_card
    assert "оба:" not in olga_card and "предметы:" not in olga_card  # no "Почему: оба: …: …" chains
    olga_pair = pair_number(olga_card)
    callback = await curator.click("Утвердить", message_with(harness, curator, "Ольга"))
    assert curator.alert(callback) == f"Пара №{olga_pair} утверждена."
    petr_card = next(text for text in curator.seen() if "Пётр Ильич — Сергей" in text)
    petr_pair = pair_number(petr_card)
    await curator.send(f"/reject {petr_pair} не совпадает <расписание>")
    assert curator.last == f"Пара №{petr_pair} отклонена."
    await curator.send("/pending")
    assert "Предложенных пар нет" in curator.last
    await curator.send("/pairs")
    assert "2 пары, действующих: 1" in curator.last
    assert any("действует" in label for label in curator.buttons())
    await curator.click("отклонена")
    assert "Причина отказа: не совпадает <расписание>" in curator.last
    await curator.send("/approve сорок")
    assert "Укажите номер пары" in curator.last
    await curator.send("/approve 999")
    assert "Пары №999 нет" in curator.last
    await curator.send(f"/approve {petr_pair}")
    assert "решение уже принято" in curator.last


async def test_approve_by_id_with_an_order_number(harness, cohort):
    curator = cohort
    await curator.send("/match")
    await curator.send("/pending")
    assert "Ждут решения 2 пары" in " ".join(curator.seen())
    await curator.click("Сергей")
    pair_id = pair_number(curator.last)
    await curator.send(f"/approve {pair_id} 45-о")
    assert f"Пара №{pair_id} утверждена." in curator.last and "Приказ № 45-о" in curator.last


async def test_outsiders_cannot_decide_pairs(harness, cohort):
    curator = cohort
    await organisation_with_curator(harness, harness.user(ADMIN_ID), harness.user(OTHER_CURATOR), name="Гимназия № 1")
    await curator.send("/match")
    card_message = message_with(harness, curator, "Ольга")
    pair_id = pair_number(card_message.shown)
    before = await snapshot(harness)
    forged = f"v1pr:a:{pair_id}"
    for outsider_id in (OLGA, IRINA, OTHER_CURATOR):
        outsider = harness.user(outsider_id)
        await outsider.send("/cancel")  # a participant's questionnaire may be open
        for command in (f"/approve {pair_id}", "/pending", f"/reject {pair_id}"):
            await outsider.send(command)
            if outsider_id == OTHER_CURATOR:
                expected = "Предложенных пар нет" if command == "/pending" else "У вас нет прав"
                assert expected in outsider.last
            else:
                assert "Эта команда вам недоступна" in outsider.last
        callback = await outsider.press(forged, card_message)
        assert curator.alert(callback) is not None
    assert await snapshot(harness) == before
    other = harness.user(OTHER_CURATOR)
    await other.send(f"/approve {pair_id}")
    assert "нет прав" in other.last


async def test_a_forbidden_pair_by_hand_names_the_rule(harness, cohort):
    curator = await actor(harness, CURATOR)
    olga = await person_id(harness, OLGA)
    async with transaction(harness.app.session_factory) as session:
        with pytest.raises(DomainError) as refused:
            await pairs.propose_by_hand(session, harness.clock, curator, 1, olga, olga)
    assert refused.value.key == "pair-violation-same_person" or refused.value.key == "pair-not-candidate"
    text = harness.app.translator.get("ru", "pair-violation-no_capacity", capacity=1, load=1)
    assert text == "У наставника нет свободных мест: 1 из 1."


# --- telling the pair ---------------------------------------------------------------------------------------------


async def test_an_active_pair_is_told_with_contacts_only_as_consented(harness, cohort):
    from db.repositories.consents import ConsentRepository
    from mentorship.consent import ConsentKind

    curator = cohort
    sergey = await person_id(harness, SERGEY)
    async with harness.app.session_factory() as session:
        await ConsentRepository(session).withdraw(sergey, 1, ConsentKind.CONTACTS, sergey, harness.clock.now())
        await session.commit()
    await curator.send("/match")
    await curator.click("Утвердить", message_with(harness, curator, "Ольга"))
    assert "ваш наставник" not in harness.telegram.last(IRINA).shown  # queued in the outbox, not sent inline
    assert await harness.deliver() == 2
    irina, olga = harness.telegram.last(IRINA), harness.telegram.last(OLGA)
    assert "ваш наставник — Ольга <Учитель> & Co" in irina.shown
    assert f'href="tg://user?id={OLGA}"' in irina.raw_text and "&lt;Учитель&gt; &amp; Co" in irina.raw_text
    assert "ваш наставляемый — Ирина" in olga.shown and f"tg://user?id={IRINA}" in olga.raw_text
    card = next(text for text in curator.seen() if "Сергей" in text)
    pair_id = pair_number(card)
    await curator.send(f"/approve {pair_id}")
    await harness.deliver()
    petr, sergey_chat = harness.telegram.last(PETR), harness.telegram.last(SERGEY)
    assert "ваш наставляемый — Сергей" in petr.shown and "поможет куратор" in petr.shown
    assert "tg://" not in petr.raw_text
    assert "ваш наставник — Пётр Ильич" in sergey_chat.shown and f"tg://user?id={PETR}" in sergey_chat.raw_text


async def test_a_guardian_hears_about_the_childs_pair(harness, cohort):
    from db.repositories.consents import ConsentRepository

    curator = await actor(harness, CURATOR)
    olga, irina, guardian = [await person_id(harness, i) for i in (OLGA, IRINA, CURATOR)]
    async with transaction(harness.app.session_factory) as session:
        # Any person can stand in for a parent here: the tie is what matters.
        await ConsentRepository(session).add_guardianship(guardian, irina, "mother", harness.clock.now())
        await session.commit()
        card = await pairs.propose_by_hand(session, harness.clock, curator, 1, olga, irina)
        assert await pairs.announcements(session, card.pair.id, harness.app.dispatcher["consent_texts"].versions) == []
        await pairs.approve(session, harness.clock, curator, card.pair.id)
        told = await pairs.announcements(session, card.pair.id, harness.app.dispatcher["consent_texts"].versions)
    assert [(a.person.id, a.key) for a in told] == [
        (olga, "pair-told-mentor-contact"),
        (irina, "pair-told-mentee-contact"),
        (guardian, "pair-told-guardian-mentee-contact"),
    ]
    assert told[2].args["child"] == "Ирина" and told[2].args["partner_tg"] == str(OLGA)
