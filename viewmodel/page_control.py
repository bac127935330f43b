"""Control state of the page's days: colour codes, hover texts and front lines.

The timeline stores a district x day array over its own date range; the page shows the
battle window. This module cuts that window out once, turns side and basis into one
number per district and day (``z = side * len(BASIS_CODES) + basis``, side codes being the theatre's
(:class:`geodata.sides.SideCodes`), drawn with a stepped colour scale, far faster in
Plotly than one colour per category) and indexes the hover texts, which repeat for as
long as a state lasts, into a small table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from geodata.sides import SideCodes
from timeline.control.model import BASIS_CODES, ControlTimeline, Evidence, holder_change_days
from viewmodel.hover import quote_block, safe

ASSUMED = BASIS_CODES.index("assumed")
N_BASIS = len(BASIS_CODES)
MAX_EVIDENCE = 2
COORD_DECIMALS = 5


@dataclass(frozen=True, eq=False)
class ControlView:
    """One replay of control over the page's days (as reported, or as known then).

    ``z`` and ``hover`` are (n_days, n_districts): the colour code and the index into
    ``texts`` of each district's hover label; ``front`` is (n_days,) into the page's
    front lines (-1: none); ``changes`` are the days where a district changed hands.
    """

    z: np.ndarray
    hover: np.ndarray
    texts: tuple[str, ...]
    front: np.ndarray
    changes: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "z": self.z.tolist(),
            "hover": self.hover.tolist(),
            "texts": list(self.texts),
            "front": self.front.tolist(),
            "changes": list(self.changes),
        }


def window_columns(timeline: ControlTimeline, start: dt.date, n_days: int) -> np.ndarray:
    """Timeline column of each page day, -1 where the timeline does not reach."""
    cols = np.arange(n_days) + timeline.day_index(start)
    return np.where((cols >= 0) & (cols < timeline.n_days), cols, -1)


def _codes(timeline: ControlTimeline, side: np.ndarray, basis: np.ndarray,
           district_ids: tuple[str, ...], cols: np.ndarray,
           sides: SideCodes) -> tuple[np.ndarray, np.ndarray]:
    """Side codes of ``sides`` and basis codes (n_districts, n_days); unknown/assumed
    where nothing is known."""
    n = len(district_ids)
    lut = np.array([sides.code(name) for name in timeline.side_codes], dtype=np.int16)
    side = lut[side]
    out_side = np.full((n, cols.size), sides.unknown, dtype=np.int16)
    out_basis = np.full((n, cols.size), ASSUMED, dtype=np.int16)
    row_of = {d: i for i, d in enumerate(timeline.district_ids)}
    valid = cols >= 0
    for i, did in enumerate(district_ids):
        row = row_of.get(did)
        if row is None:
            continue
        out_side[i, valid] = side[row, cols[valid]]
        out_basis[i, valid] = basis[row, cols[valid]]
    return out_side, out_basis


def _rows(timeline: ControlTimeline, district_ids: tuple[str, ...]) -> list[int]:
    """Timeline row of each page district (-1: not in the timeline)."""
    row_of = {d: i for i, d in enumerate(timeline.district_ids)}
    return [row_of.get(d, -1) for d in district_ids]


def _cells(timeline: ControlTimeline, table: np.ndarray | None,
           district_ids: tuple[str, ...], cols: np.ndarray) -> np.ndarray:
    """Values of a (district, day) timeline table on the page's cells (-1 when absent)."""
    out = np.full((len(district_ids), cols.size), -1, dtype=np.int64)
    if table is None:
        return out
    valid = cols >= 0
    for i, row in enumerate(_rows(timeline, district_ids)):
        if row >= 0:
            out[i, valid] = table[row, cols[valid]]
    return out


def _evidence_text(timeline: ControlTimeline, row: int, col: int, known: bool = False) -> str:
    """The quotes behind a timeline cell, with source and publication date (at most two),
    then the review notes of claims held back; ``known``: behind the cell of the "as
    known on" replay, as known on its day."""
    if row < 0 or col < 0:
        return ""
    evidence = timeline.known_evidence(row, col) if known else timeline.evidence_at(row, col)
    return evidence_text(evidence)


@lru_cache(maxsize=8192)
def evidence_text(evidence: tuple[Evidence, ...]) -> str:
    """The hover lines of a cell's evidence (at most two blocks, then the review notes).

    Cached by value: a decision republishes the page, and the cells it leaves alone keep
    evidence equal to the last build's, whose text is then not escaped and wrapped again.
    """
    blocks = [evidence_block(ev) for ev in evidence[:MAX_EVIDENCE]]
    notes = dict.fromkeys(ev.review.note for ev in evidence if ev.review is not None)
    blocks += [f"<b>needs review:</b> {safe(note)}" for note in notes]
    return "<br>".join(blocks)


def evidence_block(ev: Evidence) -> str:
    """One piece of evidence in a hover: its quote, source and date; for an analyst's
    override who decided it and when; for a claim its source grade and credibility."""
    text = quote_block(ev.quote, ev.source, ev.published or ev.date)
    if ev.author:
        text += f"<br><b>analyst</b> {safe(ev.author)}, decided {safe(ev.decided)}"
    if ev.grading:
        text += f"<br>{safe(ev.grading)}"
    return text


def _label(name: str, side: str, basis: int) -> str:
    return (f"<b>{safe(name)}</b><br>{safe(side)}"
            f" ({BASIS_CODES[basis]})")


def control_view(timeline: ControlTimeline, names: tuple[str, ...],
                 district_ids: tuple[str, ...], start: dt.date, n_days: int,
                 known: bool = False, sides: SideCodes | None = None) -> ControlView:
    """The page's replay of ``timeline``: as reported, or (``known``) as known each day.

    ``sides``: the page's side codes (its theatre's; default the timeline's own), which
    the colour codes ``z`` use whatever order the stored timeline has.
    """
    sides = sides or timeline.sides
    cols = window_columns(timeline, start, n_days)
    side_src = timeline.side_known if known else None
    basis_src = timeline.basis_known if known else None
    if side_src is None or basis_src is None:
        side_src, basis_src = timeline.side, timeline.basis
    side, basis = _codes(timeline, side_src, basis_src, district_ids, cols, sides)
    since_tab = timeline.since_known if known else timeline.since
    cause_tab = timeline.cause_known if known else timeline.base_cause
    detailed = not known or (since_tab is not None and cause_tab is not None
                             and timeline.side_known is not None)
    if detailed:
        since = _cells(timeline, since_tab, district_ids, cols)
        cause = _cells(timeline, cause_tab, district_ids, cols)
    else:  # a timeline stored before the replay kept its details
        since = cause = np.full(side.shape, -1, dtype=np.int64)
    hover, texts = _hover_table(timeline, names, district_ids, cols,
                                np.stack([side, basis, since, cause]), known, sides, detailed)
    front_src = timeline.front_index_known if known else None
    if front_src is None:
        front_src = timeline.front_index
    front = np.full(n_days, -1, dtype=np.int64)
    if front_src is not None:
        valid = cols >= 0
        front[valid] = np.asarray(front_src)[cols[valid]]
    return ControlView(
        z=(side * N_BASIS + basis).T.astype(np.int8),
        hover=hover.T,
        texts=texts,
        front=front,
        changes=side_changes(side, sides.contested),
    )


def _hover_table(timeline: ControlTimeline, names: tuple[str, ...],
                 district_ids: tuple[str, ...], cols: np.ndarray, state: np.ndarray,
                 known: bool, sides: SideCodes,
                 detailed: bool = True) -> tuple[np.ndarray, tuple[str, ...]]:
    """Index every distinct (district, side, basis, since, cause) into hover labels.

    ``state`` stacks the side, basis, since and cause tables, each (n_districts, n_days);
    ``known``: of the "as known on" replay (since and cause as known on each day), whose
    labels say so; without ``detailed`` (an older store) they hold side and basis only.
    """
    _, n, days = state.shape
    keys = np.concatenate([np.repeat(np.arange(n), days)[:, None],
                           state.reshape(4, -1).T], axis=1)
    unique, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    rows = _rows(timeline, district_ids)
    texts = []
    for (d, s, b, sday, _cause), cell in zip(unique.tolist(), first.tolist(), strict=True):
        text = _label(names[d], sides.name(s), b)
        if known and not detailed:
            text += "<br>as known on the slider date"
        elif sday >= 0:
            text += f"<br>since {timeline.date_of(sday).isoformat()}"
            text += " (as known then)" if known else ""
            evidence = _evidence_text(timeline, rows[d], int(cols[cell % days]), known)
            if evidence:
                text += "<br>" + evidence
        texts.append(text)
    return inverse.reshape(n, days), tuple(texts)


def side_changes(side: np.ndarray, contested: int | None = None) -> tuple[int, ...]:
    """Days (columns) on which at least one district changed hands: its holder
    (:func:`timeline.control.model.holders`) differs from the day before. Fighting that
    starts, or ends with the district back with its holder, is no change. Without
    ``contested``, any change of side counts."""
    if side.shape[1] < 2:
        return ()
    if contested is None:
        changed = (side[:, 1:] != side[:, :-1]).any(axis=0)
        return tuple(int(d) + 1 for d in np.flatnonzero(changed))
    return tuple(int(d) for d in np.flatnonzero(holder_change_days(side, contested).any(axis=0)))


def empty_view(n_districts: int, n_days: int, names: tuple[str, ...],
               sides: SideCodes) -> ControlView:
    """Every district unknown on every day: the page when no timeline is stored."""
    texts = tuple(f"<b>{safe(n)}</b><br>unknown (nothing to show yet)" for n in names)
    hover = np.tile(np.arange(n_districts), (n_days, 1))
    z = np.full((n_days, n_districts), sides.unknown * N_BASIS + ASSUMED, dtype=np.int8)
    return ControlView(z=z, hover=hover, texts=texts,
                       front=np.full(n_days, -1, dtype=np.int64), changes=())


def line_coords(geometry: dict[str, Any] | None) -> dict[str, list[float | None]]:
    """A GeoJSON (multi)line as lon/lat lists for a Scattermap, parts split by None."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    if not geometry:
        return {"lon": lon, "lat": lat}
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    parts = [coords] if kind == "LineString" else coords if kind == "MultiLineString" else []
    if kind == "GeometryCollection":
        for sub in geometry.get("geometries", []):
            more = line_coords(sub)
            lon += [*more["lon"], None] if more["lon"] else []
            lat += [*more["lat"], None] if more["lat"] else []
    for part in parts:
        if lon:
            lon.append(None)
            lat.append(None)
        lon += [round(float(p[0]), COORD_DECIMALS) for p in part]
        lat += [round(float(p[1]), COORD_DECIMALS) for p in part]
    return {"lon": lon, "lat": lat}


def line_parts(geometry: dict[str, Any] | None) -> list[tuple[list[float], list[float]]]:
    """The parts of a GeoJSON (multi)line as (lon, lat) lists, coordinates rounded."""
    if not geometry:
        return []
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        return [p for sub in geometry.get("geometries", []) for p in line_parts(sub)]
    coords = geometry.get("coordinates") or []
    parts = [coords] if kind == "LineString" else coords if kind == "MultiLineString" else []
    return [([round(float(p[0]), COORD_DECIMALS) for p in part],
             [round(float(p[1]), COORD_DECIMALS) for p in part]) for part in parts]


Edge = tuple[list[float], list[float]]


def front_table(geometries: list[dict[str, Any] | None],
                ) -> tuple[tuple[Edge, ...], tuple[tuple[int, ...], ...]]:
    """The distinct line parts (edges) of the front geometries, and each front's edges.

    The fronts of a timeline are unions of a few thousand shared boundary edges: each
    edge is sent once, each front as the list of its edges' indices (see :func:`join_edges`).
    """
    index: dict[tuple[tuple[float, ...], tuple[float, ...]], int] = {}
    edges: list[Edge] = []
    fronts: list[tuple[int, ...]] = []
    for geometry in geometries:
        ids = []
        for lon, lat in line_parts(geometry):
            key = (tuple(lon), tuple(lat))
            i = index.get(key)
            if i is None:
                i = index[key] = len(edges)
                edges.append((lon, lat))
            ids.append(i)
        fronts.append(tuple(ids))
    return tuple(edges), tuple(fronts)


def join_edges(edges: tuple[Edge, ...], ids: tuple[int, ...]) -> dict[str, list[float | None]]:
    """One front as lon/lat lists for a Scattermap, its edges split by None (as
    ``joinFront`` in ``assets/frontline.js``)."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    for i in ids:
        if lon:
            lon.append(None)
            lat.append(None)
        lon += edges[i][0]
        lat += edges[i][1]
    return {"lon": lon, "lat": lat}
