"""Real servers for the team tier: PostgreSQL with PostGIS and Redis on 127.0.0.1.

``make test`` (and so ``.ci/run``) starts both first (``scripts/ensure-services.sh``).
Each test session gets its own database, ``frontline_t_<random>``, with PostGIS
enabled, dropped at the end, so runs never see each other's rows; each test that asks
for :func:`pg_url` starts from empty tables. Under ``CI=true`` a missing server FAILS
the test (a skipped team tier would pass CI having tested nothing); on a developer's
machine it skips with the command that starts the servers.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
from collections.abc import Iterator

import pytest

PG_HOST, PG_PORT = "127.0.0.1", 5432
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
ADMIN_DSN = f"host={PG_HOST} port={PG_PORT} user=postgres dbname=postgres"
START_HINT = "start them with `make services` (scripts/ensure-services.sh)"
KEEP_TABLES = {"alembic_version", "spatial_ref_sys"}


def missing(what: str) -> None:
    """Fail under CI, skip elsewhere: a team test never passes without its server."""
    message = f"{what} is not answering on 127.0.0.1; {START_HINT}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def pg_url_of(database: str) -> str:
    """The URL an analyst would give FRONTLINE_DATABASE_URL for ``database``."""
    return f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{database}"


def admin_execute(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(sql.encode())


@contextlib.contextmanager
def new_database() -> Iterator[str]:
    """A fresh PostGIS database (its name), dropped after."""
    if not _answers(PG_HOST, PG_PORT):
        missing("PostgreSQL")
    import psycopg

    name = f"frontline_t_{secrets.token_hex(5)}"
    admin_execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(f"host={PG_HOST} port={PG_PORT} user=postgres dbname={name}",
                             autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        yield name
    finally:
        from timeline.store.sql.engine import dispose_engines

        dispose_engines()  # the pools' connections would keep the database in use
        if _answers(PG_HOST, PG_PORT):
            admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostGIS database for this test session (its name), dropped after."""
    with new_database() as name:
        yield name


@pytest.fixture(scope="session")
def built_team_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The seeds ingested and built into a PostgreSQL store of its own, by the CLIs, as
    a team does it: the environment that points a server or a command at it."""
    from tests.conftest import run_cli

    with new_database() as name:
        env = {"FRONTLINE_DATABASE_URL": pg_url_of(name),
               "FRONTLINE_DATA_DIR": str(tmp_path_factory.mktemp("team-data"))}
        for step in (("timeline", "ingest"), ("timeline", "build")):
            done = run_cli(*step, env=env)
            assert done.returncode == 0, f"{step}: {done.stderr}"
        yield env


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """The session database's URL, its tables emptied (the schema stays migrated)."""
    import psycopg

    with psycopg.connect(f"host={PG_HOST} port={PG_PORT} user=postgres dbname={pg_database}",
                         autocommit=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            if r[0] not in KEEP_TABLES]
        if tables:
            conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
    return pg_url_of(pg_database)


@pytest.fixture(scope="session")
def redis_url() -> str:
    """Redis on loopback (database 0); tests keep apart by queue and key names."""
    if not _answers(REDIS_HOST, REDIS_PORT):
        missing("Redis")
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/0"


@pytest.fixture
def queue_name() -> str:
    """A job queue of this test alone (a worker of another run never takes its jobs)."""
    return f"frontline-t-{secrets.token_hex(4)}"
