"""Migrations: every step upgrades and downgrades cleanly (the "stairway"), and head is exactly the models.

Runs on both backends: SQLite rebuilds tables in batch mode, PostgreSQL alters them in place, so a migration can
work on one and break on the other.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, inspect
from sqlalchemy.engine import Connection

from db import (
    migrate,
    models,  # noqa: F401  (registers the tables on the metadata)
)
from db.base import NAMING_CONVENTION, Base
from db.engine import create_engine
from tests.conftest import drop_pg_database, pg_database

VERSIONS = migrate.MIGRATIONS / "versions"
TIMESTAMPED = re.compile(r"\d{8}_\d{4}_\w+\.py")
OPTIONS = {"compare_type": True, "compare_server_default": True}


@pytest.fixture
def empty_database(backend: str, postgres_available: bool, tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it. Sync on purpose: `pg_database` runs its own event loop."""
    if backend == "postgresql":
        if not postgres_available:
            pytest.skip("PostgreSQL is not reachable")
        name = f"mentorbot_stairway_{os.getpid()}"
        url = pg_database(name)
        try:
            yield url
        finally:
            drop_pg_database(name)
    else:
        yield f"sqlite+aiosqlite:///{tmp_path / 'stairway.db'}"


def _schema(connection: Connection) -> dict[str, dict[str, list]]:
    """What a downgrade must restore: tables with their columns, indexes and named constraints."""
    inspector = inspect(connection)
    return {
        table: {
            "columns": sorted((c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in inspector.get_indexes(table)),
            "unique": sorted(str(u["name"]) for u in inspector.get_unique_constraints(table)),
            "foreign_keys": sorted(str(f["name"]) for f in inspector.get_foreign_keys(table)),
            "checks": sorted(str(c["name"]) for c in inspector.get_check_constraints(table)),
        }
        for table in sorted(inspector.get_table_names())
        if table != "alembic_version"
    }


async def _snapshot(url: str) -> tuple[str | None, dict]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            schema = await connection.run_sync(_schema)
    finally:
        await engine.dispose()
    return await migrate.current(url), schema


async def _differences(url: str, metadata: MetaData) -> list:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync, opts=OPTIONS), metadata)
            )
    finally:
        await engine.dispose()


def test_history_is_linear_and_files_are_timestamped() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite+aiosqlite://"))
    assert len(script.get_heads()) == 1, f"several heads, merge them: {script.get_heads()}"
    assert len(script.get_bases()) == 1, f"several bases: {script.get_bases()}"
    files = sorted(p.name for p in VERSIONS.glob("*.py"))
    assert files, f"no migrations in {VERSIONS}"
    misnamed = [name for name in files if not TIMESTAMPED.fullmatch(name)]
    assert not misnamed, f"migration files must be named YYYYMMDD_HHMM_<rev>_<slug>.py: {misnamed}"
    # Timestamped names sort in creation order only if that order is the revision order.
    by_file = [next(r.revision for r in script.walk_revisions() if Path(r.path).name == name) for name in files]
    assert by_file == migrate.revisions("sqlite+aiosqlite://")


def test_metadata_has_a_naming_convention() -> None:
    # Without one, PostgreSQL and SQLite name constraints differently and a later migration cannot drop them.
    convention = Base.metadata.naming_convention
    for kind in ("ix", "uq", "ck", "fk", "pk"):
        assert kind in convention, f"naming convention has no {kind!r}"
        assert convention[kind] == NAMING_CONVENTION[kind]


async def test_stairway_every_step_upgrades_and_downgrades(empty_database: str) -> None:
    url = empty_database
    revisions = migrate.revisions(url)
    assert revisions, "no migrations found"
    before, schema = await _snapshot(url)
    assert (before, schema) == (None, {})
    after: dict[str | None, dict] = {None: {}}  # the schema each revision leaves behind
    previous: str | None = None
    for revision in revisions:
        await migrate.upgrade(url, revision)
        current, upgraded = await _snapshot(url)
        assert current == revision
        after[revision] = upgraded

        await migrate.downgrade(url, previous or "base")
        current, downgraded = await _snapshot(url)
        assert current == previous, f"downgrade of {revision} left the database at {current}"
        assert downgraded == after[previous], f"downgrade of {revision} does not restore the schema of {previous}"

        await migrate.upgrade(url, revision)
        current, again = await _snapshot(url)
        assert current == revision
        assert again == upgraded, f"upgrading {revision} a second time gives a different schema"
        previous = revision

    await migrate.downgrade(url, "base")
    assert await _snapshot(url) == (None, {}), "downgrading to base leaves tables behind"


async def test_head_matches_the_models(empty_database: str) -> None:
    url = empty_database
    await migrate.upgrade(url)
    # Alembic compares tables, columns, types, nullability, server defaults, indexes, unique constraints and
    # foreign keys. It does not compare CHECK constraints or the WHERE of partial indexes, which the stairway's
    # schema snapshots and the tests using the database cover instead.
    differences = await _differences(url, Base.metadata)
    assert differences == [], "the models and the migrations disagree; autogenerate a migration:\n" + "\n".join(
        map(str, differences)
    )
    # The comparison is not vacuous: against no models, every table shows up as one to drop.
    dropped = {diff[1].name for diff in await _differences(url, MetaData()) if diff[0] == "remove_table"}
    assert dropped == set(Base.metadata.tables)
