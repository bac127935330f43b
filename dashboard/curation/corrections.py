"""The "Corrections" tab: an analyst sets a district's side from one date to another.

The override is shown as its own basis (``analyst``) in the legend, the hovers and the
exports, with its author, source and note. It beats inferred and assumed states; over
a reported state it applies only when "supersedes the reports" is ticked, and the
override then names the reports behind those days (:mod:`timeline.corrections`), so the
hover shows both. Overrides in force are listed with who set them and why; undo is in
the History tab.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard import ids
from dashboard.curation.context import CurationContext, unless_tab_switch
from frontline.errors import FrontlineError, InputError
from timeline.corrections import new_override
from timeline.decisions import Override

LABEL = "Corrections"
SUPERSEDE = "supersede"


def _input(label: str, ident: str, size: str = "10", **kw: Any) -> html.Label:
    return html.Label([label, " ", dcc.Input(id=ident, type="text", size=size, **kw)])


def layout(cx: CurationContext) -> html.Div:
    districts = sorted(cx.theatre.districts, key=lambda d: d.label.lower())
    return html.Div(className="fl-curation-tab", children=[
        html.Div(className="fl-curation-row", children=[
            html.Label(["District ", dcc.Dropdown(
                id=ids.CURATION_OVERRIDE_DISTRICT, style={"minWidth": "14em"},
                options=[{"label": d.label, "value": d.id} for d in districts])]),
            html.Label(["Side ", dcc.Dropdown(
                id=ids.CURATION_OVERRIDE_SIDE, style={"minWidth": "10em"},
                options=[{"label": s.label, "value": k} for k, s in cx.theatre.sides.items()])]),
            _input("From", ids.CURATION_OVERRIDE_START, placeholder="YYYY-MM-DD"),
            _input("Until (empty: further notice)", ids.CURATION_OVERRIDE_END,
                   placeholder="YYYY-MM-DD"),
        ]),
        html.Div(className="fl-curation-row", children=[
            _input("Source", ids.CURATION_OVERRIDE_SOURCE, "30"),
            _input("Source's date", ids.CURATION_OVERRIDE_SOURCE_DATE,
                   placeholder="YYYY-MM-DD"),
            _input("Note", ids.CURATION_OVERRIDE_NOTE, "40"),
            dcc.Checklist(id=ids.CURATION_OVERRIDE_SUPERSEDE, value=[], options=[
                {"label": " supersedes the reports of those days", "value": SUPERSEDE}]),
            html.Button("Save the override", id=ids.CURATION_OVERRIDE_SAVE, n_clicks=0),
        ]),
        html.Div(id=ids.CURATION_OVERRIDE_STATUS, role="status"),
        html.Div(id=ids.CURATION_OVERRIDES),
    ])


def override_line(o: Override, names: dict[str, str]) -> str:
    until = o.end.isoformat() if o.end else "further notice"
    source = f"; source: {o.source}" + (f" ({o.source_date})" if o.source_date else "") \
        if o.source else "; no source cited (hindsight only)"
    over = f"; supersedes {', '.join(o.supersedes)}" if o.supersedes else ""
    note = f". {o.note}" if o.note else ""
    return (f"{names.get(o.district, o.district)}: {o.side} from {o.start} until {until}, "
            f"by {o.decided.author} ({o.decided.at:%Y-%m-%d %H:%M}){source}{over}{note}")


def overrides_view(cx: CurationContext) -> list[Any]:
    found = cx.store.decisions().overrides
    if not found:
        return [html.P("No override in force.")]
    names = {p.id: p.label for p in cx.theatre.places}
    return [html.P(f"{len(found)} override(s) in force:"),
            html.Ul([html.Li(override_line(o, names)) for o in found])]


def save_override(cx: CurationContext, district: Any, side: Any, start: Any, end: Any,
                  source: Any, source_date: Any, note: Any, supersede: Any) -> str:
    decided = cx.decided_by(str(note or ""))
    marked = SUPERSEDE in (supersede or [])
    timeline = None
    if marked:
        if not cx.store.has_timeline():
            raise InputError("no built map to find the reports in: build it first")
        timeline = cx.store.load_timeline()
    ids_ = tuple(str(d) for d in cx.store.districts(cx.theatre)["id"])
    override = new_override(cx.theatre, ids_, str(district or ""), str(side or ""),
                            str(start or ""), str(end or ""), str(source or ""),
                            str(source_date or ""), str(note or ""), decided, marked, timeline)
    if marked and not override.supersedes:
        raise InputError("no report sets that district in that span: untick 'supersedes'")
    cx.decided(cx.log().record(override, 0))
    names = {p.id: p.label for p in cx.theatre.places}
    return "Saved: " + override_line(override, names)


def register(app: Dash, cx: CurationContext) -> None:

    @app.callback(Output(ids.CURATION_OVERRIDES, "children"),
                  Input(ids.CURATION_LISTED, "data"), Input(ids.CURATION_TABS, "value"))
    def _list(_version: Any, _tab: Any) -> list[Any]:
        unless_tab_switch()
        return overrides_view(cx)

    @app.callback(Output(ids.CURATION_REFRESH, "data", allow_duplicate=True),
                  Output(ids.CURATION_OVERRIDE_STATUS, "children"),
                  Input(ids.CURATION_OVERRIDE_SAVE, "n_clicks"),
                  State(ids.CURATION_OVERRIDE_DISTRICT, "value"),
                  State(ids.CURATION_OVERRIDE_SIDE, "value"),
                  State(ids.CURATION_OVERRIDE_START, "value"),
                  State(ids.CURATION_OVERRIDE_END, "value"),
                  State(ids.CURATION_OVERRIDE_SOURCE, "value"),
                  State(ids.CURATION_OVERRIDE_SOURCE_DATE, "value"),
                  State(ids.CURATION_OVERRIDE_NOTE, "value"),
                  State(ids.CURATION_OVERRIDE_SUPERSEDE, "value"),
                  prevent_initial_call=True)
    def _save(clicks: int, *fields: Any) -> tuple[Any, Any]:
        if not clicks:
            return no_update, no_update
        try:
            line = save_override(cx, *fields)
        except FrontlineError as exc:
            return no_update, html.Span(str(exc), className="fl-curation-error")
        return cx.saved(), line
