"""The control-state timeline: who holds each district on each day, and why.

Storage is compact: ``side`` and ``basis`` are ``int8`` arrays of shape
``(n_districts, n_days)`` holding codes (indices into the timeline's ``side_codes``, the
theatre's forces then ``contested`` and ``unknown`` (:class:`geodata.sides.SideCodes`),
and into :data:`BASIS_CODES`); ``since`` is an ``int32`` array of the day index at which the
current side began; ``base_cause`` points each cell at the evidence behind its last
change (an index into ``causes``, tuples of evidence ids), and ``overlays`` holds the
windows of contesting evidence. ``changes`` lists, per district, the days where the
state changed with the ids of the evidence behind it. Evidence texts live once in
``evidence``. Nothing is stored per district per day as a Python object. The "as
known on" replay (``*_known``) keeps the same per cell, day d as known on d, with its
evidence as an index into ``causes_known``.

Rules (computed by :func:`build_timeline`; see :mod:`timeline.control.claims`,
:mod:`timeline.control.rules`, :mod:`timeline.control.inference`):

1. **Initial state.** Every district holds the theatre's initial side from its date
   (Mosul: ISIS from 2014-06-10), basis ``inferred``, citing the theatre's reference.
2. **Reported capture of a district** sets its side from the event's day, ``reported``.
3. **Capture of a landmark** makes its district contested (``FRONTLINE_CONTESTED_DAYS``),
   not captured.
4. **Declaration or capture of an area** (east-mosul, mosul) sets every member district,
   ``inferred``, until a later event says otherwise; on the same day a named district
   wins over an area. A declaration dated to the day by an official of no named force
   ("on Tuesday the prime minister declared eastern Mosul liberated") is, during the
   battle, the advancing side's. A date known only to the month (week, year) takes effect at the
   period's end, and the members held by the other side are contested from the start of
   the fighting ("after three months of fighting": three months before; otherwise the
   period's start) until then. "Parts of" / "another area in" an area sets nothing.
5. **Fighting or attacks** in a district held by any other side make it contested for
   ``FRONTLINE_CONTESTED_DAYS`` days (an actor of unknown side contests any holder).
6. **Percentage claims** ("at least 70 percent of the western side"): when the
   advancing side's share by area falls short (Mosul: the government's), districts are
   inferred held by it along its advance (bordering its ground, nearest to where it has
   held longest), never those the article says are still held, until the share is met.
7. **Claimed** events make their districts contested at most (and say so in the
   evidence flags); **expected** events change nothing.
8. A state with no new evidence for ``FRONTLINE_ASSUMED_AFTER_DAYS`` days has basis
   ``assumed``; so has a district back with its holder after a contest expired with no
   capture. A *change* of control is a change of holder (:func:`holders`).
9. **Plausibility** (:mod:`timeline.control.plausibility`): one article flipping more
   than ``FRONTLINE_PLAUSIBLE_FLIPS`` districts, or a whole bank, in a day only contests
   them, with a :class:`Review`, until a second independent source says the same.

Bad input never crashes: events dated before the theatre begins or after today, naming
unknown places, or only part of an area are kept in ``evidence`` with a flag; two
same-day claims naming different sides make the district contested and cite both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from frontline.errors import DateError, StoreError
from geodata.sides import MOSUL_ORDER, SideCodes
from timeline.decisions import Decisions
from timeline.records import PartialDate

# Appended, never reordered: stored timelines hold these codes. ``analyst``: a district-day
# an analyst's override set (:mod:`timeline.control.overrides`).
BASIS_CODES = ("reported", "inferred", "assumed", "analyst")
OVERLAY_FIELDS = ("ov_d", "ov_start", "ov_end", "ov_actor", "ov_cause")


@dataclass(frozen=True)
class Review:
    """Why a claim is held back for an analyst's review (the plausibility rule,
    :mod:`timeline.control.plausibility`): one source would flip ``flips`` districts
    against the evidence, so it only contests them until a second, independent source
    says the same. ``reason`` is a code a review queue can filter on."""

    reason: str
    flips: int
    note: str

    def to_json(self) -> dict[str, Any]:
        return {"reason": self.reason, "flips": self.flips, "note": self.note}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Review:
        return cls(str(data["reason"]), int(data["flips"]), str(data["note"]))


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence behind a state: an event or figure, or the theatre's initial
    state, with its quote and provenance. ``date`` is the date of what it reports,
    ``published`` the date its article was published; ``review`` is set on a claim held
    back for review."""

    id: str
    quote: str
    source: str
    date: str
    article_id: str = ""
    basis: str = "article"
    flags: tuple[str, ...] = ()
    published: str = ""
    review: Review | None = None
    author: str = ""      # an analyst's override: who decided it
    decided: str = ""     # ... and on which day (ISO date)
    grade: str = ""       # the outlet's Admiralty grade (A-F; "" for the theatre's own)
    credibility: int = 0  # the claim's credibility 1-6 (:mod:`timeline.control.credibility`)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "quote": self.quote, "source": self.source, "date": self.date,
            "article": self.article_id, "basis": self.basis, "flags": list(self.flags),
            "published": self.published,
            "review": self.review.to_json() if self.review is not None else None,
        }
        # Curation fields only when set: documents of timelines without them keep their shape.
        extra = {"author": self.author, "decided": self.decided, "grade": self.grade,
                 "credibility": self.credibility}
        out.update({k: v for k, v in extra.items() if v})
        return out

    @property
    def grading(self) -> str:
        """"source grade B, credibility 2" (the parts known), for hovers and exports."""
        parts = ([f"source grade {self.grade}"] if self.grade else []) + (
            [f"credibility {self.credibility}"] if self.credibility else [])
        return ", ".join(parts)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        review = data.get("review")
        return cls(
            id=data["id"], quote=data["quote"], source=data["source"], date=data["date"],
            article_id=data.get("article", ""), basis=data.get("basis", "article"),
            flags=tuple(data.get("flags", ())), published=data.get("published", ""),
            review=Review.from_json(review) if review else None,
            author=data.get("author", ""), decided=data.get("decided", ""),
            grade=data.get("grade", ""), credibility=int(data.get("credibility", 0)),
        )


@dataclass(frozen=True)
class Change:
    """A change of a district's state on a day (index into the timeline's days)."""

    day: int
    side: int
    basis: int
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class DistrictState:
    """A district's state on a day. ``holder`` is the side holding it: its side, or while
    it is contested the side that held it before the fighting (:func:`holders`); a change
    of control is a change of holder."""

    id: str
    side: str
    basis: str
    since: dt.date
    evidence: tuple[Evidence, ...]
    holder: str = ""

    @property
    def reviews(self) -> tuple[Review, ...]:
        """The review notes of the evidence behind this state (claims held back)."""
        return tuple(e.review for e in self.evidence if e.review is not None)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "side": self.side, "basis": self.basis,
            "since": self.since.isoformat(),
            "holder": self.holder or self.side,
            "evidence": [e.quote for e in self.evidence],
            "evidence_detail": [e.to_json() for e in self.evidence],
            "review": [r.to_json() for r in self.reviews],
        }


@dataclass
class ControlTimeline:
    """Per-district, per-day control, plus derived series.

    ``side_codes`` names the side of each code, as the theatre ordered them when the
    timeline was built; every reader names sides from it. ``share`` holds one
    ``(len(side_codes), n_days)`` array per share key (the theatre's banks and ``city``).
    """

    start: dt.date
    district_ids: tuple[str, ...]
    side: np.ndarray
    basis: np.ndarray
    since: np.ndarray
    changes: Mapping[str, list[Change]]
    evidence: Mapping[str, Evidence]
    known_on: dt.date | None = None
    share: dict[str, np.ndarray] = field(default_factory=dict)
    frontline_km: np.ndarray | None = None
    base_cause: np.ndarray | None = None
    causes: list[tuple[str, ...]] = field(default_factory=list)
    overlays: dict[str, np.ndarray] = field(default_factory=dict)
    front_index: np.ndarray | None = None
    fronts: list[dict[str, Any] | None] = field(default_factory=list)
    side_known: np.ndarray | None = None
    basis_known: np.ndarray | None = None
    area_km2: np.ndarray | None = None
    front_index_known: np.ndarray | None = None
    frontline_km_known: np.ndarray | None = None
    since_known: np.ndarray | None = None
    cause_known: np.ndarray | None = None
    causes_known: list[tuple[str, ...]] = field(default_factory=list)
    side_codes: tuple[str, ...] = MOSUL_ORDER
    # The analysts' decisions the build applied: overrides and grades (already in the
    # arrays and evidence), annotations (for the page and the exports to show).
    decisions: Decisions = field(default_factory=Decisions)

    @cached_property
    def sides(self) -> SideCodes:
        """The codes of :attr:`side_codes` (contested, unknown, the forces)."""
        return SideCodes(tuple(self.side_codes))

    @property
    def n_days(self) -> int:
        return int(self.side.shape[1])

    @property
    def end(self) -> dt.date:
        return self.date_of(self.n_days - 1)

    def day_index(self, date: dt.date) -> int:
        return (date - self.start).days

    def date_of(self, day: int) -> dt.date:
        return self.start + dt.timedelta(days=int(day))

    def checked_day(self, date: dt.date) -> int:
        """The day index of ``date``, or a :class:`DateError` naming the covered range."""
        day = self.day_index(date)
        if not 0 <= day < self.n_days:
            raise DateError(f"date {date} is outside the timeline ({self.start} to {self.end})")
        return day

    def state_at(self, date: dt.date) -> list[DistrictState]:
        """Every district's side, basis, start of that side and evidence on ``date``."""
        day = self.checked_day(date)
        held = holders(self.side[:, :day + 1], self.sides.contested)[:, day]
        return [
            DistrictState(
                id=did,
                side=self.sides.name(self.side[i, day]),
                basis=BASIS_CODES[int(self.basis[i, day])],
                since=self.date_of(int(self.since[i, day])),
                evidence=self.evidence_at(i, day),
                holder=self.sides.name(held[i]),
            )
            for i, did in enumerate(self.district_ids)
        ]

    def evidence_at(self, district: int, day: int) -> tuple[Evidence, ...]:
        """Evidence behind one cell: contesting windows open that day, then the last set."""
        ids: list[str] = []
        if int(self.side[district, day]) == self.sides.contested and self.overlays:
            ov = self.overlays
            open_ = (ov["ov_d"] == district) & (ov["ov_start"] <= day) & (ov["ov_end"] > day)
            for cause in ov["ov_cause"][open_]:
                ids.extend(self.causes[int(cause)])
        if self.base_cause is not None and int(self.base_cause[district, day]) >= 0:
            ids.extend(self.causes[int(self.base_cause[district, day])])
        return tuple(self.evidence[e] for e in dict.fromkeys(ids) if e in self.evidence)

    def known_state(self, district: int, day: int) -> DistrictState | None:
        """One cell of the "as known on" replay: the state on ``day`` as computed from what
        was known on ``day`` (:mod:`timeline.known`; None when the replay or its details
        are not stored)."""
        if self.side_known is None or self.basis_known is None or self.since_known is None \
                or self.cause_known is None:
            return None
        held = holders(self.side_known[district:district + 1, :day + 1], self.sides.contested)
        return DistrictState(
            id=self.district_ids[district],
            side=self.sides.name(self.side_known[district, day]),
            basis=BASIS_CODES[int(self.basis_known[district, day])],
            since=self.date_of(int(self.since_known[district, day])),
            evidence=self.known_evidence(district, day),
            holder=self.sides.name(held[0, day]),
        )

    def known_evidence(self, district: int, day: int) -> tuple[Evidence, ...]:
        """Evidence behind one cell of the "as known on" replay (empty when its details
        are not stored): the hover's part of :meth:`known_state`, without the holder
        (a scan of the district's days that a hover does not need)."""
        if self.cause_known is None:
            return ()
        cause = int(self.cause_known[district, day])
        ids = self.causes_known[cause] if 0 <= cause < len(self.causes_known) else ()
        return tuple(self.evidence[e] for e in ids if e in self.evidence)

    @property
    def has_known_replay(self) -> bool:
        """Whether the "as known on" replay is held with its details (since, evidence)."""
        return not any(a is None for a in (self.side_known, self.basis_known,
                                           self.since_known, self.cause_known))

    def known_state_at(self, date: dt.date) -> list[DistrictState]:
        """Every district's state on ``date`` as known on ``date``, read from the replay:
        what ``state --date D --known-on D`` computes, without computing it again."""
        day = self.checked_day(date)
        if not self.has_known_replay:
            raise StoreError("the timeline holds no 'as known on' replay; run "
                             "`python -m timeline build`")
        return [s for i in range(len(self.district_ids))
                if (s := self.known_state(i, day)) is not None]

    def known_front_at(self, date: dt.date) -> dict[str, Any] | None:
        """The front line on ``date`` as known on ``date`` (None when there is none)."""
        day = self.checked_day(date)
        if self.front_index_known is None or not self.fronts:
            return None
        return self.fronts[int(self.front_index_known[day])]

    def share_at(self, date: dt.date) -> dict[str, dict[str, float]]:
        """Share by area of each key (bank, city) held by each side on ``date``."""
        day = self.checked_day(date)
        return {
            key: {side: round(float(arr[code, day]), 4)
                  for code, side in enumerate(self.side_codes)}
            for key, arr in self.share.items()
        }

    def frontline_km_at(self, date: dt.date) -> float:
        day = self.checked_day(date)
        return 0.0 if self.frontline_km is None else round(float(self.frontline_km[day]), 3)

    def front_at(self, date: dt.date) -> dict[str, Any] | None:
        """The front line on ``date`` as a GeoJSON geometry (None when there is none)."""
        day = self.checked_day(date)
        if self.front_index is None or not self.fronts:
            return None
        return self.fronts[int(self.front_index[day])]

    def events_between(self, a: dt.date, b: dt.date) -> list[Evidence]:
        """Evidence dated (by its first day) between ``a`` and ``b`` inclusive."""
        def overlaps(e: Evidence) -> bool:
            try:
                period = PartialDate.parse(e.date)
            except ValueError:
                return False
            return period.start <= b and period.end >= a

        return sorted((e for e in self.evidence.values() if overlaps(e)), key=lambda e: e.date)

    def significant_changes(self, merge_days: int = 3, min_share: float = 0.0,
                            known: bool = False) -> list[dt.date]:
        """Dates where control changed hands (a change of holder, :func:`holders`),
        changes within ``merge_days`` merged into the last day of their run;
        ``min_share`` drops runs moving less of the city's area. ``known``: the days
        the "as known on" replay changed hands, i.e. when a change became knowable (a
        capture reported later is a change on the day of its report, not before);
        the hindsight days when the replay is not stored."""
        side = self.side if not known or self.side_known is None else self.side_known
        days = significant_days(side, self.area_km2, merge_days, min_share,
                                self.sides.contested)
        return [self.date_of(d) for d in days]

    def state_json(self, date: dt.date) -> dict[str, Any]:
        """The command-line contract's ``state`` document for ``date``."""
        share = self.share_at(date)
        return {
            "date": date.isoformat(),
            "known_on": self.known_on.isoformat() if self.known_on else None,
            "districts": [s.to_json() for s in self.state_at(date)],
            "share": {k: v for k, v in share.items() if k != "city"},
            "share_city": share.get("city"),
            "frontline_km": self.frontline_km_at(date),
        }


def holders(side: np.ndarray, contested: int) -> np.ndarray:
    """Per cell, the district's holder: its side, or while it is contested the side that
    held it before the fighting (``contested`` only where nothing held it before).

    A *change* of control is a change of holder: fighting that ends with the district
    back with its holder is no change, and the start of fighting is none either.
    """
    n_days = side.shape[1]
    held = side != contested
    pos = np.where(held, np.arange(n_days, dtype=np.int32), 0).astype(np.int32)
    np.maximum.accumulate(pos, axis=1, out=pos)
    out = np.take_along_axis(side, pos, axis=1)
    first_held = held.argmax(axis=1)
    never = ~held.any(axis=1)
    before = np.arange(n_days)[None, :] < np.where(never, n_days, first_held)[:, None]
    return np.where(before, side, out).astype(side.dtype)


def holder_change_days(side: np.ndarray, contested: int) -> np.ndarray:
    """(n_districts, n_days) boolean: the holder differs from the day before (never on
    day 0)."""
    held = holders(side, contested)
    changed = np.zeros(side.shape, bool)
    changed[:, 1:] = held[:, 1:] != held[:, :-1]
    return changed


def significant_days(side: np.ndarray, area: np.ndarray | None, merge_days: int,
                     min_share: float, contested: int | None = None) -> list[int]:
    """Days where any district's holder changed (:func:`holders`; with no ``contested``
    code, any change of side), runs within ``merge_days`` of each other merged into their
    last day; runs moving less than ``min_share`` of the area dropped."""
    weights = np.ones(side.shape[0]) if area is None or area.sum() <= 0 else area / area.sum()
    moved = np.zeros(side.shape[1])
    if contested is None:
        moved[1:] = weights @ (side[:, 1:] != side[:, :-1])
    else:
        moved = weights @ holder_change_days(side, contested)
    days = np.flatnonzero(moved > 0)
    if days.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(days) > merge_days)
    starts = np.r_[0, breaks + 1]
    ends = np.r_[breaks, days.size - 1]
    return [int(days[b]) for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
            if moved[days[a]: days[b] + 1].sum() >= min_share]
