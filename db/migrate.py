"""Programmatic Alembic: upgrade on start, `python -m bot migrate`, and the stairway test use these."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL

from db.engine import create_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | URL) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option(
        "file_template", "%%(year)d%%(month).2d%%(day).2d_%%(hour).2d%%(minute).2d_%%(rev)s_%%(slug)s"
    )
    url_text = url.render_as_string(hide_password=False) if isinstance(url, URL) else url
    config.set_main_option("sqlalchemy.url", url_text.replace("%", "%%"))
    return config


def revisions(url: str | URL) -> list[str]:
    """Every revision id, oldest first."""
    script = ScriptDirectory.from_config(alembic_config(url))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


async def _run(url: str | URL, fn, *args) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            config = alembic_config(url)

            def _with(sync_connection) -> None:
                config.attributes["connection"] = sync_connection
                fn(config, *args)

            await connection.run_sync(_with)
    finally:
        await engine.dispose()


async def upgrade(url: str | URL, revision: str = "head") -> None:
    await _run(url, command.upgrade, revision)


async def downgrade(url: str | URL, revision: str) -> None:
    await _run(url, command.downgrade, revision)


async def current(url: str | URL) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda conn: MigrationContext.configure(conn).get_current_revision()
            )
    finally:
        await engine.dispose()


def head(url: str | URL) -> str:
    script = ScriptDirectory.from_config(alembic_config(url))
    return script.get_current_head()


def run_sync_upgrade(url: str | URL) -> None:
    asyncio.run(upgrade(url))
