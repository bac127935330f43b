"""Alembic's environment: migrate the connection :func:`timeline.store.sql.engine.upgrade`
hands over (no ``alembic.ini``, no logging set-up: the store is opened by the CLIs and
the app, whose output is their own)."""

from __future__ import annotations

from alembic import context

from timeline.store.sql.schema import Base

connection = context.config.attributes["connection"]
# Batch mode lets later revisions alter SQLite tables (by copy), as PostgreSQL does in place.
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
