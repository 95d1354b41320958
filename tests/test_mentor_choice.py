"""From a mentee's card in /participants, "propose a mentor" lists the mentors matching ranks for them, with why
in words; picking one is /propose's proposal (same service call, same card, same notices). And /requests as a list
of cards: end the pair and return the mentee to matching, keep it, or end it with the curator's own reason.
Russian and English, both databases."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import AuditRow, PairChangeRequestRow, PairRow
from tests.cards import audit_count, button_data, pair_row, speaks_english
from tests.test_pair_lifecycle import MASHA, approved_olga_irina, parent_consents, school  # noqa: F401  (fixture)
from tests.test_pairs import CURATOR, IRINA, OLGA, PETR, cohort, pair_number, person_id  # noqa: F401


async def pair_count(harness) -> int:
    async with harness.app.session_factory() as session:
        return await session.scalar(select(func.count()).select_from(PairRow))


async def test_propose_a_mentor_from_the_mentees_card(harness, cohort):
    curator = cohort
    await curator.send("/participants")
    await curator.click("Пётр Ильич")  # a mentor's card has no such button
    assert "Предложить наставника" not in " ".join(curator.buttons())
    await curator.click("Назад")
    await curator.click("Ирина")
    await curator.click("Предложить наставника")
    text = curator.last
    assert text.startswith("Наставляемый: Ирина.\nПодходящие наставники, лучшие — первыми.")
    assert "1. Ольга <Учитель> & Co — совпадение 100 из 100, свободных мест: 1" in text
    assert "Почему подходят: запросы совпадают с умениями наставника — методика преподавания" in text
    assert "2. Пётр Ильич — совпадение" in text and "Учтите: наставник не указал" in text
    assert curator.buttons()[:2] == ["1. Ольга <Учитель> & Co · 100", "2. Пётр Ильич · 0"]  # plain text, not HTML
    pick = button_data(curator, "Ольга")
    await curator.click("Ольга")
    pair_id = pair_number(curator.last)
    assert curator.last.startswith(f"Пара №{pair_id} предложена. Утвердите её кнопкой или командой /approve {pair_id}.")
    assert "Ольга <Учитель> & Co — Ирина" in curator.last and "предложена" in curator.last
    row = await pair_row(harness, pair_id)
    assert (row.status, row.mentor_person_id, row.proposed_by_telegram_id) == ("proposed", await person_id(harness, OLGA), CURATOR)
    assert await audit_count(harness, "pair.propose") == 1
    # A second press on the list (now under the card): refused, no second proposal.
    again = await curator.press(pick, harness.telegram.last_with_buttons(CURATOR))
    assert curator.alert(again) == "Это меню устарело. Откройте его заново: /menu"
    assert await pair_count(harness) == 1
    await curator.click("Утвердить")
    await curator.click("Утвердить без приказа")
    assert curator.last.startswith(f"Пара №{pair_id} утверждена.")
    assert (await pair_row(harness, pair_id)).status == "active"
    await harness.deliver()
    assert "ваш наставник — Ольга <Учитель> & Co" in harness.user(IRINA).last
    # Back to the registry's list of mentors: Olga's one place is taken now.
    await curator.click("Назад")
    assert "Ольга" not in curator.last and "1. Пётр Ильич" not in curator.last  # Irina is paired in this form
    assert "Подходящих наставников сейчас нет" in curator.last


async def test_a_mentee_waiting_for_a_parent_can_be_proposed_and_waits(harness, school):
    curator = school
    await curator.send("/participants")
    await curator.click("Маша Иванова")
    await curator.click("Предложить наставника")
    assert "1. Дима Старший — совпадение" in curator.last
    await curator.click("Дима Старший")
    pair_id = pair_number(curator.last)
    await curator.click("Утвердить")
    await curator.click("Утвердить без приказа")
    assert curator.last.startswith(f"Пара №{pair_id} утверждена и ждёт согласий")
    assert (await pair_row(harness, pair_id)).status == "approved"
    await parent_consents(harness, harness.user(MASHA), harness.user(5101))
    assert (await pair_row(harness, pair_id)).status == "active"


async def test_propose_a_mentor_in_english(harness, cohort):
    curator = cohort
    await speaks_english(harness, CURATOR)
    await curator.send("/participants")
    await curator.click("Ирина")
    await curator.click("Propose a mentor")
    assert curator.last.startswith("Mentee: Ирина.\nMentors who fit, best first.")
    assert "1. Ольга <Учитель> & Co — fit 100 of 100, free places: 1" in curator.last
    await curator.click("Пётр")
    pair_id = pair_number(curator.last)
    assert curator.last.startswith(f"Pair #{pair_id} proposed.")
    await curator.click("Reject")
    await curator.click("Reject without a reason")
    assert curator.last.startswith(f"Pair #{pair_id} rejected.")
    assert (await pair_row(harness, pair_id)).status == "rejected"


async def test_requests_as_cards(harness, cohort):
    curator, irina = cohort, harness.user(IRINA)
    pair_id = await approved_olga_irina(harness, curator)
    await irina.send("/changementor")
    await irina.send("Не сошлись <характерами>")
    await curator.send("/requests")
    assert curator.last.startswith("1 просьба сменить наставника:")
    assert curator.buttons() == [f"№1 · Ирина · пара №{pair_id}", "Закрыть"]
    await curator.click("Ирина")
    assert "Причина (видите только вы): Не сошлись <характерами>" in curator.last
    assert curator.buttons() == ["Завершить пару и вернуть в подбор", "Оставить пару", "Завершить пару со своей причиной",
                                 "← Назад"]
    end = button_data(curator, "вернуть в подбор")
    await curator.click("со своей причиной")
    await curator.send("x" * 301)
    assert curator.last.startswith("Причина слишком длинная")
    await curator.send("наставник переезжает")
    assert curator.last.startswith(f"Пара №{pair_id} завершена досрочно.")
    assert "По запросу №1 решение уже принято." in curator.last  # the card: the request was closed with the pair
    row = await pair_row(harness, pair_id)
    assert (row.status, row.reason) == ("ended", "наставник переезжает")
    async with harness.app.session_factory() as session:
        assert (await session.scalars(select(PairChangeRequestRow.status))).one() == "done"
    # The request's own button, pressed on the old card: decided already, nothing more happens.
    callback = await curator.press(end, harness.telegram.last_with_buttons(CURATOR))
    assert curator.alert(callback) == "По запросу №1 решение уже принято."
    assert await audit_count(harness, "pair.ended") == 1
    await harness.deliver()
    assert "Причина: наставник переезжает" in harness.user(OLGA).last
    await curator.click("Назад")  # the dialog's message, above the notices delivered since
    assert harness.telegram.last_with_buttons(CURATOR).shown.startswith("Просьб сменить наставника нет.")


async def test_requests_in_english_keep_the_pair(harness, cohort):
    curator, irina = cohort, harness.user(IRINA)
    pair_id = await approved_olga_irina(harness, curator)
    await irina.send("/changementor")
    await irina.send("Another one, please")
    await speaks_english(harness, CURATOR)
    await curator.send("/requests")
    assert curator.last.startswith("1 request for another mentor:")
    await curator.click("Ирина")
    keep = button_data(curator, "Keep the pair")
    callback = await curator.click("Keep the pair")
    assert curator.alert(callback) == f"Request #1: pair #{pair_id} stays. The mentee has been told."
    assert curator.last.startswith(f"Request #1: pair #{pair_id} stays.") and "No requests for another mentor." in curator.last
    again = await curator.press(keep, harness.telegram.last_with_buttons(CURATOR))
    assert curator.alert(again) is not None
    async with harness.app.session_factory() as session:
        assert (await session.scalars(select(PairChangeRequestRow.status))).one() == "dismissed"
        dismissed = await session.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "pair_change.dismiss"))
    assert dismissed == 1 and (await pair_row(harness, pair_id)).status == "active"
