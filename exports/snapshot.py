"""A snapshot of one date as a single briefing figure: map and chart side by side.

The map is the app's map of that day drawn as vector shapes
(:mod:`exports.vector_map`: same view model, same colours, sharp in a PDF) and
the chart is the app's own (:func:`viewmodel.chart.figures_chart`), so an export shows
what the analyst sees. This module places them on one canvas and adds what a page on
its own needs: title, as-of date (and the "as known on" note), a legend, a scale bar,
the events of the window with their quotes, the key figures, the sources and the
caveat that the district boundaries are approximate.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from exports import selection
from exports.canvas import MUTED, Box, Canvas, scale_bar, wrap
from exports.context import ExportContext
from exports.curation import decision_lines, note_markers
from exports.known_share import known_shares
from exports.vector_map import axis_layout, fit, vector_map
from geodata.context import bridges
from timeline.control.model import BASIS_CODES
from timeline.known import known_by
from viewmodel.chart import SERIES_COLORS, SHARE_SERIES, figures_chart, region_styles
from viewmodel.figures import APPROX_TEXT, FRONT_COLOR, LAYER_NAMES, RIVER_COLOR, code_colors
from viewmodel.hover import safe
from viewmodel.page_data import visible_events
from viewmodel.page_events import KIND_COLORS, PageEvent
from viewmodel.page_notes import NOTE_COLOR

WIDTH, HEIGHT = 1400, 860
MAP_BOX = Box(20, 84, 820, 660)
MAP_AXES = ("x3", "y3")  # the chart has x/y and x2/y2
PANEL_LEFT = 870
LEGEND_TOP = 84
CHART_BOX = Box(PANEL_LEFT + 48, 240, 460, 240)
EVENTS_TOP = 540
EVENTS_BOTTOM = 744
KEY_LINE = 13  # px per line of the chart key (10 px text)
FOOT_TOP = 756
PANEL_CHARS = 84
FOOT_CHARS = 236
MAX_EVENTS = 4
DASH_GLYPHS = {"solid": "───", "dash": "- - -", "dot": "·····", "dashdot": "-·-·-",
               "longdash": "── ──"}
BASIS_NOTE = ("Lighter shades: inferred, or only assumed<br>(carried forward), not reported;"
              " darkest: analyst.")
N_BASIS = len(BASIS_CODES)
EXACT_CAVEAT = "Boundaries: imported district boundaries."


def snapshot_figure(ctx: ExportContext, date: dt.date, *, known: bool = False,
                    period: tuple[dt.date, dt.date] | None = None,
                    heading: str = "", layers: Sequence[str] = LAYER_NAMES) -> go.Figure:
    """The briefing figure of ``date``.

    The map and the list show the events of the app's window (fading over the days
    after them); with ``period`` (a deck slide), every event of that span instead.
    ``layers``: the map layers shown, as the analyst left them in the app; the
    subtitle names any left out.
    """
    canvas = Canvas(WIDTH, HEIGHT)
    day = ctx.day_of(date)
    first = date - dt.timedelta(days=ctx.page.fade_days)
    if period is None:
        events = [(ctx.page.events[i], alpha)
                  for i, alpha in visible_events(ctx.page, day, known)]
    else:
        first = period[0]
        events = [(ev, 1.0) for ev in selection.page_events_between(
            ctx, ctx.day_of(first), ctx.day_of(period[1]), day if known else None)]
    fig = go.Figure()
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    _add_map(fig, ctx, day, known, events, layers, canvas, shapes, notes)
    if "events" in layers:  # the analysts' notes are drawn with the events' layer
        fig.add_trace(note_markers(ctx, date, known, MAP_AXES))
    key_bottom = _add_chart(fig, ctx, date, known, canvas, shapes, notes)
    notes += _header(ctx, date, known, heading, canvas, layers)
    legend_shapes, legend_notes = _legend(ctx, [ev for ev, _ in events], canvas, layers)
    shapes += legend_shapes
    notes += legend_notes
    notes += _events_block([ev for ev, _ in events], first, date, canvas, key_bottom,
                           decision_lines(ctx, date, known))
    notes += _footnote(ctx, date, known, canvas)
    fig.update_layout(width=WIDTH, height=HEIGHT, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                      paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF", showlegend=False,
                      font={"family": "DejaVu Sans, Arial, sans-serif", "color": "#222222"},
                      shapes=shapes, annotations=notes)
    return fig


def _add_map(fig: go.Figure, ctx: ExportContext, day: int, known: bool,
             events: list[tuple[PageEvent, float]], layers: Sequence[str], canvas: Canvas,
             shapes: list[dict[str, Any]], notes: list[dict[str, Any]]) -> None:
    view = fit(tuple(ctx.districts.total_bounds), MAP_BOX)
    traces, areas = vector_map(ctx.page, ctx.theatre, day, known=known, axes=MAP_AXES,
                               events=events, layers=layers, box=MAP_BOX, view=view)
    fig.add_traces(traces)
    fig.update_layout(**axis_layout(view, canvas.domain(MAP_BOX), MAP_AXES))
    shapes += areas
    shapes.append(canvas.rect(MAP_BOX, "rgba(0,0,0,0)", line="#999999"))
    bar_shapes, bar_notes = scale_bar(canvas, MAP_BOX, view.metres_per_px)
    shapes += bar_shapes
    notes += bar_notes
    notes.append(canvas.text(MAP_BOX.right - 6, MAP_BOX.top + 6, "N ↑", size=13,
                             xanchor="right", bgcolor="rgba(255,255,255,0.85)"))
    if ctx.page.approximate:
        notes.append(canvas.text(MAP_BOX.left + 6, MAP_BOX.top + 6, APPROX_TEXT, size=11,
                                 color="#333333", bgcolor="rgba(255,255,255,0.8)"))


def _add_chart(fig: go.Figure, ctx: ExportContext, date: dt.date, known: bool,
               canvas: Canvas, shapes: list[dict[str, Any]],
               notes: list[dict[str, Any]]) -> int:
    """Draw the figures chart and its key; returns where the key ends (the events block
    starts below it: the key grows with the series a theatre reports)."""
    page = ctx.page
    if known:  # only figures known by then (as the app's chart; a figure is never charted
        # after it is known); the share lines are those of the "as known on" replay
        page = dataclasses.replace(page, share=known_shares(ctx, date), figures=tuple(
            p for p in page.figures if known_by(p.known_from, date)))
    chart = figures_chart(page, page.day_of(date))
    # The share panel holds the share lines and the percentages claimed in articles. As
    # known on the date, a timeline without its replay has no share lines: with no claim
    # known either the panel would be an empty frame, so it is left out and the counts
    # take the whole box.
    shares = bool(page.share) or any(p.series == SHARE_SERIES for p in page.figures)
    for trace in chart.data:
        fig.add_trace(trace.update(showlegend=False))
    box = CHART_BOX
    x0, x1 = canvas.x(box.left), canvas.x(box.right)
    y_lo, y_hi = canvas.y(box.bottom), canvas.y(box.top)
    axes: dict[str, Any] = {}
    for name in ("xaxis", "xaxis2", "yaxis", "yaxis2"):
        axis = chart.layout[name].to_plotly_json()
        lo, hi = axis.get("domain", [0, 1])
        if not shares and name == "yaxis":
            lo, hi = 0, 1
        if name.startswith("x"):
            axis["domain"] = [x0 + lo * (x1 - x0), x0 + hi * (x1 - x0)]
        else:
            axis["domain"] = [y_lo + lo * (y_hi - y_lo), y_lo + hi * (y_hi - y_lo)]
        axis.setdefault("tickfont", {"size": 10})
        if not shares and name.endswith("2"):
            axis["visible"] = False
        axes[name] = axis
    if not shares:
        axes["xaxis"]["showticklabels"] = True
    fig.update_layout(**axes)
    panels = (("x", "y domain"), ("x2", "y2 domain")) if shares else (("x", "y domain"),)
    shapes += [s.to_plotly_json() for s in (chart.layout.shapes or ())[1:]  # after shape 0,
               if shares or not str(s.yref or "").startswith("y2")]
    cursor = date.isoformat()  # the app's cursor, which this page draws per panel
    for xref, yref in panels:
        shapes.append({"type": "line", "xref": xref, "yref": yref, "x0": cursor, "x1": cursor,
                       "y0": 0, "y1": 1, "line": {"color": "#444444", "width": 2, "dash": "dot"}})
    notes.append(canvas.text(PANEL_LEFT, box.top - 22, "<b>Reported figures</b> "
                             f"(cursor: {cursor})", size=13))
    for ann in chart.layout.annotations or ():
        item = ann.to_plotly_json()
        if item.get("xref") == "paper":
            item["x"] = x0 + item["x"] * (x1 - x0)
            item["y"] = y_lo + item["y"] * (y_hi - y_lo)
        notes.append(item)
    series = sorted({p.series for p in page.figures})
    key = "   ".join(f"<span style='color:{SERIES_COLORS.get(s, '#333333')}'>●</span> {safe(s)}"
                     for s in series) or "no figures reported yet"
    lines = _wrap_html(key, 5)
    if page.share:
        styles = region_styles(page.share)
        share = (f"{safe(page.holder.short_label)} share"
                 + (" (as known each day)" if known else "") + ": " + " · ".join(
                     f"{styles[r][0]} {DASH_GLYPHS[styles[r][1]]}" for r in page.share))
        marker = "Marker shape: who claimed it"
        if series and lines[-1].count("●") < 5:  # room on the last line of the key
            lines[-1] += f"   {marker}"
        else:
            share += f"   {marker}"
        lines.append(share)
    notes.append(canvas.text(PANEL_LEFT, box.bottom + 16, "<br>".join(lines), size=10,
                             color=MUTED))
    return int(box.bottom) + 16 + KEY_LINE * len(lines)


def _wrap_html(key: str, per_line: int) -> list[str]:
    parts = key.split("   ")
    return ["   ".join(parts[i:i + per_line]) for i in range(0, len(parts), per_line)]


def _header(ctx: ExportContext, date: dt.date, known: bool, heading: str,
            canvas: Canvas, layers: Sequence[str]) -> list[dict[str, Any]]:
    title = f"<b>{safe(ctx.theatre.title)}</b>: control on {date:%-d %B %Y}"
    if heading:
        title = f"<b>{safe(heading)}</b> · {title}"
    if known:
        mode = (f"As of {date.isoformat()} · as known on {date.isoformat()}: "
                "only articles published by then")
    else:
        mode = (f"As of {date.isoformat()} · as reported, including later reports "
                "about this date")
    if not ctx.page.has_timeline:
        mode += " · no control timeline built yet: districts shown as unknown"
    hidden = [name for name in LAYER_NAMES if name not in layers]
    if hidden:
        mode += " · not shown: " + ", ".join(hidden)
    return [canvas.text(20, 14, title, size=21), canvas.text(20, 50, safe(mode), size=13,
                                                              color=MUTED)]


def _legend(ctx: ExportContext, events: list[PageEvent], canvas: Canvas,
            layers: Sequence[str] = LAYER_NAMES,
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The key to what the map shows: a layer turned off has no entry (the header names
    it as not shown)."""
    shapes, notes = _control_key(ctx, canvas) if "districts" in layers else ([], [])
    col = PANEL_LEFT + 290  # clear of the control key's four-basis header
    rows = [(name, entry) for name, entry in _map_keys(ctx) if name in layers]
    if rows:
        notes.append(canvas.text(col, LEGEND_TOP, "<b>Map</b>", size=13))
    for row, (_, (shape, text, color)) in enumerate(rows):
        top = LEGEND_TOP + 22 + row * 19
        if shape is not None:
            shapes.append(canvas.line(col, top + 9, col + 30, top + 9, shape[0], shape[1]))
        notes.append(canvas.text(col + (38 if shape else 0), top, text, size=12, color=color))
    if "events" in layers:
        kinds = sorted({ev.kind for ev in events})
        dots = [f"<span style='color:{KIND_COLORS[k]}'>●</span> {safe(k)}" for k in kinds]
        dots.append(f"<span style='color:{NOTE_COLOR}'>◆</span> analyst note")
        lines = ["  ".join(dots[i:i + 3]) for i in range(0, len(dots), 3)]
        notes.append(canvas.text(col, LEGEND_TOP + 79, "<b>Events</b>", size=11))
        notes.append(canvas.text(col, LEGEND_TOP + 94, "<br>".join(lines[:3]), size=11))
    return shapes, notes


MapKey = tuple[tuple[str, int] | None, str, str]


def _map_keys(ctx: ExportContext) -> list[tuple[str, MapKey]]:
    """(layer, (line colour and width or None, label, text colour)) of the map's keys."""
    keys: list[tuple[str, MapKey]] = [("front", ((FRONT_COLOR, 4), "Front line", "#222222"))]
    if ctx.theatre.river:
        keys.append(("context", ((RIVER_COLOR, 5), safe(f"River ({ctx.theatre.river_name})"),
                                 "#222222")))
    if bridges(ctx.theatre):
        keys.append(("bridges", (None, "● Bridge", "#333333")))
    return keys


def _control_key(ctx: ExportContext,
                 canvas: Canvas) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    colors = code_colors(ctx.theatre)
    shapes: list[dict[str, Any]] = []
    notes = [canvas.text(PANEL_LEFT, LEGEND_TOP, "<b>Control</b>", size=13),
             canvas.text(PANEL_LEFT + 70, LEGEND_TOP + 2, safe(" · ".join(BASIS_CODES)),
                         size=10, color=MUTED)]
    sides = ctx.theatre.side_codes.names
    step = max(13, min(19, 57 // (len(sides) - 1)))  # Mosul's four rows at 19 px
    shown = [(i, side) for i, side in enumerate(sides) if side in ctx.page.sides_on_map]
    for row, (i, side) in enumerate(shown):
        top = LEGEND_TOP + 22 + row * step
        for b in range(N_BASIS):
            shapes.append(canvas.rect(Box(PANEL_LEFT + b * 15, top + 2, 14, 13),
                                      colors[i * N_BASIS + b], line="#888888"))
        notes.append(canvas.text(PANEL_LEFT + 15 * N_BASIS + 5, top,
                                 safe(ctx.theatre.sides[side].label), size=12))
    notes.append(canvas.text(PANEL_LEFT, LEGEND_TOP + max(100, 43 + (len(sides) - 1) * step),
                             BASIS_NOTE, size=10, color=MUTED))
    return shapes, notes


def _events_block(events: list[PageEvent], first: dt.date, last: dt.date,
                  canvas: Canvas, top: int = EVENTS_TOP,
                  decisions: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The period's events; first, the analysts' overrides and notes in force, with their
    authors (:func:`exports.curation.decision_lines`)."""
    head = f"<b>Events</b> {first.isoformat()} to {last.isoformat()}"
    analysts = ["<b>Analysts</b> (overrides and notes)",
                *(part for line in decisions for part in wrap(line, PANEL_CHARS, 2))
                ] if decisions else []
    lines = [*analysts, head, *_event_lines(events, MAX_EVENTS)]
    top = max(top + 8, EVENTS_TOP)
    room = int((EVENTS_BOTTOM - top) / 14)
    return [canvas.text(PANEL_LEFT, top, "<br>".join(lines[:room]), size=11)]


def _event_lines(events: list[PageEvent], limit: int) -> list[str]:
    lines: list[str] = []
    for ev in events[-limit:]:
        dot = f"<span style='color:{KIND_COLORS.get(ev.kind, '#777777')}'>●</span>"
        lines.append(f"{dot} <b>{safe(ev.kind)}</b> ({safe(ev.status)}), {safe(ev.date)}, "
                     + " ".join(wrap(ev.places, 50, 1)))
        quote = wrap(f"“{ev.quote}” ({ev.source})", PANEL_CHARS, 2)
        lines += [f"<i>{q}</i>" for q in quote]
    if len(events) > limit:
        lines.append(f"… and {len(events) - limit} earlier events (see the data export)")
    return lines or ["No events reported in this window."]


def _footnote(ctx: ExportContext, date: dt.date, known: bool,
              canvas: Canvas) -> list[dict[str, Any]]:
    sources = selection.sources_of(ctx, date, known)
    listed = "; ".join(f"[{i}] {s.label()}" for i, s in enumerate(sources, start=1))
    lines = wrap(f"Sources: {listed}", FOOT_CHARS, 3)
    caveat = APPROX_TEXT if ctx.page.approximate else EXACT_CAVEAT
    if ctx.page.approximate:
        caveat += (" District polygons are estimates around points placed within 0.5-1.5 km;"
                   " read them as indicative, not as surveyed lines.")
    lines.append(f"<b>{safe(caveat)}</b>")
    lines.append(safe(f"Frontline · exported for the date {date.isoformat()}"))
    return [canvas.text(20, FOOT_TOP, "<br>".join(lines), size=11, color="#333333")]
