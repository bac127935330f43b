"""Everything an export reads, loaded once: theatre, districts, timeline, articles.

:class:`ExportContext` bundles the stores and the page view model the app draws from
(:class:`viewmodel.page_data.PageData`), so that a snapshot shows exactly what the
map shows and a data export carries the same states. Missing stages load as empty,
as in the app: the export then says that nothing is known yet instead of failing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from frontline import settings
from frontline.errors import DateError, FrontlineError
from frontline.isodate import parse_iso_date
from geodata.theatre import Theatre, load_theatre
from timeline.control.build import ensure_known_replay
from timeline.control.model import ControlTimeline
from timeline.records import Extraction
from viewmodel.page_data import PageData, build_page_data, load_stores


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


def load_context(theatre: Theatre | None = None, data_dir: Path | None = None) -> ExportContext:
    """Load the stores once and build the page view model from them.

    With no stored timeline the timeline is computed from the stored extractions, as
    ``python -m timeline state`` does, so that an export and the CLI agree; a timeline
    without its "as known on" replay gets it here, once for every date of the context.
    """
    theatre = theatre or load_theatre()
    districts, timeline, extractions = load_stores(theatre, data_dir, compute=True)
    if timeline is not None:
        # should the replay fail, hindsight exports still work and "as known on" ones say
        # that nothing is known
        with contextlib.suppress(FrontlineError):
            ensure_known_replay(timeline, theatre, districts, extractions)
    page = build_page_data(theatre, districts, timeline, extractions,
                           fade_days=settings.get_int("EVENT_FADE_DAYS"))
    return ExportContext(theatre, districts, timeline, tuple(extractions), page)
