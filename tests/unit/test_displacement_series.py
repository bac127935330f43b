"""Displacement figures: people displaced on the day and people displaced since a start
date are two chart series that never share a trace, even from the same claimant.

The second half reads the seeded analyst table ``seeds/mosul-figures.csv``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from geodata.districts import build_districts
from geodata.theatre import load_theatre
from tests.builders import make_extraction, make_figure
from timeline.extract.chronology import load_chronology
from timeline.records import Figure, PartialDate
from viewmodel.chart import JOINED_MIN, figures_chart
from viewmodel.page_data import build_page_data
from viewmodel.page_events import (
    DISPLACED_NOW,
    DISPLACED_SINCE,
    figure_groups,
    figure_points,
    series_of,
)

FIGURES_CSV = Path(__file__).resolve().parents[2] / "seeds" / "mosul-figures.csv"


def _displaced(value: float, subject: str, since: str | None) -> Figure:
    figure = make_figure(value, "2017-03-19", ("mosul",), "exact", subject, kind="displaced")
    return dataclasses.replace(figure, claimant="IOM",
                               since=PartialDate.parse(since) if since else None)


def test_current_and_cumulative_displacement_are_two_series() -> None:
    now = _displaced(260616, "people currently displaced", None)
    since = _displaced(326754, "people displaced since 17 Oct 2016", "2016-10-17")
    assert series_of(now) == DISPLACED_NOW
    assert series_of(since) == DISPLACED_SINCE
    assert series_of(_displaced(5000, "people", None)) == "Displaced"  # says neither


def test_a_subject_that_says_still_displaced_wins_over_a_start_date() -> None:
    remaining = _displaced(160302, "people still displaced", "2016-10-17")
    assert series_of(remaining) == DISPLACED_NOW


def test_one_claimant_gets_one_trace_per_displacement_series() -> None:
    figures = (_displaced(260616, "people currently displaced", None),
               _displaced(326754, "people displaced since 17 Oct 2016", "2016-10-17"))
    points = figure_points([make_extraction(figures=figures)])
    groups = {(series, claimant): members for series, claimant, members in figure_groups(points)}
    assert set(groups) == {(DISPLACED_NOW, "IOM"), (DISPLACED_SINCE, "IOM")}


def test_the_chart_draws_the_two_displacement_series_as_two_distinct_lines() -> None:
    def at(figure: Figure, day: str) -> Figure:
        return dataclasses.replace(figure, as_of=PartialDate.parse(day))

    now = _displaced(1, "people currently displaced", None)
    since = _displaced(1, "people displaced since 17 Oct 2016", "2016-10-17")
    days = [f"2017-0{m}-01" for m in range(3, 3 + JOINED_MIN)]
    figures = tuple(at(f, d) for f in (now, since) for d in days)
    theatre = load_theatre()
    page = build_page_data(theatre, build_districts(theatre), None,
                           [make_extraction(figures=figures)])
    lines = {t.name: t for t in figures_chart(page, 0).data if t.mode == "lines+markers"}
    assert set(lines) == {f"{DISPLACED_NOW} · IOM", f"{DISPLACED_SINCE} · IOM"}
    a, b = lines.values()
    assert a.line.dash != b.line.dash and a.line.color != b.line.color
    sparse = build_page_data(theatre, build_districts(theatre), None,
                             [make_extraction(figures=figures[:2])])
    assert not [t for t in figures_chart(sparse, 0).data if t.mode == "lines+markers"]


def test_the_seeded_table_loads_and_keeps_its_two_displacement_series_apart() -> None:
    extraction = load_chronology(FIGURES_CSV)
    assert extraction.warnings == ()
    theatre = load_theatre()
    displaced = [f for f in extraction.figures if f.kind == "displaced"]
    now = [f for f in displaced if series_of(f, theatre) == DISPLACED_NOW]
    since = [f for f in displaced if series_of(f, theatre) == DISPLACED_SINCE]
    assert len(now) + len(since) == len(displaced)  # none falls in the plain series
    assert all(f.since is None for f in now)
    assert all(f.since is not None for f in since)
    iom_now = {f.as_of for f in now if f.claimant == "IOM"}
    assert len(iom_now) >= 15
    assert any(f.kind == "returned" for f in extraction.figures)
