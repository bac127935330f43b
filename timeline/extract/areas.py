"""Which place mentions an event is really about: the whole-area guard and proximity.

A capture of the city or of a bank sets every district in it (control rule 4), so a
wrong one flips the map. A report says a whole area changed hands only in a whole-area
statement: the area is the object of the verb ("recaptured eastern Mosul"), or the
sentence says it outright ("declared eastern Mosul fully liberated", "took complete
control of the eastern side"). Anything else that names the area names it as a frame:

- a unit inside it, unnamed or counted ("another neighbourhood in western Mosul", "two
  more districts", "the remaining seven neighbourhoods", "40 districts freed in total"):
  no area event; the count is a figure's business;
- a reference point, not the place: "near Mosul", "outside the city", "south of Mosul",
  "5 km from Mosul", "the east of the city", "west of the Old City";
- a modifier of a facility or a region: "a Mosul bridge", "Mosul's museum", "the Mosul
  region".

An offensive on a whole area ("launched an offensive to drive IS from Mosul") and a
declaration are kept unless the sentence is about a unit in it; an attack only where the
area is the very place of the fight ("a chemical agent in west Mosul", "stormed the
city"), not a frame further on ("closing in on the militant-held western half").
"""

from __future__ import annotations

import re

from geodata.theatre import Theatre
from timeline.extract.lexicon import PlaceMention

WHOLE_WORDS = re.compile(r"\b(?:fully|completely|complete|entire|entirety|whole|all of|"
                         r"totally|total)\b", re.IGNORECASE)
_COUNT = (r"(?:another|more|other|remaining|several|some|a|an|one|two|three|four|five|six|"
          r"seven|eight|nine|ten|dozens of|\d+|a few|few|many|new|further)")
_UNIT = r"(?:neighbou?rhoods?|districts?|quarters?|areas?|villages?|sections?|blocks?|parts?)"
UNIT_RE = re.compile(rf"\b{_COUNT}\s+(?:[\w’'-]+\s+){{0,2}}?{_UNIT}\b", re.IGNORECASE)
# A unit or facility right before the area: "a neighbourhood in western Mosul", "the
# government complex in western Mosul", "districts in northwestern Mosul".
_FRAME_BEFORE = re.compile(
    rf"\b(?:{_UNIT}|complex|compound|building|buildings|bridge|base|hotel|palace|airport|"
    rf"facility|hospital|positions?|targets?|villages?|axis|axes|sectors?|fronts?|pockets?|"
    rf"strongholds?|enclaves?)\s+(?:[\w’'-]+\s+)?(?:in|of|inside|"
    rf"within|across)\s+(?:the\s+)?(?:city\s+of\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
_NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|outside|around|beyond|close to|next to|adjacent to|toward the|"
    r"(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?(?:\s+(?:part|side|edge|"
    r"outskirts|half|bank))?\s+of|(?:km|kms|kilomet(?:er|re)s?|miles)\s+(?:\w+\s+){0,2}?"
    r"(?:from|of)|(?:edges?|outskirts|borders?|limits|gates|parts?|sides?|half|corner|"
    r"sectors?|sections?|banks?)\s+of|(?:north|south|east|west)(?:[- ]?(?:east|west))?"
    r"(?:ern)?\s+(?:parts?|sides?|edges?|outskirts)\s+of)\s+(?:the\s+)?(?:city\s+of\s+)?"
    r"(?:\w+\s+)?$", re.IGNORECASE)
# A sector of the city, not the city: "north-western Mosul", "southern Mosul".
_SECTOR_BEFORE = re.compile(r"\b(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?\s+$",
                            re.IGNORECASE)
_MODIFIER_AFTER = re.compile(
    r"^(?:['’]s\b|\s+(?:city\s+)?(?:bridges?|airport|university|complex|hotel|stadium|museum|"
    r"dam|mosque|hospital|base|palace|prison|market|road|highway|governorate|province|"
    r"council|region|area|plains?|corridor|outskirts|countryside|front)\b)", re.IGNORECASE)
_DIRECT_AFTER = re.compile(r"^\s*(?:the\s+)?(?:whole\s+|entire\s+|all\s+of\s+(?:the\s+)?)?"
                           r"(?:city\s+of\s+)?$", re.IGNORECASE)
# Where a fight is: "chemical agent in west Mosul", "stormed the city".
_FIGHT_AFTER = re.compile(r"^\s*(?:(?:in|into|inside|on|across|throughout|against)\s+)?"
                          r"(?:the\s+)?(?:city\s+of\s+)?$", re.IGNORECASE)
_FIGHT_BEFORE = re.compile(r"\b(?:in|inside)\s+(?:the\s+)?$", re.IGNORECASE)
_DIRECT_BEFORE = re.compile(r"^\s*(?:has|have|had|was|were|is|are)?\s*(?:been|being)?\s*"
                            r"(?:(?:\w+ly|now|also|just|already|still)\s+)*$", re.IGNORECASE)


def whole_areas(theatre: Theatre | None) -> frozenset[str]:
    """The theatre's city and the areas directly under it (the banks): an event on one of
    them sets every district in it."""
    if theatre is None:
        return frozenset()
    city = theatre.city_area
    return frozenset({city} | {p.id for p in theatre.places
                               if p.kind == "area" and p.parent == city})


def is_reference_point(text: str, mention: PlaceMention, whole: frozenset[str]) -> bool:
    """Whether the sentence names the place only to locate something else ("near Mosul",
    "west of the Old City"); a whole area also as a facility's modifier ("a Mosul
    bridge", "Mosul's museum") or as the frame of a sector ("north-western Mosul")."""
    before = text[max(0, mention.start - 40):mention.start]
    if _NEAR_BEFORE.search(before):
        return True
    return mention.id in whole and (
        _MODIFIER_AFTER.match(text[mention.end:mention.end + 30]) is not None
        or _SECTOR_BEFORE.search(before) is not None)


def area_event_kept(text: str, mention: PlaceMention, trigger: tuple[int, int], kind: str,
                    clause: tuple[int, int]) -> bool:
    """Whether an event of ``kind`` may claim a whole area named by ``mention``."""
    if _FRAME_BEFORE.search(text[max(0, mention.start - 60):mention.start]):
        return False
    if WHOLE_WORDS.search(text, clause[0], clause[1]) and not UNIT_RE.search(
            text, clause[0], clause[1]):
        return True
    if UNIT_RE.search(text):
        return False
    if kind in ("declaration", "offensive"):
        return True
    if kind == "attack":
        if mention.start >= trigger[1]:
            return _FIGHT_AFTER.match(text[trigger[1]:mention.start]) is not None
        return _FIGHT_BEFORE.search(text, clause[0], mention.start) is not None
    if mention.start >= trigger[1]:
        return _DIRECT_AFTER.match(text[trigger[1]:mention.start]) is not None
    return _DIRECT_BEFORE.match(text[mention.end:trigger[0]]) is not None
