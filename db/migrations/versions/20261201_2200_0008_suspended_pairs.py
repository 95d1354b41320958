"""Suspended pairs and held messages: withdrawing a required consent pauses a pair (or a mentee's place in a group),
and the outbox keeps what it would have sent to or about them as `held` until they resume.

SQLite rebuilds `pairs` and `outbox` to change their CHECK constraints; both keep AUTOINCREMENT (an old button must
never decide a pair that reused a deleted id).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

PAIR_STATUSES = "'proposed', 'approved', 'active', 'completed', 'ended', 'rejected'"
PAIR_STATUSES_NOW = "'proposed', 'approved', 'active', 'suspended', 'completed', 'ended', 'rejected'"
OUTBOX_STATUSES = "'pending', 'sent', 'failed', 'unreachable', 'cancelled'"


def upgrade() -> None:
    with op.batch_alter_table('pairs', schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column('suspended_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('resumed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_constraint(op.f('ck_pairs_status'), type_='check')
        batch_op.create_check_constraint('status', f"status IN ({PAIR_STATUSES_NOW})")
    with op.batch_alter_table('pair_mentees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suspended_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('left_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('outbox', schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f('ck_outbox_status'), type_='check')
        batch_op.create_check_constraint('status', f"status IN ({OUTBOX_STATUSES}, 'held')")


def downgrade() -> None:
    # Nothing is lost silently: a suspended pair goes back to active (the old code knew no pause), held messages
    # are cancelled (the old sender would have sent them to people whose consent is withdrawn).
    op.execute("UPDATE pairs SET status = 'active' WHERE status = 'suspended'")
    op.execute("UPDATE outbox SET status = 'cancelled', payload = '{}', dedup_key = NULL WHERE status = 'held'")
    with op.batch_alter_table('outbox', schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f('ck_outbox_status'), type_='check')
        batch_op.create_check_constraint('status', f"status IN ({OUTBOX_STATUSES})")
    with op.batch_alter_table('pair_mentees', schema=None) as batch_op:
        batch_op.drop_column('left_at')
        batch_op.drop_column('suspended_at')
    with op.batch_alter_table('pairs', schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f('ck_pairs_status'), type_='check')
        batch_op.create_check_constraint('status', f"status IN ({PAIR_STATUSES})")
        batch_op.drop_column('resumed_at')
        batch_op.drop_column('suspended_at')
