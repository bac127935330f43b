"""Build the Dash app. ``create_app`` is the only place a ``Dash`` object is made.

The page data is built from the store through the pipeline and is immutable for a
given store version: every session gets the same layout and keeps its own state (day,
toggles) in the browser. So the layout is serialised and gzipped once per store
version (:class:`FrontlineDash`), not on every page load, and every response is
compressed (flask-compress). When the store changes (``python -m timeline build`` ran,
an ingest, or an analyst's decision), the next page load builds the new layout: a running
app shows the rebuilt data without a restart.

An app serving a store also mounts sign-in (:mod:`dashboard.auth`) and the curation
panel (:mod:`dashboard.curation.panel`): an analyst's decision republishes the store
(:func:`republish`) and the open page receives the new page data at once.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
from dataclasses import dataclass
from typing import Any

import brotli
from dash import Dash
from dash._utils import to_json
from flask import request

from dashboard import ids, limits, static_files
from dashboard.callbacks import register_callbacks
from dashboard.layout import build_layout, find_component
from frontline.settings import Settings
from geodata.theatre import Theatre, load_theatre
from timeline.pipeline import Reloading, load_published
from timeline.republish import Republisher
from timeline.store.configured import configured_store
from timeline.store.protocol import Store
from viewmodel.page_data import PageData, page_from

STATIC = "static"
BROTLI_11_MAX = 2_000_000  # bytes of layout JSON compressed at Brotli's best
POLYFILL_TAG = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>\s*')


@dataclass(frozen=True, eq=False)
class ServedLayout:
    """A layout and its JSON, plain, gzipped and Brotli-compressed, as sent for one
    store version, with the ETag that lets a returning browser keep its copy."""

    component: Any
    raw: bytes
    packed: bytes
    brotli: bytes
    etag: str

    @classmethod
    def of(cls, component: Any) -> ServedLayout:
        raw = to_json(component).encode("utf-8")
        # Compressed once per store version, so harder than per request: Brotli 11 is
        # about a third smaller than gzip 6 on the page data, but takes about a second
        # a megabyte: a large theatre's layout (the stress one, 15 MB) gets quality 6.
        quality = 11 if len(raw) <= BROTLI_11_MAX else 6
        return cls(component, raw, gzip.compress(raw, compresslevel=6),
                   brotli.compress(raw, quality=quality), hashlib.sha256(raw).hexdigest()[:32])


class FrontlineDash(Dash):
    """A Dash app whose layout changes only with the store, so its JSON is built once
    per store version and reused.

    Dash re-serialises the layout on every ``/_dash-layout`` request; with the page
    data inside it that is most of a page load's server time (seconds per request on
    a large theatre, under one lock).
    """

    layouts: Reloading[ServedLayout] | None = None

    def interpolate_index(self, metas: str = "", title: str = "", css: str = "",
                          config: str = "", scripts: str = "", app_entry: str = "",
                          favicon: str = "", renderer: str = "") -> str:
        """Dash's page without its polyfill bundle (core-js, 30 KB compressed, for
        browsers older than the MapLibre map needs anyway); the one global of it that
        Dash's scripts call, ``regeneratorRuntime``, comes with the page's plotly.js
        bundle (scripts/plotly-bundle/entry.js), which loads before them."""
        return str(super().interpolate_index(
            metas=metas, title=title, css=css, config=config,
            scripts=POLYFILL_TAG.sub("", scripts), app_entry=app_entry, favicon=favicon,
            renderer=renderer))

    def serve_layout(self) -> Any:
        if self.layouts is None:
            return super().serve_layout()
        served = self.layouts.get()
        # The layout carries the page data: a reload (or another tab) revalidates it
        # and gets a 304 with no body while the store is unchanged.
        headers = {"ETag": f'"{served.etag}"', "Cache-Control": "no-cache",
                   "Vary": "Accept-Encoding"}
        if served.etag in request.headers.get("If-None-Match", ""):
            response = self.backend.make_response(b"", status=304)
            response.headers.update(headers)
            return response
        accepted = request.headers.get("Accept-Encoding", "")
        body, coding = ((served.brotli, "br") if "br" in accepted else
                        (served.packed, "gzip") if "gzip" in accepted else (served.raw, ""))
        response = self.backend.make_response(body, mimetype="application/json")
        response.headers.update(headers)
        if coding:
            response.headers["Content-Encoding"] = coding
        return response


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
    store = store or configured_store(settings)
    app = FrontlineDash(
        __name__,
        title=f"Frontline: {theatre.title}",
        serve_locally=True,
        compress=True,
        update_title="",  # no "Updating..." flicker in the tab title
    )

    cx = curation_context(store, settings, theatre) if page is None else None

    def load() -> ServedLayout:
        version = STATIC if page is not None else store.version()
        current = page or page_from(load_published(store, theatre, settings), theatre, settings)
        layout = build_layout(current, theatre)
        # The page's JS keys its decoded copy of the page data on this version.
        find_component(layout, ids.PAGE_DATA).data["version"] = version
        export_panel.fill(layout)
        if cx is not None:
            from dashboard.curation import panel
            find_component(layout, ids.CURATION_PANEL).children = panel.layout(cx, version)
        return ServedLayout.of(layout)

    limits.mount(app.server, settings.max_request_bytes)
    # plotly.js with the map and scatter traces only, before Dash's components load.
    app.config.external_scripts = [static_files.mount(
        app.server, app.config.routes_pathname_prefix, app.config.requests_pathname_prefix)]
    static_files.precompress(app.server, app.config.routes_pathname_prefix)
    app.layouts = Reloading(_static if page is not None else store.version, load)
    app.layout = app.layouts.get().component
    register_callbacks(app)
    export_panel.mount(app, store, settings, theatre)
    if cx is not None:
        mount_curation(app, cx)
    return app


def curation_context(store: Store, settings: Settings, theatre: Theatre) -> Any:
    """The curation tabs' context, for a store that keeps decisions (else None)."""
    from dashboard.curation.context import CurationContext
    from timeline.store.files import FileStore
    from timeline.store.sql.store import SqlStore
    if not isinstance(store, FileStore | SqlStore):
        return None
    return CurationContext(store, settings, theatre)


def mount_curation(app: FrontlineDash, cx: Any) -> None:
    """Sign-in and CSRF (:mod:`dashboard.auth`), and the curation panel's callbacks."""
    from dashboard import auth
    from dashboard.curation import panel

    def active(name: str) -> bool:
        return (name, True) in cx.log().analysts()

    auth.mount(app, cx.settings, lambda n, p: cx.log().check_password(n, p), active)
    republisher = Republisher(cx.store, cx.theatre, cx.settings)
    panel.register(app, cx, panel.Publisher(
        republish=lambda: republish(app, republisher, cx),
        pending=lambda: republisher.pending, current=lambda: current_page(app, cx),
        warm=republisher.prime))


def republish(app: FrontlineDash, republisher: Republisher,
              cx: Any) -> tuple[str, dict[str, Any]]:
    """Rebuild the store's timeline with the decisions in force and the page from it;
    return (store version, page data JSON) as the open page receives them."""
    republisher.republish()
    return current_page(app, cx)


def current_page(app: FrontlineDash, cx: Any) -> tuple[str, dict[str, Any]]:
    """(store version, page data JSON) of the store now, built directly: the served
    layout (serialised and compressed at Brotli's best, seconds on Mosul) is rebuilt in
    the background for the next page load, off the open page's path."""
    version = cx.store.version()
    data = page_from(load_published(cx.store, cx.theatre, cx.settings), cx.theatre,
                     cx.settings).to_json()
    data["version"] = version
    if app.layouts is not None:
        threading.Thread(target=app.layouts.current, kwargs={"fresh": True},
                         name="layout-rebuild", daemon=True).start()
    return version, data
