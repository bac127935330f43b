"""Rule 6: percentage claims ("at least 70 percent of the western side") as inferred control.

Reported captures name few districts; commanders' percentages say much more. A
percentage is the share of the theatre's advancing side (``advancing`` in
``theatre.yaml``; Mosul: the government), or of the others when its subject names an
opposing force. When the advancing side's share of a bank by area falls short of a
claimed percentage, the districts held by other forces *farthest* from the places the
same article says are still held against it (the Old City, "the north-western
districts") are inferred held by the advancing side, farthest first, until the share is
met. The places still held are read from the article: sentences saying a place
is "ISIS held", "held by" or "surrounded in" (and compass phrases such as "the
north-western districts", taken as that corner of the bank), plus places of the article's
own ISIS-side events.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np

from geodata.gazetteer import Gazetteer
from geodata.sides import SideCodes
from geodata.theatre import Theatre
from timeline.control.claims import INFERRED, SPEC_AREA, ClaimLists, Frame
from timeline.extract.lexicon import opponents_named
from timeline.records import Extraction, Figure

HELD_RE = re.compile(
    r"\b(?:ISIS|IS|Islamic State|Daesh|militants?|jihadists?)[- ](?:held|controlled)\b"
    r"|\b(?:held|controlled) by (?:ISIS|IS|Islamic State|Daesh|the militants)\b"
    r"|\b(?:surrounded|besieged|holed up|trapped) in\b|\bstill (?:hold|control)s?\b",
    re.IGNORECASE,
)
COMPASS_RE = re.compile(
    r"\b((?:north|south)[- ]?(?:east|west)?|east|west)(?:ern)?\s+"
    r"(?:districts|neighbou?rhoods|parts|areas|quarters|outskirts)\b",
    re.IGNORECASE,
)
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class DistrictGeometry:
    """Per-district arrays aligned with the frame: area (km²), bank, metric centroid."""

    area: np.ndarray
    bank: np.ndarray
    x: np.ndarray
    y: np.ndarray


@dataclass(frozen=True)
class ShareClaim:
    """A claimed share of a bank (``None`` = the whole city) held on a day by the side
    ``holder`` (the theatre's advancing side; code ``side``)."""

    figure_id: str
    day: int
    bank: str | None
    share: float
    anchors: tuple[int, ...]
    compass: tuple[str, ...]
    holder: str
    side: int


def share_claims(frame: Frame, theatre: Theatre, extraction: Extraction,
                 lists: ClaimLists) -> list[ShareClaim]:
    """The article's territory-percentage figures, with the places it says ISIS holds."""
    figures = [f for f in extraction.figures if f.kind == "territory_percent"]
    if not figures:
        return []
    anchors, compass = still_held(frame, theatre, extraction)
    out = []
    for fig in figures:
        value = fig.value if fig.value is not None else fig.low
        date = fig.as_of.end if fig.as_of else extraction.article.published
        if value is None or date is None or not 0 <= value <= 100:
            lists.flag(fig.id, "percentage without a usable value or date: not used")
            continue
        day = frame.day(date)
        if not 0 <= day < frame.n_days or date > frame.today:
            lists.flag(fig.id, f"dated outside the timeline ({date}): not used")
            continue
        share = value / 100
        if opponents_named(fig.subject, theatre):  # "70 percent held by Daesh": the rest's
            share = 1 - share
        holder = theatre.advancing_side
        out.append(ShareClaim(fig.id, day, _bank_of(theatre, fig), share, anchors, compass,
                              holder, frame.sides.code(holder)))
    return out


def still_held(frame: Frame, theatre: Theatre,
               extraction: Extraction) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """District indices and compass corners the article reports as still held against the
    advancing side (by ISIS, in Mosul)."""
    gazetteer = Gazetteer(theatre)
    broad = {theatre.city_area} | {p.id for p in theatre.places if p.parent == theatre.city_area}
    opponents = set(frame.sides.forces) - {theatre.advancing_side}
    found: list[int] = []
    compass: list[str] = []
    for sentence in SENTENCE_RE.split(_readable(extraction)):
        if not HELD_RE.search(sentence):
            continue
        for mention in gazetteer.scan(sentence):
            if mention.id not in broad:
                found.extend(frame.members.get(mention.id, ()))
        compass.extend(m.group(1).lower().replace("-", "").replace(" ", "")
                       for m in COMPASS_RE.finditer(sentence))
    for event in extraction.events:
        if event.side in opponents and event.status == "reported" and event.kind != "attack":
            for ref in event.places:
                if ref.id and ref.id not in broad:
                    found.extend(frame.members.get(ref.id, ()))
    return tuple(dict.fromkeys(found)), tuple(dict.fromkeys(compass))


def _readable(extraction: Extraction) -> str:
    text = extraction.article.text
    for start, end in sorted(extraction.article.ignored, reverse=True):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _bank_of(theatre: Theatre, fig: Figure) -> str | None:
    places = theatre.places_by_id
    for ref in fig.places:
        place = places.get(ref.id or "")
        if place is not None and place.bank in theatre.banks and place.kind == "area":
            return place.bank
    text = f"{fig.subject} {fig.provenance.quote}".lower()
    hits = [b for b in theatre.banks if re.search(rf"\b{re.escape(b)}", text)]
    return hits[0] if len(hits) == 1 else None


def choose_districts(claim: ShareClaim, side_today: np.ndarray,
                     geom: DistrictGeometry, sides: SideCodes) -> np.ndarray:
    """Indices to infer held by the claim's side so that the bank's share reaches it.

    Candidates are the bank's districts held by other forces outside the places still
    held, farthest from those places first (from the bank's centre when none are known).
    """
    on_bank = np.ones(geom.area.size, bool) if claim.bank is None else geom.bank == claim.bank
    total = geom.area[on_bank].sum()
    held = geom.area[on_bank & (side_today == claim.side)].sum()
    if total <= 0 or held >= claim.share * total - 1e-12:
        return np.zeros(0, np.int64)
    candidates = on_bank & sides.held(side_today) & (side_today != claim.side)
    candidates[list(claim.anchors)] = False
    idx = np.flatnonzero(candidates)
    dist = _distance_from_held(claim, geom, on_bank)[idx]
    ranked = idx[np.argsort(-dist, kind="stable")]
    cumulative = held + np.cumsum(geom.area[ranked])
    enough = np.searchsorted(cumulative, claim.share * total - 1e-12) + 1
    return ranked[:enough]


def _distance_from_held(claim: ShareClaim, geom: DistrictGeometry,
                        on_bank: np.ndarray) -> np.ndarray:
    xs = list(geom.x[list(claim.anchors)])
    ys = list(geom.y[list(claim.anchors)])
    bx, by = geom.x[on_bank], geom.y[on_bank]
    for corner in claim.compass:
        xs.append(bx.min() if "west" in corner else bx.max() if "east" in corner else bx.mean())
        ys.append(by.max() if "north" in corner else by.min() if "south" in corner else by.mean())
    if not xs:
        xs, ys = [bx.mean()], [by.mean()]
    dx = geom.x[:, None] - np.asarray(xs)[None, :]
    dy = geom.y[:, None] - np.asarray(ys)[None, :]
    return np.sqrt(dx**2 + dy**2).min(axis=1)


def add_inferred(claim: ShareClaim, chosen: np.ndarray, lists: ClaimLists, start: dt.date) -> None:
    """Record the inferred districts as set claims citing the figure."""
    if chosen.size == 0:
        return
    where = claim.bank or "the city"
    lists.flag(claim.figure_id, f"inferred {claim.holder} control of {chosen.size} districts to "
                                f"reach {claim.share:.0%} of {where} on "
                                f"{start + dt.timedelta(days=claim.day)}")
    cause = lists.cause(claim.figure_id)
    lists.add_set([int(i) for i in chosen], claim.day, claim.side, INFERRED, SPEC_AREA, cause)
