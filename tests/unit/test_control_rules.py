"""The eight control rules on the synthetic four-district Toyville (tests/builders.py)."""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pytest

from tests.builders import (
    TOY_END,
    make_event,
    make_extraction,
    make_figure,
    toy_districts,
    toy_theatre,
    toy_timeline,
)
from timeline.control.build import ControlRules, build_timeline, known_on_replay
from timeline.control.model import ControlTimeline
from timeline.records import Event, Extraction

D = dt.date


@pytest.fixture(autouse=True)
def _defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_CONTESTED_DAYS", "7")
    monkeypatch.setenv("FRONTLINE_ASSUMED_AFTER_DAYS", "30")

# The configured rules (the settings' defaults), as the app builds with.
build = functools.partial(toy_timeline, rules=None)



def one(*events: object, **kw: object) -> ControlTimeline:
    return build(make_extraction(tuple(events)), **kw)  # type: ignore[arg-type]


def state(tl: ControlTimeline, district: str, date: dt.date) -> tuple[str, str, dt.date]:
    s = next(s for s in tl.state_at(date) if s.id == district)
    return s.side, s.basis, s.since


def quotes(tl: ControlTimeline, district: str, date: dt.date) -> list[str]:
    return [e.quote for s in tl.state_at(date) if s.id == district for e in s.evidence]


def test_rule1_initial_state_holds_everywhere_from_the_theatre_date() -> None:
    tl = build()
    assert tl.start == D(2014, 6, 10)
    assert tl.side.dtype == np.int8 and tl.basis.dtype == np.int8 and tl.since.dtype == np.int32
    assert tl.side.shape == (4, (TOY_END - D(2014, 6, 10)).days + 1)
    for did in tl.district_ids:
        assert state(tl, did, D(2014, 6, 10)) == ("isis", "inferred", D(2014, 6, 10))
        assert state(tl, did, D(2016, 10, 1))[0] == "isis"
    assert "Toyville fell" in quotes(tl, "w-north", D(2016, 10, 1))[0]


def test_rule2_reported_capture_of_a_district_sets_its_side_from_that_day() -> None:
    tl = one(make_event("capture", "2017-01-10", ("w-north",), quote="Forces took W North."))
    assert state(tl, "w-north", D(2017, 1, 9))[0] == "isis"
    assert state(tl, "w-north", D(2017, 1, 10)) == ("government", "reported", D(2017, 1, 10))
    assert state(tl, "w-north", D(2017, 2, 9)) == ("government", "reported", D(2017, 1, 10))
    assert state(tl, "w-south", D(2017, 1, 10))[0] == "isis"
    assert quotes(tl, "w-north", D(2017, 1, 20)) == ["Forces took W North."]


def test_rule3_capture_of_a_landmark_contests_its_district_without_capturing_it() -> None:
    tl = one(make_event("capture", "2017-03-01", ("toy-mosque",), quote="Mosque retaken."))
    assert state(tl, "w-north", D(2017, 3, 1))[:2] == ("contested", "reported")
    assert state(tl, "w-north", D(2017, 3, 7))[0] == "contested"
    assert state(tl, "w-north", D(2017, 3, 8))[0] == "isis"
    assert "landmark" in " ".join(tl.evidence[next(iter(
        e for e in tl.evidence if e != "initial"))].flags)


def test_rule4_area_declaration_sets_members_until_a_later_event_says_otherwise() -> None:
    tl = one(
        make_event("declaration", "2017-01-20", ("east-toy",), quote="East liberated."),
        make_event("capture", "2017-02-01", ("e-north",), side="isis", quote="ISIS retook EN."),
    )
    assert state(tl, "e-north", D(2017, 1, 20))[:2] == ("government", "inferred")
    assert state(tl, "e-south", D(2017, 1, 25))[:2] == ("government", "inferred")
    assert state(tl, "e-north", D(2017, 2, 1))[:2] == ("isis", "reported")
    assert state(tl, "e-south", D(2017, 2, 1))[0] == "government"
    assert state(tl, "w-north", D(2017, 1, 25))[0] == "isis"


def test_rule4_same_day_a_named_district_wins_over_its_area() -> None:
    tl = one(make_event("capture", "2017-01-20", ("e-north",), side="isis"),
             make_event("declaration", "2017-01-20", ("east-toy",)))
    assert state(tl, "e-north", D(2017, 1, 20))[:2] == ("isis", "reported")
    assert state(tl, "e-south", D(2017, 1, 20))[0] == "government"


def twice(event: Event) -> ControlTimeline:
    """``event`` and a second, independent report of it (rule 9 lets one source alone
    flip no whole bank)."""
    other = make_event(event.kind, event.date, tuple(r.id for r in event.places),
                       quote="(synthetic) a different wire reports the same, in other words",
                       article_id="article-2", source="Other Wire")
    return build(make_extraction((event,)), make_extraction((other,), article_id="article-2"))


def test_rule4_month_precision_takes_effect_at_month_end_contested_since_the_fighting() -> None:
    quote = "Forces recaptured eastern Toyville in January after three months of fighting."
    tl = twice(make_event("capture", "2017-01", ("east-toy",), quote=quote))
    assert state(tl, "e-north", D(2017, 1, 31)) == ("government", "inferred", D(2017, 1, 31))
    assert state(tl, "e-north", D(2017, 1, 30))[:2] == ("contested", "inferred")
    assert state(tl, "e-south", D(2016, 11, 10))[0] == "contested"
    assert state(tl, "e-south", D(2016, 10, 20))[0] == "isis"
    assert state(tl, "w-north", D(2016, 11, 10))[0] == "isis"
    flags = " ".join(f for e in tl.evidence.values() for f in e.flags)
    assert "retroactive" in flags


def test_rule4_month_precision_without_a_duration_is_contested_from_the_month_start() -> None:
    tl = twice(make_event("capture", "2017-01", ("east-toy",)))
    assert state(tl, "e-north", D(2016, 12, 31))[0] == "isis"
    assert state(tl, "e-north", D(2017, 1, 1))[0] == "contested"
    assert state(tl, "e-north", D(2017, 1, 31))[0] == "government"


def test_rule4_part_of_an_area_sets_nothing_and_says_why() -> None:
    event = make_event("capture", "2017-03-01", ("west-toy",), mentions=("western Toyville",),
                       quote="Forces recaptured another area in western Toyville.")
    tl = one(event)
    assert state(tl, "w-north", D(2017, 3, 2))[0] == "isis"
    assert any("only part" in f for f in tl.evidence[event.id].flags)


def test_rule5_fighting_in_a_district_held_by_the_other_side_contests_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_CONTESTED_DAYS", "3")
    tl = one(
        make_event("declaration", "2017-01-20", ("east-toy",)),
        make_event("attack", "2017-03-01", ("e-north",), side="isis", quote="Suicide attack."),
        make_event("attack", "2017-03-01", ("e-south",), side="government", quote="Raid."),
    )
    assert state(tl, "e-north", D(2017, 3, 1))[:2] == ("contested", "reported")
    assert state(tl, "e-north", D(2017, 3, 3))[0] == "contested"
    assert state(tl, "e-north", D(2017, 3, 1))[2] == D(2017, 3, 1)
    # the attack took nothing: government again, and held since the declaration
    assert state(tl, "e-north", D(2017, 3, 4))[::2] == ("government", D(2017, 1, 20))
    assert "Suicide attack." in quotes(tl, "e-north", D(2017, 3, 2))
    assert state(tl, "e-south", D(2017, 3, 1))[0] == "government"


def _share_article(text: str, value: float = 40.0) -> Extraction:
    return make_extraction((), (make_figure(value, "2017-05-10"),), text=text,
                           published=D(2017, 5, 10))


def test_rule6_percentage_infers_the_districts_farthest_from_those_still_held() -> None:
    tl = build(_share_article("Militants are holed up in W North. More to come."))
    assert state(tl, "w-south", D(2017, 5, 10))[:2] == ("government", "inferred")
    assert state(tl, "w-north", D(2017, 5, 10))[0] == "isis"
    assert state(tl, "w-south", D(2017, 5, 9))[0] == "isis"
    assert tl.share_at(D(2017, 5, 10))["west"]["government"] >= 0.4
    assert tl.share_at(D(2017, 5, 10))["east"]["government"] == 0.0

    other = build(_share_article("The ISIS held W South is surrounded."))
    assert state(other, "w-north", D(2017, 5, 10))[:2] == ("government", "inferred")
    assert state(other, "w-south", D(2017, 5, 10))[0] == "isis"


def test_rule6_compass_phrase_anchors_the_corner_of_the_bank() -> None:
    tl = build(_share_article("ISIS is now surrounded in the northwestern districts."))
    assert state(tl, "w-south", D(2017, 5, 10))[0] == "government"
    assert state(tl, "w-north", D(2017, 5, 10))[0] == "isis"


def test_rule6_nothing_inferred_when_reported_captures_already_meet_the_share() -> None:
    capture = make_event("capture", "2017-05-01", ("w-north",))
    tl = build(make_extraction((capture,), (make_figure(40.0, "2017-05-10"),),
                               text="Militants are holed up in W North."))
    assert state(tl, "w-south", D(2017, 5, 10))[0] == "isis"
    assert state(tl, "w-north", D(2017, 5, 10))[0] == "government"


def test_rule7_claimed_contests_at_most_and_expected_changes_nothing() -> None:
    claimed = make_event("capture", "2017-03-01", ("w-north",), status="claimed")
    expected = make_event("capture", "2017-03-01", ("w-south",), status="expected")
    tl = one(claimed, expected)
    assert state(tl, "w-north", D(2017, 3, 1))[0] == "contested"
    assert state(tl, "w-north", D(2017, 3, 8))[0] == "isis"
    assert any("claimed" in f for f in tl.evidence[claimed.id].flags)
    assert any("expected" in f for f in tl.evidence[expected.id].flags)
    baseline = build()
    assert np.array_equal(tl.side[1], baseline.side[1])


def test_rule8_no_new_evidence_for_n_days_makes_the_state_assumed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    tl = one(make_event("capture", "2017-01-10", ("w-north",)))
    assert state(tl, "w-north", D(2017, 2, 9))[1] == "reported"
    assert state(tl, "w-north", D(2017, 2, 10)) == ("government", "assumed", D(2017, 1, 10))
    monkeypatch.setenv("FRONTLINE_ASSUMED_AFTER_DAYS", "5")
    short = one(make_event("capture", "2017-01-10", ("w-north",)))
    assert state(short, "w-north", D(2017, 1, 16))[1] == "assumed"


def test_bad_input_is_kept_flagged_and_never_crashes() -> None:
    early = make_event("capture", "2010-01-01", ("w-north",))
    late = make_event("capture", dt.date.today() + dt.timedelta(days=400), ("w-north",))
    nowhere = make_event("capture", "2017-01-10", (None,))
    tl = one(early, late, nowhere)
    assert any("before the theatre" in f for f in tl.evidence[early.id].flags)
    assert any("after today" in f for f in tl.evidence[late.id].flags)
    assert any("unknown place" in f for f in tl.evidence[nowhere.id].flags)
    assert (tl.side == 1).all()


def test_a_bridge_is_a_point_not_a_district_and_says_so() -> None:
    strike = make_event("capture", "2017-01-10", ("toy-bridge",))
    tl = one(strike)
    assert any("no district on the map" in f for f in tl.evidence[strike.id].flags)
    assert (tl.side == 1).all()


def test_same_day_contradiction_is_contested_citing_both_quotes() -> None:
    a = make_event("capture", "2017-02-01", ("w-north",), quote="Army took W North.",
                   article_id="a")
    b = make_event("capture", "2017-02-01", ("w-north",), side="isis",
                   quote="ISIS still holds W North.", article_id="b")
    tl = build(make_extraction((a,), article_id="a"), make_extraction((b,), article_id="b"))
    assert state(tl, "w-north", D(2017, 2, 1))[0] == "contested"
    assert set(quotes(tl, "w-north", D(2017, 2, 1))) >= {a.provenance.quote, b.provenance.quote}
    assert any("contradiction" in f for f in tl.evidence[a.id].flags)


def test_series_shares_front_and_significant_changes() -> None:
    tl = one(make_event("capture", "2017-01-10", ("w-north",)),
             make_event("capture", "2017-01-11", ("e-north",)),
             make_event("capture", "2017-04-01", ("e-south",)))
    for key in ("west", "east", "city"):
        assert tl.share[key].shape == (4, tl.n_days)
        assert np.allclose(tl.share[key].sum(axis=0), 1.0)
    assert tl.share_at(D(2017, 1, 10))["west"]["government"] == pytest.approx(0.5, abs=0.01)
    assert tl.frontline_km_at(D(2016, 1, 1)) == 0.0
    assert tl.frontline_km_at(D(2017, 1, 10)) > 0.0
    assert tl.front_at(D(2017, 1, 10)) is not None and tl.front_at(D(2016, 1, 1)) is None
    assert tl.front_index is not None and tl.front_index.dtype == np.int32
    assert len(tl.fronts) == len(np.unique(tl.front_index))
    assert tl.significant_changes() == [D(2017, 1, 11), D(2017, 4, 1)]
    changes = {c.day: c for c in tl.changes["w-north"]}
    assert min(changes) == 0 and changes[31].basis == 2  # initial, then assumed
    captured = changes[tl.day_index(D(2017, 1, 10))]
    assert (captured.side, captured.basis) == (0, 0) and captured.evidence


def test_known_on_uses_only_articles_published_by_then_and_replay_stitches() -> None:
    event = make_event("capture", "2017-01-10", ("w-north",), published=D(2017, 6, 1))
    art = make_extraction((event,), published=D(2017, 6, 1))
    theatre = toy_theatre()
    districts = toy_districts(theatre)
    early = build_timeline(theatre, districts, [art], known_on=D(2017, 5, 1), end=TOY_END)
    assert state(early, "w-north", D(2017, 2, 1))[0] == "isis"
    assert event.id not in early.evidence
    late = build_timeline(theatre, districts, [art], known_on=D(2017, 6, 1), end=TOY_END)
    assert state(late, "w-north", D(2017, 2, 1))[0] == "government"
    side_known, basis_known = known_on_replay(theatre, districts, [art], end=TOY_END)
    assert side_known.shape == late.side.shape and basis_known.dtype == np.int8
    assert side_known[0, late.day_index(D(2017, 5, 31))] == 1
    assert side_known[0, late.day_index(D(2017, 6, 1))] == 0


def test_a_capture_by_an_unknown_side_contests_at_most() -> None:
    tl = one(make_event("capture", "2017-03-01", ("w-south",), side=""))
    assert state(tl, "w-south", D(2017, 3, 1))[0] == "contested"
    assert state(tl, "w-south", D(2017, 3, 8))[0] == "isis"


def test_events_between_and_small_changes_filtered_by_share() -> None:
    a = make_event("capture", "2017-01-10", ("w-north",))
    b = make_event("capture", "2017-01", ("e-north",))
    tl = one(a, b)
    assert {e.id for e in tl.events_between(D(2017, 1, 10), D(2017, 1, 10))} == {a.id, b.id}
    assert [e.id for e in tl.events_between(D(2017, 2, 1), D(2017, 3, 1))] == []
    assert tl.significant_changes(min_share=0.9) == []
    assert D(2017, 1, 10) in tl.significant_changes(merge_days=0)


def test_rules_passed_in_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_ASSUMED_AFTER_DAYS", "junk")  # never read when rules are given
    event = make_event("capture", "2017-01-10", ("w-north",))
    short = one(event, rules=ControlRules(contested_days=7, assumed_after_days=5))
    long = one(event, rules=ControlRules(contested_days=7, assumed_after_days=30))
    assert state(short, "w-north", D(2017, 1, 16))[1] == "assumed"
    assert state(long, "w-north", D(2017, 1, 16))[1] == "reported"
