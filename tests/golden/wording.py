"""What the wording fixtures' tests share: an expected event, and whether one matches it.

Each class of wording (``tests/fixtures/wording/*.md``, our own sentences) lists the
events the reader must take from it as :data:`Want` rows; a test then checks both ways:
every row is read, and nothing else is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

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


def both_ways(fixture: str, expected: list[Want]
              ) -> tuple[Callable[[Want], None], Callable[[], None]]:
    """The two checks of a fixture, for its module to bind to test names: every
    expected event is read (one test per row, named by its quote), and nothing else is."""

    @pytest.mark.parametrize("want", expected, ids=lambda w: w[4])
    def every_expected_event_is_read(want: Want) -> None:
        x = extract(fixture)
        assert [e for e in x.events if matches(e, want)], table(x)

    def nothing_else_is_read() -> None:
        for event in extract(fixture).events:
            assert any(matches(event, want) for want in expected), event.to_json()

    return every_expected_event_is_read, nothing_else_is_read
