"""Whole-area swings: does a corpus read alone move a bank or the city at once? (issue 13)

A single sentence about a few neighbourhoods must never flip a bank. This check builds
the control timeline of a set of reports alone (no analyst chronology), takes each
district's *holder* per day (:func:`timeline.control.model.holders`: fighting that ends
with the district back with its holder is no change) and lists every day on which the
government-held share of a bank or of the city moves by more than ``threshold`` (a
quarter of its area by default), up or down. A reviewer then reads each swing against
the reports: a swing the reports state (a declaration dated to the day) is right; any
other is over-reach.

    python -m timeline.overreach [DEVSET_DIR] [--split dev] [--threshold 0.25]

It reads ``DEVSET_DIR/texts/<id>.txt`` for the reports of the split, like
:mod:`timeline.evaluate`; without texts it says so and exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np

from frontline.settings import Settings
from geodata.districts import AREA_KM2, BANK, build_districts
from geodata.theatre import Theatre, load_theatre
from timeline.control.build import build_timeline
from timeline.control.model import holders
from timeline.evaluate import load_devset
from timeline.pipeline import ingest
from timeline.records import Extraction
from timeline.store.files import FileStore

PROG = "python -m timeline.overreach"
AREAS = ("east", "west", "city")


@dataclass(frozen=True)
class Swing:
    """One day on which an area's government-held share moved by more than the threshold."""

    day: dt.date
    area: str
    before: float
    after: float

    def line(self) -> str:
        return f"{self.day} {self.area}: government {self.before:.0%} -> {self.after:.0%}"


def area_swings(theatre: Theatre, districts: gpd.GeoDataFrame,
                extractions: Sequence[Extraction], threshold: float = 0.25) -> list[Swing]:
    """Every day from the battle's start on which a bank's or the city's share of
    government-held area moves by more than ``threshold``."""
    tl = build_timeline(theatre, districts, list(extractions), series=False)
    held = holders(tl.side, tl.sides.contested) == tl.sides.code(theatre.advancing_side)
    area = districts[AREA_KM2].to_numpy(float)
    bank = districts[BANK].astype(str).to_numpy()
    out: list[Swing] = []
    for name in AREAS:
        weight = area if name == "city" else np.where(bank == name, area, 0.0)
        if weight.sum() == 0:
            continue
        share = (weight @ held) / weight.sum()
        for d in np.flatnonzero(np.abs(np.diff(share)) > threshold):
            day = tl.start + dt.timedelta(days=int(d) + 1)
            if day >= theatre.battle_start:
                out.append(Swing(day, name, float(share[d]), float(share[d + 1])))
    return sorted(out, key=lambda s: (s.day, AREAS.index(s.area)))


def corpus_swings(folder: Path, theatre: Theatre, threshold: float = 0.25) -> list[Swing]:
    """Ingest the reports of ``folder`` alone into a scratch store and list the swings."""
    with tempfile.TemporaryDirectory() as scratch:
        store = FileStore(Path(scratch))
        ingest(store, folder, Settings.from_env())
        extractions = [x for i in store.article_ids() if (x := store.extraction(i))]
    return area_swings(theatre, build_districts(theatre), extractions, threshold)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("devset", nargs="?", default="devset", type=Path)
    parser.add_argument("--split", default="dev", choices=("dev", "heldout", "all"))
    parser.add_argument("--threshold", type=float, default=0.25)
    args = parser.parse_args(argv)
    reports = [r for r in load_devset(args.devset / "facts.yaml")
               if args.split == "all" or r.split == args.split]
    texts = [args.devset / "texts" / f"{r.id}.txt" for r in reports]
    present = [t for t in texts if t.exists()]
    if not present:
        print(f"no texts in {args.devset / 'texts'}: nothing to check (see devset/README.md)")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        for text in present:
            (Path(folder) / text.name).write_bytes(text.read_bytes())
        swings = corpus_swings(Path(folder), load_theatre())
    print(f"split {args.split}: {len(present)} reports read alone, "
          f"{len(texts) - len(present)} skipped (text missing)")
    for swing in swings:
        print(swing.line())
    print(f"bank- or city-wide swings over {args.threshold:.0%}: {len(swings)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
