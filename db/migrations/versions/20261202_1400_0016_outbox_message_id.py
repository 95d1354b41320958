"""The outbox remembers the Telegram message it sent: `message_id`, so a later change (a meeting cancelled or moved)
can edit that message — its words and its buttons — instead of leaving live buttons behind.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_id', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('message_id')
