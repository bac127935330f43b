"""Team store: articles, districts and places (PostGIS geometry on PostgreSQL), the built
timeline, a change counter, and the ``events_layer`` view for GIS tools.

On PostgreSQL the geometries are PostGIS columns (``geometry(MultiPolygon, 4326)`` for
districts, ``geometry(Point, 4326)`` for places, each with a GiST index) and the
extraction is ``jsonb``, so ``events_layer`` (one row per event and place it names,
with that place's point) is a plain view QGIS opens as a layer. SQLite keeps the same
tables with the geometry as WKB bytes and no view (it has no PostGIS to read them).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

EVENTS_LAYER = """
CREATE VIEW events_layer AS
SELECT (e->>'id') || ':' || (pl->>'id') AS fid,
       a.article_id,
       e->>'id' AS event_id,
       e->>'kind' AS kind,
       e->>'date' AS date,
       e->>'date_precision' AS date_precision,
       e->>'status' AS status,
       e->>'side' AS side,
       e->>'actor' AS actor,
       e->>'quote' AS quote,
       a.extraction->'article'->>'source' AS source,
       a.extraction->'article'->>'published' AS published,
       pl->>'id' AS place_id,
       p.name AS place_name,
       p.geom
FROM articles a
CROSS JOIN LATERAL jsonb_array_elements(a.extraction->'events') AS e
CROSS JOIN LATERAL jsonb_array_elements(e->'places') AS pl
JOIN places p ON p.id = pl->>'id'
"""


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _place_columns() -> list[sa.Column[object]]:
    return [
        sa.Column('theatre', sa.String(200), primary_key=True),
        sa.Column('id', sa.String(400), primary_key=True),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('name_ar', sa.Text(), nullable=False),
        sa.Column('bank', sa.String(40), nullable=False),
        sa.Column('kind', sa.String(40), nullable=False),
        sa.Column('confidence', sa.String(40), nullable=False),
    ]


def upgrade() -> None:
    pg = _postgres()
    if pg:
        # Needs a role allowed to create it (or a DBA who created it before).
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    document = postgresql.JSONB() if pg else sa.JSON()
    op.create_table(
        'articles',
        sa.Column('article_id', sa.String(400), primary_key=True),
        sa.Column('sha256', sa.String(64), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('format', sa.Integer(), nullable=False),
        sa.Column('extraction', document, nullable=False),
    )
    op.create_table(
        'districts', *_place_columns(),
        sa.Column('uncertainty_km', sa.Float(), nullable=True),
        sa.Column('area_km2', sa.Float(), nullable=True),
        sa.Column('approximate', sa.Boolean(), nullable=True),
        *([] if pg else [sa.Column('geom', sa.LargeBinary(), nullable=False)]))
    op.create_table('places', *_place_columns(),
                    *([] if pg else [sa.Column('geom', sa.LargeBinary(), nullable=False)]))
    if pg:
        op.execute("ALTER TABLE districts ADD COLUMN geom geometry(MultiPolygon, 4326) NOT NULL")
        op.execute("ALTER TABLE places ADD COLUMN geom geometry(Point, 4326) NOT NULL")
        op.execute("CREATE INDEX ix_districts_geom ON districts USING gist (geom)")
        op.execute("CREATE INDEX ix_places_geom ON places USING gist (geom)")
    op.create_table(
        'timelines',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('build', sa.String(64), nullable=False),
        sa.Column('doc', sa.Text(), nullable=False),
        sa.Column('arrays', sa.LargeBinary(), nullable=False),
        sa.Column('saved_at', sa.DateTime(), nullable=False),
    )
    op.create_table(
        'store_state',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('changes', sa.BigInteger(), nullable=False),
    )
    op.execute("INSERT INTO store_state (id, changes) VALUES (1, 0)")
    if pg:
        op.execute(EVENTS_LAYER)


def downgrade() -> None:
    if _postgres():
        op.execute("DROP VIEW IF EXISTS events_layer")
    for table in ('store_state', 'timelines', 'places', 'districts', 'articles'):
        op.drop_table(table)
