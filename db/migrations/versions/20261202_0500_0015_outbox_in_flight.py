"""The outbox's rows in flight: pending rows whose claim (lease) is set, by when it runs out.

The claim skips every chat that already has a message in flight (per-chat order across senders). It used to ask
that once per candidate row (an anti-join); when the queue had just grown from a handful of rows to a broadcast of
thousands and the table's statistics still said "a handful", PostgreSQL scanned every pending row once per
candidate. Now the claim reads the chats in flight once, through `ix_outbox_in_flight` — the few rows whose lease
has not run out — whatever the statistics say.

Revision ID: 0015
Revises: 0009
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0009'
branch_labels = None
depends_on = None

IN_FLIGHT = sa.text("status = 'pending' AND claimed_until IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_in_flight', ['claimed_until', 'chat_id'], unique=False,
                              postgresql_where=IN_FLIGHT, sqlite_where=IN_FLIGHT)


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_in_flight', postgresql_where=IN_FLIGHT, sqlite_where=IN_FLIGHT)
