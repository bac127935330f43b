"""Analysts' annotations on the page: dated notes pinned to places (issue 15).

An :class:`~timeline.decisions.Annotation` is in force from its day on (a note about a
place stays true of it until an analyst removes it). In "as known on" mode it is shown
from the date of the source it cites, never when it cites none
(:func:`timeline.decisions.applies_from`); the page sends that day as ``pub`` and the
browser applies :func:`timeline.known.known_by` to it, as it does for events.

The page sends the notes as columns (:func:`notes_json`), like the events; the browser
draws them on the events' layer as small dark markers whose hover
(``noteHover`` in ``assets/frontline.js``) is :func:`note_hover`'s twin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd

from geodata.districts import ID, NAME
from geodata.theatre import Theatre
from timeline.decisions import Annotation, applies_from
from timeline.known import known_by
from viewmodel.hover import safe, safe_lines
from viewmodel.page_events import StringTable, place_points

NOTE_COLOR = "#222222"  # the notes' marker: dark, apart from every event kind's colour
NOTE_LABEL = "analyst note"


@dataclass(frozen=True)
class PageNote:
    """An annotation as the page shows it: its day and known day relative to the page
    start, its place's point and name, its text, author and source."""

    day: int
    pub: int | None
    place: str
    lon: float | None
    lat: float | None
    text: str
    author: str
    source: str
    date: str


def place_name(theatre: Theatre, districts: gpd.GeoDataFrame, place: str) -> str:
    """The name the page gives ``place`` (its gazetteer or district name, else its id)."""
    for p in theatre.places:
        if p.id == place:
            return p.name
    if NAME in districts.columns:
        found = districts.loc[districts[ID].astype(str) == place, NAME]
        if len(found):
            return str(found.iloc[0])
    return place


def page_notes(annotations: Iterable[Annotation], theatre: Theatre,
               districts: gpd.GeoDataFrame, start: dt.date) -> tuple[PageNote, ...]:
    """Every annotation, in date order, placed at its place's point (none: no marker)."""
    out = []
    for a in sorted(annotations, key=lambda a: (a.day, a.id)):
        points = place_points(theatre, districts, [a.place])
        first = applies_from(a)
        out.append(PageNote(
            day=(a.day - start).days, pub=None if first is None else (first - start).days,
            place=place_name(theatre, districts, a.place),
            lon=points[0][0] if points else None, lat=points[0][1] if points else None,
            text=a.text, author=a.decided.author, source=a.source, date=a.day.isoformat()))
    return tuple(out)


def notes_in_force(notes: Sequence[PageNote], day: int, known: bool = False) -> list[int]:
    """Indices of the notes shown on ``day``: dated on or before it (``known``: and known
    by then). Twin of ``notesInForce`` in ``assets/frontline.js``."""
    return [i for i, n in enumerate(notes)
            if n.day <= day and (not known or known_by(n.pub, day))]


def note_hover(note: PageNote) -> str:
    """A note's hover: label, date, place, the text, then author and source."""
    by = f"— {safe(note.author)}" + (f", citing {safe(note.source)}" if note.source else "")
    return (f"<b>{NOTE_LABEL}</b>, {safe(note.date)}<br>{safe(note.place)}"
            f"<br><i>{safe_lines(note.text)}</i><br>{by}")


def notes_json(notes: Iterable[PageNote], table: StringTable) -> dict[str, list[Any]]:
    """The notes as columns, texts as indices into ``table`` (``lines``: the text wrapped
    and escaped as :func:`note_hover` shows it)."""
    cols: dict[str, list[Any]] = {k: [] for k in (
        "day", "pub", "place", "lines", "author", "source", "date", "lon", "lat")}
    for n in notes:
        cols["day"].append(n.day)
        cols["pub"].append(n.pub)
        cols["place"].append(table(n.place))
        cols["lines"].append(table(safe_lines(n.text)))
        cols["author"].append(table(n.author))
        cols["source"].append(table(n.source))
        cols["date"].append(table(n.date))
        cols["lon"].append(n.lon)
        cols["lat"].append(n.lat)
    return cols


def annotations_on(annotations: Iterable[Annotation], date: dt.date,
                   known: bool = False) -> list[Annotation]:
    """The annotations in force on ``date`` (the exports' list; the page's rule on dates)."""
    return [a for a in sorted(annotations, key=lambda a: (a.day, a.id))
            if a.day <= date and (not known or known_by(applies_from(a), date))]
