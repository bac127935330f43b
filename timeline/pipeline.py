"""The one pipeline: ingest sources, build the control timeline, read what is published.

Every caller goes through here (the ``timeline`` CLIs, the app, the exports, and later
background jobs), each with a :class:`~timeline.store.protocol.Store` and the run's
:class:`~frontline.settings.Settings`; none orchestrates the stages itself.

- :func:`ingest`: extract every new or changed source file of a folder into the store,
  and drop the extractions whose source file is gone.
- :func:`build`: compute the control timeline from the stored extractions, as the
  analysts' decisions correct them (:func:`curated`), replay it "as known on" each
  day, add the series, and save it (the published timeline).
- :func:`load_published`: what readers show: districts, the stored timeline (or one
  computed on the fly) and the extractions, tagged with the store version they match.
- :func:`timeline_on`: the timeline a ``state`` question is answered from.
- :class:`Reloading`: a value derived from the store, rebuilt when the store's version
  changes (the app's page and the export panel's context).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import geopandas as gpd

from frontline.budget import run_bounded
from frontline.errors import FrontlineError, InputError
from frontline.settings import Settings
from geodata.districts import build_districts
from geodata.gazetteer import get_gazetteer
from geodata.theatre import Theatre
from timeline.control.build import ControlRules, build_timeline, timeline_with_replay
from timeline.control.model import ControlTimeline
from timeline.curation import apply_decisions
from timeline.decisions import Decisions
from timeline.extract.articles import read_bounded
from timeline.extract.sources import extract_path, ingest_files
from timeline.ids import article_ids, normalise
from timeline.new_places import with_new_places
from timeline.records import Extraction
from timeline.store.protocol import Store

T = TypeVar("T")
Progress = Callable[[Sequence[Path]], Iterable[Path]]


@dataclass
class IngestReport:
    """What an ingest run did, printed as the summary."""

    extracted: int = 0
    unchanged: int = 0
    events: int = 0
    figures: int = 0
    unresolved: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    collisions: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"articles: {self.extracted} extracted, {self.unchanged} unchanged, "
            f"{len(self.failures)} failed, {len(self.removed)} removed"
            + (f" (no longer in the folder: {', '.join(self.removed)})" if self.removed else ""),
            *self.collisions,
            f"from the extracted articles: {self.events} events, {self.figures} figures",
            f"unresolved names: {len(self.unresolved)}"
            + (f" ({', '.join(sorted(self.unresolved))})" if self.unresolved else ""),
        ]

    @property
    def all_failed(self) -> bool:
        """Every file failed (the ingest CLI's exit code 1); an empty folder did not fail."""
        total = self.extracted + self.unchanged + len(self.failures)
        return bool(self.failures) and len(self.failures) == total


def source_files(folder: Path) -> list[Path]:
    """The files of ``folder`` that ingest reads, sorted (no hidden files, no READMEs)."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder of articles")
    return ingest_files(folder)


def ingest(store: Store, folder: Path, settings: Settings,
           progress: Progress | None = None,
           only: Collection[str] | None = None) -> IngestReport:
    """Extract every new or changed file of ``folder`` into ``store``.

    Each file is stored under its id among the files of ``folder``
    (:func:`timeline.ids.article_ids`): files whose names read alike are kept apart,
    never merged, and each such collision is reported on one line. A file whose stored
    extraction is current (same content, same file, this store's format) is skipped; a
    bad file is
    reported in :attr:`IngestReport.failures` and its earlier extraction kept; the
    extractions whose source was in ``folder`` and is gone are removed, so the map
    never shows claims whose article was deleted.

    Parameters
    ----------
    settings
        The run's settings (the article size limit).
    progress
        Wraps the file list while it is walked (the CLI's progress bar).
    only
        File names of ``folder`` to extract, the others left alone (one job of an ingest
        split across workers): ids still come from the whole folder, and nothing is
        removed (the run over the whole folder does that).
    """
    files = source_files(folder)
    _remove_stale_temporaries(store)
    gazetteer = get_gazetteer(settings.theatre)  # the run's theatre, read once
    ids = article_ids(p.name for p in files)
    report = IngestReport(collisions=[c.line() for c in ids.collisions])
    recorded = store.sources()
    wanted = None if only is None else set(only)
    todo = files if wanted is None else [p for p in files if p.name in wanted]
    for path in progress(todo) if progress else todo:
        aid = ids.ids[path.name]
        try:
            sha = hashlib.sha256(read_bounded(path, settings.max_article_bytes)).hexdigest()
            if store.source_sha256(aid) == sha and _same_file(recorded.get(aid), path):
                report.unchanged += 1
                continue
            extraction = run_bounded(
                functools.partial(extract_path, path, id=aid,
                                  max_bytes=settings.max_article_bytes, gazetteer=gazetteer),
                seconds=settings.ingest_file_seconds,
                memory_mb=settings.ingest_file_memory_mb)
        except Exception as exc:
            report.failures.append(_failure_line(path, exc))
            continue
        store.save_extraction(extraction)
        report.warnings.extend(extraction.warnings)
        report.extracted += 1
        report.events += len(extraction.events)
        report.figures += len(extraction.figures)
        report.unresolved.update(extraction.unresolved_places)
    _without_decided_names(store, report)
    if only is not None:
        return report
    present = {p.resolve() for p in files}
    for stored_id, source in entries_from(store, folder).items():
        if source.resolve() not in present and not source.exists():
            store.remove_extraction(stored_id)
            report.removed.append(source.name)
        elif _superseded(store, stored_id, ids.ids.get(source.name, stored_id)):
            store.remove_extraction(stored_id)
    return report


def _remove_stale_temporaries(store: Store) -> None:
    """A store kept in files cleans the temporaries of a run that was killed (a store
    without files has none, so the method is optional, not part of :class:`Store`)."""
    clean = getattr(store, "remove_stale_temporaries", None)
    if callable(clean):
        clean()


def _failure_line(path: Path, exc: BaseException) -> str:
    """One line naming the file: a Frontline error's own message (which names it), else
    the exception's kind and message (a crash inside a library is still one line)."""
    message = " ".join(str(exc).split())
    if isinstance(exc, FrontlineError | OSError):
        return message if str(path) in message else f"{path}: {message}"
    return f"{path}: unexpected {type(exc).__name__}: {message[:300]}; skipped"


def _without_decided_names(store: Store, report: IngestReport) -> None:
    """Names an analyst has already settled are not reported unresolved again: the
    decision is remembered and applied to every later extraction at build."""
    if not report.unresolved:
        return
    decided = {normalise(d.name) for d in store.decisions().names}
    report.unresolved = {n for n in report.unresolved if normalise(n) not in decided}


def _same_file(recorded: str | None, path: Path) -> bool:
    """Whether a stored extraction was read from ``path`` (a file renamed to a name with
    the same id is another file: it is extracted again)."""
    return recorded is not None and Path(recorded).resolve() == path.resolve()


def _superseded(store: Store, stored_id: str, current_id: str) -> bool:
    """An extraction stored under an id its file no longer has (a file beside it now
    reads alike), once the one under the current id exists: one file, one entry."""
    return current_id != stored_id and store.source_sha256(current_id) is not None


def entries_from(store: Store, folder: Path) -> dict[str, Path]:
    """Stored article id -> source file, for the extractions ingested from ``folder``.

    An extraction counts when its recorded source, resolved, lies directly in
    ``folder``; a relative path recorded from another working directory never matches
    (such an extraction is left alone rather than guessed at).
    """
    root = folder.resolve()
    return {stored_id: Path(source) for stored_id, source in store.sources().items()
            if Path(source).resolve().parent == root}


@dataclass(frozen=True)
class Curated:
    """The stored extractions as the analysts' decisions correct them."""

    extractions: list[Extraction]
    decisions: Decisions
    unapplied: list[str]  # decisions that found no claim or name (one line each)


def curated(store: Store, extractions: Sequence[Extraction] | None = None) -> Curated:
    """``extractions`` (default: the stored ones) with the decisions in force applied
    (:func:`timeline.curation.apply_decisions`), and those decisions."""
    decisions = store.decisions()
    found = store.extractions() if extractions is None else extractions
    corrected, unapplied = apply_decisions(found, decisions)
    return Curated(corrected, decisions, unapplied)


def build(store: Store, theatre: Theatre, settings: Settings) -> ControlTimeline:
    """Build the control timeline from the stored extractions and save it.

    The analysts' decisions in force are applied to the extractions first; the
    timeline, its "as known on" replay and its series are all computed with the same
    :class:`ControlRules` (from ``settings``) before anything is saved, and the store
    switches to the new timeline as one unit.
    """
    rules = ControlRules.from_settings(settings)
    _remove_stale_temporaries(store)
    districts = store.districts(theatre)
    c = curated(store)
    built_on = with_new_places(theatre, c.decisions.places)
    tl = timeline_with_replay(built_on, districts, c.extractions, rules, decisions=c.decisions)
    # A database store also keeps the polygons the timeline was built on, as the layers
    # GIS tools open (``publish_geometry``); a file store has them in its GeoPackage.
    publish = getattr(store, "publish_geometry", None)
    if publish is not None:
        publish(built_on, districts)
    store.save_timeline(tl)
    return tl


def timeline_on(store: Store, theatre: Theatre, settings: Settings,
                known_on: dt.date | None = None) -> ControlTimeline:
    """The timeline a state question is answered from.

    The stored one when there is one; computed now from the stored extractions when
    none is stored, or when ``known_on`` asks for an earlier state of knowledge.
    """
    if known_on is None and store.has_timeline():
        return store.load_timeline()
    c = curated(store)
    return build_timeline(with_new_places(theatre, c.decisions.places),
                          store.districts(theatre), c.extractions,
                          known_on=known_on, rules=ControlRules.from_settings(settings),
                          decisions=c.decisions)


@dataclass(frozen=True, eq=False)
class Published:
    """What readers show, read from a store at one :meth:`Store.version`."""

    version: str
    districts: gpd.GeoDataFrame
    timeline: ControlTimeline | None
    extractions: tuple[Extraction, ...]


def load_published(store: Store, theatre: Theatre, settings: Settings, *,
                   compute: bool = False) -> Published:
    """Districts, control timeline and extractions, for the app and the exports.

    The extractions are those the analysts' decisions correct (a rejected claim is not
    among them). A store that is missing or unreadable loads as empty (the page then
    says there is nothing to show) rather than failing the app; decisions that cannot be
    read leave the extractions as extracted. Without a stored timeline, ``compute``
    builds one from the stored extractions, with its "as known on" replay, as
    ``python -m timeline build`` would.
    The version is read first: a write during the load makes the next version check
    differ, so a reader keyed on it loads again rather than keeping a mixed state.
    """
    version = store.version()
    try:
        districts = store.districts(theatre)
    except (FrontlineError, OSError):
        districts = build_districts(theatre)
    try:
        stored = store.extractions()
    except (FrontlineError, OSError):
        stored = []
    try:
        c = curated(store, stored)
    except (FrontlineError, OSError):
        c = Curated(list(stored), Decisions(), [])
    extractions = tuple(c.extractions)
    timeline: ControlTimeline | None = None
    try:
        if store.has_timeline():
            timeline = store.load_timeline()
        elif compute and extractions:
            timeline = timeline_with_replay(with_new_places(theatre, c.decisions.places),
                                            districts, extractions,
                                            ControlRules.from_settings(settings),
                                            decisions=c.decisions)
    except (FrontlineError, OSError):
        timeline = None
    return Published(version, districts, timeline, extractions)


class Reloading(Generic[T]):
    """A value derived from a store, rebuilt on first use after the store changes.

    ``get`` asks the store's version (cheap) on every call and runs ``load`` only when
    it differs from the version the value was built at, so a long-running app serves a
    rebuilt store without a restart. Thread-safe, and one load at a time: the caller
    that finds the store changed loads the new value; callers arriving while that load
    runs get the previous value at once instead of queueing behind it (many readers and
    a stream of analysts' decisions must not stall every page on every rebuild). Only a
    first load, or a caller asking ``fresh``, waits for the load in progress.

    With ``background``, no caller but the first (and one asking ``fresh``) waits at
    all: the caller that finds the store changed also gets the newest value loaded,
    labelled with its version, and the load of the new version runs in a thread of its
    own. This is the readers' rule (:mod:`dashboard.reader_build`): a page load right
    after a decision must not wait seconds for that version's build, nor queue behind
    another process building it.

    ``settle_seconds`` (default 0) keeps a value at least that long before loading a
    newer version: a burst of decisions then costs one rebuild, not one per decision.
    ``poll_seconds`` (default 0) asks the store's version at most that often (but for
    ``fresh``): on a store of a thousand reports asking takes a tenth of a second, and
    every page load and export asked it.
    """

    def __init__(self, version: Callable[[], str], load: Callable[[], T],
                 settle_seconds: float = 0.0, *, background: bool = False,
                 poll_seconds: float = 0.0) -> None:
        self._version = version
        self._load = load
        self._settle = settle_seconds
        self._background = background
        self._poll = poll_seconds
        self._checked_at = 0.0
        self._loaded_at = 0.0
        self._building = threading.Lock()
        self._value: tuple[str, T] | None = None

    def get(self) -> T:
        return self.current()[1]

    def current(self, fresh: bool = False) -> tuple[str, T]:
        """(version, value), the value loaded at that version of the store (with
        ``fresh``, at the store's version now, waiting for a load in progress)."""
        value = self._value
        now = time.monotonic()
        if value is not None and not fresh and (now - self._loaded_at < self._settle
                                                or now - self._checked_at < self._poll):
            return value
        if value is not None and value[0] == self._version():
            self._checked_at = now
            return value
        if value is not None and not fresh and not self._building.acquire(blocking=False):
            return value  # another caller is loading the new version
        if value is not None and not fresh and self._background:
            # This caller holds the lock: the thread loads and releases it.
            threading.Thread(target=self._load_in_background, name="reloading",
                             daemon=True).start()
            return value
        if fresh or value is None:
            self._building.acquire()
        try:
            return self._load_now()
        finally:
            self._building.release()

    def _load_now(self) -> tuple[str, T]:
        """Load the store's version now unless it is the value's (the lock held)."""
        value = self._value
        version = self._version()
        if value is None or value[0] != version:
            value = self._value = (version, self._load())
            self._loaded_at = time.monotonic()
        return value

    def _load_in_background(self) -> None:
        """A background load (the lock taken by the caller that started it). A load that
        fails keeps the value there is; the next caller starts another."""
        try:
            self._load_now()
        except Exception as exc:  # a thread's error would be lost: say it
            print(f"frontline: reloading failed, still serving the version before: "
                  f"{type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        finally:
            self._building.release()
