"""One "as known on" replay: exports read the one the timeline holds (SYNTHETIC corpus on
the real Mosul districts).

A known-mode export on day D must show ``timeline state --date D --known-on D``; it reads
the replay stored by ``timeline build`` or, for a timeline computed on the fly, the one
its context computed once, and builds no timeline per date. Calls are counted with the
C profiler on the real ``build_timeline`` (nothing is replaced).
"""

from __future__ import annotations

import cProfile
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from exports import selection
from exports.context import ExportContext, load_context
from exports.registry import export_bytes
from geodata.theatre import load_theatre
from tests.builders import make_event, make_extraction, make_figure
from timeline.control.build import build_timeline
from timeline.control.model import BASIS_CODES, ControlTimeline
from timeline.extract.chronology import load_chronology
from timeline.known import knowledge_dates
from timeline.records import Extraction
from timeline.store.corpus import load_extractions, save_extraction
from timeline.store.timeline_files import save_timeline
from viewmodel.page_data import frame

D = dt.date
HEADER = "date,precision,kind,places,actor,side,status,value,source,note,subject\n"
CHRONOLOGY = (HEADER
              + "2017-03-10,day,capture,new-mosul,Iraqi forces,government,reported,,"
                "SYNTHETIC analyst,(synthetic) retaken,\n"
              + "2017-03-05,day,territory_percent,west-mosul,Iraqi army,,,30,"
                "SYNTHETIC analyst,(synthetic) 30 percent of the west,territory in west Mosul\n")
DATES = (D(2016, 11, 1), D(2017, 1, 15), D(2017, 2, 2), D(2017, 2, 21), D(2017, 3, 1),
         D(2017, 3, 5), D(2017, 3, 7), D(2017, 3, 10), D(2017, 5, 1))


def corpus(folder: Path) -> list[Extraction]:
    """A late report (taken 01-10, reported 02-02), a same-day report, an attack, and an
    analyst chronology whose share row (03-05) falls on no article's publication."""
    late = make_event("capture", "2017-01-10", ("al-maamel",), article_id="late",
                      quote="(synthetic) forces took al-Maamel on 10 January")
    islah = make_event("capture", "2017-02-20", ("al-islah-al-zirai",), article_id="islah",
                       quote="(synthetic) forces took al-Islah al-Zirai")
    raid = make_event("attack", "2017-03-01", ("al-maamel",), side="isis", article_id="raid",
                      quote="(synthetic) a raid on al-Maamel")
    figure = make_figure(1200, "2017-02", ("west-mosul",), "about", "people displaced",
                         "(synthetic) 1200 displaced", kind="displaced", article_id="islah")
    path = folder / "synthetic-chronology.csv"
    path.write_text(CHRONOLOGY, encoding="utf-8")
    return [make_extraction((late,), published=D(2017, 2, 2), article_id="late"),
            make_extraction((islah,), (figure,), published=D(2017, 2, 21), article_id="islah"),
            make_extraction((raid,), published=D(2017, 3, 1), article_id="raid"),
            load_chronology(path)]


@contextmanager
def counting(func: Callable[..., Any]) -> Iterator[list[int]]:
    """Count the calls of ``func`` while the block runs (the C profiler, no patching)."""
    code = func.__code__
    count = [0]
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield count
    finally:
        profiler.disable()
        count[0] = sum(entry.callcount for entry in profiler.getstats() if entry.code is code)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Extraction]]:
    data = tmp_path_factory.mktemp("data")
    for extraction in corpus(tmp_path_factory.mktemp("sources")):
        save_extraction(extraction, data)
    return data, load_extractions(data)


@pytest.fixture(scope="module")
def on_the_fly(stores: tuple[Path, list[Extraction]]) -> tuple[ExportContext, int]:
    """A context on a store with no saved timeline, and the timelines its loading built."""
    with counting(build_timeline) as built:
        ctx = load_context(load_theatre(), stores[0])
    return ctx, built[0]


def expected_state(ctx: ExportContext, data: Path,
                   date: dt.date) -> tuple[ControlTimeline, list[Any]]:
    """What ``python -m timeline state --date D --known-on D`` computes."""
    then = build_timeline(ctx.theatre, ctx.districts, load_extractions(data, known_on=date),
                          known_on=date)
    return then, [(s.id, s.side, s.basis, s.since, [e.id for e in s.evidence])
                  for s in then.state_at(date)]


def shown(ctx: ExportContext, date: dt.date) -> list[Any]:
    return [(s.id, s.side, s.basis, s.since, [e.id for e in s.evidence])
            for s in selection.states_at(ctx, date, known=True)]


@pytest.mark.parametrize("date", DATES)
def test_a_known_export_shows_the_state_as_known_then(
        on_the_fly: tuple[ExportContext, int], stores: tuple[Path, list[Extraction]],
        date: dt.date) -> None:
    ctx, _ = on_the_fly
    then, expected = expected_state(ctx, stores[0], date)
    assert shown(ctx, date) == expected
    assert selection.front_at(ctx, date, known=True) == then.front_at(date)
    day = ctx.day_of(date)  # the snapshot's map reads the same replay through the page
    side_codes = ctx.timeline.side_codes if ctx.timeline else ()
    codes = [side_codes.index(side) * len(BASIS_CODES) + BASIS_CODES.index(basis)
             for _, side, basis, *_ in expected]
    assert frame(ctx.page, day, known=True)["z"] == codes


def test_the_replay_changes_when_an_analyst_share_row_becomes_known(
        on_the_fly: tuple[ExportContext, int]) -> None:
    """The share row of 2017-03-05 is no article's publication: the replay must still
    take it in on that day (it waited for the next publication when only events'
    dates counted)."""
    ctx, _ = on_the_fly
    before, after = shown(ctx, D(2017, 3, 4)), shown(ctx, D(2017, 3, 5))
    assert [s[1] for s in before] != [s[1] for s in after]


def test_the_context_replays_once_and_exports_build_no_timeline(
        on_the_fly: tuple[ExportContext, int], stores: tuple[Path, list[Extraction]]) -> None:
    ctx, built = on_the_fly
    # the timeline, the replay's empty base, one timeline per day the knowledge changes
    assert built == 2 + len(knowledge_dates(stores[1]))
    with counting(build_timeline) as exporting:
        export_bytes(ctx, "geojson", DATES[-1], known=True)  # states, front, events, figures
        for date in DATES:
            selection.states_at(ctx, date, known=True)
            selection.front_at(ctx, date, known=True)
    assert exporting[0] == 0


def test_a_stored_replay_is_read_not_rebuilt(
        on_the_fly: tuple[ExportContext, int], stores: tuple[Path, list[Extraction]]) -> None:
    ctx, _ = on_the_fly
    assert ctx.timeline is not None
    save_timeline(ctx.timeline, stores[0])
    with counting(build_timeline) as built:
        stored = load_context(ctx.theatre, stores[0])
        states = {d: shown(stored, d) for d in DATES}
    assert built[0] == 0
    assert states == {d: shown(ctx, d) for d in DATES}
