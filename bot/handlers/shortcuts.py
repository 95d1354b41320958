"""Buttons that do what a command does (`v1go:…`, mentorship/shortcuts.py): every button of the menu, the "back to the
menu" button under results, and the button a notification carries for the action it asks for.

A button runs the command's own handler, behind the command's own checks, so there is one implementation of each
thing a person can do:

- the consent gate first: someone whose consents are not in place gets the gate's answer, as when they type the
  command (bot/handlers/gate.py);
- then the role filter of the command's router (a curator's button pressed by a mentee, or forged, is refused in
  words and changes nothing);
- then the handler, which calls the service that checks authority again and refuses in its own words (a pair that
  ended, a survey that closed) — the same answer the command gives then.

What comes after: a dialog the action opens replaces the menu it was pressed on, or comes as a new message under a
notification (never editing the notification away). A text the action answers comes with the menu under it, so the
next step is a press away.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import CallableObject
from aiogram.filters import CommandObject, Filter
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.callbacks import GoTo
from bot.filters import PRIVATE_BUTTON, CanInvite, IsCurator, IsSuperadmin, SeesFigures
from bot.handlers import (
    admin,
    common,
    curator,
    gate,
    meetings,
    mentee,
    pairs,
    plan,
    privacy,
    questionnaire,
    reports,
    surveys,
)
from bot.i18n import Localizer
from bot.states import MainMenu
from mentorship.entities import Actor
from mentorship.shortcuts import Shortcut


@dataclass(frozen=True, slots=True)
class Action:
    #: The command's handler (a message handler: its answers go to the chat the button is in).
    handler: Callable[..., Awaitable[Any]]
    #: The filter the command's router applies (None: the router lets everyone through to the handler).
    allowed: Filter | None = None
    #: Open to people held at the consent gate, like the commands everyone keeps (/privacy, /help, /menu).
    everyone: bool = False


ACTIONS: dict[Shortcut, Action] = {
    Shortcut.MENU: Action(common.show_menu, everyone=True),
    Shortcut.HELP: Action(common.show_help, everyone=True),
    Shortcut.PROFILE: Action(common.show_profile, everyone=True),
    Shortcut.LANGUAGE: Action(common.ask_language, everyone=True),
    Shortcut.PRIVACY: Action(privacy.privacy, everyone=True),
    # "What's next" is the gate's answer for someone it holds; past the gate nothing is waiting, so: home.
    Shortcut.NEXT_STEP: Action(common.show_menu),
    Shortcut.QUESTIONNAIRE: Action(questionnaire.open_command),
    Shortcut.MY_PAIR: Action(plan.my_pair),
    Shortcut.MEETINGS: Action(meetings.meeting_list),
    Shortcut.NEW_MEETING: Action(meetings.new_meeting),
    Shortcut.FEEDBACK: Action(meetings.feedback_list),
    Shortcut.SURVEY: Action(surveys.my_surveys),
    Shortcut.PLAN: Action(plan.open_plan),
    Shortcut.CHANGE_MENTOR: Action(mentee.change_mentor),
    Shortcut.INVITE: Action(curator.invite, CanInvite()),
    Shortcut.INVITATIONS: Action(curator.invitations, CanInvite()),
    Shortcut.PARTICIPANTS: Action(curator.participants, IsCurator()),
    Shortcut.MATCH: Action(pairs.match, IsCurator()),
    Shortcut.PENDING: Action(pairs.pending, IsCurator()),
    Shortcut.PAIRS: Action(pairs.pair_list, IsCurator()),
    Shortcut.REQUESTS: Action(pairs.requests, IsCurator()),
    Shortcut.CAMPAIGN: Action(surveys.campaign, IsCurator()),
    Shortcut.BROADCAST: Action(surveys.broadcast, IsCurator()),
    Shortcut.COUNTS: Action(reports.counts, IsCurator()),
    Shortcut.STATS: Action(reports.stats, SeesFigures()),
    Shortcut.EXPORT: Action(reports.export, SeesFigures()),
    Shortcut.NEW_ORGANISATION: Action(admin.new_organisation, IsSuperadmin()),
    Shortcut.ORGANISATIONS: Action(admin.list_organisations, IsSuperadmin()),
}


def setup() -> Router:
    router = Router(name="shortcuts")
    router.callback_query.filter(PRIVATE_BUTTON)
    router.callback_query.register(go, GoTo.filter())
    return router


def _menu_on_top(manager: DialogManager) -> bool:
    return manager.has_context() and manager.current_context().state == MainMenu.main


def _context_id(manager: DialogManager) -> str | None:
    return manager.current_context().id if manager.has_context() else None


async def go(callback: CallbackQuery, callback_data: GoTo, actor: Actor, t: Localizer, dialog_manager: DialogManager,
             **data: Any) -> None:
    action = ACTIONS[callback_data.to]
    message = callback.message
    kwargs = {**data, "actor": actor, "t": t, "dialog_manager": dialog_manager}
    on_menu = _menu_on_top(dialog_manager) and message.message_id == dialog_manager.current_stack().last_message_id
    held = not action.everyone and gate.awaiting_consent(actor)
    if held or not on_menu:
        # A dialog comes as a new message under the button's message (a notification stays readable), and the
        # gate's words come before what it opens, as when the command is typed.
        dialog_manager.show_mode = ShowMode.SEND
    if held:
        await CallableObject(gate.hold).call(message, **kwargs)
        await callback.answer()
        return
    if action.allowed is not None and not await action.allowed(callback, actor=actor):
        await callback.answer(t("shortcut-not-allowed"), show_alert=True)
        return
    before = _context_id(dialog_manager)
    command = CommandObject(prefix="/", command=callback_data.to.value,
                            args=str(callback_data.pair_id) if callback_data.pair_id else None)
    # A refusal the handler raises (not a mentor, the survey closed) is answered by the error handler, as an alert.
    await CallableObject(action.handler).call(message, **kwargs, command=command)
    await callback.answer()
    if _context_id(dialog_manager) != before:
        return  # the action opened a dialog
    if on_menu:
        await dialog_manager.show(ShowMode.DELETE_AND_SEND)  # the menu moves under the answer
    elif before is None or _menu_on_top(dialog_manager):
        await dialog_manager.start(MainMenu.main, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)
