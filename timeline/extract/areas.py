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

The city introduced as a setting ("in the city of Mosul, where ...") is no event's
place, and neither is an area whose fighting is only a circumstance ("halted because of
heavy fighting in the city", "families fleeing fighting in Mosul").

An offensive on a whole area ("launched an offensive to drive IS from Mosul") and a
declaration are kept unless the sentence is about a unit in it; an attack only where the
area is the very place of the fight ("a chemical agent in west Mosul", "stormed the
city"), not a frame further on ("closing in on the militant-held western half").

Victory announced ("we announce victory", "the victory announcement will come soon") is
the battle's end, so the city's, when the sentence or the headline names the city and the
sentence counts no unit in it ("victory in two more districts" is no city's); a place the
announcement names after it ("victory in X") is its place (:func:`victory_places`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from geodata.theatre import Theatre
from timeline.extract.lexicon import PlaceMention
from timeline.records import PlaceRef

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
_DIRECT_AFTER = re.compile(r"^\s*(?:the\s+)?(?:whole\s+|entire\s+|all\s+of\s+(?:the\s+)?|"
                           r"(?:rest|entirety)\s+of\s+(?:the\s+)?)?"
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


# The city introduced as a setting: "in the city of Mosul, where ...".
_SETTING_AFTER = re.compile(r"(?:\s+of\s+[\w-]+)?\s*,\s*where\b", re.IGNORECASE)
# Fighting as a circumstance, not the event: "because of heavy fighting in the city",
# "families fleeing fighting in Mosul", "amid clashes".
_CIRCUMSTANCE = re.compile(r"\b(?:because\s+of|due\s+to|amid|amidst|despite|fleeing|fled|"
                           r"flee|flees|escap\w*|away\s+from|caught\s+(?:up\s+)?in)\s+"
                           r"(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def area_event_kept(text: str, mention: PlaceMention, trigger: tuple[int, int], kind: str,
                    clause: tuple[int, int]) -> bool:
    """Whether an event of ``kind`` may claim a whole area named by ``mention``."""
    if _FRAME_BEFORE.search(text[max(0, mention.start - 60):mention.start]):
        return False
    if kind in ("attack", "capture") and (
            _SETTING_AFTER.match(text, mention.end)
            or (kind == "attack" and _CIRCUMSTANCE.search(text, clause[0], trigger[0]))):
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


# "the airport has now fallen": the place is the verb's subject, not a prepositional object
_SUBJECT_GAP = re.compile(r"(?:\s+(?:\w+ly|now|also|already|just))*\s*")
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|into|of|at|on|for|from|near|to|by|with|across)\s+"
                                 r"(?:the\s+)?$", re.IGNORECASE)


def subject_before(text: str, mentions: list[PlaceMention], trigger: int) -> list[PlaceMention]:
    """The place that is the subject of the verb at ``trigger`` ("X has fallen"), if any:
    only adverbs between them, and no preposition before it ("prices in X have fallen")."""
    subject = [m for m in mentions if m.end <= trigger
               and _SUBJECT_GAP.fullmatch(text, m.end, trigger)
               and not _PREPOSITION_BEFORE.search(text, 0, m.start)]
    return subject[-1:]

_VICTORY_ELSEWHERE = re.compile(r"\s+in\s+(?:the\s+)?(?:city\s+of\s+)?[‘'\"“]?[A-Z]")


def victory_places(text: str, mentions: list[PlaceMention], trigger: tuple[int, int],
                   clause_end: int, city: str, headline: str | None) -> list[PlaceRef]:
    """The place of a victory announced: a place named after the announcement in its
    clause ("victory in X"), else the city, named in the sentence or the headline
    (``headline``: how it names the city, or None), unless the sentence counts a unit."""
    if UNIT_RE.search(text):
        return []
    after = [m.ref() for m in mentions if trigger[1] <= m.start < clause_end
             and not is_reference_point(text, m, frozenset({city}))]
    if after or _VICTORY_ELSEWHERE.match(text, trigger[1]):
        return after  # "victory in Raqqa": a place off the map is no victory of the city
    named = [m for m in mentions if m.id == city]
    if named:
        return [named[0].ref()]
    return [PlaceRef(city, headline)] if headline else []


_LIST_HEAD = re.compile(r"\b(?:neighbou?rhoods?|districts?|quarters?)\s+of\s+(?:the\s+)?$",
                        re.IGNORECASE)


def list_head(text: str, mention: PlaceMention, kinds: dict[str, str]) -> PlaceMention:
    """"the neighbourhoods of al-Zuhur and al-Nur" names two districts whole: the unit
    noun is the list's head, a part only of an area ("districts of western Mosul")."""
    if mention.partial and kinds.get(mention.id) != "area" and _LIST_HEAD.search(
            text, 0, mention.start):
        return replace(mention, partial=False)
    return mention
