"""Pure figure builders: page data and a day in, a Plotly figure out. No Dash here.

The map uses MapLibre traces on the ``white-bg`` style and draws its own context
(river, city outline) as GeoJSON layers, so that nothing is fetched from the internet.
Districts are one ``Choroplethmap`` whose numeric ``z = side * 4 + basis`` (four bases,
:data:`~timeline.control.model.BASIS_CODES`) meets a stepped colour scale: each side has
its colour-blind-safe colour, ``inferred`` and ``assumed`` states get lighter tints of it
and an analyst's override a darker shade. The browser animates the same figure by
patching ``z`` and the texts (see ``assets/frontline.js``). Exports draw the same day
as vector shapes with the same colours (:mod:`exports.vector_map`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import plotly.graph_objects as go
from shapely.geometry import mapping

from geodata.context import bridges, city_outline, river_line
from geodata.theatre import Theatre
from timeline.control.model import BASIS_CODES
from timeline.decisions import BASIS_DECISION
from viewmodel.page_data import OFFLINE_STYLE, PageData, frame
from viewmodel.page_events import KIND_COLORS

RIVER_COLOR = "#5DA5DA"
OUTLINE_COLOR = "#555555"
FRONT_COLOR = "#111111"
# The selected event's ring: a deep magenta, drawn over a white edge in the browser,
# so that one of the two stands out on every side's colour, tint and shade (a grey ring
# vanished on the government's dark blue; tests/unit/test_ring_contrast.py).
RING_COLOR = "#9B0058"
BASIS_TINT = {"reported": 0.0, "inferred": 0.45, "assumed": 0.7}
# An analyst's override is drawn darker than a report: a person's call, set apart from
# every reading of the articles (the weaker bases are lighter) at a glance.
ANALYST_SHADE = 0.35
BASES = BASIS_CODES  # the legend's swatches, in code order

# "names" has no trace: the district names are HTML over the map (assets/labels.js).
LAYER_NAMES = ("districts", "front", "events", "bridges", "context", "names")
# The control map's traces, in drawing order, each with the layer that shows or hides
# it. The only owner of the order: :func:`control_map` builds its traces from it, and
# the browser patches them by the indices it is sent (``dashboard/client_config.py``).
MAP_TRACES: tuple[tuple[str, str], ...] = (
    ("districts", "districts"),
    ("front", "front"),
    ("bridges", "bridges"),
    ("halo", "events"),
    ("events", "events"),
    ("highlight", "events"),
)
TRACE_INDEX = {name: i for i, (name, _) in enumerate(MAP_TRACES)}
# The traces the page draws straight through MapLibre (assets/mapview.js), sent hidden:
# the districts' trace still carries their GeoJSON, ids and colour scale.
CLIENT_DRAWN = ("districts", "front", "halo", "events", "highlight")
TRACE_DISTRICTS = TRACE_INDEX["districts"]
TRACE_FRONT = TRACE_INDEX["front"]
TRACE_BRIDGES = TRACE_INDEX["bridges"]
TRACE_HALO = TRACE_INDEX["halo"]
TRACE_EVENTS = TRACE_INDEX["events"]
TRACE_HIGHLIGHT = TRACE_INDEX["highlight"]
EVENT_SIZE = 14
N_CONTEXT_LAYERS = 3  # the map.layers of :func:`context_layers`, all under "context"
APPROX_TEXT = "Approximate boundaries: estimated from low-confidence coordinates."


def tint(color: str, amount: float) -> str:
    """``color`` mixed with white by ``amount`` (0: unchanged, 1: white)."""
    rgb = [int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def shade(color: str, amount: float) -> str:
    """``color`` mixed with black by ``amount`` (0: unchanged, 1: black)."""
    rgb = [int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c * (1 - amount)):02X}" for c in rgb)


def basis_color(color: str, basis: str) -> str:
    """A side's ``color`` as a state of ``basis`` shows it (lighter when weaker, darker
    when an analyst set it)."""
    if basis == BASIS_DECISION:
        return shade(color, ANALYST_SHADE)
    return tint(color, BASIS_TINT[basis])


def code_colors(theatre: Theatre) -> list[str]:
    """Colour of each code ``side * len(BASIS_CODES) + basis``, sides in the theatre's
    code order."""
    return [basis_color(theatre.sides[side].color, basis)
            for side in theatre.side_codes.names for basis in BASIS_CODES]


def stepped_colorscale(colors: list[str]) -> list[list[Any]]:
    """A colour scale with one flat band per integer code (``zmin=-0.5``)."""
    n = len(colors)
    scale: list[list[Any]] = []
    for k, color in enumerate(colors):
        scale += [[k / n, color], [(k + 1) / n, color]]
    return scale


def context_layers(theatre: Theatre) -> list[dict[str, Any]]:
    """MapLibre layers for the city outline and the river (drawn under the traces).

    Always :data:`N_CONTEXT_LAYERS` of them, so the browser toggles the same layers in
    every theatre: a theatre without a river gets an empty river layer.
    """
    outline = {"type": "Feature", "properties": {}, "geometry": mapping(city_outline(theatre))}
    line = river_line(theatre)
    river: dict[str, Any] = (
        {"type": "Feature", "properties": {}, "geometry": mapping(line)} if line is not None
        else {"type": "FeatureCollection", "features": []})
    return [
        {"sourcetype": "geojson", "source": outline, "type": "fill", "color": "#F4F1EA",
         "below": "traces"},
        {"sourcetype": "geojson", "source": outline, "type": "line", "color": OUTLINE_COLOR,
         "line": {"width": 1.5, "dash": [2, 2]}},
        {"sourcetype": "geojson", "source": river, "type": "line", "color": RIVER_COLOR,
         "line": {"width": 3}},
    ]


HOVER_PX = 4


def _map_layout(theatre: Theatre, layers: list[dict[str, Any]], style: str) -> dict[str, Any]:
    return {
        "map": {"style": style,
                "center": {"lat": theatre.center[0], "lon": theatre.center[1]},
                "zoom": theatre.zoom, "layers": layers},
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "showlegend": False,
        "uirevision": theatre.name,
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"size": 12}},
        # A marker (bridge, event) wins the hover within this many pixels of its edge, a
        # district everywhere else. Plotly's 20 px let a bridge win over the district
        # under the pointer all along the river.
        "hoverdistance": HOVER_PX,
    }


def _bridges_trace(theatre: Theatre) -> go.Scattermap:
    spans = bridges(theatre)
    return go.Scattermap(
        lon=[b.point.x for b in spans], lat=[b.point.y for b in spans], mode="markers",
        marker={"size": 9, "color": "#333333"},
        hovertext=[f"<b>{b.name}</b><br>{b.connects}" for b in spans], hoverinfo="text",
        name="Bridges",
    )


def base_map(theatre: Theatre, style: str = OFFLINE_STYLE) -> go.Figure:
    """The context map of a theatre: outline, river and bridges, centred on the city."""
    fig = go.Figure(_bridges_trace(theatre))
    fig.update_layout(**_map_layout(theatre, context_layers(theatre), style))
    return fig


def control_map(page: PageData, theatre: Theatre, day: int, *, known: bool = False,
                layers: Iterable[str] = LAYER_NAMES, selected: int | None = None,
                note: bool = True) -> go.Figure:
    """The control map on page day ``day``: districts, front line, context, events.

    ``known`` replays what was known on that day; ``layers`` names the layers shown
    (:data:`LAYER_NAMES`); ``selected`` is an event index to ring on the map; ``note``
    writes the approximate-boundaries caveat on the map (the page has it in HTML).
    """
    shown = set(layers)
    state = frame(page, day, known)
    colors = code_colors(theatre)
    visible = [(i, o) for i, o in state["events"] if page.events[i].lon]
    ev_lon, ev_lat, ev_color, ev_opacity, ev_text, ev_index = [], [], [], [], [], []
    for i, opacity in visible:
        ev = page.events[i]
        for lon, lat in zip(ev.lon, ev.lat, strict=True):
            ev_lon.append(lon)
            ev_lat.append(lat)
            ev_color.append(KIND_COLORS[ev.kind])
            ev_opacity.append(opacity)
            ev_text.append(ev.hover)
            ev_index.append(i)
    chosen = page.events[selected] if selected is not None else None
    traces = {
        "districts": go.Choroplethmap(
            geojson=page.geojson, featureidkey="properties.id",
            locations=list(page.district_ids), z=state["z"], text=state["text"],
            hovertemplate="%{text}<extra></extra>", colorscale=stepped_colorscale(colors),
            zmin=-0.5, zmax=len(colors) - 0.5, showscale=False,
            marker={"line": {"color": "#FFFFFF", "width": 0.6}, "opacity": 0.85},
            name="Districts",
        ),
        "front": go.Scattermap(
            lon=state["front"]["lon"], lat=state["front"]["lat"], mode="lines",
            line={"color": FRONT_COLOR, "width": 6}, hoverinfo="skip", name="Front line",
        ),
        "bridges": _bridges_trace(theatre),
        "halo": go.Scattermap(  # a white halo keeps markers readable on any district colour
            lon=ev_lon, lat=ev_lat, mode="markers", hoverinfo="skip", name="Event halos",
            marker={"size": EVENT_SIZE + 4, "color": "#FFFFFF", "opacity": ev_opacity},
        ),
        "events": go.Scattermap(
            lon=ev_lon, lat=ev_lat, mode="markers", customdata=ev_index, text=ev_text,
            hovertemplate="%{text}<extra></extra>",
            marker={"size": EVENT_SIZE, "color": ev_color, "opacity": ev_opacity},
            name="Events",
        ),
        "highlight": go.Scattermap(
            lon=list(chosen.lon) if chosen else [], lat=list(chosen.lat) if chosen else [],
            mode="markers", marker={"size": 32, "color": RING_COLOR, "opacity": 0.95},
            hoverinfo="skip", name="Selected event",
        ),
    }
    fig = go.Figure([traces[name].update(visible=layer in shown) for name, layer in MAP_TRACES])
    context = context_layers(theatre)
    for layer in context:
        layer["visible"] = "context" in shown
    fig.update_layout(**_map_layout(theatre, context, page.map_style))
    if note and page.approximate:
        fig.add_annotation(text=APPROX_TEXT, x=0.005, y=0.005, xref="paper", yref="paper",
                           xanchor="left", yanchor="bottom", showarrow=False,
                           font={"size": 11, "color": "#333333"}, bgcolor="rgba(255,255,255,0.8)")
    return fig


def page_map(page: PageData, theatre: Theatre) -> go.Figure:
    """The page's map figure: :func:`control_map` on the first day with the traces the
    browser draws itself (:data:`CLIENT_DRAWN`) hidden and emptied, all but the districts'
    GeoJSON, ids and colour scale, which the browser reads. Exports use control_map."""
    fig = control_map(page, theatre, 0, note=False)
    for name in CLIENT_DRAWN:
        trace = fig.data[TRACE_INDEX[name]]
        trace.visible = False
        trace.hoverinfo = "skip"
        if name == "districts":
            trace.text = None
            trace.hovertemplate = None
        else:
            trace.update(lon=[], lat=[], text=None, customdata=None)
            if name in ("halo", "events"):
                trace.marker.opacity = None
                trace.marker.color = None
    return fig
