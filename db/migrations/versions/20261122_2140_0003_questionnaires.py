"""Questionnaires: versions (shipped and uploaded), each person's response per role, one row per answer.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('questionnaire_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_telegram_id', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_questionnaire_versions_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questionnaire_versions')),
    sa.UniqueConstraint('organisation_id', 'key', 'version', name=op.f('uq_questionnaire_versions_organisation_id_key_version'))
    )
    with op.batch_alter_table('questionnaire_versions', schema=None) as batch_op:
        batch_op.create_index('uq_questionnaire_versions_shipped', ['key', 'version'], unique=True, postgresql_where=sa.text('organisation_id IS NULL'), sqlite_where=sa.text('organisation_id IS NULL'))

    op.create_table('questionnaire_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('questionnaire_version_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_questionnaire_responses_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_questionnaire_responses_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['questionnaire_version_id'], ['questionnaire_versions.id'], name='fk_questionnaire_responses_version'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questionnaire_responses')),
    sa.UniqueConstraint('person_id', 'organisation_id', 'role', name=op.f('uq_questionnaire_responses_person_id_organisation_id_role'))
    )
    with op.batch_alter_table('questionnaire_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questionnaire_responses_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questionnaire_responses_questionnaire_version_id'), ['questionnaire_version_id'], unique=False)

    op.create_table('questionnaire_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=20), nullable=False),
    sa.Column('value', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('skipped', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['questionnaire_responses.id'], name=op.f('fk_questionnaire_answers_response_id_questionnaire_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questionnaire_answers')),
    sa.UniqueConstraint('response_id', 'question_id', name=op.f('uq_questionnaire_answers_response_id_question_id'))
    )


def downgrade() -> None:
    op.drop_table('questionnaire_answers')
    with op.batch_alter_table('questionnaire_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questionnaire_responses_questionnaire_version_id'))
        batch_op.drop_index(batch_op.f('ix_questionnaire_responses_organisation_id'))

    op.drop_table('questionnaire_responses')
    with op.batch_alter_table('questionnaire_versions', schema=None) as batch_op:
        batch_op.drop_index('uq_questionnaire_versions_shipped', postgresql_where=sa.text('organisation_id IS NULL'), sqlite_where=sa.text('organisation_id IS NULL'))

    op.drop_table('questionnaire_versions')
