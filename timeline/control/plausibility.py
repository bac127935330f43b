"""Rule 9, plausibility: one report does not turn a bank over on its own.

Extraction can over-reach ("seven villages near Mosul captured" read as Mosul
captured), and a real report can be wrong. So an article whose set claims of one day
would flip more than ``max_flips`` districts, or every district of a bank, against the
state the other evidence gives on that day is applied as *claimed*: each flip only
contests its district (for the contested window) and the claim carries a
:class:`Review` for an analyst, until a second, independent source says the same. A
flip counts once another source names the same district, or the same area, for the
same side within the contested window; a source is independent when its outlet
differs and its text is not a near copy (:mod:`timeline.duplicates`): the same
wire story on several sites is one source. A claim that a whole area fell on a day is
wrong, however many sources repeat it, when later reports have its side still taking
some of those districts: then it only contests them, held for review as contradicted.

Exempt: an explicit whole-area declaration dated to the day
(:func:`timeline.control.claims.is_day_declaration`), analyst chronology rows (each
row is judged on its own cited sources, and can corroborate an article) and analyst
decisions. Share inferences (rule 6) come after this rule and are bounded by their
figure.

An area claim that flips nothing (everything it names is already held by its side)
is not cited for those districts: their own evidence is the sentence about them, not
a broad restatement such as "the city ISIS took in 2014".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from timeline.control.claims import (
    INFERRED,
    SPEC_AREA,
    ClaimLists,
    Claims,
    Frame,
    is_day_declaration,
)
from timeline.control.model import Review
from timeline.control.rules import compute_state
from timeline.duplicates import near_duplicate, outlet_key
from timeline.records import BASIS_ANALYST, Event

REVIEW_SINGLE_SOURCE = "single-source"
REVIEW_CONTRADICTED = "contradicted-later"


@dataclass(frozen=True)
class Source:
    """Who stands behind a claim: its article, outlet and text (its article's quotes; an
    analyst row's outlet is the source the row cites)."""

    article: str
    outlet: str
    text: str
    analyst: bool


def review_claims(frame: Frame, lists: ClaimLists, events: Mapping[str, Event],
                  texts: Mapping[str, str], bank: np.ndarray, max_flips: int,
                  window: int) -> None:
    """Apply rule 9 to the set claims collected in ``lists`` (in place).

    ``events`` are the events by id, ``texts`` each article's quotes joined (for the
    near-copy test), ``bank`` the bank of each district, ``window`` the days within which
    a second source counts. Whole-array steps over claim groups; Python loops only over
    the flips of implausible groups.
    """
    claims = lists.freeze()
    if claims.set_d.size == 0:
        return
    # Per cause (one per event), then per row by indexing: 100,000 events stay cheap.
    cause_event = [events.get(c[0]) if len(c) == 1 else None for c in claims.causes]
    index: dict[str, int] = {}
    cause_art = np.array([-1 if e is None or not _judged(frame, e)
                          else index.setdefault(e.provenance.article_id, len(index))
                          for e in cause_event] + [-1], dtype=np.int64)
    row_art = cause_art[claims.set_cause]
    row_event = _RowEvents(cause_event, claims.set_cause)
    subject = row_art >= 0
    area = subject & (claims.set_spec == SPEC_AREA)
    # A claim group is one article's claims taking effect on one day: a report that
    # dates ten captures over nine months flips no bank overnight.
    group = np.where(subject, row_art * (frame.n_days + 1) + claims.set_day, -1)
    banks = np.unique(bank, return_inverse=True)[1].reshape(-1)
    suspect = _flagged(group, subject, claims.set_d, banks, max_flips)[np.maximum(group, 0)]
    held_back = area | (subject & suspect)
    if not held_back.any():
        return
    ref = _reference(claims, ~held_back, frame)
    agree = held_back & (ref[claims.set_d, claims.set_day] == claims.set_side)
    keep = ~(area & agree)
    for eid in dict.fromkeys(e.id for r in np.flatnonzero(area & agree).tolist()
                             if (e := row_event[r]) is not None):
        lists.flag(eid, "restates what other evidence already shows: not cited for "
                        "those districts")
    flip = subject & suspect & ~agree
    flip &= _flagged(group, flip, claims.set_d, banks, max_flips)[np.maximum(group, 0)]
    if flip.any():
        alone, notes = _unsupported(flip, group, claims, row_event, texts, window)
        keep[alone] = False
        lists.ov_chunks.append((claims.set_d[alone], claims.set_day[alone],
                                claims.set_day[alone] + window, claims.set_side[alone],
                                np.full(alone.size, INFERRED), claims.set_cause[alone]))
        for r in alone.tolist():
            event = row_event[r]
            if event is not None and event.id not in lists.reviews:
                lists.reviews[event.id] = review = notes[int(group[r])]
                lists.flag(event.id, f"held for review: {review.note}; contests its "
                                     f"districts at most")
    lists.keep_sets(keep)


class _RowEvents:
    """The event behind each set row, looked up on demand (by its cause)."""

    def __init__(self, cause_event: list[Event | None], set_cause: np.ndarray) -> None:
        self._events = cause_event
        self._cause = set_cause

    def __getitem__(self, row: int) -> Event | None:
        c = int(self._cause[row])
        return self._events[c] if 0 <= c < len(self._events) else None

    def present(self) -> np.ndarray:
        """Per row, whether an event stands behind it."""
        has = np.array([e is not None for e in self._events] + [False], bool)
        return has[self._cause]


def _flagged(group: np.ndarray, rows: np.ndarray, d: np.ndarray, banks: np.ndarray,
             max_flips: int) -> np.ndarray:
    """Per group id, whether the rows ``rows`` of the group name more than ``max_flips``
    districts or every district of a bank."""
    size = max(int(group.max()) + 1 if group.size else 1, 1)
    sel = rows & (group >= 0)
    if not sel.any():
        return np.zeros(size, bool)
    n_d = int(banks.size)
    pairs = np.unique(group[sel] * n_d + d[sel])
    g, dd = pairs // n_d, pairs % n_d
    many = np.bincount(g, minlength=size) > max_flips
    bank_size = np.bincount(banks)
    n_banks = bank_size.size
    per_bank = np.bincount(g * n_banks + banks[dd], minlength=size * n_banks)
    return many | (per_bank.reshape(size, n_banks) >= bank_size).any(axis=1)


YEAR_DAYS = 366  # the longest stated period: a claim dated to a year


def _unsupported(flip: np.ndarray, group: np.ndarray, claims: Claims,
                 row_event: _RowEvents, texts: Mapping[str, str],
                 window: int) -> tuple[np.ndarray, dict[int, Review]]:
    """The flips that stay contests, and each group's review: a whole group contradicted
    by later reports (its side named taking one of its districts after its day), else
    each flip no independent source corroborates."""
    named = claims.set_spec != SPEC_AREA
    last = np.full((int(claims.set_d.max()) + 1, int(claims.set_side.max()) + 1), -1,
                   np.int64)
    np.maximum.at(last, (claims.set_d[named], claims.set_side[named]), claims.set_day[named])
    taken_later = flip & (last[claims.set_d, claims.set_side] > claims.set_day)
    rows = np.flatnonzero(flip)
    notes: dict[int, Review] = {}
    alone: list[int] = []
    sources: dict[str, Source] = {}
    candidates = _by_district_side(claims, row_event)
    for g in np.unique(group[rows]).tolist():
        mine = rows[group[rows] == g]
        flips = len(set(claims.set_d[mine].tolist()))
        later = len(set(claims.set_d[mine[taken_later[mine]]].tolist()))
        if later:
            notes[g] = Review(REVIEW_CONTRADICTED, flips,
                              f"one report would flip {flips} districts at once, but later "
                              f"reports have the same side still taking {later} of them")
            alone.extend(mine.tolist())
            continue
        notes[g] = Review(REVIEW_SINGLE_SOURCE, flips,
                          f"one source; flips {flips} districts against the other "
                          f"evidence; needs a second source")
        alone.extend(r for r in mine.tolist()
                     if not _corroborated(r, claims, row_event, texts, window, candidates,
                                          sources))
    return np.asarray(sorted(alone), dtype=np.int64), notes


def _by_district_side(claims: Claims,
                      row_event: _RowEvents) -> dict[tuple[int, int], np.ndarray]:
    """The set rows of events by (district, side), in order of day."""
    rows = np.flatnonzero(row_event.present())
    if not rows.size:
        return {}
    order = rows[np.lexsort((claims.set_day[rows], claims.set_side[rows], claims.set_d[rows]))]
    key = claims.set_d[order].astype(np.int64) * 4096 + claims.set_side[order]
    cuts = np.flatnonzero(np.r_[True, key[1:] != key[:-1], True])
    return {(int(claims.set_d[order[a]]), int(claims.set_side[order[a]])): order[a:b]
            for a, b in zip(cuts[:-1].tolist(), cuts[1:].tolist(), strict=True)}


def _judged(frame: Frame, event: Event) -> bool:
    """Whether the rule judges ``event``: an article's, not an analyst's row or decision,
    and not a day-dated whole-area declaration."""
    return event.provenance.basis != BASIS_ANALYST and (
        event.kind != "declaration" or not is_day_declaration(frame, event))


def _reference(claims: Claims, keep: np.ndarray, frame: Frame) -> np.ndarray:
    """The side of every cell from the claims ``keep`` marks (and every overlay): the
    evidence a held-back claim is judged against."""
    fields = ("set_d", "set_day", "set_side", "set_basis", "set_spec", "set_cause",
              "set_order")
    kept = replace(claims, **{f: getattr(claims, f)[keep] for f in fields})
    state, _ = compute_state(kept, len(frame.district_ids), frame.n_days, 10**9,
                             list(kept.causes), frame.sides)
    return np.asarray(state.side)


def _source(event: Event, texts: Mapping[str, str]) -> Source:
    prov = event.provenance
    return Source(prov.article_id, outlet_key(prov.source) or prov.article_id,
                  texts.get(prov.article_id, ""), prov.basis == BASIS_ANALYST)


def _independent(a: Source, b: Source) -> bool:
    if a.article == b.article and not (a.analyst and b.analyst):
        return False
    if a.outlet == b.outlet:
        return False
    return a.analyst or b.analyst or not near_duplicate(a.text, b.text)


def _corroborated(row: int, claims: Claims, row_event: _RowEvents,
                  texts: Mapping[str, str], window: int,
                  candidates: Mapping[tuple[int, int], np.ndarray],
                  sources: dict[str, Source]) -> bool:
    """Whether another, independent source claims the row's district for the same side
    within ``window`` days, naming that district or the same area."""
    event = row_event[row]
    if event is None:
        return False
    own = _cached_source(event, texts, sources)
    areas = {ref.id for ref in event.places}
    same = candidates.get((int(claims.set_d[row]), int(claims.set_side[row])))
    if same is None:
        return False
    # Two reports agree when their stated periods come within the window of each other:
    # "retook the east in January" and "took the east on 23 January" are one change,
    # though the month's claim takes effect only at the month's end.
    reach = dt.timedelta(days=window)
    days = claims.set_day[same]  # a claim takes effect at the end of its stated period
    first = claims.set_day[row] - (event.date.end - event.date.start).days - window
    near = same[(days >= first) & (days <= claims.set_day[row] + window + YEAR_DAYS)]
    for other in near.tolist():
        ev = row_event[other]
        if ev is None or other == row:
            continue
        if (ev.date.start > event.date.end + reach
                or event.date.start > ev.date.end + reach):
            continue
        names = claims.set_spec[other] != SPEC_AREA or bool(areas & {r.id for r in ev.places})
        if names and _independent(own, _cached_source(ev, texts, sources)):
            return True
    return False


def _cached_source(event: Event, texts: Mapping[str, str],
                   sources: dict[str, Source]) -> Source:
    if event.id not in sources:
        sources[event.id] = _source(event, texts)
    return sources[event.id]


def claim_source(event: Event, texts: Mapping[str, str]) -> Source:
    """Who stands behind ``event``, as the independence test compares sources (also the
    corroboration count of :mod:`timeline.control.credibility`)."""
    return _source(event, texts)


def independent(a: Source, b: Source) -> bool:
    """Whether two sources are independent: other article and outlet, no near copy."""
    return _independent(a, b)
