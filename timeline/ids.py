"""Ids that survive change: the one owner of article ids and claim ids.

Analyst decisions are keyed on these ids, so each is derived from what a thing *is*,
never from where it sits in a list, a folder listing or the text.

Article ids
-----------
:func:`article_id` is a slug of the file stem: NFKC-normalised and casefolded, runs of
letters, combining marks and digits of any script kept (``الموصل.md`` stays
``الموصل``; marks are kept because Arabic vowel signs and Indic vowel signs are part of
their words), every other run turned into one ``-``. A stem with no letter or digit
(``___.md``) becomes ``article-`` and 8 hex digits of the sha256 of the exact file
name; a slug over 120 UTF-8 bytes is cut to 100 and gets the same hash, so an id is
always a valid file name for the store.

:func:`article_ids` makes the ids of one folder unique without depending on the order
the names are listed in. Names whose ids clash all give up the shared id (none is
preferred, so listing order never matters): first each takes its extension
(``a_b.md`` and ``a-b.csv`` become ``a-b-md`` and ``a-b-csv``), then names still alike
(``a_b.md`` beside ``a-b.md``) take 8 hex digits of their exact file name's hash. Each
group is a :class:`IdCollision`, reported by ingest on one line; nothing is merged.

Claim ids
---------
An event's or figure's id is ``{article_id}:e-{digest}`` or ``{article_id}:f-{digest}``,
``digest`` being 10 hex digits of the sha256 of the claim's key:

- an event: its normalised sentence, its kind, and its sorted place ids (an unresolved
  place by its normalised mention);
- a figure: its normalised sentence, its kind and its numbers (value, low, high), so
  two figures of one sentence differ;
- a row of an analyst chronology: its cells instead of the sentence, each normalised,
  trailing empty cells dropped, so the line number and the CSV quoting do not count.

Normalised text is NFKC, curly quotes and dashes made plain, whitespace runs made one
space, casefolded. When claims of one article share a key ("Forces took X." said
twice), the first in reading order keeps the bare digest and the next are ``-2``,
``-3``. Ids therefore hold when a sentence is added before the claim, when extraction
finds more or less elsewhere in the article, and when the claim's date, actor or span
changes; they change when the claim's own sentence, kind, places or numbers change,
because it is then another claim. Every id uses only letters, digits, ``-`` and ``:``,
safe in URLs, file names and HTML ids.

Extraction gives claims provisional ids; :func:`assign_claim_ids` replaces them in one
pass at the end, and rewrites any mention of a provisional id in flags and notes (a
date counted from "the article's event ...") so references keep pointing at the claim.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import PurePath

from timeline.records import BASIS_ANALYST, Event, Extraction, Figure

EVENT_PREFIX = "e"
FIGURE_PREFIX = "f"
EMPTY_SLUG = "article"
DIGEST_CHARS = 10
NAME_HASH_CHARS = 8
MAX_SLUG_BYTES = 120
CUT_SLUG_BYTES = 100
_QUOTES = str.maketrans({**dict.fromkeys("‘’‚‛′`´", "'"), **dict.fromkeys("“”„‟″«»", '"'),
                         **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-")})
_SPACE = re.compile(r"\s+")

ClaimKey = tuple[str, str, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class IdCollision:
    """Files of one folder whose ids clashed, and the distinct ids each now has."""

    names: tuple[str, ...]
    ids: tuple[str, ...]
    slugs: tuple[str, ...]

    def line(self) -> str:
        """The one line ingest prints about this collision."""
        return (f"id collision: {', '.join(self.names)} read alike as "
                f"{', '.join(self.slugs)}; kept apart as {', '.join(self.ids)}")


@dataclass(frozen=True)
class ArticleIds:
    """The ids of one folder's files: ``ids`` maps each file name to its id."""

    ids: Mapping[str, str]
    collisions: tuple[IdCollision, ...] = ()


def article_id(path: str | PurePath) -> str:
    """The id of one file taken alone: ``2017-05-10 Iraqi News (al-Maamel).md`` ->
    ``2017-05-10-iraqi-news-al-maamel``. :func:`article_ids` is what keeps a folder's
    ids unique."""
    name = PurePath(path).name
    slug = _slug(PurePath(name).stem)
    if not slug:
        return f"{EMPTY_SLUG}-{_name_hash(name, NAME_HASH_CHARS)}"
    if len(slug.encode()) > MAX_SLUG_BYTES:
        cut = slug.encode()[:CUT_SLUG_BYTES].decode(errors="ignore").strip("-")
        return f"{cut}-{_name_hash(name, NAME_HASH_CHARS)}"
    return slug


def article_ids(names: Iterable[str | PurePath]) -> ArticleIds:
    """Ids for the files of one folder, unique, the same whatever the listing order."""
    unique = sorted({PurePath(n).name for n in names})
    slugs = {name: article_id(name) for name in unique}
    ids = dict(slugs)
    together = _Groups(unique)
    steps: tuple[Callable[[str, str], str], ...] = (
        _with_extension,
        lambda current, name: f"{current}-{_name_hash(name, NAME_HASH_CHARS)}",
        lambda current, name: f"{current}-{_name_hash(name, 64)}",
    )
    for step in steps:
        clashes = _clashes(ids)
        if not clashes:
            break
        for group in clashes:
            together.join(group)
            for name in group:
                ids[name] = step(ids[name], name)
    if _clashes(ids):
        raise ValueError(f"article ids still clash after every suffix: {sorted(ids)}")
    collisions = tuple(
        IdCollision(group, tuple(ids[n] for n in group),
                    tuple(sorted({slugs[n] for n in group})))
        for group in together.groups())
    return ArticleIds(ids, collisions)


def normalise(text: str) -> str:
    """Text as an id sees it: NFKC, plain quotes and dashes, one space, casefolded."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().casefold()


def claim_key(claim: Event | Figure) -> ClaimKey:
    """What a claim's id is a hash of: its prefix, kind, what it says, and its places (an
    event) or numbers (a figure). See the module docstring."""
    prov = claim.provenance
    said = _row_cells(prov.quote) if prov.basis == BASIS_ANALYST else (normalise(prov.quote),)
    if isinstance(claim, Event):
        places = tuple(sorted(ref.id or f"?{normalise(ref.mention)}" for ref in claim.places))
        return EVENT_PREFIX, claim.kind, said, places
    numbers = (_number(claim.value), _number(claim.low), _number(claim.high))
    return FIGURE_PREFIX, claim.kind, said, numbers


def claim_ids(article: str, claims: Iterable[Event | Figure]) -> list[str]:
    """The ids of ``claims`` of one article, in the order given (reading order)."""
    seen: Counter[str] = Counter()
    out = []
    for claim in claims:
        key = claim_key(claim)
        digest = hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()
        base = f"{article}:{key[0]}-{digest[:DIGEST_CHARS]}"
        seen[base] += 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def assign_claim_ids(extraction: Extraction) -> Extraction:
    """``extraction`` with every event and figure under its content id.

    The one place claim ids are set: extraction's provisional ids, and any flag or note
    that names one, are replaced here. Applying it twice changes nothing.
    """
    article = extraction.article.id
    event_ids = claim_ids(article, extraction.events)
    figure_ids = claim_ids(article, extraction.figures)
    renamed = {c.id: new for c, new in zip(extraction.events, event_ids, strict=True)}
    renamed.update({c.id: new for c, new in zip(extraction.figures, figure_ids, strict=True)})
    rename = _renamer({old: new for old, new in renamed.items() if old and old != new})
    events = tuple(replace(e, id=new, flags=tuple(map(rename, e.flags)), note=rename(e.note))
                   for e, new in zip(extraction.events, event_ids, strict=True))
    figures = tuple(replace(f, id=new, flags=tuple(map(rename, f.flags)), note=rename(f.note))
                    for f, new in zip(extraction.figures, figure_ids, strict=True))
    return replace(extraction, events=events, figures=figures)


def _slug(stem: str) -> str:
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", stem).casefold())
    kept = "".join(ch if unicodedata.category(ch)[0] in "LMN" else " " for ch in text)
    words = [w for w in kept.split() if any(unicodedata.category(ch)[0] in "LN" for ch in w)]
    return "-".join(words)


def _name_hash(name: str, chars: int) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:chars]


def _with_extension(current: str, name: str) -> str:
    extension = _slug(PurePath(name).suffix)
    return f"{current}-{extension}" if extension else current


def _clashes(ids: Mapping[str, str]) -> list[tuple[str, ...]]:
    by_id: defaultdict[str, list[str]] = defaultdict(list)
    for name, value in ids.items():
        by_id[value].append(name)
    return [tuple(sorted(names)) for names in by_id.values() if len(names) > 1]


class _Groups:
    """Names that clashed together, directly or through a later suffix (union-find)."""

    def __init__(self, names: Iterable[str]) -> None:
        self._parent = {name: name for name in names}
        self._clashed: set[str] = set()

    def join(self, names: tuple[str, ...]) -> None:
        self._clashed.update(names)
        first = self._root(names[0])
        for name in names[1:]:
            self._parent[self._root(name)] = first

    def groups(self) -> list[tuple[str, ...]]:
        out: defaultdict[str, list[str]] = defaultdict(list)
        for name in sorted(self._clashed):
            out[self._root(name)].append(name)
        return sorted(tuple(g) for g in out.values())

    def _root(self, name: str) -> str:
        while self._parent[name] != name:
            name = self._parent[name]
        return name


def _row_cells(line: str) -> tuple[str, ...]:
    cells = [normalise(c) for c in next(csv.reader([line]), [])]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _number(value: float | None) -> str:
    return "" if value is None else f"{float(value):.12g}"


def _renamer(renamed: Mapping[str, str]) -> Callable[[str], str]:
    """Replace whole provisional ids in free text (``a:e1`` never inside ``a:e12``)."""
    if not renamed:
        return lambda text: text
    alternatives = "|".join(re.escape(old) for old in sorted(renamed, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w:-])(?:{alternatives})(?![\w-])")
    return lambda text: pattern.sub(lambda m: renamed[m.group(0)], text) if text else text
