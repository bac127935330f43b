"""Rule 6: percentage claims ("at least 70 percent of the western side") as inferred control.

Reported captures name few districts; commanders' percentages say much more. A
percentage is the share of the theatre's advancing side (``advancing`` in
``theatre.yaml``; Mosul: the government), or of the others when its subject names an
opposing force. When the advancing side's share of a bank by area falls short of a
claimed percentage, districts held by other forces are inferred held by the advancing
side along the direction of its advance until the share is met: each next one borders
the ground it holds, nearest first to where its offensive came from (the districts of
the bank it has held longest), never one of the places, or in a compass corner, that
the same article says are still held against it (the Old City, "the north-western
districts"). The places still held are those extraction found in the article's words and keeps
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
    adjacent: np.ndarray | None = None  # (n, n) bool: shares a border on the same bank


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


def choose_districts(claim: ShareClaim, side_today: np.ndarray, geom: DistrictGeometry,
                     sides: SideCodes, since_today: np.ndarray | None = None) -> np.ndarray:
    """Indices to infer held by the claim's side so that the bank's share reaches it.

    Candidates are the bank's districts held by other forces, less the places and compass
    corners the article says are still held against it. They are taken along the
    advance: next the candidate adjacent to the side's ground (what it holds plus what
    was taken so far) nearest to where its offensive came from, the districts of the bank
    it has held longest (``since_today``, the day each district's side began). When it
    holds nothing on the bank yet, the advance starts from the candidate farthest from
    the places still held.
    """
    on_bank = np.ones(geom.area.size, bool) if claim.bank is None else geom.bank == claim.bank
    total = geom.area[on_bank].sum()
    ours = on_bank & (side_today == claim.side)
    held = geom.area[ours].sum()
    if total <= 0 or held >= claim.share * total - 1e-12:
        return np.zeros(0, np.int64)
    candidates = on_bank & sides.held(side_today) & (side_today != claim.side)
    candidates[list(claim.anchors)] = False
    candidates &= ~_in_corners(claim.compass, geom, on_bank)
    if not candidates.any():
        return np.zeros(0, np.int64)
    origin = _origin(claim, geom, on_bank, ours, candidates, since_today)
    dist = np.sqrt((geom.x - geom.x[origin].mean()) ** 2 + (geom.y - geom.y[origin].mean()) ** 2)
    ground, left = ours.copy(), candidates.copy()
    chosen: list[int] = []
    need = claim.share * total - 1e-12
    while left.any() and held < need:
        frontier = left & _touching(ground, geom)
        pool = np.flatnonzero(frontier if frontier.any() else left)
        k = int(pool[np.argmin(dist[pool])])
        chosen.append(k)
        ground[k], left[k] = True, False
        held += geom.area[k]
    return np.asarray(chosen, dtype=np.int64)


def _origin(claim: ShareClaim, geom: DistrictGeometry, on_bank: np.ndarray, ours: np.ndarray,
            candidates: np.ndarray, since_today: np.ndarray | None) -> np.ndarray:
    """Where the advance comes from: the districts of the bank the side has held longest,
    else the candidate farthest from the places still held against it."""
    if ours.any():
        if since_today is None:
            return np.flatnonzero(ours)
        first = since_today[ours].min()
        return np.flatnonzero(ours & (since_today == first))
    idx = np.flatnonzero(candidates)
    far = _distance_from_held(claim, geom, on_bank)[idx]
    return idx[[int(np.argmax(far))]]


def _touching(ground: np.ndarray, geom: DistrictGeometry) -> np.ndarray:
    """Districts sharing a border (on the same bank) with any district of ``ground``."""
    if geom.adjacent is None:
        return np.zeros(ground.size, bool)
    return np.asarray(geom.adjacent[ground].any(axis=0))


def _in_corners(corners: tuple[str, ...], geom: DistrictGeometry,
                on_bank: np.ndarray) -> np.ndarray:
    """Districts of the bank lying in a compass corner the article says is still held
    ("the north-western districts": north of the bank's middle and west of it)."""
    out = np.zeros(geom.area.size, bool)
    if not corners or not on_bank.any():
        return out
    mx, my = geom.x[on_bank].mean(), geom.y[on_bank].mean()
    for corner in corners:
        part = on_bank.copy()
        part &= geom.y > my if "north" in corner else geom.y < my if "south" in corner else True
        part &= geom.x < mx if "west" in corner else geom.x > mx if "east" in corner else True
        out |= part
    return out


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
