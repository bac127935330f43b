"""The SQL store: everything a :class:`~timeline.store.protocol.Store` keeps, in one
database (PostgreSQL with PostGIS for a team, SQLite as the embedded twin).

Tables (migration ``0003``): ``articles`` (one extraction per article, as JSON, with
its source's sha256 and location), ``districts`` and ``places`` (PostGIS geometry on
PostgreSQL, WKB bytes on SQLite), ``timelines`` (the built timeline as one row: the
arrays and the JSON document of :func:`timeline.store.timeline_files.pack`, apart), and
``store_state``, a counter every write raises in its own transaction: :meth:`version`
is one indexed read, cheap enough for every page request, and a reader never sees a
write without the counter that announces it. The analysts' decisions and their log
live in the same database (:mod:`timeline.store.sql.decisions`).

District polygons are stored when a timeline is built (:meth:`publish_geometry`) or an
embedded store is copied in; until then they come from the data folder's GeoPackage or
the theatre's own estimates, as for the file store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import Point
from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError

from frontline.errors import StoreError
from geodata.districts import (
    APPROXIMATE,
    AREA_KM2,
    BANK,
    CONFIDENCE,
    CRS,
    ID,
    KIND,
    NAME,
    NAME_AR,
    UNCERTAINTY_KM,
)
from geodata.store import STORE_FILE, boundaries_in_use, read_layer
from geodata.theatre import Theatre
from timeline.control.model import ControlTimeline
from timeline.decisions import Decisions
from timeline.records import Extraction
from timeline.store import timeline_files
from timeline.store.corpus import FORMAT
from timeline.store.sql.decisions import SqlDecisionStore
from timeline.store.sql.engine import normalise_url

TIMELINE_ROW = 1
PLACE_COLUMNS = (ID, NAME, NAME_AR, BANK, KIND, CONFIDENCE)
DISTRICT_COLUMNS = (*PLACE_COLUMNS, UNCERTAINTY_KM, AREA_KM2, APPROXIMATE)


class SqlStore:
    """A Store on the database at ``url`` (migrated to the head revision when opened).

    ``data_dir`` and ``boundaries`` are where district polygons come from before any
    are stored (the GeoPackage ``python -m geodata build`` wrote, an imported file).
    """

    def __init__(self, url: str, data_dir: Path | None = None,
                 boundaries: Path | None = None) -> None:
        self.url = url
        self.data_dir = data_dir
        self.boundaries = boundaries
        self._decisions = SqlDecisionStore(url)  # opens (and migrates) the database
        self.engine = self._decisions.engine
        self.postgres = self.engine.dialect.name == "postgresql"

    def __repr__(self) -> str:
        return f"SqlStore({_safe(self.url)!r})"

    def __str__(self) -> str:
        return _safe(self.url)

    # extractions

    def article_ids(self) -> list[str]:
        rows = self._read("SELECT article_id FROM articles ORDER BY article_id")
        return [r[0] for r in rows]

    def extraction(self, article_id: str) -> Extraction | None:
        rows = self._read("SELECT article_id, extraction FROM articles WHERE article_id = :a",
                          a=article_id)
        return _extraction(*rows[0]) if rows else None

    def extractions(self) -> list[Extraction]:
        rows = self._read("SELECT article_id, extraction FROM articles ORDER BY article_id")
        return [_extraction(aid, doc) for aid, doc in rows]

    def save_extraction(self, extraction: Extraction) -> None:
        a = extraction.article
        doc = json.dumps(extraction.to_json(), ensure_ascii=False)
        cast = "CAST(:doc AS jsonb)" if self.postgres else ":doc"
        with self._write() as conn:
            conn.execute(text("DELETE FROM articles WHERE article_id = :a"), {"a": a.id})
            conn.execute(text(
                "INSERT INTO articles (article_id, sha256, source, format, extraction) "
                f"VALUES (:a, :sha, :source, :format, {cast})"),
                {"a": a.id, "sha": a.sha256, "source": a.path, "format": FORMAT, "doc": doc})
            _changed(conn)

    def remove_extraction(self, article_id: str) -> None:
        with self._write() as conn:
            gone = conn.execute(text("DELETE FROM articles WHERE article_id = :a"),
                                {"a": article_id}).rowcount
            if gone:
                _changed(conn)

    def source_sha256(self, article_id: str) -> str | None:
        rows = self._read("SELECT sha256 FROM articles WHERE article_id = :a AND format = :f",
                          a=article_id, f=FORMAT)
        return str(rows[0][0]) if rows else None

    def sources(self) -> dict[str, str]:
        return dict(self._read("SELECT article_id, source FROM articles ORDER BY article_id"))

    # districts and places

    def districts(self, theatre: Theatre) -> gpd.GeoDataFrame:
        geom = "ST_AsBinary(geom)" if self.postgres else "geom"
        rows = self._read(f"SELECT {', '.join(DISTRICT_COLUMNS)}, {geom} FROM districts "
                          "WHERE theatre = :t ORDER BY id", t=theatre.name)
        if not rows:
            return self._unstored_districts(theatre)
        records = [dict(zip(DISTRICT_COLUMNS, r[:-1], strict=True)) for r in rows]
        shapes = [_single(shapely.from_wkb(bytes(r[-1]))) for r in rows]
        frame = gpd.GeoDataFrame(records, geometry=shapes, crs=CRS)
        frame[APPROXIMATE] = frame[APPROXIMATE].astype(bool)
        return frame

    def _unstored_districts(self, theatre: Theatre) -> gpd.GeoDataFrame:
        if self.data_dir is None:
            from geodata.districts import build_districts
            return build_districts(theatre)
        return read_layer("districts", self.data_dir / STORE_FILE, theatre,
                          boundaries_in_use(self.data_dir, self.boundaries))

    def publish_geometry(self, theatre: Theatre, districts: gpd.GeoDataFrame) -> None:
        """Store ``districts`` and the theatre's placed gazetteer entries as the layers
        GIS tools read (``districts``, ``places``, ``events_layer``), as one unit."""
        with self._write() as conn:
            conn.execute(text("DELETE FROM districts WHERE theatre = :t"), {"t": theatre.name})
            conn.execute(text("DELETE FROM places WHERE theatre = :t"), {"t": theatre.name})
            rows = [{**{c: _plain(row.get(c)) for c in DISTRICT_COLUMNS}, "theatre": theatre.name,
                     "geom": shapely.to_wkb(shapely.force_2d(row[districts.geometry.name]))}
                    for row in districts.to_dict("records")]
            for row in rows:
                row[UNCERTAINTY_KM] = _number(row[UNCERTAINTY_KM])
                row[AREA_KM2] = _number(row[AREA_KM2])
                row[APPROXIMATE] = bool(row[APPROXIMATE])
                for column in PLACE_COLUMNS:
                    row[column] = "" if row[column] is None else str(row[column])
            if rows:
                conn.execute(text(self._insert("districts", DISTRICT_COLUMNS, multi=True)), rows)
            places = [{"theatre": theatre.name, ID: p.id, NAME: p.label, NAME_AR: p.name_ar,
                       BANK: p.bank, KIND: p.kind, CONFIDENCE: p.confidence,
                       "geom": shapely.to_wkb(Point(p.lon, p.lat))}
                      for p in theatre.places if p.lat is not None and p.lon is not None]
            if places:
                conn.execute(text(self._insert("places", PLACE_COLUMNS, multi=False)), places)
            _changed(conn)

    def _insert(self, table: str, columns: tuple[str, ...], multi: bool) -> str:
        names = ", ".join(("theatre", *columns, "geom"))
        geom = ":geom"
        if self.postgres:
            geom = "ST_SetSRID(ST_GeomFromWKB(:geom), 4326)"
            geom = f"ST_Multi({geom})" if multi else geom
        values = ", ".join((":theatre", *(f":{c}" for c in columns), geom))
        return f"INSERT INTO {table} ({names}) VALUES ({values})"

    # the built timeline

    def has_timeline(self) -> bool:
        return bool(self._read("SELECT 1 FROM timelines WHERE id = :i", i=TIMELINE_ROW))

    def save_timeline(self, timeline: ControlTimeline) -> None:
        raw, doc = timeline_files.pack(timeline, with_json=False)
        with self._write() as conn:
            conn.execute(text("DELETE FROM timelines WHERE id = :i"), {"i": TIMELINE_ROW})
            conn.execute(text("INSERT INTO timelines (id, build, doc, arrays, saved_at) "
                              "VALUES (:i, :build, :doc, :arrays, :at)"),
                         {"i": TIMELINE_ROW, "build": hashlib.sha256(raw).hexdigest(),
                          "doc": json.dumps(doc, ensure_ascii=False), "arrays": raw,
                          "at": dt.datetime.now(dt.UTC).replace(tzinfo=None)})
            _changed(conn)

    def load_timeline(self) -> ControlTimeline:
        rows = self._read("SELECT doc, arrays FROM timelines WHERE id = :i", i=TIMELINE_ROW)
        if not rows:
            raise StoreError(f"no control timeline in {self}: run `python -m timeline build`")
        doc, raw = rows[0]
        try:
            return timeline_files.unpack(bytes(raw), json.loads(doc))
        except (ValueError, KeyError, TypeError, OSError) as exc:
            raise StoreError(f"{self}: unreadable timeline ({exc}); run "
                             "`python -m timeline build` again") from None

    def timeline_location(self) -> str:
        return f"table timelines in {self}"

    # decisions, change detection

    def decisions(self) -> Decisions:
        return self._decisions.in_force()

    def decision_store(self) -> SqlDecisionStore:
        return self._decisions

    def version(self) -> str:
        # The content counter and the length of the append-only decision log, in one
        # round trip: a decision or an undo reaches readers as a build does.
        rows = self._read("SELECT (SELECT changes FROM store_state WHERE id = 1), "
                          "(SELECT count(*) FROM decisions)")
        changes, decided = rows[0] if rows else (0, 0)
        return f"sql-{changes or 0}-{decided}"

    # plumbing: every database error becomes one StoreError line

    def _read(self, sql: str, **params: Any) -> list[Any]:
        try:
            with self.engine.connect() as conn:
                return [tuple(r) for r in conn.execute(text(sql), params)]
        except SQLAlchemyError as exc:
            raise StoreError(f"{self}: cannot read the store: {_first(exc)}") from None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: all of it or, on a database error, none of it and
        one StoreError line."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"{self}: cannot write to the store: {_first(exc)}") from None


def _changed(conn: Connection) -> None:
    # An upsert: a counter row that is missing (a table emptied by hand) starts again.
    conn.execute(text("INSERT INTO store_state (id, changes) VALUES (1, 1) ON CONFLICT (id) "
                      "DO UPDATE SET changes = store_state.changes + 1"))


def _extraction(article_id: str, doc: Any) -> Extraction:
    try:
        return Extraction.from_json(json.loads(doc) if isinstance(doc, str) else doc)
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"article {article_id}: unreadable store entry ({exc}); run "
                         "`python -m timeline ingest` again") from None


def _single(shape: Any) -> Any:
    """A multipolygon of one part back as the polygon it was stored from."""
    if shape.geom_type == "MultiPolygon" and len(shape.geoms) == 1:
        return shape.geoms[0]
    return shape


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number  # NaN: no value


def _safe(url: str) -> str:
    """The URL without a password (it may reach a log line or an error message)."""
    from sqlalchemy.engine import make_url
    return make_url(normalise_url(url)).render_as_string(hide_password=True)


def _first(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
