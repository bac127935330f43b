"""What the readers of one store version get, built once: the layout the browsers are
sent and the context the exports read.

A store version is one state of the data; an analyst's decision makes a new one. Its
page data is built once, and both the served layout (:mod:`dashboard.served_layout`)
and the export context come from that one build: the export context shares the page's
view model (:func:`exports.context.context_with_page`) instead of loading the store and
building the page a second time.

With several web worker processes (gunicorn, ``--workers N``) each would still build
every version itself: on a team whose analysts decide every few seconds, those rebuilds
held both cores and readers waited seconds (``bench/team.py``). So the build of a
version is shared (:class:`SharedBuilds`): the first process to need it builds it,
holding a lock file, and writes it to ``DATA_DIR/reader-builds``; the others wait for
the lock and read the file (a tenth of a second instead of seconds). Each file is
named after the store version and the settings it was built with; the app empties the
folder when it starts (a new release may build differently), and only the last
:data:`KEEP` versions are kept. The files are pickles, written and read only by the
app's own processes in its own data folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dashboard.served_layout import ServedLayout
from exports.context import ExportContext
from frontline.atomic import write_atomic

FOLDER = "reader-builds"
PAGE_DATA_FOLDER = "page-data"  # in FOLDER: each build's page data file (page_data_file)
KEEP = 4  # versions kept on disk: a slow reader may still be loading the one before
LOCK_WAIT_SECONDS = 300.0  # past this, a process builds by itself rather than wait
POLL_SECONDS = 0.05


@dataclass(frozen=True, eq=False)
class ReaderBuild:
    """The layout and the export context of one store version (``context`` is None
    when the exports must load more than the page read: no stored timeline, or one
    without its "as known on" replay; :mod:`dashboard.export_context` then loads it)."""

    version: str
    layout: ServedLayout
    context: ExportContext | None


class SharedBuilds:
    """Reader builds shared by the processes of one app through files in ``folder``,
    one per store version, each made by one process at a time."""

    def __init__(self, folder: Path, settings_key: str, keep: int = KEEP) -> None:
        self.folder = Path(folder)
        self.settings_key = settings_key
        self.keep = max(1, keep)

    def clear(self) -> None:
        """Forget every shared build (the app starts: its code may build differently)."""
        if self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                with contextlib.suppress(OSError):
                    path.unlink()

    def get(self, version: Callable[[], str],
            build: Callable[[], ReaderBuild]) -> ReaderBuild:
        """The build of the store's version now: read from the folder when another
        process made it, else built here (holding the lock, so that the others wait
        for it rather than build it too) and written for them."""
        fd = _lock(self.folder, LOCK_WAIT_SECONDS)
        if fd is None:  # no shared folder to use: this process builds for itself
            return build()
        try:
            found = self._read(version())
            if found is not None:
                return found
            built = build()
            # A build that cannot be written is still served here; the others build it.
            with contextlib.suppress(OSError, pickle.PicklingError):
                self._write(built)
            return built
        finally:
            os.close(fd)  # closing the descriptor drops its lock

    def _path(self, version: str) -> Path:
        key = hashlib.sha256(f"{version}\n{self.settings_key}".encode()).hexdigest()[:24]
        return self.folder / f"{key}.pickle"

    def _read(self, version: str) -> ReaderBuild | None:
        path = self._path(version)
        try:
            with path.open("rb") as handle:
                found = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign file is rebuilt, never served
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        if not isinstance(found, ReaderBuild) or found.version != version:
            return None
        return found

    def _write(self, built: ReaderBuild) -> None:
        shared = ReaderBuild(built.version, built.layout.without_component(), built.context)
        write_atomic(self._path(built.version),
                     lambda handle: pickle.dump(shared, handle, protocol=pickle.HIGHEST_PROTOCOL))
        kept = sorted(self.folder.glob("*.pickle"), key=_mtime, reverse=True)
        for old in kept[self.keep:]:
            with contextlib.suppress(OSError):
                old.unlink()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _lock(folder: Path, wait: float) -> int | None:
    """A descriptor holding the lock of ``folder`` (closing it releases the lock),
    waiting up to ``wait`` seconds (then returned unlocked: a stuck builder must not
    stop the others from serving); None when the folder cannot be used. The kernel
    drops the lock of a process that dies."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / "build.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return fd
            time.sleep(POLL_SECONDS)
