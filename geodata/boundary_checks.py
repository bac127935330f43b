"""Sanity checks of an imported boundary file against the theatre: the mistakes a GIS
export makes silently, refused (or warned about) on one line that names the features.

- Coordinates that are not degrees although the file claims (or, being GeoJSON without
  a ``crs`` member, is assumed to be in) EPSG:4326: typically Web Mercator metres
  (EPSG:3857) exported without saying so. Refused: reprojecting them is a guess.
- Polygons far outside the theatre: farther than :data:`MARGIN_SHARE` of the theatre's
  extent (at least :data:`MIN_MARGIN_KM`) beyond the box around its places. Refused,
  naming them; when swapping latitude and longitude brings them inside, the message
  says the file has lat/lon swapped.
- Districts whose polygons overlap by more than :data:`OVERLAP_SHARE` of the smaller
  one: kept (real boundary files have slivers), and named in the import report.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box

from frontline.errors import GeodataError
from geodata.theatre import Theatre

MARGIN_SHARE = 0.5
MIN_MARGIN_KM = 10.0
OVERLAP_SHARE = 0.05
MAX_NAMED = 8


def check_degrees(raw: gpd.GeoDataFrame, path: Path) -> None:
    """Refuse a file in a geographic CRS whose coordinates cannot be degrees."""
    if raw.crs is None or not raw.crs.is_geographic or raw.empty:
        return
    minx, miny, maxx, maxy = (float(v) for v in raw.total_bounds)
    if max(abs(minx), abs(maxx)) > 180 or max(abs(miny), abs(maxy)) > 90:
        raise GeodataError(
            f"{path}: coordinates up to ({maxx:,.0f}, {maxy:,.0f}) are not degrees of "
            f"longitude and latitude, yet the file is read as {raw.crs.to_string()}; it is "
            "probably in metres (e.g. EPSG:3857) without a crs member: add one or reproject")


def theatre_box(theatre: Theatre) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of the theatre's places with coordinates."""
    points = [(p.lon, p.lat) for p in theatre.places if p.lat is not None and p.lon is not None]
    if not points:
        lat, lon = theatre.center
        return lon, lat, lon, lat
    lons, lats = zip(*points, strict=True)
    return min(lons), min(lats), max(lons), max(lats)


def check_within_theatre(districts: gpd.GeoDataFrame, theatre: Theatre, path: Path,
                         label: str) -> None:
    """Refuse districts (EPSG:4326) lying far outside the theatre, naming them."""
    area = _area_around(theatre)
    far = districts[~districts.geometry.intersects(area)]
    if far.empty:
        return
    names = ", ".join(str(n) for n in far[label].head(MAX_NAMED))
    more = f" and {len(far) - MAX_NAMED} more" if len(far) > MAX_NAMED else ""
    km = _distance_km(far, area, theatre)
    swapped = gpd.GeoSeries(far.geometry.map(_swap), crs=far.crs).intersects(area).all()
    if swapped:
        raise GeodataError(f"{path}: {len(far)} boundaries lie outside theatre {theatre.name} "
                           f"but inside it with latitude and longitude swapped ({names}{more})"
                           ": the file has lat/lon swapped; swap them and import again")
    raise GeodataError(f"{path}: {len(far)} boundaries lie up to {km:,.0f} km outside theatre "
                       f"{theatre.name} ({names}{more}): wrong file, or wrong coordinates")


def overlapping(districts: gpd.GeoDataFrame, theatre: Theatre, label: str) -> tuple[str, ...]:
    """Pairs of districts overlapping by more than OVERLAP_SHARE of the smaller, as lines."""
    metric = districts.to_crs(theatre.crs)
    tree = shapely.STRtree(metric.geometry.to_numpy())
    out: list[str] = []
    for i, j in zip(*tree.query(metric.geometry.to_numpy(), predicate="intersects"),
                    strict=True):
        if i >= j:
            continue
        a, b = metric.geometry.iloc[i], metric.geometry.iloc[j]
        shared = a.intersection(b).area
        smaller = min(a.area, b.area)
        if smaller > 0 and shared / smaller > OVERLAP_SHARE:
            out.append(f"{metric[label].iloc[i]} and {metric[label].iloc[j]} "
                       f"({shared / smaller:.0%} of the smaller)")
    return tuple(out)


def _area_around(theatre: Theatre) -> gpd.GeoSeries:
    minx, miny, maxx, maxy = theatre_box(theatre)
    metric = gpd.GeoSeries([box(minx, miny, maxx, maxy)], crs="EPSG:4326").to_crs(theatre.crs)
    x0, y0, x1, y1 = metric.total_bounds
    margin = max(MIN_MARGIN_KM * 1000, MARGIN_SHARE * max(x1 - x0, y1 - y0))
    return metric.buffer(margin).to_crs("EPSG:4326").iloc[0]


def _distance_km(far: gpd.GeoDataFrame, area: object, theatre: Theatre) -> float:
    metric = far.to_crs(theatre.crs)
    zone = gpd.GeoSeries([area], crs="EPSG:4326").to_crs(theatre.crs).iloc[0]
    return float(metric.geometry.distance(zone).max()) / 1000


def _swap(geom: object) -> object:
    return shapely.transform(geom, lambda xy: xy[:, ::-1])
