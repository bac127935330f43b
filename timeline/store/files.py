"""The file store: today's files under one data folder, as a :class:`Store`.

Layout of ``DATA_DIR`` (unchanged, so data built before the store seam keeps working):

- ``corpus/<article id>.json``: one extraction per article (:mod:`timeline.store.corpus`);
- ``geodata.gpkg`` and its inputs stamp, ``boundaries.gpkg``: the district polygons
  (:mod:`geodata.store`, written by ``python -m geodata build``);
- ``timeline.npz``: the built timeline, arrays and JSON in one file
  (:mod:`timeline.store.timeline_files`);
- ``frontline.db``: the analysts and their decisions, in SQLite
  (:mod:`timeline.store.sql.decisions`), unless ``FRONTLINE_DATABASE_URL`` names another
  database.

Every write is atomic (:mod:`frontline.atomic`), so :meth:`FileStore.version` can be
built from the files' identities (inode, size, modification time): a rename gives a
new inode, and a stat per file is far cheaper than reading them, even per page request.
The version also counts the steps of the decision log, so every decision (and undo)
changes it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd

from frontline.atomic import remove_stale_temporaries
from frontline.settings import Settings
from geodata.store import (
    BOUNDARIES_FILE,
    STAMP_SUFFIX,
    STORE_FILE,
    boundaries_in_use,
    read_layer,
)
from geodata.theatre import Theatre
from timeline.control.model import ControlTimeline
from timeline.decisions import Decisions
from timeline.records import Extraction
from timeline.store import corpus, timeline_files
from timeline.store.sql import EMBEDDED_FILE, embedded_url

if TYPE_CHECKING:
    from timeline.store.sql.decisions import SqlDecisionStore


class FileStore:
    """A :class:`~timeline.store.protocol.Store` over the files of ``data_dir``.

    District polygons come from ``boundaries`` when given (an authoritative file),
    else from the boundaries imported into ``data_dir``, else from the theatre's
    estimates. Nothing is created until something is saved: looking at a store that
    was never built (``version``, ``article_ids``, ``has_timeline``) leaves the disk alone.
    """

    def __init__(self, data_dir: Path, boundaries: Path | None = None,
                 database_url: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.boundaries = boundaries
        self.database_url = database_url or embedded_url(self.data_dir)
        self._decisions: SqlDecisionStore | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> FileStore:
        """The store of the configured data folder (``FRONTLINE_DATA_DIR``), boundaries
        file (``FRONTLINE_BOUNDARIES``) and decision database (``FRONTLINE_DATABASE_URL``)."""
        return cls(settings.data_dir, settings.boundaries, settings.database_url)

    def __repr__(self) -> str:
        return f"FileStore({str(self.data_dir)!r})"

    def __str__(self) -> str:
        return str(self.data_dir)

    # extractions

    def article_ids(self) -> list[str]:
        return corpus.article_ids(self.data_dir)

    def extraction(self, article_id: str) -> Extraction | None:
        return corpus.read_extraction(article_id, self.data_dir)

    def extractions(self) -> list[Extraction]:
        return corpus.load_extractions(self.data_dir)

    def save_extraction(self, extraction: Extraction) -> None:
        corpus.save_extraction(extraction, self.data_dir)

    def remove_extraction(self, article_id: str) -> None:
        corpus.remove_entry(article_id, self.data_dir)

    def source_sha256(self, article_id: str) -> str | None:
        return corpus.stored_sha256(article_id, self.data_dir)

    def sources(self) -> dict[str, str]:
        return corpus.sources(self.data_dir)

    # districts

    def districts(self, theatre: Theatre) -> gpd.GeoDataFrame:
        return read_layer("districts", self.data_dir / STORE_FILE, theatre, self._boundaries())

    def _boundaries(self) -> Path | None:
        return boundaries_in_use(self.data_dir, self.boundaries)

    # the built timeline

    def has_timeline(self) -> bool:
        return timeline_files.has_timeline(self.data_dir)

    def save_timeline(self, timeline: ControlTimeline) -> None:
        timeline_files.save_timeline(timeline, self.data_dir)

    def load_timeline(self) -> ControlTimeline:
        return timeline_files.load_timeline(self.data_dir)

    def timeline_location(self) -> str:
        return f"{timeline_files.NPZ_FILE} in {self.data_dir}"

    # analyst decisions

    def decisions(self) -> Decisions:
        # Reading never creates the embedded database: a store nobody has curated has
        # no decisions, and looking at it leaves the disk alone.
        if self.database_url == embedded_url(self.data_dir) and \
                not (self.data_dir / EMBEDDED_FILE).is_file():
            return Decisions()
        return self.decision_store().in_force()

    def decision_store(self) -> SqlDecisionStore:
        """The SQL store of decisions, history and accounts (created on first use)."""
        if self._decisions is None:
            from timeline.store.sql.decisions import SqlDecisionStore  # SQLAlchemy on demand
            self._decisions = SqlDecisionStore(self.database_url)
        return self._decisions

    # crash recovery

    def remove_stale_temporaries(self) -> list[Path]:
        """Remove the temporaries of writes killed half-way (an ingest or build killed
        with ``kill -9``); writes in progress are left alone."""
        return [*remove_stale_temporaries(self.data_dir),
                *remove_stale_temporaries(self.data_dir / corpus.CORPUS_DIR)]

    # change detection

    def version(self) -> str:
        digest = hashlib.sha256()
        for path in self._watched():
            try:
                st = path.stat()
            except FileNotFoundError:
                digest.update(f"{path.name}:-\n".encode())
                continue
            digest.update(f"{path.name}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}\n".encode())
        digest.update(f"decisions:{self._decision_stamp()}\n".encode())
        return digest.hexdigest()[:16]

    def keeps_decisions(self) -> bool:
        """Whether a decision database is there to read (asking never creates one)."""
        return not (self.database_url == embedded_url(self.data_dir)
                    and not (self.data_dir / EMBEDDED_FILE).is_file())

    def _decision_stamp(self) -> str:
        """Changes with every decision and undo: the length of the append-only log
        (the database's files say nothing reliable: SQLite in WAL mode commits into a
        side file, and another database has no file here)."""
        return str(self.decision_store().log_size()) if self.keeps_decisions() else "-"

    def _watched(self) -> list[Path]:
        """Every file whose change changes what a reader of the store gets."""
        gpkg = self.data_dir / STORE_FILE
        fixed = [gpkg, gpkg.with_name(gpkg.name + STAMP_SUFFIX), self.data_dir / BOUNDARIES_FILE,
                 *([self.boundaries] if self.boundaries else []),
                 *timeline_files.timeline_paths(self.data_dir)]
        folder = self.data_dir / corpus.CORPUS_DIR
        entries = sorted(folder.glob("*.json")) if folder.is_dir() else []
        return [*fixed, *entries]
