"""What the event rules read about one sentence, computed once per sentence.

A sentence's dates, places, actors and clause spans do not depend on which trigger word
is being read, so :class:`SentenceContext` holds them and every trigger of the
sentence shares them: a sentence with many trigger words is not rescanned per word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geodata.theatre import Theatre
from timeline.extract.areas import is_reference_point, list_head
from timeline.extract.articles import Sentence
from timeline.extract.clauses import since_window, subordinate_spans
from timeline.extract.datecarry import (
    CountedBack,
    aside_spans,
    counted_clauses,
    from_previous,
)
from timeline.extract.dates import DateMention
from timeline.extract.lexicon import ActorMention, PlaceMention
from timeline.records import Article


@dataclass(frozen=True)
class SentenceContext:
    """One sentence of ``article`` (``text``, offsets into it) and what it names."""

    article: Article
    sentence: Sentence
    text: str
    dates: list[DateMention]
    places: list[PlaceMention]
    actors: list[ActorMention]
    parents: dict[str, str]
    kinds: dict[str, str]
    theatre: Theatre
    whole: frozenset[str]
    following: tuple[str, list[PlaceMention]] = ("", [])  # the next sentence, its places
    headline: str | None = None  # how the headline names the city, if it does
    clauses: SentenceClauses = field(init=False)
    usable: list[PlaceMention] = field(init=False)  # places an event may be about

    def __post_init__(self) -> None:
        object.__setattr__(self, "clauses", SentenceClauses.of(self.text, self.dates))
        # each place as the head of its list, reference points ("near Mosul") left out
        object.__setattr__(self, "usable", [
            list_head(self.text, p, self.kinds) for p in self.places
            if not is_reference_point(self.text, p, self.whole)])


@dataclass(frozen=True)
class SentenceClauses:
    """Spans of a sentence that date rules consult for every trigger in it."""

    since: tuple[int, int] | None  # the "since ..." clause
    asides: list[tuple[int, int]]  # relative clauses (", which ... ,")
    subordinate: list[tuple[int, int]]  # "after/before/until <clause>"
    resolved: list[tuple[int, int]]  # the date mentions' spans
    step: int | None  # days from the previous stated date ("two days later")
    counted: list[tuple[int, CountedBack]]  # unresolved "N days after <clause>"

    @classmethod
    def of(cls, text: str, dates: list[DateMention]) -> SentenceClauses:
        resolved = [(d.start, d.end) for d in dates]
        return cls(since_window(text), aside_spans(text), subordinate_spans(text), resolved,
                   from_previous(text, resolved), counted_clauses(text, resolved))
