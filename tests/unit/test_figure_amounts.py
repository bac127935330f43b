"""Every rendering of a figure keeps ranges and vague amounts as such (one function)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from exports.deck import plan
from tests.unit.export_support import SYNTH_DATE, synthetic_context
from timeline.records import Figure, PartialDate, Provenance
from viewmodel.amounts import amount_text
from viewmodel.page_data import build_page_data
from viewmodel.page_events import figure_point


@pytest.mark.parametrize(("args", "text"), [
    ((3320, None, None, "exact"), "3,320"),
    ((None, 24, 99, "vague"), "dozens (24–99)"),
    ((61.5, 24, 99, "vague"), "dozens (24–99)"),  # the chart's mid-point is never printed
    ((None, 30, 45, "vague"), "vague: 30–45"),
    ((None, 3000, 9000, "vague"), "several thousand (3,000–9,000)"),
    ((None, 200, 500, "vague"), "a few hundred (200–500)"),
    ((None, 300_000, 900_000, "vague"), "several hundred thousand (300,000–900,000)"),
    ((250, 200, 300, "range"), "200–300"),
    ((5000, 5000, 5000, "about"), "about 5,000"),
    ((3320, None, None, "at_least"), "at least 3,320"),
    ((1000, None, None, "at_most"), "up to 1,000"),
    ((None, None, None, "exact"), "unknown amount"),
])
def test_amount_text_keeps_ranges_and_vague_words(args: tuple, text: str) -> None:
    assert amount_text(*args) == text


@pytest.mark.parametrize("words", ["several thousand", "a few hundred", "several dozen",
                                   "several hundred thousand", "a few million"])
def test_a_vague_amount_reads_back_as_the_words_it_was_written_in(words: str) -> None:
    from timeline.extract.numbers import find_quantities

    (q,) = [q for q in find_quantities(f"{words} people fled") if q.qualifier == "vague"]
    assert amount_text(None, q.low, q.high, "vague").startswith(f"{words} (")


def test_a_percentage_reads_as_one() -> None:
    assert amount_text(70, None, None, "at_least", percent=True) == "at least 70 %"


def dozens_figure() -> Figure:
    quote = "SYNTHETIC: dozens of militants were killed."
    prov = Provenance("synthetic-1", "SYNTHETIC wire", dt.date(2017, 5, 10), quote,
                      (0, len(quote)))
    return Figure(id="fig-dozens", kind="killed", value=None, qualifier="vague",
                  subject="ISIS militants", claimant="SYNTHETIC ministry", provenance=prov,
                  as_of=PartialDate(dt.date(2017, 5, 9)), low=24, high=99)


def test_the_hover_says_dozens_not_its_mid_point() -> None:
    point = figure_point(dozens_figure())
    assert point is not None and point.value == 61.5  # plotted at the mid-point
    assert point.amount == "dozens (24–99)"
    assert "dozens (24–99)" in point.hover and "62" not in point.hover


def test_the_deck_lists_dozens_as_dozens() -> None:
    ctx = synthetic_context()
    extraction = ctx.extractions[0]
    extraction = dataclasses.replace(extraction, figures=(dozens_figure(),))
    page = build_page_data(ctx.theatre, ctx.districts, ctx.timeline, [extraction],
                           fade_days=7)
    ctx = dataclasses.replace(ctx, extractions=(extraction,), page=page)
    (slide,) = plan(ctx, SYNTH_DATE, [SYNTH_DATE])
    assert any("Killed: militants: dozens (24–99)" in line for line in slide.figures)
    notes = " ".join(slide.notes)  # the speaker notes, where the deck lists key figures
    assert "dozens (24–99)" in notes and "62" not in notes


def test_the_data_tables_say_the_amount_as_a_reader_would() -> None:
    from exports.tables import figure_table

    ctx = synthetic_context()
    extraction = dataclasses.replace(ctx.extractions[0], figures=(dozens_figure(),))
    ctx = dataclasses.replace(ctx, extractions=(extraction,))
    table = figure_table(ctx, SYNTH_DATE)
    assert table["amount"].tolist() == ["dozens (24–99)"]
    assert (table["low"].tolist(), table["high"].tolist()) == ([24], [99])
