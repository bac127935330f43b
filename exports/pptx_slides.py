"""python-pptx slide builders for the briefing deck (16:9, text boxes and one picture)."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from pptx import Presentation
from pptx.util import Inches, Length, Pt

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
PICTURE_W = Inches(9.2)
SIDE_W, SIDE_H = Inches(3.6), Inches(6.4)
AVG_CHAR_EM = 0.52
LINE_SPACING = 1.25


def new_deck(title: str = "") -> Any:
    """An empty 16:9 deck whose document title is ``title`` (what a file list shows)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    deck.core_properties.title = title
    deck.core_properties.author = "Frontline"
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


def picture_slide(deck: Any, title: str, png: bytes, plan: Any,
                  notes: Sequence[str] = ()) -> None:
    """The snapshot on the left, what changed and the period's evidence on the right;
    ``notes`` (the analysts' overrides and notes, with their authors) in the speaker
    notes, where a briefer reads who decided what."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _box(slide, Inches(0.3), Inches(0.15), Inches(12.5), Inches(0.6), [(title, 22, True)])
    slide.shapes.add_picture(io.BytesIO(png), Inches(0.2), Inches(0.9), width=PICTURE_W)
    _box(slide, Inches(9.5), Inches(0.9), SIDE_W, SIDE_H, side_paragraphs(plan))
    if notes:
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)


def side_paragraphs(plan: Any) -> list[tuple[str, int, bool]]:
    """The side panel's paragraphs, cut so that they fit its box.

    A text box grows with its text, off the slide; so the newest events, the key
    figures and the changed districts are kept while an estimate of the wrapped height
    fits, dropping the oldest events first, then figures, then districts, each time
    saying how many more the data export holds.
    """
    keep = {"changed": min(8, len(plan.changed)), "events": min(6, len(plan.events)),
            "figures": min(6, len(plan.figures))}
    while True:
        paras = _side(plan, keep)
        if _height_pt(paras) <= SIDE_H.pt or not any(keep[k] > 1 for k in keep):
            return paras
        cut = next(k for k in ("events", "figures", "changed") if keep[k] > 1)
        keep[cut] -= 1


def _side(plan: Any, keep: dict[str, int]) -> list[tuple[str, int, bool]]:
    changed, events, figures = (plan.changed[:keep["changed"]],
                                plan.events[len(plan.events) - keep["events"]:],
                                plan.figures[:keep["figures"]])
    paras: list[tuple[str, int, bool]] = [("What changed", 12, True)]
    paras += [(c, 9, False) for c in changed] or [("no district changed hands", 9, False)]
    if len(plan.changed) > len(changed):
        paras.append((f"… and {len(plan.changed) - len(changed)} more districts", 9, False))
    paras.append((f"Events {plan.start.isoformat()} to {plan.date.isoformat()}", 12, True))
    if len(plan.events) > len(events):
        paras.append((f"… {len(plan.events) - len(events)} earlier events: see the data export",
                      8, False))
    paras += [(e, 8, False) for e in events] or [("none reported", 9, False)]
    paras.append(("Key figures", 12, True))
    paras += [(f, 9, False) for f in figures] or [("none reported yet", 9, False)]
    if len(plan.figures) > len(figures):
        paras.append((f"… and {len(plan.figures) - len(figures)} more series", 9, False))
    return paras


def _height_pt(paras: Sequence[tuple[str, int, bool]]) -> float:
    """A generous estimate of the wrapped height: characters average half an em."""
    total = 0.0
    for text, size, _ in paras:
        per_line = max(10, int(SIDE_W.pt / (size * AVG_CHAR_EM)))
        total += math.ceil(max(1, len(text)) / per_line) * size * LINE_SPACING
    return total
