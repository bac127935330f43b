"""Analyst overrides in the control rules (issue 15): a person's call beats an inference.

An :class:`~timeline.decisions.Override` sets a district's side over its days with basis
``analyst`` (:data:`~timeline.decisions.BASIS_DECISION`), after every other rule has run:

- it beats ``inferred`` and ``assumed`` states, and contests that only inference made
  (claimed events, a month ramp): those rest on no report an analyst must answer to;
- over a ``reported`` state (a capture or fighting an article names) it applies only on
  the days where it names, in ``supersedes``, a claim behind that state: an analyst
  disagreeing with a report says which report, and the cell then cites both, the
  override first, so the hover shows the note beside the report it set aside;
- later overrides win over earlier ones on the days they share (the store lists them in
  the order they were decided).

"As known on" (:func:`timeline.decisions.applies_from`): an override counts from the
date of the source it cites; one citing no dated source is hindsight only, never known.
Each override is one piece of evidence (id ``analyst:<id>``) naming its author, the day
it was decided, its source and its note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from timeline.control.claims import REPORTED, ClaimLists, Claims, Frame
from timeline.control.model import BASIS_CODES, Evidence
from timeline.control.rules import StateArrays, since_of
from timeline.decisions import BASIS_DECISION, Override, applies_from

ANALYST = BASIS_CODES.index(BASIS_DECISION)
EVIDENCE_PREFIX = "analyst:"


def evidence_id(override: Override) -> str:
    return EVIDENCE_PREFIX + override.id


def in_force(overrides: Sequence[Override], known_on: dt.date | None) -> list[Override]:
    """The overrides a build applies: all of them, or those known on ``known_on``."""
    if known_on is None:
        return list(overrides)
    return [o for o in overrides if (first := applies_from(o)) is not None and first <= known_on]


def override_evidence(override: Override, superseded: Sequence[str] = ()) -> Evidence:
    """The evidence an override stands on: its note, source, author and day decided."""
    until = override.end.isoformat() if override.end else "further notice"
    flags = [f"analyst override: {override.side} from {override.start} until {until}"]
    if superseded:
        flags.append("supersedes the report " + ", ".join(superseded))
    return Evidence(
        id=evidence_id(override),
        quote=override.note or f"set to {override.side} by an analyst",
        source=override.source or "analyst (no source cited)",
        date=override.start.isoformat(), basis=BASIS_DECISION, flags=tuple(flags),
        published=override.source_date.isoformat() if override.source_date else "",
        author=override.decided.author, decided=override.decided.at.date().isoformat(),
    )


@dataclass
class Applied:
    """What applying the overrides produced: their evidence, and the reports each one
    superseded (evidence id -> the override ids that set it aside, for flags)."""

    evidence: dict[str, Evidence]
    superseded: dict[str, list[str]]


def apply_overrides(state: StateArrays, claims: Claims, frame: Frame,
                    overrides: Sequence[Override], lists: ClaimLists) -> Applied:
    """Apply ``overrides`` (already filtered for "as known on") to ``state`` in place.

    New causes are appended to ``claims.causes`` (the timeline's cause list); reports an
    override set aside are flagged in ``lists``.
    """
    applied = Applied({}, {})
    index = frame.index
    for o in overrides:
        d = index.get(o.district)
        code = frame.sides.code(o.side)
        if d is None or (code == frame.sides.unknown and o.side != "unknown"):
            continue  # a district or side this theatre does not have: nothing to set
        first = max(frame.day(o.start), 0)
        stop = frame.n_days if o.end is None else min(frame.day(o.end) + 1, frame.n_days)
        if first >= stop:
            continue
        days, superseded = _days_applied(state, claims, d, first, stop, set(o.supersedes))
        if not days.size:
            continue
        ev = override_evidence(o, sorted({e for ids in superseded.values() for e in ids}))
        applied.evidence[ev.id] = ev
        own = _cause(claims.causes, (ev.id,))
        cause = np.full(days.size, own, np.int32)
        for day, ids in superseded.items():
            cause[np.searchsorted(days, day)] = _cause(claims.causes, (ev.id, *ids))
        state.side[d, days] = code
        state.basis[d, days] = ANALYST
        state.base_cause[d, days] = cause
        _renew_since(state, d, first)
        for ids in superseded.values():
            for eid in ids:
                applied.superseded.setdefault(eid, [])
                if o.id not in applied.superseded[eid]:
                    applied.superseded[eid].append(o.id)
                    lists.flag(eid, f"superseded by analyst {o.decided.author}'s override "
                                    f"{o.id} ({o.side})")
    return applied


def _cause(causes: list[tuple[str, ...]], ids: tuple[str, ...]) -> int:
    causes.append(ids)
    return len(causes) - 1


def _days_applied(state: StateArrays, claims: Claims, d: int, first: int, stop: int,
                  supersedes: set[str]) -> tuple[np.ndarray, dict[int, tuple[str, ...]]]:
    """The days of ``first:stop`` the override sets in district ``d``, and on each
    reported day it sets, the claims it supersedes there."""
    days = np.arange(first, stop, dtype=np.int64)
    reported = state.basis[d, first:stop] == REPORTED
    superseded: dict[int, tuple[str, ...]] = {}
    if supersedes and reported.any():
        for day in days[reported].tolist():
            named = tuple(e for e in _cell_ids(state, claims, d, day) if e in supersedes)
            if named:
                superseded[day] = named
    keep = ~reported
    if superseded:
        keep[np.asarray(sorted(superseded), dtype=np.int64) - first] = True
    return days[keep], superseded


def _cell_ids(state: StateArrays, claims: Claims, d: int, day: int) -> tuple[str, ...]:
    """The evidence ids behind one cell, as :meth:`ControlTimeline.evidence_at` lists them."""
    ids: list[str] = []
    if claims.ov_d.size:
        open_ = (claims.ov_d == d) & (claims.ov_start <= day) & (claims.ov_end > day)
        for c in claims.ov_cause[open_].tolist():
            ids.extend(claims.causes[c])
    c = int(state.base_cause[d, day])
    if c >= 0:
        ids.extend(claims.causes[c])
    return tuple(dict.fromkeys(ids))


def _renew_since(state: StateArrays, d: int, first: int) -> None:
    """Days from the override on start where the district's new side began, unless that
    side was already held before the override (then its old start stands)."""
    new = since_of(state.side[d:d + 1])[0]
    tail = np.where(new[first:] >= first, new[first:], state.since[d, first:])
    state.since[d, first:] = tail.astype(state.since.dtype)

