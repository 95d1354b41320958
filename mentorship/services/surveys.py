"""Survey campaigns: the scheduler's tick (calendar rounds, final surveys of ended pairs, reminders, closing), the
curator's /campaign, and a participant's open surveys. The rules are in mentorship.surveys.

Every message goes through the outbox in the transaction that records it, with a de-duplication key, so a tick
that runs twice (two scheduler processes, a retry after a crash) invites and reminds each person once.
Answering is mentorship.services.questionnaires (start_survey, answer, finish).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.audit import AuditRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.pairs import PairRepository
from db.repositories.people import PersonRepository
from db.repositories.surveys import SurveyRepository
from mentorship import surveys as rules
from mentorship.clock import Clock
from mentorship.entities import Actor, Organisation
from mentorship.errors import DomainError, NotAllowed, NotFound
from mentorship.outbox import Button, OutboxKind, Press
from mentorship.roles import Role
from mentorship.services import outbox
from mentorship.surveys import Campaign, CampaignReason, Invitation

log = logging.getLogger(__name__)


def open_button(campaign_id: int, key: str = "survey-btn-open") -> Button:
    return Button(key, Press.OPEN_SURVEY, campaign_id)


def _ref(campaign_id: int) -> str:
    return f"survey:{campaign_id}"


@dataclass
class TickResult:
    opened: list[int] = field(default_factory=list)
    invited: int = 0
    reminded: int = 0
    closed: list[int] = field(default_factory=list)


# --- inviting ------------------------------------------------------------------------------------------------------


async def _invite(
    session: AsyncSession, campaign: Campaign, organisation: Organisation, person_ids: Collection[int], now: datetime
) -> int:
    """Invite those not invited yet; each gets one message with the button that opens the survey."""
    repo = SurveyRepository(session)
    people = PersonRepository(session)
    deadline_local = campaign.closes_at.astimezone(ZoneInfo(organisation.timezone))
    count = 0
    for person_id in person_ids:
        if not await repo.invite(campaign.id, person_id, now):
            continue
        person = await people.get(person_id)
        if person is None:
            continue
        await outbox.notify(
            session, person, f"survey-invitation-{campaign.reason.value}",
            {"organisation": organisation.name, "deadline": deadline_local.strftime("%d.%m.%Y")},
            now=now, kind=OutboxKind.SURVEY, organisation_id=organisation.id, ref=_ref(campaign.id),
            dedup_key=f"survey:{campaign.id}:{person_id}:invite", buttons=[[open_button(campaign.id)]],
        )
        count += 1
    return count


async def _open_calendar_rounds(session: AsyncSession, organisation: Organisation, now: datetime, result: TickResult) -> None:
    repo = SurveyRepository(session)
    for round_ in rules.due_rounds(now, organisation.timezone):
        for role in rules.SURVEY_ROLES:
            eligible = await repo.participants_in_pairs(organisation.id, role, round_.since)
            campaign = await repo.by_dedup_key(organisation.id, round_.dedup_key(role))
            if campaign is None:
                if not eligible:
                    continue  # nobody to ask yet; a pair approved later in the window opens it then
                campaign = await repo.add_campaign(
                    organisation_id=organisation.id, questionnaire_key=rules.QUESTIONNAIRE_FOR_ROLE[role], role=role,
                    reason=CampaignReason.CALENDAR, opens_at=round_.opens_at, closes_at=round_.closes_at,
                    dedup_key=round_.dedup_key(role), now=now,
                )
                if campaign is None:
                    continue  # another scheduler opened it a moment ago; its tick invites
                result.opened.append(campaign.id)
                log.info("survey campaign opened campaign_id=%s organisation_id=%s reason=calendar role=%s",
                         campaign.id, organisation.id, role.value)
            if campaign.is_open_at(now):
                # Also those whose pair became active since the round opened.
                invited = await repo.invited_ids(campaign.id)
                result.invited += await _invite(session, campaign, organisation, [i for i in eligible if i not in invited], now)


async def _open_pair_end(session: AsyncSession, now: datetime, result: TickResult) -> None:
    repo = SurveyRepository(session)
    organisations = OrganisationRepository(session)
    for pair_id, organisation_id, ended_at in await repo.ended_pairs_without_survey(now - rules.PAIR_END_LOOKBACK):
        pair = await PairRepository(session).get(pair_id)
        organisation = await organisations.get(organisation_id)
        if pair is None or organisation is None:
            continue
        closes_at = rules.pair_end_closes(ended_at, organisation.timezone)
        for role, members in ((Role.MENTEE, pair.mentee_person_ids), (Role.MENTOR, (pair.mentor_person_id,))):
            campaign = await repo.add_campaign(
                organisation_id=organisation_id, questionnaire_key=rules.QUESTIONNAIRE_FOR_ROLE[role], role=role,
                reason=CampaignReason.PAIR_END, pair_id=pair_id, opens_at=now, closes_at=closes_at,
                dedup_key=f"pair_end:{pair_id}:{role.value}", now=now,
            )
            if campaign is None:
                continue
            result.opened.append(campaign.id)
            log.info("survey campaign opened campaign_id=%s organisation_id=%s reason=pair_end pair_id=%s",
                     campaign.id, organisation_id, pair_id)
            people = await repo.active_members(organisation_id, role, members)
            result.invited += await _invite(session, campaign, organisation, people, now)


async def _remind(session: AsyncSession, now: datetime, result: TickResult) -> None:
    repo = SurveyRepository(session)
    people = PersonRepository(session)
    zones: dict[int, Organisation | None] = {}
    for invitation, campaign in await repo.unanswered_in_open():
        if campaign.organisation_id not in zones:
            zones[campaign.organisation_id] = await OrganisationRepository(session).get(campaign.organisation_id)
        organisation = zones[campaign.organisation_id]
        if organisation is None or not rules.reminder_due(invitation, campaign, now, organisation.timezone):
            continue
        person = await people.get(invitation.person_id)
        if person is None or not any(
            m.organisation_id == campaign.organisation_id and m.role == campaign.role and m.is_active
            for m in person.memberships
        ):
            continue  # consent withdrawn since the invitation: nothing more is sent
        if not await repo.reminded(campaign.id, invitation.person_id, invitation.reminders, now):
            continue
        number = invitation.reminders + 1
        deadline_local = campaign.closes_at.astimezone(ZoneInfo(organisation.timezone))
        await outbox.notify(
            session, person, "survey-reminder",
            {"organisation": organisation.name, "deadline": deadline_local.strftime("%d.%m.%Y")},
            now=now, kind=OutboxKind.SURVEY, organisation_id=organisation.id, ref=_ref(campaign.id),
            dedup_key=f"survey:{campaign.id}:{person.id}:r{number}", buttons=[[open_button(campaign.id)]],
        )
        result.reminded += 1


async def _close_due(session: AsyncSession, now: datetime, result: TickResult) -> None:
    repo = SurveyRepository(session)
    for campaign in await repo.due_to_close(now):
        if await repo.close(campaign.id, now):
            # An invitation or a reminder still waiting (quiet hours) would only lead to "the survey is closed".
            await outbox.cancel(session, _ref(campaign.id), [OutboxKind.SURVEY])
            await AuditRepository(session).record(
                at=now, actor_telegram_id=None, action="survey.close", organisation_id=campaign.organisation_id,
                object_type="survey_campaign", object_id=campaign.id,
            )
            result.closed.append(campaign.id)
            log.info("survey campaign closed campaign_id=%s", campaign.id)


async def tick(session: AsyncSession, clock: Clock) -> TickResult:
    """One scheduler pass: close what is due, open calendar rounds and final surveys, invite, remind. Idempotent."""
    now = clock.now()
    result = TickResult()
    await _close_due(session, now, result)
    for organisation in await OrganisationRepository(session).list():
        await _open_calendar_rounds(session, organisation, now, result)
    await _open_pair_end(session, now, result)
    await _remind(session, now, result)
    return result


# --- the curator ---------------------------------------------------------------------------------------------------


def _curated(actor: Actor, organisation_id: int) -> None:
    if not actor.is_curator_of(organisation_id):
        raise NotAllowed()


@dataclass(frozen=True, slots=True)
class CampaignLine:
    campaign: Campaign
    invited: int
    answered: int


async def open_campaigns(session: AsyncSession, actor: Actor, organisation_id: int) -> list[CampaignLine]:
    """The organisation's open campaigns with how many were asked and how many answered."""
    _curated(actor, organisation_id)
    repo = SurveyRepository(session)
    campaigns = await repo.open_campaigns(organisation_id)
    counts = await repo.counts([c.id for c in campaigns])
    return [CampaignLine(c, *counts.get(c.id, (0, 0))) for c in campaigns]


@dataclass(frozen=True, slots=True)
class Started:
    campaigns: tuple[CampaignLine, ...]
    closes_at: datetime
    closes_on: date  # the closing day where the organisation is


async def start_manual(
    session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int, roles: Collection[Role], closing: str
) -> Started:
    """The curator's own round for mentees, mentors or both, closing at 23:59 on `closing` (dd.mm.yyyy). Asks the
    same people a calendar round would; refused when there is nobody to ask, or the same round is open already."""
    _curated(actor, organisation_id)
    roles = [r for r in rules.SURVEY_ROLES if r in set(roles)]
    if not roles:
        raise DomainError("campaign-no-role")
    organisation = await OrganisationRepository(session).get(organisation_id)
    if organisation is None:
        raise NotFound()
    now = clock.now()
    closes_at = rules.manual_closing(closing, now, organisation.timezone)
    repo = SurveyRepository(session)
    since = closes_at - rules.PERIOD
    eligible = {role: await repo.participants_in_pairs(organisation_id, role, since) for role in roles}
    if not any(eligible.values()):
        raise DomainError("campaign-nobody")
    today = now.astimezone(ZoneInfo(organisation.timezone)).date()
    made: list[CampaignLine] = []
    for role in roles:
        if not eligible[role]:
            continue
        # One manual round per role, opening day and closing day: a double tap does not start two.
        dedup = f"manual:{today.isoformat()}:{closes_at.date().isoformat()}:{role.value}"
        campaign = await repo.add_campaign(
            organisation_id=organisation_id, questionnaire_key=rules.QUESTIONNAIRE_FOR_ROLE[role], role=role,
            reason=CampaignReason.MANUAL, opens_at=now, closes_at=closes_at, dedup_key=dedup, now=now,
            created_by_telegram_id=actor.telegram_id,
        )
        if campaign is None:
            continue
        invited = await _invite(session, campaign, organisation, eligible[role], now)
        await AuditRepository(session).record(
            at=now, actor_telegram_id=actor.telegram_id, action="survey.start_manual", organisation_id=organisation_id,
            object_type="survey_campaign", object_id=campaign.id, role=role.value, invited=invited,
        )
        made.append(CampaignLine(campaign, invited, 0))
    if not made:  # every campaign existed already: nothing was written
        raise DomainError("campaign-already-open")
    log.info("survey campaigns started by curator organisation_id=%s campaigns=%s",
             organisation_id, [line.campaign.id for line in made])
    return Started(tuple(made), closes_at, closes_at.astimezone(ZoneInfo(organisation.timezone)).date())


# --- a participant -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MySurvey:
    campaign: Campaign
    invitation: Invitation
    organisation: Organisation


async def open_for(session: AsyncSession, clock: Clock, person_id: int) -> list[MySurvey]:
    """Surveys open now that asked this person (answered ones too: answers can be changed until it closes)."""
    found = []
    organisations = OrganisationRepository(session)
    for campaign, invitation in await SurveyRepository(session).open_for_person(person_id, clock.now()):
        organisation = await organisations.get(campaign.organisation_id)
        if organisation is not None:
            found.append(MySurvey(campaign, invitation, organisation))
    return found
