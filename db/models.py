"""Tables. Enumerations are stored as short strings (see mentorship.roles) so adding a value needs no DDL."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime


class OrganisationRow(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    municipality: Mapped[str] = mapped_column(String(100), index=True)
    timezone: Mapped[str] = mapped_column(String(64))
    forms: Mapped[list[str]] = mapped_column(JSON, default=list)
    guardian_consent_age: Mapped[int] = mapped_column(Integer, default=14, server_default=text("14"))
    guardian_agreement_age: Mapped[int] = mapped_column(Integer, default=18, server_default=text("18"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("guardian_consent_age BETWEEN 0 AND 21", name="consent_age"),
        CheckConstraint("guardian_agreement_age BETWEEN 0 AND 21", name="agreement_age"),
    )


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Both become NULL on erasure: the row stays (memberships are counted) but no longer says who it was.
    telegram_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    full_name: Mapped[str | None] = mapped_column(String(100))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    category: Mapped[str | None] = mapped_column(String(16))
    group_name: Mapped[str | None] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when Telegram answered 403 (the person blocked the bot); cleared when they write to the bot again.
    unreachable_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MembershipRow(Base):
    __tablename__ = "memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    municipality: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    form: Mapped[str | None] = mapped_column(String(4))
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Derived from the consent records by the consent service (mentorship.consent.participation): features check
    # this one column instead of re-evaluating consents on every update.
    status: Mapped[str] = mapped_column(String(10), default="pending", server_default=text("'pending'"))

    __table_args__ = (
        # A coordinator belongs to a municipality, everyone else to one organisation.
        CheckConstraint(
            "(role = 'coordinator' AND municipality IS NOT NULL AND organisation_id IS NULL)"
            " OR (role <> 'coordinator' AND organisation_id IS NOT NULL)",
            name="scope",
        ),
        Index(
            "uq_memberships_org_role",
            "person_id",
            "organisation_id",
            "role",
            unique=True,
            postgresql_where=text("organisation_id IS NOT NULL"),
            sqlite_where=text("organisation_id IS NOT NULL"),
        ),
        Index(
            "uq_memberships_municipality_role",
            "person_id",
            "municipality",
            "role",
            unique=True,
            postgresql_where=text("organisation_id IS NULL"),
            sqlite_where=text("organisation_id IS NULL"),
        ),
        Index("ix_memberships_org_role", "organisation_id", "role"),
    )


class InvitationRow(Base):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    municipality: Mapped[str | None] = mapped_column(String(100))
    form: Mapped[str | None] = mapped_column(String(4))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    max_uses: Mapped[int | None] = mapped_column(Integer)
    uses: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # NULL once the creator is erased.
    created_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("max_uses IS NULL OR uses <= max_uses", name="uses_within_limit"),
        CheckConstraint(
            "(role = 'coordinator' AND municipality IS NOT NULL) OR (role <> 'coordinator' AND organisation_id IS NOT NULL)",
            name="scope",
        ),
    )


class AuditRow(Base):
    """Who did what. Ids only: names and answers never go here (they would survive an erasure)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    organisation_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str | None] = mapped_column(String(24))
    object_id: Mapped[int | None] = mapped_column(BigInteger)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ConsentRow(Base):
    """One decision on one consent text: who for, who gave it, which text version, granted/declined/withdrawn."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    given_by: Mapped[str] = mapped_column(String(8))
    given_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10))
    version: Mapped[str] = mapped_column(String(16))
    text_hash: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    __table_args__ = (
        Index("ix_consent_records_subject", "subject_person_id", "organisation_id", "kind"),
        CheckConstraint("status IN ('granted', 'declined', 'withdrawn')", name="status"),
        CheckConstraint("given_by IN ('self', 'guardian')", name="given_by"),
    )


class GuardianshipRow(Base):
    __tablename__ = "guardianships"

    id: Mapped[int] = mapped_column(primary_key=True)
    guardian_person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    child_person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("guardian_person_id", "child_person_id"),)


class GuardianLinkRow(Base):
    """A single-use link a minor forwards to a parent; stored by hash like invitations."""

    __tablename__ = "guardian_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    child_person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    used_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))


class FsmRecordRow(Base):
    """aiogram FSM state and data, so a restart of the bot does not lose a half-filled dialog."""

    __tablename__ = "fsm_records"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class QuestionnaireVersionRow(Base):
    """One version of a questionnaire: shipped (organisation_id NULL) or uploaded by an organisation's curator.

    Rows are never changed or deleted: a response points at the version it was started on.
    """

    __tablename__ = "questionnaire_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    # The validated questionnaire in canonical form (mentorship.questionnaire.Questionnaire.content()).
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        # NULLs are distinct in a unique constraint, so the shipped versions need their own partial index.
        UniqueConstraint("organisation_id", "key", "version"),
        Index(
            "uq_questionnaire_versions_shipped",
            "key",
            "version",
            unique=True,
            postgresql_where=text("organisation_id IS NULL"),
            sqlite_where=text("organisation_id IS NULL"),
        ),
    )


class QuestionnaireResponseRow(Base):
    """A person's questionnaire for one role in one organisation, on the version it was started with."""

    __tablename__ = "questionnaire_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    # Named by hand: the convention's name would pass PostgreSQL's 63-character limit.
    questionnaire_version_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_versions.id", name="fk_questionnaire_responses_version"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set for a survey's answers; NULL for the intake questionnaire (one per person, organisation and role).
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("survey_campaigns.id", ondelete="CASCADE"), index=True)
    # The ticks of a multiple-choice question not confirmed yet: {"question": id, "picked": [option ids]}.
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    __table_args__ = (
        Index(
            "uq_questionnaire_responses_intake",
            "person_id",
            "organisation_id",
            "role",
            unique=True,
            postgresql_where=text("campaign_id IS NULL"),
            sqlite_where=text("campaign_id IS NULL"),
        ),
        UniqueConstraint("person_id", "campaign_id"),
    )


class QuestionnaireAnswerRow(Base):
    """One answer, saved the moment it is given; `skipped` marks an optional question passed over."""

    __tablename__ = "questionnaire_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_responses.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(20))
    value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("response_id", "question_id"),)


class PairRow(Base):
    """A mentorship pair or group as the curator decides it: proposed → approved/active → completed/ended.

    `reasons` keeps the matching codes and args only (no names): the text is rendered from locales when shown.
    """

    __tablename__ = "pairs"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    mentor_person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    form: Mapped[str] = mapped_column(String(4))
    status: Mapped[str] = mapped_column(String(10))
    score: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))  # hundredths of a point
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    proposed_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The curator's own words on rejecting or ending: may name people, so it is short and never logged.
    reason: Mapped[str | None] = mapped_column(String(300))
    order_number: Mapped[str | None] = mapped_column(String(40))
    order_date: Mapped[date | None] = mapped_column(Date)
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    # Paused while a required consent of its mentor (or of every mentee) is withdrawn; resumed when given again.
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resumed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint(
            "status IN ('proposed', 'approved', 'active', 'suspended', 'completed', 'ended', 'rejected')", name="status"
        ),
        # Proposals are replaced on each /match: SQLite would hand a deleted id to the next proposal, and an old
        # button would then decide a different pair.
        {"sqlite_autoincrement": True},
    )


class PairMenteeRow(Base):
    """A mentee of a pair. `live` copies "the pair is approved or active" so a partial unique index can say, on
    both backends, that a mentee has at most one live pair in a form (an index cannot look at another table)."""

    __tablename__ = "pair_mentees"

    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), primary_key=True)
    mentee_person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    form: Mapped[str] = mapped_column(String(4))
    live: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # This mentee's own consent is withdrawn: the place is kept, the group goes on without them.
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Erased: the place ended while the group went on (the row stays, tied to an anonymous person).
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index(
            "uq_pair_mentees_live",
            "mentee_person_id",
            "form",
            unique=True,
            postgresql_where=text("live"),
            sqlite_where=text("live"),
        ),
    )


class PairChangeRequestRow(Base):
    """A mentee's request for another mentor (/changementor), seen by the curator in /requests.
    `reason` is the mentee's own words: short, never logged, deleted on erasure with the person."""

    __tablename__ = "pair_change_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"))
    mentee_person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    reason: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(10), default="open", server_default=text("'open'"))  # open/done/dismissed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        Index(
            "uq_pair_change_requests_open",
            "pair_id",
            "mentee_person_id",
            unique=True,
            postgresql_where=text("status = 'open'"),
            sqlite_where=text("status = 'open'"),
        ),
    )


class OutboxRow(Base):
    """A message the bot sends on its own initiative, written in the transaction of the change that caused it.

    `payload` holds a locale key, its args and buttons (keys and callback data); it is rendered at send time in the
    recipient's language. `ref` names what the message is about (`meeting:12`) so a reschedule or a cancel can
    find its rows; `dedup_key` makes enqueueing the same message twice a no-op. A sender claims due rows by setting
    `claimed_until` (a lease): a sender killed mid-send leaves the row to be claimed again after the lease.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(24))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ref: Mapped[str | None] = mapped_column(String(60), index=True)
    dedup_key: Mapped[str | None] = mapped_column(String(160), unique=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Claim order: 2 time-critical (reminders, feedback forms, notices, alerts), 3 bulk (broadcasts, surveys).
    priority: Mapped[int] = mapped_column(SmallInteger, default=2, server_default=text("2"))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(12), default="pending", server_default=text("'pending'"))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The Telegram message a sent row became (or, for an edit, the one it edited): what a later edit targets.
    message_id: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'sent', 'failed', 'unreachable', 'cancelled', 'held')", name="status"
        ),
        # The sender's claim reads only these: due pending rows of one class in due order, and whether a chat
        # already has a message in flight (the rows whose lease is set, by when it runs out).
        Index("ix_outbox_claim", "priority", "due_at", "id", postgresql_where=text("status = 'pending'"),
              sqlite_where=text("status = 'pending'")),
        Index("ix_outbox_chat_pending", "chat_id", "id", postgresql_where=text("status = 'pending'"),
              sqlite_where=text("status = 'pending'")),
        Index("ix_outbox_in_flight", "claimed_until", "chat_id",
              postgresql_where=text("status = 'pending' AND claimed_until IS NOT NULL"),
              sqlite_where=text("status = 'pending' AND claimed_until IS NOT NULL")),
        {"sqlite_autoincrement": True},
    )


class MeetingRow(Base):
    """A meeting of a pair or group. Times are UTC; they are shown and entered in the organisation's timezone."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # intro, trial, planning, work, final, group
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    duration_minutes: Mapped[int] = mapped_column(Integer)
    online: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    place: Mapped[str | None] = mapped_column(String(300))  # an address, a room, or the link for an online one
    status: Mapped[str] = mapped_column(String(10), default="planned", server_default=text("'planned'"))
    logged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # entered afterwards
    created_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("status IN ('planned', 'held', 'missed', 'cancelled')", name="status"),
        CheckConstraint("duration_minutes > 0", name="duration"),
        {"sqlite_autoincrement": True},
    )


class MeetingParticipantRow(Base):
    """Who is invited to a meeting and how they answered (the mentor is confirmed from the start)."""

    __tablename__ = "meeting_participants"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True)
    response: Mapped[str] = mapped_column(String(10), default="pending", server_default=text("'pending'"))
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    proposed_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # another time offered on declining


class MeetingFeedbackRow(Base):
    """One participant's feedback on one meeting, saved answer by answer (`completed_at` once finished)."""

    __tablename__ = "meeting_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    took_place: Mapped[str | None] = mapped_column(String(6))  # yes / no / moved
    usefulness: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(String(1000))
    done: Mapped[str | None] = mapped_column(String(1000))  # the mentor: what was done
    next_step: Mapped[str | None] = mapped_column(String(500))  # the mentor: the next step
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id"),
        CheckConstraint("usefulness IS NULL OR (usefulness BETWEEN 1 AND 10)", name="usefulness"),
    )


class PlanGoalRow(Base):
    """A goal of a pair's individual plan (/plan)."""

    __tablename__ = "plan_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="not_started", server_default=text("'not_started'"))
    position: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("status IN ('not_started', 'in_progress', 'done')", name="status"),
    )


class SurveyCampaignRow(Base):
    """A satisfaction survey round for one role of one organisation: opened by the monitoring calendar, at a pair's
    end, or by the curator (/campaign); closed at `closes_at`. `dedup_key` keeps the calendar from opening the same
    round twice (e.g. `calendar:2026-12-20:mentee`)."""

    __tablename__ = "survey_campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    questionnaire_key: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(12))  # calendar / pair_end / manual
    pair_id: Mapped[int | None] = mapped_column(ForeignKey("pairs.id", ondelete="SET NULL"))
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(8), default="open", server_default=text("'open'"))  # open / closed
    dedup_key: Mapped[str | None] = mapped_column(String(80))
    created_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("organisation_id", "dedup_key"),
        CheckConstraint("status IN ('open', 'closed')", name="status"),
    )


class SurveyInvitationRow(Base):
    """Who a campaign asks; `reminders` counts the reminders sent (at most two), `answered_at` marks a response."""

    __tablename__ = "survey_invitations"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True)
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reminders: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    last_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class OrganisationCountRow(Base):
    """A denominator the curator enters with /counts (e.g. how many pupils aged 10–19 the school has), per
    academic year (`2026/27`), for the KPI shares."""

    __tablename__ = "organisation_counts"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    academic_year: Mapped[str] = mapped_column(String(9), primary_key=True)
    group_key: Mapped[str] = mapped_column(String(24), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (CheckConstraint("value >= 0", name="value"),)
