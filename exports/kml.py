"""KML of the state at a date, for Google Earth: districts styled by side, the front
line, and the events as placemarks, each with its evidence in the description.

KML colours are ``aabbggrr`` (alpha, blue, green, red), the reverse of CSS ``#rrggbb``;
:func:`kml_color` converts. Written with ``xml.etree`` so every text is escaped as XML;
and because Google Earth renders a ``<description>`` and the balloon's data values as
HTML, their text is HTML-escaped too (:func:`_html_text`): an article's markup or a
``javascript:`` link shows as text, never as markup or a link; a source's address is
listed only when :func:`frontline.links.safe_link` keeps it (:mod:`exports.selection`).
"""

from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET
from typing import Any

from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from exports import tables
from exports.context import ExportContext

KML_NS = "http://www.opengis.net/kml/2.2"
FILL_ALPHA = 0xB0


def kml_color(css: str, alpha: int = 0xFF) -> str:
    """``#RRGGBB`` to KML's ``aabbggrr``."""
    hexa = css.lstrip("#")
    r, g, b = hexa[0:2], hexa[2:4], hexa[4:6]
    return f"{alpha:02x}{b}{g}{r}".lower()


def _html_text(text: str) -> str:
    """Text as Google Earth's HTML renderer must show it: literally."""
    return html.escape(text, quote=True)


def _description(parent: ET.Element, text: str) -> ET.Element:
    return _sub(parent, "description", _html_text(text))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _coords(points: Any) -> str:
    return " ".join(f"{x:.6f},{y:.6f},0" for x, y, *_ in points)


def _geometry(parent: ET.Element, geom: BaseGeometry) -> None:
    if isinstance(geom, Polygon):
        poly = _sub(parent, "Polygon")
        outer = _sub(_sub(poly, "outerBoundaryIs"), "LinearRing")
        _sub(outer, "coordinates", _coords(geom.exterior.coords))
        for ring in geom.interiors:
            inner = _sub(_sub(poly, "innerBoundaryIs"), "LinearRing")
            _sub(inner, "coordinates", _coords(ring.coords))
    elif isinstance(geom, LineString):
        line = _sub(parent, "LineString")
        _sub(line, "tessellate", "1")
        _sub(line, "coordinates", _coords(geom.coords))
    elif isinstance(geom, Point):
        _sub(_sub(parent, "Point"), "coordinates", _coords([(geom.x, geom.y)]))
    elif isinstance(geom, (MultiPolygon, MultiLineString)) or hasattr(geom, "geoms"):
        multi = _sub(parent, "MultiGeometry")
        for part in geom.geoms:
            _geometry(multi, part)


def _styles(doc: ET.Element, ctx: ExportContext) -> None:
    for key, side in ctx.theatre.sides.items():
        style = _sub(doc, "Style", id=f"side-{key}")
        line = _sub(style, "LineStyle")
        _sub(line, "color", "ffffffff")
        _sub(line, "width", "1")
        poly = _sub(style, "PolyStyle")
        _sub(poly, "color", kml_color(side.color, FILL_ALPHA))
    front = _sub(doc, "Style", id="front")
    front_line = _sub(front, "LineStyle")
    _sub(front_line, "color", "ff111111")
    _sub(front_line, "width", "4")
    event = _sub(doc, "Style", id="event")
    _sub(_sub(event, "IconStyle"), "color", "ff0000ff")


def _extended(placemark: ET.Element, values: dict[str, Any]) -> None:
    data = _sub(placemark, "ExtendedData")
    for key, value in values.items():
        item = _sub(data, "Data", name=key)
        _sub(item, "value", "" if value is None else _html_text(str(value)))


def kml_bytes(ctx: ExportContext, date: dt.date, known: bool = False) -> bytes:
    meta = tables.metadata(ctx, date, known)
    root = ET.Element("kml", xmlns=KML_NS)
    doc = _sub(root, "Document")
    _sub(doc, "name", f"{ctx.theatre.title}: control on {date.isoformat()}")
    _description(doc, f"{meta['caveat']} Sources: " + "; ".join(meta["sources"]))
    _styles(doc, ctx)
    folder = _sub(doc, "Folder")
    _sub(folder, "name", "Districts")
    for row in tables.district_table(ctx, date, known).to_dict("records"):
        mark = _sub(folder, "Placemark", id=f"district-{row['id']}")
        _sub(mark, "name", str(row["name"]))
        _description(mark, f"{row['side']} ({row['basis']}) since {row['since']}. "
             f"Evidence: {row['evidence'] or 'none'}"
             + (f" Needs review: {row['review']}" if row.get("review") else ""))
        _sub(mark, "styleUrl", f"#side-{row['side']}")
        _extended(mark, {k: v for k, v in row.items() if k != "geometry"})
        _geometry(mark, row["geometry"])
    fronts = _sub(doc, "Folder")
    _sub(fronts, "name", "Front line")
    for row in tables.front_table(ctx, date, known).to_dict("records"):
        mark = _sub(fronts, "Placemark")
        _sub(mark, "name", f"Front line, {row['length_km']} km")
        _sub(mark, "styleUrl", "#front")
        _geometry(mark, row["geometry"])
    events = _sub(doc, "Folder")
    _sub(events, "name", "Events")
    for row in tables.event_table(ctx, date, known).to_dict("records"):
        if row["geometry"] is None:
            continue
        mark = _sub(events, "Placemark")
        _sub(mark, "name", f"{row['kind']} {row['date']}: {row['mentions']}")
        _description(mark, f"“{row['quote']}” ({row['source']}, {row['published']})")
        _sub(mark, "styleUrl", "#event")
        _extended(mark, {k: v for k, v in row.items() if k != "geometry"})
        _geometry(mark, row["geometry"])
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
