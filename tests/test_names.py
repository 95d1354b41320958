"""mentorship.names: a Russian name in a grammatical case when the rules are sure of it, None otherwise."""

from __future__ import annotations

import pytest

from mentorship.names import Case, decline


@pytest.mark.parametrize(("name", "case", "expected"), [
    ("Малышев Костя", Case.GENITIVE, "Малышева Кости"),
    ("Малышев Костя", Case.ACCUSATIVE, "Малышева Костю"),
    ("Малышев Костя", Case.DATIVE, "Малышеву Косте"),
    ("Малышев Костя", Case.INSTRUMENTAL, "Малышевым Костей"),
    ("Иванова Анна", Case.GENITIVE, "Ивановой Анны"),
    ("Иванова Саша", Case.ACCUSATIVE, "Иванову Сашу"),  # the first name says nothing, the surname does
    ("Маша Иванова", Case.ACCUSATIVE, "Машу Иванову"),  # first name first: the surname's ending shows the order
    ("Петренко Оля", Case.DATIVE, "Петренко Оле"),  # an indeclinable surname stays as it is
    ("Иванова Анна Сергеевна", Case.GENITIVE, "Ивановой Анны Сергеевны"),
    ("Хайруллин Рустам Ильдарович", Case.INSTRUMENTAL, "Хайруллиным Рустамом Ильдаровичем"),
    ("Салтыков-Щедрин Михаил", Case.DATIVE, "Салтыкову-Щедрину Михаилу"),  # hyphenated: both halves
    ("Смирнова-Петрова Анна-Мария", Case.GENITIVE, "Смирновой-Петровой Анны-Марии"),
    ("Лев Толстой", Case.GENITIVE, "Льва Толстого"),  # «Лев» is not a surname in -ев
    ("МАЛЫШЕВ КОСТЯ", Case.GENITIVE, "МАЛЫШЕВА КОСТИ"),
])
def test_a_name_the_rules_know_is_declined(name: str, case: Case, expected: str) -> None:
    assert decline(name, case) == expected


@pytest.mark.parametrize("name", [
    "Малышева Костя",  # a woman's surname, a man's first name: unsure of the gender
    "Ткач Саша",  # neither part tells the gender
    "Иванов Анна Сергеевна",  # the patronymic contradicts the surname
    "Zhang Wei", "Kostya Malyshev",  # Latin: left as typed
    "Малышев Kostya",
    "Дима",  # one word: which part is it?
    "Малышев Костя Сергеевич Младший",
    "—",  # an erased name
    "<b>Вася</b> & Co",
])
def test_a_name_not_sure_of_is_not_declined(name: str) -> None:
    assert all(decline(name, case) is None for case in Case)


def test_an_ambiguous_order_is_declined_only_when_both_readings_agree() -> None:
    # «Кристина Ильина» / «Ильина Кристина»: -ина ends first names too; the genitive differs by reading.
    assert decline("Ильина Кристина", Case.GENITIVE) is None
    assert decline("Ильина Кристина", Case.INSTRUMENTAL) == "Ильиной Кристиной"
