"""The SQL store on a real PostgreSQL/PostGIS server: the shared Store contract, the
GIS layers, and no lost update between two real clients. All data is SYNTHETIC."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import geopandas as gpd
import psycopg
import pytest
from sqlalchemy import create_engine

import tests.unit.test_store_contract as contract
from frontline.errors import ConflictError
from tests.builders import make_event, make_extraction
from tests.team.conftest import PG_HOST, PG_PORT
from tests.unit.test_store_contract import (  # noqa: F401  (collected here on PostgreSQL)
    test_an_empty_store_holds_nothing_and_says_how_to_build,
    test_districts_fall_back_to_the_theatres_own,
    test_extractions_round_trip_by_article_id,
    test_it_is_a_store,
    test_saving_an_article_again_replaces_it_and_removing_drops_it,
    test_the_timeline_round_trips_and_is_replaced_whole,
    test_the_version_changes_with_every_change_and_only_then,
)
from timeline.decisions import ClaimDecision, Decided
from timeline.store.sql.decisions import SqlDecisionStore
from timeline.store.sql.engine import normalise_url
from timeline.store.sql.store import SqlStore


@pytest.fixture
def store(pg_url: str) -> SqlStore:
    """The contract's ``store``, here a SqlStore on the session's PostGIS database."""
    return SqlStore(pg_url)


def _dsn(url: str) -> str:
    return f"host={PG_HOST} port={PG_PORT} user=postgres dbname={url.rsplit('/', 1)[1]}"


def test_geometry_lives_in_postgis_columns_gis_tools_can_open(pg_url: str) -> None:
    theatre = contract.toy_theatre()
    store = SqlStore(pg_url)
    event = make_event("capture", "2017-01-10", ("w-north",), article_id="a1",
                       quote="SYNTHETIC: forces took w-north.", id="a1-e1")
    store.save_extraction(make_extraction((event,), article_id="a1"))
    districts = contract.toy_districts(theatre)
    store.publish_geometry(theatre, districts)
    with psycopg.connect(_dsn(pg_url)) as conn:
        kinds: dict[str, str] = dict(conn.execute(
            "SELECT f_table_name, type FROM geometry_columns WHERE srid = 4326").fetchall())
        layer = conn.execute("SELECT event_id, kind, place_id, ST_AsText(geom) "
                             "FROM events_layer").fetchall()
    assert kinds == {"districts": "MULTIPOLYGON", "places": "POINT", "events_layer": "POINT"}
    assert [(r[0], r[1], r[2]) for r in layer] == [("a1-e1", "capture", "w-north")]
    assert layer[0][3].startswith("POINT(")
    # What QGIS does: read the layer straight from the database as geometry.
    engine = create_engine(normalise_url(pg_url))
    try:
        read = gpd.read_postgis("SELECT id, geom FROM districts", engine, geom_col="geom")
    finally:
        engine.dispose()
    assert sorted(read["id"]) == sorted(districts["id"]) and read.crs.to_epsg() == 4326
    back = store.districts(theatre)
    assert sorted(back["id"]) == sorted(districts["id"])
    same = {r.id: r.geometry for r in districts.itertuples()}
    assert all(g.equals_exact(same[i], 1e-9) for i, g in zip(back["id"], back.geometry,
                                                            strict=True))


def _claim_store(pg_url: str) -> tuple[SqlDecisionStore, str]:
    decisions = SqlDecisionStore(pg_url)
    for name in ("ana", "ben"):
        decisions.add_analyst(name, "correct horse battery")
    return decisions, "a1:e-0000000001"


def test_two_clients_editing_one_claim_at_once_one_wins_the_other_sees_the_value(
        pg_url: str) -> None:
    """Two independent connections read revision 0 and save at the same instant."""
    _, claim = _claim_store(pg_url)
    clients = [SqlDecisionStore(pg_url), SqlDecisionStore(pg_url)]
    # Separate engines: two clients, not two sessions of one pool.
    clients[1].engine = create_engine(normalise_url(pg_url))
    start = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def edit(who: str, client: SqlDecisionStore, side: str) -> None:
        read = client.revision("claim", claim)
        decision = ClaimDecision(f"d-{who}", claim, "edit",
                                 Decided(who, dt.datetime.now(dt.UTC), "SYNTHETIC"),
                                 {"side": side})
        start.wait()
        try:
            outcome[who] = client.record(decision, read)
        except ConflictError as exc:
            outcome[who] = exc

    threads = [threading.Thread(target=edit, args=("ana", clients[0], "isis")),
               threading.Thread(target=edit, args=("ben", clients[1], "government"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    clients[1].engine.dispose()
    lost = [who for who, got in outcome.items() if isinstance(got, ConflictError)]
    won = [who for who, got in outcome.items() if not isinstance(got, ConflictError)]
    assert len(lost) == 1 and len(won) == 1, outcome
    message = str(outcome[lost[0]])
    winner_side = {"ana": "isis", "ben": "government"}[won[0]]
    assert "moved while you decided" in message and won[0] in message
    assert winner_side in message  # the value now in force, shown to the loser
    in_force = SqlDecisionStore(pg_url).in_force().claims
    assert [(d.decided.author, d.changes) for d in in_force] == [
        (won[0], {"side": winner_side})]


def test_a_stale_client_is_refused_with_the_current_value(pg_url: str,
                                                          tmp_path: Path) -> None:
    decisions, claim = _claim_store(pg_url)
    first = ClaimDecision("d-1", claim, "edit",
                          Decided("ana", dt.datetime.now(dt.UTC), "SYNTHETIC"), {"side": "isis"})
    decisions.record(first, 0)
    stale = ClaimDecision("d-2", claim, "reject",
                          Decided("ben", dt.datetime.now(dt.UTC), "SYNTHETIC"))
    with pytest.raises(ConflictError, match=r"revision 0, it is now revision 1.*ana.*isis"):
        SqlDecisionStore(pg_url).record(stale, 0)
