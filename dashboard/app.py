"""Build the Dash app. ``create_app`` is the only place a ``Dash`` object is made.

The page data is built once here, from the store, and is immutable: every session
gets the same layout and keeps its own state (day, toggles) in the browser.
"""

from __future__ import annotations

from dash import Dash

from dashboard.callbacks import register_callbacks
from dashboard.layout import build_layout
from dashboard.page_data import PageData, load_page_data
from geodata.theatre import Theatre, load_theatre


def create_app(theatre: Theatre | None = None, page: PageData | None = None) -> Dash:
    """Create the app for a theatre (the configured one by default) and its page data."""
    theatre = theatre or load_theatre()
    page = page or load_page_data(theatre)
    app = Dash(
        __name__,
        title=f"Frontline: {theatre.title}",
        serve_locally=True,
        update_title="",  # no "Updating..." flicker in the tab title
    )
    app.layout = build_layout(page, theatre)
    register_callbacks(app)
    from dashboard.export_panel import mount  # the export issue's panel

    mount(app)
    return app
