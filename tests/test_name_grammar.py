"""Names in the right grammatical case (mentorship/names.py through pytrovich) — or, when not sure, a phrasing that
needs no case; the consent texts keep their wording (and so their versions): the declined name goes into `$child`."""

from __future__ import annotations

import re

import pytest

from bot.consent_texts import CHILD_GENITIVE, ConsentTexts, key, message_sources
from bot.i18n import LOCALES_DIR, Translator
from mentorship.consent import ConsentKind, GivenBy
from tests.conftest import ADMIN_ID
from tests.flows import GUARDIAN_LINK_RE, create_link, organisation_with_curator, register


def test_texts_get_the_declined_name_in_russian_and_a_case_free_phrasing_when_unsure() -> None:
    t = Translator()
    args = {"organisation": "Школа № 5"}
    assert t.get("ru", "guardian-thanks-active", child="Малышев Костя", **args).startswith(
        "Спасибо! Согласие за Малышева Костю получено")
    unsure = t.get("ru", "guardian-thanks-active", child="Ткач Саша", **args)
    assert unsure.startswith("Спасибо! Согласие получено: Ткач Саша может участвовать")
    assert t.get("ru", "guardian-told-curator-active", child="Zhang Wei", **args) == (
        "Родитель дал согласие; участник — Zhang Wei («Школа № 5»).")
    # English is unchanged: no case, the name as typed.
    assert "Малышев Костя can take part" in t.get("en", "guardian-thanks-active", child="Малышев Костя", **args)
    # The name is still escaped once declined.
    assert "&lt;b&gt;" in t.get("ru", "guardian-thanks-active", child="<b>Вася</b> Иванов", **args)


def test_the_consent_texts_for_a_parent_get_the_child_in_the_genitive_where_their_wording_needs_it() -> None:
    """The wording of a consent text is its version: it stays; what goes into `$child` follows the noun before it.
    This also keeps CHILD_GENITIVE in step with the texts: every «ребёнка { $child }» is in it, nothing else."""
    sources = message_sources(LOCALES_DIR)
    needing = {(locale, message) for (locale, message), source in sources.items()
               if message.startswith("consent-") and re.search(r"ребёнка \{ \$child \}", source)}
    assert needing == set(CHILD_GENITIVE)
    texts = ConsentTexts(Translator())
    args = {"organisation": "Школа № 5", "age_limit": 14}
    shown = {(kind, part): texts.render("ru", kind, GivenBy.GUARDIAN, part, child="Малышев Костя", **args)
             for kind in ConsentKind for part in ("summary", "full")}
    assert "Соглашение об участии вашего ребёнка Малышева Кости в программе" in shown[(ConsentKind.AGREEMENT, "summary")]
    assert "Я, родитель (законный представитель) ребёнка Малышева Кости, даю согласие" in shown[
        (ConsentKind.PERSONAL_DATA, "full")]
    assert "Ваш ребёнок Малышев Костя хочет участвовать" in shown[(ConsentKind.PERSONAL_DATA, "summary")]
    assert not any("ребёнка Малышев Костя" in text for text in shown.values())
    unsure = texts.render("ru", ConsentKind.AGREEMENT, GivenBy.GUARDIAN, "summary", child="Zhang Wei", **args)
    assert "об участии вашего ребёнка (Zhang Wei) в программе" in unsure
    english = texts.render("en", ConsentKind.AGREEMENT, GivenBy.GUARDIAN, "summary", child="Малышев Костя", **args)
    assert "Малышев Костя" in english
    assert key(ConsentKind.AGREEMENT, GivenBy.GUARDIAN, "summary") in {m for _, m in CHILD_GENITIVE}


#: Words after which a person's name needs a case other than the nominative: prepositions, and nouns in an oblique
#: case («участие наставляемого …», «по просьбе …»). A name right after one must be a declined variable.
_GOVERNING = ("с", "со", "у", "для", "от", "к", "ко", "о", "об", "за", "по", "без", "при", "про", "между", "перед",
              "ребёнка", "ребёнку", "ребёнком", "наставника", "наставнику", "наставником", "наставляемого",
              "наставляемому", "наставляемым", "участника", "участнику", "участником", "куратора", "куратору",
              "куратором", "родителя", "просьбе", "решению")
_PERSON_VARIABLES = ("child", "name", "partner", "mentor", "mentee", "mentees", "curator", "full_name")


def test_no_russian_text_puts_a_plain_name_where_a_case_is_needed() -> None:
    """Every Russian text but the versioned consent documents (whose `$child` is declined before it goes in, see
    CHILD_GENITIVE) uses `$<name>_<case>` after a word that governs a case, never the name as typed."""
    sources = message_sources(LOCALES_DIR)
    plain = re.compile(rf"(?<![\w-])({'|'.join(_GOVERNING)}) \{{ \$({'|'.join(_PERSON_VARIABLES)}) \}}", re.IGNORECASE)
    wrong = {(message, match.group(0)) for (locale, message), source in sources.items()
             if locale == "ru" and (locale, message) not in CHILD_GENITIVE for match in plain.finditer(source)}
    assert wrong == set()


def test_a_paused_group_mentee_is_named_in_the_genitive_or_in_brackets() -> None:
    t = Translator()
    args = {"id": 3, "mentor": "Петров Иван", "mentees": "Малышев Костя, Zhang Wei"}
    assert "участие наставляемого Малышева Кости приостановлено" in t.get(
        "ru", "pause-told-group-curator", name="Малышев Костя", **args)
    for unsure in ("Костя", "Zhang Wei", "Ткач Саша"):
        assert f"участие наставляемого ({unsure}) приостановлено" in t.get(
            "ru", "pause-told-group-curator", name=unsure, **args)
    # Escaped once, declined or not: markup never reaches Telegram, and «&» is not «&amp;amp;».
    marked = t.get("ru", "pause-told-group-curator", name="<b>Вася</b> & Co", **args)
    assert "участие наставляемого (&lt;b&gt;Вася&lt;/b&gt; &amp; Co) приостановлено" in marked
    assert "&amp;amp;" not in marked and "&amp;lt;" not in marked
    assert t.get("en", "pause-told-group-curator", name="Малышев Костя", **args) == (
        "⏸ In group no. 3 (Петров Иван — Малышев Костя, Zhang Wei) the participation of mentee Малышев Костя is paused:"
        " a required consent was withdrawn. The group goes on without them.")


@pytest.fixture
async def school(harness):
    admin, curator = harness.user(ADMIN_ID), harness.user(2001)
    await organisation_with_curator(harness, admin, curator)
    return curator


def _guardian_link(person) -> str:
    for text in reversed(person.seen()):
        if match := GUARDIAN_LINK_RE.search(text):
            return match.group(1)
    raise AssertionError("no parent link was shown")


async def _parent_consents(harness, school, child_name: str, parent_language: str):
    token = await create_link(school, "наставляемый", form_label="Любая форма")
    child = harness.user(3001)
    await register(child, token, name=child_name, birth_date="10.10.2013", category="Школьник", group="7Б")
    parent = harness.user(5001, language_code=parent_language)
    await parent.send(f"/start {_guardian_link(child)}")
    return child, parent


async def test_the_parent_reads_the_childs_name_declined_and_hears_the_outcome_declined(harness, school):
    child, parent = await _parent_consents(harness, school, "Малышев Костя", "ru")
    assert "Ваш ребёнок Малышев Костя хочет участвовать" in parent.last
    await parent.click("Продолжить")
    await parent.send("Малышева Елена Сергеевна")
    await parent.click("Мама")
    await parent.click("Да, это мой ребёнок")
    await parent.click("Согласен")
    assert "Документ 2 из 3" in parent.last
    assert "Соглашение об участии вашего ребёнка Малышева Кости в программе" in parent.last
    await parent.click("Прочитать полностью")
    assert "ребёнка Малышева Кости, согласен(на)" in parent.last
    await parent.click("Согласен")
    await parent.click("Да, можно")
    assert "Спасибо! Согласие за Малышева Костю получено" in parent.last
    assert not any("ребёнка Малышев Костя" in text for text in parent.seen())
    await harness.deliver()
    assert "Родитель дал согласие за участника Малышева Костю («Школа № 5»)" in school.last


async def test_a_name_the_rules_do_not_know_reads_right_without_a_case(harness, school):
    child, parent = await _parent_consents(harness, school, "Zhang Wei", "ru")
    await parent.click("Продолжить")
    await parent.send("Zhang Li")
    await parent.click("Мама")
    await parent.click("Да, это мой ребёнок")
    await parent.click("Согласен")
    assert "Соглашение об участии вашего ребёнка (Zhang Wei) в программе" in parent.last
    await parent.click("Согласен")
    await parent.click("Да, можно")
    assert "Спасибо! Согласие получено: Zhang Wei может участвовать" in parent.last
    await harness.deliver()
    assert "Родитель дал согласие; участник — Zhang Wei («Школа № 5»)" in school.last


async def test_an_english_speaking_parent_reads_the_name_as_typed(harness, school):
    child, parent = await _parent_consents(harness, school, "Малышев Костя", "en")
    assert "Малышев Костя" in parent.last
    await parent.click("Continue")
    await parent.send("Малышева Елена")
    await parent.click("Mother")
    await parent.click("Yes, this is my child")
    await parent.click("I agree")
    assert "Малышев Костя" in parent.last and "Малышева Кости" not in parent.last
    await parent.click("I agree")
    await parent.click("Yes, that's fine")
    assert "Малышев Костя can take part" in parent.last
