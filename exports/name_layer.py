"""District names on exported maps: the names layer of the app, placed for a fixed page.

The app places its names in the browser as the reader pans and zooms
(``assets/labels.js``); an export has one view, so the names are placed here once for
it, by the same rule: largest district first, a name only where its district is at
least about as wide as the name at this scale, never over a name already placed, never
cut by the map's edge. The names are one text trace with a white halo, on the map's
axes, so they stay text (selectable in a PDF, editable in an SVG).
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from exports.canvas import Box
from exports.mercator import merc_y
from viewmodel.place_names import PlaceName

NAME_SIZE = 11  # px; the app's names are 12 px on a screen read from nearer
CHAR_EM = 0.62  # width of an average bold character, in ems (DejaVu Sans Bold)
PAD = 3
MIN_FIT = 0.6  # as labels.js: the district must be this much of the name's width


@dataclass(frozen=True)
class PlacedName:
    """A name placed on the export: its place and its position in map coordinates."""

    place: PlaceName
    text: str
    x: float  # longitude
    y: float  # Web Mercator ordinate, in degrees (as exports.vector_map draws)


def text_width(text: str, size: float = NAME_SIZE) -> float:
    """The width of ``text`` in px, near enough to keep names apart."""
    return len(text) * size * CHAR_EM


def place_names(places: tuple[PlaceName, ...], x_range: tuple[float, float],
                y_range: tuple[float, float], box: Box, arabic: bool = False,
                size: float = NAME_SIZE) -> list[PlacedName]:
    """The names that fit the map box ``box`` showing ``x_range`` x ``y_range``."""
    (x0, x1), (y0, y1) = x_range, y_range
    sx, sy = box.width / (x1 - x0), box.height / (y1 - y0)
    placed: list[PlacedName] = []
    taken: list[tuple[float, float, float, float]] = []
    for place in places:
        if not place.labelled:
            continue
        text = place.arabic if arabic and place.arabic else place.label
        y = merc_y(place.lat) or 0.0
        px, py = (place.lon - x0) * sx, (y1 - y) * sy
        lo, hi = merc_y(place.bbox[1]) or 0.0, merc_y(place.bbox[3]) or 0.0
        wide = max((place.bbox[2] - place.bbox[0]) * sx, (hi - lo) * sy)
        w = text_width(text, size)
        if wide < w * MIN_FIT:
            continue
        rect = (px - w / 2 - PAD, py - size / 2 - PAD, px + w / 2 + PAD, py + size / 2 + PAD)
        if rect[0] < 0 or rect[1] < 0 or rect[2] > box.width or rect[3] > box.height:
            continue
        if any(rect[0] < o[2] and o[0] < rect[2] and rect[1] < o[3] and o[1] < rect[3]
               for o in taken):
            continue
        taken.append(rect)
        placed.append(PlacedName(place, text, place.lon, y))
    return placed


def name_trace(names: list[PlacedName], axes: tuple[str, str],
               size: float = NAME_SIZE, visible: bool = True) -> go.Scatter:
    """The placed names as one text trace on ``axes``, dark with a white halo."""
    return go.Scatter(
        x=[n.x for n in names], y=[n.y for n in names], text=[n.text for n in names],
        mode="text", xaxis=axes[0], yaxis=axes[1], hoverinfo="skip", showlegend=False,
        name="District names", visible=visible,
        textfont={"size": size, "color": "#1A1A1A", "weight": "bold",
                  "shadow": "0px 0px 2px #fff, 0px 0px 3px #fff, 0px 0px 4px #fff"},
    )
