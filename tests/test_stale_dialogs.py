"""A dialog whose stored state is broken or gone (a crash between two writes, a cleared store) never leaves the
person stuck: what they type is handled on a repaired stack, old buttons get a clear answer."""

from __future__ import annotations

from sqlalchemy import delete, select

from db.models import FsmRecordRow
from tests.conftest import ADMIN_ID
from tests.flows import create_link, organisation_with_curator, register


async def test_typed_command_survives_a_stack_pointing_at_nothing(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    token = await create_link(curator, "наставник", form_label="Любая форма")
    mentor = harness.user(4001)
    await register(mentor, token, name="Ольга", birth_date="03.03.1980", category="Педагог")
    await mentor.send("/questionnaire")
    await mentor.send("12")
    assert "Вопрос 2 из" in mentor.last
    old = harness.telegram.last_with_buttons(4001)
    button = old.buttons()[0]["callback_data"]
    async with harness.app.session_factory() as session:
        # what a kill -9 between aiogram-dialog's two writes leaves: the stack survives, the context does not
        keys = list(await session.scalars(select(FsmRecordRow.key).where(FsmRecordRow.key.like("%:4001:%"))))
        contexts = [k for k in keys if ":context:" in k]
        assert contexts, keys
        await session.execute(delete(FsmRecordRow).where(FsmRecordRow.key.in_(contexts)))
        await session.commit()

    callback = await mentor.press(button, old)
    assert "устарело" in mentor.alert(callback)
    await mentor.send("/questionnaire")
    assert "Вопрос 2 из" in mentor.last  # the answer given before the crash is kept


async def test_dialog_store_wiped_under_an_open_dialog(harness):
    admin = harness.user(ADMIN_ID)
    await admin.send("/neworg")
    await admin.send("Школа № 7")
    kinds = harness.telegram.last_with_buttons(ADMIN_ID)
    async with harness.app.session_factory() as session:  # e.g. abandoned-dialog housekeeping, or Redis flushed
        await session.execute(delete(FsmRecordRow))
        await session.commit()
    callback = await admin.press(kinds.buttons()[0]["callback_data"], kinds)
    assert "устарело" in admin.alert(callback)
    await admin.send("/neworg")
    assert "Как называется организация" in admin.last
