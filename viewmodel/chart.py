"""The figures chart: reported numbers over time, beside the map (pure, no Dash).

Top panel: counts (displaced on the day and displaced since a start date apart,
killed militants and civilians apart, trapped, returned, population, ...) on a log
axis, because they span 20 arrests to a million people.
Bottom panel: the share of each bank held by the theatre's advancing side (Mosul: the
government; from the timeline) with
the percentage claims made in articles. One trace per (series, claimant): colour
tells the series, marker symbol the claimant; the displacement and return series join
their points with lines (solid: displaced on the day, dashed: since a start date).
Ranges and vague figures carry error bars. A vertical cursor (layout shape 0) marks
the slider's date; the browser moves it.
Each point's ``customdata`` is ``[page day, figure index]`` so a click can move the map.
Points of one day that would cover each other (values within a marker's height on the
log axis) are set side by side, a fraction of a day apart (:func:`dodge_days`); the
hover names each point's own date, and the axis leaves a margin so no marker is cut at
either end.
The time axis runs past the battle when figures were reported after it (shaded). In
"as known on" mode the browser blanks points not yet published and hides the share
lines, which are hindsight (:meth:`PageData.to_json` sends what it needs).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from viewmodel.page_data import PageData
from viewmodel.page_events import FigurePoint, figure_groups

SERIES_COLORS = {
    "Displaced: currently": "#0072B2",
    "Displaced: cumulative": "#332288",
    "Displaced": "#88CCEE",
    "Returned": "#999933",
    "Killed: militants": "#D55E00",
    "Killed: civilians": "#CC79A7",
    "Killed: all / unspecified": "#882255",
    "Trapped": "#E69F00",
    "Population": "#777777",
    "Wounded": "#F0A0A0",
    "Arrested": "#56B4E9",
    "Fighters": "#009E73",
    "Territory held (claimed %)": "#000000",
}
# Counts reported over and over (the displacement series, returns) join the points of
# each claimant that gave at least JOINED_MIN of them with a line, dashed apart so the
# two displacement series read as two lines; a claimant quoted now and then stays dots
# rather than a straight line across months it said nothing about.
JOINED_MIN = 5
SERIES_DASHES = {
    "Displaced: currently": "solid",
    "Displaced: cumulative": "dash",
    "Returned": "dot",
}
SHARE_SERIES = "Territory held (claimed %)"
BANK_DASHES = ("solid", "dash", "dashdot", "longdash")
CITY_STYLE = ("Whole city", "dot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon",
           "pentagon", "triangle-down", "hourglass", "bowtie", "circle-open", "square-open",
           "diamond-open", "triangle-up-open", "star-open", "hexagram")
CURSOR_COLOR = "#444444"


# On the log axis a marker covers about a quarter of a decade at the chart's usual
# height: two points of one day closer than this would hide one another.
PILE_DECADES = 0.25
# Side-by-side points sit this share of the time axis apart, and the axis runs this
# share past the first and last dates, so an 11-px marker is whole at either end.
DODGE_SHARE = 1 / 120
MARGIN_SHARE = 1 / 60


def dodge_days(points: Sequence[FigurePoint], span_days: int) -> list[float]:
    """How far (in days) to draw each point from its date so that points of one day
    that pile up stand side by side, centred on the day.

    Within a day, points are taken in order of value; a run of points each within
    PILE_DECADES of the one before forms one pile. Points alone keep their date.
    """
    step = max(span_days, 1) * DODGE_SHARE
    offsets = [0.0] * len(points)
    by_day: dict[dt.date, list[int]] = {}
    for i, p in enumerate(points):
        by_day.setdefault(p.date, []).append(i)
    for members in by_day.values():
        members.sort(key=lambda i: (_level(points[i]), points[i].series, points[i].claimant))
        piles: list[list[int]] = []
        for i in members:
            if piles and _level(points[i]) - _level(points[piles[-1][-1]]) < PILE_DECADES:
                piles[-1].append(i)
            else:
                piles.append([i])
        for pile in piles:
            for k, i in enumerate(pile):
                offsets[i] = (k - (len(pile) - 1) / 2) * step
    return offsets


def _level(point: FigurePoint) -> float:
    """Height on the chart's axis: decades on the log panel, tenths of the share panel."""
    if point.series == SHARE_SERIES:
        return point.value / 10
    return math.log10(max(point.value, 1.0))


def _chart_x(point: FigurePoint, offset_days: float) -> str:
    if not offset_days:
        return point.date.isoformat()
    moment = dt.datetime.combine(point.date, dt.time()) + dt.timedelta(days=offset_days)
    return moment.isoformat(timespec="minutes")


def claimant_symbols(points: tuple[FigurePoint, ...]) -> dict[str, str]:
    """A marker symbol per claimant, stable across days (alphabetical order)."""
    claimants = sorted({p.claimant for p in points})
    return {c: SYMBOLS[i % len(SYMBOLS)] for i, c in enumerate(claimants)}


def _point_traces(page: PageData) -> list[tuple[go.Scatter, int]]:
    """(trace, row) per series and claimant (the browser relies on this order)."""
    symbols = claimant_symbols(page.figures)
    offsets = dodge_days(page.figures, page.n_days)
    traces = []
    for series, claimant, members in figure_groups(page.figures):
        pts = [page.figures[i] for i in members]
        has_range = any(p.low != p.high for p in pts)
        color = SERIES_COLORS.get(series, "#333333")
        joined = series in SERIES_DASHES and len(pts) >= JOINED_MIN
        trace = go.Scatter(
            x=[_chart_x(page.figures[i], offsets[i]) for i in members],
            y=[p.value for p in pts],
            mode="lines+markers" if joined else "markers", name=f"{series} · {claimant}",
            line={"color": color, "width": 1.5, "dash": SERIES_DASHES.get(series, "solid")},
            legendgroup=series,
            marker={"size": 11, "symbol": symbols[claimant],
                    "color": color,
                    "line": {"width": 1, "color": "#FFFFFF"}},
            error_y={"type": "data", "symmetric": False, "visible": has_range,
                     "array": [p.high - p.value for p in pts],
                     "arrayminus": [p.value - p.low for p in pts], "thickness": 1.5},
            customdata=[[page.day_of(p.date), i] for p, i in zip(pts, members, strict=True)],
            text=[p.hover for p in pts], hovertemplate="%{text}<extra></extra>",
        )
        traces.append((trace, 2 if series == SHARE_SERIES else 1))
    return traces


def region_styles(keys: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Label and line dash of each share key: the banks in order ("West bank", solid;
    "East bank", dashed), then the whole city (dotted)."""
    banks = [k for k in keys if k != "city"]
    styles = {k: (f"{k.title()} bank", BANK_DASHES[i % len(BANK_DASHES)])
              for i, k in enumerate(banks)}
    return {**styles, "city": CITY_STYLE}


def _share_traces(page: PageData) -> list[go.Scatter]:
    dates = list(page.dates)
    traces = []
    styles = region_styles(page.share)
    holder = page.holder
    for region, values in page.share.items():
        label, dash = styles[region]
        traces.append(go.Scatter(
            x=dates, y=list(values), mode="lines", name=f"{holder.short_label} share: {label}",
            line={"color": holder.color, "dash": dash, "width": 2},
            customdata=[[d, -1] for d in range(page.n_days)],
            hovertemplate=(f"{label}: %{{y:.0f}} % held by {holder.label}, "
                           "%{x}<extra></extra>"),
        ))
    return traces


def chart_inputs(page: PageData) -> tuple[Any, ...]:
    """Everything of ``page`` that :func:`figures_chart` reads: two pages with equal
    inputs have equal charts (the app then sends an open page no new chart)."""
    return (page.start, page.n_days, page.figures, page.share, page.holder)


def figures_chart(page: PageData, day: int) -> go.Figure:
    """The figures chart with its cursor on page day ``day`` (a function of
    :func:`chart_inputs` and ``day`` only)."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.6, 0.4],
                        vertical_spacing=0.1)
    for trace, row in _point_traces(page):
        fig.add_trace(trace, row=row, col=1)
    for trace in _share_traces(page):
        fig.add_trace(trace, row=2, col=1)
    cursor = page.date_of(day).isoformat()
    fig.update_layout(
        shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": cursor, "x1": cursor,
                 "y0": 0, "y1": 1, "line": {"color": CURSOR_COLOR, "width": 2, "dash": "dot"}}],
        margin={"l": 56, "r": 8, "t": 6, "b": 24},
        showlegend=False,
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 12}},
        plot_bgcolor="#FFFFFF", clickmode="event", uirevision="chart",
        font={"size": 11},
    )
    fig.update_yaxes(type="log", title_text="people", row=1, col=1, gridcolor="#EEEEEE",
                     dtick=1)  # a tick per power of ten, never the crowded 2..9
    fig.update_yaxes(range=[0, 100], title_text=f"% {page.holder.short_label.lower()}",
                     row=2, col=1,
                     gridcolor="#EEEEEE")
    last = max([page.dates[-1], *(p.date.isoformat() for p in page.figures)])
    first = dt.date.fromisoformat(page.dates[0])
    end = dt.date.fromisoformat(last)
    margin = dt.timedelta(days=max(1.0, (end - first).days * MARGIN_SHARE))
    fig.update_xaxes(gridcolor="#EEEEEE", type="date",
                     range=[(first - margin).isoformat(), (end + margin).isoformat()])
    if last > page.dates[-1]:  # figures reported after the battle: a shaded margin
        fig.add_vrect(x0=page.dates[-1], x1=last, fillcolor="#F2F2F2", line_width=0,
                      layer="below", row="all", col=1)
        fig.add_annotation(text="after the battle", x=page.dates[-1], xanchor="left",
                           y=1, yref="y domain", yanchor="top", showarrow=False,
                           font={"size": 9, "color": "#777777"}, row=1, col=1)
    if not page.figures and not page.share:
        fig.add_annotation(text="No figures to show yet", x=0.5, y=0.5, xref="paper",
                           yref="paper", showarrow=False, font={"size": 14, "color": "#777777"})
    return fig
