"""The control map of a day as vector shapes on plain axes, for printed exports.

The app draws its map with MapLibre (WebGL). A briefing page wants something else: a
map that stays sharp when zoomed in a PDF, that an editor can restyle in an SVG, and
that renders without a WebGL context (a software-drawn MapLibre map cost 1.3 s of each
1.5 s snapshot). So exports draw the same day from the same view model
(:func:`viewmodel.page_data.frame`) and with the same colours as
:func:`viewmodel.figures.control_map`, but as SVG: districts and the city outline are
layout shapes (``path`` with holes, even-odd filled), the river, the front line,
bridges and events are ordinary scatter traces.

Coordinates are Web Mercator, as on the app's map: ``x`` is longitude and ``y`` the
Mercator ordinate in degrees, so both axes share one scale and the scale bar is exact
at the map's centre latitude.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from exports.canvas import Box
from exports.mercator import lat_of as _lat
from exports.mercator import merc_y
from exports.name_layer import NAME_SIZE, name_trace, place_names
from geodata.context import bridges, city_outline, river_line
from geodata.theatre import Theatre
from viewmodel.figures import (
    EVENT_SIZE,
    FRONT_COLOR,
    LAYER_NAMES,
    OUTLINE_COLOR,
    RIVER_COLOR,
    code_colors,
)
from viewmodel.page_data import PageData, frame
from viewmodel.page_events import KIND_COLORS, PageEvent

EARTH_M = 40_075_016.686  # the equator's length: metres per 360 degrees of longitude
OUTLINE_FILL = "#F4F1EA"
DISTRICT_OPACITY = 0.85
PAD = 0.06
DECIMALS = 6


@dataclass(frozen=True)
class View:
    """The axis ranges that fit a bounding box into a pixel box at one scale."""

    x_range: tuple[float, float]
    y_range: tuple[float, float]
    metres_per_px: float


def fit(bounds: Sequence[float], box: Box, pad: float = PAD) -> View:
    """Ranges that show lon/lat ``bounds`` (minx, miny, maxx, maxy) whole inside ``box``."""
    minx, miny, maxx, maxy = bounds
    y0, y1 = merc_y(miny), merc_y(maxy)
    assert y0 is not None and y1 is not None
    w, h = box.width * (1 - 2 * pad), box.height * (1 - 2 * pad)
    per_px = max((maxx - minx) / w, (y1 - y0) / h, 1e-9)
    cx, cy = (minx + maxx) / 2, (y0 + y1) / 2
    half_w, half_h = per_px * box.width / 2, per_px * box.height / 2
    metres = per_px * EARTH_M / 360 * math.cos(math.radians(_lat(cy)))
    return View((cx - half_w, cx + half_w), (cy - half_h, cy + half_h), metres)


def _ring(coords: Iterable[Sequence[float]]) -> str:
    points = [f"{round(x, DECIMALS)},{round(merc_y(y) or 0.0, DECIMALS)}" for x, y, *_ in coords]
    return "M" + "L".join(points) + "Z"


def svg_path(geometry: dict[str, Any]) -> str:
    """An SVG path of a GeoJSON (Multi)Polygon, or of the polygons of a collection (holes
    as extra sub-paths; lines and points draw nothing)."""
    kind = geometry.get("type")
    if kind == "GeometryCollection":  # what a repaired boundary can become
        return "".join(svg_path(part) for part in geometry.get("geometries", ()))
    if kind == "Polygon":
        polygons = [geometry["coordinates"]]
    elif kind == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return ""
    return "".join(_ring(ring) for polygon in polygons for ring in polygon if len(ring) > 2)


def _area(path: str, color: str, axes: tuple[str, str], line: str, width: float,
          opacity: float = 1.0, visible: bool = True) -> dict[str, Any]:
    return {"type": "path", "path": path, "xref": axes[0], "yref": axes[1], "layer": "below",
            "fillcolor": color, "fillrule": "evenodd", "opacity": opacity,
            "line": {"color": line, "width": width}, "visible": visible}


def _line_xy(lon: Sequence[float | None], lat: Sequence[float | None]) -> dict[str, list[Any]]:
    return {"x": list(lon), "y": [merc_y(v) for v in lat]}


def vector_map(page: PageData, theatre: Theatre, day: int, *, known: bool = False,
               axes: tuple[str, str] = ("x", "y"),
               events: Sequence[tuple[PageEvent, float]] | None = None,
               layers: Iterable[str] = LAYER_NAMES, box: Box | None = None,
               view: View | None = None, name_size: float = NAME_SIZE,
               ) -> tuple[list[go.Scatter], list[dict[str, Any]]]:
    """Traces and shapes of the control map on page day ``day`` on the axes ``axes``.

    ``axes`` are the trace axis names ("x3", "y3"); the caller places and ranges them
    (see :func:`fit` and :func:`axis_layout`). ``events``: (event, opacity) pairs to
    mark instead of the app's window of that day. ``layers``: the app's layer names
    shown (:data:`viewmodel.figures.LAYER_NAMES`); the others are drawn invisible.
    ``box`` and ``view``: the pixel box and ranges the map is drawn at; with both, the
    district names are placed for them, ``name_size`` px high (:mod:`exports.name_layer`,
    the "names" layer).
    """
    shown = set(layers)
    state = frame(page, day, known)
    colors = code_colors(theatre)
    city = city_outline(theatre)
    shapes = [_area(svg_path(city.__geo_interface__), OUTLINE_FILL, axes, OUTLINE_FILL, 0,
                    visible="context" in shown)]
    for feature, code in zip(page.geojson["features"], state["z"], strict=True):
        shapes.append(_area(svg_path(feature["geometry"]), colors[int(code)], axes,
                            "#FFFFFF", 0.6, DISTRICT_OPACITY, visible="districts" in shown))
    xa, ya = axes
    common = {"xaxis": xa, "yaxis": ya, "hoverinfo": "skip", "showlegend": False}
    ring = list(city.exterior.coords)
    line = river_line(theatre)
    river = list(line.coords) if line is not None else []
    front = state["front"]
    spans = bridges(theatre)
    traces = [
        go.Scatter(**_line_xy([p[0] for p in ring], [p[1] for p in ring]), mode="lines",
                   line={"color": OUTLINE_COLOR, "width": 1.5, "dash": "dot"},
                   name="City outline", visible="context" in shown, **common),
        go.Scatter(**_line_xy(front["lon"], front["lat"]), mode="lines",
                   line={"color": FRONT_COLOR, "width": 6}, name="Front line",
                   visible="front" in shown, **common),
        go.Scatter(**_line_xy([p[0] for p in river], [p[1] for p in river]), mode="lines",
                   line={"color": RIVER_COLOR, "width": 3}, name="River",
                   visible="context" in shown, **common),
        go.Scatter(**_line_xy([b.point.x for b in spans], [b.point.y for b in spans]),
                   mode="markers", marker={"size": 9, "color": "#333333"}, name="Bridges",
                   visible="bridges" in shown, **common),
    ]
    if events is None:
        events = [(page.events[i], alpha) for i, alpha in state["events"]]
    lon, lat, color, opacity = [], [], [], []
    for ev, alpha in events:
        for x, y in zip(ev.lon, ev.lat, strict=True):
            lon.append(x)
            lat.append(y)
            color.append(KIND_COLORS[ev.kind])
            opacity.append(alpha)
    traces += [
        go.Scatter(**_line_xy(lon, lat), mode="markers", name="Event halos",
                   marker={"size": EVENT_SIZE + 4, "color": "#FFFFFF", "opacity": opacity},
                   visible="events" in shown, **common),
        go.Scatter(**_line_xy(lon, lat), mode="markers", name="Events",
                   marker={"size": EVENT_SIZE, "color": color, "opacity": opacity,
                           "line": {"width": 0}}, visible="events" in shown, **common),
    ]
    if box is not None and view is not None:
        names = place_names(page.places, view.x_range, view.y_range, box, size=name_size)
        traces.append(name_trace(names, axes, name_size, visible="names" in shown))
    return traces, shapes


def axis_layout(view: View, domain: dict[str, list[float]],
                axes: tuple[str, str]) -> dict[str, dict[str, Any]]:
    """Layout entries placing the map axes ``axes`` on ``domain`` with ``view``'s ranges."""
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": True}
    xname, yname = (f"{a[0]}axis{a[1:]}" for a in axes)
    return {
        xname: {**hidden, "domain": domain["x"], "range": list(view.x_range),
                "anchor": axes[1]},
        yname: {**hidden, "domain": domain["y"], "range": list(view.y_range),
                "anchor": axes[0]},
    }
