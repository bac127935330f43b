"""Names of the map's places, for the names layer and the place search.

Every district gets a label point inside its polygon (its pole of inaccessibility, so
that an L-shaped or crescent district is never labelled outside itself) and its area,
by which names are ranked when they collide: the larger district keeps its name, the
smaller one shows it once the reader zooms in far enough. The other gazetteer places
(areas, landmarks, bridges, towns) are not labelled but can be searched: each has a
point (its own, else the centre of the districts it stands for) and a box to zoom to.

The search matches every spelling the gazetteer holds (:attr:`geodata.theatre.Place.names`:
name, variants and the Arabic name); ``assets/search.js`` folds case, accents, marks and
apostrophes on both sides, so that "zirai" finds "al-Hay al-Zira'i".

No Dash here: the page sends :func:`names_json`, and the exports place the same labels
(:mod:`exports.name_layer`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from geodata.districts import AREA_KM2, ID, members
from geodata.theatre import Place, Theatre

POLE_TOLERANCE = 0.0002  # degrees, about 20 m: finer than any label can show
POINT_BOX = 0.004  # degrees either side of a point place: a few streets around it
DECIMALS = 5


@dataclass(frozen=True)
class PlaceName:
    """One place as the names layer and the search see it."""

    id: str
    kind: str
    label: str
    arabic: str
    lon: float
    lat: float
    bbox: tuple[float, float, float, float]  # minx, miny, maxx, maxy (lon/lat)
    area_km2: float = 0.0  # districts only: the rank of its label when names collide
    labelled: bool = False  # drawn by the names layer (districts)
    spellings: tuple[str, ...] = ()  # every spelling the search matches


def label_point(geometry: BaseGeometry) -> tuple[float, float]:
    """A point well inside the largest part of ``geometry`` (lon, lat)."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    largest = max(parts, key=lambda g: g.area)
    if largest.geom_type != "Polygon" or largest.is_empty:
        point = geometry.representative_point()
    else:
        point = polylabel(largest, tolerance=POLE_TOLERANCE)
    return round(point.x, DECIMALS), round(point.y, DECIMALS)


def spellings(place: Place) -> tuple[str, ...]:
    """Every spelling of ``place`` the search matches, each once: the reader's label,
    then the gazetteer's names (name, variants, Arabic)."""
    return tuple(dict.fromkeys(n.strip() for n in (place.label, *place.names) if n.strip()))


def _box(geometry: BaseGeometry) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = geometry.bounds
    return (round(minx, DECIMALS), round(miny, DECIMALS), round(maxx, DECIMALS),
            round(maxy, DECIMALS))


def _point_box(lon: float, lat: float) -> tuple[float, float, float, float]:
    return (round(lon - POINT_BOX, DECIMALS), round(lat - POINT_BOX, DECIMALS),
            round(lon + POINT_BOX, DECIMALS), round(lat + POINT_BOX, DECIMALS))


def _area_km2(geometry: BaseGeometry, lat: float) -> float:
    """Area of a lon/lat polygon in km², near enough to rank labels."""
    km_per_deg = 111.32
    return float(geometry.area * km_per_deg * km_per_deg * math.cos(math.radians(lat)))


def place_names(theatre: Theatre, districts: gpd.GeoDataFrame) -> tuple[PlaceName, ...]:
    """The districts (labelled, largest first), then the other places of the gazetteer
    that have somewhere to go on the map."""
    places = theatre.places_by_id
    out: list[PlaceName] = []
    geometry_of = dict(zip(districts[ID], districts.geometry, strict=True))
    for did, geom in geometry_of.items():
        place = places.get(str(did))
        if place is None or geom is None or geom.is_empty:
            continue
        lon, lat = label_point(geom)
        area = (float(districts.loc[districts[ID] == did, AREA_KM2].iloc[0])
                if AREA_KM2 in districts else _area_km2(geom, lat))
        out.append(PlaceName(place.id, place.kind, place.label, place.name_ar, lon, lat,
                             _box(geom), round(area, 4), True, spellings(place)))
    out.sort(key=lambda p: -p.area_km2)
    taken = {p.id for p in out}
    ids = [str(i) for i in districts[ID]]
    for place in theatre.places:
        if place.id in taken:
            continue
        found = _locate(place, theatre, districts, ids, geometry_of)
        if found is not None:
            (lon, lat), box = found
            out.append(PlaceName(place.id, place.kind, place.label, place.name_ar, lon, lat,
                                 box, spellings=spellings(place)))
    return tuple(out)


def _locate(place: Place, theatre: Theatre, districts: gpd.GeoDataFrame, ids: list[str],
            geometry_of: dict[Any, BaseGeometry],
            ) -> tuple[tuple[float, float], tuple[float, float, float, float]] | None:
    """A place's point and box: its own point, else its districts' union; None when it has
    neither (a place the map cannot show)."""
    if place.lat is not None and place.lon is not None:
        lon, lat = round(place.lon, DECIMALS), round(place.lat, DECIMALS)
        return (lon, lat), _point_box(lon, lat)
    covered = [geometry_of[d] for d in members(theatre, place.id, ids, districts)
               if d in geometry_of]
    if not covered:
        return None
    union = gpd.GeoSeries(covered).union_all()
    return label_point(union), _box(union)


def names_json(names: Iterable[PlaceName]) -> dict[str, list[Any]]:
    """The names as columns, as the page's store sends them (``assets/labels.js`` and
    ``assets/search.js`` read them)."""
    cols: dict[str, list[Any]] = {k: [] for k in (
        "id", "kind", "label", "ar", "lon", "lat", "bbox", "area", "labelled", "names")}
    for p in names:
        cols["id"].append(p.id)
        cols["kind"].append(p.kind)
        cols["label"].append(p.label)
        cols["ar"].append(p.arabic)
        cols["lon"].append(p.lon)
        cols["lat"].append(p.lat)
        cols["bbox"].append(list(p.bbox))
        cols["area"].append(p.area_km2)
        cols["labelled"].append(p.labelled)
        cols["names"].append(list(p.spellings))
    return cols
