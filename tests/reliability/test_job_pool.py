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
