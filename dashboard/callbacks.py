"""Callbacks of the page, all clientside: no server round trip per frame or click.

Each registers a function of ``assets/frontline.js`` (namespace ``frontline``):

- ``navigate`` owns the slider: it reads the URL on load (date, layers, "as known
  on"), moves the day on buttons, the date box and chart clicks, starts and stops the
  player (``assets/player.js``, driven by requestAnimationFrame) and follows the day
  it drew (``PLAY_TICK``).
- ``render`` draws the slider's day on the map through MapLibre (``assets/mapview.js``:
  colour codes, hover texts, front line, events), writes the date label, moves the
  chart cursor, and mirrors the view into the address bar.
- ``speed`` sets the play rate (2 days a second at 1x).
- ``eventList`` writes the events of the current window into the list (as DOM, not
  Dash children: see frontline.js); a click on one sets ``SELECTED_EVENT`` so
  ``render`` rings its place.
- ``names`` (``assets/labels.js``) shows the district names over the map;
  ``placeSearch`` and ``placePick`` (``assets/search.js``) find a place and move the
  map to it.

Dash hands a clientside function its inputs by position and takes its outputs back
by position. So that the order is written once, each callback is a table of named
outputs and inputs (:data:`CLIENTSIDE`): the callback is registered from the table,
and the same names reach the browser in the client config (``client_config.py``),
which is every callback's last argument. The JS zips the arguments into an object by
those names and returns its outputs as an object, which it orders by them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State

from dashboard import ids

NAMESPACE = "frontline"
CONFIG_STATE = State(ids.CLIENT_CONFIG, "data")


@dataclass(frozen=True)
class Clientside:
    """A clientside callback: a function of ``frontline.js`` and its named arguments."""

    function: str
    outputs: tuple[tuple[str, Output], ...]
    inputs: tuple[tuple[str, Input | State], ...]
    prevent_initial_call: bool = False

    def arguments(self) -> list[tuple[str, Input | State]]:
        """The named inputs in the order the function receives them: Dash passes every
        ``Input`` before every ``State``, whatever the order they are declared in."""
        return ([(n, d) for n, d in self.inputs if isinstance(d, Input)]
                + [(n, d) for n, d in self.inputs if not isinstance(d, Input)])

    def dependencies(self) -> list[Output | Input | State]:
        """Outputs, then the arguments, then the client config (always the last)."""
        return [*(o for _, o in self.outputs), *(d for _, d in self.arguments()), CONFIG_STATE]

    def to_json(self) -> dict[str, Any]:
        """The names the browser zips the arguments with, and orders the outputs by.

        ``trigger`` is the ``prop_id`` Dash reports when an input fires (``None`` for a
        state, or for a pattern-matching id, whose prop_id names the matched component).
        """
        return {
            "outputs": [name for name, _ in self.outputs],
            "inputs": [{"name": name, "trigger": _trigger(dep)}
                       for name, dep in self.arguments()],
        }


def _trigger(dep: Input | State) -> str | None:
    if isinstance(dep, State) or not isinstance(dep.component_id, str):
        return None
    return f"{dep.component_id}.{dep.component_property}"


CLIENTSIDE = (
    Clientside(
        "navigate",
        outputs=(
            ("day", Output(ids.SLIDER, "value")),
            ("dateText", Output(ids.DATE_INPUT, "value")),
            ("playing", Output(ids.PLAYING, "data")),
            ("playLabel", Output(ids.PLAY, "children")),
            ("notice", Output(ids.URL_NOTICE, "children")),
            ("quote", Output(ids.CHART_QUOTE, "children")),
            ("layers", Output(ids.LAYERS, "value")),
            ("known", Output(ids.KNOWN_ON, "value")),
        ),
        inputs=(
            ("search", Input(ids.URL, "search")),
            ("slider", Input(ids.SLIDER, "value")),
            ("dateText", Input(ids.DATE_INPUT, "value")),
            ("tick", Input(ids.PLAY_TICK, "data")),
            ("play", Input(ids.PLAY, "n_clicks")),
            ("prevChange", Input(ids.PREV_CHANGE, "n_clicks")),
            ("nextChange", Input(ids.NEXT_CHANGE, "n_clicks")),
            ("prevDay", Input(ids.PREV_DAY, "n_clicks")),
            ("nextDay", Input(ids.NEXT_DAY, "n_clicks")),
            ("chartClick", Input(ids.CHART, "clickData")),
            ("pick", Input(ids.TL_PICK, "data")),
            ("data", State(ids.PAGE_DATA, "data")),
            ("playing", State(ids.PLAYING, "data")),
            ("known", State(ids.KNOWN_ON, "value")),
            ("rate", State(ids.PLAY_RATE, "data")),
        ),
    ),
    Clientside(
        "render",
        outputs=(
            ("map", Output(ids.MAP, "figure")),
            ("chart", Output(ids.CHART, "figure")),
        ),
        inputs=(
            ("day", Input(ids.SLIDER, "value")),
            ("layers", Input(ids.LAYERS, "value")),
            ("known", Input(ids.KNOWN_ON, "value")),
            ("selected", Input(ids.SELECTED_EVENT, "data")),
            # An Input: an analyst's decision sends new page data, redrawn at once.
            ("data", Input(ids.PAGE_DATA, "data")),
        ),
    ),
    Clientside(
        "eventList",
        outputs=(("items", Output(ids.EVENT_LIST, "children")),),
        inputs=(
            ("day", Input(ids.SLIDER, "value")),
            ("known", Input(ids.KNOWN_ON, "value")),
            ("selected", Input(ids.SELECTED_EVENT, "data")),
            # An Input: an analyst's decision sends new page data, redrawn at once.
            ("data", Input(ids.PAGE_DATA, "data")),
        ),
    ),
    Clientside(
        "names",  # assets/labels.js: the district names over the map
        outputs=(("className", Output(ids.NAME_LAYER, "className")),),
        inputs=(
            ("layers", Input(ids.LAYERS, "value")),
            ("lang", Input(ids.NAMES_LANG, "value")),
            ("data", State(ids.PAGE_DATA, "data")),
        ),
    ),
    Clientside(
        "placeSearch",  # assets/search.js: the places matching the search box
        outputs=(("items", Output(ids.PLACE_RESULTS, "children")),),
        inputs=(
            ("query", Input(ids.PLACE_SEARCH, "value")),
            ("picked", Input(ids.PLACE_PICKED, "data")),  # a place chosen: the list closes
            ("data", State(ids.PAGE_DATA, "data")),
        ),
    ),
    Clientside(
        "placePick",  # assets/search.js: move the map to a found place and ring it
        outputs=(("picked", Output(ids.PLACE_PICKED, "data")),),
        inputs=(
            ("clicks", Input({"type": ids.PLACE_ITEM, "index": ALL}, "n_clicks")),
            ("submit", Input(ids.PLACE_SEARCH, "n_submit")),
            ("query", State(ids.PLACE_SEARCH, "value")),
            ("data", State(ids.PAGE_DATA, "data")),
        ),
        prevent_initial_call=True,
    ),
    Clientside(
        "timelineFromUrl",  # assets/events_panel.js: the panel's filters from the address
        outputs=(
            ("text", Output(ids.TL_TEXT, "value")),
            ("kind", Output(ids.TL_KIND, "value")),
            ("actor", Output(ids.TL_ACTOR, "value")),
            ("side", Output(ids.TL_SIDE, "value")),
            ("status", Output(ids.TL_STATUS, "value")),
            ("source", Output(ids.TL_SOURCE, "value")),
            ("from", Output(ids.TL_FROM, "value")),
            ("to", Output(ids.TL_TO, "value")),
            ("note", Output(ids.TL_NOTE, "children")),
        ),
        inputs=(("search", Input(ids.URL, "search")), ("data", State(ids.PAGE_DATA, "data"))),
    ),
    Clientside(
        "eventTimeline",  # assets/events_panel.js: the matching events and their count
        outputs=(
            ("items", Output(ids.TL_LIST, "children")),
            ("count", Output(ids.TL_COUNT, "children")),
            ("matches", Output(ids.TL_MATCHES, "data")),
        ),
        inputs=(
            ("text", Input(ids.TL_TEXT, "value")),
            ("kind", Input(ids.TL_KIND, "value")),
            ("actor", Input(ids.TL_ACTOR, "value")),
            ("side", Input(ids.TL_SIDE, "value")),
            ("status", Input(ids.TL_STATUS, "value")),
            ("source", Input(ids.TL_SOURCE, "value")),
            ("from", Input(ids.TL_FROM, "value")),
            ("to", Input(ids.TL_TO, "value")),
            ("selected", Input(ids.SELECTED_EVENT, "data")),
            # New page data (a decision, here or elsewhere) redraws the list: a rejected
            # event leaves it, and the CSV's indices are those of the data now shown.
            ("data", Input(ids.PAGE_DATA, "data")),
        ),
    ),
    Clientside(
        "pickTimeline",  # assets/events_panel.js: a clicked event: its date, its place
        outputs=(
            ("pick", Output(ids.TL_PICK, "data")),
            ("selected", Output(ids.SELECTED_EVENT, "data", allow_duplicate=True)),
            ("note", Output(ids.TL_NOTE, "children", allow_duplicate=True)),
        ),
        inputs=(
            ("clicks", Input({"type": ids.TL_ITEM, "index": ALL}, "n_clicks")),
            ("data", State(ids.PAGE_DATA, "data")),
        ),
        prevent_initial_call=True,
    ),
    Clientside(
        "compareOutline",  # assets/compare.js: outline the districts a comparison names
        outputs=(("drawn", Output(ids.COMPARE_DRAWN, "children")),),
        inputs=(("ids", Input(ids.COMPARE_IDS, "data")),),
    ),
    Clientside(
        "speed",
        outputs=(("rate", Output(ids.PLAY_RATE, "data")),),
        inputs=(("speed", Input(ids.SPEED, "value")),),
    ),
)


def register_callbacks(app: Dash) -> None:
    """Register the page's callbacks on ``app`` (on the app, so two apps never clash)."""
    for cb in CLIENTSIDE:
        app.clientside_callback(
            ClientsideFunction(namespace=NAMESPACE, function_name=cb.function),
            *cb.dependencies(),
            prevent_initial_call=cb.prevent_initial_call,
        )
