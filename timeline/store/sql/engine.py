"""Opening the curation database: the URL, SQLite's pragmas, and the schema migrated.

The embedded store is one SQLite file, ``frontline.db`` in the data folder. Every
connection to it runs in WAL mode (readers never wait for the writer; a crash leaves
the last committed transaction whole), with foreign keys enforced (SQLite leaves them
off by default), full sync (a committed decision survives a power cut), and a busy
timeout (a second writer waits its turn rather than failing at once).

:func:`open_engine` brings the schema to Alembic's head before anything reads it, once
per URL and process, so a store opened by any command or the app has the current
tables; a new database file is created then.

A PostgreSQL URL (``postgresql://user@host/db``, as a team gives it) is opened with
psycopg 3. Its engine is one per URL and process, with a connection pool that tests
each connection before handing it out (``pool_pre_ping``): after the database server
restarts, the next request gets a fresh connection instead of an error, so the app
recovers without a restart. A forked child (a gunicorn or Celery worker) drops the
pool it inherited rather than sharing its parent's sockets. Processes starting
together (gunicorn's workers) migrate under a PostgreSQL advisory lock, one at a time.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
BUSY_TIMEOUT_MS = 10_000

MIGRATION_LOCK = 0x46524F4E  # "FRON": the advisory lock id migrations run under

_migrated: set[str] = set()
_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def normalise_url(url: str) -> str:
    """``url`` with the driver SQLAlchemy must use: psycopg 3 for PostgreSQL (a plain
    ``postgresql://`` URL would ask for psycopg2, which is not installed)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def is_postgres(url: str) -> bool:
    return make_url(normalise_url(url)).get_backend_name() == "postgresql"


def dispose_engines() -> None:
    """Close every pooled server connection of this process (tests, before a drop)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def _after_fork() -> None:
    # A child must not use its parent's sockets: forget the pools, keep the parent's.
    for engine in _engines.values():
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_after_fork)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or \
            parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def open_engine(url: str) -> Engine:
    """An engine on ``url``, its schema migrated to the head revision."""
    url = normalise_url(url)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    with _lock:
        shared = _engines.get(url)
        if shared is not None:
            return shared
        if make_url(url).get_backend_name() == "postgresql":
            engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
            _engines[url] = engine
        else:
            engine = create_engine(url)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
        if url not in _migrated:
            upgrade(engine)
            _migrated.add(url)
    return engine


def upgrade(engine: Engine) -> None:
    """Run ``alembic upgrade head`` on ``engine`` through Alembic's API."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Released at commit: the next process finds the schema at head.
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL",
                   f"busy_timeout={BUSY_TIMEOUT_MS}"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
