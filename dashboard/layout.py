"""The page layout: controls on top, the map on the left, figures and events on the right.

Built once per store version from the page data (an immutable value: nothing here
changes per session). Per-user state lives in the page: the slider, the toggles and the URL.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import ids
from dashboard.client_config import PLAY_DAYS_PER_SECOND, client_config
from dashboard.compare_panel import compare_panel
from dashboard.events_panel import events_panel
from geodata.context import bridges
from geodata.theatre import Theatre
from viewmodel.chart import SERIES_COLORS, claimant_symbols, figures_chart, region_styles
from viewmodel.figures import APPROX_TEXT, BASES, LAYER_NAMES, basis_color, page_map
from viewmodel.page_data import PageData
from viewmodel.page_events import KIND_COLORS, MARKER_KINDS
from viewmodel.uncertainty import uncertainty_legend

SPEEDS = (0.5, 1, 2, 4, 8)
LAYER_LABELS = {"districts": "Districts", "front": "Front line", "events": "Events",
                "bridges": "Bridges", "context": "River and outline", "names": "Names"}
NO_TIMELINE_TEXT = ("Nothing to show yet: no control timeline is stored. "
                    "Add articles to seeds/ and run `make data`.")
NO_ARTICLES_TEXT = ("Nothing to show: the corpus holds no events or figures; the map shows "
                    "only the theatre's initial state. Add articles to seeds/ and run "
                    "`make data`.")


def empty_text(page: PageData) -> str:
    """The "nothing to show" notice, or "" when there is something to show."""
    if not page.has_timeline:
        return NO_TIMELINE_TEXT
    return NO_ARTICLES_TEXT if not page.events and not page.figures else ""


def month_marks(page: PageData) -> dict[int, str]:
    """Slider marks at the first day of each month; January shows the year instead ("Nov
    Dec 2017 Feb"), which keeps every label as narrow as a month's span at 1024 px."""
    marks = {}
    for day in range(page.n_days):
        date = page.date_of(day)
        if date.day == 1:
            marks[day] = date.strftime("%Y" if date.month == 1 else "%b")
    return marks


def _button(id_: str, label: str | list[Any], title: str) -> html.Button:
    return html.Button(label, id=id_, title=title, className="fl-button", n_clicks=0)


def icon(name: str) -> html.Span:
    """A player icon drawn in CSS (``fl-icon-play``, ``-pause``, ``-prev``, ``-next``):
    a font may lack the "⏸" and "▶" glyphs, and the page ships no font of its own."""
    return html.Span(className=f"fl-icon fl-icon-{name}")


def time_controls(page: PageData) -> html.Div:
    """Play/pause, speed, previous/next change and day, the slider and a date box."""
    first = page.dates[0]
    return html.Div(className="fl-controls", children=[
        _button(ids.PLAY, [icon("play"), " Play"], "Play or pause the animation"),
        dcc.RadioItems(id=ids.SPEED, options=[{"label": f"{s:g}×", "value": s} for s in SPEEDS],
                       value=1, inline=True, className="fl-speed"),
        _button(ids.PREV_CHANGE, "« change", "Previous change of control (Shift+←)"),
        _button(ids.PREV_DAY, [icon("prev")], "Previous day (←)"),
        html.Div(className="fl-slider", children=dcc.Slider(
            id=ids.SLIDER, min=0, max=page.n_days - 1, step=1, value=0,
            marks=month_marks(page), included=False, updatemode="drag",
            allow_direct_input=False)),
        _button(ids.NEXT_DAY, [icon("next")], "Next day (→)"),
        _button(ids.NEXT_CHANGE, "change »", "Next change of control (Shift+→)"),
        html.Label(className="fl-goto", children=["Go to ", dcc.Input(
            id=ids.DATE_INPUT, type="text", value=first, debounce=True, maxLength=10,
            placeholder="YYYY-MM-DD", pattern=r"\d{4}-\d{2}-\d{2}", className="fl-date-input",
            spellCheck=False)]),
        dcc.Store(id=ids.PLAYING, data=False),
        dcc.Store(id=ids.PLAY_TICK, data=None),
        dcc.Store(id=ids.PLAY_RATE, data=PLAY_DAYS_PER_SECOND),
    ])


def _swatch(color: str, shape: str = "box") -> html.Span:
    return html.Span(className=f"fl-swatch fl-{shape}", style={"background": color})


def river_key(theatre: Theatre) -> list[html.Span | str]:
    """The river's legend entry (none for a theatre without a river)."""
    return [_swatch("#5DA5DA", "bar"), theatre.river_name] if theatre.river else []


def bridge_key(theatre: Theatre) -> list[html.Span | str]:
    """The bridges' legend entry (none for a theatre without bridges)."""
    return [_swatch("#333333", "dot"), "bridge"] if bridges(theatre) else []


DASH_WORDS = {"solid": "solid", "dash": "dashed", "dot": "dotted", "dashdot": "dash-dot",
              "longdash": "long dashes"}


def share_key(page: PageData, theatre: Theatre) -> str:
    """How to read the chart's share lines: whose share, and which line is which bank."""
    styles = region_styles(theatre.share_keys)
    parts = ", ".join(f"{label} ({DASH_WORDS[dash]})" for label, dash in styles.values())
    return f"lines: {page.holder.short_label} share of the {parts}"


def legend(page: PageData, theatre: Theatre) -> html.Div:
    """Side colours (reported, then the weaker inferred and assumed tints and the darker
    analyst shade), event kinds."""
    sides = [html.Div(className="fl-legend-row", children=[
        *[_swatch(basis_color(theatre.sides[s].color, b)) for b in BASES],
        html.Span(theatre.sides[s].label)]) for s in page.sides_on_map]
    kinds = [html.Span(className="fl-legend-item", children=[
        _swatch(KIND_COLORS[k], "dot"), k]) for k in MARKER_KINDS]
    claimants = claimant_symbols(page.figures)
    series = sorted({f.series for f in page.figures})
    return html.Div(id=ids.LEGEND, className="fl-legend", children=[
        html.Div("Fill: reported · lighter: inferred · lightest: assumed · darker: analyst",
                 className="fl-legend-head"),
        uncertainty_key(page, theatre),
        *sides,
        html.Div(className="fl-legend-row", children=[
            _swatch("#111111", "bar"), "front line",
            *river_key(theatre),
            *bridge_key(theatre)]),
        html.Div(className="fl-legend-row", children=["Events: ", *kinds]),
        html.Div(className="fl-legend-row fl-small", children=[
            "Chart: ", *[html.Span(className="fl-legend-item", children=[
                _swatch(SERIES_COLORS.get(name, "#333333"), "dot"), name]) for name in series],
            share_key(page, theatre),
        ]),
        html.Details(className="fl-small", children=[
            html.Summary(f"Chart symbols: one per claimant ({len(claimants)})"),
            html.Ul(className="fl-claimants", children=[
                html.Li(f"{sym.replace('-', ' ')}: {c}") for c, sym in claimants.items()]),
        ]) if claimants else "",
    ])


def uncertainty_key(page: PageData, theatre: Theatre) -> html.Details:
    """How sure each colour is (viewmodel.uncertainty), shown in the advancing side's
    colour: the bases, the evidence's age, the boundaries."""
    key = uncertainty_legend(page.assumed_after_days, page.approximate)
    color = theatre.sides[theatre.advancing_side].color
    return html.Details(id=ids.UNCERTAINTY, className="fl-small fl-uncertainty", children=[
        html.Summary("How sure is each colour?"),
        html.Ul(className="fl-bases", children=[
            html.Li(className="fl-basis", children=[
                _swatch(swatch), html.B(f"{k.basis}"), f" ({k.shade}): {k.meaning}."])
            for swatch, k in key.swatches(color)]),
        html.P(key.age, className="fl-basis-note"),
        html.P(key.boundaries, className="fl-basis-note"),
    ])


def options(initial_layers: list[str]) -> html.Div:
    return html.Div(className="fl-options", children=[
        dcc.Checklist(id=ids.LAYERS, inline=True, value=initial_layers,
                      options=[{"label": LAYER_LABELS[n], "value": n} for n in LAYER_NAMES]),
        dcc.Checklist(id=ids.KNOWN_ON, inline=True, value=[], options=[
            {"label": "As known on the date (only articles published by then)",
             "value": "known"}]),
    ])


def place_search() -> html.Div:
    """The place search box, its results, and the names' language."""
    return html.Div(className="fl-search", children=[
        html.Label(className="fl-search-label", children=["Find a place ", dcc.Input(
            id=ids.PLACE_SEARCH, type="search", value="", debounce=False, n_submit=0,
            placeholder="district, variant or Arabic name", className="fl-search-input",
            spellCheck=False, autoComplete="off")]),
        dcc.RadioItems(id=ids.NAMES_LANG, inline=True, value="en", className="fl-lang",
                       options=[{"label": "Names in English", "value": "en"},
                                {"label": "بالعربية", "value": "ar"}]),
        html.Ul(id=ids.PLACE_RESULTS, className="fl-place-results"),
        dcc.Store(id=ids.PLACE_PICKED, data=None),
    ])


def notices(page: PageData) -> list[Any]:
    return [
        html.Div(id=ids.URL_NOTICE, className="fl-notice", role="status"),
        html.Div(empty_text(page), id=ids.EMPTY_NOTICE, className="fl-notice"),
    ]


def build_layout(page: PageData, theatre: Theatre) -> html.Div:
    """The whole page for a theatre's page data."""
    return html.Div(className="fl-page", children=[
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.PAGE_DATA, data=page.to_json()),
        dcc.Store(id=ids.CLIENT_CONFIG, data=client_config()),
        dcc.Store(id=ids.SELECTED_EVENT, data=None),
        html.Header(className="fl-header", children=[
            html.H1(f"Frontline: {theatre.title}", id=ids.TITLE),
            html.Div(page.dates[0], id=ids.DATE_LABEL, className="fl-date", role="status"),
            *notices(page),
        ]),
        time_controls(page),
        html.Main(className="fl-main", children=[
            html.Section(className="fl-map-col", children=[
                place_search(),
                html.Div(id=ids.MAP_FRAME, className="fl-map-frame", children=[
                    dcc.Graph(id=ids.MAP, figure=page_map(page, theatre),
                              config={"displaylogo": False, "scrollZoom": True,
                                      "modeBarButtonsToRemove": ["select2d", "lasso2d"]},
                              className="fl-map"),
                    html.Div(id=ids.NAME_LAYER, className="fl-names"),
                ]),
                html.P(APPROX_TEXT if page.approximate else "", id=ids.APPROX_NOTE,
                       className="fl-approx"),
            ]),
            html.Section(className="fl-side-col", children=[
                options(list(LAYER_NAMES)),
                legend(page, theatre),
                dcc.Graph(id=ids.CHART, figure=figures_chart(page, 0),
                          config={"displaylogo": False, "displayModeBar": False},
                          className="fl-chart"),
                html.Div(id=ids.CHART_QUOTE, className="fl-quote", role="status"),
                html.H2("Events in the window", className="fl-h2"),
                html.Ul(id=ids.EVENT_LIST, className="fl-events"),
                compare_panel(page),
                events_panel(page),
                html.Div(id=ids.EXPORT_PANEL),
            ]),
        ]),
        html.Div(id=ids.CURATION_PANEL),  # filled by dashboard.curation.panel when mounted
    ])


def find_component(node: Any, target: str) -> Any:
    """The component of ``node``'s tree whose id is ``target`` (None when absent)."""
    if getattr(node, "id", None) == target:
        return node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found = find_component(child, target)
            if found is not None:
                return found
    return None
