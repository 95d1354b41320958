"""The individual plan (/plan), /mypair, and the curator's alert about a pair that stopped meeting.

People and pairs are written straight through the repositories (registration has its own tests); everything
after that goes through the real dispatcher as people would use it, and asserts on what they see and on what the
database holds."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from db.models import AuditRow, MeetingRow, OutboxRow, PairRow, PlanGoalRow
from db.repositories.people import PersonRepository
from db.transaction import transaction
from mentorship import plans as rules
from mentorship.activity import quiet_stretch
from mentorship.clock import FrozenClock
from mentorship.errors import DomainError, NotAllowed, NotFound
from mentorship.plans import Goal, GoalStatus
from mentorship.services import plans
from mentorship.services.pair_activity import alert_quiet_pairs
from mentorship.services.people import load_actor
from scheduler import jobs
from tests.conftest import START
from tests.fixtures.plan import CURATOR, IRINA, MAMA, OLGA, PETR, STRANGER


async def actor(h, telegram_id: int):
    async with h.app.session_factory() as session:
        return await load_actor(session, telegram_id, frozenset())


async def goal_rows(h, pair_id: int) -> list[tuple]:
    async with h.app.session_factory() as session:
        rows = await session.execute(
            select(PlanGoalRow.title, PlanGoalRow.due_date, PlanGoalRow.status)
            .where(PlanGoalRow.pair_id == pair_id).order_by(PlanGoalRow.position, PlanGoalRow.id)
        )
        return [tuple(r) for r in rows]


def recent(person, count: int = 3) -> str:
    """The last few messages: a complaint comes just before the window that is shown again."""
    return "\n".join(person.seen()[-count:])


def button_data(person, label: str) -> str:
    for button in person.h.telegram.last_with_buttons(person.id).buttons():
        if re.search(label, button["text"]):
            return button["callback_data"]
    raise AssertionError(f"no button {label!r}")


# --- domain -------------------------------------------------------------------------------------------------------


def _goal(status: GoalStatus) -> Goal:
    return Goal(1, 1, "t", None, status, 1, START, START)


def test_titles_dates_statuses_and_completion() -> None:
    today = date(2026, 9, 1)
    assert rules.clean_title("  Подготовить\n проект  ") == "Подготовить проект"
    for bad, key in [("   ", "plan-title-empty"), ("я" * 201, "plan-title-too-long")]:
        with pytest.raises(DomainError) as refused:
            rules.clean_title(bad)
        assert refused.value.key == key
    assert rules.clean_title("я" * 200) == "я" * 200
    assert rules.parse_due("15.10", today) == date(2026, 10, 15)
    assert rules.parse_due("01.09", today) == today  # today is allowed
    assert rules.parse_due("15.03", today) == date(2027, 3, 15)  # dd.mm means the next such day
    assert rules.parse_due("15.10.27", today) == date(2027, 10, 15)
    for bad, key in [("31.02", "plan-due-invalid"), ("завтра", "plan-due-invalid"), ("31.08.2026", "plan-due-past"),
                     ("01.01.2030", "plan-due-too-far"), ("", "plan-due-invalid")]:
        with pytest.raises(DomainError) as refused:
            rules.parse_due(bad, today)
        assert refused.value.key == key
    assert rules.completion([]) is None
    share = rules.completion([_goal(GoalStatus.DONE)] * 2 + [_goal(GoalStatus.IN_PROGRESS)])
    assert (share.done, share.total, share.percent) == (2, 3, 66)  # rounded down: 66.7 % is not 67 %
    with pytest.raises(DomainError):
        rules.change_status(GoalStatus.DONE, GoalStatus.DONE)
    assert rules.change_status(GoalStatus.DONE, GoalStatus.IN_PROGRESS) == GoalStatus.IN_PROGRESS


def test_quiet_stretches() -> None:
    last = START
    assert [quiet_stretch(last, last + timedelta(days=d)) for d in (0, 20, 21, 22, 42, 43)] == [0, 0, 0, 1, 2, 2]


# --- the mentor keeps the plan ------------------------------------------------------------------------------------


async def test_mentor_builds_the_plan_and_the_mentee_hears_about_a_done_goal(harness, world):
    olga, irina = harness.user(OLGA), harness.user(IRINA)
    pair = world["pairs"][0]
    await olga.send("/plan")
    assert "Выберите пару" in olga.last
    await olga.click(f"№ {pair} ·")
    assert "Целей пока нет" in olga.last and "Ольга <Учитель> & Co" in olga.last
    await olga.click("Добавить цель")
    await olga.send("я" * 201)
    assert "Слишком длинно: 201" in recent(olga)
    await olga.send_sticker()
    assert "текст" in recent(olga).lower()
    await olga.send("Открыть урок для коллег <b>&</b>")
    assert "До какого числа" in olga.last and "<b>&</b>" in olga.last  # shown literally
    await olga.send("31.02")
    assert "Не понял дату" in recent(olga)
    await olga.send("01.08.2026")
    assert "уже прошла" in recent(olga)
    await olga.send("15.10")
    assert "1. ▫️ Открыть урок для коллег <b>&</b> — до 15.10.2026" in olga.last
    await olga.click("Добавить цель")
    await olga.send("Посетить 3 урока наставника")
    await olga.click("Без срока")
    assert "2. ▫️ Посетить 3 урока наставника" in olga.last and "Выполнено 0 из 2 — 0 %" in olga.last
    assert await goal_rows(harness, pair) == [("Открыть урок для коллег <b>&</b>", date(2026, 10, 15), "not_started"),
                                             ("Посетить 3 урока наставника", None, "not_started")]

    await olga.click("Посетить 3 урока")
    assert "Статус: не начата" in olga.last and "Срок: без срока" in olga.last
    await olga.click("выполнена")
    assert "2. ✅ Посетить 3 урока наставника" in olga.last and "Выполнено 1 из 2 — 50 %" in olga.last
    await harness.deliver()
    assert "отметил цель «Посетить 3 урока наставника» как выполненную" in irina.last
    # Reopening and finishing again does not tell Irina twice.
    await olga.click("Посетить 3 урока")
    await olga.click("в работе")
    await olga.click("Посетить 3 урока")
    await olga.click("выполнена")
    await harness.deliver()
    assert sum("как выполненную" in m for m in irina.seen()) == 1

    # Edit: title, due date, order; then delete.
    await olga.click("Открыть урок")
    await olga.click("Название")
    await olga.send("")  # an empty message is no title
    await olga.send("Провести открытый урок")
    assert "<b>Провести открытый урок</b>" in harness.telegram.last(OLGA).raw_text
    await olga.click("Срок")
    await olga.send("20.12.2026")
    assert "Срок: 20.12.2026" in olga.last
    await olga.click("⬇️")
    await olga.click("Назад")
    assert olga.last.index("Посетить") < olga.last.index("Провести")
    await olga.click("Провести")
    await olga.click("Удалить")
    await olga.click("Да, удалить")
    assert "Провести" not in olga.last and "Выполнено 1 из 1 — 100 %" in olga.last
    assert await goal_rows(harness, pair) == [("Посетить 3 урока наставника", None, "done")]
    async with harness.app.session_factory() as session:
        audit = [(r.action, r.object_type, r.details) for r in await session.scalars(
            select(AuditRow).where(AuditRow.action.like("plan.%")).order_by(AuditRow.id))]
    assert [a[0] for a in audit] == ["plan.add", "plan.add", "plan.status", "plan.status", "plan.status",
                                     "plan.rename", "plan.due", "plan.move", "plan.delete"]
    assert all(a[1] == "plan_goal" and a[2]["pair_id"] == pair for a in audit)
    assert "урок" not in repr(audit)  # ids only, never the goal's words


async def test_forged_buttons_and_strangers_change_nothing(harness, world):
    olga, petr, irina = harness.user(OLGA), harness.user(PETR), harness.user(IRINA)
    first, _second, petrs = world["pairs"]
    petr_actor = await actor(harness, PETR)
    async with transaction(harness.app.session_factory) as session:
        petr_goal = await plans.add_goal(session, harness.clock, petr_actor, petrs, "Цель Петра", None)
    await olga.send(f"/plan {first}")
    await olga.click("Добавить цель")
    await olga.send("Цель Ольги")
    await olga.click("Без срока")
    own = button_data(olga, "Цель Ольги")
    forged = re.sub(r"\d+$", str(petr_goal.id), own)
    assert forged != own
    answer = await olga.press(forged)
    assert "нет" in olga.alert(answer)
    answer = await olga.press(re.sub(r"\d+$", "x1", own))
    assert olga.alert(answer)
    assert await goal_rows(harness, petrs) == [("Цель Петра", None, "not_started")]

    # The mentee reads but cannot edit: no goal buttons, and the service refuses her too.
    await irina.send("/plan")
    assert "Цель Ольги" in irina.last and "План ведёт наставник" in irina.last
    assert "Добавить цель" not in " ".join(b["text"] for b in harness.telegram.last(IRINA).buttons())
    irina_actor = await actor(harness, IRINA)
    async with transaction(harness.app.session_factory) as session:
        with pytest.raises(NotAllowed):
            await plans.add_goal(session, harness.clock, irina_actor, first, "Моя цель", None)
        (goal_,) = (await plans.plan(session, irina_actor, first)).goals
        with pytest.raises(NotAllowed):
            await plans.set_status(session, harness.clock, irina_actor, first, goal_.id, GoalStatus.DONE)
        # Olga's pair number with Petr's goal: not found, whoever asks.
        olga_actor = await actor(harness, OLGA)
        with pytest.raises(NotFound):
            await plans.delete(session, harness.clock, olga_actor, first, petr_goal.id)
        with pytest.raises(NotAllowed):
            await plans.plan(session, olga_actor, petrs)
    # Petr is not in pair 1; the stranger curates another organisation.
    await petr.send(f"/plan {first}")
    assert "недоступен" in petr.last
    stranger = harness.user(STRANGER)
    await stranger.send(f"/plan {first}")
    assert "недоступен" in stranger.last
    await stranger.send("/plan")
    assert "нет действующих пар" in stranger.last
    await stranger.send("/plan abc")
    assert "/plan номер_пары" in stranger.last
    await stranger.send("/plan 999")
    assert "Пары № 999 нет" in stranger.last
    assert await goal_rows(harness, first) == [("Цель Ольги", None, "not_started")]


async def test_curator_guardian_and_closed_pairs_read_only(harness, world):
    first, second, _ = world["pairs"]
    olga_actor = await actor(harness, OLGA)
    async with transaction(harness.app.session_factory) as session:
        await plans.add_goal(session, harness.clock, olga_actor, second, "Прочитать 5 книг", date(2026, 12, 1))
        done = await plans.add_goal(session, harness.clock, olga_actor, second, "Записаться в кружок", None)
        await plans.set_status(session, harness.clock, olga_actor, second, done.id, GoalStatus.DONE)
    curator, mama = harness.user(CURATOR), harness.user(MAMA)
    await curator.send("/plan")
    assert "Выберите пару" in curator.last
    await curator.send(f"/plan {second}")
    assert "Прочитать 5 книг — до 01.12.2026" in curator.last and "Выполнено 1 из 2 — 50 %" in curator.last
    await mama.send("/plan")
    assert "Прочитать 5 книг" in mama.last and "План ведёт наставник" in mama.last
    await mama.send(f"/plan {first}")  # not her child's pair
    assert "недоступен" in mama.last
    # Overdue goals are marked.
    harness.clock.advance(timedelta(days=100))
    await mama.send("/plan")
    assert "⚠️ Прочитать 5 книг" in mama.last
    # An ended pair's plan stays readable and no longer changes.
    async with transaction(harness.app.session_factory) as session:
        await session.execute(update(PairRow).where(PairRow.id == second).values(status="ended"))
        await session.commit()
        with pytest.raises(DomainError) as closed:
            await plans.add_goal(session, harness.clock, olga_actor, second, "Ещё", None)
        assert closed.value.key == "plan-pair-closed"
    await curator.send(f"/plan {second}")
    assert "Прочитать 5 книг" in curator.last


async def test_adding_survives_a_restart_and_english_works(harness, world):
    first = world["pairs"][0]
    olga = harness.user(OLGA)
    async with harness.app.session_factory() as session:
        person = await PersonRepository(session).by_telegram_id(OLGA)
        await PersonRepository(session).set_locale(person.id, "en")
        await session.commit()
    await olga.send(f"/plan {first}")
    assert "No goals yet" in olga.last
    await olga.click("Add a goal")
    await olga.send("Prepare a lesson")
    await harness.restart()
    await olga.send("tomorrow")
    assert "did not understand the date" in recent(olga)
    await olga.send("01.10.2026")
    assert "1. ▫️ Prepare a lesson — by 01.10.2026" in olga.last and "Done 0 of 1 — 0 %" in olga.last


# --- /mypair ------------------------------------------------------------------------------------------------------


async def test_mypair_shows_partner_contact_only_with_consent(harness, world):
    first, second, _ = world["pairs"]
    async with harness.app.session_factory() as session:
        session.add(MeetingRow(organisation_id=world["org"], pair_id=first, kind="planning",
                               starts_at=START + timedelta(days=2, hours=6), duration_minutes=60, status="planned",
                               created_at=START, updated_at=START))
        session.add(MeetingRow(organisation_id=world["org"], pair_id=first, kind="work",
                               starts_at=START + timedelta(days=9), duration_minutes=60, status="planned",
                               created_at=START, updated_at=START))
        await session.execute(update(PairRow).where(PairRow.id == first).values(activated_at=START + timedelta(days=1)))
        await session.commit()
    async with transaction(harness.app.session_factory) as session:
        await plans.add_goal(session, harness.clock, await actor(harness, OLGA), first, "Цель", None)
    irina, olga, mama = harness.user(IRINA), harness.user(OLGA), harness.user(MAMA)
    await irina.send("/mypair")
    text = irina.last
    assert f"Пара № {first}" in text and "«учитель – учитель»" in text
    assert "Наставник: Ольга <Учитель> & Co — связаться можно через куратора" in text  # Olga did not share hers
    raw = harness.telegram.last(IRINA).raw_text
    assert f"tg://user?id={OLGA}" not in raw
    # Instead, the organisation's own curator, with a link to write to her (not the other school's curator).
    assert "Куратор программы: Анна Петровна — можно написать, нажав на имя" in text
    assert f'href="tg://user?id={CURATOR}"' in raw and str(STRANGER) not in raw
    assert "Статус: действует с 02.09.2026" in text
    assert "Ближайшая встреча: 03.09.2026 18:00, встреча-планирование" in text  # 15:00 UTC in Moscow
    assert "Выполнено 0 из 1 — 0 %" in text
    await olga.send("/mypair")
    raw = harness.telegram.last(OLGA).raw_text
    assert f'<a href="tg://user?id={IRINA}">Ирина</a>' in raw  # Irina shared hers
    assert "Наставляемый: Лена — связаться можно через куратора" in olga.last
    assert "Статус: действует с 01.09.2026" in olga.last  # no activated_at: the decision's day
    assert "План пока пуст" in olga.last
    await mama.send("/mypair")
    assert "Ребёнок: Лена" in mama.last and "Наставник: Ольга" in mama.last and "Ближайших встреч" in mama.last
    curator = harness.user(CURATOR)
    await curator.send("/mypair")
    assert "нет действующей" in curator.last
    async with harness.app.session_factory() as session:
        person = await PersonRepository(session).by_telegram_id(IRINA)
        await PersonRepository(session).set_locale(person.id, "en")
        await session.commit()
    await irina.send("/mypair")
    assert "Mentor: Ольга <Учитель> & Co — reach them through the curator" in irina.last
    assert "Next meeting: 03.09.2026 18:00, planning meeting" in irina.last


async def test_commands_are_in_the_participants_menus(harness, world):
    from bot.commands import commands_for

    for telegram_id, expected in [(OLGA, {"plan", "mypair"}), (MAMA, {"plan", "mypair"}), (CURATOR, {"plan"})]:
        names = {c.name for c in commands_for(await actor(harness, telegram_id))}
        assert expected <= names
    assert "mypair" not in {c.name for c in commands_for(await actor(harness, CURATOR))}
    assert harness.app.translator.get("en", "cmd-mypair") == "My mentorship pair"
    assert harness.app.translator.get("ru", "cmd-plan") == "Индивидуальный план пары"


# --- three weeks without a meeting ----------------------------------------------------------------------------


async def alerts(h) -> list[str]:
    async with h.app.session_factory() as session:
        return list(await session.scalars(
            select(OutboxRow.dedup_key).where(OutboxRow.dedup_key.like("no-meeting:%")).order_by(OutboxRow.id)))


async def test_no_meeting_for_21_days_alerts_the_curator_once_per_stretch(harness, world):
    first, second, third = world["pairs"]
    async with harness.app.session_factory() as session:
        # Pairs 2 and 3 met on day 10; pair 1 never met. A cancelled or missed meeting does not count.
        for pair_id, status in [(second, "held"), (third, "planned"), (first, "cancelled")]:
            session.add(MeetingRow(organisation_id=world["org"], pair_id=pair_id, kind="work",
                                   starts_at=START + timedelta(days=10), duration_minutes=60, status=status,
                                   created_at=START, updated_at=START))
        await session.commit()
    clock: FrozenClock = harness.clock
    factory = harness.app.session_factory

    async def day(n: int, hour: int = 12) -> list[str]:
        """Day n after the start (a 09:00 UTC), at `hour` UTC."""
        clock.set(START + timedelta(days=n, hours=hour - 9))
        await jobs.no_meeting_alerts(factory, clock)
        return [k for k in await alerts(harness) if k.startswith(f"no-meeting:{first}:")]

    assert await day(20) == []
    assert await day(22) == [f"no-meeting:{first}:2026-09-01:1:{world['people'][CURATOR]}"]
    assert len(await day(23)) == 1
    await harness.deliver()
    curator = harness.user(CURATOR)
    assert f"Пара № {first} (Ольга <Учитель> & Co → Ирина) не встречалась 22 дня" in curator.last
    assert "встреч ещё не было, пара действует с 01.09.2026" in curator.last
    # A meeting on day 25 starts the count afresh: nothing until more than 21 days after it.
    async with factory() as session:
        session.add(MeetingRow(organisation_id=world["org"], pair_id=first, kind="work",
                               starts_at=START + timedelta(days=25), duration_minutes=60, status="held",
                               created_at=START, updated_at=START))
        await session.commit()
    assert len(await day(30)) == 1
    assert len(await day(46, hour=9)) == 1  # exactly 21 days after the meeting: not yet "more than"
    assert len(await day(47)) == 2
    assert len(await day(47, hour=20)) == 2
    assert len(await day(68)) == 3  # still nothing 43 days on: told again, once
    # Pairs 2 and 3 met on day 10 (held, or planned and its time came): their alerts came after day 31.
    keys = await alerts(harness)
    assert sum(k.startswith(f"no-meeting:{second}:2026-09-11:1:") for k in keys) == 1
    assert sum(k.startswith(f"no-meeting:{third}:2026-09-11:1:") for k in keys) == 1
    # The other organisation's curator hears nothing; only active pairs count.
    assert not any(k.endswith(f":{world['people'][STRANGER]}") for k in keys)
    async with transaction(factory) as session:
        await session.execute(update(PairRow).values(status="ended"))
        await session.commit()
        clock.set(START + timedelta(days=200))
        assert await alert_quiet_pairs(session, clock) == 0
