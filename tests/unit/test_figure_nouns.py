"""What a number counts (issue 13, failure class 6): single TEST sentences of our own.

:mod:`timeline.extract.figure_nouns` and the sentence rules of
:func:`timeline.extract.figures.sentence_figures` built on it; the article-level rule
(one figure per fact, the body beats the headline) is :func:`merge_repeats`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract import figure_nouns as nouns
from timeline.extract.figures import merge_repeats, sentence_figures
from timeline.records import Figure, PlaceRef, Provenance


def read(text: str) -> list[tuple[object, ...]]:
    return [(f.kind, f.value, f.qualifier, f.low, f.high)
            for f in sentence_figures(text, [], [], dt.date(2017, 3, 1), {}, {})]


@pytest.mark.parametrize("text", [
    "Troops cleared 40 districts in the east.",
    "The agency runs 19 camps for displaced families.",
    "Gunmen destroyed five booby-trapped cars and fled.",
    "Two military vehicles carrying the wounded sped past.",
    "Displaced people are housed in 9 priority sites.",
    "About 70 families were displaced to a nearby village.",
    "Hundreds of civilians fled the area on Sunday.",
    "The governor fled with three of his aides.",
    "31 people killed, injured in twin blasts",
    "Dozens killed and wounded in a market bombing",
    "Troops captured 12 of the 15 districts on the east bank.",
    "Engineers found boody-trapped cars and 25 explosive belts there.",  # no one trapped
    "Up to six suicide bombers hit a police post at dawn.",  # spent in an attack
    "The soldiers returned fire at 3 militant positions.",  # fighting, no return
])
def test_not_a_people_figure(text: str) -> None:
    assert read(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The plan commits up to 3,000 Peshmerga on the eastern axis.",
     ("fighters", 3000, "at_most", None, None)),
    ("A 25,000-strong force of troops and police will take part.",
     ("fighters", 25000, "exact", None, None)),
    ("They face an estimated 1,000 to 2,000 Islamic State militants.",
     ("fighters", None, "range", 1000, 2000)),
    ("The militia said it managed to kill a total of 52 militants.",
     ("killed", 52, "exact", None, None)),
    ("Commandos eliminated 6 suicide bombers at dawn.", ("killed", 6, "exact", None, None)),
    ("Police arrested 14 militants in a raid.", ("arrested", 14, "exact", None, None)),
    ("Police shot dead 2 suicide bombers at the gate.", ("killed", 2, "exact", None, None)),
    ("About 2,100 IDPs returned to their homes.", ("returned", 2100, "about", None, None)),
    ("Some 9,000 residents have gone back to the east bank.",
     ("returned", 9000, "about", None, None)),
    ("Medics reported the deaths of 20 soldiers.", ("killed", 20, "exact", None, None)),
    ("Some 40 militants were captured near the river.",
     ("arrested", 40, "about", None, None)),
    ("Some 5,000 troops captured the airport.", ("fighters", 5000, "about", None, None)),
    ("The city is home to 600,000 people.", ("population", 600000, "exact", None, None)),
    ("At least 9 militants were killed in the raid.", ("killed", 9, "at_least", None, None)),
    ("The army faces Hawija, a town of 90,000 people.",
     ("population", 90000, "exact", None, None)),
    ("The city, a city of 1.2 million people, is surrounded.",
     ("population", 1200000, "exact", None, None)),
    ("Some 300 families totalling 1,700 people are sheltering in camps.",
     ("displaced", 1700, "exact", None, None)),  # "some" qualifies the families
    ("Since Monday 3,100 people have escaped the old city.",
     ("displaced", 3100, "exact", None, None)),
    ("Some 9,000 people referred from the front to hospitals were treated.",
     ("wounded", 9000, "about", None, None)),
    ("Four of his brothers have been wounded by shelling.",
     ("wounded", 4, "exact", None, None)),
    ("Only 12 percent of the west remains under Daesh control.",
     ("territory_percent", 88, "exact", None, None)),
    ("ISIS still controls 30 percent of the western side.",
     ("territory_percent", 70, "exact", None, None)),
    ("Forces control 70 percent of the city.", ("territory_percent", 70, "exact", None, None)),
    ("Troops have retaken more than half of western Mosul.",
     ("territory_percent", 50, "at_least", None, None)),
    ("About 40 percent of western Mosul is now in government hands.",
     ("territory_percent", 40, "about", None, None)),
    ("Troops have retaken two thirds of the district.",
     ("territory_percent", 66.7, "exact", None, None)),
])
def test_one_figure(text: str, expected: tuple[object, ...]) -> None:
    assert read(text) == [expected]


def test_a_fraction_of_a_place_without_a_capture_is_no_share() -> None:
    assert read("Three quarters of the city lies west of the river.") == []


def test_a_back_reference_takes_the_kind_of_the_figure_before() -> None:
    (before,) = sentence_figures("On Monday 4,000 people fled.", [], [], None, {}, {})
    (after,) = sentence_figures("The numbers dropped to 1,500 on Tuesday.", [], [], None, {}, {},
                                earlier=[before])
    assert (after.kind, after.value) == ("displaced", 1500)
    assert sentence_figures("The numbers dropped to 1,500 on Tuesday.", [], [], None, {}, {}) == []


_THINGS = ["vehicles", "cars", "sites", "camps", "districts", "villages", "bridges", "tanks",
           "buildings", "neighbourhoods", "checkpoints", "mortars"]
_FRAMES = ["Troops said {n} {thing} were destroyed and people killed.",
           "Officials said {n} {thing} had been hit, and thousands displaced.",
           "Aid groups counted {n} {thing} for the displaced."]


@settings(deadline=None)  # a shared machine: time is not what is tested
@given(st.integers(min_value=2, max_value=99_999), st.sampled_from(_THINGS),
       st.sampled_from(_FRAMES))
def test_a_count_of_things_is_never_a_figure(n: int, thing: str, frame: str) -> None:
    values = [f.value for f in sentence_figures(frame.format(n=f"{n:,}", thing=thing), [], [],
                                                None, {}, {})]
    assert n not in values


@settings(deadline=None)  # a shared machine: time is not what is tested
@given(st.integers(min_value=2, max_value=99_999),
       st.sampled_from(["Peshmerga", "militants", "troops", "soldiers", "fighters"]))
def test_a_count_of_armed_men_is_a_strength_unless_killed(n: int, men: str) -> None:
    (strength,) = sentence_figures(f"The force numbers {n:,} {men} on three fronts.", [], [],
                                   None, {}, {})
    (dead,) = sentence_figures(f"Some {n:,} {men} were killed on three fronts.", [], [],
                               None, {}, {})
    assert (strength.kind, dead.kind) == ("fighters", "killed")


def test_noun_helpers() -> None:
    assert nouns.thing_counted(" booby-trapped cars", 0)
    assert not nouns.thing_counted(" Kurdish Peshmerga Killed", 0)
    assert nouns.force_counted(" of the group's militants", 0)
    assert nouns.families_counted(" displaced families", 0)
    assert nouns.verb_kind("were able to kill a total of ") == "killed"
    assert nouns.verb_kind("the offensive to drive an estimated ") is None


def _fig(kind: str, value: float | None, quote: str, places: tuple[str, ...] = (),
         qualifier: str = "exact", low: float | None = None,
         high: float | None = None) -> Figure:
    return Figure(id="", kind=kind, value=value, qualifier=qualifier, subject="",
                  claimant="", provenance=Provenance("a", "s", None, quote, (0, len(quote))),
                  low=low, high=high, places=tuple(PlaceRef(p, p) for p in places))


def test_merge_repeats_keeps_one_figure_per_fact() -> None:
    title = "TEST: 90 percent of Mosul retaken, thousands displaced"
    figures = [
        _fig("territory_percent", 90, title, ("mosul",)),
        _fig("displaced", None, title, qualifier="vague", low=2000, high=9999),
        _fig("territory_percent", 90, "Officers said 90 percent of the east is retaken.",
             ("east-mosul",)),
        _fig("displaced", 5000, "Some 5,000 people fled."),
        _fig("displaced", 5000, "Again, some 5,000 people fled the east.", ("east-mosul",)),
        _fig("displaced", 5000, "In the west, 5,000 people fled.", ("west-mosul",)),
    ]
    merged = merge_repeats(figures, title)
    assert [(f.kind, f.value, [p.id for p in f.places]) for f in merged] == [
        ("territory_percent", 90, ["east-mosul"]),
        ("displaced", 5000, ["east-mosul"]),  # the repeat lends its place
        ("displaced", 5000, ["west-mosul"]),  # another place: another figure
    ]


def test_a_headline_figure_alone_stays() -> None:
    title = "TEST: 22,000 displaced in three weeks"
    headline = _fig("displaced", 22000, title)
    body = _fig("displaced", 21000, "Of those, 21,000 are in camps.")
    assert merge_repeats([headline, body], title) == [headline, body]


def test_a_short_title_is_not_looked_for_in_the_text() -> None:
    figures = [_fig("displaced", None, "Thousands fled the protest.", qualifier="vague",
                    low=2000, high=9999),
               _fig("displaced", 5000, "Some 5,000 people fled.")]
    assert merge_repeats(figures, "test") == figures
    assert merge_repeats(figures, "Thousands fled the protest") == figures[1:]
