"""SYNTHETIC test data for the dashboard's unit tests (not real reporting).

A hand-made control timeline over the real Mosul districts, and one hand-written
article's events and figures. The quote deliberately holds HTML, to prove it is escaped.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from geodata.theatre import Theatre
from timeline.control.model import ControlTimeline, Evidence
from timeline.records import (
    Article,
    Event,
    Extraction,
    Figure,
    PartialDate,
    PlaceRef,
    Provenance,
)

START = dt.date(2016, 10, 1)
N_DAYS = 320
CAPTURE = dt.date(2017, 5, 10)
XSS = "<img src=x onerror=alert(1)>"
QUOTE = f"SYNTHETIC: forces took over al-Maamel {XSS} and raised flags."
GOV, ISIS, CONTESTED = 0, 1, 2
REPORTED, INFERRED, ASSUMED = 0, 1, 2


def synthetic_timeline(district_ids: tuple[str, ...]) -> ControlTimeline:
    """ISIS everywhere (assumed) until al-Maamel is reported taken on 2017-05-10; as known
    on each day, ISIS everywhere since the timeline's start, citing the initial state."""
    n = len(district_ids)
    side = np.full((n, N_DAYS), ISIS, dtype=np.int8)
    basis = np.full((n, N_DAYS), ASSUMED, dtype=np.int8)
    since = np.zeros((n, N_DAYS), dtype=np.int32)
    cause = np.zeros((n, N_DAYS), dtype=np.int32)
    row = district_ids.index("al-maamel")
    day = (CAPTURE - START).days
    side[row, day:] = GOV
    basis[row, day:] = REPORTED
    since[row, day:] = day
    cause[row, day:] = 1
    front_index = np.zeros(N_DAYS, dtype=np.int32)
    front_index[day:] = 1
    share = np.zeros((4, N_DAYS))
    share[1] = 1.0
    share[0, day:] = 0.1
    share[1, day:] = 0.9
    evidence = {
        "initial": Evidence("initial", "SYNTHETIC: ISIS holds the city.", "theatre", "2014-06-10"),
        "ev1": Evidence("ev1", QUOTE, "Synthetic News", "2017-05-10"),
    }
    return ControlTimeline(
        start=START, district_ids=district_ids, side=side, basis=basis, since=since,
        changes={}, evidence=evidence, share={"west": share},
        base_cause=cause, causes=[("initial",), ("ev1",)], front_index=front_index,
        fronts=[None, {"type": "LineString", "coordinates": [[43.1, 36.3], [43.123456789, 36.4]]}],
        side_known=np.full((n, N_DAYS), ISIS, dtype=np.int8),
        basis_known=np.full((n, N_DAYS), ASSUMED, dtype=np.int8),
        since_known=np.zeros((n, N_DAYS), dtype=np.int32),
        cause_known=np.zeros((n, N_DAYS), dtype=np.int32),
        causes_known=[("initial",)],
    )


def _prov(quote: str, published: dt.date) -> Provenance:
    return Provenance(article_id="synthetic-1", source="Synthetic News", published=published,
                      quote=quote, span=(0, len(quote)))


def synthetic_extractions(theatre: Theatre) -> list[Extraction]:
    """One article: a capture of al-Maamel, an arrest in an area, three figures."""
    published = dt.date(2017, 5, 10)
    article = Article(id="synthetic-1", path="synthetic.md", title="SYNTHETIC",
                      source="Synthetic News", published=published, text=QUOTE)
    capture = Event(id="e1", kind="capture", date=PartialDate(CAPTURE), actor="CTS",
                    places=(PlaceRef("al-maamel", "al-Maamel"),), side="government",
                    status="reported", provenance=_prov(QUOTE, published))
    area = Event(id="e2", kind="declaration", date=PartialDate(dt.date(2017, 1, 1), "month"),
                 actor="army", places=(PlaceRef("east-mosul", "eastern Mosul"),),
                 side="government", status="reported",
                 provenance=_prov("SYNTHETIC: eastern Mosul retaken in January.", published))
    killed = Figure(id="f1", kind="killed", value=3320, qualifier="exact",
                    subject="ISIS terrorists", claimant="Interior Ministry",
                    as_of=PartialDate(dt.date(2017, 5, 8)),
                    provenance=_prov("SYNTHETIC k", published))
    civ = Figure(id="f2", kind="killed", value=None, qualifier="vague", low=2000, high=9000,
                 subject="civilians", claimant="aid groups", as_of=PartialDate(CAPTURE, "month"),
                 provenance=_prov("SYNTHETIC c", published))
    share = Figure(id="f3", kind="territory_percent", value=70, qualifier="at_least",
                   subject="western Mosul", claimant="Iraqi commanders",
                   provenance=_prov("SYNTHETIC s", published))
    return [Extraction(article=article, events=(capture, area), figures=(killed, civ, share))]
