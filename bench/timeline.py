"""Control-timeline speed on a SYNTHETIC 1,000-district, 365-day, 100,000-event battle.

``python -m bench.timeline [--smoke]`` prints the figures; ``run`` returns them. The
city and its events are synthetic (:mod:`bench.synthetic`, :mod:`bench.synthetic_events`).
Targets (issue 5): the timeline builds in <= 2 s; front lines for every distinct state
in <= 5 s. The real Mosul theatre (the articles of ``seeds/``) is timed too.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.synthetic import synthetic_districts
from bench.synthetic_events import synthetic_extractions, synthetic_theatre
from frontline import settings
from geodata.districts import build_districts
from geodata.theatre import load_theatre
from timeline.control.build import build_timeline
from timeline.control.series import add_series, distinct_states
from timeline.extract.articles import load_article
from timeline.extract.chronology import load_chronology
from timeline.extract.extractor import extract_article


def mosul() -> dict[str, Any]:
    """Build time of the real Mosul timeline from the articles and chronologies in seeds/."""
    theatre = load_theatre("mosul")
    districts = build_districts(theatre)
    seeds = sorted(settings.get_path("SEEDS_DIR").iterdir())
    extractions = [load_chronology(p) if p.suffix == ".csv" else extract_article(load_article(p))
                   for p in seeds if p.suffix in {".md", ".txt", ".html", ".csv"}]
    started = time.perf_counter()
    tl = build_timeline(theatre, districts, extractions)
    build_s = time.perf_counter() - started
    return {"mosul_districts": len(districts), "mosul_days": tl.n_days,
            "mosul_sources": len(extractions), "mosul_build_with_series_s": round(build_s, 3)}


def run(smoke: bool = False) -> dict[str, Any]:
    out = mosul()
    n_districts, days, n_events = (100, 60, 5_000) if smoke else (1_000, 365, 100_000)
    districts = synthetic_districts(n_districts, seed=0)
    with tempfile.TemporaryDirectory() as tmp:
        theatre = synthetic_theatre(districts, Path(tmp) / "theatre", days)
        extractions = synthetic_extractions(list(districts["id"]), n_events, days, seed=0)
        started = time.perf_counter()
        tl = build_timeline(theatre, districts, extractions, series=False)
        build_s = time.perf_counter() - started
        states, _ = distinct_states(tl.side)
        started = time.perf_counter()
        add_series(tl, theatre, districts)
        series_s = time.perf_counter() - started
    return out | {
        "synthetic_districts": n_districts,
        "synthetic_days": tl.n_days,
        "synthetic_events": n_events,
        "distinct_states": len(states),
        "changes": sum(len(c) for c in tl.changes.values()),
        "build_s_target": (round(build_s, 3), 2.0, "<="),
        "fronts_and_shares_s_target": (round(series_s, 3), 5.0, "<="),
        "mean_frontline_km": round(float(tl.frontline_km.mean()), 2)
        if tl.frontline_km is not None else 0.0,
    }


if __name__ == "__main__":
    print(json.dumps(run(smoke="--smoke" in sys.argv[1:]), indent=2))
