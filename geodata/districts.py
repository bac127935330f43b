"""District polygons: a Voronoi partition of the district points, clipped to the city
outline and split by the river so that every district lies on its own bank.

The polygons are estimates (their points are mostly low-confidence), so every row
carries ``approximate=True`` with its ``confidence`` and ``uncertainty_km``; imported
authoritative boundaries replace them (``approximate=False``).

Column names are module constants; :func:`validate_districts` checks the shape at the
stage boundary.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPoint, Point, Polygon
from shapely.ops import split

from frontline.errors import GeodataError, ValidationError
from geodata.context import city_outline, river_line
from geodata.theatre import Theatre

ID = "id"
NAME = "name"
NAME_AR = "name_ar"
BANK = "bank"
KIND = "kind"
CONFIDENCE = "confidence"
UNCERTAINTY_KM = "uncertainty_km"
AREA_KM2 = "area_km2"
APPROXIMATE = "approximate"
GEOMETRY = "geometry"
MEMBERS = "members"
COLUMNS = (ID, NAME, NAME_AR, BANK, KIND, CONFIDENCE, UNCERTAINTY_KM, AREA_KM2, APPROXIMATE)
AREA_COLUMNS = (*COLUMNS, MEMBERS)
CONFIDENCE_ORDER = ("low", "low-medium", "medium", "medium-high", "high")
CRS = "EPSG:4326"


def bank_polygons(theatre: Theatre) -> dict[str, Polygon]:
    """The outline split by the river, keyed by bank name (from the places on each side);
    a theatre without a river has one bank, the whole outline."""
    outline = city_outline(theatre)
    river = river_line(theatre)
    if river is None:
        return dict.fromkeys(theatre.banks[:1], outline)
    pieces = [g for g in split(outline, river).geoms if isinstance(g, Polygon)]
    if len(pieces) < 2:
        raise GeodataError(f"theatre {theatre.name}: the river does not split the outline")
    banks: dict[str, Polygon] = {}
    for bank in theatre.banks:
        points = [Point(p.lon, p.lat) for p in theatre.districts if p.bank == bank]
        best = max(pieces, key=lambda piece: sum(piece.covers(pt) for pt in points))
        banks[bank] = banks.get(bank, best)
    return banks


def build_districts(theatre: Theatre) -> gpd.GeoDataFrame:
    """Estimated district polygons for a theatre, one row per district place."""
    banks = bank_polygons(theatre)
    rows = []
    for bank, piece in banks.items():
        members = [p for p in theatre.districts if p.bank == bank]
        points = [Point(p.lon, p.lat) for p in members]
        cells = voronoi_cells(points, piece)
        for place, cell in zip(members, cells, strict=True):
            rows.append(
                {
                    ID: place.id,
                    NAME: place.label,
                    NAME_AR: place.name_ar,
                    BANK: bank,
                    KIND: place.kind,
                    CONFIDENCE: place.confidence,
                    UNCERTAINTY_KM: place.uncertainty_km,
                    APPROXIMATE: True,
                    GEOMETRY: cell,
                }
            )
    gdf = gpd.GeoDataFrame(rows, geometry=GEOMETRY, crs=CRS)
    gdf[AREA_KM2] = gdf.to_crs(theatre.crs).area / 1e6
    return validate_districts(gdf)


def voronoi_cells(points: list[Point], clip: Polygon) -> list[Polygon]:
    """One Voronoi cell per point, clipped to ``clip``; points outside are snapped in."""
    inside = [pt if clip.contains(pt) else _snap_inside(pt, clip) for pt in points]
    if len(inside) == 1:
        return [clip]
    regions = shapely.voronoi_polygons(
        MultiPoint(inside), extend_to=clip.envelope.buffer(1.0), ordered=True
    )
    clipped = shapely.intersection(np.asarray(regions.geoms), clip)
    return [_largest_polygon(cell) for cell in clipped]


def _snap_inside(pt: Point, clip: Polygon) -> Point:
    nearest = shapely.ops.nearest_points(clip.buffer(-1e-4), pt)[0]
    return Point(nearest.x, nearest.y)


def _largest_polygon(geom: shapely.Geometry) -> Polygon:
    if isinstance(geom, Polygon):
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)]
    if not polys:
        raise GeodataError("a district cell came out empty")
    return max(polys, key=lambda g: g.area)


def validate_districts(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Check a districts table: columns, CRS, unique ids, valid polygons."""
    missing = [c for c in (ID, BANK, AREA_KM2, GEOMETRY) if c not in gdf.columns]
    if missing:
        raise ValidationError(f"districts table lacks columns {missing}")
    if gdf.crs is None or gdf.crs.to_string() != CRS:
        raise ValidationError(f"districts must be in {CRS}, got {gdf.crs}")
    if gdf[ID].duplicated().any():
        dupes = sorted(gdf.loc[gdf[ID].duplicated(), ID])
        raise ValidationError(f"duplicate district ids {dupes}")
    invalid = gdf.loc[~gdf.geometry.is_valid, ID].tolist()
    if invalid:
        raise ValidationError(f"invalid district geometry: {invalid}")
    return gdf


def members(
    theatre: Theatre,
    place_id: str,
    district_ids: Iterable[str],
    districts: gpd.GeoDataFrame,
) -> tuple[str, ...]:
    """District ids that a place stands for.

    A district stands for itself; an area for the districts whose parent is the area
    (or, for a bank-wide area, every district on that bank; for the city area, all); a
    landmark for the district whose polygon contains its point (the nearest one on its
    bank when it falls in no polygon), whatever its ``parent`` says: a parent may be an
    area, and the polygons are what the map shows (``districts``, passed in so that a
    caller's polygons, never a process-wide copy, decide). Unknown ids, towns outside the city and
    landmarks without coordinates give an empty tuple.
    """
    known = list(district_ids)
    places = theatre.places_by_id
    place = places.get(place_id)
    if place is None:
        return ()
    if place.id in known:
        return (place.id,)
    if place.kind == "area":
        if place.id == theatre.city_area:
            return tuple(known)
        children = tuple(d for d in known if places.get(d) and places[d].parent == place.id)
        if children:
            return children
        return tuple(d for d in known if places.get(d) and places[d].bank == place.bank)
    if place.kind == "landmark" and place.lat is not None and place.lon is not None:
        found = containing_district(districts[districts[ID].isin(known)],
                                    Point(place.lon, place.lat), place.bank)
        return (found,) if found else ()
    return ()


def containing_district(
    districts: gpd.GeoDataFrame, point: Point, bank: str = "", max_km: float = 1.0
) -> str | None:
    """The id of the district containing ``point``, else the nearest on ``bank`` within
    ``max_km`` (a landmark on the river bank may fall just outside a clipped polygon)."""
    if districts.empty:
        return None
    inside = districts[districts.geometry.covers(point)]
    if len(inside):
        return str(inside.iloc[0][ID])
    same_bank = districts[districts[BANK] == bank] if bank else districts
    if same_bank.empty:
        return None
    distances = shapely.distance(same_bank.geometry.to_numpy(), point)
    nearest = int(np.argmin(distances))
    km_per_degree = 111.0  # a bound, not a measure: good enough to reject far points
    within = distances[nearest] * km_per_degree <= max_km
    return str(same_bank.iloc[nearest][ID]) if within else None


def build_areas(theatre: Theatre, districts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One polygon per area place (Old City, each bank, the city): its members' union.

    An area inherits the weakest confidence and the largest uncertainty of its members,
    and is approximate when any member is.
    """
    ids = districts[ID].tolist()
    rows = []
    for place in theatre.places:
        if place.kind != "area":
            continue
        member_ids = members(theatre, place.id, ids, districts)
        if not member_ids:
            continue
        part = districts[districts[ID].isin(member_ids)]
        rows.append(
            {
                ID: place.id,
                NAME: place.label,
                NAME_AR: place.name_ar,
                BANK: place.bank,
                KIND: place.kind,
                CONFIDENCE: _weakest(part[CONFIDENCE].tolist()),
                UNCERTAINTY_KM: float(part[UNCERTAINTY_KM].max()),
                APPROXIMATE: bool(part[APPROXIMATE].any()),
                MEMBERS: ",".join(member_ids),
                GEOMETRY: shapely.union_all(part.geometry.to_numpy()),
            }
        )
    areas = gpd.GeoDataFrame(rows, geometry=GEOMETRY, crs=CRS)
    areas[AREA_KM2] = areas.to_crs(theatre.crs).area / 1e6 if len(areas) else []
    return areas


def _weakest(levels: list[str]) -> str:
    ranked = [lvl for lvl in CONFIDENCE_ORDER if lvl in set(levels)]
    return ranked[0] if ranked else (levels[0] if levels else "")


def fingerprint(districts: gpd.GeoDataFrame) -> str:
    """A digest of a districts table (its columns and polygons): equal for equal tables,
    so that what is derived from the polygons alone is kept across rebuilds of the
    timeline (an analyst's decision moves no boundary; an import changes the digest)."""
    digest = hashlib.sha256(",".join(map(str, districts.columns)).encode())
    for column in districts.columns:
        if column != districts.geometry.name:
            digest.update("\x1f".join(map(str, districts[column].tolist())).encode())
    for wkb in shapely.to_wkb(np.asarray(districts.geometry.to_numpy())).tolist():
        digest.update(b"|" + (wkb or b""))
    return digest.hexdigest()
