"""The servers the team deployment runs on are really there, as the project starts them."""

from __future__ import annotations

import psycopg
import redis

from tests.team.conftest import PG_HOST, PG_PORT


def test_the_session_database_has_postgis(pg_database: str) -> None:
    with psycopg.connect(f"host={PG_HOST} port={PG_PORT} user=postgres dbname={pg_database}") \
            as conn:
        row = conn.execute("SELECT postgis_lib_version()").fetchone()
    assert row is not None and str(row[0]).startswith("3.")
    assert pg_database.startswith("frontline_t_")


def test_redis_answers(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    try:
        assert client.ping() is True
    finally:
        client.close()
