"""Consent records, guardianships, single-use guardian links; people may be erased (identity nulled).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 21:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('consent_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_person_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('given_by', sa.String(length=8), nullable=False),
    sa.Column('given_by_person_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('version', sa.String(length=16), nullable=False),
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by_person_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("given_by IN ('self', 'guardian')", name=op.f('ck_consent_records_given_by')),
    sa.CheckConstraint("status IN ('granted', 'declined', 'withdrawn')", name=op.f('ck_consent_records_status')),
    sa.ForeignKeyConstraint(['given_by_person_id'], ['people.id'], name=op.f('fk_consent_records_given_by_person_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_consent_records_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_person_id'], ['people.id'], name=op.f('fk_consent_records_subject_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['withdrawn_by_person_id'], ['people.id'], name=op.f('fk_consent_records_withdrawn_by_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_records'))
    )
    with op.batch_alter_table('consent_records', schema=None) as batch_op:
        batch_op.create_index('ix_consent_records_subject', ['subject_person_id', 'organisation_id', 'kind'], unique=False)

    op.create_table('guardian_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('child_person_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_by_person_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['child_person_id'], ['people.id'], name=op.f('fk_guardian_links_child_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_guardian_links_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['used_by_person_id'], ['people.id'], name=op.f('fk_guardian_links_used_by_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guardian_links')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_guardian_links_token_hash'))
    )
    with op.batch_alter_table('guardian_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guardian_links_child_person_id'), ['child_person_id'], unique=False)

    op.create_table('guardianships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guardian_person_id', sa.Integer(), nullable=False),
    sa.Column('child_person_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['child_person_id'], ['people.id'], name=op.f('fk_guardianships_child_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['guardian_person_id'], ['people.id'], name=op.f('fk_guardianships_guardian_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guardianships')),
    sa.UniqueConstraint('guardian_person_id', 'child_person_id', name=op.f('uq_guardianships_guardian_person_id_child_person_id'))
    )
    with op.batch_alter_table('guardianships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guardianships_child_person_id'), ['child_person_id'], unique=False)

    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=10), server_default=sa.text("'pending'"), nullable=False))

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.alter_column('telegram_id',
               existing_type=sa.BIGINT(),
               nullable=True)
        batch_op.alter_column('full_name',
               existing_type=sa.VARCHAR(length=100),
               nullable=True)


def downgrade() -> None:
    # Erased people have no identity left, and the old schema cannot hold such rows.
    op.execute("DELETE FROM people WHERE telegram_id IS NULL OR full_name IS NULL")
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.alter_column('full_name',
               existing_type=sa.VARCHAR(length=100),
               nullable=False)
        batch_op.alter_column('telegram_id',
               existing_type=sa.BIGINT(),
               nullable=False)
        batch_op.drop_column('erased_at')

    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_column('status')

    with op.batch_alter_table('guardianships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guardianships_child_person_id'))

    op.drop_table('guardianships')
    with op.batch_alter_table('guardian_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guardian_links_child_person_id'))

    op.drop_table('guardian_links')
    with op.batch_alter_table('consent_records', schema=None) as batch_op:
        batch_op.drop_index('ix_consent_records_subject')

    op.drop_table('consent_records')
