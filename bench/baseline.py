"""The BASELINE: the animated map a Dash user would write, on the same data as ours.

One ``px.choropleth_map`` call with ``animation_frame`` (Plotly's own animation: one
frame per day, one trace per side in each frame, each trace carrying the districts'
GeoJSON), ``color`` the side's label, on the ``white-bg`` style; served in a minimal
Dash page of its own (one ``dcc.Graph``) on a loopback port. The data is our page data
(the districts' side on every day of the battle window, as the map shows it) and the
districts' GeoJSON as GeoPandas writes it, as a user would pass it.

Serving note: Dash serialises the layout on every ``/_dash-layout`` request; for the
stress size that takes minutes, so this page serialises it once with Dash's own
encoder and answers that route with the cached bytes. What goes over the wire is
unchanged.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from bench.environ import scoped_env
from geodata.districts import ID, NAME
from geodata.theatre import Theatre, load_theatre

GRAPH_ID = "baseline-map"
N_BASIS = 4  # len(timeline.control.model.BASIS_CODES)
HOST = "127.0.0.1"


def load_inputs(env: dict[str, str]) -> tuple[Theatre, gpd.GeoDataFrame, Any]:
    """The theatre, districts and page data served under ``env`` (as the app loads them)."""
    from geodata.store import load_districts
    from viewmodel.page_data import load_page_data

    with scoped_env(env):
        theatre = load_theatre(env["FRONTLINE_THEATRE"])
        data_dir = Path(env["FRONTLINE_DATA_DIR"])
        districts = load_districts(data_dir, theatre)
        page = load_page_data(theatre, data_dir)
    return theatre, districts, page


def side_table(theatre: Theatre, districts: gpd.GeoDataFrame, page: Any) -> pd.DataFrame:
    """One row per district and day: id, name, date, side label (the long table px wants)."""
    z = np.asarray(page.views["main"].z)  # (n_days, n_districts), side * N_BASIS + basis
    labels = np.array([theatre.sides[s].label for s in theatre.side_codes.names])
    n_days, n = z.shape
    names = dict(zip(districts[ID], districts[NAME], strict=True))
    return pd.DataFrame({
        "id": np.tile(np.asarray(page.district_ids), n_days),
        "name": np.tile(np.asarray([names.get(d, d) for d in page.district_ids]), n_days),
        "date": np.repeat(np.asarray(page.dates), n),
        "side": labels[z.ravel() // N_BASIS],
    })


def baseline_figure(theatre: Theatre, districts: gpd.GeoDataFrame, page: Any) -> go.Figure:
    """What a Dash user writes: ``px.choropleth_map(..., animation_frame=...)``."""
    table = side_table(theatre, districts, page)
    geojson = json.loads(districts[[ID, "geometry"]].to_json())
    labels = [theatre.sides[s].label for s in theatre.side_codes.names]
    return px.choropleth_map(
        table, geojson=geojson, locations="id", featureidkey=f"properties.{ID}",
        color="side", animation_frame="date", hover_name="name",
        color_discrete_map={theatre.sides[s].label: theatre.sides[s].color
                            for s in theatre.side_codes.names},
        category_orders={"side": labels}, map_style="white-bg",
        center={"lat": theatre.center[0], "lon": theatre.center[1]}, zoom=theatre.zoom,
        opacity=0.8, height=700, title=f"{theatre.title} (baseline: px animation_frame)",
    )


def baseline_app(figure: go.Figure) -> tuple[Any, int]:
    """A minimal Dash page showing ``figure``; returns the app and its layout size (bytes)."""
    from dash import Dash, dcc, html
    from dash._utils import to_json
    from flask import Response, request

    app = Dash(__name__, serve_locally=True, update_title=None, title="Baseline")
    app.layout = html.Div([dcc.Graph(id=GRAPH_ID, figure=figure, style={"height": "700px"})])
    body = to_json(app.layout).encode("utf-8")

    @app.server.before_request
    def cached_layout() -> Response | None:
        if request.path == "/_dash-layout":
            return Response(body, mimetype="application/json")
        return None

    return app, len(body)


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve a Dash app on a free loopback port in a thread; yields its URL."""
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server(HOST, 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.port}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def build(env: dict[str, str]) -> tuple[Any, dict[str, Any]]:
    """The baseline app on the data served under ``env``, and how long it took to make."""
    theatre, districts, page = load_inputs(env)
    started = time.perf_counter()
    figure = baseline_figure(theatre, districts, page)
    figure_s = time.perf_counter() - started
    started = time.perf_counter()
    app, layout_bytes = baseline_app(figure)
    return app, {"figure_s": round(figure_s, 1),
                 "serialise_s": round(time.perf_counter() - started, 1),
                 "frames": len(figure.frames), "layout_bytes": layout_bytes}


if __name__ == "__main__":
    import sys

    from bench.server import data_env

    size = sys.argv[1] if len(sys.argv) > 1 else "mosul"
    app, info = build(data_env(size, smoke="--smoke" in sys.argv))
    print(info)
    with serving(app) as url:
        print(f"baseline ({size}) on {url}; Ctrl+C stops")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(1)
