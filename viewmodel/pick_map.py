"""The map an analyst clicks to place a new place: district outlines and a fine grid of
invisible click targets (MapLibre traces report clicks only on data points, so the grid
is what turns a click anywhere into a point; its step is about 100 m on a city)."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import plotly.graph_objects as go

from geodata.theatre import Theatre
from viewmodel.figures import base_map, context_layers
from viewmodel.page_data import OFFLINE_STYLE, districts_geojson

GRID = 90          # click targets per side of the districts' bounding box
PICKED_COLOR = "#CC0000"


def pick_map(theatre: Theatre, districts: gpd.GeoDataFrame,
             picked: tuple[float, float] | None = None,
             style: str = OFFLINE_STYLE) -> go.Figure:
    """District outlines, the click grid, and the picked point (lat, lon) when given."""
    west, south, east, north = (float(v) for v in districts.total_bounds)
    lon, lat = np.meshgrid(np.linspace(west, east, GRID), np.linspace(south, north, GRID))
    outlines: dict[str, Any] = {"sourcetype": "geojson", "source": districts_geojson(districts),
                                "type": "line", "color": "#777777", "line": {"width": 1}}
    traces: list[Any] = [go.Scattermap(
        lon=np.round(lon.ravel(), 5), lat=np.round(lat.ravel(), 5), mode="markers",
        marker={"size": 8, "color": "#FFFFFF", "opacity": 0}, hoverinfo="none",
        name="Click targets")]
    if picked is not None:
        traces.append(go.Scattermap(lat=[picked[0]], lon=[picked[1]], mode="markers",
                                    marker={"size": 12, "color": PICKED_COLOR},
                                    hoverinfo="skip", name="Picked point"))
    fig = base_map(theatre, style)
    fig.add_traces(traces)
    fig.update_layout(map_layers=[*context_layers(theatre), outlines], hoverdistance=10,
                      uirevision=f"{theatre.name}-pick", height=380)
    return fig
