"""A bounded pool for the app's exports and decks: N at once, M waiting, the rest busy.

Sixteen PNG exports at once made every page request wait seconds, and six decks took
gigabytes. So each rendered export (snapshot, deck, movie) takes a slot first
(``FRONTLINE_EXPORT_JOBS`` of them; a data export, CSV to GeoPackage, renders nothing and
takes none);
when all are taken it waits in a queue of ``FRONTLINE_EXPORT_QUEUE`` places (its status
says "busy, queued"), and when the queue is full too it is refused at once with a
one-line "busy" message rather than piling up.

Slots and queue places are files under the data folder held with ``flock``: they count
across processes (a deck runs in a background job process, a snapshot in a request
thread), and the kernel releases a dead holder's lock, so a killed job never leaks its
slot. :func:`reap_finished_jobs` joins the deck job processes that have ended, so none
is left a zombie.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from frontline.errors import LimitError

POLL_SECONDS = 0.2
SLOTS_DIR = "export-slots"


class JobSlots:
    """``jobs`` run slots and ``queue`` waiting places, kept as lock files in ``folder``."""

    def __init__(self, folder: Path, jobs: int, queue: int) -> None:
        self.folder = Path(folder)
        self.jobs = max(1, jobs)
        self.queue = max(0, queue)

    @contextlib.contextmanager
    def slot(self, on_queued: Callable[[int], None] | None = None) -> Iterator[float]:
        """Hold a run slot for the block; yields the seconds spent waiting in the queue.

        ``on_queued`` is told the queue place when the job has to wait (the deck's
        progress text says so). Raises a one-line :class:`LimitError` when every slot
        and every queue place is taken.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        held = self._take("run", self.jobs)
        if held is None:
            place = self._take("queue", self.queue)
            if place is None:
                raise LimitError(
                    f"busy: {self.jobs} export(s) running and {self.queue} waiting; "
                    "try again in a minute (FRONTLINE_EXPORT_JOBS, FRONTLINE_EXPORT_QUEUE)")
            try:
                if on_queued is not None:
                    on_queued(place[1] + 1)
                while held is None:
                    time.sleep(POLL_SECONDS)
                    held = self._take("run", self.jobs)
            finally:
                _release(place[0])
        try:
            yield time.monotonic() - started
        finally:
            _release(held[0])

    def running(self) -> int:
        """How many run slots are taken now (by any process)."""
        return sum(1 for i in range(self.jobs) if self._taken("run", i))

    def _take(self, kind: str, count: int) -> tuple[int, int] | None:
        """(descriptor, index) of a free lock file of ``kind``, now held, or None."""
        for i in range(count):
            fd = os.open(self.folder / f"{kind}-{i}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            return fd, i  # the descriptor is the holder: closing it releases the slot
        return None

    def _taken(self, kind: str, i: int) -> bool:
        path = self.folder / f"{kind}-{i}.lock"
        if not path.exists():
            return False
        fd = os.open(path, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False


def _release(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)  # closing the descriptor drops its flock


def reap_finished_jobs() -> int:
    """Join the background job processes that have ended (no zombie is left); returns
    how many are still running."""
    try:
        import multiprocess  # Dash's diskcache manager starts its jobs with it
    except ImportError:
        return 0
    return len(multiprocess.active_children())  # joins the finished ones as it lists
