"""python-pptx slide builders for the briefing deck (16:9, text boxes and one picture)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from pptx import Presentation
from pptx.util import Inches, Length, Pt

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
PICTURE_W = Inches(9.2)
MAX_LINES = 26


def new_deck() -> Any:
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    return deck


def _box(slide: Any, left: Length, top: Length, width: Length, height: Length,
         paragraphs: Sequence[tuple[str, int, bool]]) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, (text, size, bold) in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold


def text_slide(deck: Any, title: str, lines: Sequence[str], small: bool = False) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    _box(slide, Inches(0.6), Inches(0.4), Inches(12), Inches(1.0), [(title, 32, True)])
    size = 11 if small else 18
    body = [(line, size, False) for line in lines[:60]]
    _box(slide, Inches(0.6), Inches(1.5), Inches(12), Inches(5.6), body)


def picture_slide(deck: Any, title: str, png: bytes, plan: Any) -> None:
    """The snapshot on the left, what changed and the period's evidence on the right."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _box(slide, Inches(0.3), Inches(0.15), Inches(12.5), Inches(0.6), [(title, 22, True)])
    slide.shapes.add_picture(io.BytesIO(png), Inches(0.2), Inches(0.9), width=PICTURE_W)
    paras: list[tuple[str, int, bool]] = [("What changed", 12, True)]
    paras += [(c, 9, False) for c in plan.changed[:8]] or [("no district changed side", 9, False)]
    if len(plan.changed) > 8:
        paras.append((f"… and {len(plan.changed) - 8} more districts", 9, False))
    paras.append((f"Events {plan.start.isoformat()} to {plan.date.isoformat()}", 12, True))
    paras += [(e, 8, False) for e in plan.events[-6:]] or [("none reported", 9, False)]
    paras.append(("Key figures", 12, True))
    paras += [(f, 9, False) for f in plan.figures[:6]] or [("none reported yet", 9, False)]
    _box(slide, Inches(9.5), Inches(0.9), Inches(3.6), Inches(6.4), paras[:MAX_LINES])
