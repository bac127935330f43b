"""The event timeline panel: every event of the battle, searched and filtered.

The filtering runs in the browser (``assets/events_panel.js``) on the events the page
data already holds; this module lays the panel out, offers each filter's choices from
those events (kinds, actors, sides, statuses, sources: only values that occur), and
serves the CSV of the filtered list (:mod:`exports.event_list`), built from the
matching indices the browser computed, so the rule has one owner.

The CSV callback is registered on import with ``dash.callback`` (as the export panel's).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from dashboard import ids
from exports.event_list import event_list_csv
from frontline.errors import FrontlineError
from viewmodel.page_data import PageData


def _options(values: list[str], labels: dict[str, str] | None = None) -> list[dict[str, str]]:
    labels = labels or {}
    return [{"label": labels.get(v, v), "value": v} for v in values]


def filter_choices(page: PageData) -> dict[str, list[dict[str, str]]]:
    """Each list filter's options: the values the page's events hold, the most frequent
    actors and sources first (an analyst looks for the big units and outlets first)."""
    events = page.events
    sides = {s.key: s.label for s in page.sides}

    def by_count(values: list[str]) -> list[str]:
        return [v for v, _ in Counter(v for v in values if v).most_common()]

    return {
        "kind": _options(sorted({e.kind for e in events})),
        "actor": _options(by_count([e.actor for e in events])),
        "side": _options(sorted({e.side for e in events if e.side}), sides),
        "status": _options(sorted({e.status for e in events})),
        "source": _options(by_count([e.source for e in events])),
    }


def _dropdown(id_: str, placeholder: str, options: list[dict[str, str]]) -> dcc.Dropdown:
    return dcc.Dropdown(id=id_, options=options, value=[], multi=True, placeholder=placeholder,
                        className="fl-tl-filter", optionHeight=28)


def events_panel(page: PageData) -> html.Details:
    """The panel, folded open: the filters, the count, the CSV button, the list."""
    choices = filter_choices(page)
    first, last = page.dates[0], page.dates[-1]
    return html.Details(id=ids.TIMELINE, className="fl-timeline", open=True, children=[
        html.Summary(f"Event timeline: all {len(page.events)} events of the battle",
                     className="fl-h2"),
        html.Div(className="fl-tl-filters", children=[
            dcc.Input(id=ids.TL_TEXT, type="search", value="", debounce=True,
                      placeholder="search quotes, places, actors, sources",
                      className="fl-tl-text", spellCheck=False),
            _dropdown(ids.TL_KIND, "kind", choices["kind"]),
            _dropdown(ids.TL_ACTOR, "actor / unit", choices["actor"]),
            _dropdown(ids.TL_SIDE, "side", choices["side"]),
            _dropdown(ids.TL_STATUS, "status", choices["status"]),
            _dropdown(ids.TL_SOURCE, "source", choices["source"]),
            html.Label(className="fl-tl-dates", children=[
                "from ", dcc.Input(id=ids.TL_FROM, type="text", value="", debounce=True,
                                   placeholder=first, maxLength=10, className="fl-date-input"),
                " to ", dcc.Input(id=ids.TL_TO, type="text", value="", debounce=True,
                                  placeholder=last, maxLength=10, className="fl-date-input"),
            ]),
        ]),
        html.Div(className="fl-tl-bar", children=[
            html.Div(id=ids.TL_COUNT, className="fl-tl-count", role="status"),
            html.Button("CSV of this list", id=ids.TL_CSV, n_clicks=0, className="fl-button",
                        title="Download the events that match as CSV"),
        ]),
        html.Div(id=ids.TL_NOTE, className="fl-notice", role="status"),
        html.Ul(id=ids.TL_LIST, className="fl-events fl-tl-list"),
        dcc.Store(id=ids.TL_MATCHES, data=[]),
        dcc.Store(id=ids.TL_PICK, data=None),
        dcc.Download(id=ids.TL_DOWNLOAD),
    ])


@dash.callback(
    Output(ids.TL_DOWNLOAD, "data"),
    Output(ids.TL_NOTE, "children", allow_duplicate=True),  # the address's notice owns it
    Input(ids.TL_CSV, "n_clicks"),
    State(ids.TL_MATCHES, "data"),
    prevent_initial_call=True,
)
def _on_csv(clicks: int, matches: Any) -> tuple[Any, str]:
    from dashboard.export_panel import context

    if not clicks:
        return dash.no_update, ""
    try:
        ctx = context()
        data = event_list_csv(ctx.page, matches if isinstance(matches, list) else [])
    except FrontlineError as exc:
        return dash.no_update, f"CSV failed: {exc}"
    name = f"{ctx.theatre.name}-events.csv"
    return dcc.send_bytes(data, name), ""
