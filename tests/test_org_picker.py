"""The organisation picker: one subdialog that /campaign, /participants, /broadcast and /invite (and the pair
dialogs) start when the curator has a choice to make; its choice comes back to the dialog that asked, a forged press
changes nothing and gets words, and a curator of one organisation never sees it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from db.models import FsmRecordRow
from db.repositories.organisations import OrganisationRepository
from db.repositories.people import PersonRepository
from mentorship.entities import OrgKind
from mentorship.roles import Category, MentorshipForm, ParticipationStatus, Role
from tests.conftest import ADMIN_ID, START

CURATOR_RU, CURATOR_EN, SINGLE = 2001, 2002, 2003  # the first two curate both schools, the third only the second
MENTOR = 4001  # in the second school only: its registry has one person, the first school's none
FIRST, SECOND, THIRD = "Школа № 5", "Гимназия № 1", "Лицей № 2"  # nobody above curates the third
LOCALE = {CURATOR_RU: "ru", CURATOR_EN: "en", SINGLE: "ru"}

#: command → (the picker's question, what the dialog shows once the organisation is chosen), per language.
DIALOGS = {
    "/campaign": {"ru": ("Для какой организации?", "Опросы удовлетворённости"),
                  "en": ("Which organisation?", "Satisfaction surveys")},
    "/participants": {"ru": ("Чей реестр открыть?", "1 участник"), "en": ("Whose registry should I open?", "1 participant")},
    "/broadcast": {"ru": ("Объявление для какой организации?", "Кому отправить объявление?"),
                   "en": ("An announcement for which organisation?", "Who should get the announcement?")},
    "/invite": {"ru": ("В какую организацию пригласить?", "Кого пригласить?"),
                "en": ("Which organisation is the invitation for?", "Whom do you want to invite?")},
}
#: the picker's way out: as each dialog said it before the picker was shared
LEAVE = {"/campaign": {"ru": "Отмена", "en": "Cancel"}, "/participants": {"ru": "Закрыть", "en": "Close"},
         "/broadcast": {"ru": "Отмена", "en": "Cancel"}, "/invite": {"ru": "Отмена", "en": "Cancel"}}
NOT_ALLOWED = {"ru": "нет прав", "en": "not allowed"}


async def _schools(h) -> dict[str, int]:
    """Three schools; two curators of the first two (one reads Russian, one English), a curator of the second only,
    and a mentor in the second. Written through the repositories: joining has tests of its own."""
    async with h.app.session_factory() as session:
        organisations = OrganisationRepository(session)
        ids = {}
        for name in (FIRST, SECOND, THIRD):
            made = await organisations.add(name=name, kind=OrgKind.SCHOOL, municipality="Город N",
                                           timezone="Europe/Moscow", forms=tuple(MentorshipForm), now=START)
            ids[name] = made.id
        people = PersonRepository(session)
        members = ((CURATOR_RU, "Анна Петровна", Role.CURATOR, (FIRST, SECOND)),
                   (CURATOR_EN, "Anna Smith", Role.CURATOR, (FIRST, SECOND)),
                   (SINGLE, "Вера Ивановна", Role.CURATOR, (SECOND,)),
                   (MENTOR, "Ольга", Role.MENTOR, (SECOND,)))
        for telegram_id, name, role, schools in members:
            person_id = await people.add(telegram_id=telegram_id, full_name=name, date_of_birth=date(1985, 4, 12),
                                         category=Category.TEACHER, group_name=None,
                                         locale=LOCALE.get(telegram_id, "ru"), now=START)
            for school in schools:
                await people.add_membership(person_id=person_id, role=role, organisation_id=ids[school],
                                            municipality=None, form=None, invitation_id=None, now=START,
                                            status=ParticipationStatus.ACTIVE)
        await session.commit()
    return ids


@pytest.fixture
async def schools(harness) -> dict[str, int]:
    return await harness.tell(_schools)


async def _chosen_organisation(h, telegram_id: int, group: str) -> int | None:
    """The organisation the open dialog of `group` (e.g. "Campaign") works in, as its stored context says."""
    async with h.app.session_factory() as session:
        records = await session.scalars(select(FsmRecordRow).where(FsmRecordRow.key.like(f"%:{telegram_id}:%")))
        for record in records:
            context = record.data or {}
            if str(context.get("state", "")).startswith(f"{group}:"):
                return context.get("dialog_data", {}).get("organisation_id")
    return None


GROUPS = {"/campaign": "Campaign", "/participants": "Participants", "/broadcast": "Broadcast", "/invite": "Invite"}


@pytest.mark.parametrize("command", list(DIALOGS))
@pytest.mark.parametrize("telegram_id", [CURATOR_RU, CURATOR_EN], ids=["ru", "en"])
async def test_a_curator_of_two_organisations_picks_one(harness, schools, command, telegram_id):
    language = LOCALE[telegram_id]
    curator = harness.user(telegram_id, language_code=language)
    question, after = DIALOGS[command][language]
    await curator.send(command)
    assert question in curator.last, curator.last
    buttons = curator.buttons()
    assert FIRST in buttons and SECOND in buttons and THIRD not in buttons, buttons
    assert any(LEAVE[command][language] in b for b in buttons), buttons
    await curator.click(re.escape(SECOND))
    assert after in curator.last, curator.last
    assert question not in curator.last
    assert await _chosen_organisation(harness, telegram_id, GROUPS[command]) == schools[SECOND]


async def test_the_first_organisation_is_another_registry(harness, schools):
    curator = harness.user(CURATOR_RU)
    await curator.send("/participants")
    await curator.click(re.escape(FIRST))
    assert "Участников с такими условиями нет" in curator.last, curator.last
    assert await _chosen_organisation(harness, CURATOR_RU, "Participants") == schools[FIRST]


@pytest.mark.parametrize("telegram_id", [CURATOR_RU, CURATOR_EN], ids=["ru", "en"])
async def test_a_forged_or_stale_press_in_the_picker_is_refused_in_words(harness, schools, telegram_id):
    language = LOCALE[telegram_id]
    curator = harness.user(telegram_id, language_code=language)
    await curator.send("/campaign")
    picker = harness.telegram.last_with_buttons(curator.id)
    choice = next(b["callback_data"] for b in picker.buttons() if b["text"] == FIRST)
    prefix = choice.rsplit(":", 1)[0]
    seen = len(curator.seen())
    # another school's id, ids that name nothing, text, an id too long for any column
    for item in (str(schools[THIRD]), "999999", "0", "abc", "99999999999999999999"):
        callback = await curator.press(f"{prefix}:{item}", picker)
        assert NOT_ALLOWED[language] in (curator.alert(callback) or ""), item
        assert harness.telegram.last_with_buttons(curator.id).shown == picker.shown
    # data no button of the picker makes
    intent = choice.split("\x1d", 1)[0]
    callback = await curator.press(f"{intent}\x1dnothing", picker)
    assert "/cancel" in (curator.alert(callback) or "")
    assert len(curator.seen()) == seen  # nothing new was said in the chat
    assert await _chosen_organisation(harness, telegram_id, "Campaign") is None
    await curator.click(re.escape(SECOND), picker)
    assert await _chosen_organisation(harness, telegram_id, "Campaign") == schools[SECOND]


@pytest.mark.parametrize("command", [*DIALOGS, "/pairs", "/pending", "/match", "/requests"])
async def test_a_curator_of_one_organisation_never_sees_the_picker(harness, schools, command):
    curator = harness.user(SINGLE)
    before = len(curator.seen())
    await curator.send(command)
    shown = curator.seen_since(before)
    assert shown, command
    for question in ("Для какой организации?", "Чей реестр открыть?", "Объявление для какой организации?",
                     "В какую организацию пригласить?", "Какая организация?"):
        assert not any(question in text for text in shown), (command, shown)
    assert SECOND not in curator.buttons()
    if command in GROUPS:
        assert DIALOGS[command]["ru"][1] in curator.last, curator.last
        assert await _chosen_organisation(harness, SINGLE, GROUPS[command]) == schools[SECOND]


async def test_cancel_in_the_picker_closes_the_dialog_that_asked(harness, schools):
    curator = harness.user(CURATOR_RU)
    await curator.send("/broadcast")
    await curator.click("Отмена")
    assert "Объявление отменено, ничего не отправлено." in curator.last
    assert not harness.telegram.last(curator.id).buttons()
    await curator.send("/campaign")
    await curator.click("Отмена")
    assert not [m for m in harness.telegram.messages(curator.id) if m.buttons()], "a keyboard was left"
    assert await _chosen_organisation(harness, CURATOR_RU, "Campaign") is None


async def test_a_superadmin_picks_among_every_organisation_to_invite_into(harness, schools):
    admin = harness.user(ADMIN_ID)
    await admin.send("/invite")
    assert "В какую организацию пригласить?" in admin.last
    assert {FIRST, SECOND, THIRD} <= set(admin.buttons())
    await admin.click(re.escape(THIRD))
    assert "Кого пригласить?" in admin.last and any("куратор" in b for b in admin.buttons())


@pytest.fixture
def aiogram_dialog_ids_of_one_second(monkeypatch):
    """aiogram-dialog's own id source made to give its worst case every time: the same second and the same one of
    its hundred random values (bot/dialog_ids.py) — what about one start in a hundred of a dialog and its picker met."""
    from types import SimpleNamespace

    from aiogram_dialog.api.entities import stack

    monkeypatch.setattr(stack, "time", SimpleNamespace(time=lambda: 1_790_000_000.0))
    monkeypatch.setattr(stack, "random", SimpleNamespace(randint=lambda _low, _high: 7))


async def test_the_picker_and_the_dialog_that_asked_never_share_an_id(harness, schools,
                                                                      aiogram_dialog_ids_of_one_second):
    curator = harness.user(CURATOR_RU)
    for _ in range(3):  # the dialog and its picker opened within one second, three times over
        await curator.send("/participants")
        assert "Чей реестр открыть?" in curator.last
        await curator.click(re.escape(SECOND))
        assert "1 участник" in curator.last, curator.last
        assert await _chosen_organisation(harness, CURATOR_RU, "Participants") == schools[SECOND]


def test_context_ids_made_in_one_second_are_all_different_and_six_characters_long(aiogram_dialog_ids_of_one_second):
    from aiogram.fsm.state import State
    from aiogram_dialog.api.entities import Stack

    from bot import dialog_ids

    dialog_ids.install()
    opened = Stack()
    ids = set()
    for _ in range(2_000):
        ids.add(opened.push(State("choose", "OrgPicker"), None).id)
        opened.pop()
    assert len(ids) == 2_000
    assert {len(i) for i in ids} == {6}
