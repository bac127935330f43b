"""The event timeline panel's filtered list as CSV: one row per event, with its quote.

The app filters the events in the browser (``assets/events_panel.js``, the only owner of
the filter rule) and sends the indices of the matches into the page's events
(:attr:`viewmodel.page_data.PageData.events`); this module writes those rows. Columns
are appended, never renamed: a spreadsheet built on them keeps working. Every text
cell goes through the spreadsheet guard (:mod:`exports.spreadsheet`): a quote that
starts with ``=`` is data, never a formula.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from exports.spreadsheet import csv_bytes_of
from frontline.errors import ExportError
from viewmodel.page_data import PageData
from viewmodel.page_events import PageEvent

COLUMNS = ("date", "kind", "status", "places", "actor", "side", "quote", "source",
           "published", "grading", "on_map", "event_id")


def event_row(event: PageEvent) -> dict[str, str]:
    """One event as a CSV row (``on_map``: whether the map can show its place)."""
    return {"date": event.date, "kind": event.label or event.kind, "status": event.status,
            "places": event.places, "actor": event.actor, "side": event.side,
            "quote": event.quote, "source": event.source, "published": event.published_date,
            "grading": event.grading, "on_map": "yes" if event.lon else "no",
            "event_id": event.id}


def chosen_events(page: PageData, indices: Iterable[object]) -> list[PageEvent]:
    """The page's events at ``indices`` (as the browser sent them), in the given order;
    anything that is not an index of an event is refused with one line."""
    out = []
    for raw in indices:
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw < len(page.events):
            raise ExportError(f"no event number {raw!r}: reload the page (the data changed?)")
        out.append(page.events[raw])
    return out


def event_list_csv(page: PageData, indices: Iterable[object]) -> bytes:
    """The events at ``indices`` as CSV (a header only when there are none)."""
    rows = [event_row(ev) for ev in chosen_events(page, indices)]
    return csv_bytes_of(pd.DataFrame(rows, columns=list(COLUMNS)))
