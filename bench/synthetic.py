"""A SYNTHETIC theatre for benchmarks: a square city of n Voronoi districts and a river.

Nothing here is real geography. The city is a 12 km square placed near Mosul so the
theatre's metric CRS (UTM 38N) fits; a meandering river crosses it north to south and
splits it into a ``west`` and an ``east`` bank, as the Tigris splits Mosul. The table has
the same columns as :func:`geodata.districts.build_districts`; the river line is in
``gdf.attrs["river"]`` and returned by :func:`synthetic_river`.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from shapely.geometry import LineString, Point, Polygon, box
from shapely.ops import split

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
    voronoi_cells,
)

METRIC_CRS = "EPSG:32638"
WEST, SOUTH, EAST, NORTH = 43.06, 36.28, 43.19, 36.39


def synthetic_outline() -> Polygon:
    return box(WEST, SOUTH, EAST, NORTH)


def synthetic_river() -> LineString:
    """A meander from beyond the north edge to beyond the south edge."""
    lats = np.linspace(NORTH + 0.02, SOUTH - 0.02, 60)
    mid = (WEST + EAST) / 2
    lons = mid + 0.012 * np.sin((lats - SOUTH) * 60)
    return LineString(zip(lons, lats, strict=True))


def synthetic_districts(n: int = 1000, seed: int = 0) -> gpd.GeoDataFrame:
    """``n`` SYNTHETIC districts (Voronoi cells of random points, split by the river)."""
    rng = np.random.default_rng(seed)
    river = synthetic_river()
    halves = sorted(split(synthetic_outline(), river).geoms, key=lambda g: g.centroid.x)
    banks = {"west": halves[0], "east": halves[1]}
    total = sum(p.area for p in banks.values())
    rows: list[dict[str, object]] = []
    for bank, piece in banks.items():
        count = max(1, round(n * piece.area / total)) if bank == "west" else n - len(rows)
        points = _points_in(piece, count, rng)
        for point, cell in zip(points, voronoi_cells(points, piece), strict=True):
            k = len(rows) + 1
            rows.append({ID: f"syn-{k:04d}", NAME: f"Synthetic district {k}", NAME_AR: "",
                         BANK: bank, KIND: "district", CONFIDENCE: "synthetic",
                         UNCERTAINTY_KM: 0.0, APPROXIMATE: True, GEOMETRY: cell,
                         "x": point.x})
    gdf = gpd.GeoDataFrame(rows, geometry=GEOMETRY, crs=CRS)
    gdf[AREA_KM2] = gdf.to_crs(METRIC_CRS).area / 1e6
    gdf.attrs["river"] = river
    return validate_districts(gdf)


def _points_in(polygon: Polygon, count: int, rng: np.random.Generator) -> list[Point]:
    minx, miny, maxx, maxy = polygon.bounds
    points: list[Point] = []
    while len(points) < count:
        xs = rng.uniform(minx, maxx, count * 2)
        ys = rng.uniform(miny, maxy, count * 2)
        points += [p for p in map(Point, xs, ys) if polygon.contains(p)]
    return points[:count]


def sweeping_states(gdf: gpd.GeoDataFrame, days: int, seed: int = 0) -> np.ndarray:
    """SYNTHETIC daily side codes: government advancing west to east through a contested
    band, ISIS ahead of it, and 2 % of districts unknown. Shape (days, n), int8."""
    rng = np.random.default_rng(seed)
    x = gdf.geometry.representative_point().x.to_numpy()
    span = np.linspace(WEST - 0.01, EAST + 0.01, days)
    codes = np.empty((days, len(gdf)), dtype=np.int8)
    for day, front_x in enumerate(span):
        codes[day] = np.where(x < front_x - 0.004, 0, np.where(x < front_x + 0.004, 2, 1))
        codes[day][rng.random(len(gdf)) < 0.02] = 3
    return codes
