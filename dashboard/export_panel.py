"""The export area of the page: download buttons, the briefing-deck job and the movie
row (:mod:`dashboard.movie_panel`).

Snapshot and data downloads run in the request (a warm browser makes a PNG take about
a second); the deck runs as a Dash background callback on the embedded diskcache
manager, with a progress bar, because ten slides take ten renders. The date and the
"as known on" mode come from the page's own controls; download file names are built
here from the theatre and the date (never from user text).

Mount with :func:`mount` (points the exports at the app's store, fills
``ids.EXPORT_PANEL`` and warms the renderer on the app's first request); a layout
rebuilt for a new store version gets its panel from :func:`fill`. Callbacks are
registered on import with ``dash.callback``. The export context is keyed by the store's
version, like the page, so an export after a rebuild shows the rebuilt data. Every
rendered export (snapshot, deck, movie) takes a slot of the bounded pool first
(:mod:`dashboard.job_slots`; a data export, CSV to GeoPackage, only encodes tables and
takes none): past
``FRONTLINE_EXPORT_JOBS`` it waits in the queue (the deck's step text says "busy,
queued"), past the queue it is refused as busy; finished deck processes are reaped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import dash
from dash import ALL, Input, Output, State, dcc, html

from dashboard import ids
from dashboard.export_context import (
    context,
    job_manager,
    job_slots,
    names_language,
    run_export_job,
    use_store,
    view_date,
)
from dashboard.export_context import known_mode as _known
from dashboard.export_context import queued_note as _queued_note
from dashboard.export_context import queued_text as _queued_text
from dashboard.job_slots import reap_finished_jobs
from dashboard.movie_panel import movie_row
from exports.context import ExportContext, parse_date
from exports.registry import DATA, DECK, FORMATS, IMAGE, download_name, export_bytes, names_of
from frontline.errors import FrontlineError, LimitError
from frontline.settings import Settings
from geodata.theatre import Theatre
from timeline.store.protocol import Store
from viewmodel.figures import LAYER_NAMES

BUTTONS = (("png", "PNG"), ("png2x", "PNG 2×"), ("svg", "SVG"), ("pdf", "PDF"),
           ("geojson", "GeoJSON"), ("kml", "KML"), ("gpkg", "GeoPackage"), ("csv", "CSV"))
DECK_FORMATS = tuple((name, FORMATS[name].label) for name in names_of(DECK))
MAX_PICKED_DATES = 30


def export_panel() -> html.Div:
    """The export controls (the layout mounts them into ``ids.EXPORT_PANEL``)."""
    return html.Div(className="fl-export", children=[
        html.H2("Export this view", className="fl-h2"),
        html.Div(className="fl-export-buttons", children=[
            html.Button(label, id={"type": ids.EXPORT_BUTTON, "format": key}, n_clicks=0,
                        className="fl-button", title=f"Download the view as {label}")
            for key, label in BUTTONS]),
        html.Div(className="fl-export-deck", children=[
            dcc.RadioItems(id=ids.DECK_FORMAT, value="pptx", inline=True,
                           options=[{"label": label, "value": key} for key, label in DECK_FORMATS]),
            dcc.Input(id=ids.DECK_DATES, type="text", debounce=True, maxLength=400,
                      placeholder="slide dates (optional): 2017-01-24, 2017-07-09"),
            html.Button("Briefing deck", id=ids.DECK_BUTTON, n_clicks=0, className="fl-button"),
            html.Label(["Slides rendered ", html.Progress(id=ids.DECK_PROGRESS, value="0",
                                                            max="1")], className="fl-small"),
        ]),
        html.Div(id=ids.DECK_STEP, className="fl-small", role="status"),
        html.Div(id=ids.EXPORT_STATUS, className="fl-small", role="status"),
        html.Div(id=ids.DECK_STATUS, className="fl-small", role="status"),
        dcc.Download(id=ids.EXPORT_DOWNLOAD),
        dcc.Download(id=ids.DECK_DOWNLOAD),
        movie_row(),
    ])


def fill(layout: Any) -> None:
    """Put the export controls into a layout's ``ids.EXPORT_PANEL`` placeholder."""
    panel = _find(layout, ids.EXPORT_PANEL)
    if panel is not None:
        panel.children = export_panel()


def mount(app: dash.Dash, store: Store | None = None, settings: Settings | None = None,
          theatre: Theatre | None = None,
          shared: Callable[[], ExportContext | None] | None = None) -> None:
    """Export from the app's store (from the context of its page build, ``shared``,
    when it made one); fill the layout's export placeholder; on the first request,
    warm up in a thread."""
    if store is not None and settings is not None:
        use_store(store, settings, theatre, shared)
    fill(app.layout)
    started: list[bool] = []

    @app.server.before_request
    def _warm_once() -> None:
        reap_finished_jobs()  # a finished deck's process is joined, never left a zombie
        if not started:
            started.append(True)
            threading.Thread(target=_warm_up, name="export-warm-up", daemon=True).start()


def _warm_up() -> None:
    """Load the stores and start the long-lived browser before the first click, and
    render a blank page once so that the first snapshot finds plotly.js loaded (the
    first render in a tab costs about a second more than the next ones)."""
    import plotly.graph_objects as go

    from exports.renderer import render, start_warm

    with contextlib.suppress(FrontlineError):  # a click reports the failure on one line
        context()
        start_warm()
        render(go.Figure(), "png", 16, 16)


def _find(node: Any, target: str) -> Any:
    if getattr(node, "id", None) == target:
        return node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found = _find(child, target)
            if found is not None:
                return found
    return None


def snapshot_download(key: str, day: Any, known_value: Any,
                      layers_value: Any = None, names_value: Any = None,
                      ) -> tuple[dict[str, Any], str]:
    """Build one download of the view (pure of Dash state: tests call it directly).

    ``layers_value`` is the layer checklist: a snapshot shows the layers the analyst
    left on (data exports always hold everything). ``names_value`` is the names'
    language switch: a snapshot's map names are in the language the analyst reads.
    """
    ctx = context()
    date = view_date(ctx, day)
    known = _known(known_value)
    fmt, scale = ("png", 2.0) if key == "png2x" else (key, 1.0)
    layers = None
    if FORMATS[fmt].family == IMAGE and isinstance(layers_value, list):
        layers = [str(name) for name in layers_value if name in LAYER_NAMES]
    names = names_language(names_value) if FORMATS[fmt].family == IMAGE else "en"
    data = export_bytes(ctx, fmt, date, known=known, scale=scale, layers=layers, names=names)
    suffix = "-".join(p for p in ("2x" if scale == 2 else "", "known" if known else "",
                                  "" if names == "en" else names) if p)
    name = download_name(ctx.theatre.name, date, fmt, suffix)
    return dcc.send_bytes(data, name), f"Exported {name} ({len(data):,} bytes)."


@dash.callback(
    Output(ids.EXPORT_DOWNLOAD, "data"),
    Output(ids.EXPORT_STATUS, "children"),
    Input({"type": ids.EXPORT_BUTTON, "format": ALL}, "n_clicks"),
    State(ids.SLIDER, "value"),
    State(ids.KNOWN_ON, "value"),
    State(ids.LAYERS, "value"),
    State(ids.NAMES_LANG, "value"),
    prevent_initial_call=True,
)
def _on_export(_clicks: list[int], day: Any, known_value: Any,
               layers_value: Any, names_value: Any) -> tuple[Any, str]:
    trigger = dash.ctx.triggered_id
    keys = {key for key, _ in BUTTONS}
    if not isinstance(trigger, dict) or trigger.get("format") not in keys:
        return dash.no_update, ""
    if not any(_clicks):
        return dash.no_update, ""
    key = str(trigger["format"])
    # A data export encodes tables of the loaded context (tens of milliseconds, no
    # browser): it never waits behind the renders the pool exists for.
    rendered = FORMATS["png" if key == "png2x" else key].family != DATA
    try:
        with job_slots().slot() if rendered else contextlib.nullcontext(0.0) as waited:
            data, status = snapshot_download(key, day, known_value, layers_value,
                                             names_value)
        return data, status + _queued_note(waited)
    except LimitError as exc:
        return dash.no_update, f"Export not started: {exc}"
    except FrontlineError as exc:
        return dash.no_update, f"Export failed: {exc}"


def queued_text(place: int) -> str:
    """The deck's step text while it waits for a slot."""
    return _queued_text(place, "deck")


STARTING_TEXT = "Starting the deck job…"


def progress_view(done: int, total: int) -> tuple[str | None, str, str]:
    """The progress bar's value and max, and the step text, after ``done`` of ``total``
    pages. Before the first page is rendered (drawing the slides, starting the
    renderer: several seconds) the bar has no value, so the browser shows it as busy
    rather than stuck at zero."""
    if done <= 0:
        return None, str(max(total, 1)), (f"Drawing {total} pages and starting the "
                                          "renderer…")
    if done >= total:
        return str(done), str(total), f"Rendered {done} of {total} pages; writing the file…"
    return str(done), str(total), f"Rendered {done} of {total} pages…"


def picked_dates(text: str | None) -> list[dt.date]:
    """Dates typed by the analyst, comma- or space-separated (a DateError names a bad one)."""
    parts = [p for p in (text or "").replace(",", " ").split() if p]
    return [parse_date(p) for p in parts[:MAX_PICKED_DATES]]


@dash.callback(
    Output(ids.DECK_DOWNLOAD, "data"),
    Output(ids.DECK_STATUS, "children"),
    Input(ids.DECK_BUTTON, "n_clicks"),
    State(ids.SLIDER, "value"),
    State(ids.KNOWN_ON, "value"),
    State(ids.DECK_FORMAT, "value"),
    State(ids.DECK_DATES, "value"),
    State(ids.NAMES_LANG, "value"),
    background=True,
    manager=job_manager(),
    progress=[Output(ids.DECK_PROGRESS, "value"), Output(ids.DECK_PROGRESS, "max"),
              Output(ids.DECK_STEP, "children")],
    running=[(Output(ids.DECK_BUTTON, "disabled"), True, False),
             (Output(ids.DECK_STEP, "children"), STARTING_TEXT, "")],
    prevent_initial_call=True,
)
def _on_deck(set_progress: Any, clicks: int, day: Any, known_value: Any, fmt: Any,
             dates_text: Any, names_value: Any) -> tuple[Any, str]:
    if not clicks:
        return dash.no_update, ""
    return run_export_job(set_progress, "deck", lambda: deck_download(
        str(fmt), day, known_value, dates_text,
        lambda done, total: set_progress(progress_view(done, total)), names_value))


def deck_download(fmt: str, day: Any, known_value: Any, dates_text: Any,
                  progress: Any = None, names_value: Any = None,
                  ) -> tuple[dict[str, Any], str]:
    """Build the deck download (pure of Dash state: tests call it directly)."""
    ctx = context()
    fmt = fmt if fmt in dict(DECK_FORMATS) else "pptx"
    date = view_date(ctx, day)
    dates = picked_dates(dates_text if isinstance(dates_text, str) else "")
    data = export_bytes(ctx, fmt, date, known=_known(known_value), dates=dates or None,
                        progress=progress, names=names_language(names_value))
    name = download_name(ctx.theatre.name, date, fmt, "briefing")
    return dcc.send_bytes(data, name), f"Deck ready: {name} ({len(data):,} bytes)."
