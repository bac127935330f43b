"""Saving and loading the control timeline (SYNTHETIC Toyville data)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from frontline.errors import StoreError
from tests.builders import TOY_END, make_event, make_extraction, toy_districts, toy_theatre
from tests.unit.timeline_pair import to_old_pair
from timeline.control.build import build_timeline, known_on_replay
from timeline.control.series import add_series
from timeline.store.timeline_files import load_timeline, save_timeline


def test_a_saved_timeline_loads_back_identical(tmp_path: Path) -> None:
    theatre = toy_theatre()
    districts = toy_districts(theatre)
    events = (make_event("capture", "2017-01-10", ("w-north",), quote="Took W North."),
              make_event("attack", "2017-02-01", ("w-north",), side="isis", quote="Raid."))
    extractions = [make_extraction(events, published=dt.date(2017, 2, 2))]
    tl = build_timeline(theatre, districts, extractions, end=TOY_END, series=False)
    tl.side_known, tl.basis_known = known_on_replay(theatre, districts, extractions, end=TOY_END)
    add_series(tl, theatre, districts)
    assert tl.front_index_known is not None
    known_day = tl.day_index(dt.date(2017, 1, 20))  # captured, but not yet published
    assert tl.frontline_km is not None and tl.frontline_km_known is not None
    assert tl.frontline_km[known_day] > 0 and tl.frontline_km_known[known_day] == 0
    save_timeline(tl, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.npz"]  # one unit
    back = load_timeline(tmp_path)
    for name in ("side", "basis", "since", "base_cause", "frontline_km", "front_index",
                 "side_known", "basis_known", "front_index_known", "frontline_km_known"):
        assert np.array_equal(getattr(back, name), getattr(tl, name)), name
    assert back.side.dtype == np.int8 and back.since.dtype == np.int32
    assert set(back.share) == {"west", "east", "city"}
    assert back.fronts == tl.fronts and dict(back.changes) == dict(tl.changes)
    for date in (dt.date(2017, 1, 10), dt.date(2017, 2, 3), dt.date(2017, 6, 1)):
        assert back.state_json(date) == tl.state_json(date)
    assert "Raid." in [q for d in back.state_json(dt.date(2017, 2, 3))["districts"]
                       for q in d["evidence"]]


def test_loading_without_a_timeline_or_from_junk_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="timeline build"):
        load_timeline(tmp_path)
    (tmp_path / "timeline.npz").write_bytes(b"junk")
    (tmp_path / "timeline.json").write_text("{", encoding="utf-8")
    with pytest.raises(StoreError, match="timeline build"):
        load_timeline(tmp_path)


def test_arrays_from_another_build_are_refused_in_one_line(tmp_path: Path) -> None:
    theatre = toy_theatre()
    districts = toy_districts(theatre)
    first = build_timeline(theatre, districts, [], end=TOY_END)
    second = build_timeline(theatre, districts, [make_extraction(
        (make_event("capture", "2017-01-10", ("w-north",)),), published=dt.date(2017, 1, 11))],
        end=TOY_END)
    save_timeline(first, tmp_path / "a")
    save_timeline(second, tmp_path / "b")
    to_old_pair(tmp_path / "a")  # only the old two-file layout could mix builds
    to_old_pair(tmp_path / "b")
    (tmp_path / "a" / "timeline.npz").write_bytes((tmp_path / "b" / "timeline.npz").read_bytes())
    with pytest.raises(StoreError, match="come from different builds; run `python -m timeline"):
        load_timeline(tmp_path / "a")
    assert load_timeline(tmp_path / "b").state_json(dt.date(2017, 1, 12)) == second.state_json(
        dt.date(2017, 1, 12))


def test_a_timeline_saved_without_a_build_hash_still_loads(tmp_path: Path) -> None:
    theatre = toy_theatre()
    tl = build_timeline(theatre, toy_districts(theatre), [], end=TOY_END)
    save_timeline(tl, tmp_path)
    to_old_pair(tmp_path, build_hash=False)
    assert load_timeline(tmp_path).state_json(TOY_END) == tl.state_json(TOY_END)
