"""The storage seam: what the pipeline, the app and the exports ask of a store.

A store keeps three things, named in the project's terms and never as files:

- **extractions**, one per article or analyst chronology, keyed by article id, each
  with the sha256 of the source it was read from (so ingest skips unchanged sources)
  and the source's location (so ingest can drop the articles whose source is gone);
- the **district polygons** of a theatre;
- the **built control timeline** (with its "as known on" replay and series), saved as
  one unit: a reader sees the previous build or the new one, never a mix;
- the **analysts' decisions** in force (:mod:`timeline.decisions`), which the pipeline
  applies to the extractions before every build. The file store keeps them in the
  SQL decision store (:mod:`timeline.store.sql.decisions`), which also keeps their
  history and the analyst accounts.

:meth:`Store.version` is a short text that changes whenever anything stored changes
and is cheap enough to ask on every page request: the app and the export panel key
their caches on it, so a running app serves a rebuilt store without a restart.

:class:`timeline.store.files.FileStore` is the first implementation (today's files
under ``DATA_DIR``); a SQLite or PostgreSQL/PostGIS store implements the same methods
and runs the same contract tests (``tests/unit/store_contract.py``).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import geopandas as gpd

from geodata.theatre import Theatre
from timeline.control.model import ControlTimeline
from timeline.decisions import Decisions
from timeline.records import Extraction


@runtime_checkable
class Store(Protocol):
    """Where extractions, district polygons and the built timeline are kept."""

    def article_ids(self) -> list[str]:
        """The ids of the stored extractions, sorted."""
        ...

    def extraction(self, article_id: str) -> Extraction | None:
        """One stored extraction, or None when the store holds no such article.

        Raises :class:`frontline.errors.StoreError` when the entry cannot be read.
        """
        ...

    def extractions(self) -> list[Extraction]:
        """Every stored extraction, in article id order (a :class:`StoreError` when
        one cannot be read: the timeline must not be built on part of the corpus)."""
        ...

    def save_extraction(self, extraction: Extraction) -> None:
        """Store (or replace) one article's extraction, all or nothing."""
        ...

    def remove_extraction(self, article_id: str) -> None:
        """Drop one article's extraction; dropping an absent one is not an error."""
        ...

    def source_sha256(self, article_id: str) -> str | None:
        """The sha256 of the source an extraction was read from (None when absent)."""
        ...

    def sources(self) -> dict[str, str]:
        """Article id -> the source location recorded at ingest, as recorded."""
        ...

    def districts(self, theatre: Theatre) -> gpd.GeoDataFrame:
        """The theatre's district polygons (built from the theatre when none are stored)."""
        ...

    def has_timeline(self) -> bool:
        """Whether a built control timeline is stored."""
        ...

    def save_timeline(self, timeline: ControlTimeline) -> None:
        """Store a built timeline, replacing the previous one as one unit."""
        ...

    def load_timeline(self) -> ControlTimeline:
        """The stored timeline, or a one-line :class:`StoreError` saying how to build it."""
        ...

    def timeline_location(self) -> str:
        """Where the timeline is kept, in words for a summary line."""
        ...

    def version(self) -> str:
        """A token that changes whenever anything stored changes (cheap to compute)."""
        ...

    def decisions(self) -> Decisions:
        """The analysts' decisions in force (none when nobody has decided anything)."""
        ...
