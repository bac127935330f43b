"""Build the Dash app. ``create_app`` is the only place a ``Dash`` object is made.

The page data is built from the store through the pipeline and is immutable for a
given store version: every session gets the same layout and keeps its own state (day,
toggles) in the browser. So the layout is serialised and gzipped once per store
version (:class:`FrontlineDash`), not on every page load, and every response is
compressed (flask-compress). When the store changes (``python -m timeline build`` ran,
or an ingest), the next page load builds the new layout: a running app shows the
rebuilt data without a restart.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from typing import Any

from dash import Dash
from dash._utils import to_json
from flask import request

from dashboard.callbacks import register_callbacks
from dashboard.layout import build_layout
from frontline.settings import Settings
from geodata.theatre import Theatre, load_theatre
from timeline.pipeline import Reloading, load_published
from timeline.store.files import FileStore
from timeline.store.protocol import Store
from viewmodel.page_data import PageData, page_from

STATIC = "static"


@dataclass(frozen=True, eq=False)
class ServedLayout:
    """A layout and its JSON, plain and gzipped, as sent for one store version."""

    component: Any
    raw: bytes
    packed: bytes

    @classmethod
    def of(cls, component: Any) -> ServedLayout:
        raw = to_json(component).encode("utf-8")
        return cls(component, raw, gzip.compress(raw, compresslevel=6))


class FrontlineDash(Dash):
    """A Dash app whose layout changes only with the store, so its JSON is built once
    per store version and reused.

    Dash re-serialises the layout on every ``/_dash-layout`` request; with the page
    data inside it that is most of a page load's server time (seconds per request on
    a large theatre, under one lock).
    """

    layouts: Reloading[ServedLayout] | None = None

    def serve_layout(self) -> Any:
        if self.layouts is None:
            return super().serve_layout()
        served = self.layouts.get()
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            response = self.backend.make_response(served.packed, mimetype="application/json")
            response.headers["Content-Encoding"] = "gzip"
            response.headers["Vary"] = "Accept-Encoding"
            return response
        return self.backend.make_response(served.raw, mimetype="application/json")


def _static() -> str:
    """The version of a fixed page: it never changes."""
    return STATIC


def create_app(theatre: Theatre | None = None, page: PageData | None = None, *,
               store: Store | None = None, settings: Settings | None = None) -> Dash:
    """Create the app for a theatre (the configured one by default).

    With ``page`` the app serves that fixed page data; otherwise it serves what
    ``store`` (default: the configured data folder) has published, reloaded whenever
    the store's version changes.
    """
    from dashboard import export_panel  # the export issue's panel

    settings = settings or Settings.from_env()
    theatre = theatre or load_theatre(settings.theatre)
    store = store or FileStore.from_settings(settings)
    app = FrontlineDash(
        __name__,
        title=f"Frontline: {theatre.title}",
        serve_locally=True,
        compress=True,
        update_title="",  # no "Updating..." flicker in the tab title
    )

    def load() -> ServedLayout:
        current = page or page_from(load_published(store, theatre, settings), theatre, settings)
        layout = build_layout(current, theatre)
        export_panel.fill(layout)
        return ServedLayout.of(layout)

    app.layouts = Reloading(_static if page is not None else store.version, load)
    app.layout = app.layouts.get().component
    register_callbacks(app)
    export_panel.mount(app, store, settings, theatre)
    return app
