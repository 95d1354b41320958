"""Bad input at the dialogs' edges, on both backends: invisible text, forged button data, hidden buttons pressed
anyway, stale presses, commands mid-dialog. Each gets words the person understands, changes nothing, and makes
no request Telegram would refuse (the harness fails a test on any refused call)."""

from __future__ import annotations

import re
from contextlib import contextmanager

from sqlalchemy import event, func, select

from db.models import PlanGoalRow
from tests.conftest import ADMIN_ID
from tests.fixtures.plan import IRINA, OLGA
from tests.fixtures.questionnaires import stored
from tests.flows import create_link, organisation_with_curator, register

ZERO_WIDTH = "\u200b\u200c\u200d\u2060"
FORGED = "99999999999999999999"


@contextmanager
def statements(harness):
    """Every SQL statement's parameters while the block runs, on the bot's main engine."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        seen.append(f"{statement} {parameters!r}")

    engine = harness.app.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def calls_since(harness, mark: int) -> list[str]:
    return [c.method for c in harness.telegram.calls[mark:]]


async def test_invisible_text_at_a_text_question_is_refused_in_two_calls(harness, school_mentee):
    p = school_mentee
    await p.click("Учёба")
    await p.click("Пункт А")
    await p.click("Готово")
    assert "Расскажите о себе" in p.last
    mark = len(harness.telegram.calls)
    await p.send(ZERO_WIDTH)
    assert "Ответ пустой" in p.last and "Расскажите о себе" in p.last, p.last
    assert "временная неполадка" not in " ".join(p.seen())
    # the old keyboard removed, the question sent again with the reason on top: two calls, not three
    assert calls_since(harness, mark) == ["editMessageReplyMarkup", "sendMessage"]
    assert await stored(harness, p.id) == {"pick": "studies", "ticks": ["a"]}
    await p.send("Люблю физику")
    assert (await stored(harness, p.id))["story"] == "Люблю физику"


async def test_a_mentee_command_mid_questionnaire_is_refused_and_the_question_stays(harness, school_mentee):
    p = school_mentee
    await p.send("/invite")
    assert "Эта команда вам недоступна" in p.last and "Что выбираете" in p.last, p.last
    assert "Сейчас я жду" not in " ".join(p.seen())
    await p.send("/help")  # a command the mentee may use interrupts the dialog
    assert "Что я умею" in p.last or "Справка" in p.last


async def test_garbage_data_during_a_dialog_is_answered_in_words(harness, school_mentee):
    p = school_mentee
    message = harness.telegram.last_with_buttons(p.id)
    intent = message.buttons()[0]["callback_data"].split("\x1d", 1)[0]
    for data in (f"{intent}\x1dzz", "zz", f"{intent}\x1d"):
        mark = len(harness.telegram.calls)
        callback = await p.press(data, message)
        assert "больше не работает" in (p.alert(callback) or ""), (data, p.alert(callback))
        assert calls_since(harness, mark) == ["answerCallbackQuery"], (data, calls_since(harness, mark))
    assert await stored(harness, p.id) == {}
    await p.click("Учёба")
    assert await stored(harness, p.id) == {"pick": "studies"}


async def test_forged_callback_ids_are_refused_before_any_query(harness):
    admin, curator_ = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator_)
    await curator_.send("/menu")
    message = harness.telegram.last_with_buttons(curator_.id)
    forged = [f"v1pr:a:{FORGED}", "v1pr:r:-1", "v1pr:x:1", f"v1cr:e:{FORGED}", f"v1mt:c:{FORGED}", "v1mt:d:0",
              f"v1fb:y:{FORGED}", "v1fb:q:1", f"v1ml:x:{FORGED}", f"v1sv:{FORGED}", f"v1gl:{FORGED}",
              f"v1qu:{FORGED}", "v1lang:xx", f"v2mt:c:{FORGED}:1", "v2mt:d:1:-1", f"v2mt:c:1:{FORGED}", "v2mt:c:1",
              f"v2ml:x:{FORGED}:1", "v2ml:m:1:-5", "v2ml:q:1:1"]
    for data in forged:
        with statements(harness) as seen:
            callback = await curator_.press(data, message)
        answer = curator_.alert(callback) or ""
        assert "больше не работает" in answer, (data, answer)
        assert not [s for s in seen if FORGED in s], (data, seen)


async def test_a_forged_or_foreign_registry_card_is_refused_and_the_list_stays(harness):
    admin, curator_ = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator_)
    other = harness.user(2100)
    await organisation_with_curator(harness, admin, other, name="Гимназия № 1")
    link = await create_link(other, "наставник", form_label="Любая форма")
    await register(harness.user(4100), link, name="Чужой Наставник", birth_date="03.03.1980", category="Педагог")
    own = await create_link(curator_, "наставник", form_label="Любая форма")
    await register(harness.user(4001), own, name="Своя Наставница", birth_date="03.03.1981", category="Педагог")
    await curator_.send("/participants")
    listing = harness.telegram.last_with_buttons(curator_.id)
    assert "1 участник" in listing.shown, listing.shown
    # the registry has one page: no pager «1 < 1 > 1»
    assert not [b for b in listing.buttons() if b["text"] in {"<", ">", "1", "<<", ">>"}], listing.buttons()
    person_button = next(b for b in listing.buttons() if "Своя Наставница" in b["text"])
    prefix = person_button["callback_data"].rsplit(":", 1)[0]
    foreign = await _person_id(harness, 4100)
    for item in (str(foreign), "999999", FORGED, "abc"):
        callback = await curator_.press(f"{prefix}:{item}", listing)
        answer = curator_.alert(callback) or ""
        assert answer and "Чужой" not in answer, (item, answer)
        assert harness.telegram.last_with_buttons(curator_.id).shown == listing.shown
    await curator_.click("Своя Наставница", harness.telegram.last_with_buttons(curator_.id))
    assert "Своя Наставница" in curator_.last and "Возраст" in curator_.last


async def _person_id(harness, telegram_id: int) -> int:
    from db.models import PersonRow

    async with harness.app.session_factory() as session:
        return await session.scalar(select(PersonRow.id).where(PersonRow.telegram_id == telegram_id))


async def test_the_hidden_add_button_on_a_read_only_plan_does_nothing(harness, world):  # noqa: F811
    irina = harness.user(IRINA)
    await irina.send("/plan")
    plan = harness.telegram.last_with_buttons(irina.id)
    assert "Добавить" not in " ".join(b["text"] for b in plan.buttons())
    intent = plan.buttons()[0]["callback_data"].split("\x1d", 1)[0]
    callback = await irina.press(f"{intent}\x1dadd", plan)
    assert "План ведёт наставник" in (irina.alert(callback) or "")
    assert harness.telegram.last(irina.id).shown == plan.shown  # no «название цели» prompt
    await irina.send("Моя цель")
    async with harness.app.session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(PlanGoalRow)) == 0
    olga = harness.user(OLGA)
    await olga.send("/plan")
    await olga.click("Ирина")  # Olga has two pairs
    assert any(re.search("Добавить цель", b) for b in olga.buttons())


async def test_an_old_consent_button_after_the_consents_is_answered_in_words(harness):
    admin, curator_ = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator_)
    link = await create_link(curator_, "наставник", form_label="Любая форма")
    mentor = harness.user(4001)
    await register(mentor, link, name="Ольга", birth_date="03.03.1980", category="Педагог", consent=False)
    first = harness.telegram.last_with_buttons(mentor.id)
    agree = next(b["callback_data"] for b in first.buttons() if "Согласен" in b["text"])
    from tests.flows import agree_to_everything

    await agree_to_everything(mentor)
    callback = await mentor.press(agree, first)
    answer = mentor.alert(callback) or ""
    assert answer and ("/menu" in answer or "/cancel" in answer), answer


async def test_a_category_refused_for_the_age_costs_one_call(harness):
    admin, curator_ = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator_)
    token = await create_link(curator_, "наставляемый", form_label="Любая форма")
    for pupil_id, born in ((3001, "01.01.2019"), (3002, "01.01.1936")):  # 7 and 90
        pupil = harness.user(pupil_id)
        await pupil.send(f"/start {token}")
        await pupil.click("Продолжить")
        await pupil.send("Петя")
        await pupil.send(born)
        screen = harness.telegram.last_with_buttons(pupil_id)
        mark = len(harness.telegram.calls)
        callback = await pupil.click("Школьник")
        assert "от 10 до 19 лет" in (pupil.alert(callback) or "")
        assert calls_since(harness, mark) == ["answerCallbackQuery"]
        assert harness.telegram.last_with_buttons(pupil_id).shown == screen.shown
