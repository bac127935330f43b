"""Build the Dash app. ``create_app`` is the only place a ``Dash`` object is made."""

from __future__ import annotations

from dash import Dash, dcc, html

from dashboard import ids
from dashboard.figures import base_map
from geodata.theatre import Theatre, load_theatre


def create_app(theatre: Theatre | None = None) -> Dash:
    """Create the app for a theatre (the configured one by default)."""
    theatre = theatre or load_theatre()
    app = Dash(
        __name__,
        title=f"Frontline: {theatre.title}",
        serve_locally=True,
        update_title=None,
    )
    app.layout = html.Div(
        [
            html.H1(f"Frontline: {theatre.title}", id=ids.TITLE),
            html.P("Approximate boundaries: estimated from low-confidence coordinates.",
                   id=ids.NOTICE),
            dcc.Graph(
                id=ids.MAP,
                figure=base_map(theatre),
                config={"displaylogo": False},
                style={"height": "80vh"},
            ),
        ]
    )
    return app
