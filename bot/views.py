"""Texts shown both by commands and by menu buttons: help, profile, organisations, the language picker; and the
buttons under a result that lead on (the menu, the next step)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import GoTo, LanguageChoice
from bot.commands import commands_for
from bot.i18n import SUPPORTED_LOCALES, Localizer
from mentorship.entities import Actor
from mentorship.roles import Role
from mentorship.services.organisations import list_organisations
from mentorship.services.people import organisations_of
from mentorship.shortcuts import Shortcut


def help_text(t: Localizer, actor: Actor) -> str:
    lines = [t("help-title")]
    if actor.person is None and not actor.is_superadmin:
        lines.append(t("help-not-registered"))
    for spec in commands_for(actor):
        lines.append(f"/{spec.name} — {t(spec.key)}")
    lines.append(t("help-footer"))
    return "\n".join(lines)


async def profile_text(t: Localizer, session: AsyncSession, actor: Actor) -> str:
    person = actor.person
    if person is None:
        return t("profile-not-registered") if not actor.is_superadmin else t("profile-superadmin-only")
    organisations = await organisations_of(session, person)
    lines = [
        t(
            "profile-card",
            name=person.full_name,
            birth_date=person.date_of_birth,
            category=t(f"category-{person.category.value}") if person.category else None,
            group=person.group_name,
            language=t(f"language-name-{person.locale}"),
        )
    ]
    for m in person.memberships:
        if m.role == Role.COORDINATOR:
            where = m.municipality or ""
        else:
            organisation = organisations.get(m.organisation_id)
            where = organisation.name if organisation else ""
        if m.form:
            where = f"{where} · {t(f'form-{m.form.value}')}"
        lines.append(t("profile-role-line", role=t(f"role-{m.role.value}"), where=where))
    if actor.is_superadmin:
        lines.append(t("profile-superadmin"))
    return "\n".join(lines)


async def organisations_text(t: Localizer, session: AsyncSession, actor: Actor) -> str:
    summaries = await list_organisations(session, actor)
    if not summaries:
        return t("orgs-empty")
    lines = [t("orgs-title", count=len(summaries))]
    for s in summaries:
        o = s.organisation
        lines.append(
            t(
                "orgs-line",
                id=o.id,
                name=o.name,
                kind=t(f"org-kind-{o.kind.value}"),
                municipality=o.municipality,
                timezone=o.timezone,
                curators=s.counts.get(Role.CURATOR, 0),
                mentors=s.counts.get(Role.MENTOR, 0),
                mentees=s.counts.get(Role.MENTEE, 0),
            )
        )
    return "\n\n".join(lines)


def language_keyboard(t: Localizer) -> InlineKeyboardMarkup:
    """Each language named in itself (`language-name-*` reads the same in every locale)."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t(f"language-name-{c}"), callback_data=LanguageChoice(code=c).pack())]
            for c in SUPPORTED_LOCALES
        ]
    )


#: «В меню»: the way back to everything else, under a result.
HOME = ("menu-home", Shortcut.MENU)


def go_keyboard(t: Localizer, *buttons: tuple[str, Shortcut]) -> InlineKeyboardMarkup:
    """One button a row, each `(label key, where)` doing what its command does (bot/handlers/shortcuts.py)."""
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=t(key), callback_data=GoTo(to=to).pack())] for key, to in buttons
    ])


def home_keyboard(t: Localizer) -> InlineKeyboardMarkup:
    return go_keyboard(t, HOME)
