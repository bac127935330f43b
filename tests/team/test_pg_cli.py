"""The analysts' commands on a PostgreSQL store give what they give on the embedded one:
ingest the seeds, build, ask the state; and two real CLI clients racing on one claim."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

DAY = "2017-03-01"


def cli(env: dict[str, str], *args: str, stdin: str | None = None) -> \
        subprocess.CompletedProcess[str]:
    if stdin is None:
        return run_cli(*args, env=env)
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, input=stdin, text=True,
                          capture_output=True, env={**__import__("os").environ, **env},
                          timeout=300)


@pytest.mark.slow
def test_the_seeds_built_in_postgresql_give_the_embedded_state(pg_url: str,
                                                               tmp_path: Path) -> None:
    team = {"FRONTLINE_DATABASE_URL": pg_url, "FRONTLINE_DATA_DIR": str(tmp_path / "team")}
    embedded = {"FRONTLINE_DATA_DIR": str(tmp_path / "embedded")}
    states = []
    for env in (team, embedded):
        for step in (("timeline", "ingest"), ("timeline", "build")):
            done = cli(env, *step)
            assert done.returncode == 0, done.stderr
        state = cli(env, "timeline", "state", "--date", DAY, "--json")
        assert state.returncode == 0, state.stderr
        states.append(json.loads(state.stdout))
    assert states[0] == states[1]
    assert not (tmp_path / "team" / "corpus").exists()  # nothing went to files


@pytest.mark.slow
def test_two_cli_clients_on_one_claim_one_wins_one_sees_the_current_value(
        pg_url: str, tmp_path: Path) -> None:
    env = {"FRONTLINE_DATABASE_URL": pg_url, "FRONTLINE_DATA_DIR": str(tmp_path)}
    assert cli(env, "timeline", "ingest").returncode == 0
    for name in ("ana", "ben"):
        added = cli(env, "timeline", "analysts", "add", name, "--password-stdin",
                    stdin="correct horse battery\n")
        assert added.returncode == 0, added.stderr
    from timeline.store.sql.store import SqlStore

    claim = SqlStore(pg_url).extractions()[0].events[0].id
    # Both analysts read revision 0 (say, in two browser tabs), then both save.
    first = cli(env, "timeline", "review", "edit", claim, "--set", "status=claimed",
                "--by", "ana", "--reason", "SYNTHETIC: reads as a claim",
                "--expect-revision", "0")
    second = cli(env, "timeline", "review", "reject", claim, "--by", "ben",
                 "--reason", "SYNTHETIC: not a capture", "--expect-revision", "0")
    assert first.returncode == 0, first.stderr
    assert second.returncode == 1
    assert "moved while you decided" in second.stderr and "ana" in second.stderr
    assert "claimed" in second.stderr  # the value in force, shown to the one refused
    assert len(second.stderr.strip().splitlines()) == 1
