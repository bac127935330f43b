"""Place names to gazetteer ids: exact match on a normalised key, then fuzzy matching.

:class:`Gazetteer` answers two questions: :meth:`Gazetteer.match` resolves one name
(the ``geocode`` command) and :meth:`Gazetteer.scan` finds every known name in running
text (the extractor). A name that is not in the theatre comes back with ``id=None`` and
its candidates, never as a wrong district.

Matching runs in three steps, each stricter about what it trusts:

1. the :func:`~geodata.normalize.normalise` key of a spelling (case, diacritics,
   article, filler words, doubled letters): score 1.0;
2. the consonant :func:`~geodata.normalize.skeleton` (transliteration pairs), only when
   it names a single place: score :data:`SKELETON_SCORE`;
3. rapidfuzz ``ratio`` on the keys, accepted at :data:`ACCEPT_SCORE` with a clear lead
   over the runner-up (``ratio`` rather than ``WRatio``: partial matching would resolve
   "Sinjar" to Bab Sinjar and "Kirkuk" to Kirkukli).

A key shared by two places (``al-Hadba``: the minaret and the east-bank district)
resolves to neither: ``id=None`` with both as candidates (in prose, a name on each bank,
such as al-Sihha, goes to the bank of the other places the text names). English words a step away
from a place key (:data:`~geodata.spellings.NOT_NAMES`: "Arab", "Shia", "Syrian")
never resolve by steps 2 and 3.

:meth:`Gazetteer.scan` looks up exact keys first; a whole run of words written like a
name that no key spells then goes through steps 2 and 3 as well (transliterated names
only, not glosses), so that prose finds every name ``geocode`` resolves ("Yarmok",
"Islah al-Zeraie").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from geodata.gazetteer_tokens import Token, name_like, read_tokens, same_gloss, written_as_name
from geodata.normalize import (
    FILLER_WORDS,
    MAX_NAME_CHARS,
    consonants,
    fold,
    normalise,
    skeleton,
    strip_attached_article,
)
from geodata.spellings import NOT_NAMES, Spelling, drop_clashing_notes, spellings
from geodata.theatre import Place, Theatre, load_theatre

ACCEPT_SCORE = 0.86
SKELETON_SCORE = 0.9
MIN_SKELETON_CONSONANTS = 3
LEAD = 0.04
MIN_LOOSE_CHARS = 4
CANDIDATES = 5
LOOSE_RUN_WORDS = 2  # a loose run reads at most this many names' worth of words



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


class Gazetteer:
    """Name lookup for one theatre."""

    def __init__(self, theatre: Theatre) -> None:
        self.theatre = theatre
        self.spellings: tuple[Spelling, ...] = tuple(
            drop_clashing_notes([s for place in theatre.places for s in spellings(place)])
        )
        self._by_key = _index((s.key, s.place_id, s.primary) for s in self.spellings)
        self._owners = _index((s.key, s.place_id, False) for s in self.spellings)
        self._by_skeleton = _index(
            (skeleton(s.key), s.place_id, s.primary)
            for s in self.spellings
            if not s.gloss and consonants(skeleton(s.key)) >= MIN_SKELETON_CONSONANTS
        )
        self._keys = list(self._by_key)
        self._by_name = _index((s.key, s.place_id, s.primary) for s in self.spellings
                               if not s.gloss)
        self._name_keys = list(self._by_name)
        self._loose_cache: dict[str, str | None] = {}
        self._gloss_keys = {s.key for s in self.spellings if s.gloss}
        self._name_words = {w for k in self._name_keys if " " in k for w in k.split()}
        self._dated = [
            (re.compile(rf"\b({re.escape(s.text)})\s+(?:district|neighbou?rhood|quarter|area)\b",
                        re.IGNORECASE), s.place_id)
            for s in self.spellings if s.gloss and any(ch.isdigit() for ch in s.text)]
        self._loose_words = max(len(k.split()) for k in self._name_keys)
        self._scan_index: dict[str, list[Spelling]] = {}
        for s in self.spellings:
            if s.scannable:
                self._scan_index.setdefault(s.key, []).append(s)
        self._max_words = 3 + max(len(s.key.split()) for s in self.spellings)
        self._city_keys = {s.key for s in self.spellings if s.place_id == theatre.city_area}

    @classmethod
    def from_theatre(cls, theatre: Theatre | None = None) -> Gazetteer:
        return cls(theatre or load_theatre())

    def match(self, name: str) -> Match:
        """Resolve one name; an unknown, ambiguous, empty or over-long name gives ``id=None``."""
        if len(name) > MAX_NAME_CHARS:
            return Match(name, None, 0.0, ())
        key = normalise(name)
        if not key:
            return Match(name, None, 0.0, ())
        ranked = self._fuzzy(key, self._keys)
        ids, score = self._resolve(key, ranked, self._by_key)
        if ids:
            return self._decide(name, ids, score, ranked)
        return Match(name, None, ranked[0][1] if ranked else 0.0, _candidates(ranked))

    def _resolve(self, key: str, ranked: list[tuple[str, float]],
                 by_key: dict[str, tuple[str, ...]]) -> tuple[tuple[str, ...], float]:
        """The three steps of :meth:`match` on a key: (ids, score), ids empty when none."""
        exact = by_key.get(key) or by_key.get(strip_attached_article(key))
        if exact:
            return exact, 1.0
        if key in NOT_NAMES:
            return (), 0.0
        by_skeleton = self._by_skeleton.get(skeleton(key))
        if by_skeleton and len(by_skeleton) == 1:
            return by_skeleton, max(SKELETON_SCORE, dict(ranked).get(by_skeleton[0], 0.0))
        if ranked and ranked[0][1] >= ACCEPT_SCORE and (
            len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= LEAD
        ):
            return (ranked[0][0],), ranked[0][1]
        return (), 0.0

    def _loose(self, key: str) -> str | None:
        """The place a name-like run of prose spells when no exact key does: the same
        skeleton and fuzzy steps as :meth:`match`, over transliterated names only (an
        English gloss such as "Economists" must not pull in "Economist")."""
        if key not in self._loose_cache:
            found = None
            if len(key.replace(" ", "")) >= MIN_LOOSE_CHARS and key not in self._gloss_keys:
                ids, _ = self._resolve(key, self._fuzzy(key, self._name_keys), self._by_name)
                found = ids[0] if len(ids) == 1 else None
            self._loose_cache[key] = found
        return self._loose_cache[key]

    def _decide(
        self, name: str, ids: tuple[str, ...], score: float, ranked: list[tuple[str, float]]
    ) -> Match:
        scores = dict(ranked)
        scores.update(dict.fromkeys(ids, score))
        merged = sorted(scores.items(), key=lambda item: (-item[1], item[0] not in ids))
        place = self.theatre.place(ids[0]) if len(ids) == 1 else None
        return Match(name, place, score, _candidates(merged))

    def _fuzzy(self, key: str, keys: list[str]) -> list[tuple[str, float]]:
        """Places ranked by their best-matching spelling key (rapidfuzz ``ratio``)."""
        best: dict[str, float] = {}
        for found, score, _ in process.extract(
            key, keys, scorer=fuzz.ratio, limit=CANDIDATES * 4, score_cutoff=30
        ):
            for pid in self._owners[found]:
                best[pid] = max(best.get(pid, 0.0), score / 100)
        return sorted(best.items(), key=lambda item: -item[1])

    def scan(self, text: str) -> list[Mention]:
        """Every known place name in ``text``, longest first, as non-overlapping spans.

        Running prose is full of English words that double as translated names
        ("factories", "Police", "Unity"), so a hit must be written like a name: it holds
        a capital letter, Arabic script or a hyphenated article ("al-maamel"), and comes
        from a transliterated spelling. A translation gloss only counts when it has two
        or more content words and is written exactly as in the gazetteer ("the western
        side"). A bank area followed by "of <city>" takes the city into its span.
        """
        tokens = read_tokens(text)
        mentions: list[Mention] = []
        homonyms: list[tuple[int, int, tuple[str, ...]]] = []
        i = 0
        while i < len(tokens):
            hit = self._longest_hit(tokens, i)
            if hit is None:
                i += 1
                continue
            end_index, ids = hit
            start = tokens[i].start
            end = tokens[end_index - 1].end
            if len(ids) > 1:
                homonyms.append((start, end, ids))
                i = end_index
                continue
            place_id = ids[0]
            end_index, end = self._extend_of_city(tokens, end_index, end, place_id)
            if i > 0 and fold(tokens[i - 1].text) == "the" and self._starts_with_the(place_id):
                start = tokens[i - 1].start
            mentions.append(Mention(start, end, place_id, text[start:end]))
            i = end_index
        mentions += self._by_bank(text, homonyms, mentions)
        return self._dated_names(text, mentions)

    def _by_bank(self, text: str, homonyms: list[tuple[int, int, tuple[str, ...]]],
                 mentions: list[Mention]) -> list[Mention]:
        """Same-name places on the two banks (al-Sihha west and east): the one on the
        bank that the text's other places are on, when they agree; else none."""
        places = self.theatre.places_by_id
        banks = Counter(places[m.id].bank for m in mentions if places[m.id].bank)
        out = []
        for start, end, ids in homonyms:
            ranked = sorted(ids, key=lambda pid: -banks[places[pid].bank])
            if banks[places[ranked[0]].bank] > banks[places[ranked[1]].bank]:
                out.append(Mention(start, end, ranked[0], text[start:end]))
        return out

    def _dated_names(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A name that reads as a date ("July 17" for 17 Tammuz) counts only with its
        place noun after it ("the July 17 neighbourhood"); a bare date is a date."""
        for pattern, place_id in self._dated:
            for m in pattern.finditer(text):
                if not any(h.start < m.end(1) and m.start(1) < h.end for h in mentions):
                    mentions.append(Mention(m.start(1), m.end(1), place_id, m.group(1)))
        return sorted(mentions, key=lambda h: h.start)

    def _longest_hit(self, tokens: list[Token], i: int) -> tuple[int, tuple[str, ...]] | None:
        """(end token index, place ids) of the longest name starting at token ``i``: one
        id, or same-name places on different banks for :meth:`_by_bank` to choose from.

        A run of words only continues over spaces or hyphens, never over punctuation
        ("Karamah, Khadra" is two names); articles and filler words add nothing to the key.
        """
        if not tokens[i].key and not tokens[i].is_article:
            return None
        keys: list[str] = []
        found: tuple[int, tuple[str, ...]] | None = None
        for j in range(i, min(len(tokens), i + self._max_words)):
            if j > i and not tokens[j].follows_closely:
                break
            if not tokens[j].key:
                continue
            keys.append(tokens[j].key)
            ids = self._scan_place(" ".join(keys), tokens[i : j + 1])
            if ids:
                found = (j + 1, ids)
        loose = self._loose_hit(tokens, i)
        if loose and (found is None or loose[0] > found[0]):
            return loose[0], (loose[1],)
        return found

    def _loose_hit(self, tokens: list[Token], i: int) -> tuple[int, str] | None:
        """The longest run of name-like words at ``i`` that :meth:`match` would resolve
        although no spelling has its exact key ("Yarmok", "Kokjeli", "Islah al-Zeraie"):
        prose finds every name the ``geocode`` command resolves."""
        if not name_like(tokens[i]) or (i > 0 and tokens[i].follows_closely
                                         and tokens[i - 1].key and name_like(tokens[i - 1])):
            return None  # only a whole name: not "Saadi" of "Abdul-Wahab al-Saadi"
        run = [i]
        # A name is a few words: a run is read no further than a name could reach, so
        # that a long string of capitalised words is not re-read from every word in it.
        for j in range(i + 1, min(len(tokens), i + LOOSE_RUN_WORDS * self._max_words)):
            word = tokens[j].folded
            if not tokens[j].follows_closely or not (
                    name_like(tokens[j]) or word in FILLER_WORDS or word in self._name_words):
                break
            run.append(j)
        while len(run) > 1 and not tokens[run[-1]].key:
            run.pop()  # "Yarmok district": the name ends at its last word with a key
        if not written_as_name(" ".join(tokens[j].text for j in run)):
            return None  # "an old bridge": an article before common words is no name
        # The whole run, else up to its last capitalised word ("Yarmok market" is Yarmok).
        ends = [run[-1]] + ([j for j in run if tokens[j].key and name_like(tokens[j])][-1:]
                            if not name_like(tokens[run[-1]]) else [])
        for end in ends:
            keys = [tokens[j].key for j in range(i, end + 1) if tokens[j].key]
            if len(keys) > self._loose_words:
                continue
            place_id = self._loose(" ".join(keys))
            if place_id is not None:
                return end + 1, place_id
        return None

    def _scan_place(self, key: str, run: list[Token]) -> tuple[str, ...]:
        spelled = self._scan_index.get(key)
        if not spelled:
            return ()
        surface = " ".join(t.text for t in run)
        names = {s.place_id for s in spelled if not s.gloss}
        if names and written_as_name(surface):
            if len(names) == 1:
                return (names.pop(),)
            chosen = self._by_key.get(key, ())  # a primary name beats another's variant
            if len(chosen) == 1 and chosen[0] in names:
                return chosen
            places = self.theatre.places_by_id
            if len(chosen) == 2 and len({places[pid].bank for pid in chosen} - {""}) == 2:
                return chosen  # one name on each bank: the text's other places decide
            return ()
        glossed = {s.place_id for s in spelled if s.gloss and same_gloss(surface, s.text)}
        return (glossed.pop(),) if len(glossed) == 1 else ()

    def _extend_of_city(
        self, tokens: list[Token], end_index: int, end: int, place_id: str
    ) -> tuple[int, int]:
        """"the western side" + " of Mosul": the bank area's span takes in the city."""
        place = self.theatre.places_by_id[place_id]
        if place.kind != "area" or not place.bank or end_index + 1 >= len(tokens):
            return end_index, end
        if fold(tokens[end_index].text) != "of":
            return end_index, end
        for stop in range(end_index + 2, min(len(tokens), end_index + 4) + 1):
            key = " ".join(t.key for t in tokens[end_index + 1 : stop] if t.key)
            if key in self._city_keys:
                return stop, tokens[stop - 1].end
        return end_index, end

    def _starts_with_the(self, place_id: str) -> bool:
        return any(
            s.place_id == place_id and s.text.lower().startswith("the ") for s in self.spellings
        )


def _index(entries: Iterable[tuple[str, str, bool]]) -> dict[str, tuple[str, ...]]:
    """Map each key to the ids of the places spelled that way (sorted, usually one).

    When places share a key and exactly one of them has it as its primary name, that
    place keeps the key ("al-Hadbaa" the district over "al-Hadba" the minaret).
    """
    table: dict[str, dict[str, bool]] = {}
    for key, place_id, primary in entries:
        if key:
            owners = table.setdefault(key, {})
            owners[place_id] = owners.get(place_id, False) or primary
    out = {}
    for key, owners in table.items():
        primaries = [pid for pid, is_primary in owners.items() if is_primary]
        out[key] = tuple(primaries) if len(primaries) == 1 else tuple(sorted(owners))
    return out


def _candidates(ranked: list[tuple[str, float]]) -> tuple[Candidate, ...]:
    return tuple(Candidate(pid, score) for pid, score in ranked[:CANDIDATES])


@cache
def get_gazetteer(theatre_name: str | None = None) -> Gazetteer:
    """The gazetteer of a theatre (the configured one by default); a run builds it once
    and passes it to every extraction."""
    return Gazetteer(load_theatre(theatre_name))
