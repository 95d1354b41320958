"""Composition root: the one place that builds settings-dependent objects.

`create_core` builds what every process needs — engine and session factory, clock, translator, the bot with its
send budget, the dialog storage, the outbox sender — and `create_app` adds the dispatcher on top. `python -m bot`
(bot/runner.py), `python -m scheduler`, the benches and the tests all build through these two, so there is one
wiring. Dependencies reach handlers as the dispatcher's keyword data (`Dispatcher(settings=..., clock=...)`), and
the per-update ones (session, unit of work, actor, locale) from the middlewares; no container is needed for a graph
this small.
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass, field, fields

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram_dialog import Dialog, setup_dialogs
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot import dialog_ids
from bot.commit_guard import CommitBeforeTelling
from bot.config import Settings
from bot.consent_texts import ConsentTexts
from bot.dialogs.broadcast import broadcast_dialog
from bot.dialogs.campaign import campaign_dialog
from bot.dialogs.change_mentor import change_mentor_dialog
from bot.dialogs.change_requests import change_requests_dialog
from bot.dialogs.consent import consent_dialog
from bot.dialogs.decline import decline_dialog
from bot.dialogs.feedback import feedback_dialog
from bot.dialogs.guardian import guardian_dialog
from bot.dialogs.invite import invite_dialog
from bot.dialogs.match import match_dialog
from bot.dialogs.meeting import new_meeting_dialog
from bot.dialogs.menu import menu_dialog
from bot.dialogs.org_picker import org_picker_dialog
from bot.dialogs.organisation import new_organisation_dialog
from bot.dialogs.pair_decision import pair_decision_dialog
from bot.dialogs.pairs import pair_cards_dialog
from bot.dialogs.participants import participants_dialog
from bot.dialogs.plan import plan_dialog
from bot.dialogs.privacy import privacy_dialog
from bot.dialogs.questionnaire import questionnaire_dialog
from bot.dialogs.registration import registration_dialog
from bot.handlers import (
    admin,
    common,
    curator,
    errors,
    fallback,
    gate,
    meetings,
    mentee,
    pairs,
    plan,
    privacy,
    questionnaire,
    reports,
    shortcuts,
    start,
    surveys,
)
from bot.edit_guard import EditGuard, UpdateViewMiddleware
from bot.filters import COMMAND_OR_DOCUMENT, InDialogOf
from bot.i18n import Translator
from bot.typed_text import TypedTextMiddleware
from bot.middlewares import (
    ActorMiddleware,
    ConcurrencyLimitMiddleware,
    DbSessionMiddleware,
    FSMLockMiddleware,
    I18nMiddleware,
)
from bot.outbox_sender import OutboxSender
from bot.response_types import KeepResponseTypes
from bot.send_budget import SendBudget, SendBudgetMiddleware, SendLimits, budget_prefix
from bot.storage import RedisDialogStorage, SqlStorage, dialog_key_builder
from db.engine import create_engine, create_session_factory, is_sqlite
from mentorship.clock import Clock, SystemClock
from mentorship.services.questionnaires import ShippedQuestionnaires

log = logging.getLogger(__name__)

#: Each update holds at most one connection of the main pool (10 + 10 overflow), so this leaves room for the
#: scheduler's jobs in the same process.
MAX_CONCURRENT_UPDATES = 16
#: The dispatcher's key for its ConcurrencyLimitMiddleware.
UPDATES_IN_FLIGHT = "updates_in_flight"


@dataclass(kw_only=True)
class Core:
    """What every process runs on. `close()` closes it all, in the reverse order of building."""

    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    translator: Translator
    clock: Clock
    bot: Bot
    storage: BaseStorage
    events_isolation: BaseEventIsolation
    sender: OutboxSender
    closers: list = field(default_factory=list)

    async def close(self) -> None:
        for close in reversed(self.closers):
            await close()


@dataclass(kw_only=True)
class App(Core):
    """The bot process: the core and the dispatcher over it."""

    dispatcher: Dispatcher


def telegram_limits(settings: Settings) -> SendLimits:
    """Telegram's limits for this token, with SEND_RATE as the share of proactive messages."""
    return SendLimits(proactive_rate=settings.send_rate)


def build_send_budget(settings: Settings, limits: SendLimits) -> SendBudget:
    """Shared by every process through Redis when REDIS_URL is set, this process's own otherwise."""
    redis = None
    if settings.redis_url and not limits.is_unlimited:
        from redis.asyncio import Redis

        redis = Redis.from_url(settings.redis_url, socket_connect_timeout=3, socket_timeout=3)
    return SendBudget(limits, redis=redis, prefix=budget_prefix(settings.bot_token.get_secret_value()))


def build_bot(settings: Settings, session: BaseSession | None = None, *, limits: SendLimits | None = None) -> Bot:
    """The bot, every call of which goes through the token's send budget (bot/send_budget.py).

    Limits default to Telegram's for the network session; a session the caller brings (an in-memory fake in tests
    and benchmarks) has none unless `limits` says otherwise. Close it with `close_bot`.
    """
    if limits is None:
        limits = telegram_limits(settings) if session is None else SendLimits.unlimited()
    if session is None and settings.telegram_api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    bot = Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    bot.session.middleware(KeepResponseTypes())  # the answer's model is built once per process, not per call
    bot.session.middleware(EditGuard())  # first of the guards: an edit that changes nothing is not sent, so costs no budget
    bot.session.middleware(CommitBeforeTelling())  # what the update wrote is stored before anyone hears of it
    budget = build_send_budget(settings, limits)
    bot.session.middleware(SendBudgetMiddleware(budget))
    _budgets[bot] = budget
    return bot


def send_budget_of(bot: Bot) -> SendBudget:
    return _budgets[bot]


async def close_bot(bot: Bot) -> None:
    """Closes the bot's HTTP session and its budget's Redis connection."""
    await bot.session.close()
    budget = _budgets.pop(bot, None)
    if budget is not None:
        await budget.aclose()


_budgets: weakref.WeakKeyDictionary[Bot, SendBudget] = weakref.WeakKeyDictionary()


def build_dispatcher(
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    translator: Translator,
    clock: Clock,
    storage: BaseStorage,
    events_isolation: BaseEventIsolation,
    *,
    consent_texts: ConsentTexts | None = None,
    questionnaires: ShippedQuestionnaires | None = None,
) -> Dispatcher:
    dp = Dispatcher(
        storage=storage,
        events_isolation=events_isolation,
        # Dependencies handlers ask for by name.
        settings=settings,
        translator=translator,
        consent_texts=consent_texts if consent_texts is not None else ConsentTexts(translator),
        questionnaires=questionnaires if questionnaires is not None else ShippedQuestionnaires.load(),
        clock=clock,
    )
    # Order matters: the person's lock first (aiogram's place for it), then the state read in the update's
    # transaction; the actor needs the session, the locale needs the actor.
    FSMLockMiddleware.install(dp)
    updates_in_flight = ConcurrencyLimitMiddleware(MAX_CONCURRENT_UPDATES)
    dp.update.outer_middleware(updates_in_flight)
    dp.update.outer_middleware(UpdateViewMiddleware())  # what the edit guard knows the chat shows
    dp.update.outer_middleware(TypedTextMiddleware())  # typed text stays text (no reply keyboards here)
    dp.update.outer_middleware(DbSessionMiddleware(session_factory))
    dp.update.outer_middleware(ActorMiddleware(settings.admin_ids))
    dp.update.outer_middleware(I18nMiddleware(translator))
    # Outermost around error handling: a failure while handling a failure (the database down) still gets words.
    dp.errors.outer_middleware(errors.ErrorFallbackMiddleware())
    dp.include_routers(
        commands(
            "commands",
            errors.setup(),  # error handlers see every update's failures
            # Commands come before the dialogs so /start, /cancel, /menu interrupt whatever dialog is open.
            start.setup(),
            common.setup(),
            privacy.setup(),
            admin.setup(),
            curator.setup(),
            pairs.setup(),  # curator's pair commands and their buttons
            mentee.setup(),  # /changementor (people held at the consent gate fall through to it)
            meetings.setup(),  # /newmeeting, /meetings, /feedback and the buttons of invitations and feedback forms
            reports.setup(),  # /counts, /stats, /export for curators and coordinators
            plan.setup(),  # /plan and /mypair (people held at the consent gate fall through to it)
            questionnaire.setup(),  # lets people held at the consent gate fall through to it
            surveys.setup(),  # /survey and its buttons (the gate holds people without consent), /campaign, /broadcast
            # The menu's buttons and the notifications' "do it" buttons: each runs a command's handler above,
            # behind that command's checks (the consent gate among them); above the dialogs, so an open one never
            # swallows them.
            shortcuts.setup(),
        ),
        dialogs(
            "dialogs before the gate",
            registration_dialog(),
            consent_dialog(),
            guardian_dialog(),
            privacy_dialog(),
            new_organisation_dialog(),
            org_picker_dialog(),  # started on top of the curator's dialogs below when there is a choice
            invite_dialog(),
            participants_dialog(),
            pair_cards_dialog(),  # /pairs, /pending
            pair_decision_dialog(),  # started from the cards of /pairs, /pending, /requests
            match_dialog(),  # /match
            change_requests_dialog(),  # /requests
            change_mentor_dialog(),
            campaign_dialog(),
            broadcast_dialog(),
            menu_dialog(),
            new_meeting_dialog(),
            feedback_dialog(),
            decline_dialog(),
        ),
        # Everything above stays open to someone whose consents are not in place; everything below processes a
        # participant's data, so the gate stops them here.
        gate.setup(),
        questionnaire_dialog(),
        plan_dialog(),
        fallback.setup(),  # last: answers what nobody else did
    )
    dialog_ids.install()  # aiogram-dialog's own ids collide within a second (bot/dialog_ids.py)
    setup_dialogs(dp, events_isolation=events_isolation)
    dp[UPDATES_IN_FLIGHT] = updates_in_flight  # a graceful stop waits for the updates being handled
    return dp


def commands(name: str, *members: Router) -> Router:
    """Routers whose messages are commands (or a file) in one router: a message that is neither, an answer typed
    into a dialog, passes them all with one check (`COMMAND_OR_DOCUMENT`) instead of visiting each in turn, which
    copies the update's data at every level. Buttons (callback queries) still reach each of them, in order."""
    router = Router(name=name)
    router.message.filter(COMMAND_OR_DOCUMENT)
    router.include_routers(*members)
    return router


def dialogs(name: str, *members: Dialog) -> Router:
    """Dialogs in one router: an update of another dialog, or of none, passes them all with one check instead of
    one per dialog (aiogram walks the routers in turn; aiogram-dialog finds dialogs in nested routers too)."""
    router = Router(name=name)
    only = InDialogOf(member.states_group() for member in members)
    for observer in (router.message, router.business_message, router.callback_query):
        observer.filter(only)
    router.include_routers(*members)
    return router


def build_storage(settings: Settings, clock: Clock) -> tuple[BaseStorage, BaseEventIsolation, list]:
    """Dialog storage (Redis when configured, else the database), its event isolation, and what closes them. Both
    storages expire a dialog DIALOG_TTL_DAYS after its last step and can forget a person (bot/storage.py)."""
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisEventIsolation
        from redis.asyncio import Redis

        redis = Redis.from_url(settings.redis_url)
        storage = RedisDialogStorage(redis, ttl=settings.dialog_ttl)
        return storage, RedisEventIsolation(redis, key_builder=dialog_key_builder()), [redis.aclose]
    # A pool of its own: an update holds a main-pool connection while aiogram-dialog reads and writes its state,
    # so sharing one pool lets enough simultaneous updates wait on each other for ever.
    storage_engine = create_engine(settings.database_url, pool_size=4, max_overflow=4)
    storage = SqlStorage(create_session_factory(storage_engine), clock=clock, ttl=settings.dialog_ttl)
    return storage, SimpleEventIsolation(), [storage_engine.dispose]


def create_core(
    settings: Settings,
    *,
    clock: Clock | None = None,
    bot_session: BaseSession | None = None,
    storage: BaseStorage | None = None,
    limits: SendLimits | None = None,
    send_rate: float | None = None,
    translator: Translator | None = None,
) -> Core:
    """`bot_session`, `storage`, `limits`: test doubles and benchmarks' choices (see `build_bot`); `send_rate`: the
    outbox sender's rate when it is not SEND_RATE (a test drainer beyond Telegram's limit); `translator`: the texts
    already read (the tests parse locales/ once per run)."""
    clock = clock or SystemClock()
    engine = create_engine(settings.database_url)
    session_factory = create_session_factory(engine)
    if translator is None:
        translator = Translator(default_locale=settings.default_locale)
    closers = [engine.dispose]
    claims = session_factory
    if not is_sqlite(engine):
        # The sender's claims on connections of their own that plan every statement for its values: the claim needs
        # that (db/repositories/outbox.py), and would otherwise spend a round trip setting it on each claim. One
        # claim at a time per sender; the spare connection covers a stop's drain beside the tick's.
        claim_engine = create_engine(settings.database_url, pool_size=1, max_overflow=1, custom_plans=True)
        claims = create_session_factory(claim_engine)
        closers.append(claim_engine.dispose)
    events_isolation: BaseEventIsolation
    if storage is None:
        storage, events_isolation, storage_closers = build_storage(settings, clock)
        closers.extend(storage_closers)
    else:
        events_isolation = SimpleEventIsolation()
    bot = build_bot(settings, bot_session, limits=limits)
    closers.append(lambda: close_bot(bot))
    return Core(
        settings=settings,
        engine=engine,
        session_factory=session_factory,
        translator=translator,
        clock=clock,
        bot=bot,
        storage=storage,
        events_isolation=events_isolation,
        sender=OutboxSender(session_factory, bot, translator, clock, rate=send_rate or settings.send_rate,
                            claims=claims),
        closers=closers,
    )


async def create_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    bot_session: BaseSession | None = None,
    storage: BaseStorage | None = None,
    limits: SendLimits | None = None,
    translator: Translator | None = None,
    consent_texts: ConsentTexts | None = None,
    questionnaires: ShippedQuestionnaires | None = None,
) -> App:
    """The core and the dispatcher. The texts (translator, consent texts, shipped questionnaires) are read from
    locales/ and questionnaires/ unless given: the tests parse them once per run and pass them in."""
    core = create_core(settings, clock=clock, bot_session=bot_session, storage=storage, limits=limits,
                       translator=translator)
    dispatcher = build_dispatcher(
        settings, core.session_factory, core.translator, core.clock, core.storage, core.events_isolation,
        consent_texts=consent_texts, questionnaires=questionnaires,
    )
    return App(**{f.name: getattr(core, f.name) for f in fields(Core)}, dispatcher=dispatcher)
