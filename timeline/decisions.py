"""Analyst decisions: how a person corrected what the reader took, or the map itself.

Automatic extraction makes the first draft; analysts make it right (issue 15). Each
decision is a frozen record that says who decided, when and why, so that every colour
stays traceable to a sentence *or* to a person. These records are the vocabulary shared
by the curation store (which persists them, with history and undo) and by the stages
that apply them (extractions before the control build; overrides and source grades in
the control rules). They hold no database or Dash types.

When a decision applies in "as known on" mode (:func:`applies_from`):

- a decision about how a report was read (a claim reviewed or edited, a name mapped)
  applies from that report's publication date: it corrects the reading, not the world;
- an override or an annotation applies from the date of the source it cites, and only
  in hindsight when it cites none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CLAIM_ACTIONS = ("accept", "reject", "edit")
NAME_ACTIONS = ("map", "new_place", "not_place", "outside")
GRADES = ("A", "B", "C", "D", "E", "F")  # Admiralty scale: A completely reliable .. E
UNGRADED = "F"                            # unreliable; F: reliability cannot be judged
GRADE_MEANINGS = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
    "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}
BASIS_DECISION = "analyst"  # the basis an override gives a district-day


@dataclass(frozen=True)
class Decided:
    """Who decided, when, and why: carried by every decision."""

    author: str
    at: dt.datetime
    reason: str = ""

    def __post_init__(self) -> None:
        if not self.author.strip():
            raise ValueError("a decision needs its author")


@dataclass(frozen=True)
class ClaimDecision:
    """An analyst's review of one extracted claim (event or figure), by its stable id.

    ``changes`` holds, for an ``edit``, the corrected fields in the claim's JSON shape
    (``kind``, ``places``, ``date``, ``precision``, ``status``, ``side``, ``actor``,
    ``value``, ``low``, ``high``, ``qualifier``). A rejection or an edit needs a reason.
    """

    id: str
    claim_id: str
    action: str
    decided: Decided
    changes: dict[str, Any] = field(default_factory=dict)
    published: dt.date | None = None  # the report's publication date, for "as known on"

    def __post_init__(self) -> None:
        if self.action not in CLAIM_ACTIONS:
            raise ValueError(f"unknown claim action {self.action!r}")
        if self.action in ("reject", "edit") and not self.decided.reason.strip():
            raise ValueError(f"a claim {self.action} needs a reason")
        if self.action == "edit" and not self.changes:
            raise ValueError("an edit needs the corrected fields")


@dataclass(frozen=True)
class NameDecision:
    """What an unresolved name means: a gazetteer place, a new place, or no place."""

    id: str
    name: str
    action: str
    decided: Decided
    place_id: str | None = None  # for "map" and "new_place"

    def __post_init__(self) -> None:
        if self.action not in NAME_ACTIONS:
            raise ValueError(f"unknown name action {self.action!r}")
        if self.action in ("map", "new_place") and not self.place_id:
            raise ValueError(f"a name {self.action} needs the place it names")


@dataclass(frozen=True)
class Override:
    """A district's side set by an analyst from ``start`` to ``end`` (inclusive; open
    when ``None``), with the source it rests on.

    It beats inferred and assumed states. Over a reported state it applies only where it
    names the claims it supersedes (``supersedes``: claim ids); the hover then shows both.
    """

    id: str
    district: str
    side: str
    start: dt.date
    decided: Decided
    end: dt.date | None = None
    source: str = ""
    source_date: dt.date | None = None
    note: str = ""
    supersedes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"override {self.id}: ends {self.end} before it starts {self.start}")

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Annotation:
    """A dated note pinned to a place, shown on the map, in hovers and in exports."""

    id: str
    place: str
    day: dt.date
    text: str
    decided: Decided
    source: str = ""
    source_date: dt.date | None = None


@dataclass(frozen=True)
class SourceGrade:
    """An outlet's reliability on the Admiralty scale, as an analyst graded it."""

    outlet: str
    grade: str
    decided: Decided

    def __post_init__(self) -> None:
        if self.grade not in GRADES:
            raise ValueError(f"grade must be one of {', '.join(GRADES)}, not {self.grade!r}")


@dataclass(frozen=True)
class NewPlace:
    """A place the gazetteer lacks, added by an analyst: the point clicked on the map,
    its bank and its parent district.

    A name decision (``new_place``, naming this ``id``) then resolves the reports'
    mentions to it; the control rules place it, as any landmark, in the district whose
    polygon holds its point.
    """

    id: str
    name: str
    lat: float
    lon: float
    bank: str
    parent: str
    decided: Decided

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a new place needs its name")
        if not (-90.0 <= self.lat <= 90.0 and -180.0 <= self.lon <= 180.0):
            raise ValueError(f"new place {self.name!r}: ({self.lat}, {self.lon}) is no point "
                             f"on Earth")


@dataclass(frozen=True)
class Decisions:
    """Every decision in force, as the stages that apply them receive them."""

    claims: tuple[ClaimDecision, ...] = ()
    names: tuple[NameDecision, ...] = ()
    overrides: tuple[Override, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    grades: tuple[SourceGrade, ...] = ()
    places: tuple[NewPlace, ...] = ()

    def grade_of(self, outlet: str) -> str:
        """The outlet's grade; F (cannot be judged) for an outlet nobody has graded."""
        for g in reversed(self.grades):
            if g.outlet == outlet:
                return g.grade
        return UNGRADED


def applies_from(decision: ClaimDecision | NameDecision | Override | Annotation | NewPlace,
                 published: dt.date | None = None) -> dt.date | None:
    """The first "known on" day of ``decision``; ``None``: only in hindsight.

    A name decision is about a report's reading, so it takes that report's
    ``published`` date as the caller knows it; so does a new place, which only ever
    acts through the name decisions that point at it.
    """
    if isinstance(decision, ClaimDecision):
        return decision.published
    if isinstance(decision, NameDecision | NewPlace):
        return published
    return decision.source_date
