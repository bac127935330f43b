"""Golden test: the control map built from the store equals the one built on fresh extractions.

``make run`` ingests ``seeds/`` into the store and builds the timeline from what the store
gives back; the other golden tests build on extractions made in memory. Both must give
the same state on every district-day, and both must give the pinned states of
:mod:`tests.golden.control_pins` (written from the fresh path), so that making the two
agree cannot have made the fresh path worse.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest

from frontline.settings import Settings
from geodata.districts import ID
from geodata.theatre import Theatre
from tests.golden.control_pins import (
    CORPORA,
    States,
    fresh_extractions,
    load_pins,
    state_changes,
    timeline_states,
)
from timeline import pipeline
from timeline.control.build import replay_known
from timeline.records import Extraction
from timeline.store.corpus import load_extractions
from timeline.store.files import FileStore


@pytest.fixture(scope="module")
def pins() -> dict[str, States]:
    return load_pins()


def stored_extractions(files: tuple[Path, ...], tmp: Path) -> list[Extraction]:
    """``files`` ingested into an empty store through ``timeline ingest``, read back."""
    folder, data_dir = tmp / "seeds", tmp / "data"
    folder.mkdir()
    for path in files:
        shutil.copy(path, folder / path.name)
    report = pipeline.ingest(FileStore(data_dir), folder, Settings.from_env())
    assert report.extracted == len(files) and not report.failures
    return load_extractions(data_dir)


def differing(a: States, b: States) -> list[str]:
    """The districts whose changes of state differ (for a readable failure)."""
    return [d for d in sorted(a.keys() | b.keys()) if a.get(d) != b.get(d)]


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_the_store_gives_the_fresh_states_and_both_give_the_pins(
        corpus: str, mosul: tuple[Theatre, gpd.GeoDataFrame], pins: dict[str, States],
        tmp_path: Path) -> None:
    theatre, districts = mosul
    files = CORPORA[corpus]
    fresh = timeline_states(theatre, districts, fresh_extractions(files))
    stored = timeline_states(theatre, districts, stored_extractions(files, tmp_path))
    assert differing(stored, fresh) == [], "stored and fresh builds differ"
    assert stored == fresh
    assert differing(fresh, pins[corpus]) == [], "the fresh build moved from the pins"
    assert fresh == pins[corpus]


@pytest.mark.parametrize("corpus", ["article", "article+chronology"])
def test_the_known_on_replay_from_the_store_equals_the_fresh_one(
        corpus: str, mosul: tuple[Theatre, gpd.GeoDataFrame], tmp_path: Path) -> None:
    theatre, districts = mosul
    files = CORPORA[corpus]
    fresh = replay_known(theatre, districts, fresh_extractions(files))
    stored = replay_known(theatre, districts, stored_extractions(files, tmp_path))
    start = theatre.initial_since
    ids = [str(i) for i in districts[ID]]
    assert differing(state_changes(start, ids, stored.side, stored.basis, stored.since),
                     state_changes(start, ids, fresh.side, fresh.basis, fresh.since)) == []
    assert np.array_equal(stored.side, fresh.side)
    assert np.array_equal(stored.basis, fresh.basis)
    assert np.array_equal(stored.since, fresh.since)
