"""Callbacks of the page, all clientside: no server round trip per frame or click.

Each registers a function of ``assets/frontline.js`` (namespace ``frontline``):

- ``navigate`` owns the slider: it reads the URL on load (date, layers, "as known
  on"), and moves the day on play ticks, buttons, the date box and chart clicks.
- ``render`` patches the map (colour codes, hover texts, front line, events) and the
  chart cursor for the slider's day, and mirrors the view into the address bar.
- ``speed`` sets the play interval (2 days a second at 1x; above 2x each tick steps
  several days rather than drawing faster than 4 frames a second).
- ``eventList`` lists the events of the current window; ``selectEvent`` remembers
  the clicked one so ``render`` rings its place.
"""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Dash, Input, Output, State

from dashboard import ids

NAMESPACE = "frontline"


def _js(name: str) -> ClientsideFunction:
    return ClientsideFunction(namespace=NAMESPACE, function_name=name)


def register_callbacks(app: Dash) -> None:
    """Register the page's callbacks on ``app`` (on the app, so two apps never clash)."""
    clientside_callback = app.clientside_callback
    clientside_callback(
        _js("navigate"),
        Output(ids.SLIDER, "value"),
        Output(ids.DATE_INPUT, "value"),
        Output(ids.INTERVAL, "disabled"),
        Output(ids.PLAY, "children"),
        Output(ids.URL_NOTICE, "children"),
        Output(ids.CHART_QUOTE, "children"),
        Output(ids.LAYERS, "value"),
        Output(ids.KNOWN_ON, "value"),
        Input(ids.URL, "search"),
        Input(ids.SLIDER, "value"),
        Input(ids.DATE_INPUT, "value"),
        Input(ids.INTERVAL, "n_intervals"),
        Input(ids.PLAY, "n_clicks"),
        Input(ids.PREV_CHANGE, "n_clicks"),
        Input(ids.NEXT_CHANGE, "n_clicks"),
        Input(ids.PREV_DAY, "n_clicks"),
        Input(ids.NEXT_DAY, "n_clicks"),
        Input(ids.CHART, "clickData"),
        State(ids.PAGE_DATA, "data"),
        State(ids.INTERVAL, "disabled"),
        State(ids.KNOWN_ON, "value"),
        State(ids.SPEED, "value"),
    )
    clientside_callback(
        _js("render"),
        Output(ids.MAP, "figure"),
        Output(ids.CHART, "figure"),
        Output(ids.DATE_LABEL, "children"),
        Input(ids.SLIDER, "value"),
        Input(ids.LAYERS, "value"),
        Input(ids.KNOWN_ON, "value"),
        Input(ids.SELECTED_EVENT, "data"),
        State(ids.PAGE_DATA, "data"),
    )
    clientside_callback(
        _js("eventList"),
        Output(ids.EVENT_LIST, "children"),
        Input(ids.SLIDER, "value"),
        Input(ids.KNOWN_ON, "value"),
        Input(ids.SELECTED_EVENT, "data"),
        State(ids.PAGE_DATA, "data"),
    )
    clientside_callback(
        _js("selectEvent"),
        Output(ids.SELECTED_EVENT, "data"),
        Input({"type": ids.EVENT_ITEM, "index": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    clientside_callback(
        _js("speed"),
        Output(ids.INTERVAL, "interval"),
        Input(ids.SPEED, "value"),
    )
