"""Satisfaction survey campaigns and their invitations, survey answers as questionnaire responses tied to a
campaign, and the denominators curators enter with /counts.

The intake questionnaire stays one per person, organisation and role (a partial unique index where campaign_id
IS NULL); a survey answer is one per person and campaign.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 00:14:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('organisation_counts',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('academic_year', sa.String(length=9), nullable=False),
    sa.Column('group_key', sa.String(length=24), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_telegram_id', sa.BigInteger(), nullable=True),
    sa.CheckConstraint('value >= 0', name=op.f('ck_organisation_counts_value')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_organisation_counts_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organisation_id', 'academic_year', 'group_key', name=op.f('pk_organisation_counts'))
    )
    op.create_table('survey_campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('questionnaire_key', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=12), nullable=False),
    sa.Column('pair_id', sa.Integer(), nullable=True),
    sa.Column('opens_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=8), server_default=sa.text("'open'"), nullable=False),
    sa.Column('dedup_key', sa.String(length=80), nullable=True),
    sa.Column('created_by_telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('open', 'closed')", name=op.f('ck_survey_campaigns_status')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_survey_campaigns_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pair_id'], ['pairs.id'], name=op.f('fk_survey_campaigns_pair_id_pairs'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_campaigns')),
    sa.UniqueConstraint('organisation_id', 'dedup_key', name=op.f('uq_survey_campaigns_organisation_id_dedup_key'))
    )
    with op.batch_alter_table('survey_campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_campaigns_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('survey_invitations',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reminders', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('last_reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['survey_campaigns.id'], name=op.f('fk_survey_invitations_campaign_id_survey_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_survey_invitations_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'person_id', name=op.f('pk_survey_invitations'))
    )
    with op.batch_alter_table('survey_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_invitations_person_id'), ['person_id'], unique=False)

    with op.batch_alter_table('questionnaire_responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('campaign_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_questionnaire_responses_person_id_organisation_id_role'), type_='unique')
        batch_op.create_index(batch_op.f('ix_questionnaire_responses_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index('uq_questionnaire_responses_intake', ['person_id', 'organisation_id', 'role'], unique=True, postgresql_where=sa.text('campaign_id IS NULL'), sqlite_where=sa.text('campaign_id IS NULL'))
        batch_op.create_unique_constraint(batch_op.f('uq_questionnaire_responses_person_id_campaign_id'), ['person_id', 'campaign_id'])
        batch_op.create_foreign_key(batch_op.f('fk_questionnaire_responses_campaign_id_survey_campaigns'), 'survey_campaigns', ['campaign_id'], ['id'], ondelete='CASCADE')



def downgrade() -> None:
    with op.batch_alter_table('questionnaire_responses', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_questionnaire_responses_campaign_id_survey_campaigns'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_questionnaire_responses_person_id_campaign_id'), type_='unique')
        batch_op.drop_index('uq_questionnaire_responses_intake', postgresql_where=sa.text('campaign_id IS NULL'), sqlite_where=sa.text('campaign_id IS NULL'))
        batch_op.drop_index(batch_op.f('ix_questionnaire_responses_campaign_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_questionnaire_responses_person_id_organisation_id_role'), ['person_id', 'organisation_id', 'role'])
        batch_op.drop_column('campaign_id')

    with op.batch_alter_table('survey_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_invitations_person_id'))

    op.drop_table('survey_invitations')
    with op.batch_alter_table('survey_campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_campaigns_organisation_id'))

    op.drop_table('survey_campaigns')
    op.drop_table('organisation_counts')
