"""Snapshot renders, opened and checked: PNG 1x/2x, SVG, PDF (SYNTHETIC data, warm browser)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image
from pypdf import PdfReader

from exports import renderer
from exports.context import ExportContext
from exports.registry import export_bytes
from exports.snapshot import HEIGHT, MAP_AXES, MAP_BOX, WIDTH, snapshot_figure
from tests.unit.export_support import SYNTH_DATE, SYNTH_SOURCE, side_pixels, synthetic_context

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ctx() -> Iterator[ExportContext]:
    renderer.start_warm()
    yield synthetic_context()
    renderer.stop_warm()


def _map_area(png: bytes, scale: int) -> np.ndarray:
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    box = MAP_BOX
    return rgb[int(box.top * scale):int(box.bottom * scale),
               int(box.left * scale):int(box.right * scale)]


@pytest.mark.parametrize("scale", [1, 2])
def test_png_has_its_size_and_both_sides_colours(ctx: ExportContext, scale: int) -> None:
    png = export_bytes(ctx, "png", SYNTH_DATE, scale=float(scale))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (WIDTH * scale, HEIGHT * scale)
    area = _map_area(png, scale)
    for side in ("government", "isis", "contested"):
        assert side_pixels(area, ctx.theatre.sides[side].color) > 500 * scale**2, side


def test_svg_parses_and_carries_title_date_and_caveat(ctx: ExportContext) -> None:
    root = ET.fromstring(export_bytes(ctx, "svg", SYNTH_DATE))
    assert root.tag.endswith("svg")
    text = " ".join(t for t in root.itertext())
    assert "Battle of Mosul" in text and "2017-05-11" in text
    assert "Approximate boundaries" in text
    assert SYNTH_SOURCE in text
    assert "km" in text  # the scale bar
    svg = "{http://www.w3.org/2000/svg}"
    assert root.findall(f".//{svg}image") == []  # the map is vector, not a WebGL raster
    assert len(root.findall(f".//{svg}path")) > len(ctx.page.district_ids)


def test_pdf_is_one_page_with_the_as_of_date(ctx: ExportContext) -> None:
    reader = PdfReader(io.BytesIO(export_bytes(ctx, "pdf", SYNTH_DATE, known=True)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "As of 2017-05-11" in text and "as known on 2017-05-11" in text
    assert "Approximate boundaries" in text


def test_known_on_drops_later_figures_and_unpublished_events(ctx: ExportContext) -> None:
    early = SYNTH_DATE.replace(day=9)
    hindsight = snapshot_figure(ctx, early)
    known = snapshot_figure(ctx, early, known=True)
    assert "as known on" in " ".join(a.text for a in known.layout.annotations)
    assert "as known on" not in " ".join(a.text for a in hindsight.layout.annotations)
    points = [t for t in _chart(known) if t.mode == "markers"]
    assert not any(len(t.x) for t in points)  # the figure is dated 2017-05-08, published 05-10
    assert [t for t in _chart(known) if t.mode == "lines"] == []  # the share is hindsight
    assert [t for t in _chart(hindsight) if t.mode == "lines"]


def _chart(fig: go.Figure) -> list[go.Scatter]:
    return [t for t in fig.data if t.type == "scatter" and t.xaxis != MAP_AXES[0]]


def test_a_deck_period_marks_all_its_events_on_the_map(ctx: ExportContext) -> None:
    late = SYNTH_DATE.replace(month=6, day=30)  # the synthetic event has faded out by then
    window = snapshot_figure(ctx, late)
    period = snapshot_figure(ctx, late, period=(SYNTH_DATE.replace(day=1), late))
    assert len(_map_trace(window, "Events").x) == 0
    assert len(_map_trace(period, "Events").x) == len(ctx.page.events[0].lon)
    assert "capture" in " ".join(a.text for a in period.layout.annotations)  # its legend


def _map_trace(fig: go.Figure, name: str) -> go.Scatter:
    return next(t for t in fig.data if t.xaxis == MAP_AXES[0] and t.name == name)
