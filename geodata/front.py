"""The front line: where districts held by opposing sides meet, and its length.

The control timeline asks for the front of every distinct state of the map, so the
geometry work is done once, in :func:`build_adjacency`: which districts share a
boundary (and how long it is, in the theatre's metric CRS), and which face each other
across the river. A front is then a selection of precomputed edges:
:func:`front_length_km` is a numpy mask over int8 side codes, :func:`front_line` also
assembles the line and the contested zone.

Which edges are front
---------------------
An edge between districts ``a`` and ``b`` is front when both are held, by two different
forces (Mosul: government and ISIS; with three forces, any two of them), or when one is
contested and the other held by any force (the contested zone's outer edge).
Contested-contested edges lie inside the fighting, and an edge touching an ``unknown``
district is not counted: we do not know that anyone faces anyone there. Side codes are
the theatre's (:class:`geodata.sides.SideCodes`).

Across the river
----------------
Two districts on opposite banks face each other where a stretch of the river has one on
each side; that stretch is their shared line. Estimated polygons are split by the river
line itself, imported ones may leave the river's width between the banks: both cases
are found by probing a few metres either side of each short river piece and taking the
district there (or the nearest within :data:`RIVER_GAP_M`).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pyproj
import shapely
from shapely.geometry import LineString, MultiLineString
from shapely.ops import substring

from geodata.districts import BANK, fingerprint
from geodata.sides import SideCodes

MIN_SHARED_M = 1.0
RIVER_STEP_M = 25.0
RIVER_PROBE_M = 5.0
RIVER_GAP_M = 600.0
WGS84 = "EPSG:4326"


@dataclass(frozen=True, eq=False)
class Adjacency:
    """Precomputed edges between districts (row indices of the districts table).

    ``lines[k]`` is the shared line of edge ``(i[k], j[k])`` in EPSG:4326 and
    ``length_km[k]`` its length in the metric CRS; ``across_river[k]`` marks river edges.
    """

    n: int
    i: np.ndarray
    j: np.ndarray
    length_km: np.ndarray
    lines: np.ndarray
    across_river: np.ndarray
    polygons: np.ndarray = field(repr=False)
    crs: str = WGS84

    def __len__(self) -> int:
        return len(self.i)


@dataclass(frozen=True, eq=False)
class Front:
    """The front for one state: its line, length (km) and the contested zone."""

    line: MultiLineString
    length_km: float
    contested: shapely.Geometry
    edges: np.ndarray


def build_adjacency(
    districts: gpd.GeoDataFrame, river: LineString | None, crs: str
) -> Adjacency:
    """Edges between the rows of ``districts`` (EPSG:4326), lengths measured in ``crs``.

    Same-bank neighbours come from shared boundaries; districts on opposite banks (by
    the ``bank`` column, when present) meet only across the river.
    """
    to_metric = pyproj.Transformer.from_crs(WGS84, crs, always_xy=True)
    to_wgs = pyproj.Transformer.from_crs(crs, WGS84, always_xy=True)
    polygons = np.asarray(districts.geometry.to_numpy())
    metric = shapely.transform(polygons, to_metric.transform, interleaved=False)
    banks = districts[BANK].to_numpy() if BANK in districts.columns else None
    edges = _border_edges(metric, banks)
    if river is not None and banks is not None:
        river_metric = shapely.transform(river, to_metric.transform, interleaved=False)
        edges += _river_edges(metric, _within_city(river_metric, metric), banks)
    if not edges:
        empty = np.zeros(0, dtype=np.int32)
        return Adjacency(len(polygons), empty, empty, np.zeros(0), np.empty(0, object),
                         np.zeros(0, bool), polygons, crs)
    ii, jj, lines_m, river_flags = zip(*edges, strict=True)
    lines_metric = np.asarray(lines_m, dtype=object)
    return Adjacency(
        n=len(polygons),
        i=np.asarray(ii, dtype=np.int32),
        j=np.asarray(jj, dtype=np.int32),
        length_km=shapely.length(lines_metric) / 1000.0,
        lines=shapely.transform(lines_metric, to_wgs.transform, interleaved=False),
        across_river=np.asarray(river_flags, dtype=bool),
        polygons=polygons,
        crs=crs,
    )


_ADJACENCIES: OrderedDict[str, Adjacency] = OrderedDict()
_ADJACENCIES_KEPT = 4
_ADJACENCY_LOCK = threading.Lock()


def adjacency_of(
    districts: gpd.GeoDataFrame, river: LineString | None, crs: str
) -> Adjacency:
    """:func:`build_adjacency`, kept for the same polygons, banks, river and CRS.

    Every build of a timeline asks for it twice (the advance rule's neighbours, then the
    fronts), and an analyst's decision rebuilds the timeline on districts that have not
    moved: the geometry work (about a second on Mosul, most of it probing the river) is
    done once per set of polygons. The key is their WKB, so changed boundaries (an
    import) are never answered from an old set.
    """
    key = _adjacency_key(districts, river, crs)
    with _ADJACENCY_LOCK:
        found = _ADJACENCIES.get(key)
        if found is not None:
            _ADJACENCIES.move_to_end(key)
            return found
    built = build_adjacency(districts, river, crs)
    with _ADJACENCY_LOCK:
        _ADJACENCIES[key] = built
        while len(_ADJACENCIES) > _ADJACENCIES_KEPT:
            _ADJACENCIES.popitem(last=False)
    return built


def _adjacency_key(districts: gpd.GeoDataFrame, river: LineString | None, crs: str) -> str:
    digest = hashlib.sha256(f"{crs}|{fingerprint(districts)}|".encode())
    digest.update(shapely.to_wkb(river) if river is not None else b"-")
    return digest.hexdigest()


def _border_edges(
    metric: np.ndarray, banks: np.ndarray | None
) -> list[tuple[int, int, shapely.Geometry, bool]]:
    tree = shapely.STRtree(metric)
    left, right = tree.query(metric, predicate="intersects")
    keep = left < right
    if banks is not None:
        keep &= banks[left] == banks[right]
    left, right = left[keep], right[keep]
    boundaries = shapely.boundary(metric)
    shared = shapely.intersection(boundaries[left], boundaries[right])
    shared = shapely.line_merge(_lines_only(shared))
    lengths = shapely.length(shared)
    return [
        (int(a), int(b), line, False)
        for a, b, line, length in zip(left, right, shared, lengths, strict=True)
        if length >= MIN_SHARED_M
    ]


def _lines_only(geoms: np.ndarray) -> np.ndarray:
    """Drop the points where boundaries only touch at a corner."""
    out = []
    for geom in geoms:
        parts = shapely.get_parts(geom)
        lines = [p for p in parts if p.geom_type in ("LineString", "LinearRing")]
        out.append(shapely.multilinestrings(lines) if lines else MultiLineString())
    return np.asarray(out, dtype=object)


def _river_edges(
    metric: np.ndarray, river: LineString, banks: np.ndarray
) -> list[tuple[int, int, shapely.Geometry, bool]]:
    """Pairs of districts on opposite banks that face each other across the river."""
    if river.is_empty:
        return []
    steps = np.arange(0.0, river.length, RIVER_STEP_M)
    mids = shapely.line_interpolate_point(river, np.minimum(steps + RIVER_STEP_M / 2, river.length))
    ahead = shapely.line_interpolate_point(river, np.minimum(steps + RIVER_STEP_M, river.length))
    behind = shapely.line_interpolate_point(river, steps)
    dx = shapely.get_x(ahead) - shapely.get_x(behind)
    dy = shapely.get_y(ahead) - shapely.get_y(behind)
    norm = np.hypot(dx, dy)
    norm[norm == 0] = 1.0
    nx, ny = -dy / norm * RIVER_PROBE_M, dx / norm * RIVER_PROBE_M
    mx, my = shapely.get_x(mids), shapely.get_y(mids)
    tree = shapely.STRtree(metric)
    side_a = _nearest(tree, shapely.points(mx + nx, my + ny))
    side_b = _nearest(tree, shapely.points(mx - nx, my - ny))
    runs: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for k, (a, b) in enumerate(zip(side_a, side_b, strict=True)):
        if a < 0 or b < 0 or a == b or banks[a] == banks[b]:
            continue
        pair = (min(a, b), max(a, b))
        start, end = steps[k], min(steps[k] + RIVER_STEP_M, river.length)
        spans = runs.setdefault(pair, [])
        if spans and abs(spans[-1][1] - start) < 1e-6:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [
        (a, b, shapely.multilinestrings([substring(river, s, e) for s, e in spans]), True)
        for (a, b), spans in runs.items()
    ]


def _within_city(river: LineString, metric: np.ndarray) -> LineString:
    """The river where it runs through the districts (a gap between the banks closed)."""
    city = shapely.union_all(metric).buffer(RIVER_GAP_M / 2).buffer(-RIVER_GAP_M / 2)
    inside = shapely.line_merge(shapely.intersection(river, city))
    if isinstance(inside, LineString):
        return inside
    parts = [p for p in shapely.get_parts(inside) if isinstance(p, LineString)]
    return max(parts, key=lambda p: p.length) if parts else LineString()


def _nearest(tree: shapely.STRtree, points: np.ndarray) -> np.ndarray:
    """Index of the polygon containing (or nearest within the gap to) each point, or -1."""
    found = np.full(len(points), -1, dtype=np.int64)
    idx = tree.query_nearest(points, max_distance=RIVER_GAP_M, all_matches=False)
    found[idx[0]] = idx[1]
    return found


def front_mask(adjacency: Adjacency, codes: np.ndarray, sides: SideCodes) -> np.ndarray:
    """Which edges are front for these side codes (the rule in the module docstring)."""
    a = codes[adjacency.i]
    b = codes[adjacency.j]
    held_a = sides.held(a)
    held_b = sides.held(b)
    opposed = held_a & held_b & (a != b)
    contested_edge = ((a == sides.contested) & held_b) | ((b == sides.contested) & held_a)
    return np.asarray(opposed | contested_edge)


def front_length_km(adjacency: Adjacency, side_codes: np.ndarray, sides: SideCodes) -> float:
    """Length of the front in km for int8 side codes, one per district row."""
    if len(side_codes) != adjacency.n:
        raise ValueError(f"{len(side_codes)} side codes for {adjacency.n} districts")
    return float(adjacency.length_km[front_mask(adjacency, side_codes, sides)].sum())


def front_line(adjacency: Adjacency, names: Sequence[str], sides: SideCodes) -> Front:
    """The front for ``names[i]`` = side of district row ``i``: line, length, contested zone."""
    codes = sides.encode(names)
    if len(codes) != adjacency.n:
        raise ValueError(f"{len(codes)} sides for {adjacency.n} districts")
    mask = front_mask(adjacency, codes, sides)
    edges = np.flatnonzero(mask)
    parts = shapely.get_parts(adjacency.lines[edges]) if len(edges) else np.empty(0, object)
    line = shapely.multilinestrings(parts) if len(parts) else MultiLineString()
    contested = shapely.union_all(adjacency.polygons[codes == sides.contested])
    return Front(line, float(adjacency.length_km[edges].sum()), contested, edges)
