"""Authoritative district boundaries: read a file, repair it, name its features.

``python -m geodata import-boundaries FILE --name-column C`` reads a GeoJSON,
GeoPackage or Shapefile of district polygons, reprojects it to EPSG:4326, repairs
invalid polygons with ``make_valid`` (or names the feature it cannot repair), resolves
each feature's name to a gazetteer district with the same matcher as ``geocode``, and
reports what it could not match. The matched polygons are written to the data
directory (:data:`geodata.store.BOUNDARIES_FILE`), where the store picks them up in
place of the estimated Voronoi polygons (``approximate=False``). Before that, the file
is checked against the theatre (:mod:`geodata.boundary_checks`): coordinates that are
not degrees, polygons far outside the theatre or with lat/lon swapped are refused in one
line naming them; overlapping districts are named in the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.validation import make_valid

from frontline import settings
from frontline.atomic import atomic_target
from frontline.errors import GeodataError
from geodata.boundary_checks import check_degrees, check_within_theatre, overlapping
from geodata.districts import (
    APPROXIMATE,
    AREA_KM2,
    BANK,
    CONFIDENCE,
    CRS,
    GEOMETRY,
    ID,
    KIND,
    NAME,
    NAME_AR,
    UNCERTAINTY_KM,
    validate_districts,
)
from geodata.gazetteer import Gazetteer
from geodata.store import BOUNDARIES_FILE
from geodata.theatre import Theatre, load_theatre

SOURCE_NAME = "source_name"
IMPORTED_CONFIDENCE = "authoritative"


@dataclass(frozen=True)
class ImportReport:
    """What an import found: matches, names it could not place, repairs, gaps."""

    source: Path
    features: int
    matched: dict[str, str]
    unmatched: tuple[str, ...]
    repaired: tuple[str, ...]
    merged: tuple[str, ...]
    without_boundary: tuple[str, ...]
    districts: gpd.GeoDataFrame = field(repr=False)
    overlaps: tuple[str, ...] = ()
    written: Path | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": str(self.source),
            "features": self.features,
            "matched": self.matched,
            "unmatched": list(self.unmatched),
            "repaired": list(self.repaired),
            "merged": list(self.merged),
            "districts_without_boundary": list(self.without_boundary),
            "overlaps": list(self.overlaps),
            "written": str(self.written) if self.written else None,
        }

    def summary(self) -> str:
        lines = [f"{self.source}: {self.features} features, {len(self.matched)} matched"
                 f" to {len(self.districts)} districts"]
        if self.unmatched:
            lines.append(f"unmatched names ({len(self.unmatched)}): {', '.join(self.unmatched)}")
        if self.repaired:
            lines.append(f"repaired invalid geometry: {', '.join(self.repaired)}")
        if self.merged:
            lines.append(f"several features merged into: {', '.join(self.merged)}")
        if self.without_boundary:
            lines.append(f"districts without a boundary ({len(self.without_boundary)}): "
                         f"{', '.join(self.without_boundary)}")
        if self.overlaps:
            lines.append(f"warning: overlapping boundaries ({len(self.overlaps)}): "
                         f"{'; '.join(self.overlaps)}")
        if self.written:
            lines.append(f"wrote {self.written}")
        return "\n".join(lines)


def read_boundaries(path: Path, name_column: str) -> gpd.GeoDataFrame:
    """Read a boundary file, check it, reproject it to EPSG:4326 and repair its polygons.

    Returns the features with their name in ``name_column`` and a column ``repaired``.
    """
    if not path.is_file():
        raise GeodataError(f"boundary file {path} does not exist")
    try:
        raw = pyogrio.read_dataframe(path)
    except Exception as exc:  # GDAL's errors vary by driver; the message names the file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GeodataError(f"cannot read boundary file {path}: {first}") from None
    if not isinstance(raw, gpd.GeoDataFrame) or raw.geometry.isna().all():
        raise GeodataError(f"boundary file {path} has no geometry")
    if name_column not in raw.columns:
        columns = ", ".join(c for c in raw.columns if c != raw.geometry.name) or "none"
        raise GeodataError(f"boundary file {path} has no column {name_column!r} "
                           f"(columns: {columns})")
    if raw.crs is None:
        raise GeodataError(f"boundary file {path} has an unknown CRS: cannot reproject it "
                           f"to {CRS} (add a .prj or a CRS to the file)")
    check_degrees(raw, path)
    names = raw[name_column].astype("string").fillna("").str.strip()
    repaired = [_polygonal(geom, _label(k, name), path) for k, (geom, name)
                in enumerate(zip(raw.geometry, names, strict=True))]
    gdf = gpd.GeoDataFrame(
        {name_column: names, "repaired": [r for _, r in repaired]},
        geometry=[g for g, _ in repaired], crs=raw.crs,
    )
    return gdf.to_crs(CRS)


def _label(index: int, name: str) -> str:
    return f"feature {index + 1} ({name!r})" if name else f"feature {index + 1}"


def _polygonal(geom: Any, label: str, path: Path) -> tuple[Polygon | MultiPolygon, bool]:
    """The polygon of a feature, repaired when invalid; a clear error when impossible."""
    if geom is None or geom.is_empty:
        raise GeodataError(f"{path}: {label} has no geometry")
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise GeodataError(f"{path}: {label} is a {geom.geom_type}, not a polygon")
    if geom.is_valid:
        return geom, False
    fixed = make_valid(geom)
    parts = [p for p in shapely.get_parts(fixed) if isinstance(p, Polygon) and p.area > 0]
    if not parts:
        raise GeodataError(f"{path}: {label} has invalid geometry that cannot be repaired")
    return (parts[0] if len(parts) == 1 else MultiPolygon(parts)), True


def match_boundaries(
    features: gpd.GeoDataFrame, name_column: str, theatre: Theatre, source: Path
) -> ImportReport:
    """Resolve feature names to district ids; one row per district (features merged)."""
    gazetteer = Gazetteer(theatre)
    matched: dict[str, str] = {}
    unmatched: list[str] = []
    groups: dict[str, list[int]] = {}
    for k, name in enumerate(features[name_column]):
        place = gazetteer.match(name).place if name else None
        if place is None or place.kind != "district":
            unmatched.append(name or f"feature {k + 1} (no name)")
            continue
        matched[name] = place.id
        groups.setdefault(place.id, []).append(k)
    if not groups:
        raise GeodataError(
            f"{source}: none of the {len(features)} names in column {name_column!r} "
            f"matched a district of theatre {theatre.name}"
        )
    rows = []
    for place_id, rows_of in groups.items():
        place = theatre.place(place_id)
        rows.append({
            ID: place_id, NAME: place.label, NAME_AR: place.name_ar, BANK: place.bank,
            KIND: place.kind, CONFIDENCE: IMPORTED_CONFIDENCE, UNCERTAINTY_KM: 0.0,
            APPROXIMATE: False,
            SOURCE_NAME: "; ".join(str(features[name_column].iloc[k]) for k in rows_of),
            GEOMETRY: shapely.union_all(features.geometry.iloc[rows_of].to_numpy()),
        })
    districts = gpd.GeoDataFrame(rows, geometry=GEOMETRY, crs=CRS)
    check_within_theatre(districts, theatre, source, SOURCE_NAME)
    districts[AREA_KM2] = districts.to_crs(theatre.crs).area / 1e6
    repaired = [str(n) for n, r in zip(features[name_column], features["repaired"],
                                       strict=True) if r]
    return ImportReport(
        source=source,
        features=len(features),
        matched=matched,
        unmatched=tuple(unmatched),
        repaired=tuple(repaired),
        merged=tuple(pid for pid, rows_of in groups.items() if len(rows_of) > 1),
        without_boundary=tuple(p.id for p in theatre.districts if p.id not in groups),
        districts=validate_districts(districts),
        overlaps=overlapping(districts, theatre, SOURCE_NAME),
    )


def import_boundaries(
    path: Path, name_column: str, theatre: Theatre | None = None,
    data_dir: Path | None = None,
) -> ImportReport:
    """Read, match and store authoritative boundaries for the theatre's districts."""
    theatre = theatre or load_theatre()
    report = match_boundaries(read_boundaries(path, name_column), name_column, theatre, path)
    target = (data_dir or settings.data_dir()) / BOUNDARIES_FILE
    with atomic_target(target) as tmp:
        pyogrio.write_dataframe(report.districts, tmp, layer="districts", driver="GPKG")
    return ImportReport(**{**report.__dict__, "written": target})
