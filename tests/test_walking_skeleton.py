"""The skeleton's journey through the real dispatcher: organisation, curator, invitations, registration."""

from __future__ import annotations

from sqlalchemy import select

from db.models import AuditRow, InvitationRow, MembershipRow, OrganisationRow, PersonRow
from tests.conftest import ADMIN_ID
from tests.flows import create_link, organisation_with_curator, register


async def test_superadmin_creates_organisation_and_curator_joins(harness):
    admin = harness.user(ADMIN_ID)
    curator = harness.user(2001)
    await organisation_with_curator(harness, admin, curator)

    assert "Анна Петровна" in curator.seen()[-1] or any("Готово, Анна Петровна" in s for s in curator.seen())
    async with harness.app.session_factory() as session:
        org = (await session.scalars(select(OrganisationRow))).one()
        assert org.name == "Школа № 5" and org.municipality == "Город N" and org.timezone == "Europe/Moscow"
        assert set(org.forms) == {"pp", "tt"}
        person = (await session.scalars(select(PersonRow))).one()
        assert person.telegram_id == 2001 and person.full_name == "Анна Петровна" and person.category == "teacher"
        membership = (await session.scalars(select(MembershipRow))).one()
        assert (membership.role, membership.organisation_id) == ("curator", org.id)
        actions = set(await session.scalars(select(AuditRow.action)))
        assert actions == {"organisation.create", "invitation.create", "membership.join"}
    assert "invite" in harness.telegram.chat_commands(2001)


async def test_curator_invites_mentee_who_joins_with_markup_in_name(harness):
    admin, curator, pupil = harness.user(ADMIN_ID), harness.user(2001), harness.user(3001)
    await organisation_with_curator(harness, admin, curator)
    token = await create_link(curator, "наставляемый", form_label="ученик – ученик")
    await register(pupil, token, name="<b>Вася & Co</b>", birth_date="01.02.2013", category="Школьник", group="7Б")

    assert any("Готово, <b>Вася & Co</b>!" in s for s in pupil.seen())
    await pupil.send("/profile")
    assert "Имя: <b>Вася & Co</b>" in pupil.last
    assert "Класс / группа: 7Б" in pupil.last
    async with harness.app.session_factory() as session:
        person = await session.scalar(select(PersonRow).where(PersonRow.telegram_id == 3001))
        assert person.full_name == "<b>Вася & Co</b>" and person.group_name == "7Б"
        membership = await session.scalar(select(MembershipRow).where(MembershipRow.person_id == person.id))
        assert (membership.role, membership.form) == ("mentee", "pp")
        assert await session.scalar(select(InvitationRow.uses).where(InvitationRow.role == "mentee")) == 1
