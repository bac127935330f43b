"""Sources graded as analysts grade them, and claims judged by corroboration (issue 15).

Two letters of the Admiralty (NATO) system, kept apart as that system keeps them:

**Reliability of the source** (A-F) is an analyst's judgement of the outlet
(:class:`~timeline.decisions.SourceGrade`); an outlet nobody graded is F, cannot be
judged. In the control rules a claim from an outlet graded E (unreliable) contests at
most: it can say fighting reached a district, never that the district changed hands
(:func:`demote_unreliable`), as a claimed event does (rule 7).

**Credibility of the claim** (1-6) comes from corroboration: how many independent
sources report the same thing about the same district, the same side and the same kind
of change (a capture or declaration; fighting) within the contested window. Sources are
independent as the plausibility rule counts them (different outlets whose texts are not
near copies, :mod:`timeline.duplicates`): the same wire story on three sites is one
source. The standard meanings, and how the count maps onto them:

====  ===============  ========================================================
1     confirmed        three or more independent sources agree
2     probably true    two independent sources agree
3     possibly true    one source, nothing contradicts it
4     doubtful         one source, held for review (it would flip districts
                       against the other evidence), or agreed but also contested
                       by fewer independent sources naming another side
5     improbable       contradicted: later reports have its side still taking the
                       districts, or as many independent sources name another side
6     cannot be judged it names no district on the map, or is a forecast
====  ===============  ========================================================

Credibility is computed when a claim's evidence is first read (the hover, an export),
never in the rules' hot path: the replay builds hundreds of timelines and reads none.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from timeline.control.claims import ALL_KINDS, SET_KINDS, ClaimLists, Frame, effective_day
from timeline.control.model import Review
from timeline.control.plausibility import (
    REVIEW_CONTRADICTED,
    REVIEW_SINGLE_SOURCE,
    claim_source,
    independent,
)
from timeline.control.plausibility import Source as ClaimSource
from timeline.decisions import Decisions
from timeline.duplicates import outlet_key
from timeline.records import Event

UNRELIABLE = "E"
CONFIRMED, PROBABLE, POSSIBLE, DOUBTFUL, IMPROBABLE, CANNOT_JUDGE = 1, 2, 3, 4, 5, 6
CREDIBILITY_MEANINGS = {
    CONFIRMED: "confirmed", PROBABLE: "probably true", POSSIBLE: "possibly true",
    DOUBTFUL: "doubtful", IMPROBABLE: "improbable", CANNOT_JUDGE: "cannot be judged",
}


def grade_for(decisions: Decisions, outlet: str) -> str:
    """``outlet``'s grade: as graded under that name, else under the same outlet written
    another way ("Reuters", "reuters (via portal)", :func:`timeline.duplicates.outlet_key`);
    F when nobody graded it."""
    exact = decisions.grade_of(outlet)
    if exact != "F" or not decisions.grades:
        return exact
    key = outlet_key(outlet)
    for g in reversed(decisions.grades):
        if outlet_key(g.outlet) == key:
            return g.grade
    return exact


def demote_unreliable(events: Sequence[Event], decisions: Decisions,
                      lists: ClaimLists) -> list[Event]:
    """``events`` with every reported capture or declaration from an outlet graded E read
    as *claimed*: it contests its districts at most (flagged)."""
    if not any(g.grade == UNRELIABLE for g in decisions.grades):
        return list(events)
    out = []
    for e in events:
        if (e.status == "reported" and e.kind in SET_KINDS
                and grade_for(decisions, e.provenance.source) == UNRELIABLE):
            lists.flag(e.id, "source graded E (unreliable): contests its districts at most")
            e = replace(e, status="claimed")
        out.append(e)
    return out


@dataclass
class Corroboration:
    """Credibility of each event, worked out on first request (see the module's table).

    ``texts`` are the articles' texts for the near-copy test; ``reviews`` the claims the
    plausibility rule held back; ``window`` the contested window in days.
    """

    frame: Frame
    events: Sequence[Event]
    texts: Mapping[str, str]
    reviews: Mapping[str, Review]
    window: int
    _index: dict[tuple[int, bool], tuple[list[int], list[tuple[int, Event]]]] | None = None
    _sources: dict[str, ClaimSource] = field(default_factory=dict)

    def credibility(self, event: Event) -> int:
        districts = self._districts(event)
        if event.status == "expected" or event.kind not in ALL_KINDS or not districts:
            return CANNOT_JUDGE
        review = self.reviews.get(event.id)
        if review is not None and review.reason == REVIEW_CONTRADICTED:
            return IMPROBABLE
        side = self.frame.sides.actor(event.side)
        agree, other = self._neighbours(event, districts, side)
        n, against = len(agree), len(other)
        if against and against >= n:
            return IMPROBABLE
        level = CONFIRMED if n >= 3 else PROBABLE if n == 2 else POSSIBLE
        if review is not None and review.reason == REVIEW_SINGLE_SOURCE and n == 1:
            return DOUBTFUL
        return DOUBTFUL if against else level

    def _districts(self, event: Event) -> set[int]:
        return {d for ref in event.places for d in self.frame.members.get(ref.id or "", ())}

    def _neighbours(self, event: Event, districts: set[int],
                    side: int) -> tuple[list[ClaimSource], list[ClaimSource]]:
        """Independent sources agreeing with ``event`` (itself first), and independent
        sources naming another force for the same change within the window."""
        index = self._build()
        family = event.kind in SET_KINDS
        day = effective_day(event.date).toordinal()
        agree = [self._source(event)]
        other: list[ClaimSource] = []
        seen: set[str] = {event.id}
        for d in districts:
            days, entries = index.get((d, family), ([], []))
            # only the claims within the window: a bisection, not a scan of the district
            lo = bisect_left(days, day - self.window)
            hi = bisect_right(days, day + self.window)
            for s, e in entries[lo:hi]:
                if e.id in seen:
                    continue
                seen.add(e.id)
                if s == side:
                    _add_independent(agree, self._source(e))
                elif family and s != self.frame.sides.unknown:
                    _add_independent(other, self._source(e))
        return agree, other

    def _source(self, event: Event) -> ClaimSource:
        if event.id not in self._sources:
            self._sources[event.id] = claim_source(event, self.texts)
        return self._sources[event.id]

    def _build(self) -> dict[tuple[int, bool], tuple[list[int], list[tuple[int, Event]]]]:
        """Per (district, capture-or-fighting), the claims in order of day: their days (as
        ordinals, for bisection) and (side, event)."""
        if self._index is None:
            lists: dict[tuple[int, bool], list[tuple[int, int, Event]]] = {}
            for k, e in enumerate(self.events):
                if e.status == "expected" or e.kind not in ALL_KINDS:
                    continue
                entry = (effective_day(e.date).toordinal(), k, e)
                for d in self._districts(e):
                    lists.setdefault((d, e.kind in SET_KINDS), []).append(entry)
            self._index = {}
            for key, items in lists.items():
                items.sort(key=lambda t: (t[0], t[1]))
                self._index[key] = ([t[0] for t in items],
                                    [(self.frame.sides.actor(t[2].side), t[2]) for t in items])
        return self._index


def _add_independent(sources: list[ClaimSource], new: ClaimSource) -> None:
    """Count ``new`` once: only when it is independent of every source counted so far."""
    if all(independent(new, s) for s in sources):
        sources.append(new)
