"""What the wording fixtures' tests share: an expected event, and whether one matches it.

Each class of wording (``tests/fixtures/wording/*.md``, our own sentences) lists the
events the reader must take from it as :data:`Want` rows; a test then checks both ways:
every row is read, and nothing else is.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from timeline.extract.articles import load_article
from timeline.extract.extractor import extract_article
from timeline.records import Event, Extraction

WORDING = Path(__file__).resolve().parents[1] / "fixtures" / "wording"

# (kind, place ids or unresolved mentions, date, status, words of the quote)
Want = tuple[str, set[str], str, str, str]


@cache
def extract(name: str) -> Extraction:
    """The reader's extraction of the wording fixture ``name`` (read once per run)."""
    return extract_article(load_article(WORDING / name))


def places(event: Event) -> set[str]:
    return {p.id or p.mention for p in event.places}


def matches(event: Event, want: Want) -> bool:
    kind, where, date, status, words = want
    return (event.kind == kind and places(event) == where and event.date.iso() == date
            and event.status == status and words in event.provenance.quote)


def table(x: Extraction) -> list[tuple[str, list[str], str, str]]:
    """The events of ``x`` as a failing assertion shows them."""
    return [(e.kind, sorted(places(e)), e.date.iso(), e.status) for e in x.events]
