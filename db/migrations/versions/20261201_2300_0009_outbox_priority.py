"""The outbox's priority class: time-critical messages (2) are claimed before bulk ones (3), then by due time.

`ix_outbox_claim` (priority, due_at, id) over pending rows serves the claim, one class at a time, so a claim of
100 stays a short index range scan however many rows wait; `ix_outbox_chat_pending` (chat_id, id) over pending
rows lets the claim skip the chats that already have a message in flight (per-chat order across processes).

Revision ID: 0009
Revises: 0012
Create Date: 2026-12-01 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0012'
branch_labels = None
depends_on = None

PENDING = sa.text("status = 'pending'")


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('priority', sa.SmallInteger(), server_default=sa.text('2'), nullable=False))
        batch_op.drop_index('ix_outbox_due', postgresql_where=PENDING, sqlite_where=PENDING)
        batch_op.create_index('ix_outbox_claim', ['priority', 'due_at', 'id'], unique=False,
                              postgresql_where=PENDING, sqlite_where=PENDING)
        batch_op.create_index('ix_outbox_chat_pending', ['chat_id', 'id'], unique=False,
                              postgresql_where=PENDING, sqlite_where=PENDING)
    op.execute("UPDATE outbox SET priority = 3 WHERE kind IN ('survey', 'broadcast')")


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_chat_pending', postgresql_where=PENDING, sqlite_where=PENDING)
        batch_op.drop_index('ix_outbox_claim', postgresql_where=PENDING, sqlite_where=PENDING)
        batch_op.create_index('ix_outbox_due', ['due_at', 'id'], unique=False,
                              postgresql_where=PENDING, sqlite_where=PENDING)
        batch_op.drop_column('priority')
