"""The labelled SYNTHETIC "stress" theatre, built so that the real app can serve it.

Nothing here is real geography or reporting. :func:`build_stress` writes, under a
temporary root:

- ``theatre/``: ``theatre.yaml`` and the CSVs of a theatre folder (as
  ``geodata/theatres/mosul``): a 12 km square city, a meandering river, one district
  place per polygon, the two banks and the city as areas;
- ``data/``: a ``FRONTLINE_DATA_DIR`` holding the Voronoi polygons of
  :func:`bench.synthetic.synthetic_districts` as imported boundaries, the GeoPackage
  store, a corpus of template articles carrying the events of
  :func:`bench.synthetic_events.synthetic_extractions` (captures lean towards the
  government over time, so a front sweeps across the city) and two figure series
  (militants killed, displaced), and the saved control timeline.

It returns the environment (``FRONTLINE_DATA_DIR``, ``FRONTLINE_THEATRE``) under which
``python -m dashboard`` serves it. The "as known on" replay is skipped (one full
rebuild per publication date: minutes at this size); the page then shows the reported
arrays in both modes, so its payload has the same size.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from dataclasses import dataclass, replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import yaml

from bench.environ import scoped_env
from bench.synthetic import (
    EAST,
    NORTH,
    SOUTH,
    WEST,
    synthetic_districts,
    synthetic_river,
)
from bench.synthetic_events import COLOURS, START, synthetic_extractions
from geodata.districts import BANK, ID
from geodata.store import BOUNDARIES_FILE
from geodata.theatre import THEATRES_DIR
from timeline.records import Article, Extraction, Figure, PartialDate, Provenance

LABEL = "SYNTHETIC stress theatre"
TEMPLATE = ("(SYNTHETIC template article {k}) Government forces pressed east across the "
            "synthetic city on {date}; {n} events are listed below. Officials said "
            "{killed:,} militants had been killed and {displaced:,} residents displaced "
            "since the offensive began.")


@dataclass(frozen=True)
class StressSize:
    districts: int
    days: int
    events: int
    articles: int


FULL = StressSize(districts=1000, days=365, events=100_000, articles=1000)
SMOKE = StressSize(districts=60, days=30, events=1_000, articles=20)


@dataclass(frozen=True)
class StressTheatre:
    """Where the built theatre lives, and the environment that serves it."""

    root: Path
    theatre_dir: Path
    data_dir: Path
    size: StressSize
    seconds: float

    @property
    def env(self) -> dict[str, str]:
        return {"FRONTLINE_DATA_DIR": str(self.data_dir),
                "FRONTLINE_THEATRE": str(self.theatre_dir), "FRONTLINE_BOUNDARIES": ""}


def build_stress(root: Path, smoke: bool = False) -> StressTheatre:
    """Write the SYNTHETIC stress theatre and its built data under ``root``."""
    started = time.perf_counter()
    size = SMOKE if smoke else FULL
    theatre_dir, data_dir = root / "theatre", root / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    districts = synthetic_districts(size.districts, seed=0)
    write_theatre(theatre_dir, districts, size.days)
    pyogrio.write_dataframe(districts.drop(columns=["x"]), data_dir / BOUNDARIES_FILE,
                            driver="GPKG")
    with scoped_env({"FRONTLINE_DATA_DIR": str(data_dir),
                     "FRONTLINE_THEATRE": str(theatre_dir), "FRONTLINE_BOUNDARIES": ""}):
        _build_data(theatre_dir, data_dir, size)
    return StressTheatre(root, theatre_dir, data_dir, size,
                         round(time.perf_counter() - started, 2))


def _build_data(theatre_dir: Path, data_dir: Path, size: StressSize) -> None:
    from geodata.store import build_store, load_districts
    from geodata.theatre import load_theatre
    from timeline.control.build import build_timeline
    from timeline.store.corpus import save_extraction
    from timeline.store.timeline_files import save_timeline

    theatre = load_theatre(str(theatre_dir))
    build_store(data_dir, theatre, force=True)
    districts = load_districts(data_dir, theatre)
    extractions = template_articles(list(districts[ID]), size)
    for extraction in extractions:
        save_extraction(extraction, data_dir)
    timeline = build_timeline(theatre, districts, extractions)
    save_timeline(timeline, data_dir)


def template_articles(district_ids: list[str], size: StressSize) -> list[Extraction]:
    """``size.articles`` SYNTHETIC template articles sharing ``size.events`` events.

    The events of :func:`synthetic_extractions` (in date order) are dealt to the
    articles in runs; each article is published on its last event's day and reports a
    cumulative killed and displaced figure.
    """
    events = [ev for ex in synthetic_extractions(district_ids, size.events, size.days, seed=0)
              for ev in ex.events]
    bounds = np.linspace(0, len(events), size.articles + 1).astype(int)
    out = []
    for k in range(size.articles):
        chunk = events[bounds[k]:bounds[k + 1]]
        if not chunk:
            continue
        published = chunk[-1].date.start
        aid = f"syn-article-{k:05d}"
        killed, displaced = 50 * (k + 1), 400 * (k + 1)
        text = TEMPLATE.format(k=k, date=published.isoformat(), n=len(chunk), killed=killed,
                               displaced=displaced)
        article = Article(id=aid, path="", title=f"(synthetic) article {k}",
                          source="Synthetic Wire", published=published, text=text)
        prov = Provenance(aid, "Synthetic Wire", published, text, (0, len(text)))
        moved = tuple(replace(ev, id=f"{aid}:e{i}", provenance=replace(
            ev.provenance, article_id=aid, source="Synthetic Wire", published=published))
            for i, ev in enumerate(chunk))
        figures = (
            Figure(f"{aid}:f0", "killed", float(killed), "about", "militants", "officials",
                   prov, as_of=PartialDate(published), since=PartialDate(START)),
            Figure(f"{aid}:f1", "displaced", float(displaced), "about", "residents",
                   "officials", prov, as_of=PartialDate(published), since=PartialDate(START)),
        )
        out.append(Extraction(article=article, events=moved, figures=figures))
    return out


def write_theatre(folder: Path, districts: gpd.GeoDataFrame, days: int) -> None:
    """A theatre folder (theatre.yaml + CSVs) for the SYNTHETIC districts."""
    folder.mkdir(parents=True, exist_ok=True)
    end = START + dt.timedelta(days=days - 1)
    # Mosul's sides with their actor names: the template articles read like Mosul's.
    mosul = yaml.safe_load((THEATRES_DIR / "mosul" / "theatre.yaml").read_text("utf-8"))
    sides = yaml.safe_dump(
        {"sides": {k: {**v, "label": f"{k.title()} (synthetic)", "color": COLOURS[k]}
                   for k, v in mosul["sides"].items()},
         "advancing": mosul["advancing"], "river": "tigris.csv"},
        allow_unicode=True, sort_keys=False, width=1000)
    (folder / "theatre.yaml").write_text(f"""# {LABEL}: nothing here is real.
name: stress
title: "{LABEL}"
city: Synthetic
crs: "EPSG:32638"
{sides}initial:
  side: isis
  since: "{START.isoformat()}"
  evidence: "(synthetic) initial state"
battle:
  start: "{START.isoformat()}"
  end: "{end.isoformat()}"
map:
  center: {{lat: {(SOUTH + NORTH) / 2:.4f}, lon: {(WEST + EAST) / 2:.4f}}}
  zoom: 11.2
banks: [west, east]
city_area: syn-city
""", encoding="utf-8")
    points = districts.geometry.representative_point()
    rows = [{"id": "syn-city", "kind": "area", "name": "Synthetic city"},
            {"id": "syn-west", "kind": "area", "parent": "syn-city", "name": "West bank",
             "bank": "west"},
            {"id": "syn-east", "kind": "area", "parent": "syn-city", "name": "East bank",
             "bank": "east"},
            # one landmark: the store's landmarks layer cannot be empty (geodata/store.py)
            {"id": "syn-citadel", "kind": "landmark", "name": "Synthetic citadel",
             "lat": f"{points.iloc[0].y:.5f}", "lon": f"{points.iloc[0].x:.5f}",
             "bank": districts[BANK].iloc[0], "confidence": "synthetic", "source": "SYNTHETIC"}]
    rows += [{"id": i, "kind": "district", "parent": f"syn-{b}", "name": n,
              "lat": f"{p.y:.5f}", "lon": f"{p.x:.5f}", "bank": b, "uncertainty_km": "0",
              "confidence": "synthetic", "source": "SYNTHETIC"}
             for i, n, b, p in zip(districts[ID], districts["name"], districts[BANK], points,
                                   strict=True)]
    _write_csv(folder / "places.csv", ["id", "kind", "parent", "name", "name_ar", "variants",
                                       "lat", "lon", "bank", "uncertainty_km", "confidence",
                                       "source", "note", "glosses"], rows)
    river = [{"seq": k, "lat": f"{lat:.5f}", "lon": f"{lon:.5f}"}
             for k, (lon, lat) in enumerate(synthetic_river().coords, start=1)]
    _write_csv(folder / "tigris.csv", ["seq", "lat", "lon"], river)
    ring = [(NORTH, WEST), (NORTH, EAST), (SOUTH, EAST), (SOUTH, WEST), (NORTH, WEST)]
    _write_csv(folder / "outline.csv", ["seq", "lat", "lon"],
               [{"seq": k, "lat": lat, "lon": lon} for k, (lat, lon) in enumerate(ring, 1)])
    mid = (SOUTH + NORTH) / 2
    river_line = synthetic_river()
    from shapely.geometry import LineString

    cross = river_line.intersection(LineString([(WEST, mid), (EAST, mid)]))
    _write_csv(folder / "bridges.csv", ["name", "name_ar", "lat", "lon", "connects",
                                        "confidence", "note"],
               [{"name": "Synthetic bridge", "lat": f"{cross.y:.5f}", "lon": f"{cross.x:.5f}",
                 "connects": "west - east", "confidence": "synthetic", "note": "SYNTHETIC"}])


def _write_csv(path: Path, fields: list[str], rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    import sys
    import tempfile

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="stress-"))
    built = build_stress(out, smoke="--smoke" in sys.argv)
    print(f"{LABEL} built in {built.seconds} s; serve it with:")
    print(" ".join(f"{k}={v}" for k, v in built.env.items()) + " python -m dashboard")
