"""The web server of a team deployment, as run: ``python -m dashboard --workers 2``
(gunicorn) on a PostgreSQL store built by the CLIs, with the faults a team meets:
PostgreSQL restarted under a running app, Redis gone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, free_port
from tests.team.conftest import PG_HOST, PG_PORT

PG_CLUSTER = ("15", "main")


class App:
    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "--host", "127.0.0.1", "--port",
             str(self.port), "--workers", str(workers)],
            cwd=ROOT, env={**os.environ, **env}, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the app exited: {self.output()}")
            try:
                if self.get("").status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise AssertionError("the app did not answer within 120 s")

    def get(self, path: str) -> Any:
        """The response to GET ``path``, its body read into ``.body``."""
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            response.body = response.read()
            return response

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def output(self) -> str:
        if self.process.poll() is None:
            return ""
        return self.process.stdout.read() if self.process.stdout else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.process.stdout:
            self.process.stdout.close()


@pytest.fixture
def gunicorn_app(built_team_env: dict[str, str]) -> Iterator[App]:
    app = App(built_team_env, workers=2)
    yield app
    app.stop()


def _pg_ready() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", PG_HOST, "-p", str(PG_PORT)],
                          check=False).returncode == 0


@pytest.mark.slow
def test_two_gunicorn_workers_serve_the_team_store_and_outlive_a_postgres_restart(
        gunicorn_app: App) -> None:
    # The first worker may answer before the master has forked the second.
    deadline = time.monotonic() + 60
    while len(workers := gunicorn_app.children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(workers) == 2  # gunicorn's master and its two workers
    before = gunicorn_app.get("_dash-layout").body
    assert b"al-Maamel" in before  # the page data came out of PostgreSQL
    try:
        restarted = subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", *PG_CLUSTER, "restart"],
            capture_output=True, text=True, timeout=120, check=False)
        assert restarted.returncode == 0, restarted.stderr
        deadline = time.monotonic() + 60
        while not _pg_ready() and time.monotonic() < deadline:
            time.sleep(0.5)
        # Every worker had pooled connections the restart cut; each request below goes
        # to one of them and must be answered from the database again, without a restart.
        for _ in range(6):
            assert gunicorn_app.get("").status == 200
            assert gunicorn_app.get("_dash-layout").body == before
    finally:
        # Whatever happened, leave the server running for the other tests.
        subprocess.run(["bash", str(ROOT / "scripts" / "ensure-services.sh")],
                       capture_output=True, timeout=300, check=False)
    assert _pg_ready()
    assert gunicorn_app.children() == workers  # the same processes: no restart


@pytest.mark.slow
def test_with_redis_down_the_page_is_still_served(built_team_env: dict[str, str]) -> None:
    env = {**built_team_env, "FRONTLINE_BROKER_URL": "redis://127.0.0.1:9/0"}
    app = App(env, workers=1)
    try:
        assert app.get("").status == 200
        assert b"al-Maamel" in app.get("_dash-layout").body
    finally:
        app.stop()
