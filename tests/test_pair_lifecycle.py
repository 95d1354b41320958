"""A pair's life after the proposal: pairs by hand from the bot, waiting for a parent's consent, order dates, groups,
ending and completing, a mentee's request for another mentor, erasure of its reason, and who may do none of it.
Every notice goes through the outbox: the tests deliver it (`h.deliver()`) and read what each person sees."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.models import AuditRow, PairChangeRequestRow, PairMenteeRow, PairRow
from db.repositories.people import PersonRepository
from db.transaction import transaction
from mentorship.errors import DomainError, InvalidInput
from mentorship.roles import ParticipationStatus, Role
from mentorship.services import pairs
from mentorship.services.privacy import erase
from tests.conftest import ADMIN_ID
from tests.fixtures.lifecycle import (
    DIMA,
    MASHA,
    PARENT,
    approved_olga_irina,
    build_cohort,
    card_id,
    parent_consents,
)
from tests.fixtures.pairs import (
    CURATOR,
    IRINA,
    OLGA,
    OTHER_CURATOR,
    PETR,
    SERGEY,
    actor,
    message_with,
    person_id,
    snapshot,
)
from tests.flows import organisation_with_curator
from tests.world import translator_for


async def pair_row(h, pair_id: int) -> PairRow:
    async with h.app.session_factory() as session:
        return await session.get(PairRow, pair_id)


# --- waiting for a parent --------------------------------------------------------------------------------------


async def test_a_pair_waits_for_the_parent_and_starts_when_the_parent_consents(harness, school):
    curator, dima, masha, parent = school, harness.user(DIMA), harness.user(MASHA), harness.user(PARENT)
    dima_id, masha_id = await person_id(harness, DIMA), await person_id(harness, MASHA)
    # The registry shows each person's number, which /propose takes.
    await curator.send("/participants")
    await curator.click("Маша Иванова")
    assert f"№ {masha_id}" in curator.last and "/propose" in curator.last
    await curator.send("/cancel")
    # /match pairs active people only: Masha waits for her mother.
    await curator.send("/match")
    assert "Подходящих пар не нашлось" in curator.last

    await curator.send(f"/propose {dima_id} {masha_id}")
    assert "предложена" in curator.last and "Дима Старший — Маша Иванова" in curator.last
    pair_id = card_id(curator.last)
    callback = await curator.click("Утвердить")
    assert curator.alert(callback) == f"Пара №{pair_id} утверждена и ждёт согласий."
    assert "утверждена, ждёт согласий" in curator.last
    row = await pair_row(harness, pair_id)
    assert row.status == "approved" and row.activated_at is None
    # Nobody is told anything before consent: no partner's data goes anywhere.
    dima_seen, masha_seen = len(dima.seen()), len(masha.seen())
    assert await harness.deliver() == 0
    await harness.restart()  # the waiting pair lives in the database, not in the process

    await parent_consents(harness, masha, parent)
    row = await pair_row(harness, pair_id)
    assert row.status == "active" and row.activated_at == harness.clock.now()
    # Four about the pair (mentor, mentee, parent, curator), two about the consent itself (child, curator).
    assert await harness.deliver() == 6
    told_dima = " ".join(dima.seen_since(dima_seen))
    told_masha = " ".join(masha.seen_since(masha_seen))
    assert "твой наставляемый — Маша Иванова" in told_dima  # pupils are spoken to with «ты»
    assert "твой наставник — Дима Старший" in told_masha
    assert "Вашему ребёнку (Маша Иванова) назначен наставник — Дима Старший" in parent.last
    assert f"Пара №{pair_id} (Дима Старший — Маша Иванова) начала работу" in " ".join(curator.seen()[-2:])
    await curator.send("/pairs")
    await curator.click(f"№{pair_id} ")
    assert "действует" in curator.last

    # The programme done: both sides and the mother hear of it.
    await curator.send(f"/completepair {pair_id}")
    assert f"Пара №{pair_id} отмечена как прошедшая программу" in curator.last
    await harness.deliver()
    assert "программа пройдена" in dima.last and "программа пройдена" in masha.last
    # Declined: «пара Маши Ивановой», not «пара Маша Иванова».
    assert "Наставническая пара Маши Ивановой (Дима Старший) завершена" in parent.last
    row = await pair_row(harness, pair_id)
    assert row.status == "completed" and row.ended_at is not None and row.ended_by_telegram_id == CURATOR


async def test_a_declined_participant_cannot_be_paired_by_hand(harness, school):
    from db.repositories.consents import ConsentRepository

    async with harness.app.session_factory() as session:
        await ConsentRepository(session).set_status(await person_id(harness, MASHA), 1, ParticipationStatus.DECLINED)
        await session.commit()
    curator = school
    await curator.send(f"/propose {await person_id(harness, DIMA)} {await person_id(harness, MASHA)}")
    assert "Наставляемый сейчас не может участвовать в подборе" in curator.last
    assert await snapshot(harness) == []


# --- adults: by hand, order dates, ending ------------------------------------------------------------------------


@pytest.fixture
async def cohort(harness):
    from tests.fixtures.pairs import MENTEE_ANSWERS, MENTOR_ANSWERS

    return await build_cohort(harness, MENTOR_ANSWERS, MENTEE_ANSWERS)


async def test_propose_by_hand_from_the_bot_names_the_broken_rule(harness, cohort):
    curator = cohort
    olga, petr, irina = [await person_id(harness, i) for i in (OLGA, PETR, IRINA)]
    for bad in ("/propose", "/propose 1", f"/propose {olga} x", "/propose 1 2 3", "/propose 9999999999 1"):
        await curator.send(bad)
        assert "Укажите номер наставника и номер наставляемого" in curator.last, bad
    await curator.send(f"/propose {olga} 999999")
    assert "Участника №999999 нет" in curator.last
    await curator.send(f"/propose {olga} {olga}")
    assert "Нельзя назначить человека наставником самому себе." in curator.last
    await curator.send(f"/propose {irina} {olga}")  # the wrong way round
    assert "не может участвовать в подборе" in curator.last
    assert await snapshot(harness) == []
    await curator.send(f"/propose {olga} {irina}")
    first = card_id(curator.last)
    await curator.send(f"/approve {first} 45-о от 01.09.2026")
    assert "Приказ № 45-о от 01.09.2026" in curator.last
    row = await pair_row(harness, first)
    assert row.order_number == "45-о" and row.order_date.isoformat() == "2026-09-01"
    await curator.send(f"/propose {petr} {irina}")
    assert "У наставляемого уже есть пара в этой форме наставничества." in curator.last


async def test_bad_order_dates_change_nothing(harness, cohort):
    curator = cohort
    await curator.send("/match")
    pair_id = card_id(message_with(harness, curator, "Ольга").shown)
    before = await snapshot(harness)
    for command, answer in (
        (f"/approve {pair_id} 45-о от 31.02.2026", "Не понимаю дату приказа «31.02.2026»"),
        (f"/approve {pair_id} 45-о 1.9.26", "Не понимаю дату приказа"),
        (f"/approve {pair_id} 45-о от 01.09.1812", "Не понимаю дату приказа"),
        (f"/approve {pair_id} 45-о от", "После «от» нужна дата приказа"),
        (f"/approve {pair_id} 01.09.2026", "Дата приказа без номера"),
        (f"/approve {pair_id} {'№' * 41}", "Номер приказа слишком длинный"),
    ):
        await curator.send(command)
        assert answer in curator.last, command
    assert await snapshot(harness) == before
    await curator.send(f"/approve {pair_id} 45-о 02.09.2026")
    assert "Приказ № 45-о от 02.09.2026" in curator.last


async def test_ending_a_pair_early_tells_both_and_frees_the_mentee(harness, cohort):
    curator = cohort
    await curator.send("/match")
    olga_pair = card_id(message_with(harness, curator, "Ольга").shown)
    await curator.send(f"/approve {olga_pair}")
    await harness.deliver()
    await curator.send(f"/endpair {olga_pair}")
    assert "Напишите причину после номера пары" in curator.last
    await curator.send(f"/endpair {olga_pair} {'x' * 301}")
    assert "не больше 300" in curator.last
    assert (await pair_row(harness, olga_pair)).status == "active"
    # Irina reads English: notices are rendered in the recipient's language when they are sent.
    async with harness.app.session_factory() as session:
        await PersonRepository(session).set_locale(await person_id(harness, IRINA), "en")
        await session.commit()
    await curator.send(f"/endpair {olga_pair} наставник <уехал> на курсы")
    assert f"Пара №{olga_pair} завершена досрочно" in curator.last
    await harness.deliver()
    olga, irina = harness.user(OLGA), harness.user(IRINA)
    # The curator who ended it is named, so they know whom to ask.
    assert (f"Наставническая пара №{olga_pair} (Ирина) завершена по решению куратора — Анна Петровна. "
            "Причина: наставник <уехал> на курсы") in olga.last
    assert irina.last.startswith(f"Mentorship pair #{olga_pair} (Ольга <Учитель> & Co) was ended by the curator, Анна Петровна.")
    row = await pair_row(harness, olga_pair)
    assert row.status == "ended" and row.reason == "наставник <уехал> на курсы"
    async with harness.app.session_factory() as session:
        assert not any(await session.scalars(select(PairMenteeRow.live).where(PairMenteeRow.pair_id == olga_pair)))
        audit = (await session.scalars(select(AuditRow).where(AuditRow.action == "pair.ended"))).one()
    assert audit.details == {"with_reason": True, "on_request": False} and "уехал" not in repr(audit.details)
    await curator.send(f"/endpair {olga_pair} ещё раз")
    assert "сейчас не действует" in curator.last
    await curator.send(f"/completepair {olga_pair}")
    assert "сейчас не действует" in curator.last
    # Irina is matched again, with someone other than the mentor of the ended pair.
    await curator.send("/match")
    irina_id, olga_id = await person_id(harness, IRINA), await person_id(harness, OLGA)
    async with harness.app.session_factory() as session:
        proposed = (await session.execute(
            select(PairRow.mentor_person_id).join(PairMenteeRow, PairMenteeRow.pair_id == PairRow.id)
            .where(PairRow.status == "proposed", PairMenteeRow.mentee_person_id == irina_id)
        )).scalars().all()
    assert proposed and olga_id not in proposed


# --- groups -----------------------------------------------------------------------------------------------------


GROUP_MENTORS = {
    OLGA: {"competences": ["teaching", "digital", "documents"], "subjects": ["math", "history"], "capacity": 3,
           "format": "offline", "days": ["wed", "mon"], "day_parts": ["afternoon", "evening"]},
    PETR: {"competences": ["parents"], "subjects": ["art"], "capacity": 1, "format": "online", "days": ["sat"],
           "day_parts": ["morning"]},
}
GROUP_MENTEES = {
    IRINA: {"subjects": ["math"], "requests": ["teaching", "digital"], "format": "offline", "days": ["wed"],
            "day_parts": ["afternoon"]},
    SERGEY: {"subjects": ["history"], "requests": ["documents"], "format": "offline", "days": ["mon"],
             "day_parts": ["evening"]},
}


async def test_a_mentor_with_places_gets_one_group_proposal(harness):
    curator = await build_cohort(harness, GROUP_MENTORS, GROUP_MENTEES)
    await curator.send("/match")
    shown = " ".join(curator.seen())
    assert "Предлагаю 1 пару" in shown and "Среди них 1 группа" in shown
    card = message_with(harness, curator, "Группа из 2")
    assert "Ольга <Учитель> & Co — Ирина, Сергей" in card.shown
    assert "Ирина:" in card.shown and "Сергей:" in card.shown  # why it fits, mentee by mentee
    group_id = card_id(card.shown)
    await curator.click("Утвердить", card)
    async with harness.app.session_factory() as session:
        live = (await session.execute(
            select(PairMenteeRow.mentee_person_id).where(PairMenteeRow.pair_id == group_id, PairMenteeRow.live)
        )).scalars().all()
    assert len(live) == 2 and (await pair_row(harness, group_id)).status == "active"
    await harness.deliver()
    olga = harness.user(OLGA)
    assert any("ваш наставляемый — Ирина" in t for t in olga.seen()) and "ваш наставляемый — Сергей" in " ".join(olga.seen())
    assert "ваш наставник — Ольга" in harness.user(SERGEY).last


async def test_approving_a_group_checks_every_mentee(harness):
    await build_cohort(harness, GROUP_MENTORS, GROUP_MENTEES)
    curator = await actor(harness, CURATOR)
    petr, sergey = await person_id(harness, PETR), await person_id(harness, SERGEY)
    async with transaction(harness.app.session_factory) as session:
        (group,) = await pairs.suggest(session, harness.clock, curator, 1)
        assert group.pair.is_group
        # Sergey gets a pair of his own before the group is decided.
        own = await pairs.propose_by_hand(session, harness.clock, curator, 1, petr, sergey)
        await pairs.approve(session, harness.clock, curator, own.pair.id)
        with pytest.raises(DomainError) as refused:
            await pairs.approve(session, harness.clock, curator, group.pair.id)
    assert refused.value.key == "pair-violation-already_paired"
    assert (await pair_row(harness, group.pair.id)).status == "proposed"


# --- a mentee asks for another mentor -------------------------------------------------------------------------


async def test_change_request_goes_to_the_curator_who_ends_the_pair(harness, cohort):
    curator, irina, olga = cohort, harness.user(IRINA), harness.user(OLGA)
    pair_id = await approved_olga_irina(harness, curator)
    await irina.send("/changementor")
    assert "почему вы хотите другого наставника" in irina.last and "до 500 знаков" in irina.last
    # Each refusal comes on top of the question asked again, in one message.
    await irina.send_sticker()
    assert irina.last.startswith("Пожалуйста, напишите ответ текстом.") and "другого наставника" in irina.last
    await irina.send("   ")
    assert irina.last.startswith("Напишите причину словами") and "другого наставника" in irina.last
    await irina.send("я" * 501)
    assert irina.last.startswith("Слишком длинно: 501 знак, а можно до 500") and "другого наставника" in irina.last
    await irina.send("я" * 502)
    assert irina.last.startswith("Слишком длинно: 502 знака, а можно до 500")
    async with harness.app.session_factory() as session:
        assert (await session.scalars(select(PairChangeRequestRow))).all() == []
    await irina.send("<b>Не сошлись</b> & характерами")
    assert "куратор получил вашу просьбу" in irina.last
    await irina.send("/changementor")
    assert "Вы уже попросили другого наставника" in irina.last
    olga_seen = len(olga.seen())
    await harness.deliver()
    assert f"Ирина просит сменить наставника (пара №{pair_id}" in curator.last
    assert len(olga.seen()) == olga_seen  # the mentor hears nothing of it

    await curator.send("/requests")
    assert "1 просьба сменить наставника" in curator.last
    await curator.click("Ирина")
    assert "Причина (видите только вы): <b>Не сошлись</b> & характерами" in curator.last
    await curator.click("Завершить пару и вернуть в подбор")
    assert f"пара №{pair_id} завершена, наставляемый снова участвует в подборе" in curator.last
    await harness.deliver()
    assert "Куратор выполнил вашу просьбу" in irina.last
    assert olga.last == (f"Наставническая пара №{pair_id} (Ирина) завершена по решению куратора — Анна Петровна. "
                         "Если есть вопросы, нажмите на имя куратора, чтобы написать.")
    assert not any("сошлись" in text for text in olga.seen())
    async with harness.app.session_factory() as session:
        request = (await session.scalars(select(PairChangeRequestRow))).one()
        assert request.status == "done" and request.resolved_by_telegram_id == CURATOR
    row = await pair_row(harness, pair_id)
    assert row.status == "ended" and row.reason is None
    # The button again (a double tap), and /requests now empty.
    await curator.press(f"v1cr:e:{request.id}", harness.telegram.last_with_buttons(CURATOR))
    await curator.send("/requests")
    assert "Просьб сменить наставника нет" in curator.last
    # Back in the pool: the next /match proposes Irina again.
    await curator.send("/match")
    pages = [curator.last]
    while "▶" in curator.buttons():  # one proposal a page
        await curator.click("▶")
        pages.append(curator.last)
    assert any("— Ирина" in text for text in pages)


async def test_curator_keeps_the_pair_and_the_mentee_is_told(harness, cohort):
    curator, irina = cohort, harness.user(IRINA)
    pair_id = await approved_olga_irina(harness, curator)
    await irina.send("/changementor")
    await irina.send("Хочу другого")
    await curator.send("/requests")
    await curator.click("Ирина")
    await curator.click("Оставить пару")
    assert f"пара №{pair_id} остаётся" in curator.last
    await harness.deliver()
    assert f"решил оставить пару №{pair_id}" in irina.last
    assert (await pair_row(harness, pair_id)).status == "active"
    # Having been answered, she may ask again.
    await irina.send("/changementor")
    assert "почему вы хотите другого наставника" in irina.last


async def test_erasure_deletes_the_reason_for_a_change(harness, cohort):
    curator, irina = cohort, harness.user(IRINA)
    await approved_olga_irina(harness, curator)
    await irina.send("/changementor")
    await irina.send("Мои личные причины")
    irina_id = await person_id(harness, IRINA)
    async with transaction(harness.app.session_factory) as session:
        person = await PersonRepository(session).get(irina_id)
        await erase(session, harness.clock, person, irina_id, "request", dialogs=harness.app.storage)
    async with harness.app.session_factory() as session:
        reasons = (await session.scalars(select(PairChangeRequestRow.reason))).all()
    assert reasons == [None]


# --- who may not ------------------------------------------------------------------------------------------------


async def test_nobody_else_decides_pairs_or_requests(harness, cohort):
    curator = cohort
    pair_id = await approved_olga_irina(harness, curator)
    irina = harness.user(IRINA)
    await irina.send("/changementor")
    await irina.send("Причина")
    async with harness.app.session_factory() as session:
        request_id = (await session.scalars(select(PairChangeRequestRow.id))).one()
    await curator.send("/match")
    proposal = message_with(harness, curator, "Сергей")
    # A parent: Sergey's mother, tied to him as a guardian.
    from db.repositories.consents import ConsentRepository

    await organisation_with_curator(harness, harness.user(ADMIN_ID), harness.user(OTHER_CURATOR), name="Гимназия № 1")
    async with harness.app.session_factory() as session:
        people = PersonRepository(session)
        mother_id = await people.add(telegram_id=PARENT, full_name="Мама Сергея", date_of_birth=None, category=None,
                                     group_name=None, locale="ru", now=harness.clock.now())
        await people.add_membership(person_id=mother_id, role=Role.GUARDIAN, organisation_id=1, municipality=None,
                                    form=None, invitation_id=None, now=harness.clock.now(),
                                    status=ParticipationStatus.ACTIVE)
        await ConsentRepository(session).add_guardianship(mother_id, await person_id(harness, SERGEY), "mother",
                                                          harness.clock.now())
        await session.commit()
    before = await snapshot(harness)
    async with harness.app.session_factory() as session:
        requests_before = [tuple(r) for r in (await session.execute(select(PairChangeRequestRow.id, PairChangeRequestRow.status)))]
    for outsider_id in (OLGA, IRINA, PARENT, OTHER_CURATOR):
        outsider = harness.user(outsider_id)
        await outsider.send("/cancel")
        for command in (f"/approve {card_id(proposal.shown)}", "/pending", f"/endpair {pair_id} x",
                        f"/completepair {pair_id}", "/requests", "/propose 1 2"):
            await outsider.send(command)
            if outsider_id == OTHER_CURATOR:
                assert any(s in outsider.last for s in ("нет прав", "нет.", "Пар", "Просьб", "Участника")), command
            else:
                assert "Эта команда вам недоступна" in outsider.last, (outsider_id, command)
        for forged in (f"v1pr:a:{card_id(proposal.shown)}", f"v1pr:r:{card_id(proposal.shown)}",
                       f"v1cr:e:{request_id}", f"v1cr:k:{request_id}"):
            callback = await outsider.press(forged, proposal)
            assert outsider.alert(callback) is not None
    other = harness.user(OTHER_CURATOR)
    await other.send(f"/endpair {pair_id} не моя")
    assert "нет прав" in other.last
    await other.send("/requests")
    assert "Просьб сменить наставника нет" in other.last
    # Only a mentee asks for another mentor.
    for someone in (OLGA, PARENT, CURATOR):
        await harness.user(someone).send("/changementor")
        assert "может только сам наставляемый" in harness.user(someone).last
    assert await snapshot(harness) == before
    async with harness.app.session_factory() as session:
        requests_after = [tuple(r) for r in (await session.execute(select(PairChangeRequestRow.id, PairChangeRequestRow.status)))]
    assert requests_after == requests_before


def test_the_word_before_an_order_date_is_read_in_every_language() -> None:
    words = translator_for().input_words("pair-order-date-words")  # locales/*/pairs.ftl
    today = date(2026, 9, 15)
    for text in ("45-о от 01.09.2026", "45-о ОТ 01.09.2026", "45-о from 01.09.2026", "45-o dated 01.09.2026",
                 "45-о 01.09.2026"):
        assert pairs.parse_order(text, today, words) == (text.split()[0], date(2026, 9, 1)), text
    assert pairs.parse_order("45-о до 01.09.2026", today, words) == ("45-о до", date(2026, 9, 1))  # not a date word
    with pytest.raises(InvalidInput) as missing:
        pairs.parse_order("45-о from", today, words)
    assert missing.value.key == "pair-order-date-missing"
