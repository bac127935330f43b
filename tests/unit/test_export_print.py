"""The one-page print layout (issue 17 point 8), opened with pypdf: the paper's size,
the map's key, scale, sources and caveat as text, and the document's metadata.
SYNTHETIC data."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from exports.context import ExportContext
from exports.print_layout import page_pixels, page_points, print_figure
from exports.registry import export_bytes
from frontline.errors import ExportError
from tests.unit.export_support import SYNTH_DATE, SYNTH_SOURCE, synthetic_context


@pytest.fixture(scope="module")
def ctx() -> ExportContext:
    return synthetic_context()


def test_paper_sizes() -> None:
    assert page_points("a4") == pytest.approx((595.28, 841.89), abs=0.01)
    assert page_points("letter") == (612.0, 792.0)
    assert page_pixels("a4") == (794, 1123)
    with pytest.raises(ExportError, match="unknown page 'a3'"):
        page_pixels("a3")


def test_the_page_has_the_key_scale_sources_and_caveat(ctx: ExportContext) -> None:
    fig = print_figure(ctx, SYNTH_DATE, "a4", layers=("districts", "front"))
    text = "\n".join(str(a.text) for a in fig.layout.annotations)
    for words in ("control on 11 May 2017", "Iraqi government forces", "Front line",
                  "km", "N ↑", "Sources", SYNTH_SOURCE, "Approximate boundaries",
                  "not shown: events, bridges, context"):
        assert words in text, words
    assert "River" not in text and "Bridge" not in text  # layers turned off: no key row


def test_a_page_other_than_the_known_ones_is_refused(ctx: ExportContext) -> None:
    with pytest.raises(ExportError, match="page must be one of screen, a4, letter"):
        export_bytes(ctx, "pdf", SYNTH_DATE, page="a0")


@pytest.mark.slow
@pytest.mark.parametrize(("paper", "size"), [("a4", (595.28, 841.89)),
                                             ("letter", (612.0, 792.0))])
def test_the_pdf_is_one_page_of_the_paper_with_its_text(ctx: ExportContext, paper: str,
                                                        size: tuple[float, float]) -> None:
    reader = PdfReader(io.BytesIO(export_bytes(ctx, "pdf", SYNTH_DATE, page=paper,
                                               known=True)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.05)
    text = reader.pages[0].extract_text()
    for words in ("Battle of Mosul", "as known on 2017-05-11", "Control", "Front line",
                  "Sources", SYNTH_SOURCE, "Approximate boundaries", "km"):
        assert words in text, words
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Battle of Mosul, 2016-17: control on 2017-05-11 (as known on the date)"
    assert meta.author == "Frontline" and "Kaleido" not in str(dict(meta))
    assert meta.creation_date is not None
