"""A hand-made data set for the figures: two organisations of "Город N" and one of "Город M", written straight into
the database. The expected figures are worked out by hand in tests/test_reports.py next to each assertion."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    ConsentRow,
    MeetingFeedbackRow,
    MeetingRow,
    MembershipRow,
    OrganisationCountRow,
    OrganisationRow,
    PairMenteeRow,
    PairRow,
    PersonRow,
    PlanGoalRow,
    QuestionnaireAnswerRow,
    QuestionnaireResponseRow,
    QuestionnaireVersionRow,
    SurveyCampaignRow,
    SurveyInvitationRow,
)
from mentorship.questionnaire import Kind, LocalText, Option, Purpose, Question, Questionnaire
from mentorship.roles import MentorshipForm, Role

NOW = datetime(2027, 6, 15, 9, 0, tzinfo=UTC)
T0 = datetime(2026, 9, 2, 9, 0, tzinfo=UTC)

CURATOR_A, CURATOR_B, CURATOR_C = 2001, 2002, 2003
COORDINATOR_N, COORDINATOR_M = 2501, 2502
MENTOR_R1, MENTEE_M1, GUARDIAN_G = 3101, 3001, 3901

NAME_M1 = "Маша <b>Ким</b> & Co"
NAME_C = "Секретный Участник"
FORMULA = '=HYPERLINK("http://example.invalid","жми")'


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@dataclass
class Data:
    org_a: int = 0
    org_b: int = 0
    org_c: int = 0
    people: dict[str, int] = field(default_factory=dict)


#: The survey the campaigns below ask (two questions: the overall rating and a multiple choice).
SURVEY = Questionnaire(
    key="satisfaction", version=1, role=Role.MENTEE, forms=tuple(MentorshipForm), purpose=Purpose.SURVEY,
    title=LocalText("Опрос", "Survey"),
    questions=(
        Question("overall", Kind.SCALE, LocalText("Общая оценка программы", "Overall rating")),
        Question("liked", Kind.MULTI, LocalText("Что понравилось?", "What did you like?"), options=(
            Option("meetings", LocalText("Встречи", "Meetings")), Option("plan", LocalText("План", "The plan")))),
        Question("again", Kind.YESNO, LocalText("Пойдёте снова?", "Would you take part again?"), required=False),
    ),
)

class _Builder:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.telegram = 9000

    async def add(self, row):
        self.session.add(row)
        await self.session.flush()
        return row.id if hasattr(row, "id") else None

    async def org(self, name: str, municipality: str) -> int:
        return await self.add(OrganisationRow(name=name, kind="school", municipality=municipality,
                                              timezone="Europe/Moscow", forms=["pp", "tt"], created_at=T0))

    async def person(self, name: str, born: date | None, category: str, telegram_id: int | None = None,
                     locale: str = "ru") -> int:
        self.telegram += 1
        return await self.add(PersonRow(telegram_id=telegram_id or self.telegram, full_name=name, date_of_birth=born,
                                        category=category, locale=locale, created_at=T0))

    async def member(self, person: int, org: int | None, role: str, status: str = "active", form: str | None = None,
                     municipality: str | None = None) -> None:
        await self.add(MembershipRow(person_id=person, organisation_id=org, municipality=municipality, role=role,
                                     form=form, status=status, created_at=T0))

    async def pair(self, org: int, mentor: int, mentees: list[int], form: str, status: str,
                   activated: datetime | None, ended: datetime | None = None) -> int:
        pair_id = await self.add(PairRow(organisation_id=org, mentor_person_id=mentor, form=form, status=status,
                                         created_at=activated or T0, activated_at=activated, ended_at=ended,
                                         decided_at=activated))
        for mentee in mentees:
            self.session.add(PairMenteeRow(pair_id=pair_id, mentee_person_id=mentee, form=form,
                                           live=status in ("approved", "active")))
        await self.session.flush()
        return pair_id

    async def meeting(self, org: int, pair: int, starts: datetime, status: str, kind: str = "work") -> int:
        return await self.add(MeetingRow(organisation_id=org, pair_id=pair, kind=kind, starts_at=starts,
                                         duration_minutes=45, status=status, created_at=starts, updated_at=starts))

    async def goals(self, pair: int, statuses: list[str]) -> None:
        for i, status in enumerate(statuses):
            self.session.add(PlanGoalRow(pair_id=pair, title=f"Цель {i + 1}", status=status, position=i,
                                         created_at=T0, updated_at=T0))
        await self.session.flush()

    async def campaign(self, org: int, role: str, opens: datetime, version: int,
                       invited: list[int], answers: dict[int, object], skipped: list[int] = ()) -> int:
        campaign = await self.add(SurveyCampaignRow(organisation_id=org, questionnaire_key="satisfaction", role=role,
                                                    reason="calendar", opens_at=opens, closes_at=opens,
                                                    status="closed", created_at=opens))
        for person in invited:
            self.session.add(SurveyInvitationRow(campaign_id=campaign, person_id=person, invited_at=opens,
                                                 answered_at=opens if person in answers else None))
        for person, value in [*answers.items(), *((p, None) for p in skipped)]:
            response = await self.add(QuestionnaireResponseRow(
                person_id=person, organisation_id=org, questionnaire_version_id=version, role=role,
                started_at=opens, completed_at=opens if value is not None else None, campaign_id=campaign))
            self.session.add(QuestionnaireAnswerRow(response_id=response, question_id="overall", value=value,
                                                    skipped=value is None, answered_at=opens))
            self.session.add(QuestionnaireAnswerRow(response_id=response, question_id="liked", value=["meetings", "plan"],
                                                    answered_at=opens))
            self.session.add(QuestionnaireAnswerRow(response_id=response, question_id="again", value=True,
                                                    answered_at=opens))
        await self.session.flush()
        return campaign

    async def count(self, org: int, key: str, value: int, year: str = "2026/27") -> None:
        self.session.add(OrganisationCountRow(organisation_id=org, academic_year=year, group_key=key, value=value,
                                              updated_at=T0))
        await self.session.flush()


async def build(session: AsyncSession) -> Data:
    b = _Builder(session)
    d = Data()
    d.org_a = await b.org("Школа № 5", "Город N")
    d.org_b = await b.org("Лицей", "Город N")
    d.org_c = await b.org("Гимназия", "Город M")

    # Staff
    for telegram_id, org in ((CURATOR_A, d.org_a), (CURATOR_B, d.org_b), (CURATOR_C, d.org_c)):
        await b.member(await b.person(f"Куратор {telegram_id}", date(1980, 1, 1), "teacher", telegram_id), org, "curator")
    await b.member(await b.person("Координатор N", date(1975, 1, 1), "staff", COORDINATOR_N), None, "coordinator",
                   municipality="Город N")
    await b.member(await b.person("Координатор M", date(1975, 1, 1), "staff", COORDINATOR_M), None, "coordinator",
                   municipality="Город M")

    # Organisation A. Ages are on 1 January 2027 (the reference day of 2026/27).
    p = d.people
    p["m1"] = await b.person(NAME_M1, date(2012, 5, 1), "pupil", MENTEE_M1)  # 14
    p["m2"] = await b.person("Миша", date(2015, 3, 1), "pupil")  # 11
    p["m3"] = await b.person("Ваня", date(2017, 1, 2), "pupil")  # 9: below the 10–19 band
    p["m4"] = await b.person("Оля", date(2011, 2, 2), "pupil")  # 15, waiting for a parent
    p["m5"] = await b.person("Учитель Пётр", date(1995, 1, 1), "teacher")
    p["m6"] = await b.person("Молодой специалист Инна", date(2001, 1, 1), "young")
    p["m7"] = await b.person("Учитель Ада", date(1990, 1, 1), "teacher")  # declined
    p["r1"] = await b.person("Наставник Дима", date(2009, 6, 1), "pupil", MENTOR_R1)  # 17
    p["r2"] = await b.person("Наставник Лена", date(2011, 1, 1), "pupil")  # 16 exactly on 1 January
    p["r3"] = await b.person("Студент Гоша", date(2007, 1, 1), "student")  # 20 exactly on 1 January: out of band
    p["r4"] = await b.person("Наставник Нина Ивановна", date(1970, 1, 1), "teacher")
    p["r5"] = await b.person("Наставник Яна", date(2010, 3, 3), "pupil")  # pending
    a = d.org_a
    for key, status, form in (("m1", "active", "pp"), ("m2", "active", "pp"), ("m3", "active", "pp"),
                              ("m4", "guardian", "pp"), ("m5", "active", "tt"), ("m6", "active", None),
                              ("m7", "declined", "tt")):
        await b.member(p[key], a, "mentee", status, form)  # m6 was invited for any form, then paired in tt
    await b.member(p["r2"], a, "mentee", "active", "pp")  # a pupil both mentee and mentor
    for key, status, form in (("r1", "active", "pp"), ("r2", "active", "pp"), ("r3", "active", "pp"),
                              ("r4", "active", "tt"), ("r5", "pending", "pp")):
        await b.member(p[key], a, "mentor", status, form)
    guardian = await b.person("Мама Маши", date(1985, 1, 1), "parent", GUARDIAN_G)
    p["g"] = guardian

    p1 = await b.pair(a, p["r1"], [p["m1"]], "pp", "active", utc(2026, 9, 10))
    p2 = await b.pair(a, p["r2"], [p["m2"]], "pp", "completed", utc(2026, 9, 15), utc(2027, 3, 1))
    p3 = await b.pair(a, p["r4"], [p["m5"], p["m6"]], "tt", "active", utc(2026, 10, 1))
    p4 = await b.pair(a, p["r3"], [p["m3"]], "pp", "active", utc(2026, 11, 1))
    await b.pair(a, p["r3"], [p["m4"]], "pp", "proposed", None)
    p6 = await b.pair(a, p["r4"], [p["m7"]], "tt", "ended", utc(2025, 10, 1), utc(2026, 5, 1))

    first = await b.meeting(a, p1, utc(2026, 9, 20, 12), "held", "intro")
    await b.meeting(a, p1, utc(2026, 10, 5, 12), "held")
    await b.meeting(a, p1, utc(2026, 10, 20, 12), "missed")
    await b.meeting(a, p1, utc(2026, 12, 10, 12), "held")
    await b.meeting(a, p1, utc(2027, 1, 15, 12), "cancelled")
    await b.meeting(a, p1, utc(2027, 7, 10, 12), "planned")
    await b.meeting(a, p2, utc(2026, 9, 25, 12), "held")
    await b.meeting(a, p2, utc(2026, 11, 12, 12), "held")
    await b.meeting(a, p2, utc(2027, 2, 1, 12), "held")
    await b.meeting(a, p3, utc(2026, 10, 15, 12), "held")
    await b.meeting(a, p3, utc(2026, 12, 31, 22, 30), "held", "group")  # 1 January 2027, 01:30 in Moscow
    await b.meeting(a, p4, utc(2026, 11, 20, 12), "missed")
    await b.meeting(a, p6, utc(2026, 3, 1, 12), "held")  # the year before
    session.add(MeetingFeedbackRow(meeting_id=first, person_id=p["r1"], took_place="yes", usefulness=9,
                                   comment="<b>Отлично</b> & ok", created_at=T0, completed_at=T0))
    session.add(MeetingFeedbackRow(meeting_id=first, person_id=p["m1"], took_place="yes", usefulness=7,
                                   comment=FORMULA, created_at=T0, completed_at=T0))

    await b.goals(p1, ["done", "done", "done", "in_progress"])
    await b.goals(p3, ["done", "done"])
    await b.goals(p2, ["done", "done", "in_progress", "not_started"])
    await b.goals(p6, ["done", "done", "done"])

    version = await b.add(QuestionnaireVersionRow(key="satisfaction", version=1, content=SURVEY.content(),
                                                  content_hash=SURVEY.content_hash(), created_at=T0))
    mentees = [p[k] for k in ("m1", "m2", "m3", "m5", "m6")]
    await b.campaign(a, "mentee", utc(2026, 12, 10, 9), version, mentees,
                     {p["m1"]: 9, p["m2"]: 6, p["m5"]: 7, p["m6"]: "8"})
    await b.campaign(a, "mentor", utc(2026, 12, 10, 9), version, [p[k] for k in ("r1", "r2", "r3", "r4")],
                     {p["r1"]: 8, p["r4"]: 10})
    await b.campaign(a, "mentee", utc(2027, 5, 10, 9), version, mentees, {p["m1"]: 10, p["m3"]: 5}, skipped=[p["m2"]])
    await b.campaign(a, "mentee", utc(2026, 5, 10, 9), version, mentees, {p["m1"]: 1, p["m2"]: 1})  # the year before

    for subject, kind, status in ((p["m1"], "pd", "granted"), (p["m1"], "agreement", "granted"),
                                  (p["m7"], "pd", "withdrawn")):
        session.add(ConsentRow(subject_person_id=subject, organisation_id=a, kind=kind,
                               given_by="guardian" if subject == p["m1"] else "self",
                               given_by_person_id=guardian if subject == p["m1"] else subject, status=status,
                               version="v1", text_hash="h", locale="ru", decided_at=T0))
    await session.flush()

    await b.count(a, "pupils", 40)
    await b.count(a, "pupils_10_19", 30)
    await b.count(a, "pupils_15_19", 8)
    await b.count(a, "t:sat_mentees", 85)
    await b.count(a, "pupils", 999, year="2025/26")  # another year: never used for 2026/27

    # Organisation B (same municipality): two pupil mentees of 12 and a pupil mentor of 16.
    bb = d.org_b
    for name in ("Лицеист 1", "Лицеист 2"):
        await b.member(await b.person(name, date(2014, 6, 6), "pupil"), bb, "mentee", "active", "pp")
    await b.member(await b.person("Лицеист-наставник", date(2010, 6, 6), "pupil"), bb, "mentor", "active", "pp")
    for key, value in (("pupils", 100), ("pupils_10_19", 20), ("pupils_15_19", 10), ("teachers", 5)):
        await b.count(bb, key, value)

    # Organisation C (another municipality).
    await b.member(await b.person(NAME_C, date(2012, 2, 2), "pupil"), d.org_c, "mentee", "active", "pp")
    await session.commit()
    return d
