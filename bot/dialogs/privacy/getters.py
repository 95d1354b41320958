"""Read-only data for the privacy windows."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Localizer
from mentorship.consent import Decision
from mentorship.entities import Actor
from mentorship.services.privacy import StoredData, stored_data


def subject_id(manager: DialogManager, actor: Actor) -> int:
    return manager.dialog_data.get("subject", actor.person.id)


async def main(dialog_manager: DialogManager, session: AsyncSession, actor: Actor, t: Localizer, **_: Any) -> dict[str, Any]:
    data: StoredData = await stored_data(session, actor.person, subject_id(dialog_manager, actor))
    person = data.person
    lines = [
        t(
            "privacy-stored",
            name=person.full_name,
            birth_date=person.date_of_birth,
            category=t(f"category-{person.category.value}") if person.category else None,
            group=person.group_name,
        )
    ]
    for m in person.memberships:
        where = data.organisation_names.get(m.organisation_id, m.municipality or "")
        lines.append(t("privacy-role-line", role=t(f"role-{m.role.value}"), where=where, status=t(f"status-{m.status.value}")))
    if data.consents:
        lines.append(t("privacy-consents-title"))
        for record in data.consents:
            lines.append(
                t(
                    "privacy-consent-line",
                    kind=t(f"consent-{record.kind.value}-title"),
                    status=t(f"decision-{record.status.value}"),
                    by=t(f"given-by-{record.given_by.value}"),
                    date=record.decided_at.date(),
                )
            )
    granted = {(r.organisation_id, r.kind.value) for r in data.consents if r.status == Decision.GRANTED}
    withdrawable = [
        (f"{org}:{kind}", t("privacy-withdraw-item", kind=t(f"consent-{kind}-title")) + (
            f" · {data.organisation_names.get(org, '')}" if len({o for o, _ in granted}) > 1 else ""))
        for org, kind in sorted(granted)
    ]
    is_self = person.id == actor.person.id
    return {
        "body": "\n".join(lines),
        "withdrawable": withdrawable,
        "children": [(str(c.id), f"👶 {c.full_name}") for c in data.children],
        "is_self": is_self,
        "is_child": not is_self,
        "name": person.full_name,
    }
