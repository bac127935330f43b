"""Extraction finishes on pathological text (issue 19): no quadratic pass, no stall.

Each case writes a SYNTHETIC article (:mod:`bench.pathological`, labelled as such) and
runs ``python -m timeline extract`` on it in a subprocess with a generous hang guard.
These are not speed assertions (``python -m bench --only pathological`` measures the
seconds beside ordinary prose): the guard fails only a run that takes minutes, as these
inputs did with a quadratic pass. The sizes are chosen so that it would: a 120 KB
run-on read as one sentence takes minutes, and a word run of 160 KB under the old
landmark pattern about 500 s (at 40 KB, the issue's size, it took 14 to 56 s, which a
guard of a minute could not tell from a busy machine).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bench.pathological import HEADER, landmark_run, run_on, token
from tests.conftest import run_cli

pytestmark = pytest.mark.slow
HANG_GUARD_SECONDS = 60  # minutes-long runs fail; ordinary load on a shared machine passes

CASES = {
    "a 120 KB run-on sentence": run_on(120_000),
    "a 160 KB token without spaces": token(160_000),
    "a 160 KB word run into a landmark": landmark_run(160_000),
    "30,000 capitalised words before a place noun": " ".join(["Al"] * 30_000) + " district.",
    "a 140 KB sentence of repeated captures": ", ".join(["the army retook al-Yarmouk"] * 5000)
    + ".",
}


def _extract(tmp_path: Path, body: str) -> dict[str, object]:
    path = tmp_path / "stress.md"
    path.write_text(HEADER + body + "\n", encoding="utf-8")
    try:
        result = run_cli("timeline", "extract", str(path), "--json",
                         timeout=HANG_GUARD_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"extraction still running after {HANG_GUARD_SECONDS} s: a hang")
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("body", CASES.values(), ids=CASES.keys())
def test_pathological_text_is_extracted_without_hanging(tmp_path: Path, body: str) -> None:
    _extract(tmp_path, body)


def test_a_run_on_sentence_still_yields_its_events(tmp_path: Path) -> None:
    data = _extract(tmp_path, run_on(120_000))
    places = {p["id"] for e in data["events"] for p in e["places"]}  # type: ignore[attr-defined,index]
    assert {"al-yarmouk", "al-zanjili"} <= places
