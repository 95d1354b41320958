"""A streaming XLSX (SpreadsheetML) writer for large, plain tables: rows go out as they come, in constant memory.

Why not a library: openpyxl (write-only) and XlsxWriter (constant-memory mode) spend 20–50 µs of Python per cell
choosing a type, checking dimensions and escaping; the /export of a 10 000-participant organisation has about 1.5
million cells, so they take 10–20 s where the issue asks for 3 (bench/README.md has the measurements). This writer
does the one thing /export needs — typed cells in a handful of fixed styles, row after row — with the XML built by
string formatting, and each column's conversion chosen once (see `bot.workbook`), which is about fifteen times
faster.

The package it writes is the one XlsxWriter writes in constant-memory mode (the same parts, inline strings rather
than a shared-string table, the same style records), so Excel, LibreOffice and openpyxl read it as they read
XlsxWriter's files. Every string is an inline string: a person's text that starts with "=" is text, never a formula.

Memory: a sheet's XML goes to a temporary file while its rows arrive (its `<dimension>` comes first in the file
and is known only at the end), then into the ZIP archive; the archive itself is written to the caller's binary
stream. Only the compressed archive is held in memory when the target is a `BytesIO`.
"""

from __future__ import annotations

import math
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from itertools import chain, repeat
from operator import call
from typing import IO, Any

# Cell styles (indexes into cellXfs of styles.xml below).
PLAIN, BOLD, DATE, DATETIME, TITLE, WRAP, WRAP_DATE, WRAP_DATETIME = range(8)
_DATE_OF = {PLAIN: DATE, WRAP: WRAP_DATE, DATE: DATE, DATETIME: DATETIME, WRAP_DATE: WRAP_DATE,
            WRAP_DATETIME: WRAP_DATETIME, BOLD: DATE, TITLE: DATE}
_DATETIME_OF = {PLAIN: DATETIME, WRAP: WRAP_DATETIME, DATE: DATETIME, DATETIME: DATETIME, WRAP_DATE: WRAP_DATETIME,
                WRAP_DATETIME: WRAP_DATETIME, BOLD: DATETIME, TITLE: DATETIME}

DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
MAX_TEXT = 32_767  # Excel's limit for one cell; longer text is cut (Excel would "repair" the file otherwise)
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384

_EPOCH = datetime(1899, 12, 30)
_EPOCH_ORDINAL = _EPOCH.toordinal()
#: Characters XML 1.0 cannot carry (C0 controls other than tab, newline and return; lone surrogates; U+FFFE/FFFF):
#: written as Excel's `_xHHHH_` escapes, so the text survives and the file stays well-formed.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Text that already looks like an `_xHHHH_` escape: its underscore is escaped, so Excel shows it unchanged.
_LOOKS_ESCAPED = re.compile("_(x[0-9A-Fa-f]{4}_)")

#: A cell's XML after `<c r="A1"`: its style, type and value, up to and including `</c>`; None for no cell.
Fragment = str | None
Render = Callable[[Any], Fragment]
#: A whole column of a partition at once: (its letter, the rows' numbers, its values) → each row's complete cell
#: (`<c r="B7" …</c>`), "" for no cell. A render may carry one as its `column` attribute (see `with_column`): the
#: same cells as the render gives value by value, built in one comprehension without a Python call per common value.
ColumnRender = Callable[[str, Sequence[str], Sequence[Any]], list[str]]


def with_column(render: Render, column: ColumnRender) -> Render:
    """`render`, with `column` as its whole-column form (which must write exactly the cells `render` writes)."""
    render.column = column  # type: ignore[attr-defined]
    return render


def placed(letter: str, row: str, fragment: Fragment) -> str:
    """A fragment as the complete cell at column `letter` of row `row`; "" for no cell."""
    return "" if fragment is None else f'<c r="{letter}{row}"{fragment}'


def column_cells(render: Render, letter: str, numbers: Sequence[str], values: Sequence[Any]) -> list[str]:
    """Each row's complete cell of one column ("" for no cell): the render's `column` form if it has one."""
    column = getattr(render, "column", None)
    if column is not None:
        return column(letter, numbers, values)
    return [f'<c r="{letter}{r}"{f}' if (f := render(v)) is not None else "" for r, v in zip(numbers, values)]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    if not 0 <= index < MAX_COLUMNS:
        raise ValueError(f"column {index} is outside a worksheet")
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xml_text(value: str) -> str:
    """Text as XML character data, with Excel's escapes for what XML cannot hold."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "_x" in value:
        value = _LOOKS_ESCAPED.sub(r"_x005F_\1", value)
    # Printable text has none of them (controls, surrogates and non-characters are not printable): one C-level
    # scan instead of the regular expression's for nearly every text.
    if not value.isprintable() and _ILLEGAL.search(value):
        value = _ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    return value


def text(value: str, style: int = PLAIN) -> str:
    """An inline-string cell: shown exactly as given, never read as a formula, a number or a date."""
    if len(value) > MAX_TEXT:
        value = value[:MAX_TEXT]
    body = _xml_text(value)
    space = ' xml:space="preserve"' if value and (value[0] in " \t\n\r" or value[-1] in " \t\n\r") else ""
    if style:
        return f' s="{style}" t="inlineStr"><is><t{space}>{body}</t></is></c>'
    return f' t="inlineStr"><is><t{space}>{body}</t></is></c>'


def number(value: int | float | Decimal, style: int = PLAIN) -> Fragment:
    """A number cell; NaN and infinities (which a spreadsheet cannot store) are left empty."""
    if isinstance(value, int):
        shown = str(value)
    else:
        as_float = float(value)
        if not math.isfinite(as_float):
            return None
        shown = repr(as_float) if isinstance(value, float) else str(value)
    return f' s="{style}"><v>{shown}</v></c>' if style else f"><v>{shown}</v></c>"


def date_serial(value: date) -> int:
    return value.toordinal() - _EPOCH_ORDINAL


def datetime_serial(value: datetime) -> float:
    """Excel's serial number of a wall-clock time (a naive datetime, or an aware one's own wall clock)."""
    seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1_000_000
    return value.toordinal() - _EPOCH_ORDINAL + seconds / 86_400


#: Excel's serial number of 1970-01-01, the Unix epoch.
UNIX_EPOCH_SERIAL = 25_569
_FRACTIONS: dict[int, str] = {}


def serial_text(day: int, second: int) -> str:
    """`repr(day + second / 86_400)`: the serial number of a day's second (0 ≤ second < 86 400) as written in a cell.

    For the days 32 768–65 535 (1989-09-18 to 2079-06-05) every such number has the same binary exponent, so both
    the sum's rounding and the shortest decimal that reads back as it depend on the fraction alone: the digits after
    the point are worked out once per second of the day and reused (`repr` of a float is most of a time cell's cost).
    Other days are written by `repr` itself."""
    if 32_768 <= day < 65_536:
        fraction = _FRACTIONS.get(second)
        if fraction is None:
            shown = repr(32_768 + second / 86_400)
            fraction = _FRACTIONS[second] = shown[shown.index("."):]
        return f"{day}{fraction}"
    return repr(day + second / 86_400)


def cell(value: Any, style: int = PLAIN) -> Fragment:
    """Any value as a cell, by its type: None → no cell, bool → TRUE/FALSE, numbers, dates and datetimes (shown
    as DD.MM.YYYY [HH:MM] in the given style's alignment), everything else as text."""
    if value is None:
        return None
    if isinstance(value, str):
        return text(value, style)
    if isinstance(value, bool):
        return f' s="{style}" t="b"><v>{int(value)}</v></c>' if style else f' t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal):
        return number(value, style)
    if isinstance(value, datetime):
        return number(datetime_serial(value), _DATETIME_OF.get(style, DATETIME))
    if isinstance(value, date):
        return number(date_serial(value), _DATE_OF.get(style, DATE))
    if isinstance(value, time):
        return text(value.isoformat(), style)
    return text(str(value), style)


class Sheet:
    """One worksheet being written; rows are appended in order. Get it from `Workbook.add_sheet`."""

    def __init__(self, book: Workbook, name: str) -> None:
        self.book = book
        self.name = name
        self.rows = 0
        self.width = 0
        self._file: IO[bytes] | None = tempfile.TemporaryFile(prefix="mentorbot-xlsx-")
        self._letters: list[str] = []
        self._finished = False

    def _columns(self, width: int) -> list[str]:
        while len(self._letters) < width:
            self._letters.append(column_letter(len(self._letters)))
        return self._letters

    def append(self, values: Sequence[Any], style: int = PLAIN) -> None:
        """One row of values, each typed by `cell`."""
        self.append_rendered([[cell(v, style) for v in values]])

    def append_rows(self, rows: Iterable[Sequence[Any]], renders: Sequence[Render]) -> None:
        """Rows whose column i is turned into a cell by renders[i] (the fast path for big sheets: each column's
        cells in one comprehension, with the render's `column` form where it has one)."""
        letters = self._columns(len(renders))
        rows = rows if isinstance(rows, list) else list(rows)
        width = len(renders)
        if rows and set(map(len, rows)) == {width}:
            # Column by column: each column's cells in one comprehension (see `column_cells`), then the rows'
            # tags and cells interleaved into one string by a single join.
            first = self.rows + 1
            numbers = list(map(str, range(first, first + len(rows))))
            cells = [column_cells(render, letter, numbers, values)
                     for render, letter, values in zip(renders, letters, zip(*rows))]
            opens = [f'<row r="{r}">' for r in numbers]
            self._write(["".join(chain.from_iterable(zip(opens, *cells, repeat("</row>"))))],
                        self.rows + len(rows), max(self.width, width))
            return
        number_ = self.rows
        out: list[str] = []
        append = out.append
        join = "".join
        for row in rows:
            number_ += 1
            r = str(number_)
            append(f'<row r="{r}">')
            append(join([f'<c r="{letter}{r}"{fragment}'
                         for letter, fragment in zip(letters, map(call, renders, row)) if fragment is not None]))
            append("</row>")
        self._write(out, number_, max(self.width, len(renders)) if number_ > self.rows else self.width)

    def append_rendered(self, rows: Iterable[Sequence[Fragment]]) -> None:
        """Rows of ready cell fragments (see `cell`, `text`, `number`)."""
        number_ = self.rows
        out: list[str] = []
        width = self.width
        for row in rows:
            number_ += 1
            r = str(number_)
            letters = self._columns(len(row))
            out.append(f'<row r="{r}">')
            for i, fragment in enumerate(row):
                if fragment is not None:
                    out.append(f'<c r="{letters[i]}{r}"{fragment}')
                    width = max(width, i + 1)
            out.append("</row>")
        self._write(out, number_, width)

    def _write(self, out: list[str], rows: int, width: int) -> None:
        if rows > MAX_ROWS:
            raise ValueError(f"sheet {self.name!r} would exceed {MAX_ROWS} rows")
        if self._file is None or self._finished:
            raise ValueError(f"sheet {self.name!r} is closed")
        self._file.write("".join(out).encode("utf-8", "surrogatepass"))
        self.rows, self.width = rows, width

    def finish(self) -> Callable[[], None]:
        """Takes no more rows and returns `close`, for the caller to run later — e.g. in a thread while the next
        sheet's rows are written (zlib lets go of the GIL, so the compression runs beside them). Sheets are put into
        the archive one at a time, in order: run each sheet's close after the previous one's has returned, and all
        of them before `Workbook.close`."""
        self._finished = True
        return self.close

    def close(self) -> None:
        """Puts the sheet into the archive (called by `Workbook.close` for a sheet still open)."""
        if self._file is None:
            return
        body, self._file = self._file, None
        try:
            body.seek(0)
            dimension = f"A1:{column_letter(self.width - 1)}{self.rows}" if self.rows and self.width else "A1"
            selected = ' tabSelected="1"' if self.book.sheets and self.book.sheets[0] is self else ""
            head = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="{dimension}"/>'
                f'<sheetViews><sheetView{selected} workbookViewId="0"/></sheetViews>'
                '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
            )
            tail = ('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                    'footer="0.3"/></worksheet>')
            index = self.book.sheets.index(self) + 1
            with self.book.archive.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True) as member:
                member.write(head.encode())
                shutil.copyfileobj(body, member, 1 << 20)
                member.write(tail.encode())
        finally:
            body.close()


class Workbook:
    """Sheets written one after another into an XLSX archive on `target` (a binary stream, e.g. BytesIO).

    Only one sheet is open at a time: adding a sheet closes the previous one. `close()` writes the rest of the
    package; the workbook can also be used as a context manager.
    """

    def __init__(self, target: IO[bytes], *, compresslevel: int = 1, created: datetime | None = None) -> None:
        self.archive = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self.sheets: list[Sheet] = []
        self.created = (created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0, tzinfo=None)
        self._closed = False

    def add_sheet(self, name: str) -> Sheet:
        if self._closed:
            raise ValueError("the workbook is closed")
        if not name or len(name) > 31 or any(ch in name for ch in "[]:*?/\\"):
            raise ValueError(f"{name!r} is not a valid sheet name")
        if any(s.name.casefold() == name.casefold() for s in self.sheets):
            raise ValueError(f"a sheet named {name!r} exists already")
        if self.sheets and not self.sheets[-1]._finished:
            self.sheets[-1].close()
        sheet = Sheet(self, name)
        self.sheets.append(sheet)
        return sheet

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if not self.sheets:
                self.add_sheet("Sheet1")
            for sheet in self.sheets:
                sheet.close()
            self._package()
        finally:
            self.archive.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:  # an error half-way: drop the temporary files, write nothing more
            self._closed = True
            for sheet in self.sheets:
                if sheet._file is not None:
                    sheet._file.close()
                    sheet._file = None
            self.archive.close()

    def _package(self) -> None:
        count = len(self.sheets)
        names = [_xml_attr(s.name) for s in self.sheets]
        parts = {
            "[Content_Types].xml": (
                f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                f'<Default Extension="xml" ContentType="application/xml"/>'
                f'<Override PartName="/docProps/app.xml" '
                f'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
                f'<Override PartName="/docProps/core.xml" '
                f'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                f'<Override PartName="/xl/styles.xml" '
                f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                f'<Override PartName="/xl/workbook.xml" '
                f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                + "".join(
                    f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                    f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    for i in range(1, count + 1)
                )
                + "</Types>"
            ),
            "_rels/.rels": (
                f'<Relationships xmlns="{_PKG_REL}">'
                f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
                f'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                f'metadata/core-properties" Target="docProps/core.xml"/>'
                f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
                "</Relationships>"
            ),
            "docProps/app.xml": (
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
                'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
                '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>'
                f"</vt:variant><vt:variant><vt:i4>{count}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
                f'<TitlesOfParts><vt:vector size="{count}" baseType="lpstr">'
                + "".join(f"<vt:lpstr>{n}</vt:lpstr>" for n in names)
                + "</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
                "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>"
            ),
            "docProps/core.xml": (
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
                'terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                f'<dcterms:created xsi:type="dcterms:W3CDTF">{self.created.isoformat()}Z</dcterms:created>'
                f'<dcterms:modified xsi:type="dcterms:W3CDTF">{self.created.isoformat()}Z</dcterms:modified>'
                "</cp:coreProperties>"
            ),
            "xl/_rels/workbook.xml.rels": (
                f'<Relationships xmlns="{_PKG_REL}">'
                + "".join(
                    f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                    for i in range(1, count + 1)
                )
                + f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
            ),
            "xl/workbook.xml": (
                f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
                '<workbookPr/><bookViews><workbookView xWindow="240" yWindow="15" windowWidth="16095" '
                'windowHeight="9660"/></bookViews><sheets>'
                + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
                + '</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
            ),
            "xl/styles.xml": _STYLES,
        }
        for name, body in parts.items():
            self.archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body)


def _xml_attr(value: str) -> str:
    return _xml_text(value).replace('"', "&quot;")


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
_XF = 'fillId="0" borderId="0" xfId="0"'
_WRAP = '<alignment vertical="top" wrapText="1"/>'
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}">'
    f'<numFmts count="2"><numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/>'
    f'<numFmt numFmtId="165" formatCode="{DATETIME_FORMAT}"/></numFmts>'
    f'<fonts count="3"><font>{_FONT}</font><font><b/>{_FONT}</font>'
    '<font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="8">'
    f'<xf numFmtId="0" fontId="0" {_XF}/>'  # PLAIN
    f'<xf numFmtId="0" fontId="1" {_XF} applyFont="1"/>'  # BOLD
    f'<xf numFmtId="164" fontId="0" {_XF} applyNumberFormat="1"/>'  # DATE
    f'<xf numFmtId="165" fontId="0" {_XF} applyNumberFormat="1"/>'  # DATETIME
    f'<xf numFmtId="0" fontId="2" {_XF} applyFont="1"/>'  # TITLE
    f'<xf numFmtId="0" fontId="0" {_XF} applyAlignment="1">{_WRAP}</xf>'  # WRAP
    f'<xf numFmtId="164" fontId="0" {_XF} applyNumberFormat="1" applyAlignment="1">{_WRAP}</xf>'  # WRAP_DATE
    f'<xf numFmtId="165" fontId="0" {_XF} applyNumberFormat="1" applyAlignment="1">{_WRAP}</xf>'  # WRAP_DATETIME
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
    'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
)
