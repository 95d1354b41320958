"""Survey campaigns and their invitations. Never commits; returns plain objects."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    MembershipRow,
    PairMenteeRow,
    PairRow,
    PersonRow,
    SurveyCampaignRow,
    SurveyInvitationRow,
)
from mentorship.entities import PairStatus
from mentorship.roles import ParticipationStatus, Role
from mentorship.surveys import (
    REMINDERS_MAX,
    Campaign,
    CampaignReason,
    CampaignStatus,
    Invitation,
)


def _campaign(row: SurveyCampaignRow) -> Campaign:
    return Campaign(
        id=row.id,
        organisation_id=row.organisation_id,
        questionnaire_key=row.questionnaire_key,
        role=Role(row.role),
        reason=CampaignReason(row.reason),
        pair_id=row.pair_id,
        opens_at=row.opens_at,
        closes_at=row.closes_at,
        status=CampaignStatus(row.status),
        dedup_key=row.dedup_key,
        created_at=row.created_at,
        closed_at=row.closed_at,
    )


def _invitation(row: SurveyInvitationRow) -> Invitation:
    return Invitation(
        campaign_id=row.campaign_id,
        person_id=row.person_id,
        invited_at=row.invited_at,
        reminders=row.reminders,
        last_reminded_at=row.last_reminded_at,
        answered_at=row.answered_at,
    )


class SurveyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self, table):  # type: ignore[no-untyped-def]
        dialect = postgresql if self.session.bind.dialect.name == "postgresql" else sqlite
        return dialect.insert(table)

    # --- campaigns -----------------------------------------------------------------------------------------------

    async def add_campaign(
        self,
        *,
        organisation_id: int,
        questionnaire_key: str,
        role: Role,
        reason: CampaignReason,
        opens_at: datetime,
        closes_at: datetime,
        dedup_key: str,
        now: datetime,
        pair_id: int | None = None,
        created_by_telegram_id: int | None = None,
    ) -> Campaign | None:
        """A new open campaign, or None when the organisation already has one with this `dedup_key`."""
        statement = (
            self._insert(SurveyCampaignRow)
            .values(
                organisation_id=organisation_id, questionnaire_key=questionnaire_key, role=role.value,
                reason=reason.value, pair_id=pair_id, opens_at=opens_at, closes_at=closes_at,
                status=CampaignStatus.OPEN.value, dedup_key=dedup_key, created_by_telegram_id=created_by_telegram_id,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["organisation_id", "dedup_key"])
            .returning(SurveyCampaignRow.id)
        )
        campaign_id = await self.session.scalar(statement)
        return await self.get(campaign_id) if campaign_id is not None else None

    async def get(self, campaign_id: int) -> Campaign | None:
        row = await self.session.get(SurveyCampaignRow, campaign_id, populate_existing=True)
        return _campaign(row) if row else None

    async def by_dedup_key(self, organisation_id: int, dedup_key: str) -> Campaign | None:
        row = await self.session.scalar(
            select(SurveyCampaignRow).where(
                SurveyCampaignRow.organisation_id == organisation_id, SurveyCampaignRow.dedup_key == dedup_key
            )
        )
        return _campaign(row) if row else None

    async def open_campaigns(self, organisation_id: int | None = None) -> list[Campaign]:
        query = select(SurveyCampaignRow).where(SurveyCampaignRow.status == CampaignStatus.OPEN.value)
        if organisation_id is not None:
            query = query.where(SurveyCampaignRow.organisation_id == organisation_id)
        rows = await self.session.scalars(query.order_by(SurveyCampaignRow.closes_at, SurveyCampaignRow.id))
        return [_campaign(r) for r in rows]

    async def due_to_close(self, now: datetime) -> list[Campaign]:
        rows = await self.session.scalars(
            select(SurveyCampaignRow)
            .where(SurveyCampaignRow.status == CampaignStatus.OPEN.value, SurveyCampaignRow.closes_at <= now)
            .order_by(SurveyCampaignRow.id)
        )
        return [_campaign(r) for r in rows]

    async def close(self, campaign_id: int, now: datetime) -> bool:
        """Close an open campaign; False if it was closed already (another scheduler got there first)."""
        result = await self.session.execute(
            update(SurveyCampaignRow)
            .where(SurveyCampaignRow.id == campaign_id, SurveyCampaignRow.status == CampaignStatus.OPEN.value)
            .values(status=CampaignStatus.CLOSED.value, closed_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)

    async def ended_pairs_without_survey(self, since: datetime) -> list[tuple[int, int, datetime]]:
        """(pair id, organisation id, ended_at) of pairs completed or ended after `since` that have no final survey."""
        rows = await self.session.execute(
            select(PairRow.id, PairRow.organisation_id, PairRow.ended_at)
            .where(
                PairRow.status.in_([PairStatus.COMPLETED.value, PairStatus.ENDED.value]),
                PairRow.ended_at.is_not(None),
                PairRow.ended_at >= since,
                ~exists().where(
                    SurveyCampaignRow.pair_id == PairRow.id,
                    SurveyCampaignRow.reason == CampaignReason.PAIR_END.value,
                ),
            )
            .order_by(PairRow.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    # --- who is asked ----------------------------------------------------------------------------------------------

    async def participants_in_pairs(self, organisation_id: int, role: Role, since: datetime) -> list[int]:
        """People of `role` here with an active membership and a Telegram account, in an active pair or in one
        completed or ended after `since` (mentorship.surveys.takes_part, as one query)."""
        in_period = (PairRow.status == PairStatus.ACTIVE.value) | and_(
            PairRow.status.in_([PairStatus.COMPLETED.value, PairStatus.ENDED.value]),
            PairRow.ended_at.is_not(None),
            PairRow.ended_at >= since,
        )
        if role == Role.MENTOR:
            person = PairRow.mentor_person_id
            paired = select(person).where(PairRow.organisation_id == organisation_id, in_period)
        else:
            person = PairMenteeRow.mentee_person_id
            paired = (
                select(person)
                .join(PairRow, PairRow.id == PairMenteeRow.pair_id)
                .where(PairRow.organisation_id == organisation_id, in_period)
            )
        rows = await self.session.scalars(
            select(MembershipRow.person_id)
            .join(PersonRow, PersonRow.id == MembershipRow.person_id)
            .where(
                MembershipRow.organisation_id == organisation_id,
                MembershipRow.role == role.value,
                MembershipRow.status == ParticipationStatus.ACTIVE.value,
                PersonRow.telegram_id.is_not(None),
                MembershipRow.person_id.in_(paired.scalar_subquery()),
            )
            .distinct()
            .order_by(MembershipRow.person_id)
        )
        return list(rows)

    async def active_members(self, organisation_id: int, role: Role, person_ids: Collection[int]) -> list[int]:
        """Those of `person_ids` with an active membership in `role` here and a Telegram account."""
        if not person_ids:
            return []
        rows = await self.session.scalars(
            select(MembershipRow.person_id)
            .join(PersonRow, PersonRow.id == MembershipRow.person_id)
            .where(
                MembershipRow.organisation_id == organisation_id,
                MembershipRow.role == role.value,
                MembershipRow.status == ParticipationStatus.ACTIVE.value,
                PersonRow.telegram_id.is_not(None),
                MembershipRow.person_id.in_(list(person_ids)),
            )
            .order_by(MembershipRow.person_id)
        )
        return list(rows)

    # --- invitations ---------------------------------------------------------------------------------------------

    async def invite(self, campaign_id: int, person_id: int, now: datetime) -> bool:
        """Invite once: False when the person was invited to this campaign already."""
        result = await self.session.execute(
            self._insert(SurveyInvitationRow)
            .values(campaign_id=campaign_id, person_id=person_id, invited_at=now, reminders=0)
            .on_conflict_do_nothing(index_elements=["campaign_id", "person_id"])
        )
        return bool(result.rowcount)

    async def invited_ids(self, campaign_id: int) -> set[int]:
        rows = await self.session.scalars(
            select(SurveyInvitationRow.person_id).where(SurveyInvitationRow.campaign_id == campaign_id)
        )
        return set(rows)

    async def invitation(self, campaign_id: int, person_id: int) -> Invitation | None:
        row = await self.session.get(SurveyInvitationRow, (campaign_id, person_id), populate_existing=True)
        return _invitation(row) if row else None

    async def invitations(self, campaign_id: int) -> list[Invitation]:
        rows = await self.session.scalars(
            select(SurveyInvitationRow)
            .where(SurveyInvitationRow.campaign_id == campaign_id)
            .order_by(SurveyInvitationRow.person_id)
        )
        return [_invitation(r) for r in rows]

    async def unanswered_in_open(self) -> list[tuple[Invitation, Campaign]]:
        """Invitations not answered and not reminded twice, in open campaigns: the reminder tick's candidates."""
        rows = await self.session.execute(
            select(SurveyInvitationRow, SurveyCampaignRow)
            .join(SurveyCampaignRow, SurveyCampaignRow.id == SurveyInvitationRow.campaign_id)
            .where(
                SurveyCampaignRow.status == CampaignStatus.OPEN.value,
                SurveyInvitationRow.answered_at.is_(None),
                SurveyInvitationRow.reminders < REMINDERS_MAX,
            )
            .order_by(SurveyInvitationRow.campaign_id, SurveyInvitationRow.person_id)
        )
        return [(_invitation(i), _campaign(c)) for i, c in rows]

    async def reminded(self, campaign_id: int, person_id: int, reminders_before: int, now: datetime) -> bool:
        """Count one reminder, only if nobody counted it since it was read (two schedulers at once send one)."""
        result = await self.session.execute(
            update(SurveyInvitationRow)
            .where(
                SurveyInvitationRow.campaign_id == campaign_id,
                SurveyInvitationRow.person_id == person_id,
                SurveyInvitationRow.reminders == reminders_before,
            )
            .values(reminders=reminders_before + 1, last_reminded_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)

    async def answered(self, campaign_id: int, person_id: int, now: datetime) -> None:
        await self.session.execute(
            update(SurveyInvitationRow)
            .where(
                SurveyInvitationRow.campaign_id == campaign_id,
                SurveyInvitationRow.person_id == person_id,
                SurveyInvitationRow.answered_at.is_(None),
            )
            .values(answered_at=now)
            .execution_options(synchronize_session=False)
        )

    async def counts(self, campaign_ids: Collection[int]) -> dict[int, tuple[int, int]]:
        """campaign id → (invited, answered)."""
        if not campaign_ids:
            return {}
        rows = await self.session.execute(
            select(SurveyInvitationRow.campaign_id, func.count(), func.count(SurveyInvitationRow.answered_at))
            .where(SurveyInvitationRow.campaign_id.in_(list(campaign_ids)))
            .group_by(SurveyInvitationRow.campaign_id)
        )
        return {cid: (int(invited), int(answered)) for cid, invited, answered in rows}

    async def open_for_person(self, person_id: int, now: datetime) -> list[tuple[Campaign, Invitation]]:
        """The person's invitations in campaigns open now, soonest closing first."""
        rows = await self.session.execute(
            select(SurveyCampaignRow, SurveyInvitationRow)
            .join(SurveyInvitationRow, SurveyInvitationRow.campaign_id == SurveyCampaignRow.id)
            .where(
                SurveyInvitationRow.person_id == person_id,
                SurveyCampaignRow.status == CampaignStatus.OPEN.value,
                SurveyCampaignRow.opens_at <= now,
                SurveyCampaignRow.closes_at > now,
            )
            .order_by(SurveyCampaignRow.closes_at, SurveyCampaignRow.id)
        )
        return [(_campaign(c), _invitation(i)) for c, i in rows]
