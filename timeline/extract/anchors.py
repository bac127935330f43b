"""Dates counted from an event: "eight days after the capture of al-Maamel".

A date chain ("N days after ...") whose anchor is not a date names an event instead.
:class:`EventAnchors` resolves such an anchor, in this order:

1. a named anchor of the theatre (``anchors`` in ``theatre.yaml``: "the fall of Mosul"
   is 2014-06-10, with its source), matched as a whole phrase;
2. the latest earlier event of the same article of that kind at that place ("the
   capture of al-Maamel" after an article reported al-Maamel's capture; "the start of
   the offensive" after it reported an offensive), skipping forecasts and events
   whose own date was only a fallback (the publication date).

A phrase that a qualifier follows ("the start of the offensive on western Mosul", "the
capture of al-Maamel by the army") is not resolved, and :func:`timeline.extract.dates.find_dates`
drops a chain counted past the article's publication. Anything else stays unresolved:
a chain never guesses its anchor. Each resolution says what it counted from
(:attr:`Anchor.basis`), so the event can carry that note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geodata.theatre import NamedAnchor
from timeline.extract.dates import FALLBACK_FLAGS, Anchor
from timeline.extract.lexicon import PlaceMention
from timeline.records import Event, PartialDate

NOUN_KINDS = {
    "fall": "capture", "capture": "capture", "recapture": "capture", "liberation": "capture",
    "retaking": "capture", "seizure": "capture", "takeover": "capture",
    "start": "offensive", "launch": "offensive", "beginning": "offensive",
}
_NOUN = re.compile(r"\s*(?:the\s+)?(?P<noun>" + "|".join(NOUN_KINDS) + r")\s+of\s+(?:the\s+)?",
                   re.IGNORECASE)
_OPERATION = re.compile(r"(?:[\w'-]+\s+){0,2}?(?:offensive|operation|battle|campaign|assault)"
                        r"(?:\s+(?:on|in|against|for|to\s+retake|to\s+recapture)\s+(?:the\s+)?)?",
                        re.IGNORECASE)
_QUALIFIED = re.compile(r"\s+(?:on|in|against|for|to|into|of|at|by|from)\b", re.IGNORECASE)
REACH = 90  # characters after "after" that an anchor phrase may span


@dataclass(frozen=True)
class EventAnchors:
    """Resolves event anchors in one sentence ``text`` (offsets are into it)."""

    earlier: Sequence[Event]
    places: Sequence[PlaceMention]
    named: Sequence[NamedAnchor] = ()

    def __call__(self, text: str, pos: int) -> Anchor | None:
        """The anchor whose phrase starts at ``pos`` (just after "after"/"before")."""
        return self._from_theatre(text, pos) or self._from_events(text, pos)

    def _from_events(self, text: str, pos: int) -> Anchor | None:
        noun = _NOUN.match(text, pos)
        if noun is None:
            return None
        kind = NOUN_KINDS[noun.group("noun").lower()]
        end = noun.end()
        if kind == "offensive":
            operation = _OPERATION.match(text, end)
            if operation is None:
                return None
            end = operation.end()
        place = next((p for p in self.places if end <= p.start <= end + 1), None)
        if place is not None:
            end = place.end
        elif kind == "capture":
            return None  # "the capture of a key bridge": no place, no anchor
        if _QUALIFIED.match(text, end):
            return None  # "the capture of al-Maamel by the army": which one, is not ours to pick
        for event in reversed(self.earlier):
            if event.status == "expected" or set(event.flags) & set(FALLBACK_FLAGS):
                continue  # a forecast, or a date that was itself only a fallback
            if event.kind == kind and (place is None
                                       or place.id in {p.id for p in event.places}):
                what = text[pos:end].strip()
                return Anchor(event.date, end, f"counted from {what!r}, the article's "
                                               f"event {event.id} dated {event.date.iso()}")
        return None

    def _from_theatre(self, text: str, pos: int) -> Anchor | None:
        for anchor in self.named:
            for phrase in anchor.phrases:
                match = _phrase_re(phrase).match(text, pos)
                if match and not _QUALIFIED.match(text, match.end()):
                    return Anchor(PartialDate(anchor.date), match.end(),
                                  f"counted from {phrase!r} = {anchor.date.isoformat()} "
                                  f"({anchor.source})")
        return None


def _phrase_re(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split() if w.lower() != "the"]
    return re.compile(r"\s*(?:the\s+)?" + r"\s+(?:the\s+)?".join(words) + r"\b", re.IGNORECASE)
