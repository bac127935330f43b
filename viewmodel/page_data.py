"""The page's view model, built once and sent to the browser once.

Everything the animation needs for any day sits in :class:`PageData`: the district
polygons (simplified, coordinates rounded to 5 decimals), per-day colour codes and
hover indices for both replays (as reported, and as known on each day), front lines
(as shared edges), events with their points and texts, and the figure points. The browser
then draws any day without asking the server again; :func:`frame` is the Python twin
of the JS ``frame`` in ``assets/frontline.js`` and feeds the pure figure builders.

No Dash here: this module is plain data, so exports and tests can use it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from frontline.settings import Settings
from geodata.districts import APPROXIMATE, ID, NAME, fingerprint
from geodata.theatre import Side, Theatre, load_theatre
from timeline.control.model import ControlTimeline
from timeline.known import known_by
from timeline.pipeline import Published, load_published
from timeline.records import Extraction
from timeline.store.configured import configured_store
from timeline.store.files import FileStore
from timeline.store.protocol import Store
from viewmodel.page_control import (
    N_BASIS,
    ControlView,
    control_view,
    empty_view,
    front_table,
    join_edges,
)
from viewmodel.page_events import (
    KIND_COLORS,
    FigurePoint,
    PageEvent,
    StringTable,
    events_json,
    figure_groups,
    figure_points,
    page_events,
)
from viewmodel.page_notes import NOTE_COLOR, PageNote, notes_in_force, notes_json, page_notes
from viewmodel.place_names import PlaceName, names_json, place_names

SIMPLIFY_DEGREES = 0.0001  # about 10 m: far below the polygons' own uncertainty
DECIMALS = 5
MAIN = "main"
OFFLINE_STYLE = "white-bg"  # MapLibre's blank style: the only one that needs no tile server
KNOWN = "known"


@dataclass(frozen=True, eq=False)
class PageData:
    """What the page shows, for every day of the battle window."""

    title: str
    start: dt.date
    n_days: int
    district_ids: tuple[str, ...]
    district_names: tuple[str, ...]
    geojson: dict[str, Any]
    approximate: bool
    views: dict[str, ControlView]
    front_edges: tuple[tuple[list[float], list[float]], ...]
    fronts: tuple[tuple[int, ...], ...]
    events: tuple[PageEvent, ...]
    figures: tuple[FigurePoint, ...]
    share: dict[str, tuple[float, ...]]
    fade_days: int
    has_timeline: bool
    holder: Side  # whose share of each bank ``share`` gives: the theatre's advancing side
    sides: tuple[Side, ...]  # the theatre's sides in code order (forces, contested, unknown)
    bounds: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # of the districts
    map_style: str = OFFLINE_STYLE  # the run's FRONTLINE_MAP_STYLE (Settings.map_style)
    notes: tuple[PageNote, ...] = ()  # the analysts' annotations (viewmodel.page_notes)
    places: tuple[PlaceName, ...] = ()  # names layer and place search (viewmodel.place_names)
    assumed_after_days: int = 0  # the run's FRONTLINE_ASSUMED_AFTER_DAYS, for the legend

    def date_of(self, day: int) -> dt.date:
        return self.start + dt.timedelta(days=day)

    @functools.cached_property
    def sides_on_map(self) -> tuple[str, ...]:
        """The sides some district takes on some day of either replay, in code order:
        the rows of every key (the app's legend, snapshots, slides, frames). A side no
        district ever takes ("unknown" once a timeline is built) would be a key row for
        nothing; one set for the whole battle, so a movie's key does not change between
        frames."""
        codes: set[int] = set()
        for view in self.views.values():
            codes.update(int(c) for c in np.unique(np.asarray(view.z) // N_BASIS))
        return tuple(s.key for i, s in enumerate(self.sides) if i in codes)

    @property
    def dates(self) -> tuple[str, ...]:
        return tuple(self.date_of(d).isoformat() for d in range(self.n_days))

    def day_of(self, date: dt.date) -> int:
        """The page day of ``date``, clamped into the battle window."""
        return int(np.clip((date - self.start).days, 0, self.n_days - 1))

    def front(self, index: int) -> dict[str, list[float | None]]:
        """Front line ``index`` as lon/lat lists (empty when there is none)."""
        if not 0 <= index < len(self.fronts):
            return {"lon": [], "lat": []}
        return join_edges(self.front_edges, self.fronts[index])

    def to_json(self) -> dict[str, Any]:
        """The store sent to the browser (no district geometry: that travels in the figure).

        Sent once, so it is kept small: front lines as a table of shared edges plus each
        front's edge indices, events as columns whose texts index ``strings`` (each
        distinct text once) and whose hover texts the browser builds.
        """
        strings = StringTable()
        events = events_json(self.events, strings)
        return {
            "start": self.start.isoformat(),
            "dates": list(self.dates),
            "fade": self.fade_days,
            "bounds": list(self.bounds),
            "district_ids": list(self.district_ids),
            "views": {k: v.to_json() for k, v in self.views.items()},
            "front_edges": {"lon": [e[0] for e in self.front_edges],
                            "lat": [e[1] for e in self.front_edges]},
            "fronts": [list(f) for f in self.fronts],
            "events": events,
            "notes": notes_json(self.notes, strings),
            "places": names_json(self.places),
            "note_color": NOTE_COLOR,
            "strings": strings.strings,
            "kind_colors": KIND_COLORS,
            "sides": [{"key": s.key, "label": s.label, "color": s.color} for s in self.sides],
            "figures": [
                {"day": self.day_of(f.date), "date": f.date.isoformat(),
                 "quote": f.quote, "source": f.source, "series": f.series, "value": f.value,
                 "pub": None if f.known_from is None else (f.known_from - self.start).days}
                for f in self.figures
            ],
            # the chart's point traces (their figure indices), then its share traces
            "chart_points": [members for _, _, members in figure_groups(self.figures)],
            "chart_shares": len(self.share),
        }


def districts_geojson(districts: gpd.GeoDataFrame) -> dict[str, Any]:
    """A FeatureCollection of simplified districts, coordinates rounded, keyed by id."""
    geoms = shapely.simplify(np.asarray(districts.geometry.values), SIMPLIFY_DEGREES,
                             preserve_topology=True)
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, DECIMALS))
    features = [
        {"type": "Feature", "id": did,
         "properties": {"id": did}, "geometry": shapely.geometry.mapping(g)}
        for did, g in zip(districts[ID], geoms, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True, eq=False)
class DistrictLayers:
    """What the page takes from the district polygons alone: their GeoJSON, whether they
    are approximate, their bounds, and the place names drawn over them."""

    geojson: dict[str, Any]
    approximate: bool
    bounds: tuple[float, float, float, float]
    places: tuple[PlaceName, ...]


_LAYERS: OrderedDict[tuple[int, str], tuple[Theatre, DistrictLayers]] = OrderedDict()
_LAYERS_KEPT = 4
_LAYERS_LOCK = threading.Lock()


def district_layers(theatre: Theatre, districts: gpd.GeoDataFrame) -> DistrictLayers:
    """The :class:`DistrictLayers` of ``districts`` in ``theatre``, kept per theatre and
    polygons (:func:`geodata.districts.fingerprint`): an analyst's decision rebuilds
    the page on the same polygons, whose simplification and label points (a third of a
    second on Mosul) are then not computed again."""
    key = (id(theatre), fingerprint(districts))
    with _LAYERS_LOCK:
        found = _LAYERS.get(key)
        if found is not None and found[0] is theatre:
            _LAYERS.move_to_end(key)
            return found[1]
    layers = DistrictLayers(
        geojson=districts_geojson(districts),
        approximate=bool(districts[APPROXIMATE].any()) if APPROXIMATE in districts else True,
        bounds=tuple(float(v) for v in districts.total_bounds),  # type: ignore[arg-type]
        places=place_names(theatre, districts),
    )
    with _LAYERS_LOCK:
        _LAYERS[key] = (theatre, layers)
        while len(_LAYERS) > _LAYERS_KEPT:
            _LAYERS.popitem(last=False)
    return layers


def build_page_data(theatre: Theatre, districts: gpd.GeoDataFrame,
                    timeline: ControlTimeline | None,
                    extractions: list[Extraction], fade_days: int = 7,
                    map_style: str = OFFLINE_STYLE) -> PageData:
    """Build the view model of a theatre's battle window (pure: no I/O)."""
    start = theatre.battle_start
    n_days = (theatre.battle_end - start).days + 1
    ids = tuple(str(i) for i in districts[ID])
    names = tuple(str(n) for n in districts[NAME]) if NAME in districts else ids
    codes = theatre.side_codes
    if timeline is None:
        views = {MAIN: empty_view(len(ids), n_days, names, codes)}
        views[KNOWN] = views[MAIN]
        front_edges: tuple[tuple[list[float], list[float]], ...] = ()
        fronts: tuple[tuple[int, ...], ...] = ()
        share: dict[str, tuple[float, ...]] = {}
        grading: dict[str, str] = {}
        notes: tuple[PageNote, ...] = ()
    else:
        views = {mode: control_view(timeline, names, ids, start, n_days, known=mode == KNOWN,
                                    sides=codes)
                 for mode in (MAIN, KNOWN)}
        front_edges, fronts = front_table(list(getattr(timeline, "fronts", None) or ()))
        share = holder_share(timeline, theatre.advancing_side, start, n_days)
        grading = event_grading(timeline, extractions)
        notes = page_notes(timeline.decisions.annotations, theatre, districts, start)
    layers = district_layers(theatre, districts)
    return PageData(
        title=theatre.title, start=start, n_days=n_days, district_ids=ids,
        district_names=names, geojson=layers.geojson, approximate=layers.approximate,
        views=views, front_edges=front_edges, fronts=fronts,
        events=page_events(extractions, theatre, districts, start, grading), notes=notes,
        figures=figure_points(extractions, theatre), share=share, fade_days=fade_days,
        map_style=map_style,
        has_timeline=timeline is not None,
        holder=theatre.sides[theatre.advancing_side],
        sides=tuple(theatre.sides[name] for name in codes.names),
        bounds=layers.bounds,
        places=layers.places,
    )


def event_grading(timeline: ControlTimeline, extractions: list[Extraction]) -> dict[str, str]:
    """Each event's "source grade B, credibility 2", as the timeline's evidence judged it."""
    out = {}
    for x in extractions:
        for e in x.events:
            ev = timeline.evidence.get(e.id)
            if ev is not None and ev.grading:
                out[e.id] = ev.grading
    return out


def holder_share(timeline: ControlTimeline, holder: str, start: dt.date,
                 n_days: int) -> dict[str, tuple[float, ...]]:
    """Share (percent, by area) of each bank held by side ``holder`` (the theatre's
    advancing side: Mosul's government), per page day."""
    cols = np.clip(np.arange(n_days) + timeline.day_index(start), 0, timeline.n_days - 1)
    code = timeline.sides.code(holder)
    out = {}
    for region, table in (timeline.share or {}).items():
        arr = np.asarray(table, dtype=float)
        if arr.ndim == 2 and arr.shape[1] == timeline.n_days and code < arr.shape[0]:
            out[region] = tuple(np.round(arr[code, cols] * 100, 2).tolist())
    return out


def frame(page: PageData, day: int, known: bool = False) -> dict[str, Any]:
    """What the map shows on ``day``: colour codes, hover texts, front line, events.

    The Python twin of ``frame`` in ``assets/frontline.js``; keep the two in step.
    """
    view = page.views[KNOWN if known else MAIN]
    return {
        "z": view.z[day].tolist(),
        "text": [view.texts[i] for i in view.hover[day]],
        "front": page.front(int(view.front[day])),
        "events": visible_events(page, day, known),
        "notes": notes_in_force(page.notes, day, known),
    }


def event_opacity(event: PageEvent, day: int, fade_days: int) -> float:
    """1 while the event's date lasts, then fading to 0 over ``fade_days`` (0: hidden)."""
    if day < event.day or day > event.end + fade_days:
        return 0.0
    age = max(0, day - event.end)
    return round(1.0 - age / (fade_days + 1), 3)


def visible_events(page: PageData, day: int, known: bool = False) -> list[tuple[int, float]]:
    """(event index, opacity) of the events shown on ``day`` (``known``: known by then)."""
    out = []
    for i, ev in enumerate(page.events):
        if known and not known_by(ev.published, day):
            continue
        opacity = event_opacity(ev, day, page.fade_days)
        if opacity > 0:
            out.append((i, opacity))
    return out


def page_from(published: Published, theatre: Theatre, settings: Settings) -> PageData:
    """The view model of what a store has published (pure: no I/O)."""
    page = build_page_data(theatre, published.districts, published.timeline,
                           list(published.extractions), fade_days=settings.event_fade_days,
                           map_style=settings.map_style)
    return dataclasses.replace(page, assumed_after_days=settings.assumed_after_days)


def load_page_data(theatre: Theatre | None = None, data_dir: Path | None = None, *,
                   store: Store | None = None, settings: Settings | None = None) -> PageData:
    """Read districts, timeline and extractions through the pipeline; missing parts are
    empty. ``store`` defaults to the files of ``data_dir`` (else the configured folder)."""
    settings = settings or Settings.from_env()
    store = store or (FileStore(data_dir, settings.boundaries) if data_dir
                      else configured_store(settings))
    theatre = theatre or load_theatre(settings.theatre)
    return page_from(load_published(store, theatre, settings), theatre, settings)
