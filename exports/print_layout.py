"""The one-page print layout of a date: A4 or US Letter, portrait.

What a printed briefing page needs, and nothing from the screen: the title and the
date (and the "as known on" mode), the map across the page with its names, scale bar
and north arrow (:mod:`exports.map_page`), the key below it, the sources the map rests
on and the caveat about the boundaries. The page is drawn at 96 px to the inch and the
rendered PDF page is then set to the paper's exact size in points, so that it prints
at 100 % without a printer's "fit to page".
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import plotly.graph_objects as go

from exports import map_page, renderer, selection
from exports.canvas import MUTED, Box, Canvas, wrap
from exports.context import ExportContext
from exports.pdf import titled_pdf
from exports.snapshot import EXACT_CAVEAT
from frontline.errors import ExportError
from viewmodel.figures import APPROX_TEXT, LAYER_NAMES
from viewmodel.hover import safe

PX_PER_INCH = 96
PT_PER_INCH = 72
MM_PER_INCH = 25.4
# the paper in inches, portrait
PAPER = {"a4": (210 / MM_PER_INCH, 297 / MM_PER_INCH), "letter": (8.5, 11.0)}
MARGIN = 40  # px: about 10.5 mm, inside every printer's unprintable edge
TEXT_PX = 13  # about 10 pt on paper
SMALL_PX = 11
SOURCE_LINE = 14


def page_pixels(paper: str) -> tuple[int, int]:
    """The page's size in CSS pixels (96 to the inch)."""
    if paper not in PAPER:
        raise ExportError(f"unknown page {paper!r}; expected one of {', '.join(PAPER)}")
    w, h = PAPER[paper]
    return round(w * PX_PER_INCH), round(h * PX_PER_INCH)


def page_points(paper: str) -> tuple[float, float]:
    """The page's size in PDF points (72 to the inch)."""
    w, h = PAPER[paper]
    return w * PT_PER_INCH, h * PT_PER_INCH


def print_figure(ctx: ExportContext, date: dt.date, paper: str = "a4", *,
                 known: bool = False, layers: Sequence[str] = LAYER_NAMES) -> go.Figure:
    """The print page of ``date`` on ``paper``."""
    width, height = page_pixels(paper)
    canvas = Canvas(width, height)
    fig = map_page.blank(width, height)
    inner = width - 2 * MARGIN
    box = Box(MARGIN, MARGIN + 62, inner, round(height * 0.55))
    drawn = map_page.add_map(fig, ctx, date, canvas, box, TEXT_PX, known=known, layers=layers)
    mode = (f"as known on {date.isoformat()}: only what was published by then" if known else
            "as reported, including later reports about this date")
    hidden = [name for name in LAYER_NAMES if name not in layers]
    if hidden:
        mode += " · not shown: " + ", ".join(hidden)
    head = map_page.Drawing([], [
        canvas.text(MARGIN, MARGIN, f"<b>{safe(ctx.theatre.title)}</b>: control on "
                    f"{date:%-d %B %Y}", size=22),
        canvas.text(MARGIN, MARGIN + 32, safe(mode), size=TEXT_PX, color=MUTED),
    ])
    key_top = box.bottom + 16
    control, bottom1 = map_page.legend(ctx, canvas, MARGIN, key_top, TEXT_PX,
                                       [n for n in layers if n == "districts"])
    kinds = map_page.window_kinds(ctx, date, known)
    lines, bottom2 = map_page.legend(ctx, canvas, MARGIN + inner / 2, key_top, TEXT_PX,
                                     [n for n in layers if n != "districts"], kinds, 3)
    foot = _sources_and_caveat(ctx, date, known, canvas, max(bottom1, bottom2) + 8,
                               width, height)
    return map_page.finish(fig, drawn, head, control, lines, foot)


def _sources_and_caveat(ctx: ExportContext, date: dt.date, known: bool, canvas: Canvas,
                        top: float, width: int, height: int) -> map_page.Drawing:
    caveat = APPROX_TEXT if ctx.page.approximate else EXACT_CAVEAT
    if ctx.page.approximate:
        caveat += (" District polygons are estimates around points placed within 0.5-1.5 km;"
                   " read them as indicative, not as surveyed lines.")
    caveat += " Lighter colours: inferred or assumed (carried forward), not reported."
    chars = int((width - 2 * MARGIN) / (SMALL_PX * 0.62))  # bold runs wide
    tail = [f"<b>{line}</b>" for line in wrap(caveat, chars)]
    tail.append(safe(f"Frontline · exported for the date {date.isoformat()}"))
    room = int((height - MARGIN - top - SOURCE_LINE * len(tail)) / SOURCE_LINE) - 1
    sources = selection.sources_of(ctx, date, known)
    lines = [line for i, s in enumerate(sources, start=1) for line in wrap(
        f"[{i}] {s.label()}", chars)]
    if len(lines) > room:
        shown = lines[:max(0, room - 1)]
        lines = [*shown, safe(f"… the full list ({len(sources)} sources) is in the CSV "
                              "and GeoJSON exports")]
    text = "<br>".join(["<b>Sources</b>", *lines, *tail])
    return map_page.Drawing([], [canvas.text(MARGIN, top, text, size=SMALL_PX,
                                             color="#333333")])


def print_pdf(ctx: ExportContext, date: dt.date, paper: str = "a4", *, known: bool = False,
              layers: Sequence[str] = LAYER_NAMES) -> bytes:
    """The print page as a one-page PDF of the paper's exact size, titled and dated."""
    from pypdf import PdfReader, PdfWriter

    width, height = page_pixels(paper)
    rendered = renderer.render(print_figure(ctx, date, paper, known=known, layers=layers),
                               "pdf", width, height)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(rendered)))
    if len(writer.pages) != 1:
        raise ExportError(f"the print layout came out as {len(writer.pages)} pages, not one")
    writer.pages[0].scale_to(*page_points(paper))
    out = io.BytesIO()
    writer.write(out)
    mode = " (as known on the date)" if known else ""
    return titled_pdf([out.getvalue()], f"{ctx.theatre.title}: control on "
                      f"{date.isoformat()}{mode}", subject=f"{paper.upper()} print layout")
