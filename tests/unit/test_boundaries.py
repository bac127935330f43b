"""Importing authoritative boundaries: repair, reprojection, name matching, clear errors.

Every boundary file here is synthetic, written by the test around Mosul's coordinates.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import Point, Polygon, box

from frontline.errors import GeodataError
from geodata.boundaries import SOURCE_NAME, import_boundaries, read_boundaries
from geodata.districts import APPROXIMATE, ID
from geodata.store import build_store, load_districts
from geodata.theatre import load_theatre

BOWTIE = [[43.09, 36.33], [43.10, 36.34], [43.10, 36.33], [43.09, 36.34], [43.09, 36.33]]


def feature(name: str | None, coords: list[list[float]]) -> dict[str, object]:
    return {"type": "Feature", "properties": {"mahalla": name},
            "geometry": {"type": "Polygon", "coordinates": [coords]}}


def square(x: float, y: float, d: float = 0.01) -> list[list[float]]:
    return [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]


@pytest.fixture
def geojson(tmp_path: Path) -> Path:
    path = tmp_path / "synthetic-boundaries.geojson"
    features = [
        feature("Hay al-Ma'amil", square(43.07, 36.35)),
        feature("Islah al-Zeraie", BOWTIE),  # self-crossing: make_valid repairs it
        feature("Downtown Springfield", square(43.20, 36.30)),
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                    encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_configured_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRONTLINE_BOUNDARIES", raising=False)


def test_import_matches_repairs_and_reports(geojson: Path, tmp_path: Path) -> None:
    report = import_boundaries(geojson, "mahalla", load_theatre("mosul"), tmp_path)
    assert report.matched == {"Hay al-Ma'amil": "al-maamel",
                              "Islah al-Zeraie": "al-islah-al-zirai"}
    assert report.unmatched == ("Downtown Springfield",)
    assert report.repaired == ("Islah al-Zeraie",)
    assert "al-maamel" not in report.without_boundary
    districts = report.districts.set_index(ID)
    assert districts.geometry.is_valid.all()
    assert not districts[APPROXIMATE].any()
    assert districts.loc["al-islah-al-zirai", SOURCE_NAME] == "Islah al-Zeraie"
    assert report.written is not None and report.written.is_file()
    assert "Downtown Springfield" in report.summary()


def test_imported_polygons_replace_the_estimates_in_the_store(geojson: Path,
                                                              tmp_path: Path) -> None:
    assert build_store(tmp_path).built
    import_boundaries(geojson, "mahalla", load_theatre("mosul"), tmp_path)
    rebuilt = build_store(tmp_path)
    assert rebuilt.built and rebuilt.boundaries is not None
    districts = load_districts(tmp_path)
    assert sorted(districts[ID]) == ["al-islah-al-zirai", "al-maamel"]
    assert not districts[APPROXIMATE].any()


def test_features_in_a_metric_crs_are_reprojected(tmp_path: Path) -> None:
    utm = gpd.GeoSeries([Point(43.075, 36.355)], crs="EPSG:4326").to_crs("EPSG:32638")
    x, y = utm.iloc[0].x, utm.iloc[0].y
    gdf = gpd.GeoDataFrame({"name": ["al-Maamel"]}, geometry=[box(x - 400, y - 400, x + 400,
                                                                   y + 400)], crs="EPSG:32638")
    path = tmp_path / "utm.gpkg"
    pyogrio.write_dataframe(gdf, path)
    features = read_boundaries(path, "name")
    assert features.crs.to_string() == "EPSG:4326"
    minx, miny, maxx, maxy = features.total_bounds
    assert 43.0 < minx < maxx < 43.2 and 36.3 < miny < maxy < 36.4


def test_unknown_crs_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "no-crs.shp"
    gdf = gpd.GeoDataFrame({"name": ["al-Maamel"]}, geometry=[box(0, 0, 1, 1)], crs=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pyogrio warns that no CRS is written
        pyogrio.write_dataframe(gdf, path)
    with pytest.raises(GeodataError, match="unknown CRS") as info:
        read_boundaries(path, "name")
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_missing_name_column_names_the_column(geojson: Path) -> None:
    with pytest.raises(GeodataError, match=r"no column 'district_name'.*mahalla"):
        read_boundaries(geojson, "district_name")


def test_file_without_geometry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("name,population\nal-Maamel,1000\n", encoding="utf-8")
    with pytest.raises(GeodataError, match="has no geometry"):
        read_boundaries(path, "name")


def test_point_feature_is_named_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "points.geojson"
    gdf = gpd.GeoDataFrame({"name": ["al-Maamel", "al-Shifa"]},
                           geometry=[box(43.07, 36.35, 43.08, 36.36), Point(43.12, 36.36)],
                           crs="EPSG:4326")
    pyogrio.write_dataframe(gdf, path)
    with pytest.raises(GeodataError, match=r"feature 2 \('al-Shifa'\) is a Point"):
        read_boundaries(path, "name")


def test_no_name_matching_any_district_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.geojson"
    gdf = gpd.GeoDataFrame({"name": ["Karkh", "Adhamiyah"]},
                           geometry=[box(44.3, 33.3, 44.4, 33.4), box(44.4, 33.3, 44.5, 33.4)],
                           crs="EPSG:4326")
    pyogrio.write_dataframe(gdf, path)
    with pytest.raises(GeodataError, match="none of the 2 names"):
        import_boundaries(path, "name", load_theatre("mosul"), tmp_path)


def test_missing_file_and_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(GeodataError, match="does not exist"):
        read_boundaries(tmp_path / "nope.geojson", "name")
    junk = tmp_path / "junk.geojson"
    junk.write_bytes(b"\x00\x01 not json")
    with pytest.raises(GeodataError, match="cannot read boundary file"):
        read_boundaries(junk, "name")


def test_repaired_bowtie_keeps_both_lobes() -> None:
    from geodata.boundaries import _polygonal

    fixed, repaired = _polygonal(Polygon(BOWTIE), "feature 1", Path("x"))
    assert repaired and fixed.is_valid and fixed.geom_type == "MultiPolygon"
    assert fixed.area == pytest.approx(0.5 * 0.01 * 0.01, rel=1e-6)


def test_one_rule_says_which_boundaries_are_in_use(tmp_path: Path) -> None:
    """The configured file wins; else the one import-boundaries left in the data folder;
    else none (the estimated districts). The store's stamp and FileStore both ask here."""
    from geodata.store import BOUNDARIES_FILE, boundaries_in_use

    configured = tmp_path / "authoritative.gpkg"
    assert boundaries_in_use(tmp_path, None) is None
    (tmp_path / BOUNDARIES_FILE).write_bytes(b"(synthetic)")
    assert boundaries_in_use(tmp_path, None) == tmp_path / BOUNDARIES_FILE
    assert boundaries_in_use(tmp_path, configured) == configured
