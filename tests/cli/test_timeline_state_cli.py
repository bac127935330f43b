"""``python -m timeline build`` and ``state``: the CLI contract, run as subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

SIDES = {"government", "isis", "contested", "unknown"}
BASES = {"reported", "inferred", "assumed"}


def _state(env: dict[str, str], *args: str) -> dict[str, object]:
    result = run_cli("timeline", "state", *args, "--json", env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_build_writes_the_timeline_and_prints_a_summary(tmp_path: Path) -> None:
    env = {"FRONTLINE_DATA_DIR": str(tmp_path)}
    assert run_cli("timeline", "ingest", env=env).returncode == 0
    result = run_cli("timeline", "build", env=env)
    assert result.returncode == 0, result.stderr
    assert "81 districts" in result.stdout
    assert (tmp_path / "timeline.npz").is_file() and not (tmp_path / "timeline.json").exists()


def test_state_json_has_the_contract_shape(data_env: dict[str, str]) -> None:
    doc = _state(data_env, "--date", "2017-05-11")
    assert doc["date"] == "2017-05-11"
    districts = doc["districts"]
    assert isinstance(districts, list) and len(districts) == 81
    for d in districts:
        assert {"id", "side", "basis", "since", "evidence"} <= set(d)
        assert d["side"] in SIDES and d["basis"] in BASES
        assert all(isinstance(q, str) and q for q in d["evidence"])
    maamel = next(d for d in districts if d["id"] == "al-maamel")
    assert (maamel["side"], maamel["basis"], maamel["since"]) == (
        "government", "reported", "2017-05-10")
    share = doc["share"]
    assert isinstance(share, dict) and {"west", "east"} <= set(share)
    for bank in ("west", "east"):
        assert {"government", "isis", "contested"} <= set(share[bank])
        assert sum(share[bank].values()) == pytest.approx(1.0, abs=1e-3)
    assert share["east"]["government"] == 1.0
    assert isinstance(doc["frontline_km"], float) and doc["frontline_km"] > 0


def test_known_on_replays_what_was_knowable(data_env: dict[str, str]) -> None:
    doc = _state(data_env, "--date", "2017-05-11", "--known-on", "2017-05-01")
    assert doc["known_on"] == "2017-05-01"
    maamel = next(d for d in doc["districts"] if d["id"] == "al-maamel")  # type: ignore[union-attr]
    assert maamel["side"] != "government"


def test_state_without_a_stored_timeline_computes_on_the_fly(tmp_path: Path) -> None:
    doc = _state({"FRONTLINE_DATA_DIR": str(tmp_path)}, "--date", "2016-10-01")
    assert {d["side"] for d in doc["districts"]} == {"isis"}  # type: ignore[union-attr]


@pytest.mark.parametrize("args", [
    ("--date", "2017-13-01"),
    ("--date", "yesterday"),
    ("--date", "1999-01-01"),
    ("--date", "2017-05-11", "--known-on", "soon"),
])
def test_bad_dates_give_one_line_and_a_non_zero_exit(data_env: dict[str, str],
                                                     args: tuple[str, ...]) -> None:
    result = run_cli("timeline", "state", *args, "--json", env=data_env)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("timeline: error:"), result.stderr
    assert "Traceback" not in result.stderr
