"""Who and where in a sentence: place mentions, actors and claimants.

The gazetteer's :meth:`~geodata.gazetteer.Gazetteer.scan` finds every known name,
including English glosses of district names ("factories" for al-Maamel, "Police" for
al-Shurta). A gloss in running prose is almost never the district, so a mention is kept
only when it is written like a name: with a capital letter and not an ordinary word
such as "Police" in "Federal Police". "the city" is kept (it is Mosul), and "western
Mosul" / "the western side" are kept (they are the banks).

Actors ("CTS", "Federal Police", "Daesh") and the side they belong to come from the
theatre's ``theatre.yaml`` (:func:`actor_table`): another city names its own forces.

Capitalised names after place cues ("in X", "X district") that the gazetteer cannot
resolve are reported as unresolved, so that an analyst can add a spelling.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from geodata.theatre import Side, Theatre
from timeline.extract.numbers import FRACTIONS, SCALES, TENS, UNITS, VAGUE
from timeline.extract.wordscan import find_at_words, starters
from timeline.records import PlaceRef


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English words that are also glosses or variants of place names in the gazetteer.
COMMON_WORDS = frozenset({
    "police", "factories", "factory", "economists", "revolution", "aviation", "city",
    "agricultural reform", "the city", "university", "airport", "forest", "forests",
    "market", "bridge", "mosque", "camp", "base", "palace", "castle", "sugar", "banks",
    "flowers", "light", "cairo", "peace", "unity", "liberation",
})
GENERIC_PLACE_KINDS = ("area",)
LANDMARK_SCORE = 0.6
_THE_CITY = re.compile(r"\bthe city\b")
# A place named only in part, read from the words right before its name. This is the one
# rule for it: a mention's ``partial`` and ``share`` here, an event place's
# ``PlaceRef.partial`` (:func:`timeline.extract.control_facts.named_in_part`) both ask it
# (:func:`part_named`), and it says how:
# - ``unit``: "areas of", "large parts of", "the outskirts of", "another area in",
#   "districts in", "two neighbourhoods of": the mention is no place of an event or figure;
# - ``counted``: one unit of it, "a neighbourhood of the Old City", "another district in":
#   an event there keeps the place, marked partial, so that the control rules do not set
#   every district of it ("the neighbourhood of al-Risala", a unit noun alone, singular,
#   is the district's own name);
# - ``share``: "over 60 percent of", "half of", "two-thirds of", "a third of", "most of",
#   "the bulk of", "nearly all of", "almost the entire": a territory figure's scope, never
#   the place of an event (one sentence must not flip a whole bank).
_UNIT_OF = (r"(?:areas?|parts?|some|outskirts|edges?|districts|neighbou?rhoods)\s+(?:of|in)")
_COUNTED_OF = (r"(?:an?|another|one|\d+)\s+(?:[\w-]+\s+)?(?:neighbou?rhood|district)\s+"
               r"(?:of|in)|(?:neighbou?rhood|district)\s+in")
_SHARE_OF = (r"(?:%|\bper\s?cent|\bpercent)\s+of"
             r"|\b(?<!ern\s)half(?:\s+of)?"  # "the eastern half of the city" is a bank
             r"|\b(?:an?|one|two|three|four|\d+)[\s-]+(?:thirds?|quarters?|fifths?|tenths?)"
             r"\s+of"  # a counted fraction: "the quarter of Bab al-Tob" is its own name
             r"|\b(?:most|much|the\s+bulk|the\s+majority|the\s+greater\s+part)\s+of"
             r"|\b(?:nearly|almost|virtually|practically|roughly)\s+(?:all(?:\s+of)?"
             r"|the\s+(?:entire(?:ty\s+of)?|whole(?:\s+of)?))")
_PART_BEFORE = re.compile(rf"(?:(?P<share>{_SHARE_OF})|\b(?P<unit>{_UNIT_OF})"
                          rf"|\b(?P<counted>{_COUNTED_OF}))\s+(?:the\s+)?$", re.IGNORECASE)
PART_WINDOW = 48  # the longest run of part words before a name ("nearly the entirety of the")
_BANK_WORD = re.compile(r"^(?:western|eastern|west|east)\b", re.IGNORECASE)
# Up to three name words before a landmark noun. Each word starts at a word start and is
# read possessively: a long run of letters is scanned once, never again from every
# capital inside it (that made a 40 KB token without spaces take seconds).
_LANDMARK_RE = re.compile(
    r"(?:(?<![\w’'-])(?:al-)?[A-Z][\w’'-]*+\s+){0,3}(?:al-)?(?:Mosque|Bridge|Hospital|"
    r"University|Airport|Palace|Castle|Museum|Church|Shrine|Minaret|Market|Stadium|Camp|"
    r"Base)\b")
# Words of one name sit on one line: a line break ends it ("East" then a dateline).
# "Khalid ibn al-Walid" is one name: "ibn" or "bin" joins its words.
_NAME = (r"(?:al-|el-)?[A-Z][\w’'-]+(?:[ \t\u00a0]+(?:(?:ibn|bin)[ \t\u00a0]+)?"
         r"(?:al-|el-)?[A-Z][\w’'-]+){0,3}")
_NAMES = rf"{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+and\s+{_NAME})?"
_CUE_AFTER = re.compile(rf"\b(?:in|into|at|near|toward|towards|around|entered|reached)\s+"
                        rf"(?:the\s+)?(?P<names>{_NAMES})")
_CUE_AFTER_STARTERS = _words("in into at near toward towards around entered reached")
_PLACE_NOUN = re.compile(r"\b(?:district|neighbou?rhood|quarter|village|suburb|area)s?\b")
_CUE_BEFORE = re.compile(rf"(?P<names>{_NAMES})\s+"
                         rf"(?:district|neighbou?rhood|quarter|village|suburb|area)s?\b")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
NOT_PLACES = _words("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday iraq syria turkey iran baghdad
isis isil daesh allah islamic state the a an this that these those""")
NOT_PLACE_WORDS = _words("""news ministry service police forces force army nations state
command division agency council coalition government committee organization organisation
reuters afp ap brigade regiment units unit operations operation deployment response
intervention minister president general gen lt col maj brig sheikh commander spokesman
day days week weeks month months year years hour hours morning night""")
# Names that are never a candidate place of the city: counts and ordinals ("Several",
# "First Day"), compass words, peoples and creeds, leaders, and countries or regions
# (a news site's sidebar lists them), and the words of a news site's page pasted with
# the report ("Skip to content", "Menu").
NOT_CANDIDATES = _words("""several some many few one two three four five six seven eight
nine ten first second third fourth fifth last next east west north south eastern western
northern southern central shia shiite sunni arab arabs kurd kurds muslim christian yazidi
abadi baghdadi maliki erdogan obama trump putin russia china spain sudan america europe
africa asia britain france germany italy usa us uk un israel jordan egypt lebanon
kuwait saudi qatar yemen libya afghanistan pakistan india japan korea
skip menu search home share subscribe newsletter advertisement login""")
# "Forty districts", "Several neighbourhoods", "Another area", "Most of them": counts.
COUNT_WORDS = frozenset({*UNITS, *TENS, *SCALES, *FRACTIONS, *VAGUE, "several", "many",
                         "some", "other", "another", "more", "remaining", "last", "first",
                         "second", "new", "both", "all", "most", "few", "each", "every",
                         "these", "those", "its", "their", "this", "that", "which"})
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_HELD_BY = re.compile(r"-(?:held|occupied|controlled|backed|led|linked|run|style)$",
                      re.IGNORECASE)
_LEADING_CUE = re.compile(r"^(?:In|At|On|Near|Into|From|To|The)\s+")

_CLAIMANT_RES = (
    re.compile(r"spokes(?:person|man|woman)\s+(?:of|for)\s+(?:the\s+)?(?P<c>[A-Z][\w -]+?)"
               r"\s+(?:said|told|says|stated|announced)"),
    re.compile(r"according to (?:the\s+)?(?P<c>[^,.;]+)"),
    re.compile(r"(?P<c>(?:The\s+|the\s+|a\s+|an\s+)?(?:(?:al-)?[A-Z][\w.’'-]*\s+)*"
               r"(?:(?:al-)?[A-Z][\w.’'-]*|commanders?|officials?|sources?|officers?|residents|"
               r"witnesses|spokes\w+))\s+(?:have\s+|has\s+|had\s+)?"
               r"(?:said|say|says|reported|believes?|estimated?s?|told|announced|stated|"
               r"claimed|claims)\b"),
)
NOT_CLAIMANTS = _words("a an the some it they he she we this that which who many others")
_CLAIMANT_ALIASES = {"un": "United Nations", "u.n.": "United Nations"}


class Scanner(Protocol):
    """What extraction needs from a gazetteer (``geodata.gazetteer.Gazetteer``)."""

    def scan(self, text: str) -> list[Any]: ...

    def match(self, name: str) -> Any: ...


@dataclass(frozen=True)
class PlaceMention:
    """A resolved place in the article text, with whether it names only a unit of it
    ("another area in western Mosul": ``partial``) or a share of it ("60 percent of
    eastern Mosul": ``share``, the scope of a figure but never the place of an event)."""

    start: int
    end: int
    id: str
    mention: str
    partial: bool = False
    share: bool = False

    def ref(self) -> PlaceRef:
        return PlaceRef(self.id, self.mention)


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    actor: str
    side: str


def find_places(text: str, gazetteer: Scanner) -> list[PlaceMention]:
    """Resolved place mentions of ``text``, false hits on English words removed."""
    found = [
        _mention(text, m.start, m.end, m.id, m.mention)
        for m in gazetteer.scan(text) if _looks_like_name(text, m.start, m.mention)
    ]
    taken = [(p.start, p.end) for p in found]
    for match in _LANDMARK_RE.finditer(text):
        phrase = re.split(r"['’]s\s+", match.group(0))[-1]
        start = match.end() - len(phrase)
        if any(s <= start < e or s < match.end() <= e for s, e in taken):
            continue
        owner = next((p.id for p in found if 0 <= start - p.end <= 3), None)
        place_id = _landmark(gazetteer, phrase, owner)
        if place_id:
            found.append(PlaceMention(start, match.end(), place_id, phrase))
    found = _without_people(text, found)
    for match in _THE_CITY.finditer(text):
        if not any(s <= match.start() < e for s, e in taken):
            hit = gazetteer.match(match.group(0))
            if hit.id:
                found.append(_mention(text, match.start(), match.end(), hit.id,
                                      match.group(0)))
    return sorted(found, key=lambda p: p.start)


def _mention(text: str, start: int, end: int, place_id: str, mention: str) -> PlaceMention:
    part = part_named(text, start)
    return PlaceMention(start, end, place_id, mention, part == "unit", part == "share")


# A person, not a place: a given name after a word for a person, with a surname after it
# ("local resident Shayma Hassan", "a man named Zahra Ali"); later the same name alone
# ("Shayma said") is that person again.
_PERSON_BEFORE = re.compile(
    r"\b(?:resident|residents|citizen|shopkeeper|farmer|teacher|student|nurse|doctor|driver|"
    r"mother|father|widow|man|woman|girl|boy|named|called|Mr|Mrs|Ms|Dr|Umm|Abu)\.?\s+$")
_SURNAME_AFTER = re.compile(r"\s+[A-Z][a-z’'-]+\b(?!\s+(?:district|neighbou?rhood|quarter|"
                            r"area|street|market|bridge|mosque)\b)")


def _without_people(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """``found`` less the mentions that are people's names (given name of a person)."""
    people = {p.mention for p in found
              if _PERSON_BEFORE.search(text, max(0, p.start - 24), p.start)
              and _SURNAME_AFTER.match(text, p.end)}
    return [p for p in found if p.mention not in people]


def _landmark(gazetteer: Scanner, phrase: str, owner: str | None) -> str | None:
    """A landmark by name, or "the Old City's Grand Mosque": the best candidate in its owner."""
    hit = gazetteer.match(phrase)
    if hit.id or owner is None:
        return str(hit.id) if hit.id else None
    theatre = getattr(gazetteer, "theatre", None)
    for cand in hit.candidates:
        place = theatre.place(cand.id) if theatre else None
        if place is not None and place.parent == owner and cand.score >= LANDMARK_SCORE:
            return str(cand.id)
    return None


def unresolved_names(text: str, places: list[PlaceMention], gazetteer: Scanner) -> list[str]:
    """Actors ("CTS", "Federal Police", "Daesh") and the side they belong to come from the
theatre's ``theatre.yaml`` (:func:`actor_table`): another city names its own forces.

Capitalised names after place cues that no gazetteer entry resolves."""
    names: list[str] = []
    spans = [(p.start, p.end) for p in places]
    matches = find_at_words(_CUE_AFTER, text, _CUE_AFTER_STARTERS)
    if _PLACE_NOUN.search(text):
        matches += list(_CUE_BEFORE.finditer(text))
    for match in sorted(matches, key=lambda m: m.start()):
        offset = match.start("names")
        for part in _LIST_SPLIT.split(match.group("names")):
            name = _LEADING_CUE.sub("", re.split(r"['’]s\b", part.strip())[0].strip())
            pos = text.find(name, offset)
            if not name or any(pos < e and s < pos + len(name) for s, e in spans) \
                    or not candidate_name(name):
                continue
            if gazetteer.match(name).id is None and name not in names:
                names.append(name)
    return names


_NOUN_AFTER = re.compile(r"\s+(?:district|neighbou?rhood|quarter|area)s?\b", re.IGNORECASE)


def dated_name(text: str, mention: PlaceMention, date_spans: Sequence[tuple[int, int]],
               ) -> bool | None:
    """For a place written like a date ("July 17", a district named for a day): True when
    it is the place (a place noun follows: "the July 17 neighbourhood"), False when it is
    the date ("on July 17, troops ..."), None when no date mention overlaps it."""
    if not any(s < mention.end and mention.start < e for s, e in date_spans):
        return None
    return _NOUN_AFTER.match(text, mention.end) is not None


def simplest_places(mentions: list[PlaceMention], parents: dict[str, str],
                    kinds: dict[str, str]) -> tuple[PlaceRef, ...]:
    """Places an event names, most specific first-class: a landmark over its district,
    a district over the bank or city, a bank over the city; partial mentions dropped."""
    whole = [m for m in mentions if not m.partial]
    ids = {m.id for m in whole}
    covered = {parents.get(i, "") for i in ids}
    if any(kinds.get(i) not in GENERIC_PLACE_KINDS for i in ids):
        covered |= {i for i in ids if kinds.get(i) in GENERIC_PLACE_KINDS}
    refs: dict[str, PlaceRef] = {}
    for m in whole:
        if m.id not in covered and m.id not in refs:
            refs[m.id] = m.ref()
    return tuple(refs.values())


@dataclass(frozen=True)
class ActorTable:
    """A theatre's actors as one alternation: group ``a<k>`` is ``entries[k]`` (name,
    side); ``starts`` are the words a match may begin with."""

    regex: re.Pattern[str]
    entries: tuple[tuple[str, str], ...]
    starts: frozenset[str]


def actor_table(theatre: Theatre) -> ActorTable:
    """The actors of ``theatre``'s forces, in ``theatre.yaml`` order (earlier wins)."""
    return _actor_table(tuple(theatre.sides.values()))


@lru_cache(maxsize=8)
def _actor_table(sides: Sequence[Side]) -> ActorTable:
    actors = [(a, side.key) for side in sides for a in side.actors]
    pattern = "|".join(f"(?P<a{i}>{a.pattern})" for i, (a, _) in enumerate(actors))
    return ActorTable(re.compile(pattern or "(?!)", re.IGNORECASE),
                      tuple((a.name, key) for a, key in actors),
                      starters(w for a, _ in actors for w in a.starts))


def opponents_named(text: str, theatre: Theatre) -> bool:
    """True when ``text`` (a figure's subject: "ISIS fighters", "Daesh") names a force
    other than the theatre's advancing side and not that side itself."""
    named = {a.side for a in find_actors(text, actor_table(theatre))}
    return bool(named) and theatre.advancing_side not in named


def find_actors(text: str, table: ActorTable) -> list[ActorMention]:
    """Every actor named in ``text`` with its canonical name and side."""
    out = []
    for match in find_at_words(table.regex, text, table.starts, digits=True):
        index = int((match.lastgroup or "a0")[1:])
        name, side = table.entries[index]
        out.append(ActorMention(match.start(), match.end(), name, side))
    return out


def find_claimant(sentence: str) -> str:
    """Who a figure is attributed to in ``sentence`` ("" when the article says it)."""
    for pattern in _CLAIMANT_RES:
        for match in pattern.finditer(sentence):
            claimant = re.sub(r"^(?:Separately|However|Meanwhile|But|And),?\s+", "",
                              match.group("c").strip())
            claimant = re.sub(r"^(?:the|a|an)\s+", "", claimant, flags=re.IGNORECASE)
            if claimant.lower() not in NOT_CLAIMANTS:
                return _CLAIMANT_ALIASES.get(claimant.lower(), claimant)
    return ""


def _looks_like_name(text: str, start: int, mention: str) -> bool:
    low = mention.lower()
    if _BANK_WORD.match(mention):
        return True
    if low == "city":
        return text[max(0, start - 4):start].lower() == "the "
    if not any(ch.isupper() for ch in mention):
        return False
    return low not in COMMON_WORDS


def part_named(text: str, start: int) -> str | None:
    """How the words before ``start`` name the place there: ``"share"`` ("60 percent
    of", "almost the entire"), ``"unit"`` ("another area in", "parts of"), ``"counted"``
    ("a neighbourhood of") or None (the whole of it)."""
    match = _PART_BEFORE.search(text, max(0, start - PART_WINDOW), start)
    return None if match is None else match.lastgroup


def candidate_name(name: str) -> bool:
    """Whether ``name``, written where a place could stand, may be a place the gazetteer
    lacks: not a count or ordinal, a compass word, a people, creed or leader, a country,
    a date fragment, an "IS-held" adjective, an organisation's acronym ("IS", "UNHCR":
    a lone word in capitals) or a word of a news site's page ("Skip", "Menu"). The one
    rule for the article's unresolved list and for an event's unresolved places."""
    if _ACRONYM.match(name):
        return False
    words = [w.lower().strip("’'") for w in name.split()]
    if not words or words[0] in NOT_PLACES or any(w in NOT_PLACE_WORDS for w in words):
        return False
    if any(w in NOT_CANDIDATES or w in NOT_PLACES or w.split("-")[0] in COUNT_WORDS
           for w in words) or _HELD_BY.search(name):
        return False
    return not words[0].startswith(("iraqi", "kurdish", "american", "u.s", "islamic"))
