"""Extraction time of pathological text against ordinary prose of the same size.

Issue 19 found a 120 KB run-on sentence took 100 s to extract and a 40 KB token without
spaces 14 s: each grew with the square of its length. This measures both kinds at
doubling sizes beside the BASELINE, ordinary prose (the same clauses ending in full
stops) of the same size, in one run on one machine: near-linear extraction shows as a
seconds-per-KB that stays flat as the size doubles, and close to the prose's.

Every text here is SYNTHETIC, written for this benchmark (no report's words); the
reliability tests (``tests/reliability/test_extraction_time.py``) extract the same
inputs under a hang guard, never asserting a speed.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEADER = "---\ntitle: synthetic stress text (not a report)\npublished: 2017-05-01\n---\n"
CLAUSES = (
    "Iraqi forces clashed with IS militants in al-Tanak",
    "the army retook al-Yarmouk",
    "snipers fired on troops in the Old City",
    "federal police took full control of al-Zanjili",
    "air strikes hit positions near Mosul",
    "and 200 families fled",
)


def run_on(size: int) -> str:
    """One sentence of about ``size`` characters: clauses joined by commas, one full stop."""
    return _clauses(size, ", ") + "."


def prose(size: int) -> str:
    """The baseline: the same clauses as sentences, about ``size`` characters."""
    return ". ".join(c[0].upper() + c[1:] for c in _clauses(size, "\n").split("\n")) + "."


def token(size: int) -> str:
    """A token of ``size`` characters without a space, capitals all through it."""
    return "A short lead. " + "Xa" * (size // 2) + " district said."


def landmark_run(size: int) -> str:
    """A word run of ``size`` characters straight into a landmark noun."""
    return "Al-" * (size // 3) + "Mosque was taken."


def _clauses(size: int, joiner: str) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        parts.append(CLAUSES[len(parts) * 7 % len(CLAUSES)])
        length += len(parts[-1]) + len(joiner)
    return joiner.join(parts)


KINDS: dict[str, Callable[[int], str]] = {
    "prose": prose, "run_on": run_on, "token": token, "landmark_run": landmark_run}


def extract_seconds(body: str, folder: Path) -> float:
    """Seconds to extract one article holding ``body`` (in this process, no budget)."""
    from geodata.gazetteer import get_gazetteer
    from timeline.extract.sources import extract_path

    path = folder / "stress.md"
    path.write_text(HEADER + body + "\n", encoding="utf-8")
    gazetteer = get_gazetteer()
    started = time.perf_counter()
    extract_path(path, id="stress", max_bytes=5_000_000, gazetteer=gazetteer)
    return time.perf_counter() - started


def run(smoke: bool = False) -> dict[str, Any]:
    sizes = (10_000, 20_000) if smoke else (30_000, 60_000, 120_000, 240_000)
    out: dict[str, Any] = {"load_1min": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory(prefix="bench-pathological-") as tmp:
        extract_seconds(prose(1000), Path(tmp))  # the gazetteer and regexes, once
        for kind, make in KINDS.items():
            for size in sizes:
                seconds = extract_seconds(make(size), Path(tmp))
                out[f"{kind}_{size // 1000}kb_s"] = round(seconds, 2)
            first, last = sizes[0], sizes[-1]
            per_kb = [out[f"{kind}_{s // 1000}kb_s"] / (s / 1000) for s in (first, last)]
            # 1.0: linear; 8.0 over 30 -> 240 KB would be quadratic
            out[f"{kind}_growth_per_kb"] = round(per_kb[1] / per_kb[0], 2) if per_kb[0] else None
    out["load_1min_after"] = round(os.getloadavg()[0], 2)
    return out
