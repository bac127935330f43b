"""A page built around the map: the map large, its key, scale bar and north arrow.

The snapshot (:mod:`exports.snapshot`) is a dashboard page: map, chart, events and
sources side by side. A projected slide, an animation frame and a printed page want the
map itself to fill the page, with a key legible at that page's size. This module places
the day's vector map (:func:`exports.vector_map.vector_map`, the only drawing of it) in
a box of any page, and draws a compact key whose text size the page chooses: the deck,
the animation (:mod:`exports.animation`) and the print layout
(:mod:`exports.print_layout`) each pass the pixel size that makes their text legible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from exports.canvas import MUTED, Box, Canvas, scale_bar
from exports.context import ExportContext
from exports.name_layer import NAME_SIZE
from exports.vector_map import axis_layout, fit, vector_map
from geodata.context import bridges
from viewmodel.figures import (
    ANALYST_SHADE,
    BASIS_TINT,
    FRONT_COLOR,
    LAYER_NAMES,
    RIVER_COLOR,
    shade,
    tint,
)
from viewmodel.hover import safe
from viewmodel.page_events import KIND_COLORS, PageEvent

MAP_AXES = ("x", "y")
FONT = "DejaVu Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Drawing:
    """Shapes and annotations collected while laying out a page."""

    shapes: list[dict[str, Any]]
    notes: list[dict[str, Any]]


def blank(width: int, height: int) -> go.Figure:
    """An empty white page of ``width`` x ``height`` pixels."""
    fig = go.Figure()
    fig.update_layout(width=width, height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                      paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF", showlegend=False,
                      template="none", font={"family": FONT, "color": "#222222"})
    return fig


def add_map(fig: go.Figure, ctx: ExportContext, date: dt.date, canvas: Canvas, box: Box,
            text_px: int, *, known: bool = False,
            events: Sequence[tuple[PageEvent, float]] | None = None,
            layers: Sequence[str] = LAYER_NAMES, name_px: int | None = None) -> Drawing:
    """Draw the map of ``date`` in ``box`` with a frame, scale bar and north arrow whose
    labels are ``text_px`` pixels high. ``events``: (event, opacity) pairs to mark, by
    default the app's window of that day. ``name_px``: the district names' size (a
    projected slide wants them as large as its other text)."""
    view = fit(tuple(ctx.districts.total_bounds), box)
    # district names a little smaller than the page's text, never below the snapshot's
    size = name_px or max(NAME_SIZE, round(text_px * 0.75))
    traces, areas = vector_map(ctx.page, ctx.theatre, ctx.day_of(date), known=known,
                               axes=MAP_AXES, events=events, layers=layers, box=box,
                               view=view, name_size=size)
    fig.add_traces(traces)
    fig.update_layout(**axis_layout(view, canvas.domain(box), MAP_AXES))
    shapes = [*areas, canvas.rect(box, "rgba(0,0,0,0)", line="#999999")]
    bar_shapes, notes = scale_bar(canvas, box, view.metres_per_px, size=text_px)
    shapes += bar_shapes
    notes.append(canvas.text(box.right - 6, box.top + 6, "N ↑", size=text_px,
                             xanchor="right", bgcolor="rgba(255,255,255,0.85)"))
    return Drawing(shapes, notes)


def date_badge(canvas: Canvas, box: Box, date: dt.date, text_px: int,
               known: bool = False) -> dict[str, Any]:
    """The date in large type at the map's top left (every animation frame carries it)."""
    mode = "<br><span style='font-size:0.6em'>as known that day</span>" if known else ""
    return canvas.text(box.left + 8, box.top + 8, f"<b>{date:%-d %b %Y}</b>{mode}",
                       size=text_px, bgcolor="rgba(255,255,255,0.9)", borderpad=4)


def window_kinds(ctx: ExportContext, date: dt.date, known: bool = False) -> list[str]:
    """The kinds of the events the map of ``date`` marks (the app's window)."""
    from viewmodel.page_data import visible_events

    return sorted({ctx.page.events[i].kind
                   for i, _ in visible_events(ctx.page, ctx.day_of(date), known)})


def legend(ctx: ExportContext, canvas: Canvas, left: float, top: float, text_px: int,
           layers: Sequence[str] = LAYER_NAMES, kinds: Sequence[str] = (),
           kinds_per_line: int = 1) -> tuple[Drawing, float]:
    """The key to the map at (left, top), one row per side and layer shown, in
    ``text_px`` type; returns the drawing and the key's bottom. A layer turned off has
    no row. ``kinds``: the event kinds on the map (their dots), ``kinds_per_line`` to
    a row."""
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    row = text_px * 1.45
    y = top
    swatch = text_px * 1.1

    def line_row(text: str, color: str = "#222222") -> None:
        nonlocal y
        notes.append(canvas.text(left, y, text, size=text_px, color=color))
        y += row

    if "districts" in layers:
        line_row("<b>Control</b>")
        for side in ctx.page.sides_on_map:
            info = ctx.theatre.sides[side]
            shapes.append(canvas.rect(Box(left, y + 1, swatch, swatch * 0.85), info.color,
                                      line="#888888"))
            notes.append(canvas.text(left + swatch + 8, y, safe(info.label), size=text_px))
            y += row
        for label, amount in (("inferred", BASIS_TINT["inferred"]),
                              ("assumed", BASIS_TINT["assumed"])):
            color = tint("#777777", amount)
            shapes.append(canvas.rect(Box(left, y + 1, swatch, swatch * 0.85), color,
                                      line="#888888"))
            notes.append(canvas.text(left + swatch + 8, y, f"lighter: {label}", size=text_px,
                                     color=MUTED))
            y += row
        shapes.append(canvas.rect(Box(left, y + 1, swatch, swatch * 0.85),
                                  shade("#777777", ANALYST_SHADE), line="#888888"))
        notes.append(canvas.text(left + swatch + 8, y, "darker: analyst", size=text_px,
                                 color=MUTED))
        y += row * 1.3
    keys: list[tuple[str, str, str, float]] = [("front", "Front line", FRONT_COLOR, 4)]
    if ctx.theatre.river:
        keys.append(("context", f"River ({ctx.theatre.river_name})", RIVER_COLOR, 4))
    for layer, text, color, width in keys:
        if layer in layers:
            mid = y + text_px * 0.6
            shapes.append(canvas.line(left, mid, left + swatch * 1.6, mid, color, width))
            notes.append(canvas.text(left + swatch * 1.6 + 8, y, safe(text), size=text_px))
            y += row
    if "bridges" in layers and bridges(ctx.theatre):
        line_row("● Bridge", "#333333")
    if "events" in layers and kinds:
        dots = [f"<span style='color:{KIND_COLORS.get(kind, '#777777')}'>●</span> {safe(kind)}"
                for kind in sorted(set(kinds))]
        for i in range(0, len(dots), kinds_per_line):
            line_row("   ".join(dots[i:i + kinds_per_line]))
    return Drawing(shapes, notes), y


def finish(fig: go.Figure, *drawings: Drawing) -> go.Figure:
    """Put the collected shapes and annotations on ``fig``."""
    fig.update_layout(shapes=[s for d in drawings for s in d.shapes],
                      annotations=[n for d in drawings for n in d.notes])
    return fig


# A 16:9 page of 1280 x 720 px: a projected slide (13.33 in across, so 1 pt = 1.33 px
# and 19 px type is 14 pt) and an animation frame (a multiple of 16 both ways, as
# H.264 wants). The map takes 60 % of the page.
SLIDE_W, SLIDE_H = 1280, 720
SLIDE_MAP = Box(12, 70, 950, 580)
SLIDE_KEY_LEFT = 980
SLIDE_TEXT_PX = 19
SLIDE_DATE_PX = 34


def slide_figure(ctx: ExportContext, date: dt.date, *, title: str, subtitle: str,
                 footer: str, known: bool = False,
                 events: Sequence[tuple[PageEvent, float]] | None = None,
                 kinds: Sequence[str] = (), badge: bool = True,
                 name_px: int | None = None) -> go.Figure:
    """A 16:9 page: ``title`` (HTML, escaped by the caller) and ``subtitle`` above the
    map of ``date``, the key at the right, ``footer`` (plain text, up to two lines)
    below; the date in large type on the map when ``badge``."""
    from exports.canvas import wrap

    canvas = Canvas(SLIDE_W, SLIDE_H)
    fig = blank(SLIDE_W, SLIDE_H)
    drawn = add_map(fig, ctx, date, canvas, SLIDE_MAP, SLIDE_TEXT_PX, known=known,
                    events=events, name_px=name_px)
    key, _ = legend(ctx, canvas, SLIDE_KEY_LEFT, SLIDE_MAP.top, SLIDE_TEXT_PX, LAYER_NAMES,
                    kinds)
    head = [canvas.text(12, 10, title, size=26),
            canvas.text(12, 42, safe(subtitle), size=SLIDE_TEXT_PX, color=MUTED)]
    if badge:
        head.append(date_badge(canvas, SLIDE_MAP, date, SLIDE_DATE_PX, known))
    foot = canvas.text(12, SLIDE_MAP.bottom + 8, "<br>".join(wrap(footer, 110, 2)),
                       size=SLIDE_TEXT_PX, color="#333333")
    return finish(fig, drawn, key, Drawing([], [*head, foot]))
