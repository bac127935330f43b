"""Jobs on a real Celery worker over a real Redis, into a real PostgreSQL store.

The worker is ``celery -A dashboard.worker worker`` in a subprocess; the reports are
SYNTHETIC (bench/team_reports.py). A worker process killed with SIGKILL in the middle
of an ingest has its job handed back (late acknowledgement), and the store ends with
exactly the articles and claims a plain ingest of the folder gives.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.team_reports import write_reports
from frontline.settings import Settings
from tests.conftest import ROOT, run_cli
from tests.team.workers import start_worker
from timeline import pipeline
from timeline.store.files import FileStore
from timeline.store.sql.store import SqlStore


def team_env(pg_url: str, redis_url: str, queue: str, data: Path) -> dict[str, str]:
    return {"FRONTLINE_DATABASE_URL": pg_url, "FRONTLINE_BROKER_URL": redis_url,
            "FRONTLINE_JOB_QUEUE": queue, "FRONTLINE_DATA_DIR": str(data),
            "FRONTLINE_INGEST_FILE_SECONDS": "60"}


@pytest.mark.slow
def test_an_ingest_job_shared_by_two_worker_processes_stores_every_report(
        pg_url: str, redis_url: str, queue_name: str, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    write_reports(folder, 60)
    env = team_env(pg_url, redis_url, queue_name, tmp_path / "data")
    worker = start_worker(env, queue_name, concurrency=2)
    try:
        done = run_cli("timeline", "jobs", "ingest", str(folder), "--json", "--timeout", "300",
                       env=env)
    finally:
        worker.stop()
    assert done.returncode == 0, done.stderr + worker.log()[-3000:]
    report = json.loads(done.stdout)
    assert (report["extracted"], report["failures"], report["jobs"]) == (60, [], 4)
    assert len(SqlStore(pg_url).article_ids()) == 60


@pytest.mark.slow
def test_kill_9_of_the_worker_process_mid_ingest_loses_and_duplicates_nothing(
        pg_url: str, redis_url: str, queue_name: str, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    write_reports(folder, 150)
    env = team_env(pg_url, redis_url, queue_name, tmp_path / "data")
    worker = start_worker(env, queue_name, concurrency=1)
    store = SqlStore(pg_url)
    client = subprocess.Popen(
        [sys.executable, "-m", "timeline", "jobs", "ingest", str(folder), "--json",
         "--timeout", "600"], cwd=ROOT, env={**os.environ, **env}, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    killed = None
    try:
        deadline = time.monotonic() + 240
        while killed is None and time.monotonic() < deadline:
            stored = len(store.article_ids())
            if 5 <= stored < 140 and worker.children():
                killed = worker.children()[0]
                os.kill(killed, signal.SIGKILL)  # the process running the job, mid-ingest
            time.sleep(0.05)
        out, err = client.communicate(timeout=600)
    finally:
        if client.poll() is None:
            client.kill()
        worker.stop()
    assert killed is not None, "the ingest finished before the worker could be killed"
    assert client.returncode == 0, err + worker.log()[-3000:]
    assert "signal 9" in worker.log() or "WorkerLostError" in worker.log()
    assert json.loads(out)["failures"] == []
    # Exactly what a plain ingest of the folder stores: no article twice, no claim lost.
    plain = FileStore(tmp_path / "plain")
    pipeline.ingest(plain, folder, Settings.from_env())
    team = store.extractions()
    assert [x.article.id for x in team] == plain.article_ids()
    assert [x.to_json() for x in team] == [x.to_json() for x in plain.extractions()]
    claims = [e.id for x in team for e in x.events]
    assert len(claims) == len(set(claims)) >= 150


def test_with_redis_down_a_job_says_so_in_one_line(pg_url: str, tmp_path: Path) -> None:
    env = {"FRONTLINE_DATABASE_URL": pg_url, "FRONTLINE_DATA_DIR": str(tmp_path),
           "FRONTLINE_BROKER_URL": "redis://127.0.0.1:9/0"}  # nothing listens there
    for command in (("timeline", "jobs", "build"), ("timeline", "jobs", "ingest")):
        done = run_cli(*command, env=env, timeout=120)
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert "cannot reach the job broker redis://127.0.0.1:9/0" in done.stderr


def test_without_a_broker_a_job_says_how_to_set_one(tmp_path: Path) -> None:
    done = run_cli("timeline", "jobs", "build", env={"FRONTLINE_DATA_DIR": str(tmp_path),
                                                     "FRONTLINE_BROKER_URL": ""})
    assert done.returncode == 1 and "set FRONTLINE_BROKER_URL" in done.stderr
