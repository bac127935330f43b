"""The names extraction could not place, as the analysts' list shows them.

Each unresolved name is listed once (names compared as claim ids compare text,
:func:`timeline.ids.normalise`), with how many reports name it and one sentence that
does, so an analyst can decide what it is without opening every report. The list is
read from extractions the decisions already corrected: a name decided is not listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from timeline.curation import claims_of
from timeline.ids import normalise
from timeline.records import Extraction


@dataclass(frozen=True)
class Unresolved:
    """One unresolved name: as first written, how many reports name it, and where."""

    name: str
    reports: int
    example: str
    article: str


def unresolved_names(extractions: Iterable[Extraction]) -> list[Unresolved]:
    """Every unresolved name, most-named first, then alphabetically."""
    first: dict[str, str] = {}
    counts: dict[str, int] = {}
    where: dict[str, tuple[str, str]] = {}
    for ex in extractions:
        quotes = {normalise(r.mention): c.provenance.quote for c in claims_of(ex)
                  for r in c.places if r.id is None}
        for name in dict.fromkeys(ex.unresolved_places):
            key = normalise(name)
            first.setdefault(key, name)
            counts[key] = counts.get(key, 0) + 1
            if not where.get(key, ("", ""))[0]:
                where[key] = (quotes.get(key, ""), ex.article.title or ex.article.id)
    rows = [Unresolved(first[k], counts[k], *where[k]) for k in first]
    return sorted(rows, key=lambda u: (-u.reports, u.name.lower()))
