"""Events and figures of the corpus, placed on the page's days and the map.

An event is drawn at each of its places that has a point: the place's own point (a
district or landmark), else the centroid of the districts an area stands for. A
forecast (status ``expected``) is listed but never drawn: a dot says it happened. A
month-precise event is shown from the first day of its month to its last, then fades.
Places are named by their gazetteer label, not by a chronology's ids. Each event and
figure carries the page day it became known (:func:`timeline.known.known_from`), which
the "as known on" mode compares with the slider's day (:func:`timeline.known.known_by`).
Figures become points of the chart, placed on their chart day
(:func:`timeline.known.figure_day`), grouped into series (displaced, killed militants,
killed civilians, ...) and told apart by claimant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd

from geodata.districts import ID, members
from geodata.theatre import Theatre
from timeline.extract.lexicon import opponents_named
from timeline.known import figure_day, known_from
from timeline.records import Event, Extraction, Figure, PlaceRef
from viewmodel.amounts import amount_text
from viewmodel.hover import clip, quote_block, safe, safe_lines

MARKER_KINDS = ("capture", "offensive", "kill", "arrest", "attack", "declaration",
                "destruction", "other")
KIND_COLORS = {
    "capture": "#009E73",
    "offensive": "#332288",
    "kill": "#CC79A7",
    "arrest": "#56B4E9",
    "attack": "#E69F00",
    "declaration": "#000000",
    "destruction": "#882255",
    "other": "#777777",
}
MILITANT_WORDS = ("militant", "terrorist", "fighter", "jihadist")
CIVILIAN_WORDS = ("civilian", "resident", "children", "women")
CURRENT_WORDS = ("current", "still", "remain")
DISPLACED_NOW = "Displaced: currently"
DISPLACED_SINCE = "Displaced: cumulative"
COUNT_SERIES = {
    "displaced": "Displaced",
    "trapped": "Trapped",
    "population": "Population",
    "wounded": "Wounded",
    "arrested": "Arrested",
    "fighters": "Fighters",
    "returned": "Returned",
}
SHARE_KIND = "territory_percent"
EXPECTED = "expected"


@dataclass(frozen=True)
class PageEvent:
    """An event as the page shows it: days relative to the page start, points, texts.

    ``kind`` is the marker kind (unknown kinds become "other"); ``label`` the kind as
    extracted, which the hover text names. ``hover`` is for the exports: the page sends
    the fields once (:func:`events_json`) and builds the same text in the browser.
    """

    day: int
    end: int
    published: int | None
    kind: str
    status: str
    date: str
    places: str
    quote: str
    source: str
    hover: str
    lon: tuple[float, ...]
    lat: tuple[float, ...]
    label: str = ""
    published_date: str = ""  # the article's publication, which dates the source
    grading: str = ""  # "source grade B, credibility 2" (Evidence.grading), when judged
    actor: str = ""  # who acted, as the article or chronology names them ("CTS", "9th Division")
    side: str = ""  # the side the actor belongs to (the theatre's side key, or "unknown")
    id: str = ""  # the extracted event's id (article + span), stable across rebuilds


class StringTable:
    """Distinct strings, each sent once; the page's records refer to them by index."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        i = self._index.get(text)
        if i is None:
            i = self._index[text] = len(self.strings)
            self.strings.append(text)
        return i


def events_json(events: Iterable[PageEvent], table: StringTable) -> dict[str, list[Any]]:
    """The events as columns, their texts as indices into ``table``, each sent once.

    The browser (``assets/frontline.js``: ``eventHover``) builds each event's hover text
    from these fields as :func:`page_event` does, escaping them the way
    :mod:`viewmodel.hover` does; ``lines`` is the quote already wrapped and escaped
    (:func:`viewmodel.hover.safe_lines`), so the wrapping matches Python's exactly.
    """
    cols: dict[str, list[Any]] = {k: [] for k in (
        "day", "end", "pub", "kind", "label", "status", "date", "places", "quote",
        "lines", "source", "lon", "lat", "pubdate", "grading", "actor", "side")}
    for e in events:
        cols["day"].append(e.day)
        cols["end"].append(e.end)
        cols["pub"].append(e.published)
        cols["kind"].append(table(e.kind))
        cols["label"].append(table(e.label or e.kind))
        cols["status"].append(table(e.status))
        cols["date"].append(table(e.date))
        cols["places"].append(table(e.places))
        cols["quote"].append(table(clip(e.quote)))
        cols["lines"].append(table(safe_lines(e.quote)))
        cols["source"].append(table(e.source))
        cols["lon"].append(list(e.lon))
        cols["lat"].append(list(e.lat))
        cols["pubdate"].append(table(e.published_date))
        cols["grading"].append(table(e.grading))
        cols["actor"].append(table(e.actor))
        cols["side"].append(table(e.side))
    return cols


@dataclass(frozen=True)
class FigurePoint:
    """A figure as a chart point: its series, claimant, date and value with its range."""

    series: str
    claimant: str
    date: dt.date
    value: float
    low: float
    high: float
    hover: str
    quote: str
    source: str
    known_from: dt.date | None = None  # timeline.known.known_from: None, never known
    qualifier: str = "exact"
    percent: bool = False

    @property
    def amount(self) -> str:
        """How the figure reads (a range stays a range, "dozens" stays "dozens")."""
        return amount_text(self.value, self.low, self.high, self.qualifier, self.percent)


def figure_groups(points: tuple[FigurePoint, ...]) -> list[tuple[str, str, list[int]]]:
    """(series, claimant, point indices) of each chart trace, in trace order."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, point in enumerate(points):
        groups.setdefault((point.series, point.claimant), []).append(i)
    return [(series, claimant, members) for (series, claimant), members in sorted(groups.items())]


def place_points(theatre: Theatre, districts: gpd.GeoDataFrame,
                 place_ids: Iterable[str | None]) -> list[tuple[float, float]]:
    """(lon, lat) of each place: its point, else the centroid of the districts it covers."""
    places = theatre.places_by_id
    ids = districts[ID].tolist()
    points: list[tuple[float, float]] = []
    for pid in place_ids:
        place = places.get(pid or "")
        if place is None:
            continue
        if place.lat is not None and place.lon is not None:
            points.append((round(place.lon, 5), round(place.lat, 5)))
            continue
        covered = districts[districts[ID].isin(members(theatre, place.id, ids, districts))]
        if len(covered):
            centre = covered.geometry.union_all().centroid
            points.append((round(centre.x, 5), round(centre.y, 5)))
    return points


def place_label(theatre: Theatre, ref: PlaceRef) -> str:
    """How a reader sees an event's place: its gazetteer label, else the text as written."""
    place = theatre.places_by_id.get(ref.id or "")
    return place.label if place is not None else ref.mention


def _day(date: dt.date, start: dt.date) -> int:
    return (date - start).days


def page_event(event: Event, theatre: Theatre, districts: gpd.GeoDataFrame,
               start: dt.date, grading: str = "") -> PageEvent:
    """Place one extracted event on the page; ``grading`` says how its source is graded
    and how corroborated it is (:attr:`timeline.control.model.Evidence.grading`)."""
    points = ([] if event.status == EXPECTED
              else place_points(theatre, districts, (ref.id for ref in event.places)))
    names = ", ".join(place_label(theatre, ref) for ref in event.places) or "(no place named)"
    prov = event.provenance
    first = known_from(event)
    date = event.date.iso()
    kind = event.kind if event.kind in MARKER_KINDS else "other"
    excerpt = prov.excerpt(event.note)
    # The event is dated by its own date; its source by the article's publication.
    published = prov.published.isoformat() if prov.published else ""
    hover = (f"<b>{safe(event.kind)}</b> ({safe(event.status)}), {safe(date)}"
             f"<br>{safe(names)}<br>{quote_block(excerpt, prov.source, published or date)}")
    if grading:
        hover += f"<br>{safe(grading)}"
    return PageEvent(
        day=_day(event.date.start, start),
        end=_day(event.date.end, start),
        published=_day(first, start) if first else None,
        kind=kind, status=event.status, date=date, places=names,
        quote=excerpt, source=prov.source, hover=hover,
        lon=tuple(p[0] for p in points), lat=tuple(p[1] for p in points),
        label=event.kind, published_date=published, grading=grading,
        actor=event.actor, side=event.side, id=event.id,
    )


def page_events(extractions: Iterable[Extraction], theatre: Theatre,
                districts: gpd.GeoDataFrame, start: dt.date,
                grading: Mapping[str, str] | None = None) -> tuple[PageEvent, ...]:
    """Every event of the corpus, in date order (``grading``: by event id)."""
    grading = grading or {}
    events = [page_event(ev, theatre, districts, start, grading.get(ev.id, ""))
              for ex in extractions for ev in ex.events]
    return tuple(sorted(events, key=lambda e: (e.day, e.kind)))


def series_of(figure: Figure, theatre: Theatre | None = None) -> str | None:
    """The chart series a figure belongs to (None: not charted).

    Killed "militants" are those the subject calls so, or names a force opposing the
    theatre's advancing side by one of its actor names (Mosul: "ISIS", "Daesh").
    The displaced are two series that never share a line: those displaced on the day
    (a subject saying "currently", "still" or "remain") and a cumulative count since a
    start date (a ``since``: everyone ever displaced, returnees included). A displaced
    figure that says neither stays in the plain "Displaced" series.
    """
    if figure.kind == SHARE_KIND:
        return "Territory held (claimed %)"
    if figure.kind == "killed":
        subject = figure.subject.lower()
        if any(w in subject for w in MILITANT_WORDS) or (
                theatre is not None and opponents_named(figure.subject, theatre)):
            return "Killed: militants"
        if any(w in subject for w in CIVILIAN_WORDS):
            return "Killed: civilians"
        return "Killed: all / unspecified"
    if figure.kind == "displaced":
        if any(w in figure.subject.lower() for w in CURRENT_WORDS):
            return DISPLACED_NOW
        if figure.since is not None:
            return DISPLACED_SINCE
    return COUNT_SERIES.get(figure.kind)


def figure_point(figure: Figure, theatre: Theatre | None = None) -> FigurePoint | None:
    """A figure as a chart point on its chart day (:func:`timeline.known.figure_day`)."""
    series = series_of(figure, theatre)
    prov = figure.provenance
    when = figure_day(figure)
    value = figure.value
    if value is None and figure.low is not None and figure.high is not None:
        value = (figure.low + figure.high) / 2
    if series is None or when is None or value is None:
        return None
    low = figure.low if figure.low is not None else value
    high = figure.high if figure.high is not None else value
    claimant = figure.claimant or prov.source or "unattributed"
    # The source is dated by its publication (the chart day is the figure's own date).
    source_date = (prov.published or when).isoformat()
    percent = figure.kind == SHARE_KIND
    amount = amount_text(figure.value, low, high, figure.qualifier, percent)
    # The date is in the hover because the chart may set piled points of a day apart.
    hover = (f"<b>{safe(series)}</b>: {safe(amount)} ({when.isoformat()})"
             + f"<br>{safe(figure.subject)}; claimed by {safe(claimant)}"
             + f"<br>{quote_block(prov.excerpt(figure.note), prov.source, source_date)}")
    return FigurePoint(series=series, claimant=claimant, date=when, value=float(value),
                       low=float(low), high=float(high), hover=hover,
                       quote=prov.excerpt(figure.note),
                       source=prov.source, known_from=known_from(figure),
                       qualifier=figure.qualifier, percent=percent)


def figure_points(extractions: Iterable[Extraction],
                  theatre: Theatre | None = None) -> tuple[FigurePoint, ...]:
    """Every chartable figure of the corpus, in date order (``theatre``: whose actor
    names tell killed militants apart)."""
    points = (figure_point(f, theatre) for ex in extractions for f in ex.figures)
    return tuple(sorted((p for p in points if p is not None), key=lambda p: p.date))
