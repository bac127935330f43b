"""Series derived from the control arrays: shares by area, front line, change lists.

The front line depends only on the sides of the districts, so it is computed once per
*distinct* state (a column of ``side``) and reused: ``front_index[day]`` points into
``fronts`` (GeoJSON geometries) and ``frontline_km`` is per day.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import numpy as np

from geodata.districts import AREA_KM2, BANK
from timeline.control.model import Change, ControlTimeline

if TYPE_CHECKING:
    import geopandas as gpd

    from geodata.sides import SideCodes
    from geodata.theatre import Theatre


def shares(side: np.ndarray, area: np.ndarray, bank: np.ndarray, keys: tuple[str, ...],
           sides: SideCodes) -> dict[str, np.ndarray]:
    """Share by area of each side per day, for each of ``keys`` (the theatre's banks, and
    ``city`` for the whole city): ``(len(sides), n_days)`` arrays summing to 1 over the
    sides (0 everywhere for an empty key)."""
    out: dict[str, np.ndarray] = {}
    for key in keys:
        weights = np.where(bank == key, area, 0.0) if key != "city" else area.astype(float)
        total = weights.sum()
        arr = np.zeros((len(sides), side.shape[1]))
        if total > 0:
            for code in range(len(sides)):
                arr[code] = weights @ (side == code) / total
        out[key] = arr
    return out


def distinct_states(side: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct columns of ``side`` (as rows) and, per day, the index of its state."""
    states, inverse = np.unique(side.T, axis=0, return_inverse=True)
    return states, inverse.reshape(-1).astype(np.int32)


def fronts_of(states: np.ndarray, theatre: Theatre,
              districts: gpd.GeoDataFrame) -> tuple[list[dict[str, Any] | None], np.ndarray]:
    """Front-line geometry (GeoJSON, None when there is no front) and length (km) of
    each distinct state, from the adjacency computed once."""
    import shapely

    from geodata.context import river_line
    from geodata.front import adjacency_of, front_mask

    try:
        river = river_line(theatre)
    except (OSError, ValueError):
        river = None
    adjacency = adjacency_of(districts, river, theatre.crs)
    sides = theatre.side_codes
    edge_parts = [_line_parts(json.loads(text)) for text in shapely.to_geojson(adjacency.lines)]
    geoms: list[dict[str, Any] | None] = []
    lengths = np.zeros(len(states))
    for k, codes in enumerate(states):
        edges = np.flatnonzero(front_mask(adjacency, codes, sides))
        lengths[k] = adjacency.length_km[edges].sum()
        coords = [part for e in edges.tolist() for part in edge_parts[e]]
        geoms.append({"type": "MultiLineString", "coordinates": coords} if coords else None)
    return geoms, lengths


def _line_parts(geojson: dict[str, Any]) -> list[Any]:
    """The coordinate lists of a (multi)line GeoJSON geometry."""
    if geojson["type"] == "LineString":
        return [geojson["coordinates"]]
    if geojson["type"] == "MultiLineString":
        return list(geojson["coordinates"])
    return [p for g in geojson.get("geometries", []) for p in _line_parts(g)]


def add_series(tl: ControlTimeline, theatre: Theatre, districts: gpd.GeoDataFrame) -> None:
    """Fill ``share``, ``front_index``, ``fronts`` and ``frontline_km`` of a timeline (and
    ``front_index_known`` / ``frontline_km_known`` when the "as known on" replay is set),
    one front per distinct state over both."""
    area = districts[AREA_KM2].to_numpy(dtype=float)
    tl.area_km2 = area
    tl.share = shares(tl.side, area, districts[BANK].astype(str).to_numpy(),
                      theatre.share_keys, tl.sides)
    both = tl.side if tl.side_known is None else np.concatenate([tl.side, tl.side_known], 1)
    states, inverse = distinct_states(both)
    tl.fronts, lengths = fronts_of(states, theatre, districts)
    tl.front_index = inverse[: tl.n_days]
    tl.frontline_km = lengths[tl.front_index]
    if tl.side_known is not None:
        tl.front_index_known = inverse[tl.n_days:]
        tl.frontline_km_known = lengths[tl.front_index_known]


def change_cells(side: np.ndarray, basis: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(district, day) of every cell whose side or basis differs from the day before,
    plus day 0 of every district."""
    changed = np.ones(side.shape, bool)
    changed[:, 1:] = (side[:, 1:] != side[:, :-1]) | (basis[:, 1:] != basis[:, :-1])
    rows, days = np.nonzero(changed)
    return rows, days


def changes_of(tl: ControlTimeline) -> dict[str, list[Change]]:
    """Per district, the days its state changed and the evidence ids behind each change."""
    rows, days = change_cells(tl.side, tl.basis)
    ov = tl.overlays
    by_district: dict[int, np.ndarray] = {}
    if ov and ov["ov_d"].size:
        order = np.argsort(ov["ov_d"], kind="stable")
        cuts = np.searchsorted(ov["ov_d"][order], np.arange(len(tl.district_ids) + 1))
        by_district = {i: order[cuts[i]:cuts[i + 1]] for i in range(len(tl.district_ids))}
    out: dict[str, list[Change]] = {d: [] for d in tl.district_ids}
    causes = tl.causes
    base = tl.base_cause
    for i, day, s, b in zip(rows.tolist(), days.tolist(), tl.side[rows, days].tolist(),
                            tl.basis[rows, days].tolist(), strict=True):
        ids: list[str] = []
        if s == tl.sides.contested and i in by_district:
            sel = by_district[i]
            sel = sel[(ov["ov_start"][sel] <= day) & (ov["ov_end"][sel] > day)]
            for c in ov["ov_cause"][sel].tolist():
                ids.extend(causes[c])
        if base is not None and base[i, day] >= 0:
            ids.extend(causes[int(base[i, day])])
        out[tl.district_ids[i]].append(Change(day, s, b, tuple(dict.fromkeys(ids))))
    return out
