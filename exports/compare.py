"""Two dates compared, as CSV and as a snapshot: the districts that changed hands.

The list is :func:`viewmodel.compare.changes_between` (D1 to D2) or
:func:`viewmodel.compare.hindsight_gaps` (one date, as known then against every later
report). The snapshot is the map of D2 (of D, with hindsight) with those districts
outlined in magenta, beside the list: district, from, to, when, and how sure the new
state is; the evidence quotes are in the CSV (a page has no room for them). CSV cells
go through the spreadsheet guard (:mod:`exports.spreadsheet`).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from exports.canvas import MUTED, Box, Canvas, wrap
from exports.context import ExportContext
from exports.map_page import MAP_AXES, add_map, blank
from exports.spreadsheet import csv_bytes_of
from exports.vector_map import svg_path
from frontline.errors import ExportError
from viewmodel.compare import HandChange, changes_between, hindsight_gaps
from viewmodel.figures import APPROX_TEXT
from viewmodel.hover import safe

WIDTH, HEIGHT = 1400, 860
MAP_BOX = Box(20, 84, 840, 740)
LIST_LEFT = 890
LIST_CHARS = 62
MAX_LINES = 44
OUTLINE = "#D6007B"  # as the app's comparison outline (assets/compare.js)
COLUMNS = ("district", "name", "from", "to", "basis", "when", "evidence")


def compare_changes(ctx: ExportContext, first: dt.date, last: dt.date,
                    hindsight: bool = False) -> list[HandChange]:
    """The comparison's rows; with ``hindsight`` only ``last`` counts (D). ``first``
    after ``last`` is a one-line error: the map drawn is ``last``'s, so a reversed pair
    would outline a later state on an earlier map."""
    if not hindsight and first > last:
        raise ExportError(f"the first date {first.isoformat()} is after the second "
                          f"{last.isoformat()}")
    if hindsight:
        return hindsight_gaps(ctx.page, ctx.day_of(ctx.check_date(last)))
    return changes_between(ctx.page, ctx.day_of(ctx.check_date(first)),
                           ctx.day_of(ctx.check_date(last)))


def compare_csv(ctx: ExportContext, first: dt.date, last: dt.date,
                hindsight: bool = False) -> bytes:
    rows = [{"district": c.district, "name": c.name, "from": c.was, "to": c.now,
             "basis": c.basis, "when": c.when, "evidence": c.evidence}
            for c in compare_changes(ctx, first, last, hindsight)]
    return csv_bytes_of(pd.DataFrame(rows, columns=list(COLUMNS)))


def title_of(first: dt.date, last: dt.date, hindsight: bool) -> str:
    if hindsight:
        return (f"{last:%-d %B %Y}: as known then against later reports")
    return f"Changes of control, {first:%-d %B %Y} to {last:%-d %B %Y}"


def compare_figure(ctx: ExportContext, first: dt.date, last: dt.date,
                   hindsight: bool = False) -> go.Figure:
    """The map of ``last`` with the changed districts outlined, and their list."""
    changes = compare_changes(ctx, first, last, hindsight)
    fig = blank(WIDTH, HEIGHT)
    canvas = Canvas(WIDTH, HEIGHT)
    drawing = add_map(fig, ctx, last, canvas, MAP_BOX, 13)
    changed = {c.district for c in changes}
    outlines = [{"type": "path", "path": svg_path(f["geometry"]), "xref": MAP_AXES[0],
                 "yref": MAP_AXES[1], "fillcolor": "rgba(0,0,0,0)", "layer": "above",
                 "line": {"color": OUTLINE, "width": 3.5}}
                for f in ctx.page.geojson["features"] if f["id"] in changed]
    notes = [canvas.text(20, 14, f"<b>{safe(ctx.theatre.title)}</b>: "
                         + safe(title_of(first, last, hindsight)), size=21),
             canvas.text(20, 50, safe(
                 "Outlined: districts whose side differs" + (
                     " between what was known then and what later reports say"
                     if hindsight else " between the two dates")
                 + f"; map of {last.isoformat()}" + (" with hindsight" if hindsight else "")),
                 size=13, color=MUTED)]
    lines = [f"<b>{len(changes)} districts</b>" + (" (as known then → with hindsight)"
                                                   if hindsight else "")]
    for c in changes:
        when = f", {c.when}" if c.when else ""
        lines += wrap(f"{c.name}: {c.was} → {c.now} ({c.basis}{when})", LIST_CHARS, 2)
    if not changes:
        lines.append("No district changed hands." if not hindsight
                     else "Later reports changed no district's side for this date.")
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES - 1], f"… and more: the CSV lists all {len(changes)}"]
    notes.append(canvas.text(LIST_LEFT, 84, "<br>".join(lines), size=12))
    foot = "Evidence (quote, source, date) for each row: the comparison CSV."
    if ctx.page.approximate:
        foot += " " + APPROX_TEXT
    notes.append(canvas.text(20, MAP_BOX.bottom + 10, safe(foot), size=11, color=MUTED))
    fig.update_layout(shapes=[*drawing.shapes, *outlines], annotations=[*drawing.notes, *notes])
    return fig


def compare_png(ctx: ExportContext, first: dt.date, last: dt.date,
                hindsight: bool = False) -> bytes:
    from exports.renderer import render

    return render(compare_figure(ctx, first, last, hindsight), "png", WIDTH, HEIGHT)
