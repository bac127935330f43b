"""The analysts' decisions in the briefing exports: who overrode what, and their notes.

Every colour an export shows stays traceable to a sentence or to a person (issue 15):
the snapshot marks the annotations in force on its map and lists them and the overrides
(with their authors) beside the events; the deck puts the same lines in each change
slide's speaker notes. The data exports carry them as columns and layers
(:mod:`exports.tables`).
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from exports import selection
from exports.context import ExportContext
from exports.vector_map import merc_y
from viewmodel.page_events import place_points
from viewmodel.page_notes import NOTE_COLOR, place_name

NOTE_SYMBOL = "diamond"
NOTE_SIZE = 13


def decision_lines(ctx: ExportContext, date: dt.date, known: bool = False) -> list[str]:
    """One plain line per override covering ``date`` and per annotation in force then,
    each naming its author (``known``: only those known by then)."""
    lines = []
    for o in selection.overrides_at(ctx, date, known):
        until = o.end.isoformat() if o.end else "further notice"
        place = place_name(ctx.theatre, ctx.districts, o.district)
        source = f"; source: {o.source}" if o.source else "; no source cited"
        lines.append(f"Analyst override: {place} set to {o.side} from {o.start} until {until}, "
                     f"by {o.decided.author} (decided {o.decided.at.date()}){source}"
                     + (f". {o.note}" if o.note else ""))
    for k, a in enumerate(selection.annotations_at(ctx, date, known), start=1):
        place = place_name(ctx.theatre, ctx.districts, a.place)
        source = f" (source: {a.source})" if a.source else ""
        lines.append(f"Note {k}, {place}, {a.day}: {a.text}{source}, by {a.decided.author}")
    return lines


def note_markers(ctx: ExportContext, date: dt.date, known: bool,
                 axes: tuple[str, str]) -> go.Scatter:
    """The annotations in force on ``date`` as numbered diamonds on the map axes (their
    numbers are those of :func:`decision_lines`)."""
    lon: list[float] = []
    lat: list[float | None] = []
    labels: list[str] = []
    for k, a in enumerate(selection.annotations_at(ctx, date, known), start=1):
        points = place_points(ctx.theatre, ctx.districts, [a.place])
        if points:
            lon.append(points[0][0])
            lat.append(merc_y(points[0][1]))
            labels.append(f"note {k}")
    return go.Scatter(x=lon, y=lat, mode="markers+text", text=labels,
                      textposition="top center", textfont={"size": 12, "color": NOTE_COLOR},
                      marker={"symbol": NOTE_SYMBOL, "size": NOTE_SIZE, "color": NOTE_COLOR,
                              "line": {"color": "#FFFFFF", "width": 1.5}},
                      name="Analysts' notes", xaxis=axes[0], yaxis=axes[1], hoverinfo="skip",
                      showlegend=False)
