"""The /export workbook (XLSX, openpyxl in write-only mode): the data sheets the service hands over, and a KPI sheet
laid out like the seeds' indicator tables (number, indicator, target value, value).

Rows arrive from the database in partitions; each partition is written in a worker thread, so a large export
neither holds every row in memory nor blocks the bot's event loop.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.i18n import Localizer
from mentorship import kpi
from mentorship.services.reports import TOTAL, Column, Report, Sheet

SHEET_NAME_MAX = 31  # Excel's limit
KPI_SHEET = "xl-sheet-kpi"


def kpi_number(result: kpi.Result) -> float | None:
    """The value as the workbook and /stats show it: one decimal."""
    return None if result.value is None else round(result.value, 1)


def met_text(t: Localizer, met: bool | None) -> str:
    return {True: t("xl-met-yes"), False: t("xl-met-no"), None: "—"}[met]


class _Cells:
    """Turns stored values into cell values in the reader's language and the organisation's local time."""

    def __init__(self, t: Localizer, timezone: str) -> None:
        self.t = t
        self.zone = ZoneInfo(timezone)
        self.keys = t.translator.keys(t.locale)

    def enum(self, prefix: str, value: Any) -> Any:
        if value is None:
            return None
        key = f"{prefix}{value}"
        return self.t(key) if key in self.keys else str(value)

    def value(self, column: Column, value: Any) -> Any:
        kind = column.kind
        if kind == "name":
            return value if value is not None else self.t("xl-erased")
        if value is None:
            return None
        if kind.startswith("enum:"):
            return self.enum(kind[5:], value)
        if kind == "datetime" and isinstance(value, datetime):
            moment = value if value.tzinfo else value.replace(tzinfo=UTC)
            return moment.astimezone(self.zone).replace(tzinfo=None, microsecond=0)
        if kind == "bool":
            return self.t("xl-yes") if value else self.t("xl-no")
        if kind == "answer":
            if isinstance(value, list):
                return ", ".join(str(v) for v in value)
            if isinstance(value, dict):
                return json.dumps(value, ensure_ascii=False)
            return value if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
        if kind == "text" and value == TOTAL:
            return self.t("xl-total")
        return value


def _title(t: Localizer, key: str) -> str:
    name = t(key)
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:SHEET_NAME_MAX]


def _header(sheet: WriteOnlyWorksheet, labels: list[str]) -> None:
    cells = []
    for label in labels:
        cell = WriteOnlyCell(sheet, value=label)
        if label.startswith("="):  # an organisation's name in the coordinator's KPI header
            cell.data_type = "s"
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def _formats(sheet: WriteOnlyWorksheet, columns: tuple[Column, ...]) -> Callable[[list[Any]], list[Any]]:
    """Dates need a number format to show as dates; everything else goes in as it is."""
    date_columns = {i: ("DD.MM.YYYY HH:MM" if c.kind == "datetime" else "DD.MM.YYYY")
                    for i, c in enumerate(columns) if c.kind in ("date", "datetime")}

    def apply(values: list[Any]) -> list[Any]:
        if not date_columns:
            return values
        out: list[Any] = []
        for i, value in enumerate(values):
            if i in date_columns and isinstance(value, date | datetime):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = date_columns[i]
                out.append(cell)
            else:
                out.append(value)
        return out

    return apply


def _text_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """People's own words that start with "=" stay text: openpyxl would otherwise store them as a formula that the
    spreadsheet runs when the curator opens the file."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _write_rows(sheet: WriteOnlyWorksheet, columns: tuple[Column, ...], cells: _Cells, rows: list[tuple],
                fmt: Callable[[list[Any]], list[Any]]) -> None:
    for row in rows:
        sheet.append(fmt([_text_cell(sheet, cells.value(c, v)) for c, v in zip(columns, row, strict=True)]))


def kpi_rows(report: Report, t: Localizer) -> tuple[list[str], list[list[Any]]]:
    """The KPI sheet: one row per indicator, like the seeds' tables. A curator's has the definition, the value,
    its numerator and denominator; a coordinator's has the municipality's total and a column per organisation."""
    if report.personal:
        header = [t("xl-kpi-number"), t("xl-kpi-name"), t("xl-kpi-definition"), t("xl-kpi-target"),
                  t("xl-kpi-value"), t("xl-kpi-numerator"), t("xl-kpi-denominator"), t("xl-kpi-met")]
        rows = []
        for r in report.results:
            rows.append([
                r.indicator.number, t(r.indicator.title_key), t(r.indicator.definition_key), r.target,
                kpi_number(r) if r.value is not None else (t("xl-kpi-no-denominator") if r.missing else None),
                r.numerator, r.denominator, met_text(t, r.met),
            ])
        return header, rows
    header = [t("xl-kpi-number"), t("xl-kpi-name"), t("xl-kpi-target"), t("xl-total"), t("xl-kpi-met")]
    header += [o.organisation.name for o in report.organisations]
    rows = []
    for i, r in enumerate(report.results):
        row = [r.indicator.number, t(r.indicator.title_key), r.target, kpi_number(r), met_text(t, r.met)]
        row += [kpi_number(o.results[i]) for o in report.organisations]
        rows.append(row)
    return header, rows


async def build_workbook(report: Report, sheets: list[Sheet], t: Localizer, heading: str) -> bytes:
    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(_title(t, spec.title))
        cells = _Cells(t, spec.timezone)
        _header(sheet, [t(c.header) for c in spec.columns])
        fmt = _formats(sheet, spec.columns)
        async for chunk in spec.rows():
            await asyncio.to_thread(_write_rows, sheet, spec.columns, cells, chunk, fmt)
    sheet = workbook.create_sheet(_title(t, KPI_SHEET))
    title = WriteOnlyCell(sheet, value=heading)
    title.data_type = "s"
    title.font = Font(bold=True, size=12)
    sheet.append([title])
    sheet.append([])
    header, rows = kpi_rows(report, t)
    _header(sheet, header)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
            cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    await asyncio.to_thread(workbook.save, buffer)
    return buffer.getvalue()
