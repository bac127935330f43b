"""Analyst curation from the command line (issue 15), run as subprocesses.

The store is built from the seed article alone, so the al-Maamel capture it reports is
the only evidence that turns the district on 2017-05-11: rejecting it through the CLI
and rebuilding must change the district's state, and undoing the rejection must give
it back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

ARTICLE = ROOT / "seeds" / "2017-05-10-iraqinews-al-maamel.md"
PASSWORD = "correct horse battery"


def timeline(env: dict[str, str], *args: str,
             stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline", *args], cwd=ROOT,
                          env={**os.environ, **env}, input=stdin or "", capture_output=True,
                          text=True, timeout=300, check=False)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def bad(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def article_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A store of the seed article alone, with the analyst ana."""
    root = tmp_path_factory.mktemp("curation")
    (root / "seeds").mkdir()
    shutil.copy(ARTICLE, root / "seeds" / ARTICLE.name)
    env = {"FRONTLINE_DATA_DIR": str(root / "data"), "FRONTLINE_SEEDS_DIR": str(root / "seeds")}
    ok(timeline(env, "ingest", str(root / "seeds")))
    ok(timeline(env, "analysts", "add", "ana", "--password-stdin", stdin=PASSWORD + "\n"))
    return env


def capture_id() -> str:
    doc = json.loads(ok(run_cli("timeline", "extract", str(ARTICLE), "--json")))
    (event,) = [e for e in doc["events"] if e["kind"] == "capture"
                and [p["id"] for p in e["places"]] == ["al-maamel"]]
    return str(event["id"])


def maamel_on(env: dict[str, str], day: str = "2017-05-11") -> dict[str, object]:
    ok(timeline(env, "build"))
    doc = json.loads(ok(timeline(env, "state", "--date", day, "--json")))
    return next(d for d in doc["districts"] if d["id"] == "al-maamel")


def test_rejecting_the_capture_changes_the_district_and_undo_restores_it(
        article_env: dict[str, str]) -> None:
    claim = capture_id()
    before = maamel_on(article_env)
    assert (before["side"], before["basis"]) == ("government", "reported")
    done = json.loads(ok(timeline(article_env, "review", "reject", claim, "--by", "ana",
                                  "--reason", "test: treat the capture as unconfirmed",
                                  "--json")))
    after = maamel_on(article_env)
    assert after["side"] != "government"
    history = json.loads(ok(timeline(article_env, "decisions", "history", claim, "--json")))
    assert [(h["id"], h["action"], h["author"], h["in_force"]) for h in history] == [
        (done["id"], "reject", "ana", True)]
    assert history[0]["reason"] == "test: treat the capture as unconfirmed"
    ok(timeline(article_env, "decisions", "undo", done["id"], "--by", "ana", "--reason",
                "the capture is confirmed"))
    assert maamel_on(article_env)["side"] == "government"
    text = ok(timeline(article_env, "decisions", "history", claim))
    assert "undone by" in text and "undo " + done["id"] in text


def test_an_edit_is_checked_recorded_and_applied(article_env: dict[str, str]) -> None:
    claim = capture_id()
    bad(timeline(article_env, "review", "edit", claim, "--by", "ana", "--reason", "x",
                 "--set", "side=martians"), "side 'martians' is not one of")
    bad(timeline(article_env, "review", "edit", claim, "--by", "ana", "--reason", "x",
                 "--set", "places=atlantis"), "unknown place id(s) atlantis")
    out = ok(timeline(article_env, "review", "edit", claim, "--by", "ana", "--reason",
                      "a day earlier", "--set", "date=2017-05-09"))
    assert "edit of " + claim in out and "timeline build" in out
    assert maamel_on(article_env, "2017-05-09")["side"] == "government"
    ok(timeline(article_env, "review", "accept", claim, "--by", "ana"))
    history = json.loads(ok(timeline(article_env, "decisions", "history", claim, "--json")))
    assert history[-1]["action"] == "accept" and history[-1]["changes"] == {"date": "2017-05-09"}
    stale = timeline(article_env, "review", "accept", claim, "--by", "ana",
                     "--expect-revision", "1")
    assert stale.returncode == 1 and "moved while you decided" in stale.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("review", "reject", "nope:e-0000000000", "--by", "ana", "--reason", "x"),
     "no claim 'nope:e-0000000000'"),
    (("review", "reject", "CLAIM", "--by", "ana"), "needs a reason"),
    (("review", "reject", "CLAIM", "--by", "bob", "--reason", "x"), "no active analyst 'bob'"),
    (("review", "accept", "CLAIM", "--by", "ana", "--set", "side=isis"), "--set belongs to"),
    (("names", "map", "Maamli", "--by", "ana", "--reason", "x"), "needs --place"),
    (("names", "map", "Maamli", "--place", "atlantis", "--by", "ana", "--reason", "x"),
     "unknown place id 'atlantis'"),
    (("names", "outside", "Raqqa", "--place", "al-maamel", "--by", "ana", "--reason", "x"),
     "--place belongs to"),
    (("decisions", "undo", "d-nothing", "--by", "ana", "--reason", "x"), "no decision"),
    (("analysts", "add", "ana", "--password-stdin"), "at least 8"),
])
def test_bad_input_is_one_line_and_exit_code_2(article_env: dict[str, str],
                                              args: tuple[str, ...], message: str) -> None:
    args = tuple(capture_id() if a == "CLAIM" else a for a in args)
    bad(timeline(article_env, *args), message)


def test_a_password_is_never_an_argument_and_needs_a_terminal_or_stdin(
        article_env: dict[str, str]) -> None:
    result = timeline(article_env, "analysts", "add", "bob", "--password", PASSWORD)
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr
    bad(timeline(article_env, "analysts", "add", "bob"), "use --password-stdin")
    ok(timeline(article_env, "analysts", "add", "bob", "--password-stdin", stdin=PASSWORD))
    assert "bob" in ok(timeline(article_env, "analysts", "list")).split()


def test_names_are_remembered_and_orphans_listed_after_re_extraction(
        tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ARTICLE, seeds / ARTICLE.name)
    env = {"FRONTLINE_DATA_DIR": str(tmp_path / "data")}
    ok(timeline(env, "ingest", str(seeds)))
    ok(timeline(env, "analysts", "add", "ana", "--password-stdin", stdin=PASSWORD))
    claim = capture_id()
    ok(timeline(env, "review", "reject", claim, "--by", "ana", "--reason", "x"))
    out = ok(timeline(env, "names", "not-place", "Nineveh Operations Command", "--by", "ana",
                      "--reason", "a command, not a place"))
    assert "not-place 'Nineveh Operations Command'" in out
    (seeds / ARTICLE.name).unlink()  # the article is gone: its claim with it
    ok(timeline(env, "ingest", str(seeds)))
    orphans = json.loads(ok(timeline(env, "decisions", "orphans", "--json")))
    assert len(orphans) == 2
    assert any(claim in o["line"] for o in orphans)
    assert all("no extraction holds it" in o["line"] for o in orphans)


def test_the_frontline_script_forwards_the_curation_commands() -> None:
    result = subprocess.run([sys.executable, "-c", "from frontline.main import main; main()",
                             "decisions", "--help"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0 and "history" in result.stdout and "orphans" in result.stdout
