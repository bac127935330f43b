"""An analyst's corrections of the map itself: overrides and annotations, checked.

:func:`new_override` and :func:`new_annotation` build the records the decision log
keeps (:mod:`timeline.decisions`) from what an analyst typed, or refuse in one line
(:class:`~frontline.errors.InputError`): an unknown district, side or place, an end
before the start, a note or source over its length, a dated source without its date
in ISO form, an annotation with no text.

An override over a *reported* state applies only where it names the claims it sets
aside (:mod:`timeline.control.overrides`). When the analyst marks it superseding, the
claims behind the reported days of its span are taken from the timeline in use
(:func:`reported_claims`), so the override names exactly what it overrules, and the
hover shows both.
"""

from __future__ import annotations

import datetime as dt
import uuid

import numpy as np

from frontline.errors import InputError
from geodata.theatre import Theatre
from timeline.control.claims import REPORTED
from timeline.control.model import ControlTimeline
from timeline.decisions import Annotation, Decided, Override

MAX_NOTE = 2000
MAX_SOURCE = 500


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def reported_claims(timeline: ControlTimeline, district: str, start: dt.date,
                    end: dt.date | None) -> tuple[str, ...]:
    """The evidence ids behind the reported days of ``district`` from ``start`` to
    ``end`` (inclusive; open: to the timeline's end), first seen first."""
    if district not in timeline.district_ids:
        return ()
    row = timeline.district_ids.index(district)
    first = max((start - timeline.start).days, 0)
    last = timeline.n_days - 1 if end is None else min((end - timeline.start).days,
                                                       timeline.n_days - 1)
    if last < first:
        return ()
    days = np.flatnonzero(timeline.basis[row, first:last + 1] == REPORTED) + first
    ids: list[str] = []
    seen_cause: set[int] = set()
    for day in days.tolist():
        cause = int(timeline.base_cause[row, day]) if timeline.base_cause is not None else -1
        if cause in seen_cause:
            continue
        seen_cause.add(cause)
        ids.extend(e.id for e in timeline.evidence_at(row, day) if e.basis != "analyst")
    return tuple(dict.fromkeys(ids))


def _text(value: str, what: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise InputError(f"the {what} is {len(value)} characters, over {limit}")
    return value


def _day(value: str | dt.date | None, what: str, required: bool = False) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    raw = (value or "").strip()
    if not raw:
        if required:
            raise InputError(f"the {what} is required (YYYY-MM-DD)")
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"the {what} {raw!r} is not a date (YYYY-MM-DD)") from None


def new_override(theatre: Theatre, district_ids: tuple[str, ...], district: str, side: str,
                 start: str | dt.date | None, end: str | dt.date | None, source: str,
                 source_date: str | dt.date | None, note: str, decided: Decided,
                 supersede: bool = False, timeline: ControlTimeline | None = None
                 ) -> Override:
    """The override an analyst asked for (see the module docstring)."""
    if district not in district_ids:
        raise InputError(f"{district!r} is not a district of {theatre.title}")
    if side not in theatre.sides:
        raise InputError(f"side {side!r} is not one of {', '.join(theatre.sides)}")
    first = _day(start, "start date", required=True)
    assert first is not None
    last = _day(end, "end date")
    if last is not None and last < first:
        raise InputError(f"the override ends {last} before it starts {first}")
    cited = _day(source_date, "source's date")
    source = _text(source, "source", MAX_SOURCE)
    if cited is not None and not source:
        raise InputError("a source date needs the source it dates")
    supersedes = reported_claims(timeline, district, first, last) \
        if supersede and timeline is not None else ()
    return Override(new_id("o"), district, side, first, decided, last, source, cited,
                    _text(note, "note", MAX_NOTE), supersedes)


def new_annotation(theatre: Theatre, place: str, day: str | dt.date | None, text: str,
                   source: str, source_date: str | dt.date | None,
                   decided: Decided) -> Annotation:
    """The dated note an analyst pins to a place (see the module docstring)."""
    if place not in theatre.places_by_id:
        raise InputError(f"{place!r} is not a place of {theatre.title}")
    when = _day(day, "note's date", required=True)
    assert when is not None
    body = _text(text, "note", MAX_NOTE)
    if not body:
        raise InputError("the note needs its text")
    cited = _day(source_date, "source's date")
    source = _text(source, "source", MAX_SOURCE)
    if cited is not None and not source:
        raise InputError("a source date needs the source it dates")
    return Annotation(new_id("n"), place, when, body, decided, source, cited)
