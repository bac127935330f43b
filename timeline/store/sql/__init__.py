"""The SQL side of the store: the curation schema and its engine (SQLAlchemy only here).

This package's ``__init__`` imports nothing heavy, so the file store can name the
embedded database without loading SQLAlchemy until a decision is read or written.
"""

from __future__ import annotations

from pathlib import Path

EMBEDDED_FILE = "frontline.db"


def embedded_url(data_dir: Path) -> str:
    """The URL of the embedded SQLite store of ``data_dir`` (``frontline.db`` in it)."""
    return f"sqlite:///{Path(data_dir) / EMBEDDED_FILE}"
