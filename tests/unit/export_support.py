"""SYNTHETIC export fixtures shared by the export tests (not real battle data).

A context on the real Mosul theatre and district polygons, with a made-up control
timeline (east bank government, west bank ISIS, one contested district, a west-bank
change on day 200) and one made-up article with one event and one figure. Also the
pixel test used on rendered PNGs: does the map area hold a side's colour?
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
from shapely.geometry import mapping

from exports.context import ExportContext
from geodata.context import river_line
from geodata.districts import build_districts
from geodata.theatre import Theatre, load_theatre
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
from viewmodel.figures import BASIS_TINT, tint
from viewmodel.page_data import build_page_data

SYNTH_SOURCE = "SYNTHETIC test wire"
SYNTH_DATE = dt.date(2017, 5, 11)
CHANGE_DAY = 200


def synthetic_extraction() -> Extraction:
    published = dt.date(2017, 5, 10)
    article = Article(id="synthetic-1", path="synthetic.md", title="SYNTHETIC report",
                      source=SYNTH_SOURCE, published=published, text="(synthetic)")
    quote = "SYNTHETIC: forces took over al-Maamel on Wednesday."
    prov = Provenance("synthetic-1", SYNTH_SOURCE, published, quote, (0, len(quote)))
    event = Event(id="ev-1", kind="capture", date=PartialDate(published),
                  places=(PlaceRef("al-maamel", "al-Maamel"),), actor="CTS", side="government",
                  status="reported", provenance=prov)
    fquote = "SYNTHETIC: 3320 militants killed since February."
    fprov = Provenance("synthetic-1", SYNTH_SOURCE, published, fquote, (0, len(fquote)))
    figure = Figure(id="fig-1", kind="killed", value=3320, qualifier="exact",
                    subject="ISIS fighters", claimant="SYNTHETIC ministry", provenance=fprov,
                    as_of=PartialDate(dt.date(2017, 5, 8)))
    return Extraction(article=article, events=(event,), figures=(figure,))


def synthetic_timeline(theatre: Theatre, ids: tuple[str, ...], banks: list[str]) -> ControlTimeline:
    start = theatre.battle_start
    n_days = (theatre.battle_end - start).days + 1
    n = len(ids)
    side = np.where(np.array(banks) == "east", 0, 1).astype(np.int8)[:, None].repeat(n_days, 1)
    west = [i for i, b in enumerate(banks) if b == "west"]
    side[west[0], :] = 2
    side[west[1:4], CHANGE_DAY:] = 0
    basis = np.zeros_like(side)
    basis[west[4], :] = 1
    since = np.zeros((n, n_days), dtype=np.int32)
    since[west[1:4], CHANGE_DAY:] = CHANGE_DAY
    evidence = {"e1": Evidence("e1", "SYNTHETIC evidence quote", SYNTH_SOURCE, "2016-10-17")}
    share = np.zeros((4, n_days))
    share[0], share[1] = 0.5, 0.5
    front = mapping(river_line(theatre))
    return ControlTimeline(
        start=start, district_ids=ids, side=side, basis=basis, since=since, changes={},
        evidence=evidence, share={"city": share}, base_cause=np.zeros((n, n_days), np.int32),
        causes=[("e1",)], front_index=np.zeros(n_days, dtype=np.int32), fronts=[front],
    )


def synthetic_context() -> ExportContext:
    theatre = load_theatre("mosul")
    districts = build_districts(theatre)
    ids = tuple(str(i) for i in districts["id"])
    timeline = synthetic_timeline(theatre, ids, list(districts["bank"]))
    extractions = (synthetic_extraction(),)
    page = build_page_data(theatre, districts, timeline, list(extractions), fade_days=7)
    return ExportContext(theatre, districts, timeline, extractions, page)


KNOWN_DELAY = 9  # SYNTHETIC: the day-200 change is first reported 9 days later


def known_later_context() -> ExportContext:
    """The SYNTHETIC context with an "as known on" replay in which the day-200 change
    becomes knowable only on day 200 + KNOWN_DELAY (a capture reported late)."""
    base = synthetic_context()
    tl = base.timeline
    assert tl is not None
    side_known = tl.side.copy()
    moved = np.flatnonzero(tl.side[:, CHANGE_DAY] != tl.side[:, CHANGE_DAY - 1])
    late = slice(CHANGE_DAY, CHANGE_DAY + KNOWN_DELAY)
    side_known[moved, late] = tl.side[moved, CHANGE_DAY - 1:CHANGE_DAY]
    since_known = tl.since.copy()
    since_known[moved, late] = 0
    known = dataclasses.replace(
        tl, side_known=side_known, basis_known=tl.basis.copy(), since_known=since_known,
        cause_known=np.zeros_like(tl.base_cause), causes_known=[("e1",)],
        front_index_known=tl.front_index)
    return ExportContext(base.theatre, base.districts, known, base.extractions, base.page)


def side_pixels(rgb: np.ndarray, color: str, tolerance: int = 12) -> int:
    """Pixels of ``rgb`` (H x W x 3) showing ``color`` at any basis tint, as the map draws
    it (85 % opaque over white or over the city outline's fill)."""
    mask = np.zeros(rgb.shape[:2], dtype=bool)
    for amount in BASIS_TINT.values():
        hexa = tint(color, amount)
        c = np.array([int(hexa[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
        for bg in ((255, 255, 255), (0xF4, 0xF1, 0xEA)):
            blended = 0.85 * c + 0.15 * np.array(bg, dtype=float)
            mask |= np.abs(rgb.astype(float) - blended).max(axis=2) <= tolerance
    return int(mask.sum())
