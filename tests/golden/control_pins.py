"""Pinned control states of the seed corpus, and the script that writes them.

The control map must not drift unnoticed: ``control_pins.json`` holds, for each seed
corpus (the seed article alone, the analyst chronology alone, both together), every
district's changes of state as ``[date, side, basis, since]``, from the first day of the
timeline to its last. A change is any day on which side, basis or since differs from the
day before; the first entry is the district's state on the first day. Between two
entries the state is unchanged, so the list gives the state of every district-day.

The pins were written from ``build_timeline`` on fresh extractions (``extract_path`` on
the files of ``seeds/``), before the stored path was made to agree with it. Rewrite them
only when a change of the control rules is meant to move the map, and say why::

    .venv/bin/python -m tests.golden.control_pins --write
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np

from geodata.sides import MOSUL_ORDER as SIDE_CODES  # the pinned corpora are Mosul's
from geodata.theatre import Theatre
from timeline.control.model import BASIS_CODES
from timeline.records import Extraction

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PINS = Path(__file__).with_name("control_pins.json")
SEED_ARTICLE = SEEDS / "2017-05-10-iraqinews-al-maamel.md"
SEED_CHRONOLOGY = SEEDS / "mosul-chronology.csv"
CORPORA: dict[str, tuple[Path, ...]] = {
    "article": (SEED_ARTICLE,),
    "chronology": (SEED_CHRONOLOGY,),
    "article+chronology": (SEED_ARTICLE, SEED_CHRONOLOGY),
}

Change = tuple[str, str, str, str]
States = dict[str, list[Change]]


def state_changes(start: dt.date, district_ids: Sequence[str], side: np.ndarray,
                  basis: np.ndarray, since: np.ndarray) -> States:
    """Per district, ``(date, side, basis, since)`` on the first day and on every day
    any of the three differs from the day before."""
    out: States = {}
    for i, district in enumerate(district_ids):
        moved = np.ones(side.shape[1], bool)
        moved[1:] = ((side[i, 1:] != side[i, :-1]) | (basis[i, 1:] != basis[i, :-1])
                     | (since[i, 1:] != since[i, :-1]))
        out[district] = [
            ((start + dt.timedelta(days=day)).isoformat(), SIDE_CODES[int(side[i, day])],
             BASIS_CODES[int(basis[i, day])],
             (start + dt.timedelta(days=int(since[i, day]))).isoformat())
            for day in np.flatnonzero(moved).tolist()
        ]
    return out


def timeline_states(theatre: Theatre, districts: gpd.GeoDataFrame,
                    extractions: Sequence[Extraction]) -> States:
    """The changes of state of ``build_timeline`` on ``extractions`` (no "known on")."""
    from timeline.control.build import build_timeline

    tl = build_timeline(theatre, districts, extractions, series=False)
    return state_changes(tl.start, tl.district_ids, tl.side, tl.basis, tl.since)


def fresh_extractions(files: Sequence[Path]) -> list[Extraction]:
    """Each file extracted now, as ``timeline ingest`` extracts it."""
    from timeline.extract.sources import extract_path

    return [extract_path(path) for path in files]


def load_pins() -> dict[str, States]:
    """The committed pins, with each change as a tuple."""
    data = json.loads(PINS.read_text(encoding="utf-8"))
    return {corpus: {d: [tuple(c) for c in changes] for d, changes in states.items()}
            for corpus, states in data.items()}


def write_pins() -> Path:
    """Recompute the pins from fresh extractions of ``seeds/`` and write them."""
    from geodata.districts import build_districts
    from geodata.theatre import load_theatre

    theatre = load_theatre("mosul")
    districts = build_districts(theatre)
    pins = {corpus: timeline_states(theatre, districts, fresh_extractions(files))
            for corpus, files in CORPORA.items()}
    lines = ["{"]
    for k, (corpus, states) in enumerate(pins.items()):
        lines.append(f" {json.dumps(corpus)}: {{")
        for j, (district, changes) in enumerate(states.items()):
            end = "," if j + 1 < len(states) else ""
            lines.append(f"  {json.dumps(district)}: {json.dumps(changes)}{end}")
        lines.append(" }," if k + 1 < len(pins) else " }")
    lines.append("}")
    PINS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return PINS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite control_pins.json")
    if parser.parse_args().write:
        print(f"wrote {write_pins()}")
    else:
        parser.print_help()


if __name__ == "__main__":
    main()
