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

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from dash import Dash
from flask import Response, after_this_request, has_request_context, request

from dashboard import ids, lazy_scripts, limits, page_data_file, static_files
from dashboard.callbacks import register_callbacks
from dashboard.layout import build_layout, find_component
from dashboard.page_updates import PageUpdate, PublishedPages
from dashboard.reader_build import FOLDER, PAGE_DATA_FOLDER, ReaderBuild, SharedBuilds
from dashboard.served_layout import ServedLayout
from exports.context import context_with_page
from frontline.settings import Settings
from geodata.theatre import Theatre, load_theatre
from timeline.pipeline import Published, Reloading, load_published
from timeline.republish import Republisher
from timeline.store.configured import configured_store
from timeline.store.protocol import Store
from viewmodel.page_data import PageData, page_from

STATIC = "static"
FOLLOW_KEPT = 8  # updates kept for pages following decisions made elsewhere
POLL_SECONDS = 1.0  # a reader may get a build a second older than the store's version
POLYFILL_TAG = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>\s*')
__all__ = ["FrontlineDash", "ServedLayout", "create_app"]


class FrontlineDash(Dash):
    """A Dash app whose layout changes only with the store, so its JSON is built once
    per store version and reused.

    Dash re-serialises the layout on every ``/_dash-layout`` request; with the page
    data inside it that is most of a page load's server time (seconds per request on
    a large theatre, under one lock).
    """

    builds: Reloading[ReaderBuild] | None = None
    pages: PublishedPages

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages = PublishedPages()
    lazy_urls: dict[str, str] = {}  # noqa: RUF012 (replaced whole, never changed in place)

    def _collect_and_register_resources(self, resources: Any, include_async: bool = True,
                                        url_attr: str = "src") -> Any:
        """Dash's scripts for the page, less the libraries loaded on demand
        (:mod:`dashboard.lazy_scripts`), whose URLs are kept for the page's meta."""
        if url_attr != "src":
            return super()._collect_and_register_resources(resources, include_async, url_attr)
        eager, lazy = lazy_scripts.split(resources)
        found = {}
        for resource in lazy:
            urls = super()._collect_and_register_resources([resource], include_async, url_attr)
            if urls and isinstance(urls[0], str):
                found[lazy_scripts.namespace_of(resource)] = urls[0]
        if found:
            self.lazy_urls = {**self.lazy_urls, **found}
        return super()._collect_and_register_resources(eager, include_async, url_attr)

    def interpolate_index(self, metas: str = "", title: str = "", css: str = "",
                          config: str = "", scripts: str = "", app_entry: str = "",
                          favicon: str = "", renderer: str = "") -> str:
        """Dash's page without its polyfill bundle (core-js, 30 KB compressed, for
        browsers older than the MapLibre map needs anyway); the one global of it that
        Dash's scripts call, ``regeneratorRuntime``, comes with the page's plotly.js
        bundle (scripts/plotly-bundle/entry.js), which loads before them. The meta names
        the bundles loaded on demand (:mod:`dashboard.lazy_scripts`)."""
        return str(super().interpolate_index(
            metas=lazy_scripts.meta_tag(self.lazy_urls) + metas, title=title, css=css,
            config=config, scripts=POLYFILL_TAG.sub("", scripts), app_entry=app_entry,
            favicon=favicon, renderer=renderer))

    def warm(self) -> int:
        """Compress the page's scripts before serving (:func:`static_files.warm`)."""
        prefix = self.config.routes_pathname_prefix

        def more() -> list[str]:
            chunks = [f"{prefix}{static_files.SUITES}{namespace}/{path}"
                      for namespace, paths in self.registered_paths.items()
                      for path in paths if "async-" in path and path.endswith(".js")]
            return [*self.lazy_urls.values(), *chunks]

        return static_files.warm(self.server, prefix, more)

    def serve_layout(self) -> Any:
        if self.builds is None:
            return super().serve_layout()
        served = self.builds.get().layout
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
               store: Store | None = None, settings: Settings | None = None) -> FrontlineDash:
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
    pages = app.pages

    def layout_of(current: PageData, version: str, best: bool) -> ServedLayout:
        layout = build_layout(current, theatre)
        # The page's JS keys its decoded copy of the page data on this version.
        data = find_component(layout, ids.PAGE_DATA).data
        data["version"] = version
        export_panel.fill(layout)
        if cx is not None:
            from dashboard.curation import panel
            find_component(layout, ids.CURATION_PANEL).children = panel.layout(cx, version)
            # What a page loaded now holds, so that a decision sends it only what changed.
            pages.remember(version, current, data)
        return ServedLayout.of(layout, best=best, page_files=page_files,
                               requests_prefix=app.config.requests_pathname_prefix)

    def load() -> ReaderBuild:
        best = app.builds is None  # the build at start, before any reader waits
        if page is not None:
            return ReaderBuild(STATIC, layout_of(page, STATIC, best), None)
        # A decision's republish has just built this version's page: reuse it.
        kept = pages.latest(store.version())
        published, current = kept if kept is not None else _published_page(store, theatre,
                                                                          settings)
        return ReaderBuild(published.version, layout_of(current, published.version, best),
                           context_with_page(published, current, theatre))

    limits.mount(app.server, settings.max_request_bytes)
    # The page data as a static file of each build (dashboard.page_data_file).
    page_files = settings.data_dir / FOLDER / PAGE_DATA_FOLDER
    page_data_file.mount(app.server, app.config.routes_pathname_prefix, page_files)
    # plotly.js with the map and scatter traces only, before Dash's components load.
    app.config.external_scripts = [static_files.mount(
        app.server, app.config.routes_pathname_prefix, app.config.requests_pathname_prefix)]
    static_files.precompress(app.server, app.config.routes_pathname_prefix, settings.cache_dir)
    app.builds = reader_builds(store, settings, load, fixed=page is not None)
    app.layout = app.builds.get().layout.component
    register_callbacks(app)
    builds = app.builds
    export_panel.mount(app, store, settings, theatre, shared=lambda: builds.get().context)
    if cx is not None:
        mount_curation(app, cx)
    return app


def _published_page(store: Store, theatre: Theatre,
                    settings: Settings) -> tuple[Published, PageData]:
    published = load_published(store, theatre, settings)
    return published, page_from(published, theatre, settings)


def reader_builds(store: Store, settings: Settings, load: Callable[[], ReaderBuild], *,
                  fixed: bool = False) -> Reloading[ReaderBuild]:
    """The app's newest complete build of the store, labelled with its version: a new
    version is built in the background while readers get the build before it at once
    (``Reloading(background=True)``), the store's version asked at most once a second;
    with several worker processes
    (``settings.workers``), built by one of them and read by the others
    (:class:`dashboard.reader_build.SharedBuilds`)."""
    if fixed:
        return Reloading(_static, load)
    if settings.workers <= 1:
        return Reloading(store.version, load, background=True, poll_seconds=POLL_SECONDS)
    shared = SharedBuilds(settings.data_dir / FOLDER, repr(settings))
    shared.clear()
    return Reloading(store.version, lambda: shared.get(store.version, load), background=True,
                     poll_seconds=POLL_SECONDS)


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

    # The panel's tabs reach the page when it is first opened (panel.body), so their
    # callbacks name ids the first layout lacks; Dash's own check would report them
    # (its alternative, a validation layout, is sent inside every page's HTML).
    # tests/unit/test_callback_ids.py checks every id against the layout and the tabs.
    app.config.suppress_callback_exceptions = True
    def active(name: str) -> bool:
        return (name, True) in cx.log().analysts()

    auth.mount(app, cx.settings, lambda n, p: cx.log().check_password(n, p), active)
    republisher = Republisher(cx.store, cx.theatre, cx.settings)
    panel.register(app, cx, panel.Publisher(
        republish=lambda shown: republish(app, republisher, cx, shown),
        pending=lambda: republisher.pending,
        current=lambda shown: current_page(app, cx, shown),
        warm=republisher.prime,
        follow=following(app, cx),
        busy=republisher.busy))


def republish(app: FrontlineDash, republisher: Republisher, cx: Any,
              shown: str | None) -> PageUpdate:
    """Rebuild the store's timeline with the decisions in force, and the page from what
    was just built (not read back from the store); what a page showing version
    ``shown`` is sent. The replay's catch-up and the next page load's build wait until
    this answer has gone out: on a machine of two cores they would slow it down."""
    built = republisher.republish(later=after_response)
    published = Published(cx.store.version(), built.districts, built.timeline,
                          tuple(built.curated.extractions))
    update = app.pages.update(shown, published, page_from(published, cx.theatre, cx.settings))
    _rebuild_layout(app)
    return update


def current_page(app: FrontlineDash, cx: Any, shown: str | None) -> PageUpdate | None:
    """What a page showing version ``shown`` is sent to show the store as it is now
    (once the background replay has caught up); None when it shows it already."""
    if cx.store.version() == shown:
        return None
    published, page = _published_page(cx.store, cx.theatre, cx.settings)
    update = app.pages.update(shown, published, page)
    _rebuild_layout(app)
    return update


def following(app: FrontlineDash, cx: Any) -> Callable[[str | None], PageUpdate | None]:
    """What an open page showing version ``shown`` is sent when the store changed
    elsewhere (another analyst, tab, worker or the CLI). Most polls find the version
    unchanged (one cheap question to the store). A new version is loaded, and each
    update to it made, once per process by one poll; the pages asking meanwhile get
    nothing and their next poll brings it, so polls never queue behind a build and hold
    the server's threads, and the pages that show one version share one update."""
    latest = Reloading(cx.store.version,
                       lambda: _published_page(cx.store, cx.theatre, cx.settings))
    one = threading.Lock()
    made: OrderedDict[tuple[str | None, str], PageUpdate] = OrderedDict()

    def follow(shown: str | None) -> PageUpdate | None:
        now = cx.store.version()
        if now == shown:
            return None
        found = made.get((shown, now))
        if found is not None or not one.acquire(blocking=False):
            return found
        try:
            published, page = latest.get()
            if published.version == shown:
                return None
            update = app.pages.update(shown, published, page)
            made[(shown, published.version)] = update
            while len(made) > FOLLOW_KEPT:
                made.popitem(last=False)
            return update
        finally:
            one.release()

    return follow


def _rebuild_layout(app: FrontlineDash) -> None:
    """Build the next page load's layout and export context (the layout serialised and
    compressed at Brotli's best: seconds on Mosul) once the open page has its update."""
    builds = app.builds
    if builds is None:
        return

    def rebuild() -> None:
        builds.current(fresh=True)

    after_response(rebuild)


def after_response(job: Callable[[], None]) -> None:
    """Run ``job`` in a daemon thread once the current response has been sent (at once
    outside a request)."""
    def start() -> None:
        threading.Thread(target=job, name="after-response", daemon=True).start()

    if not has_request_context():
        start()
        return

    @after_this_request
    def _defer(response: Response) -> Response:
        response.call_on_close(start)
        return response
