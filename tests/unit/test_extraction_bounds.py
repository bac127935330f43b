"""Extraction finishes on pathological text (issue 19): no quadratic pass, no stall.

Each case writes a synthetic article (made up here, labelled as such) and runs
``python -m timeline extract`` on it in a subprocess with a generous hang guard. These
are not speed assertions (speed is measured in ``bench/``): the guard only fails a run
that would otherwise hang for minutes, as these inputs did before (a 120 KB run-on
sentence took 100 s, a 40 KB token without spaces 14 s).
"""

from __future__ import annotations

import json
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import run_cli
from timeline.extract.articles import MAX_SENTENCE, split_sentences

HANG_GUARD_SECONDS = 60  # minutes-long runs fail; ordinary load on a shared machine passes
HEADER = "---\ntitle: synthetic stress text (not a report)\npublished: 2017-05-01\n---\n"
CLAUSES = (
    "Iraqi forces clashed with IS militants in al-Tanak",
    "the army retook al-Yarmouk",
    "snipers fired on troops in the Old City",
    "federal police took full control of al-Zanjili",
    "air strikes hit positions near Mosul",
    "and 200 families fled",
)


def _run_on(size: int) -> str:
    parts: list[str] = []
    while sum(len(p) + 2 for p in parts) < size:
        parts.append(CLAUSES[len(parts) * 7 % len(CLAUSES)])
    return ", ".join(parts) + "."


CASES = {
    "a 120 KB run-on sentence": _run_on(120_000),
    "a 160 KB token without spaces": "A short lead. " + "Xa" * 80_000 + " district said.",
    "a 40 KB word run into a landmark": "Al-" * 13_000 + "Mosque was taken.",
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


@pytest.mark.slow
@pytest.mark.parametrize("body", CASES.values(), ids=CASES.keys())
def test_pathological_text_is_extracted_without_hanging(tmp_path: Path, body: str) -> None:
    _extract(tmp_path, body)


@pytest.mark.slow
def test_a_run_on_sentence_still_yields_its_events(tmp_path: Path) -> None:
    data = _extract(tmp_path, _run_on(120_000))
    places = {p["id"] for e in data["events"] for p in e["places"]}  # type: ignore[attr-defined,index]
    assert {"al-yarmouk", "al-zanjili"} <= places


def test_a_run_on_is_read_in_pieces_that_cover_it() -> None:
    text = _run_on(20_000)
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(s.end - s.start <= MAX_SENTENCE for s in pieces)
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    for left, right in pairwise(pieces):
        assert text[left.end:right.start].strip() == ""  # nothing between pieces is lost
        assert text[left.end - 1] == "," or text[left.end - 1].isalnum()


def test_an_ordinary_sentence_is_not_cut() -> None:
    text = "Iraqi forces retook al-Yarmouk on Monday, the military said. " * 3
    assert [(s.end - s.start) for s in split_sentences(text)] == [60, 60, 60]
