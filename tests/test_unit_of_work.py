"""One transaction per update: a use case that fails half-way leaves nothing of itself behind — not its rows, not
its messages, not the dialog's step — and the same action works once the failure is gone."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import (
    AuditRow,
    ConsentRow,
    GuardianLinkRow,
    GuardianshipRow,
    InvitationRow,
    MembershipRow,
    OrganisationRow,
    OutboxRow,
    PersonRow,
)
from db.repositories.consents import ConsentRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.outbox import OutboxRepository
from db.transaction import savepoint, transaction
from mentorship.roles import MentorshipForm, OrgKind
from tests.conftest import ADMIN_ID, START
from tests.flows import GUARDIAN_LINK_RE, create_link, organisation_with_curator, register

CURATOR, CHILD, PARENT = 2001, 3001, 5001


async def _count(h, query) -> int:
    async with h.app.session_factory() as session:
        return await session.scalar(select(func.count()).select_from(query.subquery()))


async def _snapshot(h) -> dict[str, object]:
    """Everything a parent's consent writes."""
    async with h.app.session_factory() as session:
        return {
            "people": await session.scalar(select(func.count()).select_from(PersonRow)),
            "ties": await session.scalar(select(func.count()).select_from(GuardianshipRow)),
            "consents": await session.scalar(select(func.count()).select_from(ConsentRow)),
            "link used": await session.scalar(select(GuardianLinkRow.used_at)),
            "child status": await session.scalar(
                select(MembershipRow.status).join(PersonRow, PersonRow.id == MembershipRow.person_id)
                .where(PersonRow.telegram_id == CHILD)
            ),
            "audit": await session.scalar(select(func.count()).select_from(AuditRow)),
            "outbox": await session.scalar(select(func.count()).select_from(OutboxRow)),
        }


async def test_a_consent_whose_notice_cannot_be_queued_leaves_nothing(harness, monkeypatch):
    admin, curator = harness.user(ADMIN_ID), harness.user(CURATOR)
    await organisation_with_curator(harness, admin, curator)
    token = await create_link(curator, "наставляемый", form_label="Любая форма")
    child = harness.user(CHILD)
    await register(child, token, name="Маша Иванова", birth_date="10.10.2013", category="Школьник", group="7Б")
    link = next(GUARDIAN_LINK_RE.search(t).group(1) for t in reversed(child.seen()) if GUARDIAN_LINK_RE.search(t))

    parent = harness.user(PARENT)
    await parent.send(f"/start {link}")
    await parent.click("Продолжить")
    await parent.send("Иванова Елена")
    await parent.click("Мама")
    await parent.click("Да, это мой ребёнок")
    await parent.click("Согласен")
    await parent.click("Согласен")
    before = await _snapshot(harness)
    assert before["child status"] == "guardian" and before["link used"] is None

    # The last answer records the parent, the tie, three consents and the child's new status, then queues the
    # notices to the child and the curator: that write fails.
    writes: list[str] = []
    add = OutboxRepository.add

    async def failing_add(self, **values):
        writes.append(values["key"])
        raise RuntimeError("the outbox is unavailable")

    monkeypatch.setattr(OutboxRepository, "add", failing_add)
    harness.expect_failures = True
    pressed = await parent.click("Да, можно")
    assert writes, "the use case did not reach the outbox"
    assert "попробуйте ещё раз" in parent.alert(pressed)
    assert await _snapshot(harness) == before
    # The dialog did not move on either: the same button is still there and works once the outbox does.
    monkeypatch.setattr(OutboxRepository, "add", add)
    await parent.click("Да, можно")
    assert "Согласие за Машу Иванову получено" in parent.last
    after = await _snapshot(harness)
    assert after["child status"] == "active" and after["link used"] is not None
    assert (after["consents"], after["ties"]) == (before["consents"] + 3, before["ties"] + 1)
    assert after["outbox"] > before["outbox"]


async def test_a_minor_whose_parent_link_cannot_be_made_is_not_half_registered(harness, monkeypatch):
    """Registering and making the parent's link are one update: the person, their membership and the link's use
    are written together with the parent's link or not at all (the status used to be committed half-way)."""
    admin, curator = harness.user(ADMIN_ID), harness.user(CURATOR)
    await organisation_with_curator(harness, admin, curator)
    token = await create_link(curator, "наставляемый", form_label="Любая форма")
    people = await _count(harness, select(PersonRow.id))
    uses = await _count(harness, select(InvitationRow.id).where(InvitationRow.uses > 0))

    add_link = ConsentRepository.add_link

    async def failing_add_link(self, **values):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(ConsentRepository, "add_link", failing_add_link)
    harness.expect_failures = True
    child = harness.user(CHILD)
    await register(child, token, name="Маша Иванова", birth_date="10.10.2013", category="Школьник", group="7Б",
                   consent=False)
    assert await _count(harness, select(PersonRow.id)) == people
    assert await _count(harness, select(InvitationRow.id).where(InvitationRow.uses > 0)) == uses
    assert await _count(harness, select(AuditRow.id).where(AuditRow.action == "membership.join")) == 1  # the curator

    # Nothing was used up: the same link registers the child once the failure is gone.
    monkeypatch.setattr(ConsentRepository, "add_link", add_link)
    await register(child, token, name="Маша Иванова", birth_date="10.10.2013", category="Школьник", group="7Б",
                   consent=False)
    assert "Перешли сообщение выше" in child.last
    assert await _count(harness, select(PersonRow.id)) == people + 1
    assert await _count(harness, select(GuardianLinkRow.id)) == 1


async def test_what_a_savepoint_kept_goes_when_the_transaction_fails_later(harness):
    """A savepoint guards one write inside a use case; releasing it must not commit the rest (SQLite opens its
    transaction only before a write, so without care the savepoint would be the transaction)."""
    with pytest.raises(RuntimeError):
        async with transaction(harness.app.session_factory) as session:
            async with savepoint(session):
                await OrganisationRepository(session).add(
                    name="Школа", kind=OrgKind.SCHOOL, municipality="Город N", timezone="Europe/Moscow",
                    forms=tuple(MentorshipForm), now=START,
                )
            raise RuntimeError("the use case fails after the savepoint")
    assert await _count(harness, select(OrganisationRow.id)) == 0

    async with transaction(harness.app.session_factory) as session:
        async with savepoint(session):
            await OrganisationRepository(session).add(
                name="Школа", kind=OrgKind.SCHOOL, municipality="Город N", timezone="Europe/Moscow",
                forms=tuple(MentorshipForm), now=START,
            )
    assert await _count(harness, select(OrganisationRow.id)) == 1
