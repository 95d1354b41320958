"""Padding for the update bench: a database that already holds `participants` people of other organisations, so
that an update's queries run over big tables (issue #14: the cost of an update must not grow with them).

The people the bench times are prepared as before (through the services and the dialogs, in their own
organisation); the padding is everything else a school district's bot would hold by then, bulk-inserted in one
statement per table, from a series of numbers: `generate_series` on PostgreSQL, a temporary table filled with
`executemany` on SQLite; the same `INSERT … SELECT` then runs on both. 100 000 participants take seconds.

Per padding participant: a person (telegram id `PAD_TELEGRAM_BASE + n`), one membership (a mentee or a mentor,
active) in one of the organisations of `PER_ORGANISATION` people each, two consents (personal data and the
agreement), a completed intake questionnaire (on the shipped version of `mentee-pupil` or `mentor-pupil`, which must be stored
already) with `ANSWERS` answers, two dialog records (an empty
aiogram-dialog stack and the aiogram state of a finished dialog; `updated_at` now, so they are fresh), and
`OUTBOX_SENT` outbox rows already sent. Ids are given explicitly after the tables' current maximum and the
PostgreSQL sequences are moved past them; the tables are analysed afterwards, as autovacuum would.

(`bench/reports.py`'s `populate` writes one organisation with a year of meetings, built row by row in Python: 20 s
at 10 000 participants. That is the reports' data set; this one is what the updates need, at ten times the size.)
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, bindparam, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.base import UTCDateTime

PAD_TELEGRAM_BASE = 50_000_000  # far from every id the update scenarios use (bench/updates.py)
PER_ORGANISATION = 1_000
ANSWERS = 3
OUTBOX_SENT = 3
T0 = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)
SHIPPED = ("mentee-pupil", "mentor-pupil")  # the intake questionnaires of the padding's mentees and mentors


async def pad(engine: AsyncEngine, participants: int, now: datetime | None = None) -> dict[str, Any]:
    """Inserts `participants` padding people and what belongs to them; returns rows per table and the seconds."""
    now = now or datetime.now(UTC)
    started = time.perf_counter()
    pg = engine.dialect.name == "postgresql"
    organisations = max(1, -(-participants // PER_ORGANISATION))
    counts: dict[str, int] = {}
    async with engine.begin() as connection:
        base = {table: await _max_id(connection, table) for table in (
            "organisations", "people", "memberships", "consent_records",
            "questionnaire_responses", "questionnaire_answers", "outbox")}
        if pg:
            series = "generate_series(1, :n) AS s(g)"
        else:
            await connection.execute(text("CREATE TEMP TABLE pad_series (g INTEGER PRIMARY KEY)"))
            await connection.execute(text("INSERT INTO pad_series (g) VALUES (:g)"),
                                     [{"g": g} for g in range(1, max(participants, organisations) * ANSWERS + 1)])
            series = "pad_series AS s"
        ts = "CAST(:t AS timestamptz)" if pg else ":t"
        js = "CAST(:j AS json)" if pg else ":j"
        day = "CAST(:d AS date)" if pg else ":d"

        async def insert(table: str, columns: str, values: str, n: int, **params: Any) -> None:
            statement = text(
                f"INSERT INTO {table} ({columns}) SELECT {values} FROM {series}"
                + ("" if pg else " WHERE s.g <= :n")
            )
            binds = [bindparam("t", type_=UTCDateTime()), bindparam("j", type_=JSON())]
            statement = statement.bindparams(*(b for b in binds if b.key in params))
            await connection.execute(statement, {"n": n, **params})
            counts[table] = counts.get(table, 0) + n

        o, p = base["organisations"], base["people"]
        await insert(
            "organisations", "id, name, kind, municipality, timezone, forms, guardian_consent_age, "
            "guardian_agreement_age, created_at",
            f":o + s.g, 'Школа ' || s.g, 'school', 'Район ' || (s.g % 10), 'Europe/Moscow', {js}, 14, 18, {ts}",
            organisations, o=o, j=["pp", "tt"], t=T0)
        await insert(
            "people", "id, telegram_id, full_name, date_of_birth, category, group_name, locale, created_at",
            f":p + s.g, :tg + s.g, 'Участник ' || s.g, {day}, 'pupil', '8А', 'ru', {ts}",
            participants, p=p, tg=PAD_TELEGRAM_BASE, d=date(2010, 5, 5) if pg else "2010-05-05", t=T0)
        # organisation of padding person g: o + 1 + (g - 1) / PER_ORGANISATION (integer division on both)
        org_of = f":o + 1 + (s.g - 1) / {PER_ORGANISATION}"
        await insert(
            "memberships", "id, person_id, organisation_id, role, form, status, created_at",
            f":m + s.g, :p + s.g, {org_of}, CASE WHEN s.g % 3 = 0 THEN 'mentor' ELSE 'mentee' END, 'pp', 'active', "
            f"{ts}", participants, m=base["memberships"], p=p, o=o, t=T0)
        for k, kind in enumerate(("pd", "agreement")):
            await insert(
                "consent_records", "id, subject_person_id, organisation_id, kind, given_by, status, version, "
                "text_hash, locale, decided_at",
                f":c + s.g, :p + s.g, {org_of}, '{kind}', 'self', 'granted', 'v1', 'h', 'ru', {ts}",
                participants, c=base["consent_records"] + k * participants, p=p, o=o, t=T0)
        mentee_version, mentor_version = [await _shipped_version(connection, key) for key in SHIPPED]
        r = base["questionnaire_responses"]
        await insert(
            "questionnaire_responses", "id, person_id, organisation_id, questionnaire_version_id, role, "
            "started_at, completed_at",
            f":r + s.g, :p + s.g, {org_of}, CASE WHEN s.g % 3 = 0 THEN :mv + 0 ELSE :v + 0 END, "
            f"CASE WHEN s.g % 3 = 0 THEN 'mentor' ELSE 'mentee' END, {ts}, {ts}",
            participants, r=r, p=p, o=o, v=mentee_version, mv=mentor_version, t=T0)
        # answer g belongs to response (g - 1) / ANSWERS + 1, question q<(g - 1) % ANSWERS>
        await insert(
            "questionnaire_answers", "id, response_id, question_id, value, skipped, answered_at",
            f":a + s.g, :r + 1 + (s.g - 1) / {ANSWERS}, 'q' || ((s.g - 1) % {ANSWERS}), {js}, false, {ts}",
            participants * ANSWERS, a=base["questionnaire_answers"], r=r, j=7, t=T0)
        # aiogram-dialog's empty stack of the private chat and aiogram's state: the keys the bot's storage builds
        # (DefaultKeyBuilder(with_destiny=True): fsm:<chat>:<user>:<destiny>:<part>).
        tg = f"(:tg + s.g)"
        await insert(
            "fsm_records", "key, state, data, updated_at",
            f"'fsm:' || {tg} || ':' || {tg} || ':aiogd:stack::data', NULL, {js}, {ts}",
            participants, tg=PAD_TELEGRAM_BASE, j={"_id": "", "intents": [], "last_income_media_group_id": None},
            t=now)
        await insert(
            "fsm_records", "key, state, data, updated_at",
            f"'fsm:' || {tg} || ':' || {tg} || ':default:state', 'Finished:done', {js}, {ts}",
            participants, tg=PAD_TELEGRAM_BASE, j={}, t=now)
        for k in range(OUTBOX_SENT):
            await insert(
                "outbox", "id, organisation_id, person_id, chat_id, kind, payload, urgent, priority, due_at, "
                "status, attempts, created_at, sent_at, message_id",
                f":x + s.g, {org_of}, :p + s.g, :tg + s.g, 'notice', {js}, false, 2, {ts}, 'sent', 1, {ts}, {ts}, "
                "s.g",
                participants, x=base["outbox"] + k * participants, o=o, p=p, tg=PAD_TELEGRAM_BASE,
                j={"key": "plan-goal-done-mentee", "args": {}, "buttons": [], "locale": "ru"}, t=T0)
        if pg:
            for table in base:  # the sequences after the explicit ids
                await connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
        else:
            await connection.execute(text("DROP TABLE pad_series"))
    async with engine.connect() as connection:  # ANALYZE outside the transaction, as autovacuum would
        await connection.execute(text("ANALYZE"))
        await connection.commit()
    return {"participants": participants, "organisations": organisations, "rows": counts,
            "seconds": round(time.perf_counter() - started, 1)}


async def _shipped_version(connection: AsyncConnection, key: str) -> int:
    found = await connection.scalar(text(
        "SELECT id FROM questionnaire_versions WHERE organisation_id IS NULL AND key = :key "
        "ORDER BY version DESC LIMIT 1"), {"key": key})
    if found is None:
        raise RuntimeError(f"the shipped questionnaire {key!r} is not stored yet: sync the shipped ones first")
    return int(found)


async def _max_id(connection: AsyncConnection, table: str) -> int:
    return int(await connection.scalar(text(f"SELECT coalesce(max(id), 0) FROM {table}")))


def describe(padded: dict[str, Any]) -> str:
    rows = ", ".join(f"{table} {n:,}" for table, n in padded["rows"].items())
    return (f"padding: {padded['participants']:,} participants in {padded['organisations']:,} other organisations "
            f"({rows}) inserted in {padded['seconds']} s")

