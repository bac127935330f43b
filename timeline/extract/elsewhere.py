"""The place of an event whose own clause names none, when the text names it elsewhere.

Two wordings name an event's place outside the trigger's clause, and an analyst reads
them the same way in any city:

- **the next sentence names the unit** (:func:`named_next`): "Troops pushed into another
  neighbourhood on the south-east edge. A unit took over a school in the X
  neighbourhood." The first sentence counts a unit without naming it; the next one
  names it, with the same noun (neighbourhood, district, complex, hospital, ...) and one
  district only. Wire copy puts each sentence in a paragraph of its own, so the next
  sentence may open the next paragraph. The event is flagged
  :data:`FLAG_PLACE_FROM_NEXT` so that the analyst sees where its place came from;
- **a place fronted before the sentence's comma** (:func:`fronted_place`): "In X, where
  the lanes are narrow, militants launched a counter-attack near the silos." The
  fronted "In X," frames the whole sentence, so the fighting is in X. Only fighting
  takes it (a capture of a depot in X is no capture of X), and never the city or a bank
  (the whole-area guard of :mod:`timeline.extract.areas`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.extract.areas import is_reference_point
from timeline.extract.lexicon import PlaceMention

FLAG_PLACE_FROM_NEXT = "place_from_next_sentence"
# "another neighbourhood held by IS", "the main government complex": a unit left unnamed
_UNNAMED_UNIT = re.compile(
    r"\s*(?:another|a|an|the|one|new)\s+(?:[\w’'-]+\s+){0,3}?(?P<noun>neighbou?rhood|district|"
    r"quarter|complex|compound|hospital|building|headquarters|base)\b", re.IGNORECASE)
_FRONTED = re.compile(r"^\W*In\s+(?:the\s+)?$")
_AFTER_FRONTED = re.compile(r"(?:\s+(?:district|neighbou?rhood|quarter|area))?\s*,",
                            re.IGNORECASE)


def named_next(text: str, trigger_end: int, following: str,
               following_places: Sequence[PlaceMention], kinds: dict[str, str],
               whole: frozenset[str]) -> PlaceMention | None:
    """The one district the next sentence names for the unit the trigger acts on.

    ``following`` is the next sentence and ``following_places`` its place mentions;
    None unless the trigger's object (right after ``trigger_end``) is a unit without a
    name, the next sentence uses the same noun, and it names exactly one district (not
    as a reference point)."""
    unit = _UNNAMED_UNIT.match(text, trigger_end)
    if unit is None or not following:
        return None
    noun = unit.group("noun").lower()
    stem = r"neighbou?rhood" if noun.startswith("neighbo") else re.escape(noun)
    if not re.search(rf"\b{stem}", following, re.IGNORECASE):
        return None
    districts = {p.id: p for p in following_places
                 if kinds.get(p.id) == "district" and p.id not in whole
                 and not is_reference_point(following, p, whole)}
    return next(iter(districts.values())) if len(districts) == 1 else None


def fronted_place(text: str, places: Sequence[PlaceMention],
                  whole: frozenset[str]) -> PlaceMention | None:
    """The place of a sentence-initial "In X," ("In X, where ..., militants attacked")."""
    for place in places:
        if place.id in whole or not _FRONTED.match(text, 0, place.start):
            continue
        if _AFTER_FRONTED.match(text, place.end):
            return place
    return None
