"""Everything an export reads, loaded once: theatre, districts, timeline, articles.

:class:`ExportContext` bundles the stores and the page view model the app draws from
(:class:`viewmodel.page_data.PageData`), so that a snapshot shows exactly what the
map shows and a data export carries the same states. Missing stages load as empty,
as in the app: the export then says that nothing is known yet instead of failing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from frontline.errors import DateError, ExportError, FrontlineError
from frontline.isodate import parse_iso_date
from frontline.settings import Settings
from geodata.theatre import Theatre, load_theatre
from timeline.control.build import ControlRules, ensure_known_replay, needs_known_replay
from timeline.control.model import ControlTimeline
from timeline.pipeline import Published, load_published
from timeline.records import Extraction
from timeline.store.configured import configured_store
from timeline.store.files import FileStore
from timeline.store.protocol import Store
from viewmodel.page_data import PageData, page_from

NAME_LANGUAGES = ("en", "ar")  # the map's names in exports: as the app's names switch


@dataclass(frozen=True, eq=False)
class ExportContext:
    """The loaded stores of one theatre, shared by every export of a run or an app."""

    theatre: Theatre
    districts: gpd.GeoDataFrame
    timeline: ControlTimeline | None
    extractions: tuple[Extraction, ...]
    page: PageData = field(repr=False)

    def check_date(self, date: dt.date) -> dt.date:
        """Refuse a date outside the battle window (the map has nothing to say there)."""
        return check_in_battle(self.theatre, date)

    def day_of(self, date: dt.date) -> int:
        return self.page.day_of(date)

    def named_in(self, language: str) -> ExportContext:
        """This context with the map's names in ``language`` (:data:`NAME_LANGUAGES`):
        ``ar`` labels each place by its Arabic name where the gazetteer has one, as the
        app's "بالعربية" does, so an export shows the names the analyst is reading (the
        renderer's browser lays them out right to left). Texts other than the map's
        names stay as they are; the data exports carry both names anyway."""
        if language not in NAME_LANGUAGES:
            raise ExportError(f"names must be one of {', '.join(NAME_LANGUAGES)}, "
                              f"got {language!r}")
        if language == "en":
            return self
        places = tuple(dataclasses.replace(p, label=p.arabic or p.label)
                       for p in self.page.places)
        return dataclasses.replace(self, page=dataclasses.replace(self.page, places=places))


def check_in_battle(theatre: Theatre, date: dt.date) -> dt.date:
    """``date``, or a one-line :class:`DateError` naming the theatre's battle window."""
    start, end = theatre.battle_start, theatre.battle_end
    if not start <= date <= end:
        raise DateError(f"date {date.isoformat()} is outside the battle "
                        f"({start.isoformat()} to {end.isoformat()})")
    return date


def parse_date(text: str) -> dt.date:
    """An ISO ``YYYY-MM-DD`` date, or a one-line :class:`DateError`."""
    return parse_iso_date(text)


def load_context(theatre: Theatre | None = None, data_dir: Path | None = None, *,
                 store: Store | None = None, settings: Settings | None = None) -> ExportContext:
    """Load the stores once, through the pipeline, and build the page view model.

    With no stored timeline the timeline is computed from the stored extractions, as
    ``python -m timeline state`` does, so that an export and the CLI agree. ``store``
    defaults to the files of ``data_dir`` (else the configured folder).
    """
    settings = settings or Settings.from_env()
    store = store or (FileStore(data_dir, settings.boundaries) if data_dir
                      else configured_store(settings))
    theatre = theatre or load_theatre(settings.theatre)
    published = load_published(store, theatre, settings, compute=True)
    if published.timeline is not None:
        # a timeline without its "as known on" replay gets it here, once for every date of
        # the context; should that fail, hindsight exports still work and "as known on"
        # ones say that nothing is known
        with contextlib.suppress(FrontlineError):
            ensure_known_replay(published.timeline, theatre, published.districts,
                                list(published.extractions), ControlRules.from_settings(settings))
    return context_from(published, theatre, settings)


def context_from(published: Published, theatre: Theatre, settings: Settings) -> ExportContext:
    """The export context of what a store has published (pure: no I/O)."""
    return ExportContext(theatre, published.districts, published.timeline,
                         published.extractions, page_from(published, theatre, settings))


def context_with_page(published: Published, page: PageData,
                      theatre: Theatre) -> ExportContext | None:
    """The export context of ``published`` sharing ``page``, the app's view model of the
    same load (pure: no I/O), when an export would read exactly that: a stored timeline
    holding its "as known on" replay. None otherwise (:func:`load_context` then computes
    what is missing, as the CLI does)."""
    if published.timeline is None or needs_known_replay(published.timeline):
        return None
    return ExportContext(theatre, published.districts, published.timeline,
                         published.extractions, page)
