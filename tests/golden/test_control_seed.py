"""The control timeline from the seed article ALONE (seeds/2017-05-10-iraqinews-al-maamel.md).

What an analyst reads from it: the east fell to the government in January 2017 (after
three months of fighting), al-Maamel on Wednesday 2017-05-10, commanders claim at least
70 percent of the west, and ISIS still holds the Old City in the north-west. The east's
fall is one report's word on a whole bank (rule 9, plausibility): alone, it contests the
east and waits for a second source, flagged for review.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import pytest

from geodata.theatre import Theatre
from timeline.control.build import build_timeline
from timeline.control.model import ControlTimeline
from timeline.extract.articles import load_article
from timeline.extract.extractor import extract_article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "2017-05-10-iraqinews-al-maamel.md"
D = dt.date


@pytest.fixture(scope="module")
def timeline(mosul: tuple[Theatre, gpd.GeoDataFrame]) -> ControlTimeline:
    theatre, districts = mosul
    return build_timeline(theatre, districts, [extract_article(load_article(SEED))])


def _sides(tl: ControlTimeline, date: dt.date) -> dict[str, str]:
    return {s.id: s.side for s in tl.state_at(date)}


def test_before_the_battle_both_banks_are_isis_held(timeline: ControlTimeline) -> None:
    share = timeline.share_at(D(2016, 10, 1))
    assert share["west"]["isis"] == 1.0 and share["east"]["isis"] == 1.0
    assert set(_sides(timeline, D(2016, 10, 1)).values()) == {"isis"}


def test_the_east_told_by_this_report_alone_is_contested_and_held_for_review(
        timeline: ControlTimeline) -> None:
    assert timeline.share_at(D(2017, 1, 15))["east"]["contested"] == 1.0
    east = [s for s in timeline.state_at(D(2017, 2, 3)) if s.side == "contested"]
    assert east and all(s.reviews and s.reviews[0].reason == "single-source" for s in east)
    share = timeline.share_at(D(2017, 2, 10))
    assert share["east"]["government"] == 0.0 and share["east"]["isis"] == 1.0
    assert share["west"]["government"] < 0.5
    # Back with its holder after the fighting: no change of control, basis assumed.
    assert {s.basis for s in timeline.state_at(D(2017, 2, 10)) if s.id == "gogjali"} == \
        {"assumed"}


def test_al_maamel_is_government_held_reported_since_wednesday(
        timeline: ControlTimeline) -> None:
    state = next(s for s in timeline.state_at(D(2017, 5, 11)) if s.id == "al-maamel")
    assert (state.side, state.basis, state.since) == ("government", "reported", D(2017, 5, 10))
    assert any("al-Maamel" in e.quote for e in state.evidence)


def test_old_city_districts_stay_isis_held_or_contested(
        timeline: ControlTimeline, mosul: tuple[Theatre, gpd.GeoDataFrame]) -> None:
    theatre, _ = mosul
    old_city = [p.id for p in theatre.districts if p.parent == "old-city"]
    assert old_city
    sides = _sides(timeline, D(2017, 5, 11))
    assert {sides[d] for d in old_city} <= {"isis", "contested"}


def test_west_share_is_inferred_from_the_70_percent_claim(
        timeline: ControlTimeline) -> None:
    share = timeline.share_at(D(2017, 5, 11))
    assert 0.6 <= share["west"]["government"] <= 0.9
    inferred = [s for s in timeline.state_at(D(2017, 5, 11))
                if s.side == "government" and s.basis == "inferred"
                and any("70 percent" in e.quote for e in s.evidence)]
    assert len(inferred) >= 3


def test_the_front_line_is_longer_than_zero(timeline: ControlTimeline) -> None:
    assert timeline.frontline_km_at(D(2017, 5, 11)) > 0
    front = timeline.front_at(D(2017, 5, 11))
    assert front is not None and front["type"] == "MultiLineString"


def test_the_forecast_of_may_changes_nothing(timeline: ControlTimeline) -> None:
    assert timeline.share_at(D(2017, 5, 31))["west"]["government"] < 1.0
