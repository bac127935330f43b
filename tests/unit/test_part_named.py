"""The one rule for a place named only in part (timeline.extract.lexicon.part_named).

A unit of a place ("another area in", "parts of"), one counted unit ("a neighbourhood
of") and a share of it ("60 percent of", "almost the entire") are all parts; a share is a
territory figure's scope and never the place of an event.
"""

from __future__ import annotations

import pytest

from timeline.extract.lexicon import part_named


def grade(text: str, name: str) -> str | None:
    return part_named(text, text.index(name))


@pytest.mark.parametrize("text", [
    "officers said over 60 percent of eastern Mosul was retaken",
    "they hold 70 per cent of the western side",
    "the army took half of the western side",
    "police freed two-thirds of the Old City",
    "troops retook a third of eastern Mosul",
    "three quarters of the Old City fell",
    "forces now hold most of western Mosul",
    "the bulk of eastern Mosul is retaken",
    "they took control of almost the entire Mosul",
    "they seized nearly the whole of Mosul",
    "police freed nearly all of the Old City",
    "troops hold virtually all of eastern Mosul",
])
def test_a_share(text: str) -> None:
    name = next(n for n in ("eastern Mosul", "the western side", "western Mosul", "Old City",
                            "Mosul") if n in text)
    assert grade(text, name) == "share"


@pytest.mark.parametrize(("text", "name"), [
    ("recaptured another area in western Mosul", "western Mosul"),
    ("took large parts of the city", "city"),
    ("retook two neighbourhoods of the Old City", "Old City"),
    ("fighting on the outskirts of Mosul", "Mosul"),
    ("several districts in eastern Mosul", "eastern Mosul"),
])
def test_a_unit(text: str, name: str) -> None:
    assert grade(text, name) == "unit"


@pytest.mark.parametrize(("text", "name"), [
    ("recaptured a neighbourhood of the Old City", "Old City"),
    ("took another district in western Mosul", "western Mosul"),
    ("fighting in a district in eastern Mosul", "eastern Mosul"),
])
def test_one_counted_unit(text: str, name: str) -> None:
    assert grade(text, name) == "counted"


@pytest.mark.parametrize(("text", "name"), [
    ("recaptured western Mosul", "western Mosul"),
    ("took the neighbourhood of al-Risala", "al-Risala"),  # the district's own name
    ("retook all of eastern Mosul", "eastern Mosul"),  # all of it is the whole
    ("took control over the rest of the city", "city"),  # the rest completes it
    ("60 percent of the displaced come from western Mosul", "western Mosul"),
    ("troops entered the quarter of the Old City", "Old City"),  # a name, no fraction
    ("they retook the eastern half of Mosul", "Mosul"),  # a bank, not a share
])
def test_the_whole(text: str, name: str) -> None:
    assert grade(text, name) is None
