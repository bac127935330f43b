"""SYNTHETIC events for the control-timeline benchmark: none of this is real reporting.

:func:`synthetic_theatre` wraps :func:`bench.synthetic.synthetic_districts` in a
:class:`~geodata.theatre.Theatre` (a district place per polygon, a bank area per bank,
the city area, the river in a temporary folder); :func:`synthetic_extractions` spreads
random captures, attacks, claims and forecasts over the days, one article per day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import numpy as np

from bench.synthetic import METRIC_CRS, synthetic_river
from geodata.theatre import Place, Side, Theatre
from timeline.records import Article, Event, Extraction, PartialDate, PlaceRef, Provenance

START = dt.date(2016, 10, 17)
KINDS = ("capture", "capture", "capture", "attack", "attack", "offensive")
DECLARATION_RATE = 0.001  # bank-wide declarations are rare in real reporting
STATUSES = ("reported",) * 8 + ("claimed", "expected")
SIDES = ("government", "isis", "government", "")
COLOURS = {"government": "#0072B2", "isis": "#D55E00", "contested": "#F0E442",
           "unknown": "#BBBBBB"}


def synthetic_theatre(districts: gpd.GeoDataFrame, folder: Path, days: int) -> Theatre:
    """A SYNTHETIC theatre over ``districts`` whose timeline runs ``days`` days."""
    folder.mkdir(parents=True, exist_ok=True)
    river = districts.attrs.get("river") or synthetic_river()
    rows = [f"{k},{lat},{lon}" for k, (lon, lat) in enumerate(river.coords)]
    (folder / "tigris.csv").write_text("seq,lat,lon\n" + "\n".join(rows) + "\n",
                                       encoding="utf-8")
    points = districts.geometry.representative_point()
    places = [Place(str(i), "district", str(i), lat=p.y, lon=p.x, bank=str(b))
              for i, p, b in zip(districts["id"], points, districts["bank"], strict=True)]
    places += [Place("syn-city", "area", "Synthetic city"),
               Place("syn-west", "area", "West", bank="west", parent="syn-city"),
               Place("syn-east", "area", "East", bank="east", parent="syn-city")]
    return Theatre(
        name="synthetic", title="SYNTHETIC benchmark city", city="Synthetic", folder=folder,
        crs=METRIC_CRS, sides={k: Side(k, k, c) for k, c in COLOURS.items()},
        initial_side="isis", initial_since=START, initial_evidence="(synthetic) initial",
        battle_start=START, battle_end=START + dt.timedelta(days=days - 1),
        center=(36.33, 43.12), zoom=11.0, banks=("west", "east"), city_area="syn-city",
        places=tuple(places), river="tigris.csv",
    )


def synthetic_extractions(district_ids: list[str], n_events: int, days: int,
                          seed: int = 0) -> list[Extraction]:
    """``n_events`` SYNTHETIC events over ``days`` days, grouped into daily articles.

    Captures lean towards the government over time so the state moves like a battle.
    """
    rng = np.random.default_rng(seed)
    day = np.sort(rng.integers(0, days, n_events))
    where = rng.integers(0, len(district_ids), n_events)
    kind = rng.integers(0, len(KINDS), n_events)
    declared = rng.random(n_events) < DECLARATION_RATE
    status = rng.integers(0, len(STATUSES), n_events)
    gov = rng.random(n_events) < 0.3 + 0.5 * day / days
    side = np.where(gov, 0, rng.integers(1, len(SIDES), n_events))
    by_day: dict[int, list[Event]] = {}
    for k in range(n_events):
        d = int(day[k])
        kind_k = "declaration" if declared[k] else KINDS[kind[k]]
        place = ("syn-west", "syn-east")[k % 2] if declared[k] else district_ids[where[k]]
        date = START + dt.timedelta(days=d)
        quote = f"(synthetic) {kind_k} in {place}"
        event = Event(
            id=f"syn:{k}", kind=kind_k, date=PartialDate(date), places=(PlaceRef(place, place),),
            actor="", side=SIDES[side[k]], status=STATUSES[status[k]],
            provenance=Provenance(f"syn-{d}", "synthetic", date, quote, (0, len(quote))),
        )
        by_day.setdefault(d, []).append(event)
    out = []
    for d, events in by_day.items():
        published = START + dt.timedelta(days=d)
        article = Article(id=f"syn-{d}", path="", title="(synthetic)", source="synthetic",
                          published=published, text="")
        out.append(Extraction(article=article, events=tuple(events), figures=()))
    return out
