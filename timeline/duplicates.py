"""Near-identical texts: the same wire story printed by several outlets is one source.

The plausibility rule (:mod:`timeline.control.plausibility`) asks whether a second
report is *independent* of the first; it gets each article's text from
:func:`article_texts` and compares them here, so that no control rule reads a quote.
Outlets reprint agency copy with a new headline, a dateline or a trimmed paragraph, so
exact equality misses them; two texts are near duplicates when the sets of their word
shingles (runs of ``SHINGLE_WORDS`` words, lower-cased, punctuation dropped) overlap by at
least ``NEAR_DUPLICATE`` (Jaccard index).
Texts are the quotes the store keeps for an article, never its full text, so a timeline
rebuilt from the store judges exactly as a fresh one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from timeline.records import Extraction

SHINGLE_WORDS = 3
NEAR_DUPLICATE = 0.5
_WORD = re.compile(r"\w+")
_BRACKETED = re.compile(r"\([^)]*\)")


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[tuple[str, ...]]:
    """The runs of ``size`` consecutive words of ``text`` (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Shared shingles over all shingles (0 when either text has none)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def near_duplicate(a: str, b: str, threshold: float = NEAR_DUPLICATE) -> bool:
    """Whether ``a`` and ``b`` are the same text, give or take a few words."""
    return jaccard(shingles(a), shingles(b)) >= threshold


def outlet_key(source: str) -> str:
    """An outlet's name as compared between reports: "Reuters", "reuters " and "Reuters
    (via Some Portal)" agree (a bracketed host or note names no other outlet)."""
    name = _BRACKETED.sub(" ", source)
    return " ".join(_WORD.findall(name.lower())) or " ".join(_WORD.findall(source.lower()))


def article_texts(extractions: Iterable[Extraction]) -> dict[str, str]:
    """Each article's text as the near-copy test compares it: its quotes, joined (the
    store keeps quotes, not texts, so a stored build judges as a fresh one)."""
    return {x.article.id: " ".join(dict.fromkeys(
        [e.provenance.quote for e in x.events] + [f.provenance.quote for f in x.figures]))
        for x in extractions}
