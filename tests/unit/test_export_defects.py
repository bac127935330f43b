"""Export defects of the analyst's walk (issue 17): the legend, the "as known on" share
panel, the deck's progress and the PDF's title."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import math

import pytest
from pypdf import PdfReader

from dashboard.export_panel import progress_view
from exports.context import ExportContext
from exports.known_share import known_shares
from exports.registry import export_bytes
from exports.snapshot import snapshot_figure
from tests.unit.export_support import CHANGE_DAY, SYNTH_DATE, synthetic_context


@pytest.fixture(scope="module")
def ctx() -> ExportContext:
    return synthetic_context()


def texts(fig: object) -> str:
    return "\n".join(str(a.text) for a in fig.layout.annotations)  # type: ignore[attr-defined]


def test_no_key_lists_a_side_no_district_takes(ctx: ExportContext) -> None:
    """The SYNTHETIC timeline has government, ISIS and contested districts and none
    unknown: no key (app legend, snapshot, slide, frame, PowerPoint) has an Unknown row."""
    from dashboard.layout import legend
    from exports.map_page import slide_figure
    from exports.pptx_slides import key_rows

    assert ctx.page.sides_on_map == ("government", "isis", "contested")
    app = str(legend(ctx.page, ctx.theatre).to_plotly_json())
    snapshot = texts(snapshot_figure(ctx, SYNTH_DATE))
    slide = texts(slide_figure(ctx, SYNTH_DATE, title="t", subtitle="s", footer="f"))
    rows = [label for label, _, _ in key_rows(ctx, ())]
    for key in (app, snapshot, slide, "\n".join(rows)):
        assert "Contested" in key and "Unknown" not in key


def test_the_legend_lists_only_the_layers_shown(ctx: ExportContext) -> None:
    every = texts(snapshot_figure(ctx, SYNTH_DATE))
    assert "Front line" in every and "Bridge" in every and "River (Tigris)" in every
    only = texts(snapshot_figure(ctx, SYNTH_DATE, layers=("districts",)))
    assert "Front line" not in only and "Bridge" not in only and "River" not in only
    assert "<b>Events</b>" not in only.split("\n")  # no event-kind key without events
    assert "not shown: front, events, bridges, context" in only
    assert "<b>Control</b>" in only


def test_an_as_known_on_snapshot_draws_no_empty_share_panel(ctx: ExportContext) -> None:
    """The share lines are hindsight and no percentage claim was known: no panel at all
    (it used to be an empty frame), and the counts take its room."""
    hindsight = snapshot_figure(ctx, SYNTH_DATE)
    assert hindsight.layout.yaxis2.visible is not False
    known = snapshot_figure(ctx, SYNTH_DATE, known=True)
    assert known.layout.yaxis2.visible is False and known.layout.xaxis2.visible is False
    assert known.layout.xaxis.showticklabels is True
    lo, hi = known.layout.yaxis.domain
    lo2, _ = hindsight.layout.yaxis2.domain
    assert lo == pytest.approx(lo2) and hi == pytest.approx(hindsight.layout.yaxis.domain[1])
    assert not any(s.yref and str(s.yref).startswith("y2") for s in known.layout.shapes)


def test_an_as_known_on_snapshot_draws_the_replay_shares_up_to_its_date() -> None:
    """With the "as known on" replay, the panel shows what was knowable each day: the
    replay's shares (here the SYNTHETIC west-bank change is known a week late), never
    the hindsight lines, and nothing after the export's date."""
    ctx = synthetic_context()
    tl = copy.copy(ctx.timeline)
    assert tl is not None
    known = tl.side.copy()
    known[:, CHANGE_DAY:CHANGE_DAY + 7] = tl.side[:, CHANGE_DAY - 1:CHANGE_DAY]
    tl.side_known = known
    ctx = dataclasses.replace(ctx, timeline=tl)
    change = ctx.theatre.battle_start + dt.timedelta(days=CHANGE_DAY)
    date = change + dt.timedelta(days=10)
    shares = known_shares(ctx, date)
    assert set(shares) == set(ctx.theatre.share_keys)
    west, start = shares["west"], ctx.page.day_of(ctx.theatre.battle_start)
    first = start + CHANGE_DAY
    assert west[first] == west[first - 1] < west[first + 7]  # known a week late
    cursor = ctx.page.day_of(date)
    assert math.isnan(west[cursor + 1]) and not math.isnan(west[cursor])
    fig = snapshot_figure(ctx, date, known=True)
    assert fig.layout.yaxis2.visible is not False
    lines = [t for t in fig.data if t.yaxis == "y2" and t.mode == "lines"]
    assert len(lines) == len(shares)
    assert "share (as known each day)" in texts(fig)


def test_the_deck_progress_says_what_it_does_before_the_first_page() -> None:
    value, top, text = progress_view(0, 6)
    assert value is None and top == "6"  # no value: the bar shows as busy, not as 0
    assert "Drawing 6 pages" in text
    assert progress_view(3, 6) == ("3", "6", "Rendered 3 of 6 pages…")
    assert "writing the file" in progress_view(6, 6)[2]


@pytest.mark.slow
def test_pdfs_are_titled_by_what_they_show(ctx: ExportContext) -> None:
    steps: list[tuple[int, int]] = []
    deck = PdfReader(io.BytesIO(export_bytes(
        ctx, "pdf-deck", SYNTH_DATE, dates=[dt.date(2017, 1, 10), SYNTH_DATE],
        progress=lambda done, total: steps.append((done, total)))))
    assert deck.metadata is not None
    assert deck.metadata.title == f"{ctx.theatre.title}: briefing as of 2017-05-11"
    assert "Kaleido" not in str(dict(deck.metadata))
    assert steps[0] == (0, 4)  # the bar gets its length before the first render
    snap = PdfReader(io.BytesIO(export_bytes(ctx, "pdf", SYNTH_DATE, known=True)))
    assert snap.metadata is not None
    assert snap.metadata.title == (
        f"{ctx.theatre.title}: control on 2017-05-11 (as known on the date)")


@pytest.mark.slow
def test_the_pptx_deck_is_titled_and_keeps_dozens_as_dozens() -> None:
    """Opened with python-pptx: the document title, and the key figure "dozens" as the
    article said it (the deck printed the chart's mid-point, 62)."""
    from pptx import Presentation

    from tests.unit.test_figure_amounts import dozens_figure
    from viewmodel.page_data import build_page_data

    ctx = synthetic_context()
    extraction = dataclasses.replace(ctx.extractions[0],
                                     figures=(*ctx.extractions[0].figures, dozens_figure()))
    page = build_page_data(ctx.theatre, ctx.districts, ctx.timeline, [extraction], fade_days=7)
    ctx = dataclasses.replace(ctx, extractions=(extraction,), page=page)
    deck = Presentation(io.BytesIO(export_bytes(ctx, "pptx", SYNTH_DATE, dates=[SYNTH_DATE])))
    assert deck.core_properties.title == f"{ctx.theatre.title}: briefing as of 2017-05-11"
    text = "\n".join([s.text_frame.text for slide in deck.slides for s in slide.shapes
                      if s.has_text_frame]
                     + [slide.notes_slide.notes_text_frame.text for slide in deck.slides
                        if slide.has_notes_slide])  # the key figures: in the notes
    assert "Killed: militants: dozens (24–99)" in text
    assert "62" not in text
