"""District polygons, areas, landmark membership and the GeoPackage store."""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely
from shapely.geometry import Point

from frontline.errors import ValidationError
from geodata.context import city_outline, river_line
from geodata.districts import (
    APPROXIMATE,
    BANK,
    CONFIDENCE,
    CRS,
    ID,
    UNCERTAINTY_KM,
    bank_polygons,
    build_areas,
    build_districts,
    members,
    validate_districts,
)
from geodata.store import BOUNDARIES_FILE, LAYERS, build_store, load_districts, load_layer
from geodata.theatre import Theatre, load_theatre


@pytest.fixture(scope="module")
def theatre() -> Theatre:
    return load_theatre("mosul")


@pytest.fixture(scope="module")
def districts(theatre: Theatre) -> gpd.GeoDataFrame:
    return build_districts(theatre)


@pytest.fixture(autouse=True)
def no_configured_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRONTLINE_BOUNDARIES", raising=False)


def test_one_valid_polygon_per_district(theatre: Theatre, districts: gpd.GeoDataFrame) -> None:
    assert sorted(districts[ID]) == sorted(p.id for p in theatre.districts)
    assert districts.geometry.is_valid.all()
    assert (districts.geometry.geom_type == "Polygon").all()
    assert districts.crs.to_string() == CRS


def test_polygons_do_not_overlap(districts: gpd.GeoDataFrame) -> None:
    geoms = districts.geometry.to_numpy()
    union_area = shapely.union_all(geoms).area
    assert sum(g.area for g in geoms) == pytest.approx(union_area, rel=1e-9)


def test_polygons_cover_the_outline(theatre: Theatre, districts: gpd.GeoDataFrame) -> None:
    outline = city_outline(theatre)
    covered = shapely.union_all(districts.geometry.to_numpy()).intersection(outline).area
    assert covered / outline.area >= 0.999


def test_each_polygon_contains_its_own_point(theatre: Theatre,
                                             districts: gpd.GeoDataFrame) -> None:
    places = theatre.places_by_id
    for pid, geom in zip(districts[ID], districts.geometry, strict=True):
        assert geom.contains(Point(places[pid].lon, places[pid].lat)), pid


def test_no_polygon_crosses_the_river_and_each_lies_on_its_bank(
    theatre: Theatre, districts: gpd.GeoDataFrame
) -> None:
    river = river_line(theatre)
    banks = bank_polygons(theatre)
    for pid, bank, geom in zip(districts[ID], districts[BANK], districts.geometry, strict=True):
        assert not geom.buffer(-1e-7).intersects(river), pid
        assert banks[bank].buffer(1e-9).covers(geom), pid
        assert theatre.place(pid).bank == bank


def test_polygons_carry_their_uncertainty(theatre: Theatre,
                                          districts: gpd.GeoDataFrame) -> None:
    assert districts[APPROXIMATE].all()
    for row in districts.itertuples():
        place = theatre.place(row.id)
        assert getattr(row, CONFIDENCE) == place.confidence
        assert getattr(row, UNCERTAINTY_KM) == place.uncertainty_km


def test_validate_rejects_duplicates_and_wrong_crs(districts: gpd.GeoDataFrame) -> None:
    doubled = gpd.GeoDataFrame(
        gpd.pd.concat([districts.head(2), districts.head(1)]), crs=CRS
    )
    with pytest.raises(ValidationError, match="duplicate"):
        validate_districts(doubled)
    with pytest.raises(ValidationError, match="EPSG:4326"):
        validate_districts(districts.to_crs("EPSG:32638"))


def test_areas_are_unions_of_their_members(theatre: Theatre,
                                           districts: gpd.GeoDataFrame) -> None:
    areas = build_areas(theatre, districts).set_index(ID)
    assert set(areas.index) == {"old-city", "east-mosul", "west-mosul", "mosul"}
    old_city = [p.id for p in theatre.districts if p.parent == "old-city"]
    assert sorted(areas.loc["old-city", "members"].split(",")) == sorted(old_city)
    whole = areas.loc["mosul"].geometry
    halves = areas.loc["east-mosul"].geometry.area + areas.loc["west-mosul"].geometry.area
    assert halves == pytest.approx(whole.area, rel=1e-9)
    assert whole.area == pytest.approx(city_outline(theatre).area, rel=1e-3)
    assert areas[APPROXIMATE].all()


def test_members(theatre: Theatre, districts: gpd.GeoDataFrame) -> None:
    ids = districts[ID].tolist()
    assert members(theatre, "al-maamel", ids, districts) == ("al-maamel",)
    assert len(members(theatre, "mosul", ids, districts)) == len(ids)
    east = members(theatre, "east-mosul", ids, districts)
    assert east and all(theatre.place(d).bank == "east" for d in east)
    assert set(members(theatre, "old-city", ids, districts)) == {
        p.id for p in theatre.districts if p.parent == "old-city"
    }
    assert members(theatre, "no-such-place", ids, districts) == ()
    assert members(theatre, "hammam-al-alil", ids, districts) == ()


def test_landmarks_resolve_to_the_district_containing_them(
    theatre: Theatre, districts: gpd.GeoDataFrame
) -> None:
    ids = districts[ID].tolist()
    for landmark in ("al-nuri-mosque", "qara-saray", "bash-tapia", "nabi-yunus-mosque"):
        (district,) = members(theatre, landmark, ids, districts)
        place = theatre.place(landmark)
        polygon = districts.set_index(ID).loc[district].geometry
        assert polygon.covers(Point(place.lon, place.lat)), landmark
    (nuri,) = members(theatre, "al-nuri-mosque", ids, districts)
    assert theatre.place(nuri).parent == "old-city"


# --- the store -------------------------------------------------------------------------

def test_build_writes_every_layer_and_skips_when_unchanged(tmp_path: Path) -> None:
    first = build_store(tmp_path)
    assert first.built and first.path.is_file()
    assert sorted(name for name, _ in pyogrio.list_layers(first.path)) == sorted(LAYERS)
    again = build_store(tmp_path)
    assert not again.built and "unchanged" in again.summary()
    assert build_store(tmp_path, force=True).built


def test_store_round_trips_the_districts(tmp_path: Path, districts: gpd.GeoDataFrame) -> None:
    build_store(tmp_path)
    stored = load_districts(tmp_path)
    assert stored[ID].tolist() == districts[ID].tolist()
    assert stored[APPROXIMATE].dtype == bool
    assert stored.geometry.geom_equals_exact(districts.geometry, tolerance=1e-9).all()
    landmarks = load_layer("landmarks", tmp_path).set_index(ID)
    assert theatre_parent(landmarks.loc["al-nuri-mosque", "district"]) == "old-city"


def theatre_parent(district_id: str) -> str:
    return load_theatre("mosul").place(district_id).parent


def test_a_changed_theatre_file_triggers_a_rebuild(tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(load_theatre("mosul").folder, folder)
    theatre = load_theatre(str(folder))
    assert build_store(tmp_path, theatre).built
    assert not build_store(tmp_path, theatre).built
    with (folder / "bridges.csv").open("a", encoding="utf-8") as handle:
        handle.write(",Test Bridge,,36.33,43.14,,low,synthetic row for this test,,\n")
    rebuilt = build_store(tmp_path, load_theatre.__wrapped__(str(folder)))
    assert rebuilt.built and rebuilt.reason == "inputs changed"
    assert rebuilt.counts["bridges"] == 6


def test_missing_store_builds_in_memory_without_writing(tmp_path: Path) -> None:
    districts = load_districts(tmp_path)
    assert len(districts) == len(load_theatre("mosul").districts)
    assert not (tmp_path / "geodata.gpkg").exists()
    assert not (tmp_path / BOUNDARIES_FILE).exists()
