"""The /export workbook (XLSX, written by the streaming writer `bot.xlsx`): the data sheets the service hands
over, and a KPI sheet laid out like the seeds' indicator tables (number, indicator, target value, value).

Rows arrive from the database in partitions; each partition is written in a worker thread, so a large export
neither holds every row in memory nor blocks the bot's event loop. How a column's stored values become cells (the
reader's language, the organisation's local time, dates as dates) is decided once per column, and an enumeration's
cell is built once per value, so a 10 000-participant organisation's workbook takes seconds, not tens of seconds.
Every text is an inline string: people's own words that start with "=" stay text, never a formula.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot import xlsx
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


#: How many distinct names a sheet keeps ready as cells (a mentor's name is on every one of their meetings).
NAME_CACHE = 50_000


def renderers(t: Localizer, columns: tuple[Column, ...], timezone: str) -> list[xlsx.Render]:
    """For each column, the function turning a stored value into its cell: in the reader's language and the
    organisation's local time, dates with a date format. Enumerations' and names' cells are built once per value."""
    zone = ZoneInfo(timezone)
    keys = t.translator.keys(t.locale)
    cell, text, number, placed, with_column = xlsx.cell, xlsx.text, xlsx.number, xlsx.placed, xlsx.with_column
    date_serial, serial_text = xlsx.date_serial, xlsx.serial_text
    #: The zone's UTC offset in seconds by UTC hour (seconds since the epoch // 3600), for the hours it does not
    #: change in: one `astimezone` per hour of the data instead of one per value.
    offsets: dict[int, int] = {}

    def offset_at(utc: int) -> int:
        start = UNIX_EPOCH + timedelta(seconds=utc - utc % 3600)
        first = _seconds(start.astimezone(zone).utcoffset())
        if first == _seconds((start + timedelta(seconds=3599)).astimezone(zone).utcoffset()):
            # The same offset at both ends: none of the zone's changes (days apart at the least) is in this hour.
            offsets[utc // 3600] = first
            return first
        return _seconds((UNIX_EPOCH + timedelta(seconds=utc)).astimezone(zone).utcoffset())

    def build(column: Column) -> xlsx.Render:
        kind = column.kind
        if kind == "name":
            erased = text(t("xl-erased"))
            names: dict[Any, xlsx.Fragment] = {}

            def name(value: Any) -> xlsx.Fragment:
                fragment = names.get(value)
                if fragment is None:
                    fragment = erased if value is None else cell(value)
                    if len(names) < NAME_CACHE:
                        names[value] = fragment
                return fragment

            def names_column(letter: str, numbers: Sequence[str], values: Sequence[Any]) -> list[str]:
                get = names.get
                return [f'<c r="{letter}{r}"{f}' if (f := get(v) or name(v)) is not None else ""
                        for r, v in zip(numbers, values)]

            return with_column(name, names_column)
        if kind.startswith("enum:"):
            prefix, memo = kind[5:], {}

            def enum(value: Any) -> xlsx.Fragment:
                if value is None:
                    return None
                fragment = memo.get(value)
                if fragment is None:
                    key = f"{prefix}{value}"
                    fragment = memo[value] = text(t(key) if key in keys else str(value))
                return fragment

            def enum_column(letter: str, numbers: Sequence[str], values: Sequence[Any]) -> list[str]:
                get = memo.get
                return [f'<c r="{letter}{r}"{f}' if (f := get(v) or enum(v)) is not None else ""
                        for r, v in zip(numbers, values)]

            return with_column(enum, enum_column)
        if kind == "datetime":

            def moment(value: Any) -> xlsx.Fragment:
                if value is None:
                    return None
                if isinstance(value, datetime):  # shown in the organisation's time, to the second
                    since = value - (UNIX_EPOCH if value.tzinfo else UNIX_EPOCH_NAIVE)  # naive values are UTC
                    utc = since.days * 86_400 + since.seconds  # whole seconds, rounded down
                    offset = offsets.get(utc // 3600)
                    if offset is None:
                        offset = offset_at(utc)
                    day, second = divmod(utc + offset, 86_400)
                    return f' s="{xlsx.DATETIME}"><v>{serial_text(day + xlsx.UNIX_EPOCH_SERIAL, second)}</v></c>'
                if isinstance(value, date):
                    return number(date_serial(value), xlsx.DATETIME)
                return cell(value)

            return moment
        if kind == "date":

            def day(value: Any) -> xlsx.Fragment:
                if value is None:
                    return None
                if isinstance(value, datetime):
                    return number(xlsx.datetime_serial(value), xlsx.DATE)
                if isinstance(value, date):
                    return f' s="{xlsx.DATE}"><v>{date_serial(value)}</v></c>'
                return cell(value)

            def days(letter: str, numbers: Sequence[str], values: Sequence[Any]) -> list[str]:
                return [f'<c r="{letter}{r}" s="{xlsx.DATE}"><v>{v.toordinal() - EPOCH_ORDINAL}</v></c>'
                        if type(v) is date else placed(letter, r, day(v)) for r, v in zip(numbers, values)]

            return with_column(day, days)
        if kind == "int":

            def integer(value: Any) -> xlsx.Fragment:
                return f"><v>{value}</v></c>" if type(value) is int else cell(value)

            def integers(letter: str, numbers: Sequence[str], values: Sequence[Any]) -> list[str]:
                return [f'<c r="{letter}{r}"><v>{v}</v></c>' if type(v) is int else placed(letter, r, cell(v))
                        for r, v in zip(numbers, values)]

            return with_column(integer, integers)
        if kind == "bool":
            yes, no = text(t("xl-yes")), text(t("xl-no"))

            def flag(value: Any) -> xlsx.Fragment:
                return None if value is None else (yes if value else no)

            def flags(letter: str, numbers: Sequence[str], values: Sequence[Any]) -> list[str]:
                return [f'<c r="{letter}{r}"{yes if v else no}' if v is not None else ""
                        for r, v in zip(numbers, values)]

            return with_column(flag, flags)
        if kind == "answer":

            yes, no = text(t("xl-yes")), text(t("xl-no"))

            def answer(value: Any) -> xlsx.Fragment:
                if value is None:
                    return None
                if isinstance(value, bool):
                    return yes if value else no
                if isinstance(value, list):
                    return text(", ".join(str(v) for v in value))
                if isinstance(value, dict):
                    return text(json.dumps(value, ensure_ascii=False))
                if isinstance(value, int | float) and not isinstance(value, bool):
                    return number(value)
                return text(str(value))

            return answer
        if kind == "text":
            total = text(t("xl-total"))
            return lambda value: total if value == TOTAL else (text(value) if type(value) is str else cell(value))
        return cell

    return [build(c) for c in columns]


UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_ORDINAL = date.min.toordinal() - xlsx.date_serial(date.min)  # date_serial(d) is d.toordinal() - this
UNIX_EPOCH_NAIVE = datetime(1970, 1, 1)


def _seconds(offset: timedelta | None) -> int:
    return 0 if offset is None else offset.days * 86_400 + offset.seconds


def _title(t: Localizer, key: str) -> str:
    name = t(key)
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:SHEET_NAME_MAX]


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


class _Writer:
    """One writing job at a time in a worker thread, while the event loop fetches the next rows: the database's
    time, the compression (zlib lets go of the GIL) and the writing overlap."""

    def __init__(self) -> None:
        self.pending: asyncio.Future[Any] | None = None

    async def submit(self, job: Callable[..., Any], *args: Any) -> None:
        await self.drain()
        self.pending = asyncio.ensure_future(asyncio.to_thread(job, *args))

    async def drain(self) -> None:
        pending, self.pending = self.pending, None
        if pending is not None:
            await pending


async def build_workbook(report: Report, sheets: list[Sheet], t: Localizer, heading: str) -> bytes:
    buffer = io.BytesIO()
    writer = _Writer()  # rows into the current sheet
    archiver = _Writer()  # finished sheets into the archive (compressed), in order, beside the next sheet's rows
    with xlsx.Workbook(buffer) as workbook:
        try:
            previous: xlsx.Sheet | None = None
            for spec in sheets:
                rows = aiter(spec.rows())
                first = await anext(rows, None)  # the query runs while the previous sheet's last rows are written
                await writer.drain()
                if previous is not None:
                    await archiver.submit(previous.finish())
                sheet = previous = workbook.add_sheet(_title(t, spec.title))
                sheet.append([t(c.header) for c in spec.columns], xlsx.BOLD)
                render = renderers(t, spec.columns, spec.timezone)
                if first is not None:
                    await writer.submit(sheet.append_rows, first, render)
                    async for chunk in rows:
                        await writer.submit(sheet.append_rows, chunk, render)
            await writer.drain()
            if previous is not None:
                await archiver.submit(previous.finish())
        finally:
            await writer.drain()  # never leave a job writing into a workbook that is being closed
            await archiver.drain()
        sheet = workbook.add_sheet(_title(t, KPI_SHEET))
        sheet.append([heading], xlsx.TITLE)
        sheet.append([])
        header, rows_ = kpi_rows(report, t)
        sheet.append(header, xlsx.BOLD)
        for row in rows_:
            sheet.append(row, xlsx.WRAP)
        await asyncio.to_thread(workbook.close)
    return buffer.getvalue()
