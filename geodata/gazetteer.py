"""Place names to gazetteer ids: exact match on a normalised key, then fuzzy matching.

:class:`Gazetteer` answers two questions: :meth:`Gazetteer.match` resolves one name
(the ``geocode`` command) and :meth:`Gazetteer.scan` finds every known name in running
text (the extractor). A name that is not in the theatre comes back with ``id=None`` and
its candidates, never as a wrong district.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from geodata.theatre import Place, Theatre, load_theatre

ACCEPT_SCORE = 0.86
CANDIDATES = 5


@dataclass(frozen=True)
class Candidate:
    id: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "score": round(self.score, 3)}


@dataclass(frozen=True)
class Match:
    """The answer for one query: the place (or None) and the runners-up."""

    query: str
    place: Place | None
    score: float
    candidates: tuple[Candidate, ...]

    @property
    def id(self) -> str | None:
        return self.place.id if self.place else None

    def to_json(self) -> dict[str, Any]:
        p = self.place
        return {
            "query": self.query,
            "id": p.id if p else None,
            "name": p.name if p else None,
            "kind": p.kind if p else None,
            "score": round(self.score, 3),
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "bank": (p.bank or None) if p else None,
            "candidates": [c.to_json() for c in self.candidates],
        }


@dataclass(frozen=True)
class Mention:
    """A known place name found in text: character span, the id and the text as written."""

    start: int
    end: int
    id: str
    mention: str


def normalise(name: str) -> str:
    """A matching key: lower case, no diacritics, apostrophes or leading article."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[\u2018\u2019'`\u02bf\u02be\u02bc]", "", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"[^0-9a-z\u0600-\u06ff]+", " ", text)
    words = [w for w in text.split() if w not in {"hay", "hayy", "district", "the"}]
    words = [re.sub(r"^(al|el|ad|ash|az|as|an|ar|at)(?=\w{3})", "", w) for w in words]
    words = [w for w in words if w not in {"al", "el"}]
    return " ".join(words)


class Gazetteer:
    """Name lookup for one theatre."""

    def __init__(self, theatre: Theatre) -> None:
        self.theatre = theatre
        self._by_key: dict[str, Place] = {}
        for place in theatre.places:
            for name in _spellings(place):
                key = normalise(name)
                if key:
                    self._by_key.setdefault(key, place)
        self._keys = list(self._by_key)
        longest = sorted(self._keys, key=len, reverse=True)
        self._scan_re = re.compile(
            r"\b(" + "|".join(re.escape(k).replace(r"\ ", r"\W+(?:al-)?") for k in longest) + r")\b",
            re.IGNORECASE,
        )

    @classmethod
    def from_theatre(cls, theatre: Theatre | None = None) -> Gazetteer:
        return cls(theatre or load_theatre())

    def match(self, name: str) -> Match:
        """Resolve one name; an unknown or ambiguous name gives ``id=None``."""
        key = normalise(name[:200])
        if not key:
            return Match(name, None, 0.0, ())
        exact = self._by_key.get(key)
        scored = process.extract(key, self._keys, scorer=fuzz.WRatio, limit=CANDIDATES * 3)
        candidates: dict[str, float] = {}
        for found, score, _ in scored:
            pid = self._by_key[found].id
            candidates[pid] = max(candidates.get(pid, 0.0), score / 100)
        ranked = tuple(Candidate(i, s) for i, s in sorted(candidates.items(), key=lambda x: -x[1]))
        if exact:
            return Match(name, exact, 1.0, ranked[:CANDIDATES])
        if ranked and ranked[0].score >= ACCEPT_SCORE and (
            len(ranked) == 1 or ranked[0].score - ranked[1].score > 0.02
        ):
            return Match(name, self.theatre.place(ranked[0].id), ranked[0].score, ranked[:CANDIDATES])
        return Match(name, None, ranked[0].score if ranked else 0.0, ranked[:CANDIDATES])

    def scan(self, text: str) -> list[Mention]:
        """Every known place name in ``text``, longest first, as non-overlapping spans."""
        folded = unicodedata.normalize("NFKD", text)
        if len(folded) != len(text):
            folded = text
        mentions = []
        for m in self._scan_re.finditer(folded.replace("\u2019", "'")):
            place = self._by_key.get(normalise(m.group(0)))
            if place is not None:
                start = m.start()
                prefix = text[max(0, start - 3):start].lower()
                if prefix == "al-":
                    start -= 3
                mentions.append(Mention(start, m.end(), place.id, text[start:m.end()]))
        return mentions


def _spellings(place: Place) -> list[str]:
    names = list(place.names)
    bracketed = re.findall(r"\(([^)]*)\)", place.name)
    for inner in bracketed:
        names.extend(part.strip() for part in re.split(r"[/;,]", inner) if part.strip())
    return names


@cache
def get_gazetteer(theatre_name: str | None = None) -> Gazetteer:
    """The gazetteer of a theatre (the configured one by default), built once."""
    return Gazetteer(load_theatre(theatre_name))
