"""The "Names" tab: what each name extraction could not place means.

The unresolved names are listed (how many reports name each, and a sentence that
does). For one, the analyst (signed in) maps it to a gazetteer place (a type-ahead
whose options carry every spelling: the name, its variants and the Arabic), adds it as
a new place (a point clicked on the map, with its bank and parent district, filled in
from the district under the point and open to change), or marks it "not a place" or
"outside the theatre". The decision is kept in the log and applied to every
extraction, those made later included (:mod:`timeline.curation`).
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, dcc, html, no_update
from shapely.geometry import Point

from dashboard import ids
from dashboard.curation.context import CurationContext, unless_tab_switch
from frontline.errors import FrontlineError, InputError
from geodata.districts import BANK, ID, containing_district
from geodata.theatre import Place, Theatre
from timeline.decisions import NameDecision
from timeline.new_places import check_new_place, with_new_places
from timeline.pipeline import curated
from timeline.store.sql.decisions import new_decision_id
from timeline.unresolved import unresolved_names
from viewmodel.pick_map import pick_map

LABEL = "Names"
ACTIONS = (("map", "Map to a gazetteer place"), ("new_place", "Add as a new place"),
           ("not_place", "Not a place"), ("outside", "Outside the theatre"))


def place_option(place: Place) -> dict[str, str]:
    """A type-ahead option whose label holds every spelling of the place."""
    spellings = [s for s in (*place.variants, place.name_ar) if s]
    extra = f" ({'; '.join(spellings)})" if spellings else ""
    return {"label": f"{place.label}{extra} [{place.kind}]", "value": place.id}


def place_options(theatre: Theatre) -> list[dict[str, str]]:
    return [place_option(p) for p in sorted(theatre.places, key=lambda p: p.label.lower())]


def _full(cx: CurationContext) -> Theatre:
    return with_new_places(cx.theatre, cx.store.decisions().places)


def layout(cx: CurationContext) -> html.Div:
    districts = cx.theatre.districts
    return html.Div(className="fl-curation-tab", children=[
        html.Div(id=ids.CURATION_NAMES),
        html.Div(className="fl-curation-row", children=[
            html.Label(["Name ", dcc.Dropdown(id=ids.CURATION_NAME, options=[],
                                              style={"minWidth": "16em"})]),
            dcc.RadioItems(id=ids.CURATION_NAME_ACTION, value="map", inline=True,
                           options=[{"label": t, "value": v} for v, t in ACTIONS]),
        ]),
        html.Label(["Gazetteer place (type a name, a variant or the Arabic) ",
                    dcc.Dropdown(id=ids.CURATION_NAME_PLACE, options=place_options(_full(cx)),
                                 searchable=True, style={"minWidth": "24em"})]),
        html.Details(open=False, children=[
            html.Summary("New place: click its point on the map"),
            dcc.Graph(id=ids.CURATION_NAME_MAP, config={"displayModeBar": False},
                      figure=pick_map(cx.theatre, cx.store.districts(cx.theatre),
                                      style=cx.settings.map_style)),
            html.Div(className="fl-curation-row", children=[
                html.Label(["Latitude ", dcc.Input(id=ids.CURATION_NAME_LAT, type="text",
                                                   size="10")]),
                html.Label(["Longitude ", dcc.Input(id=ids.CURATION_NAME_LON, type="text",
                                                    size="10")]),
                html.Label(["Bank ", dcc.Dropdown(
                    id=ids.CURATION_NAME_BANK, options=list(cx.theatre.banks),
                    style={"minWidth": "8em"})]),
                html.Label(["Parent district ", dcc.Dropdown(
                    id=ids.CURATION_NAME_PARENT, style={"minWidth": "14em"},
                    options=[{"label": d.label, "value": d.id} for d in
                             sorted(districts, key=lambda d: d.label.lower())])]),
            ]),
        ]),
        html.Div(className="fl-curation-row", children=[
            html.Label(["Why ", dcc.Input(id=ids.CURATION_NAME_REASON, type="text",
                                          size="40")]),
            html.Button("Save the decision", id=ids.CURATION_NAME_SAVE, n_clicks=0),
        ]),
        html.Div(id=ids.CURATION_NAME_STATUS, role="status"),
    ])


def names_view(cx: CurationContext) -> tuple[list[Any], list[dict[str, str]]]:
    """The unresolved names as a list, and as the name chooser's options."""
    rows = unresolved_names(curated(cx.store).extractions)
    if not rows:
        return [html.P("Every name the reports give is placed or decided.")], []
    items = [html.Li([html.B(u.name), f" ({u.reports} report(s)): ",
                      html.Q(u.example) if u.example else f"in {u.article}"])
             for u in rows]
    return ([html.P(f"{len(rows)} name(s) not placed:"), html.Ul(items)],
            [{"label": u.name, "value": u.name} for u in rows])


def clicked_point(click: Any) -> tuple[float, float] | None:
    """(lat, lon) of a click on the pick map's grid, or None."""
    points = (click or {}).get("points") or []
    if not points or "lat" not in points[0] or "lon" not in points[0]:
        return None
    return float(points[0]["lat"]), float(points[0]["lon"])


def _number(raw: Any, what: str) -> float:
    try:
        return float(str(raw).strip())
    except ValueError:
        raise InputError(f"the {what} {raw!r} is not a number (click the map)") from None


def decide(cx: CurationContext, name: Any, action: Any, place: Any, lat: Any, lon: Any,
           bank: Any, parent: Any, reason: Any) -> str:
    """Record the analyst's decision on ``name``; the line to show. Bad input raises a
    one-line :class:`InputError`."""
    name = str(name or "").strip()
    if not name:
        raise InputError("choose the name to decide")
    decided = cx.decided_by(str(reason or ""))
    log = cx.log()
    action = str(action or "")
    place_id: str | None = None
    if action == "map":
        full = _full(cx)
        if not place or place not in full.places_by_id:
            raise InputError("choose the gazetteer place the name stands for")
        place_id = str(place)
    elif action == "new_place":
        if lat in (None, "") or lon in (None, ""):
            raise InputError("click the new place's point on the map")
        known = cx.store.decisions().places
        new = check_new_place(_full(cx), cx.store.districts(cx.theatre), name,
                              _number(lat, "latitude"), _number(lon, "longitude"),
                              str(bank or ""), str(parent or ""), decided,
                              taken=[p.id for p in known])
        log.record(new)
        place_id = new.id
    elif action not in ("not_place", "outside"):
        raise InputError(f"unknown decision {action!r}")
    try:
        decision = NameDecision(new_decision_id(), name, action, decided, place_id)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    recorded = log.record(decision, log.current(decision)[0])
    cx.decided(recorded)
    what = dict(ACTIONS)[action].lower()
    return f"“{name}”: {what}{f' ({place_id})' if place_id else ''}, by {decided.author}."


def register(app: Dash, cx: CurationContext) -> None:

    @app.callback(Output(ids.CURATION_NAMES, "children"),
                  Output(ids.CURATION_NAME, "options"),
                  Output(ids.CURATION_NAME_PLACE, "options"),
                  Input(ids.CURATION_LISTED, "data"), Input(ids.CURATION_TABS, "value"))
    def _list(_version: Any, _tab: Any) -> tuple[Any, Any, Any]:
        unless_tab_switch()
        # A place added here is offered at once for the next name to map.
        return (*names_view(cx), place_options(_full(cx)))

    @app.callback(Output(ids.CURATION_NAME_LAT, "value"),
                  Output(ids.CURATION_NAME_LON, "value"),
                  Output(ids.CURATION_NAME_BANK, "value"),
                  Output(ids.CURATION_NAME_PARENT, "value"),
                  Output(ids.CURATION_NAME_ACTION, "value"),
                  Output(ids.CURATION_NAME_MAP, "figure"),
                  Input(ids.CURATION_NAME_MAP, "clickData"),
                  prevent_initial_call=True)
    def _picked(click: Any) -> tuple[Any, ...]:
        point = clicked_point(click)
        if point is None:
            return (no_update,) * 6
        districts = cx.store.districts(cx.theatre)
        inside = containing_district(districts, Point(point[1], point[0]))
        bank = str(districts.loc[districts[ID] == inside, BANK].iloc[0]) if inside else None
        figure = pick_map(cx.theatre, districts, point, cx.settings.map_style)
        return f"{point[0]:.5f}", f"{point[1]:.5f}", bank, inside, "new_place", figure

    @app.callback(Output(ids.CURATION_REFRESH, "data", allow_duplicate=True),
                  Output(ids.CURATION_NAME_STATUS, "children"),
                  Input(ids.CURATION_NAME_SAVE, "n_clicks"),
                  State(ids.CURATION_NAME, "value"),
                  State(ids.CURATION_NAME_ACTION, "value"),
                  State(ids.CURATION_NAME_PLACE, "value"),
                  State(ids.CURATION_NAME_LAT, "value"),
                  State(ids.CURATION_NAME_LON, "value"),
                  State(ids.CURATION_NAME_BANK, "value"),
                  State(ids.CURATION_NAME_PARENT, "value"),
                  State(ids.CURATION_NAME_REASON, "value"),
                  prevent_initial_call=True)
    def _save(clicks: int, *fields: Any) -> tuple[Any, Any]:
        if not clicks:
            return no_update, no_update
        try:
            line = decide(cx, *fields)
        except FrontlineError as exc:
            return no_update, html.Span(str(exc), className="fl-curation-error")
        return cx.saved(), line
