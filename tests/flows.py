"""Reusable journeys for tests: each drives the bot exactly as a person would, through buttons and text."""

from __future__ import annotations

import re

from tests.harness import Harness, Person

LINK_RE = re.compile(r"https://t\.me/\w+\?start=([A-Za-z0-9_-]+)")
GUARDIAN_LINK_RE = re.compile(r"https://t\.me/\w+\?start=(g[A-Za-z0-9_-]+)")
CONSENT_STEP = re.compile(r"^(Документ|Document) \d+ (из|of) \d+")


async def create_organisation(admin: Person, name: str = "Школа № 5", municipality: str = "Город N", timezone_label: str = "Москва") -> None:
    await admin.send("/neworg")
    await admin.send(name)
    await admin.click("^Школа$")
    await admin.send(municipality)
    await admin.click(timezone_label)
    await admin.click("Продолжить")
    await admin.click("Создать")


async def create_link(inviter: Person, role_label: str, *, organisation: str | None = None, form_label: str | None = None) -> str:
    """Make an invitation through the dialog, from /invite; returns the token from the photo caption."""
    await inviter.send("/invite")
    if organisation is not None:
        await inviter.click(re.escape(organisation))
    await inviter.click(role_label)
    if form_label is not None:
        await inviter.click(form_label)
    await inviter.click("Создать ссылку")
    return last_token(inviter)


def last_token(person: Person) -> str:
    for message in reversed(person.h.telegram.messages(person.id)):
        match = LINK_RE.search(message.shown)
        if match:
            return match.group(1)
    raise AssertionError("no invitation link was shown")


async def register(
    person: Person, token: str, *, name: str, birth_date: str, category: str, group: str | None = None, consent: bool = True
) -> None:
    """Join through a link; with `consent`, also agree to every consent text the person is asked for."""
    await person.send(f"/start {token}")
    await person.click("Продолжить|Continue")
    await person.send(name)
    await person.send(birth_date)
    await person.click(category)
    if group is not None:
        await person.send(group)
    await person.click("Всё верно|All correct")
    if consent:
        await agree_to_everything(person)


async def agree_to_everything(person: Person) -> None:
    """Press "agree" on each consent screen while one is shown."""
    while CONSENT_STEP.search(person.last) and person.h.telegram.last(person.id).buttons():
        before = person.last
        await person.click("Согласен|Да, можно|I agree|Yes, that's fine")
        after = person.last
        if after == before:
            raise AssertionError(f"the consent screen did not move on: {after[:80]}")


async def organisation_with_curator(h: Harness, admin: Person, curator: Person, name: str = "Школа № 5") -> None:
    """The superadmin creates an organisation and its curator joins (played once per backend, then copied)."""
    await h.tell(_organisation_with_curator, who(admin), who(curator), name)


def who(person: Person) -> tuple[int, str, str | None]:
    """A person as a story's argument: what `Harness.user` makes them from."""
    return person.id, person.user.first_name, person.user.language_code


async def _organisation_with_curator(h: Harness, admin_: tuple, curator_: tuple, name: str) -> None:
    admin, curator = h.user(*admin_), h.user(*curator_)
    await create_organisation(admin, name=name)
    # the organisation dialog goes straight on to inviting its curator
    await admin.click("куратор")
    await admin.click("Создать ссылку")
    token = last_token(admin)
    await register(curator, token, name="Анна Петровна", birth_date="12.04.1985", category="Педагог")
