"""The control-state timeline: who holds each district on each day, and why.

(Skeleton fixing the interface; the rules are filled in by the control issue.)

Storage is compact: ``side`` and ``basis`` are ``int8`` arrays of shape
``(n_districts, n_days)`` holding codes (indices into :data:`SIDE_CODES` and
:data:`BASIS_CODES`); ``since`` is an ``int32`` array of the day index at which the
current state began; ``changes`` lists, per district, the days where the state changed
with the ids of the evidence behind it. Evidence texts live once in ``evidence``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

SIDE_CODES = ("government", "isis", "contested", "unknown")
BASIS_CODES = ("reported", "inferred", "assumed")


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence behind a state: an event or figure, or the theatre's initial
    state, with its quote and provenance."""

    id: str
    quote: str
    source: str
    date: str
    article_id: str = ""
    basis: str = "article"
    flags: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "quote": self.quote, "source": self.source, "date": self.date,
            "article": self.article_id, "basis": self.basis, "flags": list(self.flags),
        }


@dataclass(frozen=True)
class Change:
    """A change of a district's state on a day (index into the timeline's days)."""

    day: int
    side: int
    basis: int
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class DistrictState:
    id: str
    side: str
    basis: str
    since: dt.date
    evidence: tuple[Evidence, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "side": self.side, "basis": self.basis,
            "since": self.since.isoformat(),
            "evidence": [e.quote for e in self.evidence],
            "evidence_detail": [e.to_json() for e in self.evidence],
        }


@dataclass
class ControlTimeline:
    """Per-district, per-day control, plus derived series."""

    start: dt.date
    district_ids: tuple[str, ...]
    side: np.ndarray
    basis: np.ndarray
    since: np.ndarray
    changes: dict[str, list[Change]]
    evidence: dict[str, Evidence]
    known_on: dt.date | None = None
    share: dict[str, np.ndarray] = field(default_factory=dict)
    frontline_km: np.ndarray | None = None

    @property
    def n_days(self) -> int:
        return int(self.side.shape[1])

    def day_index(self, date: dt.date) -> int:
        return (date - self.start).days

    def date_of(self, day: int) -> dt.date:
        return self.start + dt.timedelta(days=day)

    def state_at(self, date: dt.date) -> list[DistrictState]:
        raise NotImplementedError
