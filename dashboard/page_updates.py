"""What an open page is sent when the store changes under it: only the parts that changed.

The page data (``ids.PAGE_DATA``) of Mosul is about a megabyte of JSON, and a decision
changes a few of its parts (the hover texts of the districts a claim stood behind, the
events, the figures). The page says which store version it shows
(``ids.CURATION_VERSION``); when this process published that version, the page gets a
:class:`dash.Patch` assigning only the parts whose content differs, else the whole data.
The figures chart (``ids.CHART``), which the server builds, is sent again only when
what it is drawn from changed (:func:`viewmodel.chart.chart_inputs`).

Parts are compared by a digest of their content, kept per version (a few kilobytes),
never by keeping old page data: the stress theatre's is fifteen megabytes.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dash import Patch, no_update

from timeline.pipeline import Published
from viewmodel.chart import chart_inputs, figures_chart
from viewmodel.page_data import PageData

Path = tuple[str, ...]
CHART: Path = ("#chart",)  # the figures chart's digest, beside the data's parts
VERSION = "version"
KEPT = 8  # versions remembered: pages open on older ones get the whole data


@dataclass(frozen=True)
class PageUpdate:
    """What an open page receives: the store version, its page data (whole, or a
    :class:`dash.Patch` of the changed parts) and the chart figure (or ``no_update``)."""

    version: str
    data: dict[str, Any] | Patch
    chart: Any
    parts_sent: int  # how many parts the data carries (all of them when whole)


def parts(data: dict[str, Any]) -> Iterator[tuple[Path, Any]]:
    """The parts a patch may assign: each key of the page data, each view's arrays one
    by one (a decision often changes the hover texts of one replay only)."""
    for key, value in data.items():
        if key == VERSION:
            continue
        if key == "views" and isinstance(value, dict):
            for mode, view in value.items():
                for name, array in view.items():
                    yield ("views", mode, name), array
        else:
            yield (key,), value


def digest(value: Any) -> bytes:
    """A digest of plain JSON-like data (equal data, equal digest)."""
    return hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).digest()


def chart_figure(page: PageData) -> dict[str, Any]:
    """The figures chart as the layout sends it (its cursor on day 0: the page's own
    ``render`` moves it to the slider's day)."""
    return figures_chart(page, 0).to_plotly_json()


class PublishedPages:
    """The digests of the page data of the versions this process published, and the
    latest page data itself (the next page load's layout is built from it)."""

    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._lock = threading.Lock()
        self._digests: OrderedDict[str, dict[Path, bytes]] = OrderedDict()
        self._latest: tuple[Published, PageData] | None = None

    def remember(self, version: str, page: PageData, data: dict[str, Any]) -> dict[Path, bytes]:
        """Note ``data`` (and ``page``'s chart) as what ``version`` sends; its digests.
        The chart is compared by what it is drawn from (building it takes longer)."""
        found = {path: digest(value) for path, value in parts(data)}
        found[CHART] = digest(chart_inputs(page))
        with self._lock:
            self._digests[version] = found
            self._digests.move_to_end(version)
            while len(self._digests) > self._kept:
                self._digests.popitem(last=False)
        return found

    def latest(self, version: str) -> tuple[Published, PageData] | None:
        """What was published, and its page, when ``version`` is the latest update's."""
        latest = self._latest
        return latest if latest is not None and latest[0].version == version else None

    def update(self, shown: str | None, published: Published, page: PageData) -> PageUpdate:
        """What a page showing version ``shown`` is sent to show ``published``."""
        version = published.version
        with self._lock:
            self._latest = (published, page)
        data = page.to_json()
        data[VERSION] = version
        with self._lock:
            old = self._digests.get(shown) if shown else None
        new = self.remember(version, page, data)
        if old is None:
            return PageUpdate(version, data, chart_figure(page), len(new) - 1)
        patch = Patch()
        sent = 0
        for path, value in parts(data):
            if old.get(path) != new[path]:
                _at(patch, path)[path[-1]] = value
                sent += 1
        for path in old.keys() - new.keys():
            del _at(patch, path)[path[-1]]
        patch[VERSION] = version
        chart = chart_figure(page) if old.get(CHART) != new[CHART] else no_update
        return PageUpdate(version, patch, chart, sent)


def _at(patch: Patch, path: Path) -> Any:
    """The patch location holding the last key of ``path``."""
    node: Any = patch
    for key in path[:-1]:
        node = node[key]
    return node
