"""Figure wording (issue 13, failure class 6): each pattern of tests/fixtures/wording/figures.md.

The fixture is written for these tests (our own sentences, one pattern a paragraph). Each
test names the sentence by a few of its words and asserts the figures read from it, or
that none is: what a number counts decides whether it is a figure at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.extract.articles import load_article
from timeline.extract.extractor import extract_article
from timeline.records import Figure

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "wording" / "figures.md"


@pytest.fixture(scope="module")
def figures() -> tuple[Figure, ...]:
    return extract_article(load_article(FIXTURE)).figures


def said(figures: tuple[Figure, ...], words: str) -> list[tuple[object, ...]]:
    """(kind, value, qualifier, low, high) of the figures whose sentence has ``words``."""
    return [(f.kind, f.value, f.qualifier, f.low, f.high) for f in figures
            if words in f.provenance.quote]


# --- what the number counts -------------------------------------------------------------

@pytest.mark.parametrize("words", [
    "40 districts",            # a count of districts, not of fighters
    "19 camps",                # camps, not families or people
    "six booby-trapped cars",  # the killed count of that sentence stays (below)
    "armoured vehicles carrying the wounded",
    "7 priority sites",
    "64 families fled",        # families are another unit than people
    "Hundreds of civilians fled",  # a crowd in the story, not a count
    "Thousands more people",
    "two of his guards",       # company, not a count of the displaced
    "23 soldiers killed, injured",  # a killed+wounded total is neither kind
])
def test_no_people_figure(figures: tuple[Figure, ...], words: str) -> None:
    assert words in FIXTURE.read_text(encoding="utf-8")  # the sentence is there to read
    found = said(figures, words)
    if words == "six booby-trapped cars":
        assert found == [("killed", 30, "at_least", None, None)]
    else:
        assert found == []


def test_a_return_is_its_own_count_not_a_displacement(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "displaced people returned") == [("returned", 1800, "about", None, None)]


def test_families_lend_their_place_to_the_people_count(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "420 families totalling") == [("displaced", 2600, "exact", None, None)]
    assert said(figures, "1,150 households, or") == [("displaced", 6900, "exact", None, None)]
    assert said(figures, "(2,080 families)") == [("displaced", 12500, "about", None, None)]


# --- armed strengths ----------------------------------------------------------------------

def test_strengths_are_fighters(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "up to 6,000 Peshmerga") == [("fighters", 6000, "at_most", None, None)]
    assert said(figures, "90,000-strong force") == [("fighters", 90000, "exact", None, None)]
    assert said(figures, "up to 450 militants") == [("fighters", 450, "at_most", None, None)]
    by_quote = [f for f in figures if "3,000 to 5,000" in f.provenance.quote]
    assert [(f.kind, f.qualifier, f.low, f.high, f.subject) for f in by_quote] == [
        ("fighters", "range", 3000, 5000, "ISIS fighters"),
        ("population", "exact", None, None, "people"),  # "a town of 200,000 people"
    ]
    assert by_quote[1].value == 200000


def test_peshmerga_strength_names_them(figures: tuple[Figure, ...]) -> None:
    (fig,) = [f for f in figures if "6,000 Peshmerga" in f.provenance.quote]
    assert fig.subject == "Peshmerga"


# --- kinds from verbs and predicates ------------------------------------------------------

def test_active_kills_by_a_named_actor(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "kill a total of 41") == [("killed", 41, "exact", None, None),
                                                  ("killed", 4, "exact", None, None)]


def test_killed_and_wounded_apart_are_two_figures(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "Eight soldiers were killed") == [("killed", 8, "exact", None, None),
                                                          ("wounded", 15, "exact", None, None)]


def test_possessive_count_with_its_kind_after(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "Three of her cousins") == [("wounded", 3, "exact", None, None)]


def test_trauma_referrals_are_wounded(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "referred from the front") == [("wounded", 5400, "exact", None, None)]


def test_secondary_displacement_wording(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "4,300 people escaped") == [("displaced", 4300, "exact", None, None)]
    assert said(figures, "The numbers fell to") == [("displaced", 1700, "exact", None, None)]
    assert said(figures, "150,000 people have been displaced") == [
        ("displaced", 150000, "exact", None, None)]


def test_appositive_between_number_and_verb(figures: tuple[Figure, ...]) -> None:
    (fig,) = [f for f in figures if "600,000" in f.provenance.quote]
    assert (fig.kind, fig.value, fig.qualifier) == ("displaced", 600000, "about")
    assert "a third of the pre-war population" in fig.note


# --- numbers as written -------------------------------------------------------------------

def test_several_hundred_thousand_is_a_range(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "Several hundred thousand") == [
        ("trapped", None, "vague", 300000, 900000)]


def test_a_range_keeps_both_ends(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "750,000 and 800,000") == [
        ("population", None, "range", 750000, 800000)]


def test_a_doubled_thousand_is_written_once(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "280,000 thousand") == [("trapped", 280000, "at_least", None, None)]


# --- territory ------------------------------------------------------------------------------

def test_share_still_held_is_the_rest_retaken(figures: tuple[Figure, ...]) -> None:
    (fig,) = [f for f in figures if "9 percent" in f.provenance.quote]
    assert (fig.kind, fig.value, fig.subject) == ("territory_percent", 91, "territory")
    assert "9 percent" in fig.note


def test_fraction_in_words_of_a_place(figures: tuple[Figure, ...]) -> None:
    assert said(figures, "three quarters of the old city") == [
        ("territory_percent", 75, "exact", None, None)]


# --- one figure per fact --------------------------------------------------------------------

def test_the_body_beats_the_headline(figures: tuple[Figure, ...]) -> None:
    percents = [f for f in figures if f.kind == "territory_percent" and f.value == 90]
    assert len(percents) == 1
    assert percents[0].provenance.quote.startswith("Commanders said")
    assert [p.id for p in percents[0].places] == ["east-mosul"]
    assert not [f for f in figures if "TEST FIXTURE" in f.provenance.quote]


def test_a_repeated_figure_is_one_figure() -> None:
    from timeline.records import Article

    text = ("Some 2,400 people fled the district on Sunday.\n\n"
            "Officials said some 2,400 people fled the district on Sunday.\n")
    article = Article(id="test", path="test.md", title="TEST", source="test",
                      published=None, text=text)
    found = extract_article(article).figures
    assert [(f.kind, f.value) for f in found] == [("displaced", 2400)]
