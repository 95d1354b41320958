"""Consent records get the stable version of the text they were given for.

Until now a consent text's version was computed from the in-memory representation of the parsed text, which
contains a memory address: every process computed a different version for the same words, so after each restart
every consent given before looked as if it had been given for another text. The version is now a digest of the
text's source (bot/consent_texts.py). The consent texts have not changed since they were written (git history of
locales/*/consent.ftl), so every record, whatever process-specific version it carries, was given for today's text:
it gets that text's stable digest, frozen here as computed from those files. Nobody is asked again for a text they
already accepted.

There is no way back to the old values (they were random), so downgrading leaves the stable ones in place.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

#: ConsentKind value → the stable digest of its text (bot.consent_texts.consent_versions) at this revision.
STABLE_VERSIONS = {
    "pd": "0d78df434ea0defa",
    "agreement": "d8669e4fbe74ce56",
    "contacts": "d95af72d52340141",
}


def upgrade() -> None:
    records = sa.table("consent_records", sa.column("kind", sa.String), sa.column("version", sa.String))
    for kind, version in STABLE_VERSIONS.items():
        op.execute(
            records.update()
            .where(records.c.kind == kind, records.c.version != version)
            .values(version=version)
        )


def downgrade() -> None:
    pass
