"""Real Celery workers for the team tests: ``celery -A dashboard.worker worker`` as a
subprocess on its own queue, stopped (or killed) by the test that started it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT

READY = " ready."


@dataclass
class Worker:
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    def children(self) -> list[int]:
        """The pool processes that run the jobs (the worker's children)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(p) for p in path.read_text().split()]
        except OSError:
            return []

    def log(self) -> str:
        return "".join(self.output)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_worker(env: dict[str, str], queue: str, concurrency: int = 1,
                 timeout: float = 90) -> Worker:
    """Start a worker on ``queue`` and wait until it says it is ready."""
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "dashboard.worker", "worker", "-Q", queue,
         "--concurrency", str(concurrency), "--pool", "prefork", "--loglevel", "info",
         "--without-gossip", "--without-mingle", "--without-heartbeat",
         "-n", f"{queue}-{os.getpid()}-{time.monotonic_ns()}@%h"],
        cwd=ROOT, env={**os.environ, **env}, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    worker = Worker(process)
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            worker.output.append(line)
            if READY in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + timeout
    while not ready.wait(0.2):
        if process.poll() is not None or time.monotonic() > deadline:
            worker.stop()
            raise AssertionError(f"the worker did not start: {worker.log()[-2000:]}")
    return worker
