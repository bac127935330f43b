"""Opening the curation database: the URL, SQLite's pragmas, and the schema migrated.

The embedded store is one SQLite file, ``frontline.db`` in the data folder. Every
connection to it runs in WAL mode (readers never wait for the writer; a crash leaves
the last committed transaction whole), with foreign keys enforced (SQLite leaves them
off by default), full sync (a committed decision survives a power cut), and a busy
timeout (a second writer waits its turn rather than failing at once).

:func:`open_engine` brings the schema to Alembic's head before anything reads it, once
per URL and process, so a store opened by any command or the app has the current
tables; a new database file is created then.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
BUSY_TIMEOUT_MS = 10_000

_migrated: set[str] = set()
_lock = threading.Lock()


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or \
            parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def open_engine(url: str) -> Engine:
    """An engine on ``url``, its schema migrated to the head revision."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    with _lock:
        if url not in _migrated:
            upgrade(engine)
            _migrated.add(url)
    return engine


def upgrade(engine: Engine) -> None:
    """Run ``alembic upgrade head`` on ``engine`` through Alembic's API."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL",
                   f"busy_timeout={BUSY_TIMEOUT_MS}"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
