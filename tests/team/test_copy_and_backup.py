"""Moving and keeping a team's data, with the real tools: the embedded store copied into
PostgreSQL (decisions and their whole log included), then backed up with pg_dump and
restored with pg_restore into a new database, exactly as the README says."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import build_data, run_cli
from tests.team.conftest import PG_HOST, PG_PORT, new_database, pg_url_of
from tests.team.test_pg_cli import cli

DAY = "2017-03-01"
PASSWORD = "correct horse battery\n"


def answers(env: dict[str, str]) -> dict[str, object]:
    """What a reader and an auditor ask a store: the state of a day, and the log."""
    state = run_cli("timeline", "state", "--date", DAY, "--json", env=env)
    history = run_cli("timeline", "decisions", "history", "--json", env=env)
    analysts = run_cli("timeline", "analysts", "list", env=env)
    assert state.returncode == history.returncode == analysts.returncode == 0, \
        state.stderr + history.stderr + analysts.stderr
    return {"state": json.loads(state.stdout), "history": json.loads(history.stdout),
            "analysts": analysts.stdout}


def curate(env: dict[str, str]) -> None:
    """SYNTHETIC curation: an account, a rejection, an edit, an undo of the edit."""
    assert cli(env, "timeline", "analysts", "add", "ana", "--password-stdin",
               stdin=PASSWORD).returncode == 0
    from timeline.store.files import FileStore

    claims = [e.id for x in FileStore(Path(env["FRONTLINE_DATA_DIR"])).extractions()
              for e in x.events]
    steps = [("review", "reject", claims[0], "--reason", "SYNTHETIC: not a capture"),
             ("review", "edit", claims[1], "--set", "status=claimed", "--reason",
              "SYNTHETIC: a claim")]
    for step in steps:
        done = run_cli("timeline", *step, "--by", "ana", env=env)
        assert done.returncode == 0, done.stderr
    edit = json.loads(run_cli("timeline", "decisions", "history", claims[1], "--json",
                              env=env).stdout)[-1]["id"]
    undone = run_cli("timeline", "decisions", "undo", edit, "--by", "ana", "--reason",
                     "SYNTHETIC: read again", env=env)
    assert undone.returncode == 0, undone.stderr
    assert run_cli("timeline", "build", env=env).returncode == 0


@pytest.mark.slow
def test_the_embedded_store_moves_to_postgresql_and_survives_dump_and_restore(
        tmp_path: Path) -> None:
    embedded = build_data(tmp_path / "embedded")
    curate(embedded)
    before = answers(embedded)
    assert len(before["history"]) == 3  # type: ignore[arg-type]
    with new_database() as name, new_database() as restored:
        url = pg_url_of(name)
        copied = run_cli("timeline", "store", "copy-to", url, "--json", env=embedded)
        assert copied.returncode == 0, copied.stderr
        moved = json.loads(copied.stdout)
        assert (moved["analysts"], moved["decisions"], moved["timeline"]) == (1, 3, True)
        team = {"FRONTLINE_DATABASE_URL": url, "FRONTLINE_DATA_DIR": str(tmp_path / "t")}
        assert answers(team) == before

        again = run_cli("timeline", "store", "copy-to", url, env=embedded)
        assert again.returncode != 0 and "is not empty" in again.stderr
        assert again.stderr.count("\n") == 1

        # Backup and restore, as the README's "Deploying for a team" gives them.
        dump = tmp_path / "frontline.dump"
        pg = ["-h", PG_HOST, "-p", str(PG_PORT), "-U", "postgres"]
        for command in (["pg_dump", *pg, "-Fc", "-d", name, "-f", str(dump)],
                        ["pg_restore", *pg, "--clean", "--if-exists", "--no-owner",
                         "-d", restored, str(dump)]):
            done = subprocess.run(command, capture_output=True, text=True, timeout=300,
                                  check=False)
            assert done.returncode == 0, f"{command[0]}: {done.stderr}"
        back = {"FRONTLINE_DATABASE_URL": pg_url_of(restored),
                "FRONTLINE_DATA_DIR": str(tmp_path / "r")}
        assert answers(back) == before
