"""python-pptx slide builders for the briefing deck: 16:9, built for projection.

A map slide is the slide's name, the map as a picture filling most of the slide, its
key as native text with colour swatches, and one takeaway line; its evidence goes into
the speaker notes. Every text on a slide is 14 pt or larger (checked on the slide as
rendered, see tests/unit/test_export_deck_projection.py). The map picture is drawn at
120 px to the inch of the slide, so that its own labels (district names, scale bar, north
arrow) are 24 px, 14 pt on the slide, too.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Inches, Length, Pt

from exports import map_page
from exports.canvas import Box, Canvas
from exports.context import ExportContext
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
from viewmodel.page_events import KIND_COLORS

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MAP_LEFT, MAP_TOP, MAP_W, MAP_H = Inches(0.15), Inches(0.8), Inches(9.75), Inches(6.0)
PX_PER_INCH = 120
MAP_PX = (round(9.75 * PX_PER_INCH), round(6.0 * PX_PER_INCH))  # 1170 x 720
MAP_TEXT_PX = 24  # 14 pt on the slide at 120 px to the inch
KEY_LEFT, KEY_W = Inches(10.1), Inches(3.1)
MIN_PT = 14
TITLE_PT, TAKEAWAY_PT, BODY_PT, KEY_PT = 28, 18, 20, 14
AUTHOR = "Frontline"


def new_deck(title: str = "", created: dt.datetime | None = None) -> Any:
    """An empty 16:9 deck whose file properties name it: title, author, date."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    props = deck.core_properties
    props.title = title
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    when = (created or dt.datetime.now(dt.UTC)).replace(tzinfo=None, microsecond=0)
    props.created = props.modified = when
    props.subject = "briefing deck"
    return deck


def _box(slide: Any, left: Length, top: Length, width: Length, height: Length,
         paragraphs: Sequence[tuple[str, int, bool]], color: str = "222222") -> Any:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, (text, size, bold) in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = text
        run.font.size = Pt(max(size, MIN_PT))
        run.font.bold = bold
        run.font.color.rgb = RGBColor.from_string(color)
        para.space_after = Pt(size * 0.3)
    return frame


def _notes(slide: Any, notes: str) -> None:
    if notes:
        slide.notes_slide.notes_text_frame.text = notes


def text_slide(deck: Any, title: str, lines: Sequence[str], notes: str = "") -> None:
    """A slide of a title and lines of 20 pt (the title slide, the sources)."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    _box(slide, Inches(0.6), Inches(0.4), Inches(12.1), Inches(0.9), [(title, 32, True)])
    _box(slide, Inches(0.6), Inches(1.4), Inches(12.1), Inches(5.8),
         [(line, BODY_PT if len(lines) < 10 else 16, False) for line in lines])
    _notes(slide, notes)


def map_picture_figure(ctx: ExportContext, date: dt.date, known: bool) -> go.Figure:
    """The map of ``date`` filling its picture, with its scale bar, north arrow and the
    date in large type."""
    w, h = MAP_PX
    canvas = Canvas(w, h)
    fig = map_page.blank(w, h)
    box = Box(0, 0, w, h)
    drawn = map_page.add_map(fig, ctx, date, canvas, box, MAP_TEXT_PX, known=known,
                             name_px=MAP_TEXT_PX)  # district names of 14 pt too
    badge = map_page.date_badge(canvas, box, date, 40, known)
    return map_page.finish(fig, drawn, map_page.Drawing([], [badge]))


def map_slide(deck: Any, ctx: ExportContext, title: str, png: bytes, takeaway: str,
              kinds: Sequence[str], notes: Sequence[str]) -> None:
    """The slide's name, the map picture, its key and the takeaway; ``notes`` (the
    evidence with full citations) in the speaker notes."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _box(slide, Inches(0.3), Inches(0.1), Inches(12.7), Inches(0.65), [(title, TITLE_PT, True)])
    slide.shapes.add_picture(io.BytesIO(png), MAP_LEFT, MAP_TOP, width=MAP_W, height=MAP_H)
    _key(slide, ctx, kinds)
    _box(slide, Inches(0.3), Inches(6.86), Inches(12.8), Inches(0.5),
         [(takeaway, TAKEAWAY_PT, False)])
    _notes(slide, "\n".join(notes))


def _swatch(slide: Any, top: Length, color: str, line: bool = False) -> None:
    height = Inches(0.06) if line else Inches(0.2)
    offset = Inches(0.1) if line else Inches(0.03)
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, KEY_LEFT, Emu(top + offset),
                                   Inches(0.32), height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#").upper())
    shape.line.color.rgb = RGBColor.from_string("888888")


def key_rows(ctx: ExportContext, kinds: Sequence[str]) -> list[tuple[str, str, bool]]:
    """The key's rows: (label, swatch colour or "" for a heading, swatch is a line)."""
    rows: list[tuple[str, str, bool]] = [("Control", "", False)]
    rows += [(ctx.theatre.sides[s].label, ctx.theatre.sides[s].color, False)
             for s in ctx.page.sides_on_map]
    rows += [("lighter: inferred", tint("#777777", BASIS_TINT["inferred"]), False),
             ("lighter: assumed", tint("#777777", BASIS_TINT["assumed"]), False),
             ("darker: analyst", shade("#777777", ANALYST_SHADE), False),
             ("Map", "", False), ("Front line", FRONT_COLOR, True)]
    if ctx.theatre.river:
        rows.append((f"River ({ctx.theatre.river_name})", RIVER_COLOR, True))
    if bridges(ctx.theatre):
        rows.append(("Bridge", "#333333", False))
    rows += [(f"Event: {k}", KIND_COLORS.get(k, "#777777"), False) for k in kinds]
    return rows


def _key(slide: Any, ctx: ExportContext, kinds: Sequence[str]) -> None:
    assert set(LAYER_NAMES) >= {"districts", "front"}  # a deck shows every layer
    rows = key_rows(ctx, kinds)
    step = Inches(min(0.33, 6.0 / max(len(rows), 1)))
    top: Length = MAP_TOP
    for label, color, is_line in rows:
        if color:
            _swatch(slide, top, color, is_line)
        left = Emu(KEY_LEFT + (Inches(0.42) if color else 0))
        _box(slide, left, Emu(top - Inches(0.05)), Emu(KEY_W - (left - KEY_LEFT)),
             Inches(0.3), [(label, KEY_PT, not color)])
        top = Emu(top + step)
