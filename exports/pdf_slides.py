"""The PDF deck's pages: 16:9 figures of 1280 x 720 px, printed as 13.33 x 7.5 in.

At that size 1 pt is 1.33 px, so every text here is 19 px (14 pt) or larger: what a
projector shows legibly. The map slides are :func:`exports.map_page.slide_figure`
pages with the slide's name and its takeaway line; the title and source slides are
text pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from exports import map_page, selection
from exports.canvas import MUTED, Canvas, wrap
from exports.context import ExportContext
from viewmodel.hover import safe

TITLE_PX = 40
BODY_PX = 24
LINE_CHARS = 95


def text_page(title: str, lines: Sequence[str], note: str = "") -> go.Figure:
    """A page of ``title`` and ``lines`` (plain text, each wrapped to the page)."""
    canvas = Canvas(map_page.SLIDE_W, map_page.SLIDE_H)
    fig = map_page.blank(map_page.SLIDE_W, map_page.SLIDE_H)
    body = "<br>".join(part for line in lines for part in wrap(line, LINE_CHARS))
    notes: list[dict[str, Any]] = [canvas.text(48, 40, f"<b>{safe(title)}</b>", size=TITLE_PX),
                                   canvas.text(48, 120, body, size=BODY_PX)]
    if note:
        notes.append(canvas.text(48, map_page.SLIDE_H - 60, safe(note),
                                 size=map_page.SLIDE_TEXT_PX, color=MUTED))
    fig.update_layout(annotations=notes)
    return fig


def map_page_figure(ctx: ExportContext, slide: Any, total: int, known: bool) -> go.Figure:
    """A map slide: its name, the map of its date large with the key, the takeaway."""
    events = [(ev, 1.0) for ev in selection.page_events_between(
        ctx, ctx.day_of(slide.start), ctx.day_of(slide.date),
        ctx.day_of(slide.date) if known else None)]
    mode = "as known on the date" if known else "as reported"
    return map_page.slide_figure(
        ctx, slide.date, title=f"<b>{safe(slide.name(total))}</b>",
        subtitle=f"{ctx.theatre.title} · control {mode} · period "
                 f"{slide.start.isoformat()} to {slide.date.isoformat()}",
        footer=slide.takeaway, known=known, events=events, kinds=slide.kinds, badge=False,
        name_px=map_page.SLIDE_TEXT_PX)  # names of 14 pt, as every text of a slide
