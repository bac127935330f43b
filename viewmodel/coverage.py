"""How much of a theatre an analyst chronology dates: the numbers of the README's Data section.

A district counts as dated when a ``capture`` or ``declaration`` row names it itself (an
area such as ``east-mosul`` dates no single district); a district dated only by rows of
status ``claimed`` is counted apart, since the claim was later contradicted. Figures are
counted per chart series (:func:`viewmodel.page_events.series_of`), a figure no series
draws under its kind. The README block is written by this module and a test checks that
the README still says what the chronologies give. By default every analyst table of
``seeds/`` is read (``mosul-chronology.csv`` for the captures, ``mosul-figures.csv`` for
the humanitarian series)::

    python -m viewmodel.coverage [CHRONOLOGY.csv ...]
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geodata.theatre import Theatre, load_theatre
from timeline.extract.chronology import load_chronology
from viewmodel.page_events import series_of

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATING_KINDS = ("capture", "declaration")
CLAIMED = "claimed"
BLOCK_START = ("<!-- coverage:start (written by `python -m viewmodel.coverage`; "
               "tests/unit/test_coverage.py checks it) -->")
BLOCK_END = "<!-- coverage:end -->"


@dataclass(frozen=True)
class Coverage:
    """What a chronology dates: per bank, districts dated and in all; rows and figures."""

    dated: dict[str, int]
    districts: dict[str, int]
    claimed_only: tuple[str, ...]
    undated: tuple[str, ...]
    confidence: dict[str, int]
    series: dict[str, int]

    @property
    def total_dated(self) -> int:
        return sum(self.dated.values())

    @property
    def total_districts(self) -> int:
        return sum(self.districts.values())

    def markdown(self) -> str:
        """The README block, between its two marker lines."""
        banks = ", ".join(f"{bank} {self.dated[bank]} / {n}"
                          for bank, n in self.districts.items())
        levels = ", ".join(f"{level} {n}" for level, n in self.confidence.items())
        series = ", ".join(f"{name} {n}" for name, n in self.series.items()) or "none"
        return "\n".join([
            BLOCK_START,
            f"- Districts with a dated capture or declared liberation: "
            f"**{self.total_dated} / {self.total_districts}** ({banks}); "
            f"{len(self.claimed_only)} of them only by a claim (status `claimed`: "
            f"{', '.join(self.claimed_only) or 'none'}).",
            f"- Districts without one: {', '.join(self.undated) or 'none'}.",
            f"- Capture and declaration rows by confidence: {levels}.",
            f"- Figures per chart series: {series}.",
            BLOCK_END,
        ])


def seed_tables(folder: Path = SEEDS) -> tuple[Path, ...]:
    """The analyst tables (chronology CSVs) that ``make run`` ingests from ``folder``."""
    return tuple(sorted(folder.glob("*.csv")))


def chronology_coverage(paths: str | Path | Sequence[str | Path] | None = None,
                        theatre: Theatre | None = None) -> Coverage:
    """The coverage of the chronologies at ``paths`` (default: the seed tables)."""
    theatre = theatre or load_theatre()
    if paths is None:
        paths = seed_tables()
    elif isinstance(paths, (str, Path)):
        paths = (paths,)
    extractions = [load_chronology(p) for p in paths]
    events = [e for x in extractions for e in x.events]
    figures = [f for x in extractions for f in x.figures]
    districts = {p.id: p.bank or "" for p in theatre.places if p.kind == "district"}
    statuses: dict[str, set[str]] = {}
    confidence: Counter[str] = Counter()
    for event in events:
        if event.kind not in DATING_KINDS:
            continue
        confidence[event.provenance.confidence or "not given"] += 1
        for ref in event.places:
            if ref.id in districts:
                statuses.setdefault(ref.id, set()).add(event.status)
    banks = sorted(set(districts.values()))
    series = Counter(series_of(f, theatre) or f.kind for f in figures)
    return Coverage(
        dated={b: sum(1 for d in statuses if districts[d] == b) for b in banks},
        districts={b: sum(1 for v in districts.values() if v == b) for b in banks},
        claimed_only=tuple(sorted(d for d, s in statuses.items() if s == {CLAIMED})),
        undated=tuple(sorted(d for d in districts if d not in statuses)),
        confidence={level: confidence[level]
                    for level in ("high", "medium", "low", "not given") if confidence[level]},
        series=dict(sorted(series.items())),
    )


def readme_block(readme: str) -> str:
    """The coverage block as the README has it (empty when the markers are missing)."""
    start, end = readme.find(BLOCK_START), readme.find(BLOCK_END)
    return readme[start:end + len(BLOCK_END)] if 0 <= start < end else ""


if __name__ == "__main__":
    print(chronology_coverage(sys.argv[1:] or None).markdown())
