"""Build the Dash app. ``create_app`` is the only place a ``Dash`` object is made.

The page data is built once here, from the store, and is immutable: every session
gets the same layout and keeps its own state (day, toggles) in the browser. So the
layout is serialised and gzipped once (:class:`FrontlineDash`), not on every page load,
and every response is compressed (flask-compress).
"""

from __future__ import annotations

import gzip
import threading
from typing import Any

from dash import Dash
from dash._utils import to_json
from flask import request

from dashboard.callbacks import register_callbacks
from dashboard.layout import build_layout
from geodata.theatre import Theatre, load_theatre
from viewmodel.page_data import PageData, load_page_data


class FrontlineDash(Dash):
    """A Dash app whose layout is immutable, so its JSON is built once and reused.

    Dash re-serialises the layout on every ``/_dash-layout`` request; with the page
    data inside it that is most of a page load's server time (seconds per request on
    a large theatre, under one lock).
    """

    _layout_cache: tuple[bytes, bytes] | None = None
    _layout_lock = threading.Lock()

    def serve_layout(self) -> Any:
        with self._layout_lock:
            if self._layout_cache is None:
                raw = to_json(self.get_layout()).encode("utf-8")
                self._layout_cache = (raw, gzip.compress(raw, compresslevel=6))
        raw, packed = self._layout_cache
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            response = self.backend.make_response(packed, mimetype="application/json")
            response.headers["Content-Encoding"] = "gzip"
            response.headers["Vary"] = "Accept-Encoding"
            return response
        return self.backend.make_response(raw, mimetype="application/json")


def create_app(theatre: Theatre | None = None, page: PageData | None = None) -> Dash:
    """Create the app for a theatre (the configured one by default) and its page data."""
    theatre = theatre or load_theatre()
    page = page or load_page_data(theatre)
    app = FrontlineDash(
        __name__,
        title=f"Frontline: {theatre.title}",
        serve_locally=True,
        compress=True,
        update_title="",  # no "Updating..." flicker in the tab title
    )
    app.layout = build_layout(page, theatre)
    register_callbacks(app)
    from dashboard.export_panel import mount  # the export issue's panel

    mount(app)
    return app
