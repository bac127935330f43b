"""Issue 13's control rules on synthetic cities (Toyville of tests/builders.py and the
Vellmar fixture theatre): expired contests, changes of holder, the share inference's
direction, the evidence cited, the hover's source date and day-dated declarations.
Plausibility (rule 9) has its own file, test_control_plausibility.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from exports.deck import changed_lines
from geodata.districts import build_districts
from geodata.theatre import load_theatre
from tests.builders import (
    TOY_RULES,
    make_event,
    make_extraction,
    make_figure,
    toy_districts,
    toy_theatre,
    toy_timeline,
)
from timeline.control.build import build_timeline
from timeline.control.model import ControlTimeline, DistrictState, holders
from viewmodel.page_control import control_view, side_changes
from viewmodel.page_events import figure_point, page_event

D = dt.date
VELLMAR = Path(__file__).resolve().parents[1] / "fixtures" / "theatres" / "vellmar"

build = toy_timeline



def at(tl: ControlTimeline, district: str, date: dt.date) -> DistrictState:
    return next(s for s in tl.state_at(date) if s.id == district)


def fighting_in_w_north() -> ControlTimeline:
    """(synthetic) Government forces attack ISIS-held W North on 2017-03-01; no capture."""
    return build(make_extraction((make_event("attack", "2017-03-01", ("w-north",)),),
                                 published=D(2017, 3, 1)))


def test_an_expired_contest_returns_the_holder_with_basis_assumed() -> None:
    tl = fighting_in_w_north()
    during = at(tl, "w-north", D(2017, 3, 7))
    assert (during.side, during.holder) == ("contested", "isis")
    after = at(tl, "w-north", D(2017, 3, 8))
    assert (after.side, after.basis, after.since) == ("isis", "assumed", D(2014, 6, 10))
    assert after.holder == "isis"
    # a later capture is a fresh claim: reported again
    tl = build(make_extraction((make_event("attack", "2017-03-01", ("w-north",)),
                                make_event("capture", "2017-04-01", ("w-north",))),
                               published=D(2017, 4, 1)))
    assert (at(tl, "w-north", D(2017, 4, 1)).side, at(tl, "w-north", D(2017, 4, 1)).basis) \
        == ("government", "reported")


def test_an_expired_contest_is_no_change_for_significant_changes_or_the_page() -> None:
    tl = fighting_in_w_north()
    assert tl.significant_changes(merge_days=0) == []
    ids = tl.district_ids
    view = control_view(tl, ids, ids, D(2017, 2, 1), 60)
    assert view.changes == ()
    # a capture is a change of holder, counted once on its day
    won = build(make_extraction((make_event("attack", "2017-03-01", ("w-north",)),
                                 make_event("capture", "2017-03-04", ("w-north",))),
                                published=D(2017, 3, 4)))
    assert won.significant_changes(merge_days=0) == [D(2017, 3, 4)]
    view = control_view(won, ids, ids, D(2017, 2, 1), 60)
    assert view.changes == ((D(2017, 3, 4) - D(2017, 2, 1)).days,)


def test_holders_fill_contested_days_with_the_side_of_before() -> None:
    g, i, c = 0, 1, 2
    side = np.array([[i, c, c, i, c, g], [c, c, g, g, g, g]], dtype=np.int8)
    assert holders(side, c).tolist() == [[i, i, i, i, i, g], [c, c, g, g, g, g]]
    assert side_changes(side, c) == (2, 5)
    assert side_changes(side) == (1, 2, 3, 4, 5)  # any change of side, when asked


def test_the_deck_lists_changes_of_holder_and_labels_the_start_of_fighting() -> None:
    tl = fighting_in_w_north()

    def states(date: dt.date) -> dict[str, DistrictState]:
        return {s.id: s for s in tl.state_at(date)}

    names = {"w-north": "W North"}
    assert changed_lines(states(D(2017, 2, 28)), tl.state_at(D(2017, 3, 2)), names) == (
        "W North: fighting began (isis holds it)",)
    assert changed_lines(states(D(2017, 3, 2)), tl.state_at(D(2017, 3, 20)), names) == ()
    assert changed_lines(states(D(2017, 2, 28)), tl.state_at(D(2017, 3, 20)), names) == ()
    won = build(make_extraction((make_event("capture", "2017-03-04", ("w-north",)),)))
    before = {s.id: s for s in won.state_at(D(2017, 3, 1))}
    assert changed_lines(before, won.state_at(D(2017, 3, 5)), names) == (
        "W North: isis → government",)


@pytest.fixture(scope="module")
def vellmar() -> tuple[object, object]:
    theatre = load_theatre(str(VELLMAR))
    return theatre, build_districts(theatre)


def test_share_inference_advances_from_where_the_offensive_came(
        vellmar: tuple[object, object]) -> None:
    """(synthetic) The League took Anvil Quarter (south-west) on 03-05 and Fallowmark
    (north-east) on 03-20; on 03-25 it claims 45 % of Vellmar: the next district is one
    bordering Anvil Quarter, where it has been longest, not one near Fallowmark."""
    theatre, districts = vellmar
    events = (make_event("capture", "2021-03-05", ("anvil-quarter",), side="league"),
              make_event("capture", "2021-03-20", ("fallowmark",), side="league"))
    figure = make_figure(45.0, "2021-03-25", places=("vellmar",),
                         subject="territory in Vellmar")
    x = make_extraction(events, (figure,), published=D(2021, 3, 25))
    tl = build_timeline(theatre, districts, [x], end=D(2021, 4, 30),  # type: ignore[arg-type]
                        rules=TOY_RULES)
    sides = {s.id: (s.side, s.basis) for s in tl.state_at(D(2021, 3, 25))}
    league = {d for d, (side, _) in sides.items() if side == "league"}
    assert league - {"anvil-quarter", "fallowmark"} == {"bellmoor"}
    assert sides["bellmoor"] == ("league", "inferred")
    assert sides["cinder-row"][0] == sides["elmgate"][0] == "guard"


def test_share_inference_never_takes_the_corner_the_article_says_is_still_held() -> None:
    tl = build(make_extraction((), (make_figure(40.0, "2017-05-10"),),
                               text="ISIS is now surrounded in the northwestern districts.",
                               published=D(2017, 5, 10)))
    assert at(tl, "w-north", D(2017, 5, 10)).side == "isis"
    assert at(tl, "w-south", D(2017, 5, 10)).side == "government"


def test_a_broad_restatement_is_not_cited_for_the_districts_it_does_not_change() -> None:
    """(synthetic) 'Air support goes on over Toyville, which ISIS took in June 2014.'
    restates the initial state: the districts keep the theatre's sentence about their
    control, and the capture of W North cites the sentence about W North."""
    restated = make_event("capture", "2014-06", ("toyville",), side="isis",
                          quote="(synthetic) Air support goes on over Toyville, which ISIS "
                                "took in June 2014.")
    captured = make_event("capture", "2017-01-10", ("w-north",),
                          quote="(synthetic) Forces took W North.")
    tl = build(make_extraction((restated, captured), published=D(2017, 1, 12)))
    for district in ("w-north", "e-south"):
        quotes = [e.quote for e in at(tl, district, D(2016, 12, 1)).evidence]
        assert quotes == [toy_theatre().initial_evidence]
    assert [e.quote for e in at(tl, "w-north", D(2017, 1, 20)).evidence] == [
        "(synthetic) Forces took W North."]
    assert any("restates" in f for f in tl.evidence[restated.id].flags)


def test_the_hover_dates_a_source_by_its_publication() -> None:
    event = make_event("capture", "2017-01-10", ("w-north",), published=D(2017, 2, 2),
                       quote="(synthetic) Forces took W North on 10 January.")
    tl = build(make_extraction((event,), published=D(2017, 2, 2)))
    ids = tl.district_ids
    view = control_view(tl, ids, ids, D(2017, 1, 1), 60)
    row = ids.index("w-north")
    text = view.texts[int(view.hover[(D(2017, 2, 5) - D(2017, 1, 1)).days, row])]
    assert "Synthetic News, 2017-02-02" in text and "Synthetic News, 2017-01-10" not in text
    shown = page_event(event, toy_theatre(), toy_districts(), D(2017, 1, 1))
    assert shown.hover.startswith("<b>capture</b> (reported), 2017-01-10")
    assert shown.hover.endswith("Synthetic News, 2017-02-02")
    assert shown.published_date == "2017-02-02"
    figure = make_figure(70.0, "2017-05-08", published=D(2017, 5, 10))
    point = figure_point(figure)
    assert point is not None and "Synthetic News, 2017-05-10" in point.hover


def test_a_day_dated_declaration_by_no_named_force_sets_the_area_from_that_day() -> None:
    """(synthetic) 'On Tuesday the prime minister declared eastern Toyville fully
    liberated': one source is enough, and the east stays government after a week."""
    declared = make_event("declaration", "2017-01-24", ("east-toy",), side="unknown",
                          quote="(synthetic) On Tuesday the prime minister declared eastern "
                                "Toyville fully liberated.")
    tl = build(make_extraction((declared,), published=D(2017, 1, 25)))
    assert at(tl, "e-north", D(2017, 1, 23)).side == "isis"
    for day in (D(2017, 1, 24), D(2017, 2, 10)):
        state = at(tl, "e-south", day)
        assert (state.side, state.basis, state.since) == ("government", "inferred",
                                                           D(2017, 1, 24))
        assert not state.reviews
    assert at(tl, "w-north", D(2017, 2, 10)).side == "isis"
    # the same words before the battle are not the advancing side's
    early = make_event("declaration", "2015-01-24", ("east-toy",), side="unknown")
    tl = build(make_extraction((early,), published=D(2015, 1, 25)))
    assert at(tl, "e-south", D(2015, 2, 10)).side == "isis"


def test_the_district_table_shows_the_holder_and_the_claims_held_for_review() -> None:
    from dataclasses import replace

    from exports.tables import HOLDER, REVIEW, district_table
    from tests.unit.export_support import synthetic_context
    from timeline.control.model import Review

    ctx = synthetic_context()
    assert ctx.timeline is not None
    review = Review("single-source", 40, "one source; flips 40 districts; needs a second "
                                         "source")
    ctx.timeline.evidence = {k: replace(e, review=review)
                             for k, e in ctx.timeline.evidence.items()}
    table = district_table(ctx, ctx.theatre.battle_start)
    assert set(table[REVIEW]) == {review.note}
    held = table[table["side"] != "contested"]
    assert (held[HOLDER] == held["side"]).all()
