"""Rule 9, plausibility: one report does not turn a bank over on its own.

Extraction can over-reach ("seven villages near Mosul captured" read as Mosul
captured), and a real report can be wrong. So an article whose set claims of one day
would flip more than ``max_flips`` districts, or every district of a bank, against the
state the other evidence gives on that day is applied as *claimed*: each flip only contests its
district (for the contested window) and the claim carries a :class:`Review` for an
analyst, until a second, independent source says the same. A flip counts once another
source names the same district, or the same area, for the same side within the
contested window; a source is independent when its outlet differs and its text is not a
near copy (:mod:`timeline.control.duplicates`): the same wire story on several sites is
one source. A claim that a whole area fell on a day is wrong, however many sources
repeat it, when later reports have its side still taking some of those districts: then
it only contests them, held for review as contradicted.

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
from timeline.control.duplicates import near_duplicate, outlet_key
from timeline.control.model import Review
from timeline.control.rules import compute_state
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
    a second source counts.
    """
    claims = lists.freeze()
    n_sets = claims.set_d.size
    if n_sets == 0:
        return
    row_event = [_event_of(claims, int(c), events) for c in claims.set_cause.tolist()]
    subject = np.array([e is not None and _judged(frame, e) for e in row_event], bool)
    area = subject & (claims.set_spec == SPEC_AREA)
    # A claim group is one article's claims taking effect on one day: a report that
    # dates ten captures over nine months flips no bank overnight.
    article = np.array([f"{e.provenance.article_id}@{day}" if e is not None else ""
                        for e, day in zip(row_event, claims.set_day.tolist(), strict=True)])
    suspects = _suspects(article, subject, claims.set_d, bank, max_flips)
    held_back = area | (subject & np.isin(article, list(suspects)))
    if not held_back.any():
        return
    ref = _reference(claims, ~held_back, frame)
    agree = np.zeros(n_sets, bool)
    rows = np.flatnonzero(held_back)
    agree[rows] = ref[claims.set_d[rows], claims.set_day[rows]] == claims.set_side[rows]
    keep = ~(area & agree)
    for eid in dict.fromkeys(row_event[r].id for r in np.flatnonzero(area & agree)
                             if row_event[r] is not None):
        lists.flag(eid, "restates what other evidence already shows: not cited for "
                        "those districts")
    sources = {e.id: _source(e, texts) for e in row_event if e is not None}
    for art in suspects:
        flips = np.flatnonzero((article == art) & subject & ~agree)
        districts = set(claims.set_d[flips].tolist())
        if len(districts) <= max_flips and not _whole_bank(districts, bank):
            continue
        later = _taken_later(flips, claims)
        if later:
            alone = flips.tolist()
            note = (f"one report would flip {len(districts)} districts at once, but later "
                    f"reports have the same side still taking {later} of them")
            reason = REVIEW_CONTRADICTED
        else:
            alone = [r for r in flips.tolist()
                     if not _corroborated(r, claims, row_event, sources, window)]
            note = (f"one source; flips {len(districts)} districts against the other "
                    f"evidence; needs a second source")
            reason = REVIEW_SINGLE_SOURCE
        for r in alone:
            keep[r] = False
            lists.add_overlay([int(claims.set_d[r])], int(claims.set_day[r]),
                              int(claims.set_day[r]) + window, int(claims.set_side[r]),
                              INFERRED, int(claims.set_cause[r]))
        for eid in dict.fromkeys(e.id for r in alone if (e := row_event[r]) is not None):
            lists.reviews[eid] = Review(reason, len(districts), note)
            lists.flag(eid, f"held for review: {note}; contests its districts at most")
    lists.keep_sets(keep)


def _taken_later(rows: np.ndarray, claims: Claims) -> int:
    """How many of the districts ``rows`` flip a later report names as taken by the same
    side: a claim that a whole area fell is wrong if its side was still taking parts of
    it afterwards (in hindsight; as known on a day, only what was published by then)."""
    later = set()
    named = claims.set_spec != SPEC_AREA
    for r in rows.tolist():
        hit = named & (claims.set_d == claims.set_d[r]) & (claims.set_side == claims.set_side[r]) \
            & (claims.set_day > claims.set_day[r])
        if hit.any():
            later.add(int(claims.set_d[r]))
    return len(later)


def _event_of(claims: Claims, cause: int, events: Mapping[str, Event]) -> Event | None:
    ids = claims.causes[cause] if 0 <= cause < len(claims.causes) else ()
    return events.get(ids[0]) if len(ids) == 1 else None


def _judged(frame: Frame, event: Event) -> bool:
    """Whether the rule judges ``event``: an article's, not an analyst's row or decision,
    and not a day-dated whole-area declaration."""
    return event.provenance.basis != BASIS_ANALYST and not is_day_declaration(frame, event)


def _suspects(article: np.ndarray, subject: np.ndarray, d: np.ndarray, bank: np.ndarray,
              max_flips: int) -> list[str]:
    """Claim groups (an article's claims of one day) whose judged set claims name more
    than ``max_flips`` districts or a whole bank: only they can flip that many."""
    out = []
    for art in np.unique(article[subject]).tolist():
        districts = set(d[subject & (article == art)].tolist())
        if len(districts) > max_flips or _whole_bank(districts, bank):
            out.append(art)
    return out


def _whole_bank(districts: set[int], bank: np.ndarray) -> bool:
    if not districts:
        return False
    named = bank[sorted(districts)]
    return any(set(np.flatnonzero(bank == b).tolist()) <= districts for b in np.unique(named))


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
                  texts.get(prov.article_id, prov.quote), prov.basis == BASIS_ANALYST)


def _independent(a: Source, b: Source) -> bool:
    if a.article == b.article and not (a.analyst and b.analyst):
        return False
    if a.outlet == b.outlet:
        return False
    return a.analyst or b.analyst or not near_duplicate(a.text, b.text)


def _corroborated(row: int, claims: Claims, row_event: list[Event | None],
                  sources: Mapping[str, Source], window: int) -> bool:
    """Whether another, independent source claims the row's district for the same side
    within ``window`` days, naming that district or the same area."""
    event = row_event[row]
    if event is None:
        return False
    own = sources[event.id]
    areas = {ref.id for ref in event.places}
    same = np.flatnonzero((claims.set_d == claims.set_d[row])
                          & (claims.set_side == claims.set_side[row])
                          & (np.abs(claims.set_day - claims.set_day[row]) <= window))
    for other in same.tolist():
        ev = row_event[other]
        if ev is None or other == row:
            continue
        names = claims.set_spec[other] != SPEC_AREA or bool(areas & {r.id for r in ev.places})
        if names and _independent(own, sources[ev.id]):
            return True
    return False
