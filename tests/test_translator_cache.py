"""The translator formats a text once per distinct arguments (bot/i18n.py): what it returns from its cache is what it
would have formatted, whatever the arguments' types."""

from __future__ import annotations

from pathlib import Path

from bot.i18n import SUPPORTED_LOCALES, Translator

TEXTS = {
    "ru": "flag = { $v ->\n    [yes] да\n    [no] нет\n   *[other] { $v }\n}\nlist = { $v }\nhello = Привет, { $name }!\n",
    "en": "flag = { $v ->\n    [yes] yes\n    [no] no\n   *[other] { $v }\n}\nlist = { $v }\nhello = Hello, { $name }!\n",
}


def _translator(tmp_path: Path) -> Translator:
    for locale in SUPPORTED_LOCALES:
        (tmp_path / locale).mkdir()
        (tmp_path / locale / "test.ftl").write_text(TEXTS[locale], encoding="utf-8")
    return Translator(tmp_path)


def test_equal_values_of_other_types_are_not_taken_for_each_other(tmp_path) -> None:
    t = _translator(tmp_path)
    assert t.get("ru", "flag", v=1) == "1"
    assert t.get("ru", "flag", v=True) == "да"  # True == 1, yet formatted as itself
    assert t.get("ru", "flag", v=False) == "нет"
    assert t.get("ru", "flag", v=0) == "0"
    assert t.get("ru", "flag", v=1) == "1"


def test_a_repeated_text_comes_from_the_cache_and_reads_the_same(tmp_path) -> None:
    t = _translator(tmp_path)
    first = t.get("ru", "hello", name="<Маша>")
    hits = t._formatted.cache_info().hits  # noqa: SLF001 - the cache is what is under test
    assert t.get("ru", "hello", name="<Маша>") == first == "Привет, &lt;Маша&gt;!"
    assert t._formatted.cache_info().hits == hits + 1  # noqa: SLF001
    assert t.get("en", "hello", name="<Маша>") == "Hello, &lt;Маша&gt;!"  # the locale is part of the key
    assert t.get("ru", "hello", name="Петя") == "Привет, Петя!"


def test_an_argument_that_cannot_be_a_key_is_still_formatted(tmp_path) -> None:
    t = _translator(tmp_path)
    assert t.get("ru", "flag", v=["a"]) == t.get("ru", "flag", v=["a"])  # formatted each time, no error
    assert t.get("ru", "missing-key") == "missing-key"
