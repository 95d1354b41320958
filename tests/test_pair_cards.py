"""/pairs and /pending as lists of pair cards (issue #15): each card's actions — approve with an order, reject,
end with a reason, complete after a confirmation — are the service calls of /approve, /reject, /endpair and
/completepair; bad input asks again, a stale or forged press changes nothing. Russian and English, both databases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from db.models import AuditRow, PairRow
from db.repositories.pairs import PairRepository
from db.transaction import transaction
from mentorship.entities import PairStatus
from mentorship.roles import MentorshipForm
from mentorship.services import pairs
from tests.cards import audit_count, button_data, forged, pair_row, speaks_english
from tests.conftest import ADMIN_ID
from tests.flows import organisation_with_curator
from tests.test_pairs import CURATOR, OLGA, OTHER_CURATOR, actor, cohort, pair_number, person_id  # noqa: F401


async def test_approve_from_a_pending_card_asks_for_the_order_and_checks_it(harness, cohort):
    curator = cohort
    await curator.send("/match")
    await curator.send("/pending")
    assert curator.last.startswith("Ждут решения 2 пары:")
    assert any("Ольга <Учитель> & Co — Ирина · предложена" in label for label in curator.buttons())
    await curator.click("Ольга")
    pair_id = pair_number(curator.last)
    assert curator.buttons() == ["✅ Утвердить", "✖️ Отклонить", "← Назад"]
    await curator.click("Утвердить")
    assert f"Утверждаем пару №{pair_id}" in curator.last and "45-о от 01.09.2026" in curator.last
    for typed, refusal in (
        ("45-о от 31.02.2026", "Не понимаю дату приказа «31.02.2026»"),
        ("45-о 1.9.26", "Не понимаю дату приказа «1.9.26»"),
        ("45-о от", "После «от» нужна дата приказа"),
        ("01.09.2026", "Дата приказа без номера"),
        ("№" * 41, "Номер приказа слишком длинный: не больше 40 символов."),
        ("я" * 5000, "Слишком длинное сообщение"),
    ):
        await curator.send(typed)
        assert curator.last.startswith(refusal), typed
        assert f"Утверждаем пару №{pair_id}" in curator.last  # the question again, under the refusal
    await curator.send_sticker()
    assert curator.last.startswith("Пожалуйста, напишите ответ текстом.")
    row = await pair_row(harness, pair_id)
    assert row.status == "proposed" and row.order_number is None
    await curator.send("45-о от 01.09.2026")
    assert curator.last.startswith(f"Пара №{pair_id} утверждена.")
    assert "действует" in curator.last and "Приказ № 45-о от 01.09.2026" in curator.last
    row = await pair_row(harness, pair_id)
    assert (row.status, row.order_number, row.order_date) == ("active", "45-о", date(2026, 9, 1))
    assert row.decided_by_telegram_id == CURATOR
    assert await audit_count(harness, "pair.approve") == 1
    # The decided card offers what a live pair can do.
    assert curator.buttons() == ["⏹ Завершить досрочно", "🎓 Программа пройдена", "← Назад"]
    await harness.deliver()
    assert "ваш наставник — Ольга <Учитель> & Co" in harness.user(3001).last


async def test_reject_with_a_reason_and_approve_without_an_order(harness, cohort):
    curator = cohort
    await curator.send("/match")
    await curator.send("/pending")
    await curator.click("Сергей")
    petr_pair = pair_number(curator.last)
    await curator.click("Отклонить")
    await curator.send("x" * 301)
    assert curator.last.startswith("Причина слишком длинная: не больше 300 символов.")
    await curator.click("Отмена")  # back to the card, nothing decided
    assert f"№{petr_pair} · Пётр Ильич — Сергей" in curator.last and (await pair_row(harness, petr_pair)).status == "proposed"
    await curator.click("Отклонить")
    await curator.send("не совпадает <расписание>")
    assert curator.last.startswith(f"Пара №{petr_pair} отклонена.")
    assert "Причина отказа: не совпадает <расписание>" in curator.last
    row = await pair_row(harness, petr_pair)
    assert (row.status, row.reason) == ("rejected", "не совпадает <расписание>")
    await curator.click("Назад")
    assert curator.last.startswith("Ждёт решения 1 пара:")
    await curator.click("Ольга")
    olga_pair = pair_number(curator.last)
    await curator.click("Утвердить")
    await curator.click("Утвердить без приказа")
    row = await pair_row(harness, olga_pair)
    assert (row.status, row.order_number) == ("active", None)


async def test_end_with_a_reason_and_complete_after_a_confirmation(harness, cohort):
    curator = cohort
    await curator.send("/match")
    first, second = [c.pair.id for c in await pending_cards(harness)]
    await curator.send(f"/approve {first}")  # the id command still works beside the cards
    await curator.send(f"/approve {second}")
    await harness.deliver()
    await curator.send("/pairs")
    assert curator.last.startswith("2 пары, действующих: 2")
    await curator.click(f"№{first} ")
    await curator.click("Завершить досрочно")
    assert "её увидят участники пары" in curator.last
    await curator.send("x" * 301)
    assert curator.last.startswith("Причина слишком длинная: не больше 300 символов.")
    await curator.send("   ")
    assert (await pair_row(harness, first)).status == "active"
    await curator.send("наставник <уехал> на курсы")
    assert curator.last.startswith(f"Пара №{first} завершена досрочно.")
    assert "прекращена" in curator.last and "Причина завершения: наставник <уехал> на курсы" in curator.last
    assert curator.buttons() == ["← Назад"]
    row = await pair_row(harness, first)
    assert (row.status, row.reason, row.ended_by_telegram_id) == ("ended", "наставник <уехал> на курсы", CURATOR)
    async with harness.app.session_factory() as session:
        audit = (await session.scalars(select(AuditRow).where(AuditRow.action == "pair.ended"))).one()
    assert audit.details == {"with_reason": True, "on_request": False}
    await harness.deliver()
    assert "Причина: наставник <уехал> на курсы" in harness.user(OLGA).last

    await curator.click("Назад")
    await curator.click(f"№{second} ")
    await curator.click("Программа пройдена")
    assert f"Отметить пару №{second} как прошедшую программу?" in curator.last
    await curator.click("Отмена")
    assert (await pair_row(harness, second)).status == "active"
    await curator.click("Программа пройдена")
    confirm = button_data(curator, "Да, программа пройдена")
    await curator.click("Да, программа пройдена")
    assert curator.last.startswith(f"Пара №{second} отмечена как прошедшая программу.")
    # The confirmation pressed again: its dialog is closed, so the press is answered and changes nothing.
    again = await curator.press(confirm, harness.telegram.last_with_buttons(CURATOR))
    assert curator.alert(again) == "Это меню устарело. Откройте его заново: /menu"
    assert (await pair_row(harness, second)).status == "completed"
    assert await audit_count(harness, "pair.completed") == 1


async def pending_cards(harness):
    async with harness.app.session_factory() as session:
        return await pairs.pending(session, await actor(harness, CURATOR), 1)


async def test_a_card_gone_stale_meanwhile_changes_nothing(harness, cohort):
    curator = cohort
    await curator.send("/match")
    await curator.send("/pending")
    await curator.click("Ольга")
    pair_id = pair_number(curator.last)
    await curator.click("Утвердить")  # the order question is open ...
    async with transaction(harness.app.session_factory) as session:  # ... when another curator approves it
        await pairs.approve(session, harness.clock, await actor(harness, CURATOR), pair_id, order_number="1")
    await curator.send("45-о от 01.09.2026")
    assert curator.last.startswith(f"По паре №{pair_id} решение уже принято.") and "действует" in curator.last
    assert (await pair_row(harness, pair_id)).order_number == "1"
    assert await audit_count(harness, "pair.approve") == 1

    end = button_data(curator, "Завершить досрочно")
    async with transaction(harness.app.session_factory) as session:  # ended elsewhere while the card is shown
        await pairs.end_pair(session, harness.clock, await actor(harness, CURATOR), pair_id, "причина")
    callback = await curator.press(end)
    assert curator.alert(callback) == f"Пара №{pair_id} сейчас не действует: завершить можно только утверждённую или действующую пару."
    assert "прекращена" in curator.last and curator.buttons() == ["← Назад"]  # the card shows it as it is now
    assert await audit_count(harness, "pair.ended") == 1


async def test_forged_card_buttons_and_other_organisations(harness, cohort):
    curator = cohort
    await organisation_with_curator(harness, harness.user(ADMIN_ID), harness.user(OTHER_CURATOR), name="Гимназия № 1")
    olga, irina = await person_id(harness, OLGA), await person_id(harness, 3001)
    async with harness.app.session_factory() as session:  # a proposal of the other organisation
        foreign = await PairRepository(session).add(
            organisation_id=2, mentor_person_id=olga, mentee_person_ids=[irina], form=MentorshipForm.TEACHER_TEACHER,
            status=PairStatus.PROPOSED, score=1.0, reasons=[], proposed_by_telegram_id=None, now=harness.clock.now())
        await session.commit()
    await curator.send("/match")
    await curator.send("/pending")
    await curator.click("Ольга")
    approve = button_data(curator, "Утвердить")
    for item, answer in (
        (str(foreign), "У вас нет прав на это действие."),
        ("99999999999999999999", "Эта кнопка больше не работает. Откройте меню: /menu"),
        ("-5", "Эта кнопка больше не работает. Откройте меню: /menu"),
        ("999999", "Пары №999999 нет. Номера пар — в /pending и /pairs."),
    ):
        callback = await curator.press(forged(approve, item))
        assert curator.alert(callback) == answer, item
    open_pair = button_data(curator, "Назад")
    await curator.click("Назад")
    callback = await curator.press(forged(button_data(curator, "Ольга"), str(foreign)))
    assert curator.alert(callback) == "У вас нет прав на это действие."
    # The other organisation's curator sees only their own, and cannot press into this curator's dialog.
    other = harness.user(OTHER_CURATOR)
    await other.send("/pending")
    assert other.last.startswith("Ждёт решения 1 пара:")
    callback = await other.press(approve, harness.telegram.last_with_buttons(CURATOR))
    assert other.alert(callback) == "Это меню устарело. Откройте его заново: /menu"
    # A participant cannot open the lists at all.
    for command in ("/pairs", "/pending", "/match", "/requests"):
        await harness.user(3001).send(command)
        assert "Эта команда вам недоступна" in harness.user(3001).last, command
    assert open_pair
    async with harness.app.session_factory() as session:
        statuses = set(await session.scalars(select(PairRow.status)))
        decided = await session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "pair.approve"))
    assert statuses == {"proposed"} and decided == 0


async def test_cards_in_english(harness, cohort):
    curator = cohort
    await speaks_english(harness, CURATOR)
    await curator.send("/match")
    await curator.send("/pending")
    assert curator.last.startswith("2 pairs are waiting for your decision:")
    await curator.click("Ольга")
    pair_id = pair_number(curator.last)
    await curator.click("Approve")
    assert f"Approving pair #{pair_id}" in curator.last
    await curator.send("45-o from 31.02.2026")
    assert curator.last.startswith('I cannot read the order date "31.02.2026"')
    await curator.send("45-o from 01.09.2026")
    assert curator.last.startswith(f"Pair #{pair_id} approved.") and "Order no. 45-o of 01.09.2026" in curator.last
    await curator.click("End early")
    await curator.send("the mentor moved away")
    assert curator.last.startswith(f"Pair #{pair_id} ended early.")
    row = await pair_row(harness, pair_id)
    assert (row.status, row.reason, row.order_number) == ("ended", "the mentor moved away", "45-o")


async def test_a_hundred_and_twenty_pairs_are_paged(harness, cohort):
    olga, irina = await person_id(harness, OLGA), await person_id(harness, 3001)
    async with harness.app.session_factory() as session:
        repo = PairRepository(session)
        for _ in range(120):
            await repo.add(organisation_id=1, mentor_person_id=olga, mentee_person_ids=[irina],
                           form=MentorshipForm.TEACHER_TEACHER, status=PairStatus.REJECTED, score=1.0, reasons=[],
                           proposed_by_telegram_id=None, now=harness.clock.now())
        await session.commit()
    curator = cohort
    await curator.send("/pairs")
    assert curator.last.startswith("120 пар, действующих: 0")
    labels = curator.buttons()
    assert len([label for label in labels if label.startswith("№")]) == 8 and labels[0].startswith("№1 ")
    await curator.click("^>$")
    assert curator.buttons()[0].startswith("№9 ")
    assert curator.buttons()[-6:-1] == ["1", "<", "2", ">", "15"]  # first, previous, this, next, last page
    await curator.click("^15$")
    last_page = curator.buttons()
    assert last_page[0].startswith("№113 ") and any(label.startswith("№120 ") for label in last_page)
    await curator.click("№120 ")
    assert "№120 · Ольга <Учитель> & Co — Ирина" in curator.last and "отклонена" in curator.last
