"""When a claim became known, and where a figure sits in time: the one "as known on" rule.

**Known from.** An article's claims (its events and figures) are known from the article's
publication date. An analyst chronology has no publication: each of its rows is known
from its own date, an event's date start and a figure's as-of end (a count "as of
October" describes the end of October: no one could read it before). An item with neither
(an undated article, a chronology figure without an as-of) is never known. "As known on
D" keeps exactly the items known on or before D.

Every "as known on" view asks here: the control timeline (``--known-on``) and its stored
replay, the article store's filter, the page (each event's and figure's ``pub`` day), the
exports, and, as a twin on page day indices, the browser (``isPublished`` and
``visibleEvents`` in ``dashboard/assets/frontline.js`` mirror :func:`known_by`).

**Chart day.** A separate rule, of position, not of knowledge: a figure sits at the end of
its as-of period (a count "as of May" holds until its last day), else at its publication,
but never after the day it became known, since no report can describe a day later than
itself. So a figure known on D is always charted on or before D, and "as known on D" needs
no second test of the figure's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from timeline.records import BASIS_ANALYST, Event, Extraction, Figure

Day = TypeVar("Day", dt.date, int)


def known_from(item: Event | Figure) -> dt.date | None:
    """The first day ``item`` could be known (None: never); see the module's rule."""
    prov = item.provenance
    if prov.basis != BASIS_ANALYST:
        return prov.published
    if isinstance(item, Event):
        return item.date.start
    return item.as_of.end if item.as_of is not None else None


def known_by(first: Day | None, day: Day) -> bool:
    """Whether something first known on ``first`` (None: never) is known on ``day``.

    Works on dates and on the page's day indices alike: the page sends ``known_from`` as
    a day index (``pub``) and the browser applies this same comparison.
    """
    return first is not None and first <= day


def is_known(item: Event | Figure, day: dt.date) -> bool:
    """Whether an analyst could have read ``item`` on ``day``."""
    return known_by(known_from(item), day)


def known_extraction(extraction: Extraction, day: dt.date) -> Extraction | None:
    """``extraction`` with only the items known on ``day``; None when nothing of it was
    readable then (an article published later, a chronology with no row dated by then)."""
    events = tuple(e for e in extraction.events if is_known(e, day))
    figures = tuple(f for f in extraction.figures if is_known(f, day))
    if not (events or figures or known_by(extraction.article.published, day)):
        return None
    if len(events) == len(extraction.events) and len(figures) == len(extraction.figures):
        return extraction
    return replace(extraction, events=events, figures=figures)


def known_extractions(extractions: Iterable[Extraction],
                      day: dt.date | None) -> list[Extraction]:
    """What an analyst could have read on ``day`` (everything when ``day`` is None)."""
    if day is None:
        return list(extractions)
    return [k for k in (known_extraction(x, day) for x in extractions) if k is not None]


def knowledge_dates(extractions: Sequence[Extraction]) -> list[dt.date]:
    """Every day on which what is known changes: the distinct ``known_from`` of all items.

    The "as known on" replay computes one timeline per such day and holds it until the next.
    """
    dates = {known_from(e) for x in extractions for e in x.events}
    dates |= {known_from(f) for x in extractions for f in x.figures}
    return sorted(d for d in dates if d is not None)


def figure_day(figure: Figure) -> dt.date | None:
    """Where ``figure`` sits on the chart and in "figures up to" lists (None: nowhere):
    the end of its as-of period, else its publication, never after :func:`known_from`."""
    first = known_from(figure)
    when = figure.as_of.end if figure.as_of is not None else figure.provenance.published
    if when is not None and first is not None and when > first:
        return first
    return when
