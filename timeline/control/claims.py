"""Events turned into claims on districts: the input of the control rules.

A *set* claim fixes a district's side from a day on (rules 1, 2, 4 and the percentage
inference of rule 6). An *overlay* claim makes a district contested over a window of
days, but only where the district is held by a side other than the overlay's actor
(rules 3, 4's month ramp, 5 and 7). Sides are the theatre's codes (the frame's
:class:`~geodata.sides.SideCodes`); an actor of no known force has the code of
``unknown``, and its fighting contests whoever holds the district. Claims are kept as
flat lists here and become numpy arrays (:class:`Claims`) for the vectorised rules;
nothing is stored per district-day.

Events are never dropped silently: an event that cannot apply (before the theatre
begins, after today, unknown or too broad places, expected) gets a flag that the
evidence shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from geodata.sides import SideCodes
from timeline.control.model import Review
from timeline.records import Event, PartialDate

REPORTED, INFERRED, ASSUMED = 0, 1, 2
SPEC_AREA, SPEC_DISTRICT = 0, 1
SET_KINDS = ("capture", "declaration")
FIGHT_KINDS = ("attack", "offensive")
ALL_KINDS = frozenset(SET_KINDS + FIGHT_KINDS)

@dataclass
class Frame:
    """The timeline's frame: days, districts, and how places map onto districts."""

    start: dt.date
    n_days: int
    district_ids: tuple[str, ...]
    place_kinds: dict[str, str]
    members: dict[str, tuple[int, ...]]
    contested_days: int
    today: dt.date
    sides: SideCodes
    broad_areas: frozenset[str] = frozenset()
    advancing: int = -1
    battle: tuple[dt.date, dt.date] | None = None

    @property
    def index(self) -> dict[str, int]:
        return {d: i for i, d in enumerate(self.district_ids)}

    def day(self, date: dt.date) -> int:
        return (date - self.start).days

    def in_battle(self, date: dt.date) -> bool:
        return self.battle is not None and self.battle[0] <= date <= self.battle[1]


@dataclass
class ClaimLists:
    """Claims being collected (Python lists), plus the evidence flags they raise."""

    set_cols: tuple[list[int], ...] = field(default_factory=lambda: tuple([] for _ in range(6)))
    ov_cols: tuple[list[int], ...] = field(default_factory=lambda: tuple([] for _ in range(6)))
    causes: list[tuple[str, ...]] = field(default_factory=list)
    flags: dict[str, list[str]] = field(default_factory=dict)
    reviews: dict[str, Review] = field(default_factory=dict)
    set_order: list[int] = field(default_factory=list)
    order: int = 0  # rank of the claim's source: on a tie, the later-ranked set claim wins
    set_chunks: list[tuple[np.ndarray, ...]] = field(default_factory=list)
    ov_chunks: list[tuple[np.ndarray, ...]] = field(default_factory=list)

    def cause(self, *evidence_ids: str) -> int:
        self.causes.append(tuple(evidence_ids))
        return len(self.causes) - 1

    def flag(self, evidence_id: str, text: str) -> None:
        self.flags.setdefault(evidence_id, []).append(text)

    def add_set(self, districts: Sequence[int], day: int, side: int, basis: int, spec: int,
                cause: int) -> None:
        _extend(self.set_cols, districts, (day, side, basis, spec, cause))
        self.set_order.extend([self.order] * len(districts))

    def add_overlay(self, districts: Sequence[int], start: int, end: int, actor: int,
                    basis: int, cause: int) -> None:
        if end > start:
            _extend(self.ov_cols, districts, (start, end, actor, basis, cause))

    def keep_sets(self, keep: np.ndarray) -> None:
        """Keep only the set claims ``keep`` marks, in the order :meth:`freeze` gives them
        (the plausibility rule drops or turns some into contests)."""
        s = _columns((*self.set_cols, self.set_order), self.set_chunks)
        self.set_cols = tuple([] for _ in range(6))
        self.set_order = []
        self.set_chunks = [tuple(col[keep] for col in s)]

    def freeze(self) -> Claims:
        s = _columns((*self.set_cols, self.set_order), self.set_chunks)
        o = _columns(self.ov_cols, self.ov_chunks)
        return Claims(s[0], s[1], s[2], s[3], s[4], s[5], o[0], o[1], o[2], o[3], o[4], o[5],
                      causes=list(self.causes), set_order=s[6])


def _columns(cols: Sequence[list[int]], chunks: list[tuple[np.ndarray, ...]]) -> list[np.ndarray]:
    """Each column as one int32 array: the listed claims, then the vectorised chunks."""
    out = []
    for k, col in enumerate(cols):
        parts = [np.asarray(col, dtype=np.int32), *(c[k].astype(np.int32) for c in chunks)]
        out.append(np.concatenate(parts) if len(parts) > 1 else parts[0])
    return out


def _extend(cols: tuple[list[int], ...], districts: Sequence[int],
            values: tuple[int, int, int, int, int]) -> None:
    if not districts:
        return
    d, c1, c2, c3, c4, c5 = cols
    if len(districts) == 1:  # the common case, kept cheap: 100,000 events must take < 1 s
        d.append(districts[0])
        c1.append(values[0])
        c2.append(values[1])
        c3.append(values[2])
        c4.append(values[3])
        c5.append(values[4])
        return
    n = len(districts)
    d.extend(districts)
    for col, value in zip((c1, c2, c3, c4, c5), values, strict=True):
        col.extend([value] * n)


@dataclass(frozen=True)
class Claims:
    """Claims as parallel int32 arrays: ``set_*`` (point changes) and ``ov_*`` (windows)."""

    set_d: np.ndarray
    set_day: np.ndarray
    set_side: np.ndarray
    set_basis: np.ndarray
    set_spec: np.ndarray
    set_cause: np.ndarray
    ov_d: np.ndarray
    ov_start: np.ndarray
    ov_end: np.ndarray
    ov_actor: np.ndarray
    ov_basis: np.ndarray
    ov_cause: np.ndarray
    causes: list[tuple[str, ...]]
    set_order: np.ndarray


def effective_day(date: PartialDate) -> dt.date:
    """When a dated claim takes effect: a day on that day, a coarser period at its end
    (we only know it had happened by then)."""
    return date.start if date.precision == "day" else date.end


def ramp_start(event: Event) -> dt.date:
    """Where the fighting before a coarse-dated capture began: the day extraction read
    from its quote ("after three months of fighting"), otherwise the period's start."""
    return event.fighting_since or event.date.start


@dataclass(frozen=True)
class Resolved:
    """An event's places as district indices: named districts, area members, landmarks."""

    districts: tuple[int, ...]
    areas: tuple[int, ...]
    landmarks: tuple[int, ...]
    narrow: tuple[int, ...] = ()


def resolve_places(frame: Frame, event: Event, lists: ClaimLists) -> Resolved:
    """Map an event's place references onto district indices, flagging what fails."""
    if len(event.places) == 1 and frame.place_kinds.get(event.places[0].id or "") == "district":
        found = frame.members.get(event.places[0].id or "", ())
        if found:
            return Resolved(found, (), ())
    districts: list[int] = []
    areas: list[int] = []
    landmarks: list[int] = []
    narrow: list[int] = []
    for ref in event.places:
        kind = frame.place_kinds.get(ref.id or "")
        found = frame.members.get(ref.id or "", ())
        if ref.id is None or kind is None:
            lists.flag(event.id, f"unknown place {ref.mention!r}: not on the map")
        elif not found:
            lists.flag(event.id, f"place {ref.id!r} has no district on the map")
        elif kind == "landmark":
            landmarks.extend(found)
        elif kind == "district":
            districts.extend(found)
        elif ref.partial:
            lists.flag(event.id, f"only part of {ref.id!r} is named: no district is set")
        else:
            areas.extend(found)
            if ref.id not in frame.broad_areas:
                narrow.extend(found)
    return Resolved(tuple(districts), tuple(areas), tuple(landmarks), tuple(narrow))


def is_day_declaration(frame: Frame, event: Event) -> bool:
    """An explicit declaration about a whole area, dated to the day ("on Tuesday the prime
    minister declared eastern Mosul fully liberated"): it sets the area from that day,
    whoever else says so, and one source is enough (rule 4)."""
    return (event.kind == "declaration" and event.status == "reported"
            and event.date.precision == "day"
            and any(frame.place_kinds.get(ref.id or "") == "area" and not ref.partial
                    for ref in event.places))


def add_event(frame: Frame, event: Event, lists: ClaimLists,
              effective: dt.date | None = None) -> None:
    """Turn one event into claims (rules 2-5 and 7), or into flags explaining why not."""
    if event.status == "expected":
        lists.flag(event.id, "expected: a forecast changes nothing")
        return
    if event.kind not in ALL_KINDS:
        return
    day = frame.day(effective or effective_day(event.date))
    if not _in_frame(frame, event, day, lists):
        return
    places = resolve_places(frame, event, lists)
    side = frame.sides.actor(event.side)
    unknown = frame.sides.unknown
    if (side == unknown and frame.advancing >= 0 and is_day_declaration(frame, event)
            and frame.in_battle(event.date.start)):
        # Declarations are read only next to "liberated"/"victory" (the extractor's
        # trigger): in the battle, by an official of no named force, they are the
        # advancing side's.
        side = frame.advancing
        lists.flag(event.id, "a declaration in the battle by no named force: taken as the "
                             "advancing side's")
    lists.causes.append((event.id,))
    cause = len(lists.causes) - 1
    window = frame.contested_days
    named = places.districts + places.areas
    if event.status == "claimed" or (event.kind in SET_KINDS and side == unknown):
        reason = "claimed" if event.status == "claimed" else "no side known"
        lists.flag(event.id, f"{reason}: makes its districts contested at most")
        lists.add_overlay(named + places.landmarks, day, day + window, side, INFERRED, cause)
        return
    if event.kind in FIGHT_KINDS:
        if len(places.areas) > len(places.narrow):
            lists.flag(event.id, "fighting in a whole bank or city: too broad to contest")
        first = frame.day(event.date.start)
        lists.add_overlay(places.districts + places.landmarks + places.narrow, max(first, 0),
                          day + window, side, REPORTED, cause)
        return
    lists.add_set(places.districts, day, side, REPORTED, SPEC_DISTRICT, cause)
    lists.add_set(places.areas, day, side, INFERRED, SPEC_AREA, cause)
    if event.kind == "capture" and places.landmarks:
        lists.flag(event.id, "a landmark's capture makes its district contested, not captured")
        lists.add_overlay(places.landmarks, day, day + window, side, REPORTED, cause)
    if event.date.precision != "day" and named:
        first = max(frame.day(ramp_start(event)), 0)
        if first < day:
            lists.flag(event.id, f"retroactive: districts held by the other side contested from "
                                 f"{frame.start + dt.timedelta(first)} until it takes effect on "
                                 f"{effective_day(event.date)}")
            lists.add_overlay(named, first, day, side, INFERRED, lists.cause(event.id))


def _in_frame(frame: Frame, event: Event, day: int, lists: ClaimLists) -> bool:
    if event.date.start > frame.today:
        lists.flag(event.id, f"dated after today ({event.date.iso()}): not used")
        return False
    if event.date.end < frame.start:
        lists.flag(event.id, f"dated before the theatre begins ({frame.start}): not used")
        return False
    if day >= frame.n_days:
        lists.flag(event.id, "dated after the end of the timeline: not used")
        return False
    return True


def collect(frame: Frame, events: Sequence[Event], lists: ClaimLists) -> None:
    """Add every event, ranked by date (ties keep input order: later sources win).

    The common event (one district, a day, reported or claimed) is handled in bulk by
    :func:`_collect_simple`; the rest one by one by :func:`add_event`.
    """
    if not events:
        return
    effective = [effective_day(e.date) for e in events]
    ranked = sorted(range(len(events)), key=effective.__getitem__)
    rank = np.empty(len(events), np.int64)
    rank[ranked] = np.arange(len(events))
    simple = _simple_mask(frame, events)
    for k in ranked:
        if not simple[k]:
            lists.order = int(rank[k])
            add_event(frame, events[k], lists, effective[k])
    _collect_simple(frame, [events[k] for k in np.flatnonzero(simple).tolist()], rank[simple],
                    lists)


def _simple_mask(frame: Frame, events: Sequence[Event]) -> np.ndarray:
    index = frame.index
    district = np.array([index.get(e.places[0].id or "", -1) if len(e.places) == 1 else -1
                         for e in events])
    day_precision = np.array([e.date.precision == "day" for e in events])
    ordinal = np.array([e.date.start.toordinal() for e in events])
    day = ordinal - frame.start.toordinal()
    kinds = np.array([e.kind in ALL_KINDS for e in events])
    status = np.array([e.status in ("reported", "claimed") for e in events])
    return np.asarray((district >= 0) & day_precision & (day >= 0) & (day < frame.n_days)
                      & (ordinal <= frame.today.toordinal()) & kinds & status)


def _collect_simple(frame: Frame, events: list[Event], rank: np.ndarray,
                    lists: ClaimLists) -> None:
    """Rules 2, 5 and 7 for single-district, day-dated events, as whole arrays."""
    if not events:
        return
    index = frame.index
    d = np.array([index[e.places[0].id or ""] for e in events])
    day = np.array([e.date.start.toordinal() for e in events]) - frame.start.toordinal()
    side = np.array([frame.sides.actor(e.side) for e in events])
    unknown = frame.sides.unknown
    is_set = np.array([e.kind in SET_KINDS for e in events])
    claimed = np.array([e.status == "claimed" for e in events])
    cause = len(lists.causes) + np.arange(len(events))
    lists.causes.extend((e.id,) for e in events)
    sets = is_set & ~claimed & (side != unknown)
    contest = claimed | (is_set & (side == unknown))
    fight = ~is_set & ~claimed
    end = day + frame.contested_days
    lists.set_chunks.append((d[sets], day[sets], side[sets], np.full(sets.sum(), REPORTED),
                             np.full(sets.sum(), SPEC_DISTRICT), cause[sets], rank[sets]))
    for mask, basis in ((contest, INFERRED), (fight, REPORTED)):
        lists.ov_chunks.append((d[mask], day[mask], end[mask], side[mask],
                                np.full(mask.sum(), basis), cause[mask]))
    for k in np.flatnonzero(contest).tolist():
        reason = "claimed" if events[k].status == "claimed" else "no side known"
        lists.flag(events[k].id, f"{reason}: makes its districts contested at most")
