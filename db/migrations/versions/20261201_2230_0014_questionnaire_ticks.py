"""A questionnaire response keeps the ticks of a multiple-choice question as they are ticked.

Until "Done" the ticks lived only in the dialog's state, so a person who came back with /questionnaire after a
restart found them gone. `draft` holds {"question": id, "picked": [option ids]} until the answer is stored.

Revision ID: 0014
Revises: 0008
Create Date: 2026-12-01 22:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("questionnaire_responses") as batch:
        batch.add_column(sa.Column("draft", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("questionnaire_responses") as batch:
        batch.drop_column("draft")
