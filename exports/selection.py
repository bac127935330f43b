"""What an export shows at a date: states, front, events, figures and their sources.

Pure selectors over an :class:`~exports.context.ExportContext`. ``known``
means "as known on the date", by the one rule of :mod:`timeline.known`: the states and
the front are read from the timeline's stored replay (the app's "as known on" map), the
events and figures are those known by then; otherwise the state is the hindsight one
(later reports may date a capture earlier than anyone knew of it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from exports.context import ExportContext
from frontline.errors import FrontlineError
from frontline.links import safe_link
from timeline.control.model import DistrictState
from timeline.decisions import Annotation, Override, applies_from
from timeline.known import figure_day, known_by, known_extractions
from timeline.records import BASIS_ANALYST, Event, Extraction, Figure
from viewmodel.page_events import FigurePoint, PageEvent
from viewmodel.page_notes import annotations_on

INITIAL_SOURCE = "theatre reference timeline"


@dataclass(frozen=True)
class Source:
    """One article (or the theatre's reference) that an export rests on."""

    source: str
    title: str
    published: dt.date | None
    url: str = ""
    cited: int = 0  # an analyst chronology: how many outlets its rows in view cite

    def label(self) -> str:
        title = f" “{self.title}”" if self.title else ""
        url = safe_link(self.url)
        if self.cited:
            # A chronology has no publication of its own; each row names its source,
            # listed with the row in the data exports and the slides' notes.
            return (f"{self.source}{title}, rows citing {self.cited} source(s), each named"
                    " with its row in the data export")
        when = self.published.isoformat() if self.published else "undated"
        return f"{self.source}{title}, {when}" + (f", {url}" if url else "")


def usable(ctx: ExportContext, date: dt.date, known: bool) -> list[Extraction]:
    """The extractions an export at ``date`` may use.

    ``known``: what an analyst could have read on ``date`` (:mod:`timeline.known`, the
    timeline's own rule), so that the listed evidence matches the "as known on" map.
    """
    if not known:
        return list(ctx.extractions)
    return list(known_extractions(ctx.extractions, date))


def events_between(ctx: ExportContext, start: dt.date, end: dt.date,
                   known: bool = False, known_on: dt.date | None = None) -> list[Event]:
    """Events whose period meets ``[start, end]``, in date order."""
    cutoff = known_on or end
    out = [ev for ex in usable(ctx, cutoff, known) for ev in ex.events
           if ev.date.start <= end and ev.date.end >= start]
    return sorted(out, key=lambda e: (e.date.start, e.kind, e.id))


def figures_up_to(ctx: ExportContext, date: dt.date, known: bool = False) -> list[Figure]:
    """Figures charted on or before ``date`` (:func:`timeline.known.figure_day`), as the
    chart and the key figures place them; ``known``: only those known by then."""
    out = [fig for ex in usable(ctx, date, known) for fig in ex.figures
           if known_by(figure_day(fig), date)]
    return sorted(out, key=lambda f: (f.as_of.start if f.as_of else dt.date.min, f.id))


def page_events_between(ctx: ExportContext, first_day: int, last_day: int,
                        known_day: int | None = None) -> list[PageEvent]:
    """The page's events (with points and escaped texts) that meet page days [first, last]."""
    return [ev for ev in ctx.page.events
            if ev.day <= last_day and ev.end >= first_day
            and (known_day is None or known_by(ev.published, known_day))]


def latest_figures(ctx: ExportContext, date: dt.date,
                   known: bool = False) -> list[FigurePoint]:
    """The latest chart point of each series on or before ``date`` (the key figures);
    with ``known``, only the points known by ``date`` (:func:`timeline.known.known_by`)."""
    latest: dict[str, FigurePoint] = {}
    for point in ctx.page.figures:
        if point.date <= date and (not known or known_by(point.known_from, date)):
            latest[point.series] = point
    return sorted(latest.values(), key=lambda p: p.series)


def annotations_at(ctx: ExportContext, date: dt.date, known: bool = False) -> list[Annotation]:
    """The analysts' annotations in force on ``date`` (the page's rule,
    :func:`viewmodel.page_notes.annotations_on`)."""
    if ctx.timeline is None:
        return []
    return annotations_on(ctx.timeline.decisions.annotations, date, known)


def overrides_at(ctx: ExportContext, date: dt.date, known: bool = False) -> list[Override]:
    """The analysts' overrides covering ``date`` (``known``: known by then)."""
    if ctx.timeline is None:
        return []
    return [o for o in ctx.timeline.decisions.overrides
            if o.covers(date) and (not known or known_by(applies_from(o), date))]


def states_at(ctx: ExportContext, date: dt.date, known: bool = False) -> list[DistrictState]:
    """Every district's state on ``date`` (empty when no timeline is built)."""
    timeline = ctx.timeline
    if timeline is None:
        return []
    try:
        return timeline.known_state_at(date) if known else timeline.state_at(date)
    except FrontlineError:
        return []


def front_at(ctx: ExportContext, date: dt.date, known: bool = False) -> dict[str, Any] | None:
    """The front line on ``date`` as a GeoJSON geometry (None when there is none)."""
    timeline = ctx.timeline
    if timeline is None:
        return None
    try:
        return timeline.known_front_at(date) if known else timeline.front_at(date)
    except FrontlineError:
        return None


def sources_of(ctx: ExportContext, date: dt.date, known: bool = False) -> list[Source]:
    """Every article the view at ``date`` rests on, plus the theatre's initial reference.

    An article counts when it was published by ``date`` or reports an event or figure
    dated by then (hindsight); with ``known`` only the first rule applies.
    """
    found: dict[tuple[str, str], Source] = {}
    for ex in usable(ctx, date, known):
        art = ex.article
        early = any(ev.date.start <= date for ev in ex.events) or any(
            known_by(figure_day(f), date) for f in ex.figures)
        if known_by(art.published, date) or early:
            key = (art.source, art.title)
            found.setdefault(key, Source(art.source or art.path, art.title, art.published,
                                         art.url, _cited(ex, date)))
    sources = sorted(found.values(), key=lambda s: (s.published or dt.date.min, s.source))
    if ctx.theatre.initial_evidence:
        sources.append(Source(INITIAL_SOURCE, ctx.theatre.initial_evidence,
                              ctx.theatre.initial_since))
    return sources


def _cited(extraction: Extraction, date: dt.date) -> int:
    """For an analyst chronology, the distinct sources its rows dated by ``date`` cite
    (0 for an article, which is its own source)."""
    cited: set[tuple[str, str]] = set()
    items: list[Event | Figure] = [*extraction.events, *extraction.figures]
    for item in items:
        prov = item.provenance
        day = figure_day(item) if isinstance(item, Figure) else item.date.start
        if prov.basis == BASIS_ANALYST and day is not None and day <= date:
            cited.add((prov.source, prov.url))
    return len(cited)


def change_dates(ctx: ExportContext, known: bool = False) -> list[dt.date]:
    """Dates where control changed (the timeline's significant changes), in the battle;
    ``known``: the days a change became knowable (an "as known on" export may not pick
    its frames or slides with hindsight)."""
    timeline = ctx.timeline
    if timeline is None:
        return []
    try:
        dates = list(timeline.significant_changes(known=known))
    except FrontlineError:
        return []
    start, end = ctx.theatre.battle_start, ctx.theatre.battle_end
    return sorted(d for d in dates if start <= d <= end)
