"""The state at a date as tables: districts, front line, events and figures.

Column names are module constants (they are documented in the README, and CSV users
script against them). Every table is plain data built from the export context; the
writers in :mod:`exports.data` and :mod:`exports.kml` only encode it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import MultiPoint, Point, shape

from exports import selection
from exports.context import ExportContext
from frontline.links import safe_link
from geodata import districts as gd
from viewmodel.amounts import amount_text
from viewmodel.page_events import SHARE_KIND, place_points

CRS = "EPSG:4326"
SIDE = "side"
BASIS = "basis"
SINCE = "since"
EVIDENCE = "evidence"
SOURCES = "sources"
AS_OF = "as_of"
HOLDER = "holder"
REVIEW = "review"
GRADE = "grade"              # each piece of evidence's source grade (A-F), joined
CREDIBILITY = "credibility"  # ... and its credibility (1-6), joined
ANALYST = "analyst"          # the overrides behind the state: author, day decided, note
CENTROID_LON = "centroid_lon"
CENTROID_LAT = "centroid_lat"
EVIDENCE_SEPARATOR = " | "
DISTRICT_COLUMNS = (gd.ID, gd.NAME, gd.NAME_AR, gd.BANK, SIDE, BASIS, SINCE, EVIDENCE, SOURCES,
                    gd.CONFIDENCE, gd.UNCERTAINTY_KM, gd.APPROXIMATE, gd.AREA_KM2,
                    CENTROID_LON, CENTROID_LAT, AS_OF, HOLDER, REVIEW, GRADE, CREDIBILITY,
                    ANALYST)
EVENT_COLUMNS = ("id", "kind", "date", "date_precision", "status", "side", "actor", "places",
                 "mentions", "quote", "source_text", "source", "published", GRADE, CREDIBILITY,
                 "reviewed", "url")
ANNOTATION_COLUMNS = ("id", "place", "day", "text", "author", "decided", "source",
                      "source_date")
# Columns are only ever appended: a reader that takes them by position keeps working.
FIGURE_COLUMNS = ("id", "kind", "value", "qualifier", "low", "high", "as_of", "since",
                  "subject", "claimant", "quote", "source_text", "source", "published", "amount",
                  "reviewed", "url")


def district_table(ctx: ExportContext, date: dt.date, known: bool = False) -> gpd.GeoDataFrame:
    """One row per district: its polygon and its side, basis, since and evidence on ``date``."""
    rows = district_rows(ctx, date, known)
    for row, geom in zip(rows, ctx.districts.geometry, strict=True):
        row["geometry"] = geom
    return gpd.GeoDataFrame(rows, columns=[*DISTRICT_COLUMNS, "geometry"], geometry="geometry",
                            crs=CRS)


def district_rows(ctx: ExportContext, date: dt.date, known: bool = False) -> list[dict[str, Any]]:
    """The rows of :func:`district_table` without their polygons (what a CSV holds: no
    GeoDataFrame is built for it), in the order of ``ctx.districts``."""
    states = {s.id: s for s in selection.states_at(ctx, date, known)}
    base = ctx.districts
    rows = []
    for record in base.itertuples(index=False):
        did = str(getattr(record, gd.ID))
        state = states.get(did)
        geom = record.geometry
        centre = geom.representative_point()
        rows.append({
            gd.ID: did,
            gd.NAME: str(getattr(record, gd.NAME, did)),
            gd.NAME_AR: str(getattr(record, gd.NAME_AR, "") or ""),
            gd.BANK: str(getattr(record, gd.BANK, "") or ""),
            SIDE: state.side if state else "unknown",
            BASIS: state.basis if state else "assumed",
            SINCE: state.since.isoformat() if state else "",
            EVIDENCE: EVIDENCE_SEPARATOR.join(e.quote for e in state.evidence) if state else "",
            SOURCES: EVIDENCE_SEPARATOR.join(dict.fromkeys(
                f"{e.source} ({e.date})" for e in state.evidence)) if state else "",
            gd.CONFIDENCE: str(getattr(record, gd.CONFIDENCE, "") or ""),
            gd.UNCERTAINTY_KM: _float(getattr(record, gd.UNCERTAINTY_KM, None)),
            gd.APPROXIMATE: bool(getattr(record, gd.APPROXIMATE, True)),
            gd.AREA_KM2: round(float(getattr(record, gd.AREA_KM2, 0.0)), 4),
            CENTROID_LON: round(centre.x, 5),
            CENTROID_LAT: round(centre.y, 5),
            AS_OF: date.isoformat(),
            # who held it before any fighting, and the claims held back for an analyst
            HOLDER: (state.holder or state.side) if state else "unknown",
            REVIEW: EVIDENCE_SEPARATOR.join(dict.fromkeys(
                r.note for r in state.reviews)) if state else "",
            # per piece of evidence, in the order of ``evidence`` ("-": not graded)
            GRADE: EVIDENCE_SEPARATOR.join(e.grade or "-" for e in state.evidence)
            if state else "",
            CREDIBILITY: EVIDENCE_SEPARATOR.join(str(e.credibility or "-")
                                                 for e in state.evidence) if state else "",
            ANALYST: EVIDENCE_SEPARATOR.join(
                f"{e.author}, decided {e.decided}: {e.quote} ({e.source})"
                for e in state.evidence if e.author) if state else "",
        })
    return rows




def front_table(ctx: ExportContext, date: dt.date, known: bool = False) -> gpd.GeoDataFrame:
    """The front line on ``date`` (no row when the sides do not meet or nothing is built)."""
    geometry = selection.front_at(ctx, date, known)
    rows = []
    if geometry:
        line = shape(geometry)
        if not line.is_empty:
            km = gpd.GeoSeries([line], crs=CRS).to_crs(ctx.theatre.crs).length.iloc[0] / 1000
            rows.append({"as_of": date.isoformat(), "length_km": round(float(km), 3),
                         "geometry": line})
    return gpd.GeoDataFrame(rows, columns=["as_of", "length_km", "geometry"],
                            geometry="geometry", crs=CRS)


def event_table(ctx: ExportContext, date: dt.date, known: bool = False) -> gpd.GeoDataFrame:
    """Every event dated on or before ``date``, at its places' points (none: no geometry)."""
    start = ctx.theatre.initial_since
    rows = []
    for ev in selection.events_between(ctx, start, date, known):
        points = place_points(ctx.theatre, ctx.districts, (r.id for r in ev.places))
        geom: Any = None
        if len(points) == 1:
            geom = Point(points[0])
        elif points:
            geom = MultiPoint(points)
        prov = ev.provenance
        judged = ctx.timeline.evidence.get(ev.id) if ctx.timeline is not None else None
        rows.append({
            "id": ev.id, "kind": ev.kind, "date": ev.date.iso(),
            "date_precision": ev.date.precision, "status": ev.status, "side": ev.side,
            "actor": ev.actor, "places": ";".join(r.id or "" for r in ev.places),
            "mentions": ";".join(r.mention for r in ev.places),
            "quote": prov.excerpt(ev.note), "source_text": prov.quote, "source": prov.source,
            "published": prov.published.isoformat() if prov.published else "",
            GRADE: judged.grade if judged else "",
            CREDIBILITY: judged.credibility if judged and judged.credibility else None,
            "reviewed": ev.reviewed,  # the analyst's review ("accepted by ana"), or ""
            "url": safe_link(prov.url),  # the article's, or the chronology row's own source
            "geometry": geom,
        })
    return gpd.GeoDataFrame(rows, columns=[*EVENT_COLUMNS, "geometry"], geometry="geometry",
                            crs=CRS)


def annotation_table(ctx: ExportContext, date: dt.date,
                     known: bool = False) -> gpd.GeoDataFrame:
    """The analysts' annotations in force on ``date``, at their places' points, with
    their authors."""
    rows = []
    for a in selection.annotations_at(ctx, date, known):
        points = place_points(ctx.theatre, ctx.districts, [a.place])
        rows.append({
            "id": a.id, "place": a.place, "day": a.day.isoformat(), "text": a.text,
            "author": a.decided.author, "decided": a.decided.at.date().isoformat(),
            "source": a.source,
            "source_date": a.source_date.isoformat() if a.source_date else "",
            "geometry": Point(points[0]) if points else None,
        })
    return gpd.GeoDataFrame(rows, columns=[*ANNOTATION_COLUMNS, "geometry"],
                            geometry="geometry", crs=CRS)


def figure_table(ctx: ExportContext, date: dt.date, known: bool = False) -> pd.DataFrame:
    """Every figure dated on or before ``date`` (a table without geometry)."""
    rows = []
    for fig in selection.figures_up_to(ctx, date, known):
        prov = fig.provenance
        rows.append({
            "id": fig.id, "kind": fig.kind, "value": fig.value, "qualifier": fig.qualifier,
            "low": fig.low, "high": fig.high,
            # as a reader says it: "dozens (24–99)", never a mid-point
            "amount": amount_text(fig.value, fig.low, fig.high, fig.qualifier,
                                  fig.kind == SHARE_KIND),
            "as_of": fig.as_of.iso() if fig.as_of else "",
            "since": fig.since.iso() if fig.since else "",
            "subject": fig.subject, "claimant": fig.claimant,
            "quote": prov.excerpt(fig.note), "source_text": prov.quote, "source": prov.source,
            "published": prov.published.isoformat() if prov.published else "",
            "reviewed": fig.reviewed,
            "url": safe_link(prov.url),
        })
    return pd.DataFrame(rows, columns=list(FIGURE_COLUMNS))


def metadata(ctx: ExportContext, date: dt.date, known: bool = False) -> dict[str, Any]:
    """What travels with every data export: theatre, date, mode, caveat and sources."""
    from viewmodel.figures import APPROX_TEXT

    return {
        "theatre": ctx.theatre.title,
        "as_of": date.isoformat(),
        "known_on": date.isoformat() if known else None,
        "caveat": APPROX_TEXT if ctx.page.approximate else "Imported district boundaries.",
        "sources": [s.label() for s in selection.sources_of(ctx, date, known)],
        "sides": {k: {"label": s.label, "color": s.color}
                  for k, s in ctx.theatre.sides.items()},
    }


def _float(value: Any) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if out != out else out
