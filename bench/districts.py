"""Polygon build for Mosul, and the front line over a year of SYNTHETIC states.

``python -m bench.districts [--smoke]`` prints the figures; ``run`` returns them. The
1,000-district city is synthetic (:mod:`bench.synthetic`), not real geography.
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

from bench.synthetic import METRIC_CRS, sweeping_states, synthetic_districts
from geodata.context import river_line
from geodata.districts import build_areas, build_districts
from geodata.front import build_adjacency, front_length_km, front_line
from geodata.theatre import load_theatre


def _timed(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(smoke: bool = False) -> dict[str, Any]:
    theatre = load_theatre("mosul")
    repeat = 2 if smoke else 5
    build_s = _timed(lambda: build_districts(theatre), repeat)
    districts = build_districts(theatre)
    areas_s = _timed(lambda: build_areas(theatre, districts), repeat)
    mosul_adj_s = _timed(lambda: build_adjacency(districts, river_line(theatre), theatre.crs),
                         repeat)

    n, days = (150, 30) if smoke else (1000, 365)
    started = time.perf_counter()
    synthetic = synthetic_districts(n, seed=0)
    generate_s = time.perf_counter() - started
    states = sweeping_states(synthetic, days)

    started = time.perf_counter()
    adjacency = build_adjacency(synthetic, synthetic.attrs["river"], METRIC_CRS)
    adjacency_s = time.perf_counter() - started
    started = time.perf_counter()
    sides = theatre.side_codes
    lengths = [front_line(adjacency, [sides.name(c) for c in day], sides).length_km
               for day in states]
    lines_s = time.perf_counter() - started
    started = time.perf_counter()
    fast = [front_length_km(adjacency, day, sides) for day in states]
    vector_s = time.perf_counter() - started
    assert max(abs(a - b) for a, b in zip(lengths, fast, strict=True)) < 1e-9

    return {
        "mosul_districts": len(districts),
        "mosul_build_s_target": (round(build_s, 4), 1.0, "<="),
        "mosul_areas_s": round(areas_s, 4),
        "mosul_adjacency_s": round(mosul_adj_s, 4),
        "synthetic_districts": n,
        "synthetic_states": days,
        "synthetic_edges": len(adjacency),
        "synthetic_generate_s": round(generate_s, 3),
        "synthetic_adjacency_s": round(adjacency_s, 3),
        "front_line_all_states_s": round(lines_s, 3),
        "front_total_s_target": (round(adjacency_s + lines_s, 3), 5.0, "<="),
        "front_length_km_per_state_us": round(vector_s / days * 1e6, 1),
        "median_front_km": round(statistics.median(lengths), 2),
    }


if __name__ == "__main__":
    for key, value in run(smoke="--smoke" in sys.argv).items():
        print(f"{key:32} {value}")
