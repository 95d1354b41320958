"""Figures: /counts (the curator's denominators and targets), /stats (text and a chart), /export (XLSX).

Thin: parse the arguments, call the reports service (which decides what this person may see), render. The chart
and the workbook are drawn in worker threads.
"""

from __future__ import annotations

import asyncio
import html
import logging

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.charts import chart_data, render_png
from bot.filters import A_COMMAND, IsCurator, PRIVATE, SeesFigures
from bot.i18n import Localizer
from bot.workbook import build_workbook, kpi_number
from db.transaction import UnitOfWork
from mentorship import kpi
from mentorship.clock import Clock
from mentorship.entities import Actor
from mentorship.errors import InvalidInput
from mentorship.roles import MentorshipForm
from mentorship.services import reports
from mentorship.services.reports import CountsView, Report

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 4000  # Telegram's is 4096


def setup() -> Router:
    router = Router(name="reports")
    router.message.filter(A_COMMAND, PRIVATE)
    router.message.register(counts, Command("counts"), IsCurator())
    router.message.register(stats, Command("stats"), SeesFigures())
    router.message.register(export, Command("export"), SeesFigures())
    return router


# --- arguments ------------------------------------------------------------------------------------------------------


def parse_filters(args: str | None) -> tuple[kpi.Period | None, MentorshipForm | None]:
    """`[2026/27[-1|-2]] [pp|tt|sp|ep|es|ss]` in any order; InvalidInput for anything else."""
    period, form = None, None
    for token in (args or "").split():
        if len(token) > 20:
            raise InvalidInput("stats-usage")
        parsed = kpi.parse_period(token)
        if parsed is not None and period is None:
            period = parsed
            continue
        if token.lower() in {f.value for f in MentorshipForm} and form is None:
            form = MentorshipForm(token.lower())
            continue
        raise InvalidInput("stats-usage")
    return period, form


def period_label(t: Localizer, period: kpi.Period) -> str:
    return t("period-year", year=period.academic_year) if period.half is None else t(
        f"period-half-{period.half}", year=period.academic_year
    )


def heading(t: Localizer, report: Report, *, plain: bool = False) -> str:
    """The report's title: HTML for a message, or `plain` text for the chart and the workbook."""
    period = period_label(t, report.period)
    form = t(f"form-{report.form.value}") if report.form else t("stats-all-forms")
    if report.personal:
        key, args = "stats-heading", {"scope": report.organisations[0].organisation.name}
    else:
        key, args = "stats-heading-municipality", {"name": report.scope.municipality or "", "count": len(report.organisations)}
    text = t(key + ("-plain" if plain else ""), period=period, form=form, **args)
    return html.unescape(text) if plain else text


def _value(t: Localizer, result: kpi.Result) -> str:
    value = kpi_number(result)
    return t(f"stats-value-{result.indicator.unit.value}", value=value if value is not None else 0)


def kpi_line(t: Localizer, result: kpi.Result) -> str:
    title = t(result.indicator.title_key)
    if result.value is None:
        if result.missing is not None:
            return t("stats-line-missing", title=title, code=result.missing.value)
        return t("stats-line-no-data", title=title)
    target = (
        t(f"stats-target-{result.indicator.direction}", value=_target_text(t, result))
        if result.target is not None else t("stats-no-target")
    )
    mark = {True: "✅", False: "❌", None: "▫️"}[result.met]
    detail = ""
    if result.denominator is not None and result.indicator.unit == kpi.Unit.PERCENT:
        detail = t("stats-of", numerator=result.numerator, denominator=result.denominator)
    return t("stats-line", mark=mark, title=title, value=_value(t, result), target=target, detail=detail)


def _target_text(t: Localizer, result: kpi.Result) -> str:
    assert result.target is not None
    return t(f"stats-value-{result.indicator.unit.value}", value=result.target)


def stats_text(t: Localizer, report: Report) -> list[str]:
    """The /stats summary, split into messages under Telegram's limit."""
    lines = [heading(t, report), ""]
    lines += [kpi_line(t, r) for r in report.results]
    missing = report.missing()
    if report.personal:
        (org,) = report.organisations
        gaps = kpi.missing_denominators(org.figures)
        if gaps:
            lines += ["", t("stats-missing", keys=", ".join(g.value for g in gaps))]
    else:
        lines += ["", t("stats-per-organisation")]
        for org in report.organisations:
            with_target = [r for r in org.results if r.met is not None]
            lines.append(
                t("stats-organisation-line", name=org.organisation.name,
                  met=sum(1 for r in with_target if r.met), total=len(with_target))
            )
            if org.organisation.name in missing:
                lines.append(t("stats-organisation-missing", keys=", ".join(g.value for g in missing[org.organisation.name])))
    lines += ["", t("stats-threshold", threshold=kpi.SATISFIED_THRESHOLD)]
    messages, current = [], ""
    for line in lines:
        if len(current) + len(line) + 1 > MESSAGE_LIMIT:
            messages.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current.strip():
        messages.append(current)
    return messages


# --- commands -------------------------------------------------------------------------------------------------------


async def stats(message: Message, command: CommandObject, session: AsyncSession, clock: Clock, actor: Actor,
                t: Localizer) -> None:
    period, form = parse_filters(command.args)
    for report in await reports.reports(session, clock, actor, period, form):
        for text in stats_text(t, report):
            await message.answer(text)
        data = chart_data(report, t, heading(t, report, plain=True))
        png = await asyncio.to_thread(render_png, data)
        await message.answer_photo(BufferedInputFile(png, filename="stats.png"), caption=t("stats-chart-caption"))


def _file_name(report: Report) -> str:
    period = report.period.code.replace("/", "-")
    scope = f"org{report.organisations[0].organisation.id}" if report.personal else "municipality"
    form = f"_{report.form.value}" if report.form else ""
    return f"mentorship_{scope}_{period}{form}.xlsx"


async def export(message: Message, command: CommandObject, session: AsyncSession, uow: UnitOfWork, clock: Clock,
                 actor: Actor, t: Localizer) -> None:
    period, form = parse_filters(command.args)
    found = await reports.reports(session, clock, actor, period, form)
    # A big organisation's workbook takes a few seconds (10 000 participants: bench/README.md): say so at once.
    await message.answer(t("export-preparing"))
    for report in found:
        sheets = reports.sheets(session, actor, report, t.locale)
        content = await build_workbook(report, sheets, t, heading(t, report, plain=True))
        await reports.record_export(session, clock, actor, report)
        caption = t("export-caption-personal" if report.personal else "export-caption-counts")
        # Personal data leaves the bot only once the record of it is committed.
        document = BufferedInputFile(content, filename=_file_name(report))
        uow.after_commit(lambda document=document, caption=caption: message.answer_document(document, caption=caption))


def counts_text(t: Localizer, view: CountsView) -> str:
    lines = [t("counts-title", organisation=view.organisation.name, year=view.period.academic_year)]
    for key in kpi.DENOMINATORS:
        value = view.values.get(key.value)
        if value is None:
            lines.append(t("counts-line-missing", code=key.value, label=t(f"counts-key-{key.value}")))
        else:
            lines.append(t("counts-line", code=key.value, label=t(f"counts-key-{key.value}"), value=value))
    if view.targets:
        lines.append(t("counts-targets"))
        for key, value in sorted(view.targets.items()):
            lines.append(t("counts-target-line", code=key, title=t(f"kpi-{key}"), value=value))
    lines.append("")
    lines.append(t("counts-missing", keys=", ".join(k.value for k in view.missing)) if view.missing
                 else t("counts-complete"))
    lines.append(t("counts-usage"))
    return "\n".join(lines)


async def counts(message: Message, command: CommandObject, session: AsyncSession, clock: Clock, actor: Actor,
                 t: Localizer) -> None:
    tokens = (command.args or "").split()
    organisation_id = None
    if tokens and tokens[0].startswith("#"):
        if not tokens[0][1:].isdigit() or len(tokens[0]) > 10:
            raise InvalidInput("counts-usage")
        organisation_id = int(tokens.pop(0)[1:])
    period = kpi.parse_period(tokens[0]) if tokens else None
    if period is not None:
        tokens.pop(0)
    period = kpi.Period(period.start_year) if period else kpi.current_year(clock.now().date())
    if not tokens:
        views = await reports.counts(session, clock, actor, period)
        await message.answer("\n\n".join(counts_text(t, v) for v in views))
        return
    target = tokens[0].lower() == "target"
    if target:
        tokens.pop(0)
    if len(tokens) != 2 or len(tokens[0]) > 24:
        raise InvalidInput("counts-usage")
    curated = actor.curated_organisations()
    if organisation_id is None:
        if len(curated) != 1:
            raise InvalidInput("counts-which-organisation", ids=", ".join(f"#{i}" for i in curated))
        organisation_id = curated[0]
    view = await reports.set_count(
        session, clock, actor, organisation_id, period, tokens[0].lower(), tokens[1], target=target
    )
    await message.answer(t("counts-saved") + "\n\n" + counts_text(t, view))
