"""The streaming XLSX writer (bot/xlsx.py), read back with openpyxl as a spreadsheet program would read it."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from bot import xlsx


def write(build) -> bytes:
    buffer = io.BytesIO()
    with xlsx.Workbook(buffer) as book:
        build(book)
    return buffer.getvalue()


def test_values_keep_their_types_and_text_stays_text():
    def build(book: xlsx.Workbook) -> None:
        sheet = book.add_sheet("Данные")
        sheet.append(["Имя", "Число", "Дата", "Время"], xlsx.BOLD)
        sheet.append(["=SUM(A1:A9)", 42, date(2012, 5, 1), datetime(2026, 9, 20, 15, 0)])
        sheet.append(["<b>Отлично</b> & ok", 2.5, None, True])
        sheet.append(["  с пробелами  ", Decimal("7.25"), "+1", "@x"])
        sheet.append(["12", float("nan"), "-3", "строка\nвторая"])

    content = write(build)
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Данные"]
    assert [c.value for c in sheet[1]] == ["Имя", "Число", "Дата", "Время"]
    assert all(c.font.b for c in sheet[1]) and not sheet["A2"].font.b
    formula = sheet["A2"]
    assert formula.value == "=SUM(A1:A9)" and formula.data_type == "s"  # never a formula
    assert sheet["B2"].value == 42
    assert sheet["C2"].value == datetime(2012, 5, 1) and sheet["C2"].number_format == "DD.MM.YYYY"
    assert sheet["D2"].value == datetime(2026, 9, 20, 15, 0) and sheet["D2"].number_format == "DD.MM.YYYY HH:MM"
    assert [c.value for c in sheet[3]] == ["<b>Отлично</b> & ok", 2.5, None, True]
    assert [c.value for c in sheet[4]] == ["  с пробелами  ", 7.25, "+1", "@x"]
    # Digits typed as text stay text; NaN cannot be stored and leaves the cell empty.
    assert [c.value for c in sheet[5]] == ["12", None, "-3", "строка\nвторая"]
    assert sheet.max_row == 5 and sheet.max_column == 4


def test_characters_xml_cannot_hold_survive_as_excel_escapes_and_long_text_is_cut():
    def build(book: xlsx.Workbook) -> None:
        sheet = book.add_sheet("S")
        sheet.append(["bell\x07tab\tend", "_x0041_ literal", "я" * 40_000])

    content = write(build)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    # Excel's escapes (ST_Xstring): Excel shows the bell character and the literal "_x0041_" as they were.
    assert "<t>bell_x0007_tab\tend</t>" in xml and "<t>_x005F_x0041_ literal</t>" in xml
    sheet = openpyxl.load_workbook(io.BytesIO(content))["S"]  # well-formed XML: openpyxl parses it
    assert sheet["C1"].value == "я" * xlsx.MAX_TEXT


def test_rows_through_renderers_and_the_read_only_reader_sees_full_rows():
    renders = [xlsx.cell, lambda v: None if v is None else xlsx.text(v.upper()), xlsx.cell]
    rows = [(i, f"name {i}", None if i % 2 else date(2026, 1, i)) for i in range(1, 21)]

    def build(book: xlsx.Workbook) -> None:
        sheet = book.add_sheet("Rows")
        sheet.append(["id", "name", "day"], xlsx.BOLD)
        sheet.append_rows(rows[:7], renders)
        sheet.append_rows(rows[7:], renders)
        assert sheet.rows == 21

    content = write(build)
    read = openpyxl.load_workbook(io.BytesIO(content), read_only=True)["Rows"]
    got = [tuple(r) for r in read.iter_rows(values_only=True)]
    assert got[0] == ("id", "name", "day")
    assert got[1] == (1, "NAME 1", None) and got[2] == (2, "NAME 2", datetime(2026, 1, 2))
    assert len(got) == 21 and all(len(r) == 3 for r in got)


def test_sheets_in_order_with_names_escaped_and_a_valid_package():
    def build(book: xlsx.Workbook) -> None:
        for name in ("Участники", "A & B \"x\"", "<Пусто>"):
            sheet = book.add_sheet(name)
            if name != "<Пусто>":
                sheet.append([name])

    content = write(build)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
    assert {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet3.xml"} <= names
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Участники", "A & B \"x\"", "<Пусто>"]
    assert book["A & B \"x\""]["A1"].value == "A & B \"x\""
    assert book["<Пусто>"].max_row == 1 and book["<Пусто>"]["A1"].value is None


def test_bad_sheet_names_and_writing_after_close_are_refused():
    book = xlsx.Workbook(io.BytesIO())
    for bad in ("", "a" * 32, "a/b", "why?"):
        with pytest.raises(ValueError):
            book.add_sheet(bad)
    first = book.add_sheet("One")
    with pytest.raises(ValueError):
        book.add_sheet("one")  # names are unique without regard to case
    book.add_sheet("Two")
    with pytest.raises(ValueError):
        first.append(["too late"])  # adding a sheet closed the previous one
    book.close()
    with pytest.raises(ValueError):
        book.add_sheet("Three")


def test_a_finished_sheet_goes_into_the_archive_when_its_close_runs_while_the_next_one_is_written():
    def build(book: xlsx.Workbook) -> None:
        first = book.add_sheet("First")
        first.append(["one"])
        close_first = first.finish()
        with pytest.raises(ValueError):
            first.append(["too late"])
        second = book.add_sheet("Second")
        second.append(["two"])
        close_first()
        second.append(["three"])

    book = openpyxl.load_workbook(io.BytesIO(write(build)))
    assert book.sheetnames == ["First", "Second"]
    assert [r for r in book["First"].iter_rows(values_only=True)] == [("one",)]
    assert [r for r in book["Second"].iter_rows(values_only=True)] == [("two",), ("three",)]


def test_serial_numbers_of_dates_and_times():
    assert xlsx.date_serial(date(1900, 3, 1)) == 61
    assert xlsx.date_serial(date(2026, 9, 20)) == 46285
    assert xlsx.datetime_serial(datetime(2026, 9, 20, 15, 0)) == 46285.625
    assert xlsx.datetime_serial(datetime(2026, 9, 20, 15, 0, tzinfo=UTC)) == 46285.625  # its own wall clock
    assert [xlsx.column_letter(i) for i in (0, 25, 26, 701, 702, 16383)] == ["A", "Z", "AA", "ZZ", "AAA", "XFD"]


def test_serial_text_is_what_repr_writes():
    # The digits after the point are reused per second of the day for 1989-2079; every other day goes to repr.
    for day in (32_768, 46_285, 65_535, 32_767, 65_536, 100):
        for second in (*range(0, 86_400, 7), 1, 43_199, 86_399):
            assert xlsx.serial_text(day, second) == repr(day + second / 86_400), (day, second)


def test_times_in_the_organisations_wall_clock_across_offset_changes():
    from bot.i18n import Translator
    from bot.workbook import renderers
    from mentorship.services.reports import Column

    moments = [
        datetime(2026, 3, 29, 0, 59, 59, 999_999, tzinfo=UTC),  # Berlin: 01:59:59, the last second of winter time
        datetime(2026, 3, 29, 1, 0, tzinfo=UTC),  # 03:00, summer time
        datetime(2026, 10, 25, 0, 30),  # naive, read as UTC: 02:30 summer time
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # 02:30 again, winter time
        datetime(1980, 6, 1, 12, 0, tzinfo=UTC),  # before 1989-09-18: written by repr itself
        datetime(2026, 7, 1, 23, 15, tzinfo=ZoneInfo("Asia/Kathmandu")),  # 17:30 UTC, 19:30 in Berlin
    ]
    render = renderers(Translator().bind("en"), (Column("xl-col-starts", "datetime"),), "Europe/Berlin")

    def build(book: xlsx.Workbook) -> None:
        book.add_sheet("Times").append_rows([(m,) for m in moments], render)

    sheet = openpyxl.load_workbook(io.BytesIO(write(build)))["Times"]
    assert [sheet.cell(row, 1).value for row in range(1, 7)] == [
        datetime(2026, 3, 29, 1, 59, 59), datetime(2026, 3, 29, 3, 0), datetime(2026, 10, 25, 2, 30),
        datetime(2026, 10, 25, 2, 30), datetime(1980, 6, 1, 14, 0), datetime(2026, 7, 1, 19, 30),
    ]
    assert all(sheet.cell(row, 1).number_format == "DD.MM.YYYY HH:MM" for row in range(1, 7))


def test_a_whole_column_at_once_writes_the_cells_value_by_value_does():
    """The workbook's renderers build a partition's cells column by column (`column` forms without a Python call
    per common value); the sheet must hold exactly what rendering each value on its own gives, whatever the type."""
    from bot.i18n import Translator
    from bot.workbook import renderers
    from mentorship.services.reports import TOTAL, Column

    kinds = ("int", "name", "date", "datetime", "bool", "enum:form-", "text", "answer", "float")
    columns = tuple(Column("xl-col-name", kind) for kind in kinds)
    odd = [None, 0, 7, -3, True, False, 2.5, float("nan"), Decimal("1.25"), "", " x ", "=1+1", "a<b>&_x0041_",
           "pp", "tt", "zz", TOTAL, date(2026, 5, 1), date(1900, 1, 1), datetime(2026, 9, 20, 15, 0),
           datetime(2026, 3, 29, 1, 0, tzinfo=UTC)]
    answers = [*odd, [1, "b"], {"k": "я"}]  # (names and enumerations are dictionary keys: hashable values only)
    rows = [tuple(odd[(i + j * 5) % len(odd)] for j in range(len(kinds))) for i in range(len(answers) * 3)]
    rows = [(*row[:7], answers[i % len(answers)], row[8]) for i, row in enumerate(rows)]

    def sheet_xml(by_columns: bool) -> bytes:
        render = renderers(Translator().bind("en"), columns, "Europe/Berlin")
        assert sum(hasattr(r, "column") for r in render) >= 5  # int, name, date, bool, enum have column forms

        def build(book: xlsx.Workbook) -> None:
            sheet = book.add_sheet("Rows")
            sheet.append(["header"])
            if by_columns:
                sheet.append_rows(rows[:10], render)
                sheet.append_rows(rows[10:], render)
            else:  # the same renderers, one value at a time
                sheet.append_rendered([[r(v) for r, v in zip(render, row)] for row in rows])

        with zipfile.ZipFile(io.BytesIO(write(build))) as archive:
            return archive.read("xl/worksheets/sheet1.xml")

    by_columns, by_values = sheet_xml(True), sheet_xml(False)
    assert by_columns == by_values
    assert b'<c r="A3"><v>0</v></c>' in by_columns and b'<c r="I2"' in by_columns  # not empty by accident


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_file_and_shows_formula_looking_text_as_text(tmp_path):
    def build(book: xlsx.Workbook) -> None:
        sheet = book.add_sheet("Отзывы")
        sheet.append(["Комментарий", "Оценка", "Дата"], xlsx.BOLD)
        sheet.append(["=1+1", 9, date(2026, 9, 20)])
        sheet.append(["<b>Отлично</b> & ok", 2.5, datetime(2026, 9, 20, 15, 30)])

    source = tmp_path / "export.xlsx"
    source.write_bytes(write(build))
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
         "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "export.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Комментарий,Оценка,Дата"
    assert lines[1] == "=1+1,9,20.09.2026"  # the text, not 2
    assert lines[2] == "<b>Отлично</b> & ok,2.5,20.09.2026 15:30"
