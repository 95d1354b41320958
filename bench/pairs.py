"""/match end to end: `mentorship.services.pairs.suggest` over a real database (PostgreSQL, or SQLite with --sqlite).

    .venv/bin/python -m bench pairs                          # 2 000 mentees, 500 mentors, PostgreSQL
    .venv/bin/python -m bench pairs --sqlite
    .venv/bin/python -m bench pairs --mentees 500 --mentors 100 --repeat 1

What one timed run is: everything the curator's /match does in the service — read the organisation's people with
their memberships, every intake answer, live pairs and loads, turned-down pairs; run the optimal assignment; delete
the undecided proposals and store the new ones (groups included) with their reasons (the proposals in one batched
INSERT … RETURNING, their mentees in another); write the audit row; make the cards of what was stored; commit. Each
run replaces the previous run's proposals, as /match does. Before the timed runs the heap is settled (collected and
frozen) as the bot's runner does once it has started, so a run's garbage collections walk what /match makes, not the
bench's imports.

The cohort comes from the matching benchmark's generator (bench/matching.py: school-like requests, ages, forms,
capacities), written into the database as people, active memberships and questionnaire answers on the shipped
questionnaires (the same question ids and tags the dialog stores). Setup is not timed. Peak memory is taken with
tracemalloc in a separate, untimed run; SQL statements are counted per run (the point of the batch loading: their
number does not grow with the cohort).
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert

from bench.matching import build_cohort, save
from bot.lifecycle import settle_after_startup
from db import migrate
from db.engine import create_engine, create_session_factory
from db.models import MembershipRow, OrganisationRow, PersonRow, QuestionnaireAnswerRow
from db.repositories.people import PersonRepository
from db.transaction import transaction
from mentorship.clock import FrozenClock
from mentorship.entities import Actor
from mentorship.matching import Candidate
from mentorship.questionnaire import Kind, Tag
from mentorship.roles import MentorshipForm, ParticipationStatus, Role
from mentorship.services import pairs, questionnaires
from mentorship.services.questionnaires import ShippedQuestionnaires

NOW = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
CURATOR_TG = 1


def _answers(progress: questionnaires.Progress, candidate: Candidate) -> dict[str, Any]:
    """The candidate's tags as answers to this questionnaire's tagged questions (options it offers only)."""
    by_tag = {
        Tag.REQUESTS: candidate.requests, Tag.COMPETENCES: candidate.competences, Tag.SUBJECTS: candidate.subjects,
        Tag.INTERESTS: candidate.interests, Tag.FORMAT: candidate.formats, Tag.AVAILABILITY: candidate.availability,
    }
    found: dict[str, Any] = {}
    for question in progress.questionnaire.questions:
        if question.tag == Tag.CAPACITY and question.kind == Kind.NUMBER:
            found[question.id] = candidate.capacity
            continue
        tags = by_tag.get(question.tag)
        if tags is None or question.kind not in (Kind.SINGLE, Kind.MULTI):
            continue
        values = sorted(t for t in tags if question.option(t) is not None)
        if question.tag == Tag.CAPACITY:
            values = [str(candidate.capacity)] if question.option(str(candidate.capacity)) else []
        if values:
            found[question.id] = values if question.kind == Kind.MULTI else values[0]
    return found


async def prepare(url: str, mentees: int, mentors: int, seed: int) -> tuple[Actor, int]:
    cohort = build_cohort(mentees, mentors, seed)
    engine = create_engine(url)
    factory = create_session_factory(engine)
    clock = FrozenClock(NOW)
    shipped = ShippedQuestionnaires.load()
    async with factory() as session:
        organisation = OrganisationRow(name="Бенч-школа", kind="school", municipality="Город N",
                                       timezone="Europe/Moscow", forms=[f.value for f in MentorshipForm], created_at=NOW)
        session.add(organisation)
        await session.flush()
        org_id = organisation.id
        people: list[dict[str, Any]] = []
        memberships: list[dict[str, Any]] = []
        candidates = [*cohort.mentees, *cohort.mentors]
        for number, candidate in enumerate(candidates, start=1):
            born = (NOW - timedelta(days=365.25 * (candidate.age or 30) + 100)).date()
            people.append(dict(id=number, telegram_id=10_000_000 + number, full_name=f"Участник {number}",
                               date_of_birth=born, category=candidate.category.value, locale="ru", created_at=NOW))
            memberships.append(dict(person_id=number, organisation_id=org_id, role=candidate.role.value,
                                    form=candidate.form.value if candidate.form else None, created_at=NOW,
                                    status=ParticipationStatus.ACTIVE.value))
        curator_id = len(candidates) + 1
        people.append(dict(id=curator_id, telegram_id=CURATOR_TG, full_name="Куратор", category="teacher", locale="ru",
                           created_at=NOW))
        memberships.append(dict(person_id=curator_id, organisation_id=org_id, role=Role.CURATOR.value, created_at=NOW,
                                status=ParticipationStatus.ACTIVE.value))
        await session.execute(insert(PersonRow), people)
        await session.execute(insert(MembershipRow), memberships)
        await session.commit()
        repo = PersonRepository(session)
        found = await repo.many(range(1, curator_id + 1))
        answers: list[dict[str, Any]] = []
        for number, candidate in enumerate(candidates, start=1):
            progress = await questionnaires.start(session, clock, shipped, found[number], org_id, candidate.role)
            for question_id, value in _answers(progress, candidate).items():
                answers.append(dict(response_id=progress.response.id, question_id=question_id, value=value,
                                    skipped=False, answered_at=NOW))
        await session.execute(insert(QuestionnaireAnswerRow), answers)
        await session.commit()
        actor = Actor(CURATOR_TG, False, found[curator_id])
    await engine.dispose()
    return actor, org_id


async def measure(url: str, actor: Actor, org_id: int, repeat: int) -> dict[str, Any]:
    engine = create_engine(url)
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    factory = create_session_factory(engine)
    clock = FrozenClock(NOW)
    seconds: list[float] = []
    sql: list[int] = []
    cards: list[Any] = []
    settle_after_startup()  # as the bot's runner does once it has started (and bench/updates.py before timing)
    for _ in range(repeat):
        statements = 0
        started = time.perf_counter()
        async with transaction(factory) as session:  # the commit is part of the use case's cost
            cards = await pairs.suggest(session, clock, actor, org_id)
        seconds.append(time.perf_counter() - started)
        sql.append(statements)
    tracemalloc.start()
    try:
        async with transaction(factory) as session:
            await pairs.suggest(session, clock, actor, org_id)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    await engine.dispose()
    return {
        "median_s": round(statistics.median(seconds), 3),
        "runs_s": [round(s, 3) for s in seconds],
        "sql_statements_per_run": sql,
        "peak_mb": round(peak / 2**20, 1),
        "proposals": len(cards),
        "groups": sum(1 for c in cards if c.pair.is_group),
        "mentees_proposed": sum(len(c.pair.mentee_person_ids) for c in cards),
    }


def run(mentees: int, mentors: int, seed: int, repeat: int, backend: str = "postgresql") -> dict[str, Any]:
    from bench.updates import create_database, drop_database

    with tempfile.TemporaryDirectory(prefix="mentorbot-bench-pairs-") as workdir:
        database = create_database(backend, Path(workdir))
        try:
            url = database.url
            asyncio.run(migrate.upgrade(url))
            started = time.perf_counter()
            actor, org_id = asyncio.run(prepare(url, mentees, mentors, seed))
            setup = time.perf_counter() - started
            result = asyncio.run(measure(url, actor, org_id, repeat))
        finally:
            drop_database(database)
    return {
        "scenario": "pairs.suggest",
        "backend": backend,
        "mentees": mentees,
        "mentors": mentors,
        "seed": seed,
        "repeat": repeat,
        "setup_s": round(setup, 1),
        "python": platform.python_version(),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        **result,
    }


def report(result: dict[str, Any]) -> str:
    return (
        f"pairs.suggest on {result['backend']}, {result['mentees']} mentees × {result['mentors']} mentors "
        f"(setup {result['setup_s']} s, not timed)\n"
        f"| median s | runs s | SQL statements / run | peak MB | proposals | groups | mentees proposed |\n"
        f"|---|---|---|---|---|---|---|\n"
        f"| {result['median_s']} | {', '.join(map(str, result['runs_s']))} | "
        f"{', '.join(map(str, result['sql_statements_per_run']))} | {result['peak_mb']} | {result['proposals']} | "
        f"{result['groups']} | {result['mentees_proposed']} |"
    )


def main(argv: Sequence[str]) -> int:
    return run_and_report(argv)[0]


def run_and_report(argv: Sequence[str]) -> tuple[int, dict[str, Any]]:
    """What `main` does, also returning the result (`python -m bench` puts it in its summary)."""
    parser = argparse.ArgumentParser(prog="python -m bench pairs", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentees", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the median is reported (3)")
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file instead of PostgreSQL")
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/pairs.json")
    args = parser.parse_args(list(argv))
    for option in ("mentees", "mentors", "repeat"):
        if getattr(args, option) < 1:
            parser.error(f"--{option} must be at least 1")
    result = run(args.mentees, args.mentors, args.seed, args.repeat, "sqlite" if args.sqlite else "postgresql")
    print(report(result))
    if not args.no_save:
        print(f"\nJSON written to {save('pairs', result)}")
    return 0, result


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
