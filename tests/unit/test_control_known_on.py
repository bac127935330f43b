"""The "as known on" replay in detail: since-dates and evidence as known on each day, and
the map's known-view hovers built from them (SYNTHETIC Toyville data)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest

from geodata.theatre import Theatre
from tests.builders import TOY_END, make_event, make_extraction, toy_districts, toy_theatre
from timeline.control.build import add_known_replay, build_timeline
from timeline.control.model import ControlTimeline
from timeline.control.series import add_series
from timeline.records import Extraction
from timeline.store.timeline_files import load_timeline, save_timeline
from viewmodel.page_control import control_view

D = dt.date
XSS = "<img src=x onerror=alert(1)>"
TAKEN = f"(synthetic) Forces took W North {XSS} on 10 January."
RAID = "(synthetic) A raid & counter-attack hit W North."
PAGE_START = D(2016, 10, 17)


def corpus() -> list[Extraction]:
    """W North taken on 2017-01-10 but reported only on 2017-02-02; a raid on 2017-03-01
    reported the same day; East North taken on 2017-01-20, reported on 2017-01-21."""
    taken = make_event("capture", "2017-01-10", ("w-north",), quote=TAKEN,
                       article_id="a-taken", published=D(2017, 2, 2))
    raid = make_event("attack", "2017-03-01", ("w-north",), side="isis", quote=RAID,
                      article_id="a-raid", published=D(2017, 3, 1))
    east = make_event("capture", "2017-01-20", ("e-north",), article_id="a-east",
                      published=D(2017, 1, 21))
    return [make_extraction((taken,), published=D(2017, 2, 2), article_id="a-taken"),
            make_extraction((raid,), published=D(2017, 3, 1), article_id="a-raid"),
            make_extraction((east,), published=D(2017, 1, 21), article_id="a-east")]


@pytest.fixture(scope="module")
def toy() -> tuple[Theatre, gpd.GeoDataFrame, list[Extraction], ControlTimeline]:
    theatre = toy_theatre()
    districts = toy_districts(theatre)
    extractions = corpus()
    tl = build_timeline(theatre, districts, extractions, end=TOY_END, series=False)
    add_known_replay(tl, theatre, districts, extractions)
    add_series(tl, theatre, districts)
    return theatre, districts, extractions, tl


DAYS = (D(2014, 6, 10), D(2017, 1, 20), D(2017, 1, 21), D(2017, 2, 1), D(2017, 2, 2),
        D(2017, 3, 1), D(2017, 3, 3), D(2017, 6, 1))


@pytest.mark.parametrize("date", DAYS)
def test_the_stored_replay_is_the_state_computed_from_what_was_known_then(
        toy: tuple[Theatre, gpd.GeoDataFrame, list[Extraction], ControlTimeline],
        date: dt.date) -> None:
    """Day d of the replay = ``state --date d --known-on d``: side, basis, since, evidence."""
    theatre, districts, extractions, tl = toy
    then = build_timeline(theatre, districts, extractions, known_on=date, end=TOY_END)
    day = tl.day_index(date)
    for i, expected in enumerate(then.state_at(date)):
        got = tl.known_state(i, day)
        assert got is not None
        assert (got.side, got.basis, got.since) == (expected.side, expected.basis,
                                                     expected.since), (date, got.id)
        assert [e.id for e in got.evidence] == [e.id for e in expected.evidence], (date, got.id)


def test_the_replay_dates_a_late_report_from_the_event_not_the_publication(
        toy: tuple[Theatre, gpd.GeoDataFrame, list[Extraction], ControlTimeline]) -> None:
    *_, tl = toy
    before = tl.known_state(0, tl.day_index(D(2017, 2, 1)))
    after = tl.known_state(0, tl.day_index(D(2017, 2, 2)))
    assert before is not None and after is not None
    assert (before.side, before.since, [e.id for e in before.evidence]) == (
        "isis", D(2014, 6, 10), ["initial"])
    assert (after.side, after.basis, after.since) == ("government", "reported", D(2017, 1, 10))
    assert [e.quote for e in after.evidence] == [TAKEN]


def known_hover(tl: ControlTimeline, date: dt.date, district: str, known: bool = True) -> str:
    ids = tuple(tl.district_ids)
    names = tuple(d.replace("-", " ").title() for d in ids)
    view = control_view(tl, names, ids, PAGE_START, (TOY_END - PAGE_START).days + 1,
                        known=known)
    return view.texts[int(view.hover[(date - PAGE_START).days, ids.index(district)])]


def test_known_view_hover_names_since_and_evidence_as_known_then(
        toy: tuple[Theatre, gpd.GeoDataFrame, list[Extraction], ControlTimeline]) -> None:
    *_, tl = toy
    early = known_hover(tl, D(2017, 1, 25), "w-north")
    assert early.startswith("<b>W North</b><br>isis (")
    assert "since 2014-06-10 (as known then)" in early and "Toyville fell on 2014-06-10" in early
    assert "took W North" not in early
    hindsight = known_hover(tl, D(2017, 1, 25), "w-north", known=False)
    assert "government (reported)" in hindsight and "since 2017-01-10" in hindsight
    late = known_hover(tl, D(2017, 2, 5), "w-north")
    assert "government (reported)" in late and "since 2017-01-10 (as known then)" in late
    assert "took W North" in late and "Synthetic News, 2017-02-02" in late  # published, not dated
    assert "<img" not in late and "&lt;img src=x onerror=alert(1)&gt;" in late
    raid = known_hover(tl, D(2017, 3, 2), "w-north")
    assert "contested" in raid and "since 2017-03-01 (as known then)" in raid
    assert "A raid &amp; counter-attack" in raid and raid.index("raid") < raid.index("took")


def test_known_view_dedupes_hover_texts_per_state(
        toy: tuple[Theatre, gpd.GeoDataFrame, list[Extraction], ControlTimeline]) -> None:
    *_, tl = toy
    ids = tuple(tl.district_ids)
    n_days = (TOY_END - PAGE_START).days + 1
    view = control_view(tl, ids, ids, PAGE_START, n_days, known=True)
    assert len(view.texts) == len(set(view.texts)) < 30
    assert view.hover.shape == (n_days, len(ids))


def test_the_replay_details_survive_save_and_load_and_old_stores_still_load(
        toy: tuple[Theatre, gpd.GeoDataFrame, list[Extraction], ControlTimeline],
        tmp_path: Path) -> None:
    *_, tl = toy
    save_timeline(tl, tmp_path)
    back = load_timeline(tmp_path)
    assert back.since_known is not None and back.since_known.dtype == np.int32
    assert back.cause_known is not None and back.causes_known == tl.causes_known
    for name in ("since_known", "cause_known"):
        assert np.array_equal(getattr(back, name), getattr(tl, name)), name
    day = tl.day_index(D(2017, 3, 2))
    assert back.known_state(0, day) == tl.known_state(0, day)
    back.since_known = back.cause_known = None  # as stored before the replay kept details
    assert back.known_state(0, day) is None
    old = known_hover(back, D(2017, 2, 5), "w-north")
    assert "government (reported)" in old and "as known on the slider date" in old
