"""Compare two dates: the districts that changed hands between D1 and D2 (or, for one
date, between what was known then and what later reports say), listed and outlined on
the map, downloadable as CSV and as a snapshot.

The rows come from :mod:`viewmodel.compare` on the app's export context (the same page
data the map draws), the outline is drawn by ``assets/compare.js`` on the MapLibre map,
and the map moves to D2 (navigate's ``pick``). Callbacks register on import with
``dash.callback``, like the export panel's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from dashboard import ids
from exports.compare import compare_changes, compare_csv, compare_png
from exports.context import ExportContext, parse_date
from frontline.errors import FrontlineError
from viewmodel.compare import HandChange
from viewmodel.page_data import PageData

BETWEEN, HINDSIGHT = "between", "hindsight"


def compare_panel(page: PageData) -> html.Details:
    return html.Details(id=ids.COMPARE, className="fl-compare", children=[
        html.Summary("Compare two dates", className="fl-h2"),
        dcc.RadioItems(id=ids.COMPARE_MODE, value=BETWEEN, className="fl-small", options=[
            {"label": "what changed hands between two dates", "value": BETWEEN},
            {"label": "one date: as known then against later reports", "value": HINDSIGHT},
        ]),
        html.Div(className="fl-compare-row", children=[
            html.Label(["from ", dcc.Input(id=ids.COMPARE_FROM, type="text", value="",
                                           maxLength=10, placeholder=page.dates[0],
                                           className="fl-date-input")]),
            html.Label(["to ", dcc.Input(id=ids.COMPARE_TO, type="text", value="",
                                         maxLength=10, placeholder="the map's date",
                                         className="fl-date-input")]),
            html.Button("Compare", id=ids.COMPARE_GO, n_clicks=0, className="fl-button"),
            html.Button("CSV", id=ids.COMPARE_CSV, n_clicks=0, className="fl-button",
                        title="The comparison with each district's evidence, as CSV"),
            html.Button("Snapshot", id=ids.COMPARE_PNG, n_clicks=0, className="fl-button",
                        title="The map with the changed districts outlined, as PNG"),
        ]),
        html.Div(id=ids.COMPARE_STATUS, className="fl-small", role="status"),
        html.Ul(id=ids.COMPARE_LIST, className="fl-compare-list"),
        html.Span(id=ids.COMPARE_DRAWN, hidden=True),
        dcc.Store(id=ids.COMPARE_IDS, data=[]),
        dcc.Download(id=ids.COMPARE_DOWNLOAD),
    ])


def dates_of(ctx: ExportContext, mode: Any, first: Any, last: Any,
             day: Any) -> tuple[dt.date, dt.date, bool]:
    """D1, D2 and whether it is the hindsight comparison; D2 defaults to the map's date.
    A bad date raises a one-line :class:`frontline.errors.DateError`."""
    from dashboard.export_panel import view_date

    hindsight = mode == HINDSIGHT
    end = parse_date(str(last).strip()) if str(last or "").strip() else view_date(ctx, day)
    if hindsight:
        return end, end, True
    if not str(first or "").strip():
        raise FrontlineError("type the first date (from) as YYYY-MM-DD")
    return parse_date(str(first).strip()), end, False


def change_item(change: HandChange) -> html.Li:
    when = f", {change.when}" if change.when else ""
    return html.Li(title=change.evidence, children=[
        html.B(change.name), f": {change.was} → {change.now} ({change.basis}{when})",
        html.Div(change.evidence, className="fl-small fl-compare-evidence"),
    ])


@dash.callback(
    Output(ids.COMPARE_LIST, "children"),
    Output(ids.COMPARE_STATUS, "children"),
    Output(ids.COMPARE_IDS, "data"),
    Output(ids.TL_PICK, "data", allow_duplicate=True),
    Input(ids.COMPARE_GO, "n_clicks"),
    State(ids.COMPARE_MODE, "value"),
    State(ids.COMPARE_FROM, "value"),
    State(ids.COMPARE_TO, "value"),
    State(ids.SLIDER, "value"),
    prevent_initial_call=True,
)
def _on_compare(clicks: int, mode: Any, first: Any, last: Any, day: Any) -> tuple[Any, ...]:
    from dashboard.export_panel import context

    if not clicks:
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    try:
        ctx = context()
        d1, d2, hindsight = dates_of(ctx, mode, first, last, day)
        changes = compare_changes(ctx, d1, d2, hindsight)
    except FrontlineError as exc:
        return [], f"Cannot compare: {exc}", [], dash.no_update
    if hindsight:
        status = (f"{len(changes)} districts on {d2.isoformat()} look different with "
                  "hindsight (as known then → later reports); outlined on the map.")
    else:
        status = (f"{len(changes)} districts changed hands between {d1.isoformat()} and "
                  f"{d2.isoformat()}; outlined on the map of {d2.isoformat()}.")
    pick = {"day": ctx.day_of(d2), "index": -1, "at": clicks}
    return ([change_item(c) for c in changes], status,
            [c.district for c in changes], pick)


@dash.callback(
    Output(ids.COMPARE_DOWNLOAD, "data"),
    Output(ids.COMPARE_STATUS, "children", allow_duplicate=True),
    Input(ids.COMPARE_CSV, "n_clicks"),
    Input(ids.COMPARE_PNG, "n_clicks"),
    State(ids.COMPARE_MODE, "value"),
    State(ids.COMPARE_FROM, "value"),
    State(ids.COMPARE_TO, "value"),
    State(ids.SLIDER, "value"),
    State(ids.NAMES_LANG, "value"),
    prevent_initial_call=True,
)
def _on_download(csv_clicks: int, png_clicks: int, mode: Any, first: Any, last: Any,
                 day: Any, names_value: Any = None) -> tuple[Any, Any]:
    from dashboard.export_context import names_language
    from dashboard.export_panel import context

    png = dash.ctx.triggered_id == ids.COMPARE_PNG
    if not (png_clicks if png else csv_clicks):
        return dash.no_update, dash.no_update
    try:
        ctx = context()
        d1, d2, hindsight = dates_of(ctx, mode, first, last, day)
        if png:  # the map's names in the language the analyst reads (the CSV has both)
            ctx = ctx.named_in(names_language(names_value))
        data = (compare_png if png else compare_csv)(ctx, d1, d2, hindsight)
    except FrontlineError as exc:
        return dash.no_update, f"Cannot export the comparison: {exc}"
    span = f"{d2.isoformat()}-hindsight" if hindsight else f"{d1.isoformat()}-to-{d2.isoformat()}"
    name = f"{ctx.theatre.name}-compare-{span}.{'png' if png else 'csv'}"
    return dcc.send_bytes(data, name), dash.no_update
