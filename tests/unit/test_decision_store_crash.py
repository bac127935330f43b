"""A crash mid-save loses nothing saved and leaves no half decision (issue 15).

A child process records decisions in a loop, printing each one's id once ``record``
has returned (committed); the test kills it with SIGKILL at a random moment, several
times over the same database, then checks the file: SQLite's integrity check passes,
every decision the child reported is there, every row of the log has its detail (or is
an undo of a row that exists), each subject's revisions run 1, 2, 3 ... without a gap,
and the store still opens and accepts writes.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from timeline.decisions import ClaimDecision, Decided
from timeline.store.sql import EMBEDDED_FILE, embedded_url
from timeline.store.sql.decisions import SqlDecisionStore
from timeline.store.sql.schema import DETAIL_TABLES

CHILD = """
import datetime as dt, itertools, sys
from timeline.decisions import ClaimDecision, Decided, NameDecision, SourceGrade
from timeline.store.sql.decisions import SqlDecisionStore
store = SqlDecisionStore(sys.argv[1])
run = sys.argv[2]
for n in itertools.count():
    who = Decided("ana", dt.datetime.now(dt.UTC), f"step {n} of run {run}")
    kind = n % 4
    if kind == 0:
        done = store.record(ClaimDecision("", f"a:e-{n % 7}", "reject", who))
    elif kind == 1:
        done = store.record(NameDecision("", f"name {n % 5}", "map", who, "al-maamel"))
    elif kind == 2:
        done = store.record(SourceGrade(f"outlet {n % 3}", "B", who))
    else:
        done = store.undo(last, who)
    last = done.id
    print(done.id, flush=True)
"""
RUNS = 4


def kill_mid_loop(url: str, run: int, rng: random.Random) -> list[str]:
    """Start the child, let it save for a random while, SIGKILL it; the ids it reported."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, url, str(run)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout is not None
    first = child.stdout.readline()  # it is saving from here on
    assert first.strip(), "the child saved nothing"
    time.sleep(rng.uniform(0.2, 0.8))
    os.kill(child.pid, signal.SIGKILL)
    rest = child.stdout.read()
    child.wait()
    assert child.returncode == -signal.SIGKILL
    return [first.strip(), *rest.split()]


@pytest.mark.slow
def test_killed_writers_leave_every_saved_decision_whole(tmp_path: Path) -> None:
    url = embedded_url(tmp_path)
    SqlDecisionStore(url).add_analyst("ana", "correct horse battery")
    rng = random.Random(15)
    reported: list[str] = []
    for run in range(RUNS):
        reported += kill_mid_loop(url, run, rng)
    with sqlite3.connect(tmp_path / EMBEDDED_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        ids = {row[0] for row in db.execute("SELECT id FROM decisions")}
        assert set(reported) <= ids, "a decision reported saved is gone"
        for scope, table in DETAIL_TABLES.items():
            half = db.execute(
                f"SELECT d.id FROM decisions d LEFT JOIN {table.__tablename__} t "
                f"ON t.decision_id = d.id WHERE d.scope = ? AND d.action != 'undo' "
                f"AND t.decision_id IS NULL", (scope,)).fetchall()
            assert half == [], f"{scope} decisions without their detail: {half}"
        bad_undo = db.execute("SELECT count(*) FROM decisions WHERE action = 'undo' AND "
                              "retracts NOT IN (SELECT id FROM decisions)").fetchone()[0]
        assert bad_undo == 0
        for scope, subject, revisions in db.execute(
                "SELECT scope, subject, group_concat(revision) FROM decisions "
                "GROUP BY scope, subject"):
            numbers = sorted(int(r) for r in revisions.split(","))
            assert numbers == list(range(1, len(numbers) + 1)), (scope, subject, numbers)
    store = SqlDecisionStore(url)
    done = store.record(ClaimDecision("", "a:e-after", "reject",
                                      Decided("ana", dt.datetime.now(dt.UTC), "after the crash")))
    assert done.revision == 1 and store.in_force().claims
    assert len(reported) >= RUNS
