"""Pure figure builders: data and a date in, a Plotly figure out. No Dash here.

The map uses MapLibre traces on the ``white-bg`` style and draws its own context
(river, city outline) as GeoJSON layers, so that nothing is fetched from the internet.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from shapely.geometry import mapping

from frontline import settings
from geodata.context import bridges, city_outline, river_line
from geodata.theatre import Theatre

RIVER_COLOR = "#5DA5DA"
OUTLINE_COLOR = "#555555"


def context_layers(theatre: Theatre) -> list[dict[str, Any]]:
    """MapLibre layers for the city outline and the river (drawn under the traces)."""
    outline = city_outline(theatre)
    river = river_line(theatre)
    return [
        {
            "sourcetype": "geojson",
            "source": {"type": "Feature", "properties": {}, "geometry": mapping(outline)},
            "type": "fill",
            "color": "#F4F1EA",
            "below": "traces",
        },
        {
            "sourcetype": "geojson",
            "source": {"type": "Feature", "properties": {}, "geometry": mapping(outline)},
            "type": "line",
            "color": OUTLINE_COLOR,
            "line": {"width": 1.5, "dash": [2, 2]},
        },
        {
            "sourcetype": "geojson",
            "source": {"type": "Feature", "properties": {}, "geometry": mapping(river)},
            "type": "line",
            "color": RIVER_COLOR,
            "line": {"width": 5},
        },
    ]


def base_map(theatre: Theatre) -> go.Figure:
    """The context map of a theatre: outline, river and bridges, centred on the city."""
    spans = bridges(theatre)
    fig = go.Figure(
        go.Scattermap(
            lon=[b.point.x for b in spans],
            lat=[b.point.y for b in spans],
            mode="markers",
            marker={"size": 8, "color": "#333333"},
            hovertext=[f"{b.name}<br>{b.connects}" for b in spans],
            hoverinfo="text",
            name="Bridges",
        )
    )
    fig.update_layout(
        map={
            "style": settings.get("MAP_STYLE"),
            "center": {"lat": theatre.center[0], "lon": theatre.center[1]},
            "zoom": theatre.zoom,
            "layers": context_layers(theatre),
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        uirevision=theatre.name,
    )
    return fig
