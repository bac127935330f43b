"""What a report would do before it is saved: its claims in their sentences, and the
districts whose holder it would change on the map.

:func:`preview` builds the control timeline twice with the same rules and the
analysts' decisions in force (names already mapped apply to the new report too):
once from the stored extractions, once with the new one added, and lists every
district whose side differs on some day, with the first such day, the side before
and after, and how many days change. Nothing is stored: saving is the caller's step.

:func:`segments` cuts the article text into plain runs and runs inside a claim's
sentence, so a page can highlight each claim where it was read (as text, never HTML).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np

from geodata.theatre import Theatre
from timeline.control.build import ControlRules, build_timeline
from timeline.control.model import ControlTimeline
from timeline.curation import apply_decisions, claims_of
from timeline.decisions import Decisions
from timeline.new_places import with_new_places
from timeline.records import Event, Extraction, Figure


@dataclass(frozen=True)
class ClaimMark:
    """One extracted claim, where it was read: the span of its sentence."""

    claim_id: str
    kind: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class DistrictChange:
    """A district whose holder the report would change, from the first day it differs."""

    district: str
    name: str
    day: dt.date
    before: str
    after: str
    days: int

    def line(self) -> str:
        return (f"{self.name}: {self.before} -> {self.after} from {self.day} "
                f"({self.days} day{'s' if self.days != 1 else ''})")


@dataclass(frozen=True)
class Preview:
    """The report's extraction, its claims' marks and the map changes it would make."""

    extraction: Extraction           # as extracted: what saving stores
    marks: tuple[ClaimMark, ...]
    changes: tuple[DistrictChange, ...]
    unresolved: tuple[str, ...] = ()  # names no analyst has decided yet


def claim_label(claim: Event | Figure) -> str:
    """A short plain description of a claim: what, where, when."""
    places = ", ".join(r.mention for r in claim.places) or "no place"
    if isinstance(claim, Event):
        side = f" by {claim.side}" if claim.side else ""
        status = "" if claim.status == "confirmed" else f" ({claim.status})"
        return f"{claim.kind}{side}: {places}, {claim.date.start}{status}"
    value = "?" if claim.value is None else f"{claim.value:g}"
    return f"{claim.kind} {value}: {places}"


def marks_of(extraction: Extraction) -> tuple[ClaimMark, ...]:
    """Every claim with its sentence span, in reading order."""
    marks = [ClaimMark(c.id, "event" if isinstance(c, Event) else "figure", claim_label(c),
                       *c.provenance.span) for c in claims_of(extraction)]
    return tuple(sorted(marks, key=lambda m: (m.start, m.end, m.claim_id)))


def segments(text: str, marks: Sequence[ClaimMark]) -> list[tuple[str, tuple[str, ...]]]:
    """``text`` cut at every claim sentence's edges: (run, ids of the claims read in it)."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in itertools.pairwise(cuts):
        if a >= b or a >= len(text):
            continue
        inside = tuple(m.claim_id for m in marks if m.start <= a and b <= m.end)
        out.append((text[a:b], inside))
    return out


PREVIEW_STEPS = ("the map with the report", "the map without it", "comparing the two")


def preview(theatre: Theatre, districts: gpd.GeoDataFrame, stored: Sequence[Extraction],
            new: Extraction, decisions: Decisions, rules: ControlRules,
            on_step: Callable[[int, str], None] | None = None) -> Preview:
    """What saving ``new`` beside ``stored`` would change (see the module docstring);
    ``on_step(i, what)`` is told as each of :data:`PREVIEW_STEPS` starts."""
    step = on_step or (lambda _i, _what: None)
    others = [x for x in stored if x.article.id != new.article.id]
    before_x, _ = apply_decisions(others, decisions)
    after_x, _ = apply_decisions([*others, new], decisions)
    full = with_new_places(theatre, decisions.places)
    step(0, PREVIEW_STEPS[0])
    after = build_timeline(full, districts, after_x, series=False, rules=rules,
                           decisions=decisions)
    step(1, PREVIEW_STEPS[1])
    before = build_timeline(full, districts, before_x, end=after.end, series=False,
                            rules=rules, decisions=decisions)
    step(2, PREVIEW_STEPS[2])
    names = {p.id: p.label for p in full.places}
    undecided = apply_decisions([new], decisions)[0][0].unresolved_places
    return Preview(new, marks_of(new), tuple(map_changes(before, after, names)), undecided)


def map_changes(before: ControlTimeline, after: ControlTimeline,
                names: dict[str, str]) -> list[DistrictChange]:
    """Districts whose side differs between two timelines on the days both cover."""
    first = max(before.start, after.start)
    last = min(before.end, after.end)
    if last < first:
        return []
    a0, b0 = (first - before.start).days, (first - after.start).days
    n = (last - first).days + 1
    rows = {d: i for i, d in enumerate(after.district_ids)}
    out = []
    for i, district in enumerate(before.district_ids):
        j = rows.get(district)
        if j is None:
            continue
        a = before.side[i, a0:a0 + n]
        b = after.side[j, b0:b0 + n]
        differ = np.flatnonzero(a != b)
        if not differ.size:
            continue
        k = int(differ[0])
        out.append(DistrictChange(district, names.get(district, district),
                                  first + dt.timedelta(days=k),
                                  before.side_codes[int(a[k])], after.side_codes[int(b[k])],
                                  int(differ.size)))
    return sorted(out, key=lambda c: (c.day, c.name))
