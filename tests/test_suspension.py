"""Withdrawing a required consent pauses processing at once: the pair (or the mentee's place in a group) is suspended,
the partner is told neutrally, the curator is told and sees it in /pairs, nothing of the programme is sent to or about
the person while paused (the clock is run through a meeting's reminders, its feedback forms, the 21-day alert and a
survey round), and a renewed consent resumes it. Erasure ends the pair. Everything through the real dispatcher and
the fake Telegram; the state lives in the database (a restart in the middle changes nothing)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from db.models import MeetingParticipantRow, OutboxRow, PairMenteeRow, PairRow, PersonRow, SurveyInvitationRow
from db.repositories.outbox import OutboxRepository
from db.repositories.pairs import PairRepository
from mentorship import suspension as rules
from mentorship.consent import ConsentKind
from mentorship.entities import PairStatus
from mentorship.errors import DomainError, NotAllowed
from mentorship.outbox import OutboxKind
from mentorship.roles import MentorshipForm
from mentorship.services import pairs
from mentorship.services.participation import withdraw
from scheduler import jobs
from tests.fixtures.lifecycle import DIMA, MASHA, PARENT  # a 12-year-old mentee, an 18-year-old mentor, her mother
from tests.fixtures.meetings import plan
from tests.fixtures.pairs import CURATOR, IRINA, OLGA, PETR, SERGEY, actor, message_with, person_id
from tests.flows import GUARDIAN_LINK_RE, agree_to_everything


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


async def withdraw_in_privacy(person, what: str = "Согласие на обработку") -> str:
    await person.send("/privacy")
    await person.click(f"Отозвать: {what}")
    callback = await person.click("Да, отозвать")
    await person.send("/cancel")  # closes /privacy: the next message is an ordinary one
    return callback


async def pair_row(h, pair_id: int) -> PairRow:
    async with h.app.session_factory() as session:
        return await session.get(PairRow, pair_id)


async def rows(h, *conditions) -> list[OutboxRow]:
    async with h.app.session_factory() as session:
        return list(await session.scalars(select(OutboxRow).where(*conditions).order_by(OutboxRow.id)))


async def both_pairs_active(h, curator) -> None:
    await curator.send("/match")
    await curator.click("Утвердить", message_with(h, curator, "Ольга"))
    await curator.click("Утвердить", message_with(h, curator, "Пётр"))
    await h.deliver()


# --- the rules --------------------------------------------------------------------------------------------------


def test_what_is_held_and_how_a_pair_follows_its_members() -> None:
    # Programme messages to a paused person are held; alerts to curators and consent notices never are.
    assert rules.is_held(OutboxKind.REMINDER, "meeting:3", recipient_taking_part=False, pair_status=PairStatus.ACTIVE)
    assert rules.is_held(OutboxKind.NOTICE, "pair:4:end", recipient_taking_part=False, pair_status=None)
    assert not rules.is_held(OutboxKind.NOTICE, None, recipient_taking_part=False, pair_status=None)
    assert not rules.is_held(OutboxKind.ALERT, "pair:4", recipient_taking_part=True, pair_status=PairStatus.SUSPENDED)
    # About a suspended pair, to anyone; but the pair's own state notices go out.
    assert rules.is_held(OutboxKind.FEEDBACK, "feedback:3:9", recipient_taking_part=True, pair_status=PairStatus.SUSPENDED)
    assert rules.about("pair:4:pause") is None and rules.about("pair:4") == rules.About(pair_id=4)
    assert rules.about("feedback:3:9") == rules.About(meeting_id=3)
    # A one-to-one pair stops with either side; a group stops only when its mentor or all its mentees do.
    assert rules.follow(PairStatus.ACTIVE, True, {1: False}).status == PairStatus.SUSPENDED
    group = rules.follow(PairStatus.ACTIVE, True, {1: False, 2: True})
    assert group.status == PairStatus.ACTIVE and group.paused == {1}
    assert rules.follow(PairStatus.ACTIVE, False, {1: True, 2: True}).status == PairStatus.SUSPENDED
    assert rules.follow(PairStatus.SUSPENDED, True, {1: True}).status == PairStatus.ACTIVE
    assert rules.follow(PairStatus.APPROVED, True, {1: False}).status == PairStatus.APPROVED  # waiting pairs wait
    assert not rules.still_worth_sending(OutboxKind.REMINDER, meeting_upcoming=False)
    assert rules.still_worth_sending(OutboxKind.SURVEY, meeting_upcoming=None)


# --- a pair paused and resumed ------------------------------------------------------------------------------------


async def test_withdrawal_pauses_the_pair_and_renewal_resumes_it_with_nothing_sent_between(harness, cohort):
    h, curator = harness, cohort
    olga, irina, petr, sergey = h.user(OLGA), h.user(IRINA), h.user(PETR), h.user(SERGEY)
    await both_pairs_active(h, curator)
    irina_id = await person_id(h, IRINA)
    await plan(h, olga, "03.09", "17:30")  # meeting 1, passes while the pair is paused
    await plan(h, olga, "15.12", "17:30")  # meeting 2, after the pause
    await h.deliver()
    await irina.click("Приду")

    alert = await withdraw_in_privacy(irina)
    assert irina.alert(alert) == "Согласие отозвано."
    row = await pair_row(h, 1)
    assert row.status == "suspended" and row.suspended_at == h.clock.now()
    async with h.app.session_factory() as session:
        paused = await session.scalar(select(PairMenteeRow.suspended_at).where(PairMenteeRow.pair_id == 1))
        assert paused == h.clock.now()
    # Every queued message of the pair's meetings, and every programme message to Irina, is held — in the same
    # transaction as the withdrawal; none is pending.
    about = (OutboxRow.ref.like("meeting:%") | OutboxRow.ref.like("feedback:%") | (OutboxRow.person_id == irina_id))
    waiting = await rows(h, about, OutboxRow.status.in_(["pending", "held"]),
                         OutboxRow.kind.in_(["reminder", "feedback"]))
    assert waiting and {r.status for r in waiting} == {"held"}

    olga_seen, irina_seen, curator_seen = len(olga.seen()), len(irina.seen()), len(curator.seen())
    await h.deliver()
    told_olga = olga.seen_since(olga_seen)
    assert len(told_olga) == 1 and "пары №1 приостановлена: ваш партнёр пока не может участвовать" in told_olga[0]
    assert "соглас" not in told_olga[0].lower()  # neutral: never the reason
    told_curator = " ".join(curator.seen_since(curator_seen))
    assert "Участник Ирина отозвал согласие на обработку персональных данных" in told_curator
    assert "Пара №1 (Ольга <Учитель> & Co — Ирина) приостановлена: отозвано обязательное согласие" in told_curator
    assert irina.seen_since(irina_seen) == []  # the one who withdrew is told nothing more by the programme
    await curator.send("/pairs")
    await curator.click("№1 ")
    assert "приостановлена" in curator.last and "Приостановлена с 01.09.2026" in curator.last
    await olga.send("/newmeeting")
    assert "Пара №1 сейчас приостановлена" in olga.last

    await h.restart()  # the pause is in the database, not in the process
    olga_seen, irina_seen = len(olga.seen()), len(irina.seen())
    sergey_seen = len(sergey.seen())
    # Meeting 1's reminders (24 h, 1 h), its feedback forms and their reminder come and go: nothing is sent.
    for moment in (utc(2026, 9, 2, 14, 30), utc(2026, 9, 3, 13, 30), utc(2026, 9, 3, 15, 50), utc(2026, 9, 5, 10, 0)):
        h.clock.set(moment)
        await h.deliver()
    # Three weeks without a meeting: no alert about a paused pair.
    h.clock.set(utc(2026, 9, 30, 10, 0))
    await jobs.no_meeting_alerts(h.app.session_factory, h.clock)
    await h.deliver()
    assert await rows(h, OutboxRow.ref == "pair:1", OutboxRow.kind == "alert") == []
    # The December survey round opens for the working pair, not for the paused one.
    h.clock.set(utc(2026, 12, 5, 21, 5))  # 6 December, 00:05 in Moscow
    await jobs.survey_campaigns(h.app.session_factory, h.clock)
    h.clock.set(utc(2026, 12, 6, 6, 0))  # 09:00: past the quiet hours
    await h.deliver()
    async with h.app.session_factory() as session:
        invited = set(await session.scalars(select(SurveyInvitationRow.person_id)))
    assert invited == {await person_id(h, PETR), await person_id(h, SERGEY)}
    assert len(sergey.seen()) > sergey_seen  # the round did run
    assert olga.seen_since(olga_seen) == [] and irina.seen_since(irina_seen) == []

    # Irina comes back: the consent gate asks her again, and the pair resumes in that transaction.
    h.clock.set(utc(2026, 12, 8, 9, 0))
    await irina.send("Привет")
    await agree_to_everything(irina)
    row = await pair_row(h, 1)
    assert row.status == "active" and row.resumed_at == h.clock.now()
    # Meeting 2's held reminders are back in the queue; meeting 1's (past) are dropped.
    assert {r.status for r in await rows(h, OutboxRow.ref == "meeting:2", OutboxRow.kind == "reminder")} == {"pending"}
    assert {r.status for r in await rows(h, OutboxRow.ref == "meeting:1", OutboxRow.kind == "reminder")} == {"cancelled"}
    olga_seen, curator_seen = len(olga.seen()), len(curator.seen())
    await h.deliver()
    assert "Наставническая пара №1 снова работает" in " ".join(olga.seen_since(olga_seen))
    assert "Пара №1 (Ольга <Учитель> & Co — Ирина) снова работает" in " ".join(curator.seen_since(curator_seen))
    await jobs.survey_campaigns(h.app.session_factory, h.clock)  # the round is still open: now they are asked
    async with h.app.session_factory() as session:
        invited = set(await session.scalars(select(SurveyInvitationRow.person_id)))
    assert {await person_id(h, OLGA), irina_id} <= invited
    h.clock.set(utc(2026, 12, 14, 14, 30))  # 24 h before meeting 2
    olga_seen, irina_seen = len(olga.seen()), len(irina.seen())
    await h.deliver()
    assert any("Напоминание" in m for m in olga.seen_since(olga_seen))
    assert any("Напоминание" in m for m in irina.seen_since(irina_seen))


async def test_a_message_queued_in_a_race_is_held_at_the_last_look(harness, cohort):
    """A survey tick that read the cohort before the withdrawal committed queues an invitation after it: the
    sender's last look holds it instead of sending it."""
    h, curator, irina = harness, cohort, harness.user(IRINA)
    await both_pairs_active(h, curator)
    await withdraw_in_privacy(irina)
    await h.deliver()
    irina_id = await person_id(h, IRINA)
    async with h.app.session_factory() as session:
        await OutboxRepository(session).add(
            chat_id=IRINA, person_id=irina_id, organisation_id=1, kind="survey", key="survey-reminder",
            args={"organisation": "x", "deadline": "20.12.2026"}, due_at=h.clock.now(), now=h.clock.now(),
            ref="survey:99",
        )
        await session.commit()
    seen = len(irina.seen())
    assert await h.deliver() == 0
    assert irina.seen_since(seen) == []
    assert [r.status for r in await rows(h, OutboxRow.ref == "survey:99")] == ["held"]


async def test_nobody_else_can_pause_or_resume_a_pair(harness, cohort):
    h, curator, olga, irina = harness, cohort, harness.user(OLGA), harness.user(IRINA)
    await both_pairs_active(h, curator)
    await plan(h, olga, "03.09", "17:30")
    await h.deliver()
    invitation = h.telegram.last_with_buttons(IRINA)
    irina_id = await person_id(h, IRINA)
    versions = h.app.dispatcher["consent_texts"].versions
    async with h.app.session_factory() as session:
        # Another participant, or the partner, cannot withdraw Irina's consent.
        for someone in (await actor(h, SERGEY), await actor(h, OLGA)):
            with pytest.raises(NotAllowed):
                await withdraw(session, h.clock, someone.person, irina_id, 1, ConsentKind.PERSONAL_DATA, versions)
        await session.rollback()
    assert (await pair_row(h, 1)).status == "active"
    # Once paused, only a renewed consent resumes it: not the curator's /approve, not the partner, not an old
    # invitation's button pressed by the paused mentee.
    await withdraw_in_privacy(irina)
    async with h.app.session_factory() as session:
        with pytest.raises(DomainError):
            await pairs.approve(session, h.clock, await actor(h, CURATOR), 1)
        await session.rollback()
    await curator.send("/approve 1")
    assert "решение уже принято" in curator.last and (await pair_row(h, 1)).status == "suspended"
    callback = await irina.press("v1mt:c:1", invitation)
    assert irina.alert(callback).startswith("Пара №1 сейчас приостановлена")
    async with h.app.session_factory() as session:

        response = await session.scalar(select(MeetingParticipantRow.response).where(
            MeetingParticipantRow.meeting_id == 1, MeetingParticipantRow.person_id == irina_id))
    assert response == "pending" and (await pair_row(h, 1)).status == "suspended"
    await olga.send("/newmeeting")
    assert "Пара №1 сейчас приостановлена" in olga.last and (await pair_row(h, 1)).status == "suspended"


# --- a group goes on ----------------------------------------------------------------------------------------------


async def olga_with_a_group(h) -> dict[int, int]:
    """Olga's active group with Irina and Sergey (written through the repository: pairing has tests of its own);
    their person ids by Telegram id."""
    ids = {t: await person_id(h, t) for t in (OLGA, IRINA, SERGEY)}
    async with h.app.session_factory() as session:
        await PairRepository(session).add(
            organisation_id=1, mentor_person_id=ids[OLGA], mentee_person_ids=[ids[IRINA], ids[SERGEY]],
            form=MentorshipForm.TEACHER_TEACHER, status=PairStatus.ACTIVE, score=1.0, reasons=[],
            proposed_by_telegram_id=CURATOR, now=h.clock.now(),
        )
        await session.commit()
    return ids


async def test_a_group_goes_on_without_the_mentee_who_withdrew(harness, cohort):
    h, curator = harness, cohort
    olga, irina, sergey = h.user(OLGA), h.user(IRINA), h.user(SERGEY)
    ids = await olga_with_a_group(h)
    await withdraw_in_privacy(irina)
    row = await pair_row(h, 1)
    assert row.status == "active"
    olga_seen, sergey_seen, curator_seen = len(olga.seen()), len(sergey.seen()), len(curator.seen())
    await h.deliver()
    assert "В группе №1 один из наставляемых пока не может участвовать" in " ".join(olga.seen_since(olga_seen))
    assert "Ирина" not in " ".join(olga.seen_since(olga_seen))
    assert sergey.seen_since(sergey_seen) == []
    # A single first name cannot be declined for sure: it goes in brackets, an aside that needs no case.
    assert "участие наставляемого (Ирина) приостановлено" in " ".join(curator.seen_since(curator_seen))
    await curator.send("/pairs")
    await curator.click("№1 ")
    assert "Ирина (на паузе)" in curator.last and "действует" in curator.last
    # A new meeting of the group invites Sergey only.
    await plan(h, olga, "03.09", "17:30")
    await h.deliver()
    async with h.app.session_factory() as session:
        invited = {r.person_id for r in await session.scalars(select(OutboxRow).where(OutboxRow.ref == "meeting:1"))}
    assert ids[SERGEY] in invited and ids[IRINA] not in invited
    assert "приглашает на встречу" in sergey.last
    # Irina comes back: her place resumes, the mentor hears it without a name.
    await irina.send("Привет")
    await agree_to_everything(irina)
    async with h.app.session_factory() as session:
        assert await session.scalar(
            select(func.count()).select_from(PairMenteeRow).where(PairMenteeRow.suspended_at.is_not(None))
        ) == 0
    olga_seen = len(olga.seen())
    await h.deliver()
    assert "В группу №1 вернулся наставляемый" in " ".join(olga.seen_since(olga_seen))


async def test_the_curator_reads_the_paused_mentee_of_a_group_declined(harness, cohort):
    """«участие наставляемого …» needs the genitive: the name is queued as typed and declined when the outbox
    renders it (issue #15); the mentor's name beside it, markup and all, is shown literally (escaped once)."""
    h, curator = harness, cohort
    ids = await olga_with_a_group(h)
    async with h.app.session_factory() as session:
        (await session.get(PersonRow, ids[IRINA])).full_name = "Малышева Ирина"
        await session.commit()
    curator_seen = len(curator.seen())
    await withdraw_in_privacy(h.user(IRINA))
    await h.deliver()
    told = " ".join(curator.seen_since(curator_seen))
    assert ("В группе №1 (Ольга <Учитель> & Co — Малышева Ирина, Сергей) участие наставляемого Малышевой Ирины "
            "приостановлено: отозвано обязательное согласие.") in told
    assert "наставляемого Малышева Ирина" not in told and "&amp;" not in told and "&lt;" not in told
    # Back again: «наставляемый …» is the subject, the name as typed.
    irina = h.user(IRINA)
    await irina.send("Привет")
    await agree_to_everything(irina)
    curator_seen = len(curator.seen())
    await h.deliver()
    assert "наставляемый Малышева Ирина снова участвует" in " ".join(curator.seen_since(curator_seen))


# --- a parent withdraws for a child, a child withdraws ---------------------------------------------------------


async def parent_opens_link(h, child, parent) -> None:
    token = next(GUARDIAN_LINK_RE.search(t).group(1) for t in reversed(child.seen()) if GUARDIAN_LINK_RE.search(t))
    await parent.send(f"/start {token}")
    await parent.click("Продолжить")
    await parent.send("Иванова Елена")
    await parent.click("Мама")
    await parent.click("Да, это мой ребёнок")
    while parent.h.telegram.last(parent.id).buttons() and re.search("Согласен|Да, можно", " ".join(parent.buttons())):
        await parent.click("Согласен|Да, можно")


async def test_a_parent_withdraws_for_the_child_and_gives_it_again(harness, school):
    h, curator = harness, school
    dima, masha, parent = h.user(DIMA), h.user(MASHA), h.user(PARENT)
    await curator.send(f"/propose {await person_id(h, DIMA)} {await person_id(h, MASHA)}")
    await curator.click("Утвердить")
    await parent_opens_link(h, masha, parent)
    assert (await pair_row(h, 1)).status == "active"
    await h.deliver()

    await parent.send("/privacy")
    await parent.click("Маша Иванова")
    await parent.click("Отозвать: Согласие на обработку")
    await parent.click("Да, отозвать")
    await parent.send("/cancel")
    assert (await pair_row(h, 1)).status == "suspended"
    dima_seen, masha_seen, curator_seen = len(dima.seen()), len(masha.seen()), len(curator.seen())
    await h.deliver()
    told_dima = " ".join(dima.seen_since(dima_seen))
    assert "пары №1 приостановлена" in told_dima and "Маша" not in told_dima and "родител" not in told_dima
    assert "твой родитель отозвал согласие на обработку персональных данных" in " ".join(masha.seen_since(masha_seen))
    assert "Пара №1 (Дима Старший — Маша Иванова) приостановлена" in " ".join(curator.seen_since(curator_seen))

    # Masha asks for a new link (the gate offers it), her mother agrees again: the pair resumes.
    await masha.send("Привет")
    assert "Ждём согласия твоего родителя" in masha.last
    await masha.click("Новая ссылка для родителя")
    await parent_opens_link(h, masha, parent)
    assert (await pair_row(h, 1)).status == "active"
    dima_seen = len(dima.seen())
    await h.deliver()
    assert "Наставническая пара №1 снова работает" in " ".join(dima.seen_since(dima_seen))

    # The child withdraws something herself: her mother is told.
    parent_seen = len(parent.seen())
    await withdraw_in_privacy(masha, "Показывать контакты")
    await h.deliver()
    assert "ваш ребёнок (Маша Иванова) отозвал согласие на показ контактов" in " ".join(parent.seen_since(parent_seen))
    assert (await pair_row(h, 1)).status == "active"  # an optional consent pauses nothing


# --- erasure ends the pair; the wait before the purge runs from the withdrawal ------------------------------------


async def test_erasure_ends_the_pair_and_a_withdrawal_waits_its_time_before_the_purge(harness, cohort):
    h, curator = harness, cohort
    olga, irina, sergey = h.user(OLGA), h.user(IRINA), h.user(SERGEY)
    await both_pairs_active(h, curator)
    # Months in the programme, then Sergey withdraws: the hourly purge does not erase him at once.
    h.clock.advance(timedelta(days=90))
    await withdraw_in_privacy(sergey)
    assert (await pair_row(h, 2)).status == "suspended"
    wait = timedelta(days=h.app.settings.consent_wait_days)
    await jobs.erase_unconsented(h.app.session_factory, h.clock, wait, h.app.storage)
    async with h.app.session_factory() as session:
        assert await session.scalar(select(PersonRow.full_name).where(PersonRow.telegram_id == SERGEY)) == "Сергей"
    # Irina erases her data: her pair ends, Olga is told without a reason, the curator by number only.
    await irina.send("/privacy")
    await irina.click("Удалить все данные")
    await irina.click("Да, удалить навсегда")
    assert (await pair_row(h, 1)).status == "ended"
    olga_seen, curator_seen = len(olga.seen()), len(curator.seen())
    await h.deliver()
    assert "пара №1 завершена: ваш партнёр больше не участвует" in " ".join(olga.seen_since(olga_seen))
    told_curator = " ".join(curator.seen_since(curator_seen))
    assert "Пара №1 прекращена: один из её участников удалил свои данные" in told_curator
    # The registry says a participant erased their data and why Sergey stopped, rather than shrinking silently.
    await curator.send("/participants")
    assert "Ещё 1 участник удалил свои данные" in curator.last
    assert any("Сергей" in b and "отозвано согласие на данные" in b for b in curator.buttons())
    # CONSENT_WAIT_DAYS after the withdrawal, the purge erases him, and his suspended pair ends.
    h.clock.advance(wait + timedelta(hours=1))
    await jobs.erase_unconsented(h.app.session_factory, h.clock, wait, h.app.storage)
    async with h.app.session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(PersonRow).where(PersonRow.telegram_id == SERGEY)) == 0
    assert (await pair_row(h, 2)).status == "ended"
