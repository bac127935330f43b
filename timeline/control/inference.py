"""Rule 6: percentage claims ("at least 70 percent of the western side") as inferred control.

Reported captures name few districts; commanders' percentages say much more. A
percentage is the share of the theatre's advancing side (``advancing`` in
``theatre.yaml``; Mosul: the government), or of the others when its subject names an
opposing force. When the advancing side's share of a bank by area falls short of a
claimed percentage, the districts held by other forces *farthest* from the places the
same article says are still held against it (the Old City, "the north-western
districts") are inferred held by the advancing side, farthest first, until the share is
met. The places still held are those extraction found in the article's words and keeps
on the figure (:mod:`timeline.extract.control_facts`: "ISIS held", "held by",
"surrounded in", and compass corners such as "the north-western districts"), plus the
places of the article's own events on an opposing side; the bank a percentage is a
share of is kept on the figure too. No rule here reads the article's text or re-reads a
quote: the store does not keep the text, and a timeline rebuilt from the store must
equal a fresh one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from geodata.sides import SideCodes
from geodata.theatre import Theatre
from timeline.control.claims import INFERRED, SPEC_AREA, ClaimLists, Frame
from timeline.extract.lexicon import opponents_named
from timeline.records import Extraction, Figure


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
    out = []
    for fig in figures:
        anchors = still_held(frame, theatre, extraction, fig)
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
        bank = fig.bank if fig.bank in theatre.banks else None
        holder = theatre.advancing_side
        out.append(ShareClaim(fig.id, day, bank, share, anchors, fig.still_held_corners,
                              holder, frame.sides.code(holder)))
    return out


def still_held(frame: Frame, theatre: Theatre, extraction: Extraction,
               fig: Figure) -> tuple[int, ...]:
    """District indices the figure's article reports as still held against the advancing
    side (by ISIS, in Mosul): the places kept on the figure and those of the article's
    reported events on an opposing side (not attacks), leaving out the city and its
    banks, too broad to anchor anything."""
    broad = frame.broad_areas
    opponents = set(frame.sides.forces) - {theatre.advancing_side}
    refs = [*fig.still_held, *(ref for event in extraction.events
                               if event.side in opponents and event.status == "reported"
                               and event.kind != "attack" for ref in event.places)]
    found = [i for ref in refs if ref.id and ref.id not in broad
             for i in frame.members.get(ref.id, ())]
    return tuple(dict.fromkeys(found))


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
