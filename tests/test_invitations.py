"""Invitation links work only for their role and organisation, and refuse cleanly when they cannot be used."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db.models import InvitationRow, MembershipRow, PersonRow
from tests.conftest import ADMIN_ID
from tests.flows import create_link, organisation_with_curator, register


async def _counts(h):
    async with h.app.session_factory() as session:
        people = await session.scalar(select(func.count()).select_from(PersonRow))
        memberships = await session.scalar(select(func.count()).select_from(MembershipRow))
        uses = await session.scalar(select(func.coalesce(func.sum(InvitationRow.uses), 0)))
    return people, memberships, uses


@pytest.fixture
async def school(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    return admin, curator


async def test_link_joins_with_its_role_form_and_organisation(harness, school):
    _, curator = school
    token = await create_link(curator, "наставник", form_label="учитель – учитель")
    teacher = harness.user(4001)
    await register(teacher, token, name="Ольга", birth_date="03.03.1980", category="Педагог")
    async with harness.app.session_factory() as session:
        m = await session.scalar(select(MembershipRow).join(PersonRow).where(PersonRow.telegram_id == 4001))
    assert (m.role, m.form, m.organisation_id) == ("mentor", "tt", 1)


@pytest.mark.parametrize(
    "payload",
    ["garbage", "i" + "x" * 30, "../../etc", "a" * 64, "<b>x</b>", "i" + "A" * 24],
)
async def test_random_payloads_are_refused_and_change_nothing(harness, school, payload):
    before = await _counts(harness)
    stranger = harness.user(9001)
    await stranger.send(f"/start {payload}")
    assert "Такой ссылки-приглашения нет" in stranger.last
    assert "новую ссылку" in stranger.last
    assert await _counts(harness) == before


async def test_expired_link(harness, school):
    _, curator = school
    token = await create_link(curator, "наставляемый", form_label="Любая форма")
    harness.clock.advance(timedelta(days=31))  # mentee links default to 30 days
    before = await _counts(harness)
    pupil = harness.user(9002)
    await pupil.send(f"/start {token}")
    assert "Срок действия этой ссылки-приглашения истёк" in pupil.last
    assert await _counts(harness) == before


async def test_revoked_link(harness, school):
    _, curator = school
    token = await create_link(curator, "наставляемый", form_label="Любая форма")
    await curator.click("Мои действующие ссылки")
    await curator.click("наставляемый")
    await curator.click("Отозвать")
    assert "Действующих ссылок нет" in curator.last
    before = await _counts(harness)
    pupil = harness.user(9003)
    await pupil.send(f"/start {token}")
    assert "отозвал куратор" in pupil.last
    assert await _counts(harness) == before


async def test_used_up_curator_link_and_link_revoked_mid_registration(harness):
    admin, curator, other = harness.user(ADMIN_ID), harness.user(2001), harness.user(2002)
    await organisation_with_curator(harness, admin, curator)
    # the admin's curator link was single-use and is spent now
    from tests.flows import last_token

    token = last_token(admin)
    await other.send(f"/start {token}")
    assert "личная и одноразовая, по ней уже зарегистрировались" in other.last
    assert "максимальное число участников" not in other.last

    # a second person starts registering, the link is revoked before they confirm: nothing is stored
    token = await create_link(curator, "наставляемый", form_label="Любая форма")
    pupil = harness.user(9004)
    await pupil.send(f"/start {token}")
    await pupil.click("Продолжить")
    await pupil.send("Петя")
    await pupil.send("01.02.2012")
    await pupil.click("Школьник")
    await pupil.send("6А")
    await curator.send("/invite")
    await curator.click("Мои действующие ссылки")
    await curator.click("наставляемый")
    await curator.click("Отозвать")
    before = await _counts(harness)
    await pupil.click("Всё верно")
    assert "отозвал куратор" in pupil.last
    assert await _counts(harness) == before


async def test_registered_person_gains_a_second_role_without_retyping(harness, school):
    _, curator = school
    mentor_token = await create_link(curator, "наставник", form_label="Любая форма")
    await register(harness.user(4002), mentor_token, name="Игорь", birth_date="05.05.1990", category="Педагог")
    # the same teacher also joins as a mentee (teacher–teacher form) through another link
    mentee_token = await create_link(curator, "наставляемый", form_label="Любая форма")
    teacher = harness.user(4002)
    seen = len(teacher.seen())
    await teacher.send(f"/start {mentee_token}")
    new = teacher.seen_since(seen)
    assert "Теперь вы ещё и наставляемый" in new[0]
    # the consents given as a mentor in this organisation cover the new role: no second round of texts
    assert "анкета" in new[-1] and not any("Документ 1 из" in text for text in new)
    await teacher.send(f"/start {mentee_token}")
    assert "уже есть эта роль" in teacher.last
    async with harness.app.session_factory() as session:
        roles = set(await session.scalars(select(MembershipRow.role).join(PersonRow).where(PersonRow.telegram_id == 4002)))
    assert roles == {"mentor", "mentee"}


async def test_curator_of_one_organisation_cannot_invite_into_another(harness, school):
    admin, curator = school
    other_curator = harness.user(2100)
    await organisation_with_curator(harness, admin, other_curator, name="Гимназия № 1")
    # the second curator's /invite offers only their own organisation, straight to the roles
    await other_curator.send("/invite")
    assert "Кого пригласить?" in other_curator.last
    assert set(other_curator.buttons()) >= {"наставляемый", "наставник"}
    assert "куратор" not in other_curator.buttons()
    # a forged organisation choice is refused by the service as well
    from mentorship.entities import Actor
    from mentorship.errors import NotAllowed
    from mentorship.roles import Role
    from mentorship.services.invitations import create_invitation
    from mentorship.services.people import load_actor

    async with harness.app.session_factory() as session:
        actor = await load_actor(session, 2100, frozenset())
        with pytest.raises(NotAllowed):
            await create_invitation(session, harness.clock, actor, organisation_id=1, role=Role.MENTEE)
        with pytest.raises(NotAllowed):
            await create_invitation(session, harness.clock, actor, organisation_id=2, role=Role.CURATOR)
        assert isinstance(actor, Actor)
