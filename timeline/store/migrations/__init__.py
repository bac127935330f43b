"""Alembic migrations of the curation schema, run programmatically at store open."""
