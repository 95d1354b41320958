"""Who may do what: nobody but a superadmin creates organisations; participants cannot invite."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import InvitationRow, OrganisationRow
from tests.conftest import ADMIN_ID
from tests.flows import create_link, organisation_with_curator, register


async def _count(h, model):
    async with h.app.session_factory() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def test_only_superadmin_creates_organisations(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    stranger = harness.user(9100)
    for person in (stranger, curator):
        await person.send("/neworg")
        assert "Эта команда вам недоступна" in person.last
        await person.send("/orgs")
        assert "Эта команда вам недоступна" in person.last
    assert await _count(harness, OrganisationRow) == 1


async def test_mentee_cannot_invite(harness):
    admin, curator, pupil = harness.user(ADMIN_ID), harness.user(2001), harness.user(3001)
    await organisation_with_curator(harness, admin, curator)
    token = await create_link(curator, "наставляемый", form_label="Любая форма")
    # 18, so every consent is their own and they are an active mentee when they ask
    await register(pupil, token, name="Петя", birth_date="01.02.2008", category="Школьник", group="11А")
    invitations = await _count(harness, InvitationRow)
    await pupil.send("/invite")  # mid-questionnaire (it opened after the consents): refused, the question stays
    assert "Эта команда тебе недоступна" in pupil.last and "Вопрос 1 из" in pupil.last, pupil.last
    await pupil.send("/cancel")
    await pupil.send("/invite")
    assert "Эта команда тебе недоступна" in pupil.last
    assert await _count(harness, InvitationRow) == invitations
    assert "invite" not in harness.telegram.chat_commands(3001)


async def test_forged_callback_from_someone_elses_dialog_changes_nothing(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    await curator.send("/invite")
    role_message = harness.telegram.last_with_buttons(2001)
    mentee_button = next(b for b in role_message.buttons() if b["text"] == "наставляемый")
    intruder = harness.user(9200)
    invitations = await _count(harness, InvitationRow)
    # the intruder replays the curator's button data, as if from their own chat
    callback_id = await intruder.press(mentee_button["callback_data"], role_message)
    assert intruder.alert(callback_id) is not None
    await intruder.press("v1lang:xx", role_message)
    assert await _count(harness, InvitationRow) == invitations
