"""The deck built for projection (issue 17 point 6), SYNTHETIC data: which periods get a
slide and how slides are named, the takeaway line, the speaker notes' citations, the file
properties, and the text sizes on the slide as LibreOffice renders it (pypdf reads every
text's size and position on the rendered page)."""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from exports.context import ExportContext
from exports.deck import plan
from exports.pptx_slides import MAP_PX, MAP_TEXT_PX, MIN_PT, PX_PER_INCH
from exports.registry import export_bytes
from tests.unit.export_support import CHANGE_DAY, SYNTH_DATE, SYNTH_SOURCE, synthetic_context

PICKED = [dt.date(2017, 1, 10), SYNTH_DATE]


@pytest.fixture(scope="module")
def ctx() -> ExportContext:
    return synthetic_context()


def change(ctx: ExportContext) -> dt.date:
    return ctx.theatre.battle_start + dt.timedelta(days=CHANGE_DAY)


def test_automatic_slides_skip_periods_in_which_nothing_changed_hands(
        ctx: ExportContext) -> None:
    """The SYNTHETIC timeline changes hands once: one map slide, not one for the export
    date too (nothing changed between the change and 11 May)."""
    slides = plan(ctx, SYNTH_DATE)
    assert [s.date for s in slides] == [change(ctx)]
    assert slides[0].start == ctx.theatre.battle_start
    assert slides[0].name(1) == "Change 1 of 1: 5 May 2017"
    assert slides[0].hands == 3


def test_picked_dates_always_get_their_slide_named_as_picked(ctx: ExportContext) -> None:
    slides = plan(ctx, SYNTH_DATE, PICKED)
    assert [s.date for s in slides] == PICKED
    assert [s.name(2) for s in slides] == ["Picked date 1 of 2: 10 January 2017",
                                           "Picked date 2 of 2: 11 May 2017"]
    assert slides[0].takeaway.startswith("No district changed hands from 17 Oct")


def test_the_takeaway_says_what_changed_where_and_on_whose_report(ctx: ExportContext) -> None:
    (slide,) = plan(ctx, SYNTH_DATE)
    assert slide.takeaway.startswith("Government took ")
    assert "New Mosul" in slide.takeaway and "more on the west bank" in slide.takeaway
    assert slide.takeaway.endswith(f"on the report of {SYNTH_SOURCE}")
    assert len(slide.takeaway) <= 100


def test_the_notes_cite_every_change_and_event_in_full(ctx: ExportContext) -> None:
    (_, slide) = plan(ctx, SYNTH_DATE, PICKED)
    notes = "\n".join(slide.notes)
    assert notes.count("isis → government") == 3
    assert "“SYNTHETIC evidence quote” (SYNTHETIC test wire, 2016-10-17)" in notes
    assert ("“SYNTHETIC: forces took over al-Maamel on Wednesday.” "
            "(SYNTHETIC test wire, 2017-05-10)") in notes
    assert "Killed: militants: 3,320 (2017-05-08, SYNTHETIC ministry; SYNTHETIC test wire)" \
        in notes


def test_the_map_pictures_labels_are_14_pt_on_the_slide() -> None:
    assert MAP_TEXT_PX * 72 / PX_PER_INCH >= MIN_PT
    assert MAP_PX[0] / MAP_PX[1] == pytest.approx(9.75 / 6.0, rel=0.01)


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is needed to check the rendered slides")
        pytest.skip("LibreOffice (soffice) not installed")
    return found


def rendered_texts(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """(page, size in pt, x, y, text) of every text on the rendered pages."""
    from pypdf import PdfReader

    found: list[tuple[int, float, float, float, str]] = []
    for number, page in enumerate(PdfReader(pdf).pages):
        def visit(text: str, cm: Any, tm: Any, _font: Any, size: float,
                  page_no: int = number) -> None:
            if text.strip():
                scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((page_no, size * scale, x, y, text.strip()))

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.slow
def test_the_pptx_is_16_9_with_the_map_large_and_every_text_14_pt_as_rendered(
        ctx: ExportContext, tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    from pypdf import PdfReader

    path = tmp_path / "deck.pptx"
    path.write_bytes(export_bytes(ctx, "pptx", SYNTH_DATE, dates=PICKED))
    deck = Presentation(str(path))
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, rel=0.01)
    props = deck.core_properties
    assert props.title == f"{ctx.theatre.title}: briefing as of 2017-05-11"
    assert props.author == "Frontline" and props.created is not None
    area = deck.slide_width * deck.slide_height
    for slide in list(deck.slides)[1:-1]:
        (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert picture.width * picture.height > 0.55 * area  # the map fills most of it
    sizes = [run.font.size.pt for slide in deck.slides for shape in slide.shapes
             if shape.has_text_frame for para in shape.text_frame.paragraphs
             for run in para.runs]
    assert sizes and min(sizes) >= MIN_PT
    # rendered by LibreOffice: every text 14 pt or more, and on the page
    subprocess.run([soffice(), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(path)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(tmp_path)})
    pdf = tmp_path / "deck.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == len(deck.slides)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert width / height == pytest.approx(16 / 9, rel=0.01)
    texts = rendered_texts(pdf)
    assert {page for page, *_ in texts} == set(range(len(deck.slides)))
    small = [(p, round(s, 1), t) for p, s, _, _, t in texts if s < MIN_PT - 0.1]
    assert small == []
    outside = [(p, t) for p, _, x, y, t in texts if not (0 <= x < width and 0 <= y < height)]
    assert outside == []
    takeaway = [t for p, _, _, _, t in texts if p == 2 and t.startswith("Government took")]
    assert takeaway, "the takeaway line is on the rendered slide"


def test_the_slides_show_district_names_14_pt_through_the_vector_map(
        ctx: ExportContext) -> None:
    """The names come from exports.vector_map's name layer (no second drawing of them),
    at 24 px in the picture, 14 pt on the slide; the PDF deck's pages at 19 px, 14 pt."""
    from exports.deck import plan
    from exports.map_page import SLIDE_TEXT_PX
    from exports.pdf_slides import map_page_figure
    from exports.pptx_slides import map_picture_figure

    def names(fig: Any) -> Any:
        (trace,) = [t for t in fig.data if t.name == "District names"]
        return trace

    picture = names(map_picture_figure(ctx, SYNTH_DATE, False))
    assert picture.textfont.size == MAP_TEXT_PX and len(picture.text) >= 10
    (slide,) = plan(ctx, SYNTH_DATE)
    page = names(map_page_figure(ctx, slide, 1, False))
    assert page.textfont.size == SLIDE_TEXT_PX and len(page.text) >= 10
