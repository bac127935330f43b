"""Curation store: places analysts add to the gazetteer (a point, its bank and parent).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 05:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('new_places',
    sa.Column('decision_id', sa.String(length=40), nullable=False),
    sa.Column('place_id', sa.String(length=400), nullable=False),
    sa.Column('name', sa.String(length=400), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('bank', sa.String(length=80), nullable=False),
    sa.Column('parent', sa.String(length=400), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], ),
    sa.PrimaryKeyConstraint('decision_id')
    )


def downgrade() -> None:
    op.drop_table('new_places')
