"""Filling in questionnaires: start or resume, save each answer the moment it is given, skip, finish; and a
curator's own versions. The rules are in mentorship.questionnaire; this module adds storage and authority.

Two kinds of response share the machinery: the intake questionnaire (one per person, organisation and role; no
campaign) and a survey's (one per person and campaign; mentorship.services.surveys opens campaigns). A survey's
answers are taken only from someone the campaign invited, and only while it is open; finishing marks the invitation
answered.

Shipped questionnaires live in questionnaires/*.yaml. `ShippedQuestionnaires` reads them once per process and
stores any new version the first time something needs them (`ensure_synced`, in the caller's transaction; done
for this process once that commits): the runner calls it at start-up so a problem shows there, and every service
entry point that picks a questionnaire calls it too, so an app built without the runner (tests, benchmarks)
behaves the same. One path, whoever comes first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.repositories.audit import AuditRepository
from db.repositories.organisations import OrganisationRepository
from db.repositories.questionnaires import QuestionnaireRepository
from db.repositories.surveys import SurveyRepository
from db.transaction import savepoint, transaction
from mentorship import questionnaire as rules
from mentorship.clock import Clock
from mentorship.entities import Actor, Membership, Person
from mentorship.errors import DomainError, InvalidInput, NotAllowed, NotFound
from mentorship.questionnaire import (
    InvalidAnswer,
    Kind,
    Question,
    Questionnaire,
    Response,
    ResponseFacts,
    StoredVersion,
)
from mentorship.roles import Role

log = logging.getLogger(__name__)

SHIPPED_DIR = Path(__file__).resolve().parent.parent.parent / "questionnaires"


class ShippedVersionChanged(RuntimeError):
    """A shipped file changed without a new `version`: responses already point at the old content."""


class ShippedQuestionnaires:
    """The questionnaires that come with the bot, and whether this process has stored them yet."""

    def __init__(self, definitions: Sequence[Questionnaire]) -> None:
        self.definitions = tuple(definitions)
        self._synced = False
        self._lock = asyncio.Lock()

    @classmethod
    def load(cls, directory: Path = SHIPPED_DIR) -> ShippedQuestionnaires:
        return cls(rules.load_directory(directory))

    async def sync_at_startup(self, session_factory: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        """Start-up work of the runner: its own transaction."""
        async with transaction(session_factory) as session:
            await self.ensure_synced(session, clock)

    async def ensure_synced(self, session: AsyncSession, clock: Clock) -> None:
        """Store what is missing in the caller's transaction; this process stops checking once it is committed."""
        if self._synced:
            return
        async with self._lock:
            if self._synced:
                return
            await sync_defaults(session, clock, self.definitions)

        def synced(_session) -> None:
            self._synced = True

        event.listen(session.sync_session, "after_commit", synced, once=True)


async def sync_defaults(
    session: AsyncSession, clock: Clock, definitions: Sequence[Questionnaire]
) -> list[StoredVersion]:
    """Store every shipped questionnaire whose version is not stored yet; returns what was added."""
    repo = QuestionnaireRepository(session)
    added: list[StoredVersion] = []
    try:
        async with savepoint(session):
            for questionnaire in definitions:
                known = await repo.find_version(None, questionnaire.key, questionnaire.version)
                if known is None:
                    added.append(await repo.add_version(questionnaire, None, clock.now(), None))
                elif known.content_hash != questionnaire.content_hash():
                    raise ShippedVersionChanged(
                        f"questionnaire {questionnaire.key} version {questionnaire.version} changed: raise its version"
                    )
    except IntegrityError:
        # Another process stored the same versions a moment earlier; a later start-up compares their content.
        return []
    for stored in added:
        log.info("questionnaire stored key=%s version=%s id=%s", stored.questionnaire.key,
                 stored.questionnaire.version, stored.id)
    return added


# --- a response in progress ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Progress:
    """A response with its questionnaire and answers: everything the dialog shows is derived from this."""

    response: Response
    questionnaire: Questionnaire
    answers: dict[str, Any]

    @property
    def next(self) -> Question | None:
        return rules.next_question(self.questionnaire, self.answers)

    @property
    def complete(self) -> bool:
        return rules.is_complete(self.questionnaire, self.answers)

    def visible(self) -> list[Question]:
        return rules.visible_questions(self.questionnaire, self.answers)

    def is_visible(self, question_id: str) -> bool:
        return any(q.id == question_id for q in self.visible())

    def position(self, question_id: str) -> tuple[int, int]:
        return rules.position(self.questionnaire, self.answers, question_id)

    def previous(self, question_id: str | None) -> Question | None:
        return rules.previous_question(self.questionnaire, self.answers, question_id)

    def summary(self) -> list[tuple[Question, Any]]:
        return rules.visible_answers(self.questionnaire, self.answers)


def participant_memberships(person: Person) -> list[Membership]:
    """Memberships that have a questionnaire (mentee, mentor), in the order they were made."""
    return [m for m in person.memberships if m.role in rules.PARTICIPANT_ROLES and m.organisation_id is not None]


def _active_membership(person: Person, organisation_id: int, role: Role) -> Membership:
    membership = next(
        (m for m in participant_memberships(person) if m.organisation_id == organisation_id and m.role == role), None
    )
    if membership is None:
        raise NotAllowed()
    if not membership.is_active:
        raise NotAllowed("questionnaire-needs-consent")
    return membership


async def start(
    session: AsyncSession,
    clock: Clock,
    shipped: ShippedQuestionnaires,
    person: Person,
    organisation_id: int,
    role: Role,
) -> Progress:
    """The person's response for this role here: resumed if it exists, else started on the right questionnaire."""
    membership = _active_membership(person, organisation_id, role)
    repo = QuestionnaireRepository(session)
    response = await repo.response_for(person.id, organisation_id, role)
    if response is None:
        response = await _new_response(session, clock, shipped, person, membership)
    return await _progress(repo, response)


async def _new_response(
    session: AsyncSession, clock: Clock, shipped: ShippedQuestionnaires, person: Person, membership: Membership
) -> Response:
    await shipped.ensure_synced(session, clock)
    repo = QuestionnaireRepository(session)
    organisation_id = membership.organisation_id
    assert organisation_id is not None
    form = rules.form_for(membership.role, membership.form, person.category.value if person.category else None)
    candidates = [
        rules.Candidate(v.id, v.questionnaire, v.organisation_id is not None)
        for v in await repo.versions_for(organisation_id)
    ]
    chosen = rules.choose(candidates, membership.role, form)
    if chosen is None:
        raise NotFound("questionnaire-none")
    now = clock.now()
    try:
        async with savepoint(session):
            response = await repo.add_response(person.id, organisation_id, membership.role, chosen.version_id, now)
    except IntegrityError:
        # A double tap on /questionnaire: the first request created the response.
        existing = await repo.response_for(person.id, organisation_id, membership.role)
        if existing is None:
            raise
        return existing
    await AuditRepository(session).record(
        at=now, actor_telegram_id=person.telegram_id, action="questionnaire.start",
        organisation_id=organisation_id, object_type="questionnaire_response", object_id=response.id,
        version_id=chosen.version_id,
    )
    log.info("questionnaire started response_id=%s version_id=%s", response.id, chosen.version_id)
    return response


async def _progress(repo: QuestionnaireRepository, response: Response) -> Progress:
    found = await repo.progress(response.id)
    assert found is not None  # the response was read in this transaction
    return Progress(*found)


async def load(session: AsyncSession, person: Person, response_id: int) -> Progress:
    """A response of this person (NotFound for anyone else's), in one query; within one update, as the update last
    read or wrote it."""
    found = await QuestionnaireRepository(session).progress(response_id)
    if found is None or found[0].person_id != person.id:
        raise NotFound()
    return Progress(*found)


async def question_of(session: AsyncSession, person: Person, response_id: int, question_id: str
                      ) -> tuple[Question | None, int]:
    """A question of the person's response and the response's organisation, read only if this process does not know
    the response yet (a response's questionnaire never changes); NotFound for anyone else's response."""
    facts = QuestionnaireRepository(session).facts(response_id)
    if facts is None or facts.person_id != person.id:
        progress = await load(session, person, response_id)
        return progress.questionnaire.question(question_id), progress.response.organisation_id
    return facts.questionnaire.question(question_id), facts.organisation_id


async def _may_change(session: AsyncSession, clock: Clock, person: Person, response: Response) -> None:
    # Consent can be withdrawn between two answers; nothing more is stored after that.
    _active_membership(person, response.organisation_id, response.role)
    if response.campaign_id is not None:
        await _open_invitation(session, clock, person, response.campaign_id)


async def _open_invitation(session: AsyncSession, clock: Clock, person: Person, campaign_id: int):
    """The campaign, if it is open now and invited this person; otherwise a clear refusal."""
    surveys = SurveyRepository(session)
    campaign = await surveys.get(campaign_id)
    if campaign is None:
        raise NotFound("survey-not-found")
    if await surveys.invitation(campaign_id, person.id) is None:
        raise NotAllowed("survey-not-invited")
    if not campaign.is_open_at(clock.now()):
        raise DomainError("survey-closed")
    return campaign


async def _for_change(
    session: AsyncSession, clock: Clock, person: Person, response_id: int, question_id: str
) -> tuple[Progress, Question]:
    progress = await load(session, person, response_id)
    await _may_change(session, clock, person, progress.response)
    question = progress.questionnaire.question(question_id)
    if question is None or not progress.is_visible(question_id):
        raise InvalidInput("qn-question-gone")
    return progress, question


async def answer(
    session: AsyncSession, clock: Clock, person: Person, response_id: int, question_id: str, raw: Any
) -> Progress:
    """Validate and store one answer at once; a refused answer stores nothing."""
    repo = QuestionnaireRepository(session)
    facts = repo.facts(response_id)
    if facts is not None and facts.campaign_id is None and repo.saves_and_reads_at_once:
        question = facts.questionnaire.question(question_id)
        if question is not None and question.kind != Kind.DATE:
            return await _answer_at_once(session, clock, person, facts, question, raw)
    progress, question = await _for_change(session, clock, person, response_id, question_id)
    today = clock.now().date()
    if question.kind == Kind.DATE:
        today = await local_today(session, clock, progress.response.organisation_id)
    value = rules.normalise_answer(question, raw, today)
    return await _save(session, clock, progress, question_id, value)


async def _answer_at_once(
    session: AsyncSession, clock: Clock, person: Person, facts: ResponseFacts, question: Question, raw: Any
) -> Progress:
    """The common answer in one round trip: what never changes about the response (whose, where, which version) is
    checked first, the answer stored while the response is read as it was; what depends on the other answers (is
    the question still asked?) is checked after, and a refusal then puts the old answer back."""
    if facts.person_id != person.id:
        raise NotFound()
    _active_membership(person, facts.organisation_id, facts.role)
    value = rules.normalise_answer(question, raw, clock.now().date())
    repo = QuestionnaireRepository(session)
    before = await repo.save_answer_reading_before(facts.id, question.id, value, clock.now())
    if before is None:
        raise NotFound()
    progress = Progress(before.response, before.questionnaire, before.answers)
    if not progress.is_visible(question.id):
        await repo.restore_answer(facts.id, question.id, before.previous)
        raise InvalidInput("qn-question-gone")
    return await _save(session, clock, progress, question.id, value, stored=True)


async def skip(session: AsyncSession, clock: Clock, person: Person, response_id: int, question_id: str) -> Progress:
    progress, question = await _for_change(session, clock, person, response_id, question_id)
    if question.required:
        raise InvalidInput("qn-answer-required")
    return await _save(session, clock, progress, question_id, None)


async def tick(
    session: AsyncSession, clock: Clock, person: Person, response_id: int, question_id: str, picked: list[str]
) -> None:
    """Keep the ticks of a multiple-choice question as they are ticked, before "Done" confirms them: a person who
    leaves, or whose bot restarts, finds them ticked. What is ticked is checked like an answer (known options, no
    more than the question allows), though an empty or too short choice is kept: it is not an answer yet."""
    progress, question = await _for_change(session, clock, person, response_id, question_id)
    if question.kind != Kind.MULTI or any(question.option(o) is None for o in picked) or len(set(picked)) != len(picked):
        raise InvalidInput("qn-question-gone")
    if question.max is not None and len(picked) > question.max:
        raise InvalidAnswer("qn-too-many-picked", max=question.max)
    ordered = [o.id for o in question.options if o.id in picked]
    await QuestionnaireRepository(session).set_draft(progress.response.id, question_id, ordered)
    log.info("questionnaire ticks response_id=%s question=%s count=%s", response_id, question_id, len(ordered))


async def _save(session: AsyncSession, clock: Clock, progress: Progress, question_id: str, value: Any, *,
                stored: bool = False) -> Progress:
    """Store one answer given to `progress` (`stored`: it is in the table already) and what it changes."""
    repo = QuestionnaireRepository(session)
    response = progress.response
    change = rules.apply_answer(progress.questionnaire, progress.answers, question_id, value)
    if not stored:
        await repo.save_answer(response.id, question_id, value, clock.now())
    if response.draft is not None:
        await repo.set_draft(response.id, None, [])
        response = replace(response, draft=None)
    # Answers to questions this change hides go: what is stored is what the person sees in their summary.
    await repo.delete_answers(response.id, change.dropped)
    if response.completed_at is not None and not rules.is_complete(progress.questionnaire, change.answers):
        await repo.set_completed(response.id, None)
        response = _replace_completed(response, None)
    log.info("questionnaire answer response_id=%s question=%s dropped=%s",
             response.id, question_id, len(change.dropped))
    repo.remember(response, progress.questionnaire, change.answers)  # the next screen reads nothing again
    return Progress(response, progress.questionnaire, change.answers)


async def finish(session: AsyncSession, clock: Clock, person: Person, response_id: int) -> Progress:
    progress = await load(session, person, response_id)
    response = progress.response
    await _may_change(session, clock, person, response)
    if not progress.complete:
        raise InvalidInput("qn-not-complete")
    if response.completed_at is not None:
        return progress
    now = clock.now()
    await QuestionnaireRepository(session).set_completed(response_id, now)
    if response.campaign_id is not None:
        await SurveyRepository(session).answered(response.campaign_id, person.id, now)
    await AuditRepository(session).record(
        at=now, actor_telegram_id=person.telegram_id,
        action="survey.answer" if response.campaign_id is not None else "questionnaire.complete",
        organisation_id=response.organisation_id, object_type="questionnaire_response", object_id=response_id,
    )
    return Progress(_replace_completed(progress.response, now), progress.questionnaire, progress.answers)


async def start_survey(
    session: AsyncSession, clock: Clock, shipped: ShippedQuestionnaires, person: Person, campaign_id: int
) -> Progress:
    """The person's response to a campaign: resumed if it exists, else started on the newest version of the
    campaign's questionnaire. Someone not invited, or a campaign that is not open, is refused and nothing is
    stored."""
    campaign = await _open_invitation(session, clock, person, campaign_id)
    _active_membership(person, campaign.organisation_id, campaign.role)
    repo = QuestionnaireRepository(session)
    response = await repo.survey_response(person.id, campaign_id)
    if response is None:
        await shipped.ensure_synced(session, clock)
        candidates = [
            rules.Candidate(v.id, v.questionnaire, v.organisation_id is not None)
            for v in await repo.versions_for(campaign.organisation_id)
        ]
        chosen = rules.choose_survey(candidates, campaign.questionnaire_key)
        if chosen is None:
            raise NotFound("questionnaire-none")
        now = clock.now()
        try:
            async with savepoint(session):
                response = await repo.add_response(
                    person.id, campaign.organisation_id, campaign.role, chosen.version_id, now, campaign_id=campaign_id
                )
        except IntegrityError:  # a double tap: the first request started it
            response = await repo.survey_response(person.id, campaign_id)
            if response is None:
                raise
            return await _progress(repo, response)
        await AuditRepository(session).record(
            at=now, actor_telegram_id=person.telegram_id, action="survey.start",
            organisation_id=campaign.organisation_id, object_type="questionnaire_response", object_id=response.id,
            campaign_id=campaign_id, version_id=chosen.version_id,
        )
        log.info("survey started response_id=%s campaign_id=%s", response.id, campaign_id)
    return await _progress(repo, response)


def _replace_completed(response: Response, at: datetime | None) -> Response:
    return replace(response, completed_at=at)


async def local_today(session: AsyncSession, clock: Clock, organisation_id: int) -> date:
    """"Today" where the organisation is: a date in the future for a school in Vladivostok may be today in Moscow."""
    organisation = await OrganisationRepository(session).get(organisation_id)
    zone = ZoneInfo(organisation.timezone) if organisation else None
    return clock.now().astimezone(zone).date() if zone else clock.now().date()


# --- a curator's own version ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Upload:
    version: StoredVersion
    created: bool  # False: the very same file was loaded before


async def upload(session: AsyncSession, clock: Clock, actor: Actor, organisation_id: int, data: bytes) -> Upload:
    """Validate a curator's file and store it as the organisation's version; QuestionnaireError names the line."""
    if not actor.is_curator_of(organisation_id):
        raise NotAllowed("qn-upload-not-curator")
    questionnaire = rules.parse(data)
    repo = QuestionnaireRepository(session)
    same = await repo.find_version(organisation_id, questionnaire.key, questionnaire.version)
    if same is not None:
        if same.content_hash == questionnaire.content_hash():
            return Upload(same, created=False)
        raise InvalidInput("qn-upload-version-taken", name=questionnaire.key, version=questionnaire.version)
    versions = await repo.versions_for(organisation_id)
    known = [v.questionnaire for v in versions if v.questionnaire.key == questionnaire.key]
    if known and any(q.role != questionnaire.role for q in known):
        raise InvalidInput("qn-upload-role-changed", name=questionnaire.key)
    if known and any(q.purpose != questionnaire.purpose for q in known):
        raise InvalidInput("qn-upload-purpose-changed", name=questionnaire.key)
    newest = max((q.version for q in known), default=0)
    if questionnaire.version <= newest:
        raise InvalidInput(
            "qn-upload-version-too-low", name=questionnaire.key, version=questionnaire.version, newest=newest
        )
    now = clock.now()
    stored = await repo.add_version(questionnaire, organisation_id, now, actor.telegram_id)
    await AuditRepository(session).record(
        at=now, actor_telegram_id=actor.telegram_id, action="questionnaire.upload", organisation_id=organisation_id,
        object_type="questionnaire_version", object_id=stored.id, key=questionnaire.key, version=questionnaire.version,
    )
    log.info("questionnaire uploaded organisation_id=%s version_id=%s", organisation_id, stored.id)
    return Upload(stored, created=True)


async def responses_in(session: AsyncSession, organisation_id: int, person_id: int | None = None) -> list[Progress]:
    """Every response in an organisation (or one person's there), with questionnaire and answers, for the curator.
    The caller checks that the reader may see them."""
    repo = QuestionnaireRepository(session)
    responses = await repo.responses_in(organisation_id, person_id)
    # Three queries whatever the size: responses, every answer, and each distinct version once.
    answers = await repo.answers_in(organisation_id, person_id) if responses else {}
    versions: dict[int, StoredVersion] = {}
    found = []
    for response in responses:
        version = versions.get(response.version_id)
        if version is None:
            version = await repo.get_version(response.version_id)
            assert version is not None  # versions are never deleted while a response points at them
            versions[response.version_id] = version
        found.append(Progress(response, version.questionnaire, answers.get(response.id, {})))
    return found
