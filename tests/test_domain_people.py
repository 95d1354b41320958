"""Rules for names, dates of birth and age bands, without Telegram or a database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mentorship import invitations, people
from mentorship.entities import Actor, Invitation, Membership, Person
from mentorship.errors import InvalidInput, InvitationUnusable
from mentorship.roles import Category, Role

TODAY = date(2026, 9, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  Анна   Петровна ", "Анна Петровна"), ("<b>Вася & Co</b>", "<b>Вася & Co</b>"), ("O'Neil-Smith", "O'Neil-Smith")],
)
def test_clean_name_keeps_text_literally(text, expected):
    assert people.clean_name(text) == expected


@pytest.mark.parametrize(("text", "key"), [("", "reg-name-empty"), ("123", "reg-name-no-letters"), ("a\x00b", "reg-name-bad-chars"), ("Я" * 101, "reg-name-too-long")])
def test_clean_name_refuses(text, key):
    with pytest.raises(InvalidInput) as error:
        people.clean_name(text)
    assert error.value.key == key


@pytest.mark.parametrize(("text", "expected"), [("07.03.2011", date(2011, 3, 7)), ("2011-03-07", date(2011, 3, 7)), ("7/3/2011", date(2011, 3, 7))])
def test_birth_date_formats(text, expected):
    assert people.parse_birth_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [("31.02.2012", "reg-dob-format"), ("32.01.2012", "reg-dob-format"), ("2012", "reg-dob-format"), ("01.01.2027", "reg-dob-future"), ("01.01.1900", "reg-dob-range"), ("01.01.2024", "reg-dob-range")],
)
def test_birth_date_refuses(text, key):
    with pytest.raises(InvalidInput) as error:
        people.parse_birth_date(text, TODAY)
    assert error.value.key == key


def test_age_counts_birthdays():
    assert people.age_on(date(2012, 9, 1), TODAY) == 14
    assert people.age_on(date(2012, 9, 2), TODAY) == 13


@pytest.mark.parametrize(
    ("role", "category", "born", "ok"),
    [
        (Role.MENTEE, Category.PUPIL, date(2016, 9, 1), True),  # 10 exactly
        (Role.MENTEE, Category.PUPIL, date(2016, 9, 2), False),  # 9
        (Role.MENTOR, Category.PUPIL, date(2011, 9, 1), True),  # 15
        (Role.MENTOR, Category.PUPIL, date(2012, 1, 1), False),  # 14
        (Role.MENTOR, Category.TEACHER, date(2010, 1, 1), False),  # a 16-year-old "teacher"
        (Role.MENTOR, Category.STUDENT, date(2008, 1, 1), True),
    ],
)
def test_age_bands_by_role_and_category(role, category, born, ok):
    if ok:
        people.check_category_age(role, category, born, TODAY)
    else:
        with pytest.raises(InvalidInput):
            people.check_category_age(role, category, born, TODAY)


NOW = datetime(2026, 9, 1, tzinfo=UTC)


def _invitation(**changes) -> Invitation:
    base = dict(id=1, role=Role.MENTEE, organisation_id=1, municipality=None, form=None, expires_at=NOW + timedelta(days=1),
                max_uses=2, uses=0, revoked_at=None, created_at=NOW, created_by_telegram_id=1)
    return Invitation(**(base | changes))


@pytest.mark.parametrize(
    ("changes", "key"),
    [({"revoked_at": NOW}, "invite-revoked"), ({"expires_at": NOW}, "invite-expired"), ({"uses": 2}, "invite-used-up"),
     ({"uses": 1, "max_uses": 1}, "invite-used-once")],
)
def test_unusable_invitations(changes, key):
    with pytest.raises(InvitationUnusable) as error:
        invitations.check_usable(_invitation(**changes), NOW)
    assert error.value.key == key
    invitations.check_usable(_invitation(), NOW)


def test_tokens_are_url_safe_short_and_stored_hashed():
    token = invitations.new_token()
    assert invitations.looks_like_token(token) and len(token) <= 64
    assert invitations.hash_token(token) != token and len(invitations.hash_token(token)) == 64
    assert len({invitations.new_token() for _ in range(1000)}) == 1000


def test_who_may_invite_whom():
    curator = Person(1, 10, "C", None, None, None, "ru", (Membership(1, 1, Role.CURATOR, 5),))
    assert invitations.invitable_roles(Actor(10, False, curator), 5) == (Role.MENTEE, Role.MENTOR)
    assert invitations.invitable_roles(Actor(10, False, curator), 6) == ()
    assert invitations.invitable_roles(Actor(99, True, None), 6) == (Role.CURATOR, Role.COORDINATOR)
    mentee = Person(2, 11, "M", None, None, None, "ru", (Membership(2, 2, Role.MENTEE, 5),))
    assert invitations.invitable_roles(Actor(11, False, mentee), 5) == ()
