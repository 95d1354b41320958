"""Read-only data for the invitation windows."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Localizer
from mentorship import invitations as rules
from mentorship.clock import Clock
from mentorship.entities import Actor
from mentorship.roles import Role
from mentorship.services.invitations import InvitationView, active_invitations
from mentorship.services.organisations import get_organisation


async def roles(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer, **_: Any) -> dict[str, Any]:
    organisation = await get_organisation(session, dialog_manager.dialog_data["organisation_id"])
    assert organisation is not None
    items = []
    for role in rules.invitable_roles(actor, organisation.id):
        label = t(f"role-{role.value}")
        if role == Role.COORDINATOR:
            label = f"{label} · {organisation.municipality}"
        items.append((role.value, label))
    return {"roles": items, "organisation": organisation.name}


async def forms(dialog_manager: DialogManager, session: AsyncSession, t: Localizer, **_: Any) -> dict[str, Any]:
    organisation = await get_organisation(session, dialog_manager.dialog_data["organisation_id"])
    assert organisation is not None
    items = [("any", t("invite-form-any"))] + [(f.value, t(f"form-{f.value}")) for f in organisation.forms]
    return {"forms": items, "role": t(f"role-{dialog_manager.dialog_data['role']}")}


async def options(dialog_manager: DialogManager, t: Localizer, **_: Any) -> dict[str, Any]:
    return {
        "days": [(str(d), t("invite-days", days=d)) for d in rules.ALLOWED_DAYS],
        "uses": [(str(u), t("invite-uses", uses=u)) for u in rules.ALLOWED_USES],
        "role": t(f"role-{dialog_manager.dialog_data['role']}"),
    }


def describe(t: Localizer, view: InvitationView, timezone: str) -> str:
    invitation = view.invitation
    expires = invitation.expires_at.astimezone(ZoneInfo(timezone))
    return t(
        "invite-line",
        role=t(f"role-{invitation.role.value}"),
        form=t(f"form-{invitation.form.value}") if invitation.form else t("invite-form-any"),
        organisation=view.organisation.name if view.organisation else "",
        uses=invitation.uses,
        max_uses=invitation.max_uses or 0,
        expires=expires.strftime("%d.%m.%Y"),
    )


async def active(session: AsyncSession, clock: Clock, actor: Actor, t: Localizer, **_: Any) -> dict[str, Any]:
    views = await active_invitations(session, clock, actor)
    items = []
    for view in views:
        tz = view.organisation.timezone if view.organisation else "UTC"
        expires = view.invitation.expires_at.astimezone(ZoneInfo(tz)).strftime("%d.%m")
        label = f"{t('role-' + view.invitation.role.value)} · {view.invitation.uses}/{view.invitation.max_uses or '∞'} · {expires}"
        if view.organisation and (actor.is_superadmin or len(actor.curated_organisations()) > 1):
            label = f"{view.organisation.name[:24]} · {label}"
        items.append((view.invitation.id, label))
    return {"invitations": items, "has_invitations": bool(items), "count": len(items)}


async def detail(dialog_manager: DialogManager, session: AsyncSession, clock: Clock, actor: Actor, t: Localizer, **_: Any) -> dict[str, Any]:
    invitation_id = dialog_manager.dialog_data.get("invitation_id")
    views = {v.invitation.id: v for v in await active_invitations(session, clock, actor)}
    view = views.get(invitation_id)
    if view is None:
        return {"text": t("invite-gone"), "revocable": False}
    tz = view.organisation.timezone if view.organisation else "UTC"
    return {"text": describe(t, view, tz), "revocable": True}
