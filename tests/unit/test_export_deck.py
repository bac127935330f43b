"""Briefing decks, opened with python-pptx and pypdf (SYNTHETIC data)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from exports.context import ExportContext
from exports.deck import plan, slide_dates
from exports.registry import export_bytes
from tests.unit.export_support import (
    CHANGE_DAY,
    KNOWN_DELAY,
    SYNTH_DATE,
    SYNTH_SOURCE,
    known_later_context,
    synthetic_context,
)

pytestmark = pytest.mark.slow
PICKED = [dt.date(2017, 1, 10), SYNTH_DATE]


@pytest.fixture(scope="module")
def ctx() -> ExportContext:
    return synthetic_context()  # decks render on a browser of their own (two tabs)


def test_slides_follow_the_timeline_changes(ctx: ExportContext) -> None:
    change = ctx.theatre.battle_start + dt.timedelta(days=CHANGE_DAY)
    assert change in slide_dates(ctx, SYNTH_DATE)
    assert slide_dates(ctx, SYNTH_DATE)[-1] == SYNTH_DATE
    slides = plan(ctx, SYNTH_DATE, [change - dt.timedelta(days=1), change])
    assert slides[0].changed == ()
    assert len(slides[1].changed) == 3 and "isis → government" in slides[1].changed[0]


def test_a_known_on_deck_dates_its_slides_by_when_a_change_became_knowable() -> None:
    """Chosen automatically, an "as known on" deck's slide falls on the day the change
    was reported (KNOWN_DELAY days after it happened), and the slide lists it."""
    ctx = known_later_context()
    change = ctx.theatre.battle_start + dt.timedelta(days=CHANGE_DAY)
    reported = change + dt.timedelta(days=KNOWN_DELAY)
    last = reported + dt.timedelta(days=3)
    assert change in slide_dates(ctx, last)
    assert change not in slide_dates(ctx, last, known=True)
    assert reported in slide_dates(ctx, last, known=True)
    slides = plan(ctx, last, known=True)
    assert next(s.date for s in slides if s.hands) == reported


def test_a_known_on_deck_lists_no_figure_published_after_its_slide(ctx: ExportContext) -> None:
    """The SYNTHETIC 3,320 was published on 2017-05-10: a slide of 2017-05-08 as known
    then cannot list it; in hindsight it does (its count runs since February)."""
    day = dt.date(2017, 5, 8)
    (known,) = plan(ctx, day, [day], known=True)
    (hindsight,) = plan(ctx, day, [day])
    assert not any("3,320" in line for line in known.figures)
    assert any("3,320" in line for line in hindsight.figures)


def test_pptx_has_title_map_and_source_slides(ctx: ExportContext) -> None:
    progress: list[tuple[int, int]] = []
    data = export_bytes(ctx, "pptx", SYNTH_DATE, dates=PICKED,
                        progress=lambda done, total: progress.append((done, total)))
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)
    assert len(slides) == 2 + len(PICKED)
    pictures = [[s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
                for slide in slides]
    assert [len(p) for p in pictures] == [0, 1, 1, 0]
    assert pictures[1][0].image.content_type == "image/png"
    texts = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
             for slide in slides]
    notes = [slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
             for slide in slides]
    assert "briefing" in texts[0] and "Approximate boundaries" in texts[0]
    assert "SYNTHETIC: forces took over al-Maamel" in notes[2]  # the evidence: in the notes
    assert "Killed: militants: 3,320" in notes[2]
    assert SYNTH_SOURCE in texts[-1] and "Sources" in texts[-1]
    assert progress[-1] == (len(PICKED), len(PICKED))  # one step per rendered slide


def test_pdf_deck_has_a_page_per_slide(ctx: ExportContext) -> None:
    reader = PdfReader(io.BytesIO(export_bytes(ctx, "pdf-deck", SYNTH_DATE, dates=PICKED)))
    assert len(reader.pages) == 2 + len(PICKED)
    text = reader.pages[2].extract_text()
    assert "Picked date 2 of 2: 11 May 2017" in text
    assert "Government took" in text and SYNTH_SOURCE in text  # the takeaway line
    box = reader.pages[2].mediabox
    assert float(box.width) / float(box.height) == pytest.approx(16 / 9, rel=0.01)
    assert SYNTH_SOURCE in reader.pages[-1].extract_text()
