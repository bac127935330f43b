"""The Store contract: what every store must do, run against every implementation.

A new store (SQLite, PostgreSQL/PostGIS) joins by adding a factory to
:data:`STORE_FACTORIES`: a function of a fresh temporary folder returning an empty
store (a database store may ignore the folder or keep its database file there). The
tests use only :class:`timeline.store.protocol.Store` methods. All data is SYNTHETIC.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from frontline.errors import StoreError
from geodata.theatre import load_theatre
from tests.builders import TOY_END, make_event, make_extraction, toy_districts, toy_theatre
from tests.unit.memory_store import MemoryStore
from timeline.control.build import build_timeline
from timeline.control.model import ControlTimeline
from timeline.decisions import Decisions
from timeline.records import Extraction
from timeline.store.files import FileStore
from timeline.store.protocol import Store
from timeline.store.sql import embedded_url
from timeline.store.sql.store import SqlStore

StoreFactory = Callable[[Path], Store]
STORE_FACTORIES: dict[str, StoreFactory] = {
    "files": FileStore,
    "memory": lambda _folder: MemoryStore(),
    "sql-sqlite": lambda folder: SqlStore(embedded_url(folder)),
}


@pytest.fixture(params=sorted(STORE_FACTORIES))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    return STORE_FACTORIES[request.param](tmp_path / "store")


def extraction(article_id: str, sha: str, place: str = "w-north",
               published: dt.date = dt.date(2017, 1, 11)) -> Extraction:
    event = make_event("capture", "2017-01-10", (place,), article_id=article_id,
                       quote=f"SYNTHETIC: forces took {place}.", id=f"{article_id}-e1")
    x = make_extraction((event,), published=published, article_id=article_id)
    return replace(x, article=replace(x.article, sha256=sha, path=f"/sources/{article_id}.md"))


def timeline(*extractions: Extraction) -> ControlTimeline:
    theatre = toy_theatre()
    return build_timeline(theatre, toy_districts(theatre), list(extractions), end=TOY_END)


def test_it_is_a_store(store: Store) -> None:
    assert isinstance(store, Store)


def test_an_empty_store_holds_nothing_and_says_how_to_build(store: Store) -> None:
    assert store.article_ids() == [] and store.extractions() == [] and store.sources() == {}
    assert store.extraction("nope") is None and store.source_sha256("nope") is None
    assert not store.has_timeline()
    with pytest.raises(StoreError, match="python -m timeline build"):
        store.load_timeline()
    store.remove_extraction("nope")  # removing what is absent is not an error
    assert store.version() == store.version()
    assert store.decisions() == Decisions()  # nobody has curated it


def test_extractions_round_trip_by_article_id(store: Store) -> None:
    b, a = extraction("b-article", "sha-b", "e-north"), extraction("a-article", "sha-a")
    store.save_extraction(b)
    store.save_extraction(a)
    assert store.article_ids() == ["a-article", "b-article"]
    assert [x.to_json() for x in store.extractions()] == [a.to_json(), b.to_json()]
    got = store.extraction("b-article")
    assert got is not None and got.to_json() == b.to_json()
    assert store.source_sha256("a-article") == "sha-a"
    assert store.sources() == {"a-article": "/sources/a-article.md",
                               "b-article": "/sources/b-article.md"}


def test_saving_an_article_again_replaces_it_and_removing_drops_it(store: Store) -> None:
    store.save_extraction(extraction("a-article", "sha-1"))
    store.save_extraction(extraction("a-article", "sha-2", "e-south"))
    assert store.article_ids() == ["a-article"]
    assert store.source_sha256("a-article") == "sha-2"
    got = store.extraction("a-article")
    assert got is not None and [p.id for p in got.events[0].places] == ["e-south"]
    store.remove_extraction("a-article")
    assert store.article_ids() == [] and store.extraction("a-article") is None


def test_the_timeline_round_trips_and_is_replaced_whole(store: Store) -> None:
    first, second = timeline(), timeline(extraction("a-article", "sha-a"))
    store.save_timeline(first)
    assert store.has_timeline()
    day = dt.date(2017, 1, 12)
    assert store.load_timeline().state_json(day) == first.state_json(day)
    store.save_timeline(second)
    assert store.load_timeline().state_json(day) == second.state_json(day)
    assert first.state_json(day) != second.state_json(day)
    assert store.timeline_location()


def test_the_version_changes_with_every_change_and_only_then(store: Store) -> None:
    seen = [store.version()]

    def changed() -> None:
        now = store.version()
        assert now not in seen
        assert store.version() == now  # asking twice changes nothing
        seen.append(now)

    store.save_extraction(extraction("a-article", "sha-1"))
    changed()
    store.save_extraction(extraction("a-article", "sha-2"))
    changed()
    store.save_timeline(timeline())
    changed()
    store.save_timeline(timeline(extraction("a-article", "sha-2")))
    changed()
    store.remove_extraction("a-article")
    changed()
    store.remove_extraction("a-article")
    assert store.version() == seen[-1]


def test_districts_fall_back_to_the_theatres_own(store: Store) -> None:
    theatre = load_theatre("mosul")
    districts = store.districts(theatre)
    assert set(districts["id"]) == {p.id for p in theatre.districts}
