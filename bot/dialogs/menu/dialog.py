"""The home screen (/menu): a button for everything the person can do now, grouped by role — what a participant
does first, then a parent's, a curator's, a superadmin's, and what everyone has.

Every button is a `Go` button: it does what its command does, through the command's own handler and checks
(bot/handlers/shortcuts.py), and belongs to no dialog, so an old menu keeps working. The getter decides which show.
"""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Group

from bot.dialogs.common import buttons_expected
from bot.dialogs.menu.getters import getter
from bot.dialogs.widgets import Go, Tr, Window
from bot.states import MainMenu
from mentorship.shortcuts import Shortcut as S


def _go(key: str, to: S) -> Go:
    return Go(Tr(key), to, when=to.value)


def menu_dialog() -> Dialog:
    return Dialog(
        Window(
            Tr("menu-title"),
            Tr("menu-status", when=lambda d, *_: d["status"] != "none"),
            # A participant: the next step first (consents, the questionnaire), then the pair's work.
            Group(
                _go("menu-next-step", S.NEXT_STEP),
                _go("menu-questionnaire", S.QUESTIONNAIRE),
                _go("menu-mypair", S.MY_PAIR),
                _go("menu-meetings", S.MEETINGS),
                _go("menu-newmeeting", S.NEW_MEETING),
                _go("menu-feedback", S.FEEDBACK),
                _go("menu-survey", S.SURVEY),
                Go(Tr("menu-plan"), S.PLAN, when=lambda d, *_: d["plan"] and not d["curator"]),
                _go("menu-changementor", S.CHANGE_MENTOR),
                width=2,
            ),
            # A curator: people and pairs, then surveys and figures.
            Group(
                _go("menu-participants", S.PARTICIPANTS),
                _go("menu-invite", S.INVITE),
                _go("menu-match", S.MATCH),
                _go("menu-pending", S.PENDING),
                _go("menu-pairs", S.PAIRS),
                _go("menu-requests", S.REQUESTS),
                Go(Tr("menu-plans"), S.PLAN, when=lambda d, *_: d["plan"] and d["curator"]),
                _go("menu-invitations", S.INVITATIONS),
                _go("menu-campaign", S.CAMPAIGN),
                _go("menu-broadcast", S.BROADCAST),
                _go("menu-counts", S.COUNTS),
                _go("menu-stats", S.STATS),
                _go("menu-export", S.EXPORT),
                width=2,
            ),
            Group(_go("menu-neworg", S.NEW_ORGANISATION), _go("menu-orgs", S.ORGANISATIONS), width=2),
            Group(
                _go("menu-profile", S.PROFILE),
                _go("menu-privacy", S.PRIVACY),
                _go("menu-language", S.LANGUAGE),
                _go("menu-help", S.HELP),
                width=2,
            ),
            MessageInput(buttons_expected),  # words typed at the menu: the reason on top, the menu again
            getter=getter,
            state=MainMenu.main,
        ),
    )
