"""The SQL side of the store: the curation schema and its engine (SQLAlchemy only here)."""
