"""The briefing deck: a title slide, one slide per significant change, a sources slide.

Slides are dated by the timeline's significant changes up to the export date (or by the
dates an analyst picks). Each change slide shows the snapshot of its date (map, legend,
chart, caveat) and lists what changed since the previous slide: districts that changed
hands (a change of holder; the start of fighting is listed apart, labelled as such), the
events of the period with their quotes and sources, and the key figures.
PowerPoint (python-pptx) embeds the snapshot as a PNG; the PDF variant renders each
slide with kaleido and joins the pages with pypdf. One browser serves the whole deck.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from exports import renderer, selection
from exports.canvas import MUTED, Canvas, wrap
from exports.context import ExportContext
from exports.curation import decision_lines
from exports.pdf import titled_pdf
from exports.snapshot import HEIGHT, WIDTH, snapshot_figure
from geodata.sides import CONTESTED
from timeline.control.model import DistrictState
from viewmodel.figures import APPROX_TEXT
from viewmodel.hover import clip, safe
from viewmodel.page_events import place_label

Progress = Callable[[int, int], None]
MAX_SLIDES = 40
QUOTE_CHARS = 260
PICTURE_SCALE = 1.0  # 1400 px across 9.2 in: about 150 dpi


@dataclass(frozen=True)
class Slide:
    """One change slide: its date, the period it covers and what changed in it."""

    index: int
    date: dt.date
    start: dt.date
    changed: tuple[str, ...]
    events: tuple[str, ...]
    figures: tuple[str, ...]


def slide_dates(ctx: ExportContext, date: dt.date,
                dates: Sequence[dt.date] | None = None) -> list[dt.date]:
    """The dates of the change slides: picked ones, else the changes up to ``date`` and it."""
    if dates:
        chosen = sorted({ctx.check_date(d) for d in dates})
    else:
        chosen = [d for d in selection.change_dates(ctx) if d <= date]
        if not chosen or chosen[-1] != date:
            chosen.append(date)
    return chosen[-MAX_SLIDES:]


def plan(ctx: ExportContext, date: dt.date, dates: Sequence[dt.date] | None = None,
         known: bool = False) -> list[Slide]:
    """The change slides of a deck, each with its period's changes, events and figures."""
    names = dict(zip(ctx.page.district_ids, ctx.page.district_names, strict=True))
    slides = []
    previous = ctx.theatre.battle_start - dt.timedelta(days=1)
    for i, day in enumerate(slide_dates(ctx, date, dates), start=1):
        before = {s.id: s for s in selection.states_at(ctx, previous, known)}
        changed = changed_lines(before, selection.states_at(ctx, day, known), names)
        start = previous + dt.timedelta(days=1)
        events = tuple(
            f"{ev.date.iso()} {ev.kind} ({ev.status}), "
            f"{', '.join(place_label(ctx.theatre, r) for r in ev.places) or 'no place named'}: "
            f"“{clip(ev.provenance.excerpt(ev.note), QUOTE_CHARS)}” ({ev.provenance.source})"
            for ev in selection.events_between(ctx, start, day, known, day if known else None))
        figures = tuple(f"{p.series}: {p.amount} ({p.date.isoformat()}, {p.claimant})"
                        for p in selection.latest_figures(ctx, day, known))
        slides.append(Slide(i, day, start, changed, events, figures))
        previous = day
    return slides


def changed_lines(before: Mapping[str, DistrictState], after: Sequence[DistrictState],
                  names: Mapping[str, str]) -> tuple[str, ...]:
    """What changed between two slides: the districts that changed hands (their holder,
    :func:`timeline.control.model.holders`), then those where fighting began, labelled
    as such. A district contested and back with its holder has not changed."""
    hands, fights = [], []
    for s in after:
        was = before.get(s.id)
        if was is None:
            continue
        name = names.get(s.id, s.id)
        old, new = was.holder or was.side, s.holder or s.side
        if old != new:
            hands.append(f"{name}: {old} → {new}")
        elif s.side == CONTESTED and was.side != CONTESTED:
            fights.append(f"{name}: fighting began ({new} holds it)")
    return (*hands, *fights)


def _text_page(title: str, lines: Sequence[str], note: str = "") -> go.Figure:
    canvas = Canvas(WIDTH, HEIGHT)
    body = "<br>".join(line for text in lines for line in wrap(text, 150))
    notes = [canvas.text(60, 60, f"<b>{safe(title)}</b>", size=32),
             canvas.text(60, 130, body, size=16)]
    if note:
        notes.append(canvas.text(60, HEIGHT - 60, safe(note), size=12, color=MUTED))
    fig = go.Figure()
    fig.update_layout(width=WIDTH, height=HEIGHT, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                      paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF", template="none",
                      annotations=notes,
                      xaxis={"visible": False}, yaxis={"visible": False})
    return fig


def title_lines(ctx: ExportContext, date: dt.date, slides: Sequence[Slide],
                known: bool) -> list[str]:
    mode = "as known on each slide's date" if known else "as reported (hindsight)"
    return [f"Briefing as of {date.isoformat()}, control {mode}.",
            f"{len(slides)} change slide(s): " + ", ".join(s.date.isoformat() for s in slides),
            APPROX_TEXT]


def source_lines(ctx: ExportContext, date: dt.date, known: bool) -> list[str]:
    return [f"[{i}] {s.label()}"
            for i, s in enumerate(selection.sources_of(ctx, date, known), start=1)]


def deck_pdf(ctx: ExportContext, date: dt.date, dates: Sequence[dt.date] | None = None,
             known: bool = False, progress: Progress | None = None) -> bytes:
    """The deck as one PDF: a page per slide, rendered by kaleido and joined by pypdf."""
    slides = plan(ctx, date, dates, known)
    if progress:  # drawing the slides and starting the renderer come before any page
        progress(0, len(slides) + 2)
    figures = [_text_page(f"{ctx.theatre.title}: briefing",
                          title_lines(ctx, date, slides, known))]
    figures += [snapshot_figure(ctx, s.date, known=known, period=(s.start, s.date),
                                heading=f"Change {s.index} of {len(slides)}") for s in slides]
    figures.append(_text_page("Sources", source_lines(ctx, date, known), APPROX_TEXT))
    pages = renderer.render_many(figures, "pdf", WIDTH, HEIGHT, progress=progress)
    mode = " (as known on each slide's date)" if known else ""
    return titled_pdf(pages, f"{ctx.theatre.title}: briefing as of {date.isoformat()}{mode}")


def deck_pptx(ctx: ExportContext, date: dt.date, dates: Sequence[dt.date] | None = None,
              known: bool = False, progress: Progress | None = None) -> bytes:
    """The deck as PowerPoint: snapshot pictures and the period's evidence as text."""
    from exports.pptx_slides import new_deck, picture_slide, text_slide

    slides = plan(ctx, date, dates, known)
    if progress:  # drawing the slides and starting the renderer come before any picture
        progress(0, len(slides))
    figures = [snapshot_figure(ctx, s.date, known=known, period=(s.start, s.date),
                               heading=f"Change {s.index} of {len(slides)}") for s in slides]
    pictures = renderer.render_many(figures, "png", WIDTH, HEIGHT, scale=PICTURE_SCALE,
                                    progress=progress)
    mode = " (as known on each slide's date)" if known else ""
    deck = new_deck(f"{ctx.theatre.title}: briefing as of {date.isoformat()}{mode}")
    text_slide(deck, f"{ctx.theatre.title}: briefing", title_lines(ctx, date, slides, known))
    for slide, png in zip(slides, pictures, strict=True):
        picture_slide(deck, f"Change {slide.index} of {len(slides)}: {slide.date.isoformat()}",
                      png, slide, decision_lines(ctx, slide.date, known))
    text_slide(deck, "Sources", source_lines(ctx, date, known), small=True)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
