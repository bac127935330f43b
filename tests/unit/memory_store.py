"""A store held in memory: the second implementation of the Store protocol.

It shows the protocol can be met without files, runs the same contract tests as
:class:`timeline.store.files.FileStore`, and lets pipeline tests use a SYNTHETIC
theatre whose districts are given rather than built from theatre files.
"""

from __future__ import annotations

import copy
import itertools

import geopandas as gpd

from frontline.errors import StoreError
from geodata.districts import build_districts
from geodata.theatre import Theatre
from timeline.control.model import ControlTimeline
from timeline.decisions import Decisions
from timeline.records import Extraction


class MemoryStore:
    """Extractions, districts and a timeline in dictionaries; a counter as version."""

    def __init__(self, districts: gpd.GeoDataFrame | None = None) -> None:
        self._extractions: dict[str, Extraction] = {}
        self._districts = districts
        self._timeline: ControlTimeline | None = None
        self.decided = Decisions()  # the analysts' decisions in force, set by a test
        self._counter = itertools.count()
        self._version = next(self._counter)

    def _changed(self) -> None:
        self._version = next(self._counter)

    def article_ids(self) -> list[str]:
        return sorted(self._extractions)

    def extraction(self, article_id: str) -> Extraction | None:
        return self._extractions.get(article_id)

    def extractions(self) -> list[Extraction]:
        return [self._extractions[k] for k in self.article_ids()]

    def save_extraction(self, extraction: Extraction) -> None:
        self._extractions[extraction.article.id] = extraction
        self._changed()

    def remove_extraction(self, article_id: str) -> None:
        if self._extractions.pop(article_id, None) is not None:
            self._changed()

    def source_sha256(self, article_id: str) -> str | None:
        found = self._extractions.get(article_id)
        return found.article.sha256 if found else None

    def sources(self) -> dict[str, str]:
        return {k: x.article.path for k, x in sorted(self._extractions.items())}

    def districts(self, theatre: Theatre) -> gpd.GeoDataFrame:
        return self._districts if self._districts is not None else build_districts(theatre)

    def has_timeline(self) -> bool:
        return self._timeline is not None

    def save_timeline(self, timeline: ControlTimeline) -> None:
        self._timeline = copy.copy(timeline)
        self._changed()

    def load_timeline(self) -> ControlTimeline:
        if self._timeline is None:
            raise StoreError("no control timeline in memory: run `python -m timeline build`")
        return self._timeline

    def timeline_location(self) -> str:
        return "memory"

    def version(self) -> str:
        return str(self._version)

    def decisions(self) -> Decisions:
        return self.decided
