"""What the export panel's callbacks share: the export context of the app's store, the
page date of the slider, the "as known on" switch, the bounded pool of export slots
(:mod:`dashboard.job_slots`) and the background-job manager of the long exports (the
deck, the movie).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import diskcache
from dash import CeleryManager, DiskcacheManager, no_update

from dashboard.job_slots import SLOTS_DIR, JobSlots
from exports.context import ExportContext, load_context
from frontline import settings
from frontline.errors import FrontlineError, LimitError
from frontline.settings import Settings
from geodata.theatre import Theatre
from timeline.pipeline import Reloading
from timeline.store.configured import configured_store
from timeline.store.protocol import Store


class _ContextSource:
    """The export context of this process's store, reloaded when its version changes.

    One per process: the app points it at its own store (:func:`use_store`), and at the
    context its page build made (``shared``, :mod:`dashboard.reader_build`) when that
    build holds one; a process never told one (a fresh background job) uses the
    configured store.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._contexts: Reloading[ExportContext] | None = None
        self._shared: Callable[[], ExportContext | None] | None = None

    def use(self, store: Store, settings: Settings, theatre: Theatre | None,
            shared: Callable[[], ExportContext | None] | None = None) -> None:
        contexts = Reloading(store.version,
                             lambda: load_context(theatre, store=store, settings=settings))
        with self._lock:
            self._contexts, self._shared = contexts, shared

    def get(self) -> ExportContext:
        shared = self._shared
        found = shared() if shared is not None else None
        if found is not None:
            return found
        with self._lock:
            if self._contexts is None:
                configured = Settings.from_env()
                store = configured_store(configured)
                self._contexts = Reloading(
                    store.version, lambda: load_context(store=store, settings=configured))
            contexts = self._contexts
        return contexts.get()


_SOURCE = _ContextSource()


def use_store(store: Store, settings: Settings, theatre: Theatre | None = None,
              shared: Callable[[], ExportContext | None] | None = None) -> None:
    """Export from ``store`` (the app's), reloading whenever its version changes;
    ``shared`` gives the context the app's page build made of the store's version now
    (None: load it here)."""
    _SOURCE.use(store, settings, theatre, shared)


def context() -> ExportContext:
    """The stores as of their current version (see :class:`_ContextSource`)."""
    return _SOURCE.get()


def view_date(ctx: ExportContext, day: Any) -> dt.date:
    """The page date of the slider's day (an out-of-range value is clamped)."""
    try:
        index = int(day)
    except (TypeError, ValueError):
        index = 0
    return ctx.page.date_of(ctx.page.day_of(ctx.page.date_of(index)))


def known_mode(value: Any) -> bool:
    """True when the page's "as known on" checklist is on."""
    return bool(value) and "known" in value


def names_language(value: Any) -> str:
    """The names switch's language for an export's map ("en" unless it reads "ar")."""
    return "ar" if value == "ar" else "en"



def job_slots() -> JobSlots:
    """The export pool of this app's data folder (shared by its request threads and its
    deck processes)."""
    configured = Settings.from_env()
    return JobSlots(configured.data_dir / "export-jobs" / SLOTS_DIR, configured.export_jobs,
                    configured.export_queue)


def queued_text(place: int, what: str) -> str:
    """A long export's step text while it waits for a slot (``what``: "deck", "movie")."""
    return (f"Busy, queued (place {place}): the {what} starts when a running export "
            "finishes…")


def run_export_job(set_progress: Callable[[Any], None], what: str,
                   build: Callable[[], tuple[Any, str]]) -> tuple[Any, str]:
    """Run a long export (deck, movie) in a slot of the export pool, saying its place
    in the queue while it waits; a full queue or a failed export becomes the status
    line ("Deck not started: ...", "Movie failed: ..."), never a traceback."""
    label = what.capitalize()
    try:
        with job_slots().slot(lambda place: set_progress((None, "1", queued_text(place, what)))):
            return build()
    except LimitError as exc:
        return no_update, f"{label} not started: {exc}"
    except FrontlineError as exc:
        return no_update, f"{label} failed: {exc}"


def queued_note(waited: float) -> str:
    """What an export's status adds after waiting for a slot."""
    return f" Waited {waited:.0f} s in the export queue." if waited >= 1 else ""


def job_manager(folder: Path | None = None,
                configured: Settings | None = None) -> DiskcacheManager | CeleryManager:
    """The background-job manager of the app's long jobs (deck, movie, a report read for
    its preview): Celery workers when a broker is set (the team deployment: the jobs
    are tasks of :func:`timeline.jobs.celery_app`, which ``celery -A dashboard.worker``
    runs), else a diskcache folder beside the data, shared with the job processes (one
    laptop, nothing to run): ``folder``, by default ``DATA_DIR/export-jobs``.
    ``configured``: the app's settings (default: the environment's)."""
    if (configured or Settings.from_env()).broker_url:
        from timeline.jobs import celery_app
        return CeleryManager(celery_app())
    folder = folder or settings.data_dir() / "export-jobs"
    return DiskcacheManager(diskcache.Cache(str(folder)))
