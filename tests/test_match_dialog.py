"""/match as one paged message (issue #13): each proposal's card a page with approve, reject and skip, the pager,
and the mentees left without a mentor with the reason in words; a second press or a forged button changes nothing.
Through the real dispatcher, in Russian and English, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import PairRow
from db.repositories.people import PersonRepository
from mentorship.roles import Category, ParticipationStatus, Role
from tests.cards import audit_count, bot_messages, button_data, forged, pair_row, speaks_english
from tests.flows import create_link, register
from tests.test_pair_lifecycle import build_cohort
from tests.test_pairs import CURATOR, MENTEE_ANSWERS, MENTOR_ANSWERS, give_answers, pair_number

ANNA = 3003  # a third young specialist: two mentors with one place each leave one of three mentees out
ANNA_ANSWERS = {"subjects": ["art"], "requests": ["parents"], "format": "online", "days": ["fri"],
                "day_parts": ["morning"]}


async def three_mentees_two_places(harness):
    curator = await build_cohort(harness, MENTOR_ANSWERS, MENTEE_ANSWERS)
    mentee_link = await create_link(curator, "наставляемый", form_label="Любая форма")
    await register(harness.user(ANNA), mentee_link, name="Анна <А.>", birth_date="07.07.2000",
                   category="Молодой специалист")
    await give_answers(harness, ANNA, Role.MENTEE, ANNA_ANSWERS)
    await harness.user(ANNA).send("/cancel")
    return curator


async def test_match_is_one_paged_message_with_each_cards_actions(harness):
    curator = await three_mentees_two_places(harness)
    before = bot_messages(curator)
    await curator.send("/match")
    assert bot_messages(curator) == before + 1  # one message, whatever the number of proposals
    shown = curator.last
    assert shown.startswith("Предлагаю 2 пары.") and "Предложение 1 из 2:" in shown
    assert "Ольга <Учитель> & Co — Ирина" in shown and "Почему подходят: запросы совпадают" in shown
    assert "Без наставника остался 1 наставляемый" in shown
    assert curator.buttons() == ["✅ Утвердить", "✖️ Отклонить", "⏭ Пропустить", "1 / 2", "▶",
                                 "Кто остался без наставника", "Закрыть"]
    olga_pair = pair_number(shown)

    # The unmatched, with why in words: both mentors fit Anna, but their one place each went to the others.
    await curator.click("Кто остался без наставника")
    assert "Без наставника остался 1 наставляемый:" in curator.last
    assert "• Анна <А.> — подходят 2 наставника, но их места достались другим наставляемым" in curator.last
    await curator.click("К предложениям")
    await curator.click("Пропустить")
    assert "Предложение 2 из 2:" in curator.last and "Пётр Ильич — Сергей" in curator.last
    assert "▶" not in curator.buttons() and "◀" in curator.buttons()
    await curator.click("◀")
    assert "Предложение 1 из 2:" in curator.last

    approve = button_data(curator, "Утвердить")
    callback = await curator.click("Утвердить")
    assert curator.alert(callback) == f"Пара №{olga_pair} утверждена."
    # The notice on top, and the page moved on to the proposal still waiting.
    assert curator.last.startswith(f"Пара №{olga_pair} утверждена.") and "Пётр Ильич — Сергей" in curator.last
    assert (await pair_row(harness, olga_pair)).status == "active"
    # The same button pressed again (a double tap, or the old keyboard): refused, one approval only.
    edits = harness.telegram.last(CURATOR).edits
    again = await curator.press(approve)
    assert curator.alert(again) == f"По паре №{olga_pair} решение уже принято."
    assert harness.telegram.last(CURATOR).edits == edits  # nothing to redraw
    assert await audit_count(harness, "pair.approve") == 1

    petr_pair = pair_number(curator.last)
    callback = await curator.click("Отклонить")
    assert curator.alert(callback) == f"Пара №{petr_pair} отклонена."
    assert (await pair_row(harness, petr_pair)).status == "rejected"
    # Nothing is waiting any more: the decided card stays, without its decision buttons.
    assert "отклонена" in curator.last and "✅ Утвердить" not in curator.buttons()
    callback = await curator.click("Пропустить")
    assert curator.alert(callback) == "Других предложений, ждущих решения, нет."
    assert bot_messages(curator) == before + 1
    await harness.deliver()
    assert "ваш наставник — Ольга <Учитель> & Co" in harness.user(3001).last  # the same notice as /approve's

    # A new run: Petr (free again) goes to Anna; Sergey, whose pair with Petr was rejected, is left out and told
    # why; Irina, paired now, is not "left without a mentor".
    await curator.send("/match")
    assert curator.last.startswith("Предлагаю 1 пару.") and "Пётр Ильич — Анна <А.>" in curator.last
    assert "1 / 1" not in curator.buttons() and "⏭ Пропустить" not in curator.buttons()
    await curator.click("Кто остался без наставника")
    assert ("• Сергей — у 1 наставника нет свободных мест; 1 наставника вы для него уже отклоняли (или пара с ним "
            "завершена)") in curator.last
    assert "Ирина" not in curator.last


async def test_forged_and_foreign_presses_change_nothing(harness):
    curator = await three_mentees_two_places(harness)
    await curator.send("/match")
    approve = button_data(curator, "Утвердить")
    async with harness.app.session_factory() as session:
        before = sorted(tuple(r) for r in (await session.execute(select(PairRow.id, PairRow.status))).all())
    for item in ("99999999999999999999", "-1", "abc", "0", "999"):  # not a proposal of this run
        callback = await curator.press(forged(approve, item))
        assert curator.alert(callback) == "Эта кнопка больше не работает. Продолжайте с последнего сообщения или отправьте /cancel, чтобы прервать."
    # Someone else pressing the curator's button: a mentor, a mentee — no dialog of theirs, nothing happens.
    for outsider in (harness.user(4001), harness.user(3001)):
        callback = await outsider.press(approve, harness.telegram.last_with_buttons(CURATOR))
        assert outsider.alert(callback) == "Это меню устарело. Откройте его заново: /menu"
    async with harness.app.session_factory() as session:
        after = sorted(tuple(r) for r in (await session.execute(select(PairRow.id, PairRow.status))).all())
    assert after == before and {status for _, status in after} == {"proposed"}
    # Typed text where buttons are expected.
    await curator.send("утвердить")
    assert curator.last.startswith("Пожалуйста, выберите вариант кнопкой под сообщением.") and "Предложение 1 из 2" in curator.last


async def test_match_in_english(harness):
    curator = await three_mentees_two_places(harness)
    await speaks_english(harness, CURATOR)
    await curator.send("/match")
    assert curator.last.startswith("I suggest 2 pairs.") and "Proposal 1 of 2:" in curator.last
    assert "1 mentee is left without a mentor" in curator.last
    await curator.click("Who is left without a mentor")
    assert "• Анна <А.> — 2 mentors fit, but their places went to other mentees" in curator.last
    await curator.click("Back to the proposals")
    pair_id = pair_number(curator.last)
    callback = await curator.click("Approve")
    assert curator.alert(callback) == f"Pair #{pair_id} approved."
    assert (await pair_row(harness, pair_id)).status == "active"


async def seed_mentees(harness, count: int) -> None:
    """Active mentees with no mentor in sight (the organisation has none): each is left out, and says why."""
    now = harness.clock.now()
    async with harness.app.session_factory() as session:
        people = PersonRepository(session)
        for n in range(count):
            person = await people.add(telegram_id=50_000 + n, full_name=f"Наставляемый {n:03d}",
                                      date_of_birth=date(2001, 1, 1), category=Category.YOUNG_SPECIALIST,
                                      group_name=None, locale="ru", now=now)
            await people.add_membership(person_id=person, role=Role.MENTEE, organisation_id=1, municipality=None,
                                        form=None, invitation_id=None, now=now, status=ParticipationStatus.ACTIVE)
        await session.commit()


async def test_a_hundred_and_twenty_unmatched_are_paged(harness):
    from tests.flows import organisation_with_curator
    from tests.conftest import ADMIN_ID

    curator = harness.user(CURATOR)
    await organisation_with_curator(harness, harness.user(ADMIN_ID), curator)
    await seed_mentees(harness, 120)
    await curator.send("/match")
    assert "Подходящих пар не нашлось" in curator.last and "Без наставника остались 120 наставляемых" in curator.last
    assert "1 / 1" not in " ".join(curator.buttons())  # no pager for one page
    await curator.click("Кто остался без наставника")
    assert "• Наставляемый 000 — в организации пока нет наставников с согласиями" in curator.last
    assert "Наставляемый 010" not in curator.last
    assert curator.buttons()[:2] == ["1 / 12", "▶"]
    await curator.click("▶")
    assert "• Наставляемый 010 —" in curator.last and "Наставляемый 000" not in curator.last
    assert curator.buttons()[:3] == ["◀", "2 / 12", "▶"]
    for _ in range(10):
        await curator.click("▶")
    assert "• Наставляемый 119 —" in curator.last and "▶" not in curator.buttons()
