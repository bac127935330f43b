"""The web server of a team deployment, as run: ``python -m dashboard --workers 2``
(gunicorn) on a PostgreSQL store built by the CLIs, with the faults a team meets:
PostgreSQL restarted under a running app, Redis gone; and readers during a decision's
rebuild, who must get the page before it at once, then the new one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard import page_data_file
from tests.conftest import ROOT, free_port, run_cli
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

    def layout(self) -> bytes:
        """The layout as the browser hands it to Dash: the page data file fetched and
        put where its address stands (assets/page_data.js)."""
        def text(path: str) -> str:
            return str(self.get(path.lstrip("/")).body.decode("utf-8"))
        return page_data_file.spliced(text("_dash-layout"), text).encode("utf-8")

    def version(self) -> str:
        """The store version of the page a reader loads now."""
        found = _page_data(json.loads(self.layout()))
        assert isinstance(found, dict), "no page data in the layout"
        return str(found["version"])

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
    before = gunicorn_app.layout()
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
            assert gunicorn_app.layout() == before
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
        assert b"al-Maamel" in app.layout()
    finally:
        app.stop()


def _page_data(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == "page-data":
            return node["props"]["data"]
        return next((f for f in map(_page_data, node.values()) if f is not None), None)
    if isinstance(node, list):
        return next((f for f in map(_page_data, node) if f is not None), None)
    return None


@pytest.mark.slow
def test_a_reader_during_a_rebuild_gets_the_version_before_at_once_then_the_new_one(
        gunicorn_app: App, built_team_env: dict[str, str]) -> None:
    from timeline.store.sql.store import SqlStore

    store = SqlStore(built_team_env["FRONTLINE_DATABASE_URL"])
    before = gunicorn_app.version()
    assert before == store.version()
    claim = next(e.id for x in store.extractions() for e in x.events)
    added = subprocess.run([sys.executable, "-m", "timeline", "analysts", "add", "team-test",
                            "--password-stdin"], cwd=ROOT, env={**os.environ, **built_team_env},
                           input="team-test-password-1\n", capture_output=True, text=True,
                           timeout=300, check=False)
    assert added.returncode == 0, added.stderr
    decided = run_cli("timeline", "review", "reject", claim, "--by", "team-test",
                      "--reason", "SYNTHETIC test decision", env=built_team_env)
    assert decided.returncode == 0, decided.stderr
    after = store.version()
    assert after != before
    # No worker has built the new version: the reader who finds it is not made to wait
    # for its build (seconds, in another worker's lock): the newest complete build, now.
    assert gunicorn_app.version() == before
    # Then the new one, from both workers (each request may go to either; the second
    # reads the first one's build).
    deadline = time.monotonic() + 120
    while (seen := [gunicorn_app.version() for _ in range(6)]) != [after] * 6 \
            and time.monotonic() < deadline:
        assert set(seen) <= {before, after}
        time.sleep(0.3)
    assert seen == [after] * 6
