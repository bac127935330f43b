"""The "Annotations" tab: a dated note pinned to a place, shown on the map, in the
hovers and in the exports with its author (:mod:`timeline.corrections` checks it).
An annotation citing a dated source is known from that date in "as known on" mode;
one citing none is shown only in hindsight."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard import ids
from dashboard.curation.context import CurationContext, unless_tab_switch
from dashboard.curation.names import place_options
from frontline.errors import FrontlineError
from timeline.corrections import new_annotation
from timeline.decisions import Annotation
from timeline.new_places import with_new_places

LABEL = "Annotations"


def _input(label: str, ident: str, size: str = "10", **kw: Any) -> html.Label:
    return html.Label([label, " ", dcc.Input(id=ident, type="text", size=size, **kw)])


def layout(cx: CurationContext) -> html.Div:
    full = with_new_places(cx.theatre, cx.store.decisions().places)
    return html.Div(className="fl-curation-tab", children=[
        html.Div(className="fl-curation-row", children=[
            html.Label(["Place ", dcc.Dropdown(id=ids.CURATION_NOTE_PLACE, searchable=True,
                                               options=place_options(full),
                                               style={"minWidth": "20em"})]),
            _input("Day", ids.CURATION_NOTE_DAY, placeholder="YYYY-MM-DD"),
        ]),
        html.Label(["Note ", dcc.Textarea(id=ids.CURATION_NOTE_TEXT,
                                          style={"width": "100%", "height": "3em"})]),
        html.Div(className="fl-curation-row", children=[
            _input("Source", ids.CURATION_NOTE_SOURCE, "30"),
            _input("Source's date", ids.CURATION_NOTE_SOURCE_DATE, placeholder="YYYY-MM-DD"),
            html.Button("Pin the note", id=ids.CURATION_NOTE_SAVE, n_clicks=0),
        ]),
        html.Div(id=ids.CURATION_NOTE_STATUS, role="status"),
        html.Div(id=ids.CURATION_NOTES),
    ])


def note_line(a: Annotation, names: dict[str, str]) -> str:
    source = f" (source: {a.source})" if a.source else ""
    return (f"{names.get(a.place, a.place)}, {a.day}: {a.text}{source}, by "
            f"{a.decided.author} ({a.decided.at:%Y-%m-%d %H:%M})")


def notes_view(cx: CurationContext) -> list[Any]:
    decisions = cx.store.decisions()
    if not decisions.annotations:
        return [html.P("No annotation in force.")]
    names = {p.id: p.label for p in with_new_places(cx.theatre, decisions.places).places}
    return [html.P(f"{len(decisions.annotations)} annotation(s) in force:"),
            html.Ul([html.Li(note_line(a, names)) for a in
                     sorted(decisions.annotations, key=lambda a: a.day)])]


def save_note(cx: CurationContext, place: Any, day: Any, text: Any, source: Any,
              source_date: Any) -> str:
    decided = cx.decided_by()
    full = with_new_places(cx.theatre, cx.store.decisions().places)
    note = new_annotation(full, str(place or ""), str(day or ""), str(text or ""),
                          str(source or ""), str(source_date or ""), decided)
    cx.decided(cx.log().record(note, 0))
    return "Pinned: " + note_line(note, {p.id: p.label for p in full.places})


def register(app: Dash, cx: CurationContext) -> None:

    @app.callback(Output(ids.CURATION_NOTES, "children"),
                  Output(ids.CURATION_NOTE_PLACE, "options"),
                  Input(ids.CURATION_LISTED, "data"), Input(ids.CURATION_TABS, "value"))
    def _list(_version: Any, _tab: Any) -> tuple[list[Any], list[dict[str, str]]]:
        unless_tab_switch()
        # A place added in the Names tab can be annotated without a reload.
        return notes_view(cx), place_options(with_new_places(cx.theatre,
                                                             cx.decisions().places))

    @app.callback(Output(ids.CURATION_REFRESH, "data", allow_duplicate=True),
                  Output(ids.CURATION_NOTE_STATUS, "children"),
                  Input(ids.CURATION_NOTE_SAVE, "n_clicks"),
                  State(ids.CURATION_NOTE_PLACE, "value"),
                  State(ids.CURATION_NOTE_DAY, "value"),
                  State(ids.CURATION_NOTE_TEXT, "value"),
                  State(ids.CURATION_NOTE_SOURCE, "value"),
                  State(ids.CURATION_NOTE_SOURCE_DATE, "value"),
                  prevent_initial_call=True)
    def _save(clicks: int, *fields: Any) -> tuple[Any, Any]:
        if not clicks:
            return no_update, no_update
        try:
            line = save_note(cx, *fields)
        except FrontlineError as exc:
            return no_update, html.Span(str(exc), className="fl-curation-error")
        return cx.saved(), line
