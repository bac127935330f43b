"""Places an event names that the gazetteer does not know, kept as they are written.

"The forces retook the neighbourhood of Fadiliyah", "the Nasr neighbourhood was also
retaken": the capture is real even when no gazetteer row resolves the name. Dropping
it loses the fact; resolving it to the nearest known name (or to the city) puts it in
the wrong place. So an event whose own clause names no known place keeps the names it
does give, unresolved (``PlaceRef.id`` None): the control rules flag them as not on the
map, the analyst sees the spelling to add, and the record is whole.

Only names written like place names count: after "the neighbourhood(s) of", before a
place noun ("Nasr neighbourhood", "Oberoi Hotel"), or as the direct object of the
trigger; never an actor ("Federal Police"), a month or a weekday, nor a people, a creed
or a leader ("the first Shia district": a misspelling of a district is no new place).
"""

from __future__ import annotations

import re

from timeline.extract.lexicon import candidate_name
from timeline.records import PlaceRef

_NAME = (r"(?:al-|el-)?[A-Z][\w’'-]+(?:\s+(?:(?:al-|el-)?[A-Z][\w’'-]+|Ibn|bin|ibn))"
         r"{0,4}")
_NAMES = rf"{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+and\s+{_NAME})?"
_PLACE_NOUN = (r"(?:neighbou?rhoods?|districts?|quarters?|areas?|facility|hotel|mosque|"
               r"complex|palaces?|hospital|stadium|bridge|base|camp|village)")
_OF_NAMES = re.compile(rf"\b(?:neighbou?rhoods?|districts?|quarters?|areas?)\s+of\s+"
                       rf"(?P<names>{_NAMES})")
_NAME_NOUN = re.compile(rf"(?P<names>{_NAME})\s+(?:\[[\w ]+\]\s+)?(?i:{_PLACE_NOUN})\b")
_OBJECT = re.compile(rf"^\s*(?:the\s+)?(?P<names>{_NAME})")
_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_CAPITAL = re.compile(r"^(?:al-|el-)?[A-Z]")


def unresolved_places(text: str, start: int, end: int, direct: bool,
                      taken: list[tuple[int, int]]) -> tuple[PlaceRef, ...]:
    """Unresolved place names in ``text[start:end]``; ``direct`` when the window starts
    right after the trigger, so that its first name is the object ("retook Nasr").
    ``taken`` are spans already read as actors or known places."""
    window = text[start:end]
    found: list[tuple[int, str]] = []
    for match in [*_OF_NAMES.finditer(window), *_NAME_NOUN.finditer(window)]:
        offset = match.start("names")
        for part in _SPLIT.split(match.group("names")):
            found.append((window.find(part, offset), part))
            offset = max(offset, window.find(part, offset))
    if direct:
        obj = _OBJECT.match(window)
        if obj:
            found.append((obj.start("names"), obj.group("names")))
    refs: dict[str, PlaceRef] = {}
    for pos, written in sorted(found):
        name = re.split(r"['’]s\b", written.strip())[-1].strip()  # "Mosul's X": X
        at = start + pos + written.rfind(name)
        if (name and name not in refs and _CAPITAL.match(name) and candidate_name(name)
                and not any(s < at + len(name) and at < e for s, e in taken)):
            refs[name] = PlaceRef(None, name)
    # "Ziwani" read as the object and "Ziwani Mosque" before its noun are one place
    return tuple(r for r in refs.values()
                 if not any(r.mention != o and r.mention in o for o in refs))

