"""Data exports of the state at a date: GeoJSON, GeoPackage and CSV (KML: ``kml.py``).

- GeoJSON: one FeatureCollection; every feature has a ``layer`` property (``district``,
  ``front``, ``event``, ``annotation``: an analyst's note with its author); figures (no
  geometry) and the metadata (date, caveat, sources) ride along as foreign members
  ``figures`` and ``frontline``.
- GeoPackage: layers ``districts``, ``front_line``, ``events``, ``annotations``, and the
  attribute tables ``figures`` and ``sources`` (opens in QGIS as is).
- CSV: one table, the districts with their evidence (:data:`tables.DISTRICT_COLUMNS`,
  with each piece's source grade and credibility and the analysts' overrides);
  events and figures are in the GeoJSON and GeoPackage exports. Text a spreadsheet
  would run as a formula is neutralised (:mod:`exports.spreadsheet`).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio
import shapely
from shapely.geometry import mapping

from exports import tables
from exports.context import ExportContext
from exports.spreadsheet import neutralised

GPKG_LAYERS = ("districts", "front_line", "events", "figures", "sources", "annotations")
MULTI_TYPES = {"districts": "MultiPolygon", "front_line": "MultiLineString",
               "events": "MultiPoint", "annotations": "MultiPoint"}


def _features(gdf: Any, layer: str) -> list[dict[str, Any]]:
    out = []
    for row in gdf.to_dict("records"):
        geom = row.pop("geometry")
        props = {k: _plain(v) for k, v in row.items()}
        if geom is not None:  # RFC 7946: exterior rings counter-clockwise
            geom = shapely.orient_polygons(geom, exterior_cw=False)
        out.append({"type": "Feature", "properties": {"layer": layer, **props},
                    "geometry": mapping(geom) if geom is not None else None})
    return out


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return None if value != value else value
    return str(value)


def geojson_bytes(ctx: ExportContext, date: dt.date, known: bool = False) -> bytes:
    features = (_features(tables.district_table(ctx, date, known), "district")
                + _features(tables.front_table(ctx, date, known), "front")
                + _features(tables.event_table(ctx, date, known), "event")
                + _features(tables.annotation_table(ctx, date, known), "annotation"))
    figures = tables.figure_table(ctx, date, known)
    doc = {
        "type": "FeatureCollection",
        "frontline": tables.metadata(ctx, date, known),
        "features": features,
        "figures": [{k: _plain(v) for k, v in r.items()} for r in figures.to_dict("records")],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def csv_bytes(ctx: ExportContext, date: dt.date, known: bool = False) -> bytes:
    table = pd.DataFrame(tables.district_rows(ctx, date, known),
                         columns=list(tables.DISTRICT_COLUMNS))
    return neutralised(table).to_csv(index=False, lineterminator="\n").encode("utf-8")


def gpkg_bytes(ctx: ExportContext, date: dt.date, known: bool = False) -> bytes:
    meta = tables.metadata(ctx, date, known)
    sources = pd.DataFrame({"source": meta["sources"]})
    sources["as_of"] = meta["as_of"]
    sources["caveat"] = meta["caveat"]
    layers: list[tuple[str, Any]] = [
        ("districts", tables.district_table(ctx, date, known)),
        ("front_line", tables.front_table(ctx, date, known)),
        ("events", tables.event_table(ctx, date, known)),
        ("figures", tables.figure_table(ctx, date, known)),
        ("sources", sources),
        ("annotations", tables.annotation_table(ctx, date, known)),
    ]
    with tempfile.TemporaryDirectory(prefix="frontline-gpkg-") as tmp:
        path = Path(tmp) / "export.gpkg"
        for name, frame in layers:
            kwargs: dict[str, Any] = {}
            if "geometry" in frame.columns:
                kwargs["geometry_type"] = MULTI_TYPES[name]
                kwargs["promote_to_multi"] = True
            pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", **kwargs)
        return path.read_bytes()


def data_bytes(ctx: ExportContext, fmt: str, date: dt.date, known: bool = False) -> bytes:
    """Encode the state at ``date`` as one of the registry's data formats."""
    if fmt == "geojson":
        return geojson_bytes(ctx, date, known)
    if fmt == "csv":
        return csv_bytes(ctx, date, known)
    if fmt == "gpkg":
        return gpkg_bytes(ctx, date, known)
    from exports.kml import kml_bytes

    return kml_bytes(ctx, date, known)
