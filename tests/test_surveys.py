"""Satisfaction surveys and announcements, on both backends, with a clock the test moves: a half-year of the
monitoring calendar (campaigns open, invitations and at most two reminders only to those who have not answered,
never at night, closing on the date), final surveys of ended pairs, a curator's /campaign, /survey, answering through
the questionnaire dialog across a restart, /broadcast, and everyone else refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update

from db.models import (
    AuditRow,
    MembershipRow,
    OutboxRow,
    PairRow,
    PersonRow,
    QuestionnaireAnswerRow,
    QuestionnaireResponseRow,
    SurveyCampaignRow,
    SurveyInvitationRow,
)
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from db.transaction import transaction
from mentorship import surveys as rules
from mentorship.entities import PairStatus
from mentorship.errors import DomainError, NotAllowed
from mentorship.outbox import is_quiet
from mentorship.roles import MentorshipForm, ParticipationStatus, Role
from mentorship.services import broadcasts, surveys
from mentorship.services import questionnaires as questionnaire_service
from mentorship.services.broadcasts import Audience
from mentorship.services.people import load_actor
from scheduler import jobs
from tests.conftest import ADMIN_ID
from tests.flows import create_link, organisation_with_curator, register
from tests.harness import Harness, Person

MOSCOW = ZoneInfo("Europe/Moscow")
CURATOR = 2001
ANNA, BORIS, VERA = 3001, 3002, 3003  # mentees (young specialists); Boris speaks English; Vera has no pair
OLGA, PETR = 4001, 4002  # mentors (teachers)
SCORES = (8, 9, 7, 8, 9)


# --- helpers -------------------------------------------------------------------------------------------------------


async def person_id(h: Harness, telegram_id: int) -> int:
    async with h.app.session_factory() as session:
        person = await PersonRepository(session).by_telegram_id(telegram_id)
        assert person is not None
        return person.id


async def make_pair(h: Harness, mentor: int, mentees: list[int], *, status: PairStatus = PairStatus.ACTIVE,
                    ended_at: datetime | None = None) -> int:
    """A pair as the pairs feature leaves it (its own tests cover how it gets there)."""
    async with h.app.session_factory() as session:
        pair_id = await PairRepository(session).add(
            organisation_id=1, mentor_person_id=await person_id(h, mentor),
            mentee_person_ids=[await person_id(h, m) for m in mentees], form=MentorshipForm.TEACHER_TEACHER,
            status=status, score=1.0, reasons=[], proposed_by_telegram_id=CURATOR, now=h.clock.now(),
        )
        await session.execute(update(PairRow).where(PairRow.id == pair_id).values(ended_at=ended_at))
        await session.commit()
    return pair_id


@pytest.fixture
async def programme(harness: Harness) -> Harness:
    """A school with a curator, three mentees and two mentors (all consented); Olga–Anna and Petr–Boris paired."""
    await harness.tell(_programme)
    return harness


async def _programme(harness: Harness) -> None:
    curator = harness.user(CURATOR)
    await organisation_with_curator(harness, harness.user(ADMIN_ID), curator)
    mentee_link = await create_link(curator, "наставляемый", form_label="Любая форма")
    for telegram_id, name, language in ((ANNA, "Анна", "ru"), (BORIS, "Boris", "en"), (VERA, "Вера", "ru")):
        person = harness.user(telegram_id, language_code=language)
        category = "Young specialist" if language == "en" else "Молодой специалист"
        await register(person, mentee_link, name=name, birth_date="01.02.2001", category=category)
        await person.send("/cancel")  # consents lead straight into the intake questionnaire
    mentor_link = await create_link(curator, "наставник", form_label="Любая форма")
    for telegram_id, name in ((OLGA, "Ольга <Учитель> & Co"), (PETR, "Пётр")):
        await register(harness.user(telegram_id), mentor_link, name=name, birth_date="03.03.1980", category="Педагог")
        await harness.user(telegram_id).send("/cancel")
    await make_pair(harness, OLGA, [ANNA])
    await make_pair(harness, PETR, [BORIS])


async def tick(h: Harness) -> surveys.TickResult:
    result = await jobs.survey_campaigns(h.app.session_factory, h.clock)
    await h.deliver()
    return result


async def run_until(h: Harness, until: datetime, step: timedelta) -> None:
    """Move time forward the way the scheduler sees it: a survey tick and an outbox drain every `step`."""
    while h.clock.now() + step <= until:
        h.clock.advance(step)
        await tick(h)


async def answer_survey(p: Person, scores=SCORES, *, valuable: str | None = "Разобрались с уроками",
                        keep_on: str = "^Да$|^Yes$") -> None:
    for score in scores:
        await p.click(f"^{score}$")
    if valuable is None:
        await p.click("Пропустить|Skip")
    else:
        await p.send(valuable)
    await p.click("Пропустить|Skip")  # what was missing: optional
    await p.click(keep_on)
    await p.click("Всё верно|All correct")


async def campaigns(h: Harness) -> list[SurveyCampaignRow]:
    async with h.app.session_factory() as session:
        return list(await session.scalars(select(SurveyCampaignRow).order_by(SurveyCampaignRow.id)))


async def invitation(h: Harness, campaign_id: int, telegram_id: int) -> SurveyInvitationRow | None:
    async with h.app.session_factory() as session:
        return await session.get(SurveyInvitationRow, (campaign_id, await person_id(h, telegram_id)))


async def survey_messages(h: Harness, telegram_id: int) -> list[OutboxRow]:
    async with h.app.session_factory() as session:
        return list(await session.scalars(
            select(OutboxRow).where(OutboxRow.chat_id == telegram_id, OutboxRow.kind == "survey").order_by(OutboxRow.id)
        ))


async def survey_answers(h: Harness, telegram_id: int) -> dict[int, dict[str, object]]:
    """campaign id → question id → stored value, straight from the database."""
    async with h.app.session_factory() as session:
        rows = await session.execute(
            select(QuestionnaireResponseRow.campaign_id, QuestionnaireAnswerRow.question_id, QuestionnaireAnswerRow.value)
            .join(QuestionnaireAnswerRow, QuestionnaireAnswerRow.response_id == QuestionnaireResponseRow.id)
            .join(PersonRow, PersonRow.id == QuestionnaireResponseRow.person_id)
            .where(PersonRow.telegram_id == telegram_id, QuestionnaireResponseRow.campaign_id.is_not(None))
        )
        found: dict[int, dict[str, object]] = {}
        for campaign_id, question, value in rows:
            found.setdefault(campaign_id, {})[question] = value
        return found


async def actor(h: Harness, telegram_id: int):
    async with h.app.session_factory() as session:
        return await load_actor(session, telegram_id, frozenset())


def moscow(*args: int) -> datetime:
    return datetime(*args, tzinfo=MOSCOW).astimezone(UTC)


# --- the calendar, unit by unit ------------------------------------------------------------------------------------


def test_calendar_rounds_open_two_weeks_before_and_close_at_23_59_local() -> None:
    assert rules.due_rounds(moscow(2026, 12, 5, 23, 59), "Europe/Moscow") == []
    (december,) = rules.due_rounds(moscow(2026, 12, 6, 0, 0), "Europe/Moscow")
    assert (december.opens_at, december.closes_at) == (moscow(2026, 12, 6, 0, 0), moscow(2026, 12, 20, 23, 59))
    assert december.dedup_key(Role.MENTEE) == "calendar:2026-12-20:mentee"
    assert rules.due_rounds(moscow(2026, 12, 20, 23, 59), "Europe/Moscow") == []
    (may,) = rules.due_rounds(moscow(2027, 5, 6, 9, 0), "Asia/Vladivostok")
    assert may.closes_at == datetime(2027, 5, 20, 23, 59, tzinfo=ZoneInfo("Asia/Vladivostok")).astimezone(UTC)
    assert rules.due_rounds(moscow(2027, 3, 1, 12, 0), "Europe/Moscow") == []


def test_manual_closing_dates_are_checked() -> None:
    now = moscow(2026, 9, 1, 12, 0)
    assert rules.manual_closing(" 15.09.2026 ", now, "Europe/Moscow") == moscow(2026, 9, 15, 23, 59)
    assert rules.manual_closing("1.9.2026", now, "Europe/Moscow") == moscow(2026, 9, 1, 23, 59)  # today is fine
    for text, key in (("31.02.2026", "campaign-date-impossible"), ("31.08.2026", "campaign-date-past"),
                      ("завтра", "campaign-date-format"), ("01.01.2027", "campaign-date-too-far"),
                      ("2026-09-15", "campaign-date-format")):
        with pytest.raises(DomainError) as refused:
            rules.manual_closing(text, now, "Europe/Moscow")
        assert refused.value.key == key, text


def test_reminders_wait_three_days_stop_after_two_and_never_come_at_night() -> None:
    opened = moscow(2026, 12, 6, 0, 0)
    campaign = rules.Campaign(1, 1, "satisfaction-mentee", Role.MENTEE, rules.CampaignReason.CALENDAR, None, opened,
                              moscow(2026, 12, 20, 23, 59), rules.CampaignStatus.OPEN, None, opened)
    fresh = rules.Invitation(1, 1, opened)
    assert not rules.reminder_due(fresh, campaign, moscow(2026, 12, 8, 23, 0), "Europe/Moscow")
    assert not rules.reminder_due(fresh, campaign, moscow(2026, 12, 9, 7, 59), "Europe/Moscow")  # night
    assert rules.reminder_due(fresh, campaign, moscow(2026, 12, 9, 8, 0), "Europe/Moscow")
    twice = rules.Invitation(1, 1, opened, reminders=2, last_reminded_at=moscow(2026, 12, 12, 8, 0))
    assert not rules.reminder_due(twice, campaign, moscow(2026, 12, 19, 12, 0), "Europe/Moscow")
    answered = rules.Invitation(1, 1, opened, answered_at=moscow(2026, 12, 7, 12, 0))
    assert not rules.reminder_due(answered, campaign, moscow(2026, 12, 12, 12, 0), "Europe/Moscow")
    assert not rules.reminder_due(fresh, campaign, moscow(2026, 12, 21, 12, 0), "Europe/Moscow")  # closed


# --- half a year ---------------------------------------------------------------------------------------------------


async def test_half_a_year_of_the_monitoring_calendar(programme: Harness) -> None:
    h = programme
    anna, boris, vera, olga, petr = (h.user(i) for i in (ANNA, BORIS, VERA, OLGA, PETR))
    seen_before = {p.id: len(p.seen()) for p in (anna, boris, vera, olga, petr)}

    # September to the eve of the round: nothing opens.
    await run_until(h, moscow(2026, 12, 5, 12, 0), timedelta(days=1))
    assert await campaigns(h) == []
    assert all(len(p.seen()) == seen_before[p.id] for p in (anna, boris, vera, olga, petr))

    # 6 December 00:00: the December round opens for mentees and for mentors; invitations wait for the morning.
    await run_until(h, moscow(2026, 12, 6, 3, 0), timedelta(hours=3))
    december = await campaigns(h)
    assert [(c.role, c.reason, c.dedup_key) for c in december] == [
        ("mentee", "calendar", "calendar:2026-12-20:mentee"), ("mentor", "calendar", "calendar:2026-12-20:mentor")]
    assert all(c.opens_at == moscow(2026, 12, 6, 0, 0) and c.closes_at == moscow(2026, 12, 20, 23, 59)
               for c in december)
    assert len(anna.seen()) == seen_before[ANNA]  # still night in Moscow
    await run_until(h, moscow(2026, 12, 6, 9, 0), timedelta(hours=3))
    assert "проводит опрос о программе наставничества" in anna.last and "до 20.12.2026" in anna.last
    assert "is running a survey about the mentorship programme" in boris.last and "by 20.12.2026" in boris.last
    assert "проводит опрос" in olga.last and "проводит опрос" in petr.last
    assert len(vera.seen()) == seen_before[VERA]  # no pair, no survey
    mentee_round, mentor_round = december[0].id, december[1].id

    # Anna and Olga answer at noon; Boris opens the survey in English and stops after two answers.
    await run_until(h, moscow(2026, 12, 6, 12, 0), timedelta(hours=3))
    await anna.click("Пройти опрос")
    assert "Опрос наставляемого" in anna.last and "Вопрос 1 из 8" in anna.last
    await answer_survey(anna)
    assert "Спасибо! Ответы на «Опрос наставляемого» сохранены" in anna.last
    await olga.click("Пройти опрос")
    await answer_survey(olga, (10, 9, 9, 10, 10), valuable=None)
    await boris.click("Take the survey")
    assert "Mentee survey" in boris.last and "Question 1 of 8" in boris.last and "mentor will not see them" in boris.last
    await boris.click("^6$")
    await boris.click("^5$")
    assert "Question 3 of 8" in boris.last

    # To the end of the round: reminders for Boris and Petr only, two each, in the daytime.
    await run_until(h, moscow(2026, 12, 21, 3, 0), timedelta(hours=3))
    assert (await invitation(h, mentee_round, ANNA)).reminders == 0
    assert (await invitation(h, mentor_round, OLGA)).reminders == 0
    for who, round_ in ((BORIS, mentee_round), (PETR, mentor_round)):
        reminded = await invitation(h, round_, who)
        assert reminded.reminders == 2 and reminded.answered_at is None
        assert reminded.last_reminded_at == moscow(2026, 12, 12, 9, 0)  # the first daytime tick
    for who, expected in ((ANNA, 1), (OLGA, 1), (BORIS, 3), (PETR, 3), (VERA, 0)):
        rows = await survey_messages(h, who)
        assert len(rows) == expected, who
        assert all(r.status == "sent" and not is_quiet(r.sent_at, "Europe/Moscow") for r in rows), who
    reminders = [r for r in await survey_messages(h, BORIS) if r.dedup_key.endswith((":r1", ":r2"))]
    assert [r.sent_at for r in reminders] == [moscow(2026, 12, 9, 9, 0), moscow(2026, 12, 12, 9, 0)]
    assert any("A reminder about the" in s for s in boris.seen())

    # Closed on 20 December at 23:59 Moscow time.
    closed = await campaigns(h)
    assert all(c.status == "closed" and c.closed_at == moscow(2026, 12, 21, 0, 0) for c in closed)
    assert (await invitation(h, mentee_round, ANNA)).answered_at == moscow(2026, 12, 6, 12, 0)
    answers = await survey_answers(h, ANNA)
    assert answers[mentee_round]["overall"] == 9 and answers[mentee_round]["continue"] == "yes"
    assert answers[mentee_round]["valuable"] == "Разобрались с уроками" and answers[mentee_round]["missing"] is None

    # Too late: an old button and the half-filled dialog are refused, and nothing more is stored.
    before = await survey_answers(h, BORIS)
    dialog_message = next(m for m in h.telegram.messages(BORIS) if "Question 3 of 8" in m.shown)
    callback = await boris.click("^7$", dialog_message)
    assert "has closed" in (boris.alert(callback) or "")
    invitation_message = next(m for m in h.telegram.messages(BORIS) if "Take the survey" in str(m.reply_markup))
    callback = await boris.click("Take the survey", invitation_message)
    assert "has closed" in (boris.alert(callback) or "")
    assert await survey_answers(h, BORIS) == before and set(before[mentee_round]) == {"comfort", "usefulness"}
    await boris.send("/survey")
    assert "no open surveys" in boris.last

    # Into the spring: nothing until 6 May, then the May round opens for the same people.
    await run_until(h, moscow(2027, 5, 5, 12, 0), timedelta(days=1))
    assert len(await campaigns(h)) == 2
    await run_until(h, moscow(2027, 5, 6, 9, 0), timedelta(hours=3))
    may = (await campaigns(h))[2:]
    assert [(c.dedup_key, c.opens_at, c.closes_at) for c in may] == [
        ("calendar:2027-05-20:mentee", moscow(2027, 5, 6, 0, 0), moscow(2027, 5, 20, 23, 59)),
        ("calendar:2027-05-20:mentor", moscow(2027, 5, 6, 0, 0), moscow(2027, 5, 20, 23, 59)),
    ]
    assert "до 20.05.2027" in anna.last and "by 20.05.2027" in boris.last
    # Running the tick again changes nothing: every campaign, invitation and message is there once.
    result = await tick(h)
    assert (result.opened, result.invited, result.reminded) == ([], 0, 0)
    assert len(await survey_messages(h, ANNA)) == 2


# --- final surveys of ended pairs ----------------------------------------------------------------------------------


async def test_an_ended_pair_gets_a_final_survey_once(programme: Harness) -> None:
    h = programme
    anna, olga = h.user(ANNA), h.user(OLGA)
    async with h.app.session_factory() as session:
        first = await session.scalar(select(PairRow.id).order_by(PairRow.id))
        await session.execute(update(PairRow).where(PairRow.id == first)
                              .values(status="completed", ended_at=h.clock.now()))
        await session.commit()
    # A pair that ended long ago (before surveys existed) is not surveyed now.
    await make_pair(h, PETR, [VERA], status=PairStatus.ENDED, ended_at=h.clock.now() - timedelta(days=40))
    result = await tick(h)
    made = await campaigns(h)
    assert [(c.role, c.reason, c.pair_id) for c in made] == [("mentee", "pair_end", first), ("mentor", "pair_end", first)]
    assert made[0].closes_at == moscow(2026, 9, 15, 23, 59) and result.invited == 2
    assert "Работа вашей наставнической пары в «Школа № 5» завершена" in anna.last
    assert "Работа вашей наставнической пары" in olga.last
    assert "завершена" not in h.user(VERA).last and "завершена" not in h.user(PETR).last
    assert (await tick(h)).opened == []
    assert len(await campaigns(h)) == 2
    await anna.send("/survey")
    assert "Для вас открыт 1 опрос" in anna.last and "до 15.09.2026" in anna.last
    await anna.click("Опрос наставляемого")
    await answer_survey(anna)
    await anna.send("/survey")
    assert "ответ получен" in anna.last and anna.buttons() == ["✏️ Опрос наставляемого: изменить ответы"]


# --- the curator's /campaign ----------------------------------------------------------------------------------------


async def test_curator_opens_a_campaign_by_hand_and_sees_the_counts(programme: Harness) -> None:
    h = programme
    curator, anna = h.user(CURATOR), h.user(ANNA)
    await curator.send("/campaign")
    assert "Открытых опросов нет" in curator.last
    await curator.click("^Наставляемых$")
    assert "ДД.ММ.ГГГГ" in curator.last
    for typed, complaint in (("31.02.2026", "Такой даты нет"), ("01.08.2026", "уже прошла"),
                             ("завтра", "Не получилось прочитать дату"), ("01.01.2027", "не больше чем на 90 дней")):
        before = len(curator.seen())
        await curator.send(typed)
        assert complaint in "\n".join(curator.seen_since(before)), typed
        assert "ДД.ММ.ГГГГ" in curator.last  # and the question again
    await curator.send_sticker()
    assert await campaigns(h) == []
    await curator.send("15.09.2026")
    assert "Опрос открыт (наставляемые), до 15.09.2026. Приглашения получат 2 участника" in "\n".join(curator.seen())
    assert "ответили 0 из 2" in curator.last and "открыт куратором" in curator.last
    (made,) = await campaigns(h)
    assert (made.reason, made.role, made.closes_at) == ("manual", "mentee", moscow(2026, 9, 15, 23, 59))
    await h.deliver()
    assert "Куратор «Школа № 5» просит ответить на короткий опрос" in anna.last
    await anna.click("Пройти опрос")
    await answer_survey(anna)
    await curator.send("/campaign")
    assert "ответили 1 из 2" in curator.last
    # The same round twice is one round.
    await curator.click("^Наставляемых$")
    await curator.send("15.09.2026")
    # the refusal on top of the question asked again, in one message
    assert "уже открыт сегодня" in curator.last and "ДД.ММ.ГГГГ" in curator.last, curator.last
    assert len(await campaigns(h)) == 1


async def test_manual_campaign_with_nobody_to_ask_is_refused(harness: Harness) -> None:
    curator = harness.user(CURATOR)
    await organisation_with_curator(harness, harness.user(ADMIN_ID), curator)
    await curator.send("/campaign")
    await curator.click("Всех")
    await curator.send("15.09.2026")
    assert "Спрашивать пока некого" in curator.last and "ДД.ММ.ГГГГ" in curator.last, curator.last
    assert await campaigns(harness) == []


async def test_wrong_people_are_refused_and_nothing_changes(programme: Harness) -> None:
    h = programme
    anna, vera = h.user(ANNA), h.user(VERA)
    for command in ("/campaign", "/broadcast"):
        await anna.send(command)
        assert "Эта команда вам недоступна" in anna.last
    anna_actor = await actor(h, ANNA)
    async with transaction(h.app.session_factory) as session:
        with pytest.raises(NotAllowed):
            await surveys.start_manual(session, h.clock, anna_actor, 1, [Role.MENTEE], "15.09.2026")
        with pytest.raises(NotAllowed):
            await surveys.open_campaigns(session, anna_actor, 1)
        with pytest.raises(NotAllowed):
            await broadcasts.send(session, h.clock, anna_actor, 1, Audience.EVERYONE, "Привет", "abcdefgh1234")
    async with transaction(h.app.session_factory) as session:
        curator_actor = await load_actor(session, CURATOR, frozenset())
        started = await surveys.start_manual(session, h.clock, curator_actor, 1, [Role.MENTEE], "15.09.2026")
    campaign_id = started.campaigns[0].campaign.id
    # Vera has no pair: she was not invited, and a forged button stores nothing for her.
    callback = await vera.press(f"v1sv:{campaign_id}", h.telegram.last(VERA))
    assert "не для вас" in (vera.alert(callback) or "")
    callback = await vera.press("v1sv:999", h.telegram.last(VERA))
    assert "Такого опроса нет" in (vera.alert(callback) or "")
    await vera.send("/survey")
    assert "нет открытых опросов" in vera.last
    async with h.app.session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(QuestionnaireResponseRow)
                                    .where(QuestionnaireResponseRow.campaign_id.is_not(None))) == 0
        vera_person = await PersonRepository(session).by_telegram_id(VERA)
        with pytest.raises(NotAllowed):
            await questionnaire_service.start_survey(session, h.clock, h.app.dispatcher["questionnaires"],
                                                     vera_person, campaign_id)
    assert await survey_messages(h, OLGA) == []  # a mentee round never reaches mentors


async def test_a_restart_mid_survey_continues_where_it_stopped(programme: Harness) -> None:
    h = programme
    anna = h.user(ANNA)
    async with transaction(h.app.session_factory) as session:
        started = await surveys.start_manual(session, h.clock, await load_actor(session, CURATOR, frozenset()), 1,
                                             [Role.MENTEE], "20.09.2026")
    campaign_id = started.campaigns[0].campaign.id
    await h.deliver()
    await anna.click("Пройти опрос")
    await anna.click("^7$")
    await anna.click("^8$")
    assert "Вопрос 3 из 8" in anna.last
    await h.restart()
    await anna.send("/survey")
    await anna.click("Опрос наставляемого")
    assert "Вопрос 3 из 8" in anna.last
    await anna.click("^9$")
    assert (await survey_answers(h, ANNA))[campaign_id] == {"comfort": 7, "usefulness": 8, "support": 9}
    # The intake questionnaire is untouched by the survey (and vice versa).
    async with h.app.session_factory() as session:
        person = await PersonRepository(session).by_telegram_id(ANNA)
        intake = await questionnaire_service.responses_in(session, 1, person.id)
    assert all(p.response.campaign_id is None and not p.questionnaire.is_survey for p in intake)


# --- /broadcast ----------------------------------------------------------------------------------------------------


async def add_guardian(h: Harness, telegram_id: int) -> None:
    async with h.app.session_factory() as session:
        people = PersonRepository(session)
        guardian_id = await people.add(telegram_id=telegram_id, full_name="Мама", date_of_birth=None, category=None,
                                       group_name=None, locale="ru", now=h.clock.now())
        await people.add_membership(person_id=guardian_id, role=Role.GUARDIAN, organisation_id=1, municipality=None,
                                    form=None, invitation_id=None, now=h.clock.now(),
                                    status=ParticipationStatus.ACTIVE)
        await session.commit()


async def broadcast_rows(h: Harness) -> list[OutboxRow]:
    async with h.app.session_factory() as session:
        return list(await session.scalars(select(OutboxRow).where(OutboxRow.kind == "broadcast").order_by(OutboxRow.id)))


async def test_broadcast_is_previewed_confirmed_and_escaped(programme: Harness) -> None:
    h = programme
    curator, anna, olga, petr = h.user(CURATOR), h.user(ANNA), h.user(OLGA), h.user(PETR)
    text = "<b>Собрание</b> наставников & чай — в пятницу в 15:00"
    await curator.send("/broadcast")
    assert "Кому отправить объявление?" in curator.last
    await curator.click("^Наставникам$")
    before = len(curator.seen())
    await curator.send("x" * 2001)
    assert "Слишком длинный текст: 2\xa0001 символов, можно не больше 2\xa0000" in "\n".join(curator.seen_since(before))
    await curator.send_sticker()
    await curator.send(text)
    assert "Получатели: Наставникам — 2 человека" in curator.last
    assert f"📣 Школа № 5: {text}" in curator.last
    assert await broadcast_rows(h) == []
    await curator.click("Отправить")
    assert "Объявление поставлено в очередь: 2 получателя" in curator.last
    anna_before = len(anna.seen())
    await h.deliver()
    assert olga.last == f"📣 Школа № 5: {text}" and petr.last == olga.last
    assert len(anna.seen()) == anna_before
    async with h.app.session_factory() as session:
        (audit,) = list(await session.scalars(select(AuditRow).where(AuditRow.action == "broadcast.send")))
    assert audit.details["recipients"] == 2 and audit.details["audience"] == "mentors"
    assert "Собрание" not in repr(audit.details)
    # The same composition sent again (a double tap, a replayed callback) queues nothing new.
    rows = await broadcast_rows(h)
    token = rows[0].dedup_key.split(":")[1]
    async with transaction(h.app.session_factory) as session:
        again = await broadcasts.send(session, h.clock, await load_actor(session, CURATOR, frozenset()), 1,
                                      Audience.MENTORS, text, token)
    assert again == 0 and len(await broadcast_rows(h)) == 2


async def test_broadcast_cancel_changes_nothing_and_audiences_count_right(programme: Harness) -> None:
    h = programme
    curator = h.user(CURATOR)
    await add_guardian(h, 7001)
    await curator.send("/broadcast")
    await curator.click("^Наставляемым$")
    await curator.send("Завтра занятий нет")
    assert "Получатели: Наставляемым — 3 человека" in curator.last
    await curator.click("Изменить текст")
    await curator.send("Послезавтра занятий нет")
    assert "📣 Школа № 5: Послезавтра занятий нет" in curator.last
    await curator.click("Отмена")
    assert "Объявление отменено" in curator.last
    await h.deliver()
    assert await broadcast_rows(h) == [] and "занятий" not in h.user(ANNA).last
    # Everyone is everyone here but the sender; parents are their own audience.
    curator_actor = await actor(h, CURATOR)
    async with h.app.session_factory() as session:
        counts = {a: (await broadcasts.preview(session, curator_actor, 1, a, "Привет")).recipients for a in Audience}
    assert counts == {Audience.MENTEES: 3, Audience.MENTORS: 2, Audience.GUARDIANS: 1, Audience.EVERYONE: 6}
    # A participant whose consent was withdrawn is not written to.
    async with h.app.session_factory() as session:
        await session.execute(update(MembershipRow).where(MembershipRow.person_id == await person_id(h, VERA))
                              .values(status="declined"))
        await session.commit()
        assert (await broadcasts.preview(session, curator_actor, 1, Audience.MENTEES, "Привет")).recipients == 2


async def test_broadcast_in_english(programme: Harness) -> None:
    h = programme
    async with h.app.session_factory() as session:
        await session.execute(update(PersonRow).where(PersonRow.telegram_id == CURATOR).values(locale="en"))
        await session.commit()
    curator, boris = h.user(CURATOR), h.user(BORIS)
    await curator.send("/broadcast")
    await curator.click("^Mentees$")
    await curator.send("No lessons tomorrow")
    assert "Recipients: Mentees — 3 people" in curator.last
    await curator.click("Send")
    assert "queued for 3 recipients" in curator.last
    await h.deliver()
    assert boris.last == "📣 Школа № 5: No lessons tomorrow"
