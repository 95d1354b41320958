"""An invitation's creator can be erased: `invitations.created_by_telegram_id` becomes nullable.

Erasure forgets a person's Telegram id wherever it was recorded as who did something (the audit log, pairs,
requests, campaigns, …); an invitation's creator was the one such column that could not be emptied.

Revision ID: 0012
Revises: 0014
Create Date: 2026-12-01 22:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invitations") as batch:
        batch.alter_column("created_by_telegram_id", existing_type=sa.BigInteger(), nullable=True)


def downgrade() -> None:
    # The old schema needs a value: 0 is no Telegram account.
    op.execute("UPDATE invitations SET created_by_telegram_id = 0 WHERE created_by_telegram_id IS NULL")
    with op.batch_alter_table("invitations") as batch:
        batch.alter_column("created_by_telegram_id", existing_type=sa.BigInteger(), nullable=False)
