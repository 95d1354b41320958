"""Vocabulary of the programme: roles, participant categories, forms of mentorship, organisation kinds.

Short stable values: they go into callback data (64 bytes) and into the database.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CURATOR = "curator"
    COORDINATOR = "coordinator"
    MENTOR = "mentor"
    MENTEE = "mentee"
    GUARDIAN = "guardian"


#: Roles a curator hands out; staff roles are handed out by a superadmin only.
PARTICIPANT_ROLES = (Role.MENTEE, Role.MENTOR)
STAFF_ROLES = (Role.CURATOR, Role.COORDINATOR)


class ParticipationStatus(StrEnum):
    """Where a membership stands on consents: nothing is processed beyond registration until it is active."""

    PENDING = "pending"  # waiting for the person's own consent
    GUARDIAN = "guardian"  # waiting for a parent's consent
    ACTIVE = "active"
    DECLINED = "declined"  # refused or withdrawn: processing stopped


class Category(StrEnum):
    PUPIL = "pupil"
    STUDENT = "student"
    TEACHER = "teacher"
    YOUNG_SPECIALIST = "young"
    GRADUATE = "graduate"
    EMPLOYER = "employer"
    PARENT = "parent"
    STAFF = "staff"


#: Which categories a person may state when joining with a role (DESIGN §1: who mentors, who is mentored).
CATEGORIES_FOR_ROLE: dict[Role, tuple[Category, ...]] = {
    Role.MENTEE: (Category.PUPIL, Category.STUDENT, Category.YOUNG_SPECIALIST, Category.TEACHER),
    Role.MENTOR: (
        Category.PUPIL,
        Category.STUDENT,
        Category.GRADUATE,
        Category.TEACHER,
        Category.EMPLOYER,
        Category.PARENT,
    ),
    Role.CURATOR: (Category.TEACHER, Category.STAFF),
    Role.COORDINATOR: (Category.STAFF, Category.TEACHER),
    Role.GUARDIAN: (Category.PARENT,),
}

#: Categories that study in a class or a group, so we ask which one.
CATEGORIES_WITH_GROUP = (Category.PUPIL, Category.STUDENT)


class MentorshipForm(StrEnum):
    """Forms of mentorship (the ministry's recommendations R-145). Data an organisation enables, not code paths."""

    PUPIL_PUPIL = "pp"
    TEACHER_TEACHER = "tt"
    STUDENT_PUPIL = "sp"
    EMPLOYER_PUPIL = "ep"
    EMPLOYER_STUDENT = "es"
    STUDENT_STUDENT = "ss"


class OrgKind(StrEnum):
    SCHOOL = "school"
    COLLEGE = "college"
    EXTRA = "extra"  # centre of additional education
    OTHER = "other"


#: Forms switched on for a new organisation of each kind; the superadmin adjusts them when creating it.
DEFAULT_FORMS: dict[OrgKind, tuple[MentorshipForm, ...]] = {
    OrgKind.SCHOOL: (MentorshipForm.PUPIL_PUPIL, MentorshipForm.TEACHER_TEACHER),
    OrgKind.COLLEGE: (
        MentorshipForm.STUDENT_STUDENT,
        MentorshipForm.EMPLOYER_STUDENT,
        MentorshipForm.TEACHER_TEACHER,
    ),
    OrgKind.EXTRA: (MentorshipForm.PUPIL_PUPIL, MentorshipForm.STUDENT_PUPIL, MentorshipForm.TEACHER_TEACHER),
    OrgKind.OTHER: (MentorshipForm.PUPIL_PUPIL,),
}

#: Timezones offered when creating an organisation: every Russian zone, west to east.
RUSSIAN_TIMEZONES = (
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Magadan",
    "Asia/Kamchatka",
)
