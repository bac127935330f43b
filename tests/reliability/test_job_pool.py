"""The export pool (issue 19): a bounded number of exports and decks at once, a bounded
queue with a "busy, queued" state, a clear refusal beyond it, no slot leaked by a killed
job, and no finished job process left a zombie."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import multiprocess
import pytest

from dashboard.export_panel import queued_text
from dashboard.job_slots import JobSlots, reap_finished_jobs
from frontline.errors import LimitError

ROOT = Path(__file__).resolve().parents[2]


def test_one_runs_one_queues_the_next_is_told_busy(tmp_path: Path) -> None:
    slots = JobSlots(tmp_path, jobs=1, queue=1)
    release = threading.Event()
    queued: list[int] = []
    order: list[str] = []

    def first() -> None:
        with slots.slot():
            order.append("first running")
            release.wait(60)
        order.append("first done")

    def second() -> None:
        with slots.slot(queued.append) as waited:
            order.append(f"second running after {waited > 0}")

    a = threading.Thread(target=first)
    a.start()
    while slots.running() == 0:
        time.sleep(0.01)
    b = threading.Thread(target=second)
    b.start()
    while not queued:
        time.sleep(0.01)
    assert queued == [1]  # the second waits, and is told its place
    with pytest.raises(LimitError, match="busy: 1 export"), slots.slot():
        pass
    release.set()
    a.join(30)
    b.join(30)
    assert order == ["first running", "first done", "second running after True"]
    assert slots.running() == 0


def test_the_queue_state_reads_busy_queued() -> None:
    assert queued_text(2).startswith("Busy, queued (place 2)")


def test_a_killed_job_does_not_keep_its_slot(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import time
        from pathlib import Path
        from dashboard.job_slots import JobSlots
        with JobSlots(Path({str(tmp_path)!r}), 1, 0).slot():
            print("holding", flush=True)
            time.sleep(600)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout is not None and child.stdout.readline() == b"holding\n"
    slots = JobSlots(tmp_path, jobs=1, queue=0)
    with pytest.raises(LimitError), slots.slot():
        pass
    child.kill()
    child.wait()
    with slots.slot() as waited:  # the kernel dropped the dead holder's lock
        assert waited < 60


def _exit_now() -> None:
    os._exit(0)


def test_finished_job_processes_are_reaped() -> None:
    job = multiprocess.Process(target=_exit_now)
    job.start()
    deadline = time.monotonic() + 60
    while _state(job.pid) != "Z" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _state(job.pid) == "Z"  # finished, not yet waited for: a zombie
    reap_finished_jobs()
    assert _state(job.pid) is None


def _state(pid: int | None) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def test_a_deck_is_queued_then_runs_and_one_more_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The deck job's own path (:func:`run_export_job`): its progress says "Busy, queued"
    while the one slot is taken, and a deck beyond the queue is a one-line status."""
    from dashboard.export_context import run_export_job

    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FRONTLINE_EXPORT_JOBS", "1")
    monkeypatch.setenv("FRONTLINE_EXPORT_QUEUE", "1")
    release, running = threading.Event(), threading.Event()
    progress: list[object] = []
    results: dict[str, object] = {}

    def first() -> None:
        def build() -> tuple[str, str]:
            running.set()
            release.wait(60)
            return "deck one", "Exported one"
        results["first"] = run_export_job(lambda _: None, "deck", build)

    def second() -> None:
        results["second"] = run_export_job(progress.append, "deck",
                                           lambda: ("deck two", "Exported two"))

    a = threading.Thread(target=first)
    a.start()
    assert running.wait(30)
    b = threading.Thread(target=second)
    b.start()
    deadline = time.monotonic() + 30
    while not progress and time.monotonic() < deadline:
        time.sleep(0.01)
    [(value, _, text)] = progress  # type: ignore[misc]
    assert value is None and str(text).startswith("Busy, queued (place 1): the deck starts")
    _, refused = run_export_job(lambda _: None, "deck", lambda: ("deck three", "x"))
    assert str(refused).startswith("Deck not started: busy: 1 export(s) running and 1 waiting")
    release.set()
    a.join(30)
    b.join(30)
    assert results == {"first": ("deck one", "Exported one"),
                       "second": ("deck two", "Exported two")}
