"""Rule 9, plausibility, on synthetic cities: one source alone turns no bank over, and
the near-copy test that decides whether a second source is independent.

Every over-reach wording the extractor can produce ends up as one of the claims built
here: a capture of the whole city ("seven villages near Toyville captured" read as
Toyville), of a bank ("the government complex in western Toyville"), of many districts
at once, or a share of a bank; each test states the wording it stands for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from geodata.districts import build_districts
from geodata.theatre import load_theatre
from tests.builders import (
    TOY_END,
    TOY_RULES,
    make_event,
    make_extraction,
    toy_districts,
    toy_theatre,
    toy_timeline,
)
from timeline.control.build import ControlRules, build_timeline
from timeline.control.model import ControlTimeline, DistrictState, Evidence
from timeline.control.plausibility import REVIEW_CONTRADICTED, REVIEW_SINGLE_SOURCE
from timeline.duplicates import jaccard, near_duplicate, outlet_key, shingles
from timeline.records import BASIS_ANALYST, Event, Extraction

D = dt.date
VELLMAR = Path(__file__).resolve().parents[1] / "fixtures" / "theatres" / "vellmar"
WIRE = ("(synthetic) Government forces captured Toyville on Monday, a military "
        "spokesman said, as residents fled the fighting.")

build = toy_timeline



def at(tl: ControlTimeline, district: str, date: dt.date) -> DistrictState:
    return next(s for s in tl.state_at(date) if s.id == district)


def report(places: tuple[str, ...] = ("toyville",), *, quote: str = WIRE,
           article: str = "article-1", source: str = "Synthetic News",
           date: str = "2017-03-06", kind: str = "capture") -> Extraction:
    event = make_event(kind, date, places, quote=quote, article_id=article, source=source)
    return make_extraction((event,), published=D.fromisoformat(date[:7] + "-28")
                           if len(date) == 7 else D.fromisoformat(date), article_id=article)


def only_event(x: Extraction) -> Event:
    return x.events[0]


def test_one_source_taking_the_whole_city_only_contests_it_and_is_held_for_review() -> None:
    """Over-reach: 'seven villages near Toyville captured' read as Toyville captured."""
    x = report()
    tl = build(x)
    for district in tl.district_ids:
        state = at(tl, district, D(2017, 3, 6))
        assert (state.side, state.holder) == ("contested", "isis")
        (review,) = state.reviews
        assert review.reason == REVIEW_SINGLE_SOURCE and review.flips == 4
        assert "needs a second source" in review.note
        after = at(tl, district, D(2017, 3, 13))
        assert (after.side, after.basis) == ("isis", "assumed")
    assert tl.significant_changes(merge_days=0) == []
    evidence = tl.evidence[only_event(x).id]
    assert evidence.review is not None and any("held for review" in f for f in evidence.flags)
    assert Evidence.from_json(evidence.to_json()) == evidence
    assert at(tl, "w-north", D(2017, 3, 6)).to_json()["review"][0]["flips"] == 4


def test_one_source_taking_a_whole_bank_is_held_even_under_the_flip_setting() -> None:
    """Over-reach: 'the government complex in western Toyville' read as western Toyville
    (two districts: under the setting, but the whole bank)."""
    tl = build(report(("west-toy",)))
    assert at(tl, "w-north", D(2017, 3, 6)).side == "contested"
    assert at(tl, "w-south", D(2017, 3, 20)).side == "isis"
    assert at(tl, "e-north", D(2017, 3, 6)).side == "isis"


def test_a_second_independent_source_makes_it_count() -> None:
    other = report(quote="(synthetic) Toyville is back in government hands after a night "
                         "of heavy clashes, officials in the capital told reporters.",
                   article="article-2", source="Other Wire", date="2017-03-08")
    tl = build(report(), other)
    for district in tl.district_ids:
        state = at(tl, district, D(2017, 3, 6))
        assert (state.side, state.basis) == ("government", "inferred") and not state.reviews
        assert at(tl, district, D(2017, 3, 20)).side == "government"
    assert tl.significant_changes(merge_days=0) == [D(2017, 3, 6)]


def test_a_second_source_outside_the_window_or_naming_another_area_does_not_count() -> None:
    late = report(quote="(synthetic) Some other words entirely about the same city.",
                  article="article-2", source="Other Wire", date="2017-04-20")
    tl = build(report(), late)
    assert at(tl, "w-north", D(2017, 3, 20)).side == "isis"
    west = report(("west-toy",), quote="(synthetic) Different words about the west bank.",
                  article="article-2", source="Other Wire")
    tl = build(report(), west)
    assert at(tl, "e-north", D(2017, 3, 20)).side == "isis"


def test_a_month_and_a_day_in_it_are_one_change_told_twice() -> None:
    """"Retook Toyville in March" takes effect at the month's end, more than the contest
    window after "captured Toyville on 6 March": the periods overlap, so they agree."""
    month = report(quote="(synthetic) The army retook Toyville in March, commanders recall.",
                   article="article-2", source="Other Wire", date="2017-03")
    tl = build(report(), month)
    assert at(tl, "w-north", D(2017, 3, 20)).side == "government"
    apart = report(quote="(synthetic) The army retook Toyville in May, commanders recall.",
                   article="article-2", source="Other Wire", date="2017-05")
    assert at(build(report(), apart), "w-north", D(2017, 3, 20)).side == "isis"


def test_a_bank_taken_on_a_day_is_contradicted_by_its_side_still_taking_it_later() -> None:
    """Over-reach repeated by two outlets: 'the government complex in western Toyville
    captured' read as western Toyville; a month later W North is reported taken."""
    first = report(("west-toy",))
    second = report(("west-toy",), quote="(synthetic) Troops seized the main government "
                                         "complex in western Toyville, a statement said.",
                    article="article-2", source="Other Wire")
    later = make_extraction((make_event("capture", "2017-04-06", ("w-north",),
                                        article_id="article-3", source="Third Post"),),
                            published=D(2017, 4, 6), article_id="article-3")
    assert at(build(first, second), "w-south", D(2017, 3, 20)).side == "government"
    tl = build(first, second, later)
    assert at(tl, "w-south", D(2017, 3, 20)).side == "isis"
    assert at(tl, "w-north", D(2017, 3, 20)).side == "isis"
    assert at(tl, "w-north", D(2017, 4, 6)).side == "government"
    (review,) = at(tl, "w-south", D(2017, 3, 6)).reviews[:1]
    assert review.reason == REVIEW_CONTRADICTED and "later reports" in review.note
    # as known before the later report, the two sources count
    known = build_timeline(toy_theatre(), toy_districts(), [first, second, later],
                           end=TOY_END, rules=TOY_RULES, known_on=D(2017, 3, 20))
    assert at(known, "w-south", D(2017, 3, 20)).side == "government"


def test_a_near_identical_copy_on_another_site_is_still_one_source() -> None:
    copy = report(quote=WIRE.replace("on Monday", "on Monday morning"), article="article-2",
                  source="Reprint Daily")
    tl = build(report(), copy)
    assert at(tl, "w-north", D(2017, 3, 6)).side == "contested"
    assert at(tl, "w-north", D(2017, 3, 20)).side == "isis"
    same_outlet = report(quote="(synthetic) Quite different words from the same outlet.",
                         article="article-2", source="synthetic news ")
    assert at(build(report(), same_outlet), "w-north", D(2017, 3, 20)).side == "isis"


def test_analyst_chronology_rows_are_exempt() -> None:
    x = report()
    row = replace(only_event(x), id="chronology-row-1",
                  provenance=replace(only_event(x).provenance, basis=BASIS_ANALYST,
                                     article_id="chronology", source="Analyst Desk"))
    chronology = make_extraction((row,), published=None, article_id="chronology")
    tl = build(chronology)
    assert at(tl, "e-south", D(2017, 3, 6)).side == "government"
    assert not at(tl, "e-south", D(2017, 3, 6)).reviews
    # and a chronology row is a second, independent source for an article
    assert at(build(x, chronology), "w-north", D(2017, 3, 20)).side == "government"


def test_a_day_dated_whole_area_declaration_is_exempt_but_a_month_dated_one_is_not() -> None:
    day = report(("east-toy",), kind="declaration", date="2017-01-24",
                 quote="(synthetic) On Tuesday officials declared eastern Toyville "
                       "fully liberated.")
    tl = build(day)
    assert at(tl, "e-north", D(2017, 1, 24)).side == "government"
    assert at(tl, "e-north", D(2017, 3, 1)).side == "government"
    month = report(("east-toy",), date="2017-01",
                   quote="(synthetic) Forces recaptured eastern Toyville in January.")
    tl = build(month)
    assert at(tl, "e-north", D(2017, 1, 31)).side == "contested"
    assert at(tl, "e-north", D(2017, 3, 1)).side == "isis"


def test_small_flips_apply_at_once_and_the_setting_sets_what_small_is() -> None:
    """Over-reach: one report listing four districts taken the same day (Vellmar: six
    districts, one bank)."""
    theatre = load_theatre(str(VELLMAR))
    districts = build_districts(theatre)
    four = ("anvil-quarter", "bellmoor", "dunmere", "elmgate")
    events = tuple(make_event("capture", "2021-03-10", (d,), side="league") for d in four)
    x = make_extraction(events, published=D(2021, 3, 10))

    def sides(rules: ControlRules) -> set[str]:
        tl = build_timeline(theatre, districts, [x], end=D(2021, 4, 30), rules=rules)
        return {s.side for s in tl.state_at(D(2021, 3, 20)) if s.id in four}

    assert sides(TOY_RULES) == {"league"}
    assert sides(replace(TOY_RULES, plausible_flips=3)) == {"guard"}


def test_flips_agreeing_with_other_evidence_are_not_counted() -> None:
    """Three districts already taken by other reports; a fourth source's city-wide claim
    flips one district, under the setting: it counts."""
    earlier = [make_extraction((make_event("capture", "2017-03-01", (d,), article_id=f"a-{d}",
                                           source=f"Daily {d}"),),
                               published=D(2017, 3, 1), article_id=f"a-{d}")
               for d in ("w-north", "w-south", "e-north")]
    tl = build(*earlier, report(), rules=replace(TOY_RULES, plausible_flips=1))
    assert at(tl, "e-south", D(2017, 3, 20)).side == "government"


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Forces took the city on Monday, officials said.",
     "Forces took the city on Monday, officials said today.", True),
    ("Forces took the city on Monday, officials said.",
     "The city fell to government troops early this week.", False),
    ("", "Anything at all.", False),
])
def test_near_duplicates_are_told_by_shared_word_shingles(a: str, b: str, same: bool) -> None:
    assert near_duplicate(a, b) is same
    assert near_duplicate(b, a) is same


def test_shingles_and_jaccard() -> None:
    assert shingles("One two") == frozenset({("one", "two")})
    assert len(shingles("a b c d e", size=4)) == 2
    s = shingles("a b c d e f")
    assert jaccard(s, s) == 1.0 and jaccard(s, frozenset()) == 0.0
    assert outlet_key(" Reuters, ") == outlet_key("reuters") == "reuters"
    assert outlet_key("Reuters (via Some Portal)") == "reuters"
