"""The Mosul theatre loads, and its context geometry is sound."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from shapely.ops import split

from frontline.errors import GeodataError
from geodata.context import bridges, city_outline, river_line
from geodata.sides import MOSUL_ORDER
from geodata.theatre import load_theatre


def test_mosul_theatre_loads_with_reference_ids() -> None:
    theatre = load_theatre("mosul")
    ids = {p.id for p in theatre.places}
    assert {"al-maamel", "al-islah-al-zirai", "old-city", "gogjali"} <= ids
    assert len([p for p in theatre.places if p.kind != "bridge"]) == 100  # issue 13 added 9
    assert {p.id for p in theatre.places if p.kind == "bridge"} == {
        "third-bridge", "old-bridge", "hurriya-bridge", "fifth-bridge", "fourth-bridge"}
    assert set(theatre.sides) == set(MOSUL_ORDER)
    assert theatre.initial_side == "isis"
    assert theatre.initial_since.isoformat() == "2014-06-10"


def test_river_splits_outline_in_two_banks() -> None:
    theatre = load_theatre("mosul")
    outline = city_outline(theatre)
    assert outline.is_valid
    assert len(split(outline, river_line(theatre)).geoms) == 2
    assert len(bridges(theatre)) >= 4


def test_named_anchors_load_and_a_bad_phrase_list_is_one_clear_error(tmp_path: Path) -> None:
    theatre = load_theatre("mosul")
    fall = next(a for a in theatre.anchors if "fall of Mosul" in a.phrases)
    assert fall.date.isoformat() == "2014-06-10" and "Fall of Mosul" in fall.source
    folder = tmp_path / "typo"
    shutil.copytree(theatre.folder, folder)
    yaml_path = folder / "theatre.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    yaml_path.write_text(text.replace('phrases: ["fall of Mosul"]', 'phrases: "fall of Mosul"'),
                         encoding="utf-8")
    with pytest.raises(GeodataError, match="phrases"):
        load_theatre.__wrapped__(str(folder))
