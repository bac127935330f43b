"""What the control rules need from an article's words, read once, at extraction.

The control timeline is built from stored records, and the store keeps no article text:
a rule that read the text would see it when extracting fresh and an empty string when
rebuilding from the store, and the map ``make run`` shows would differ from the one the
tests check. So every fact a rule needs from the words is found here and kept on the
records:

- the places and compass corners an article says ISIS still holds (``Figure.still_held``
  and ``Figure.still_held_corners`` on a territory percentage), the anchors of rule 6:
  sentences saying a place is "ISIS held", "held by" ISIS or that ISIS is "surrounded in"
  it, and compass phrases there ("the north-western districts") as that corner;
- when the fighting before a coarse-dated capture began (``Event.fighting_since``): "after
  three months of fighting" counts back from the end of the event's period (rule 4);
- whether an event names an area only in part (``PlaceRef.partial``): "another area in
  western Mosul" must not set every district of the bank (rule 4);
- which bank a territory percentage is a share of (``Figure.bank``): "70 percent of
  territory in the western side" is a share of the west, not of the city (rule 6).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from geodata.theatre import Theatre
from timeline.extract.lexicon import Scanner, part_named
from timeline.extract.numbers import words_to_number
from timeline.records import PartialDate, PlaceRef

# "IS" is matched in capitals only: in any case it is also the verb ("al-Maamel is held
# by Iraqi forces" says nothing of ISIS).
HELD_RE = re.compile(
    r"\b(?:ISIS|(?-i:IS)|Islamic State|Daesh|militants?|jihadists?)[- ](?:held|controlled)\b"
    r"|\b(?:held|controlled) by (?:ISIS|(?-i:IS)|Islamic State|Daesh|the militants)\b"
    r"|\b(?:surrounded|besieged|holed up|trapped) in\b|\bstill (?:hold|control)s?\b",
    re.IGNORECASE,
)
COMPASS_RE = re.compile(
    r"\b((?:north|south)[- ]?(?:east|west)?|east|west)(?:ern)?\s+"
    r"(?:districts|neighbou?rhoods|parts|areas|quarters|outskirts)\b",
    re.IGNORECASE,
)
DURATION_RE = re.compile(
    r"\bafter\s+(?:about\s+|nearly\s+|almost\s+|more than\s+)?(\d+|[a-z]+)\s+"
    r"(day|week|month|year)s?\s+of\s+(?:heavy\s+|fierce\s+)?(?:fighting|battles?|clashes|combat"
    r"|operations?|siege)",
    re.IGNORECASE,
)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def still_held(sentences: Iterable[str],
               gazetteer: Scanner) -> tuple[tuple[PlaceRef, ...], tuple[str, ...]]:
    """Every place the sentences say ISIS still holds, and the compass corners they name
    ("northwest", "east"), each once in the order read.

    All names are kept, however broad: which places are too broad to anchor the
    inference is for the control rules to decide, with the theatre at hand.
    """
    places: dict[str, PlaceRef] = {}
    corners: dict[str, None] = {}
    for sentence in sentences:
        if not HELD_RE.search(sentence):
            continue
        for mention in gazetteer.scan(sentence):
            places.setdefault(mention.id, PlaceRef(mention.id, mention.mention))
        for match in COMPASS_RE.finditer(sentence):
            corners.setdefault(match.group(1).lower().replace("-", "").replace(" ", ""))
    return tuple(places.values()), tuple(corners)


def fighting_since(date: PartialDate, quote: str) -> dt.date | None:
    """The first day of the fighting the quote says led to an event dated ``date``.

    "Recaptured eastern Mosul in January after three months of fighting" counts three
    months back from the end of January; None when the quote gives no duration.
    """
    match = DURATION_RE.search(quote)
    if match is None:
        return None
    raw = match.group(1).lower()
    count = int(raw) if raw.isdigit() else 1 if raw in ("a", "an") else words_to_number(raw)
    if not count:
        return None
    return date.end - dt.timedelta(days=count * UNIT_DAYS[match.group(2).lower()] - 1)


def named_in_part(quote: str, mention: str) -> bool:
    """True when the quote names a place only in part ("another area in western Mosul",
    "large parts of the city", "60 percent of eastern Mosul"): such a mention must not set
    every district of the area (the rule is :func:`timeline.extract.lexicon.part_named`)."""
    at = quote.find(mention)
    return at > 0 and part_named(quote, at) is not None


def share_bank(theatre: Theatre | None, places: Iterable[PlaceRef], words: str) -> str | None:
    """The bank a territory percentage is a share of: the bank of an area it names ("the
    western side"), else the one bank its words name ("70 percent of the west"); None for
    the whole city, or when the words name more than one bank."""
    if theatre is None:
        return None
    for ref in places:
        place = theatre.places_by_id.get(ref.id or "")
        if place is not None and place.bank in theatre.banks and place.kind == "area":
            return place.bank
    text = words.lower()
    hits = [b for b in theatre.banks if re.search(rf"\b{re.escape(b)}", text)]
    return hits[0] if len(hits) == 1 else None
