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
from tests.unit.export_support import CHANGE_DAY, SYNTH_DATE, SYNTH_SOURCE, synthetic_context

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


def test_a_known_on_deck_lists_no_figure_published_after_its_slide(ctx: ExportContext) -> None:
    """The SYNTHETIC 3,320 was published on 2017-05-10: a slide of 2017-05-08 as known
    then cannot list it; in hindsight it does (its count runs since February)."""
    day = dt.date(2017, 5, 8)
    (known,) = plan(ctx, day, [day], known=True)
    (hindsight,) = plan(ctx, day, [day])
    assert not any("3,320" in line for line in known.figures)
    assert any("3,320" in line for line in hindsight.figures)


def test_pptx_has_title_change_and_source_slides(ctx: ExportContext) -> None:
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
    assert "briefing" in texts[0] and "Approximate boundaries" in texts[0]
    assert "SYNTHETIC: forces took over al-Maamel" in texts[2]
    assert "Killed: militants: 3,320" in texts[2]
    assert SYNTH_SOURCE in texts[-1] and "Sources" in texts[-1]
    assert progress[-1] == (len(PICKED), len(PICKED))  # one step per rendered slide


def test_pdf_deck_has_a_page_per_slide(ctx: ExportContext) -> None:
    reader = PdfReader(io.BytesIO(export_bytes(ctx, "pdf-deck", SYNTH_DATE, dates=PICKED)))
    assert len(reader.pages) == 2 + len(PICKED)
    assert "Change 2 of 2" in reader.pages[2].extract_text()
    assert "As of 2017-05-11" in reader.pages[2].extract_text()
    assert SYNTH_SOURCE in reader.pages[-1].extract_text()


def test_a_busy_slide_panel_is_cut_to_fit_and_says_what_it_left_out() -> None:
    from exports.deck import Slide
    from exports.pptx_slides import SIDE_H, _height_pt, side_paragraphs

    quote = "SYNTHETIC " + "word " * 50
    busy = Slide(1, SYNTH_DATE, SYNTH_DATE - dt.timedelta(days=30),
                 tuple(f"District {i}: isis → government" for i in range(20)),
                 tuple(f"2017-05-{i + 1:02d} capture (reported), X: “{quote}” (wire)"
                       for i in range(15)),
                 tuple(f"Series {i}: 1,000 (2017-05-01, claimant)" for i in range(10)))
    paras = side_paragraphs(busy)
    texts = [t for t, _, _ in paras]
    assert _height_pt(paras) <= SIDE_H.pt
    assert texts.count(busy.events[-1]) == 1  # the newest event stays
    assert any("earlier events: see the data export" in t for t in texts)
    assert any("more districts" in t for t in texts)
    quiet = Slide(1, SYNTH_DATE, SYNTH_DATE, ("A: isis → government",), ("one event",), ())
    assert [t for t, _, _ in side_paragraphs(quiet)] == [
        "What changed", "A: isis → government", f"Events {SYNTH_DATE} to {SYNTH_DATE}",
        "one event", "Key figures", "none reported yet"]
