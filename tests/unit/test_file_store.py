"""FileStore beyond the shared contract: today's file layout, and nothing made by looking."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from frontline.errors import StoreError
from geodata.boundaries import import_boundaries
from geodata.districts import ID
from geodata.theatre import load_theatre
from tests.builders import TOY_END, make_event, make_extraction, toy_districts, toy_theatre
from timeline.control.build import build_timeline
from timeline.store.corpus import load_extractions
from timeline.store.files import FileStore
from timeline.store.timeline_files import load_timeline


def test_looking_at_an_unbuilt_store_creates_nothing(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "never-built")
    assert (store.article_ids(), store.extractions(), store.sources()) == ([], [], {})
    assert store.extraction("x") is None and store.source_sha256("x") is None
    assert not store.has_timeline() and store.version()
    store.remove_extraction("x")
    assert not (tmp_path / "never-built").exists()


def test_it_keeps_todays_files_so_existing_data_still_loads(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    x = make_extraction((make_event(article_id="2017-05-10-wire"),), article_id="2017-05-10-wire")
    store.save_extraction(x)
    theatre = toy_theatre()
    tl = build_timeline(theatre, toy_districts(theatre), [x], end=TOY_END)
    store.save_timeline(tl)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "corpus", "corpus/2017-05-10-wire.json", "timeline.npz"]
    assert [e.to_json() for e in load_extractions(tmp_path)] == [x.to_json()]
    day = dt.date(2017, 1, 12)
    assert load_timeline(tmp_path).state_json(day) == tl.state_json(day)


def test_an_unreadable_entry_is_one_line_naming_it(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(StoreError, match=r"bad\.json: unreadable store entry .*timeline ingest"):
        store.extraction("bad")
    with pytest.raises(StoreError, match=r"bad\.json"):
        store.extractions()
    assert store.source_sha256("bad") is None and store.sources() == {}


def test_districts_come_from_the_boundaries_it_is_given(tmp_path: Path) -> None:
    theatre = load_theatre("mosul")
    source = tmp_path / "synthetic-boundaries.geojson"
    ring = [[43.07, 36.35], [43.08, 36.35], [43.08, 36.36], [43.07, 36.36], [43.07, 36.35]]
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"mahalla": "Hay al-Ma'amil"},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}), encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    imported = import_boundaries(source, "mahalla", theatre, tmp_path / "elsewhere").written
    assert imported is not None
    given = FileStore(tmp_path / "data", boundaries=imported)
    assert list(given.districts(theatre)[ID]) == ["al-maamel"]
    assert list(FileStore(tmp_path / "elsewhere").districts(theatre)[ID]) == ["al-maamel"]
    assert len(FileStore(tmp_path / "data").districts(theatre)) == len(theatre.districts)
