"""Initial schema: organisations, people, memberships, invitations, audit log, FSM records.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 21:06:32.937130
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('object_type', sa.String(length=24), nullable=True),
    sa.Column('object_id', sa.BigInteger(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('fsm_records',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('state', sa.String(length=200), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_fsm_records'))
    )
    op.create_table('organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('municipality', sa.String(length=100), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('forms', sa.JSON(), nullable=False),
    sa.Column('guardian_consent_age', sa.Integer(), server_default=sa.text('14'), nullable=False),
    sa.Column('guardian_agreement_age', sa.Integer(), server_default=sa.text('18'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('guardian_agreement_age BETWEEN 0 AND 21', name=op.f('ck_organisations_agreement_age')),
    sa.CheckConstraint('guardian_consent_age BETWEEN 0 AND 21', name=op.f('ck_organisations_consent_age')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations'))
    )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisations_municipality'), ['municipality'], unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('category', sa.String(length=16), nullable=True),
    sa.Column('group_name', sa.String(length=20), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('telegram_id', name=op.f('uq_people_telegram_id'))
    )
    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('municipality', sa.String(length=100), nullable=True),
    sa.Column('form', sa.String(length=4), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('max_uses', sa.Integer(), nullable=True),
    sa.Column('uses', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(role = 'coordinator' AND municipality IS NOT NULL) OR (role <> 'coordinator' AND organisation_id IS NOT NULL)", name=op.f('ck_invitations_scope')),
    sa.CheckConstraint('max_uses IS NULL OR uses <= max_uses', name=op.f('ck_invitations_uses_within_limit')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_invitations_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invitations_token_hash'))
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('municipality', sa.String(length=100), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('form', sa.String(length=4), nullable=True),
    sa.Column('invitation_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(role = 'coordinator' AND municipality IS NOT NULL AND organisation_id IS NULL) OR (role <> 'coordinator' AND organisation_id IS NOT NULL)", name=op.f('ck_memberships_scope')),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_memberships_invitation_id_invitations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_memberships_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_memberships_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships'))
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index('ix_memberships_org_role', ['organisation_id', 'role'], unique=False)
        batch_op.create_index(batch_op.f('ix_memberships_person_id'), ['person_id'], unique=False)
        batch_op.create_index('uq_memberships_municipality_role', ['person_id', 'municipality', 'role'], unique=True, postgresql_where=sa.text('organisation_id IS NULL'), sqlite_where=sa.text('organisation_id IS NULL'))
        batch_op.create_index('uq_memberships_org_role', ['person_id', 'organisation_id', 'role'], unique=True, postgresql_where=sa.text('organisation_id IS NOT NULL'), sqlite_where=sa.text('organisation_id IS NOT NULL'))



def downgrade() -> None:
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_index('uq_memberships_org_role', postgresql_where=sa.text('organisation_id IS NOT NULL'), sqlite_where=sa.text('organisation_id IS NOT NULL'))
        batch_op.drop_index('uq_memberships_municipality_role', postgresql_where=sa.text('organisation_id IS NULL'), sqlite_where=sa.text('organisation_id IS NULL'))
        batch_op.drop_index(batch_op.f('ix_memberships_person_id'))
        batch_op.drop_index('ix_memberships_org_role')

    op.drop_table('memberships')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_organisation_id'))

    op.drop_table('invitations')
    op.drop_table('people')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisations_municipality'))

    op.drop_table('organisations')
    op.drop_table('fsm_records')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
