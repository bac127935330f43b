"""Boundary import refuses what would silently put districts in the wrong place
(issue 19). Every boundary file here is SYNTHETIC, written around Mosul's coordinates.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from frontline.errors import GeodataError
from geodata.boundaries import import_boundaries
from geodata.theatre import load_theatre
from tests.conftest import run_cli

MOSUL = load_theatre("mosul")
NAMES = ("Hay al-Ma'amil", "Gogjali", "al-Tahrir")


def square(x: float, y: float, d: float = 0.01) -> list[list[float]]:
    return [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]


def write(path: Path, rings: list[list[list[float]]], names: tuple[str, ...] = NAMES,
          crs: str | None = None) -> Path:
    doc: dict[str, object] = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": name},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}
        for name, ring in zip(names, rings, strict=True)]}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def place(name: str) -> tuple[float, float]:
    p = MOSUL.place({"Hay al-Ma'amil": "al-maamel", "Gogjali": "gogjali",
                     "al-Tahrir": "al-tahrir"}[name])
    assert p.lon is not None and p.lat is not None
    return p.lon, p.lat


def mercator(lon: float, lat: float) -> list[float]:
    r = 6378137.0
    return [math.radians(lon) * r, math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * r]


def good_rings() -> list[list[list[float]]]:
    return [square(*place(n)) for n in NAMES]


def test_the_synthetic_file_itself_imports(tmp_path: Path) -> None:
    report = import_boundaries(write(tmp_path / "ok.geojson", good_rings()), "name", MOSUL,
                               tmp_path)
    assert len(report.matched) == 3 and report.overlaps == ()


def test_web_mercator_metres_without_a_crs_member_are_refused(tmp_path: Path) -> None:
    rings = [[mercator(x, y) for x, y in ring] for ring in good_rings()]
    path = write(tmp_path / "metres.geojson", rings)
    with pytest.raises(GeodataError, match=r"not degrees .* EPSG:3857"):
        import_boundaries(path, "name", MOSUL, tmp_path)
    # declared, the same metres are fine: reprojected
    declared = write(tmp_path / "declared.geojson", rings, crs="urn:ogc:def:crs:EPSG::3857")
    assert len(import_boundaries(declared, "name", MOSUL, tmp_path).matched) == 3


def test_the_cli_refuses_them_in_one_line(tmp_path: Path) -> None:
    rings = [[mercator(x, y) for x, y in ring] for ring in good_rings()]
    path = write(tmp_path / "metres.geojson", rings)
    result = run_cli("geodata", "import-boundaries", str(path), "--name-column", "name",
                     env={"FRONTLINE_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "not degrees" in line
    assert not (tmp_path / "data" / "boundaries.gpkg").exists()  # nothing written


def test_a_polygon_450_km_away_is_refused_by_name(tmp_path: Path) -> None:
    rings = good_rings()
    rings[1] = square(43.1, 36.34 - 4.05)  # about 450 km south, near Baghdad
    path = write(tmp_path / "far.geojson", rings)
    with pytest.raises(GeodataError, match=r"1 boundaries lie up to 4\d\d km outside .*Gogjali"):
        import_boundaries(path, "name", MOSUL, tmp_path)


def test_swapped_latitude_and_longitude_are_named_as_such(tmp_path: Path) -> None:
    rings = [[[y, x] for x, y in ring] for ring in good_rings()]
    path = write(tmp_path / "swapped.geojson", rings)
    with pytest.raises(GeodataError, match="lat/lon swapped"):
        import_boundaries(path, "name", MOSUL, tmp_path)


def test_overlapping_districts_are_named_in_a_warning(tmp_path: Path) -> None:
    rings = good_rings()
    x, y = place("Hay al-Ma'amil")
    rings[1] = square(x + 0.004, y + 0.004)  # "Gogjali" drawn over al-Maamel
    path = write(tmp_path / "overlap.geojson", rings)
    report = import_boundaries(path, "name", MOSUL, tmp_path)
    [line] = report.overlaps
    assert "Hay al-Ma'amil" in line and "Gogjali" in line
    assert "warning: overlapping boundaries (1)" in report.summary()
    assert report.to_json()["overlaps"] == [line]
