"""Curation store: analysts, and the append-only decision log with one detail table per scope.

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-02 21:05:20.920143
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('analysts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('decisions',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('subject', sa.String(length=400), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('retracts', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['retracts'], ['decisions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('scope', 'subject', 'revision', name='uq_decisions_subject_revision')
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index('ix_decisions_retracts', ['retracts'], unique=False)

    op.create_table('annotations',
    sa.Column('decision_id', sa.String(length=40), nullable=False),
    sa.Column('annotation_id', sa.String(length=400), nullable=False),
    sa.Column('place', sa.String(length=400), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('source_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], ),
    sa.PrimaryKeyConstraint('decision_id')
    )
    op.create_table('claim_decisions',
    sa.Column('decision_id', sa.String(length=40), nullable=False),
    sa.Column('claim_id', sa.String(length=400), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], ),
    sa.PrimaryKeyConstraint('decision_id')
    )
    op.create_table('name_decisions',
    sa.Column('decision_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=400), nullable=False),
    sa.Column('place_id', sa.String(length=400), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], ),
    sa.PrimaryKeyConstraint('decision_id')
    )
    op.create_table('overrides',
    sa.Column('decision_id', sa.String(length=40), nullable=False),
    sa.Column('override_id', sa.String(length=400), nullable=False),
    sa.Column('district', sa.String(length=400), nullable=False),
    sa.Column('side', sa.String(length=80), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('source_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('supersedes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], ),
    sa.PrimaryKeyConstraint('decision_id')
    )
    op.create_table('source_grades',
    sa.Column('decision_id', sa.String(length=40), nullable=False),
    sa.Column('outlet', sa.String(length=400), nullable=False),
    sa.Column('grade', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], ),
    sa.PrimaryKeyConstraint('decision_id')
    )


def downgrade() -> None:
    op.drop_table('source_grades')
    op.drop_table('overrides')
    op.drop_table('name_decisions')
    op.drop_table('claim_decisions')
    op.drop_table('annotations')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index('ix_decisions_retracts')

    op.drop_table('decisions')
    op.drop_table('analysts')
