"""Pairs and groups: a mentor with one or more mentees, proposed by matching and decided by the curator.

A partial unique index on pair_mentees (mentee, form) WHERE live keeps a mentee in at most one approved or
active pair per form.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 22:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pairs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('mentor_person_id', sa.Integer(), nullable=False),
    sa.Column('form', sa.String(length=4), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('score', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('proposed_by_telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=True),
    sa.Column('order_number', sa.String(length=40), nullable=True),
    sa.Column('order_date', sa.Date(), nullable=True),
    sa.CheckConstraint("status IN ('proposed', 'approved', 'active', 'completed', 'ended', 'rejected')", name=op.f('ck_pairs_status')),
    sa.ForeignKeyConstraint(['mentor_person_id'], ['people.id'], name=op.f('fk_pairs_mentor_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_pairs_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pairs')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('pairs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pairs_mentor_person_id'), ['mentor_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairs_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('pair_mentees',
    sa.Column('pair_id', sa.Integer(), nullable=False),
    sa.Column('mentee_person_id', sa.Integer(), nullable=False),
    sa.Column('form', sa.String(length=4), nullable=False),
    sa.Column('live', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['mentee_person_id'], ['people.id'], name=op.f('fk_pair_mentees_mentee_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pair_id'], ['pairs.id'], name=op.f('fk_pair_mentees_pair_id_pairs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pair_id', 'mentee_person_id', name=op.f('pk_pair_mentees'))
    )
    with op.batch_alter_table('pair_mentees', schema=None) as batch_op:
        batch_op.create_index('uq_pair_mentees_live', ['mentee_person_id', 'form'], unique=True, postgresql_where=sa.text('live'), sqlite_where=sa.text('live'))



def downgrade() -> None:
    with op.batch_alter_table('pair_mentees', schema=None) as batch_op:
        batch_op.drop_index('uq_pair_mentees_live', postgresql_where=sa.text('live'), sqlite_where=sa.text('live'))

    op.drop_table('pair_mentees')
    with op.batch_alter_table('pairs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pairs_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_pairs_mentor_person_id'))

    op.drop_table('pairs')
