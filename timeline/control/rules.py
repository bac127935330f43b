"""The control rules, vectorised: claims in, district x day arrays out.

Each step is a whole-array numpy operation over ``(n_districts, n_days)``; the only
Python loops run over contradictions (rare) and over the handful of claim groups.

1. *Sets*: on each (district, day) the most specific claim wins (a named district over
   an area); two claims of the same specificity naming different sides are a
   contradiction and make the district contested, citing both. The winner holds from its
   day until the district's next set claim (forward fill).
2. *Overlays*: a window makes the district contested where the base side differs from
   the overlay's actor (fighting in a district held by any other side; an actor of no
   known force contests every holder).
3. *Expired contest*: once a contesting window closes with no capture, the district is
   back with its holder of before the fighting, basis ``assumed`` (nothing reported it
   retaken or kept: the fighting just stopped being reported), until a claim names it.
4. *Assumed*: a day more than ``assumed_after`` days after the last claim naming the
   district has basis ``assumed``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from geodata.sides import SideCodes
from timeline.control.claims import ASSUMED, INFERRED, REPORTED, Claims


@dataclass(frozen=True)
class SetGroups:
    """The winning set claim of each (district, day) that has one."""

    d: np.ndarray
    day: np.ndarray
    side: np.ndarray
    basis: np.ndarray
    cause: np.ndarray


@dataclass(frozen=True)
class StateArrays:
    """The computed state: side and basis codes, start of the current side, causes."""

    side: np.ndarray
    basis: np.ndarray
    since: np.ndarray
    base_cause: np.ndarray


def resolve_sets(claims: Claims, n_days: int, causes: list[tuple[str, ...]],
                 contested: int) -> tuple[SetGroups, list[int]]:
    """Pick one winner per (district, day); contradictions become contested with both
    causes merged (appended to ``causes``). Returns the groups and the contradicting
    claims' cause indices (for flags)."""
    seq = np.arange(claims.set_d.size)
    order = np.lexsort((seq, claims.set_order, claims.set_spec, claims.set_day, claims.set_d))
    d, day = claims.set_d[order], claims.set_day[order]
    side, basis = claims.set_side[order].copy(), claims.set_basis[order]
    spec, cause = claims.set_spec[order], claims.set_cause[order]
    key = d.astype(np.int64) * n_days + day
    last = np.r_[key[1:] != key[:-1], True] if key.size else np.zeros(0, bool)
    gid = np.cumsum(np.r_[True, key[1:] != key[:-1]]) - 1 if key.size else key
    top = spec == spec[last][gid]
    n_groups = int(last.sum())
    lo = np.full(n_groups, 99, np.int32)
    hi = np.full(n_groups, -1, np.int32)
    np.minimum.at(lo, gid[top], side[top])
    np.maximum.at(hi, gid[top], side[top])
    g_side, g_basis = side[last].copy(), basis[last].copy()
    g_cause = cause[last].copy()
    conflict = lo != hi
    rows = np.flatnonzero(conflict[gid] & top)
    merged: dict[tuple[int, ...], int] = {}
    for group in np.split(rows, np.flatnonzero(np.diff(gid[rows])) + 1) if rows.size else []:
        key = tuple(sorted(set(cause[group].tolist())))
        if key not in merged:
            causes.append(tuple(dict.fromkeys(e for c in key for e in causes[c])))
            merged[key] = len(causes) - 1
        g = gid[group[0]]
        g_side[g], g_basis[g], g_cause[g] = contested, int(basis[group].min()), merged[key]
    conflicting = sorted({c for key in merged for c in key})
    return SetGroups(d[last], day[last], g_side, g_basis, g_cause), conflicting


def fill_base(groups: SetGroups, n_d: int, n_days: int,
              unknown: int) -> tuple[np.ndarray, ...]:
    """Forward-fill the winning set claims along days: side, basis, cause and the day of
    the claim in force per cell (``unknown`` and day -1 before a district's first claim)."""
    idx = np.full((n_d, n_days), -1, np.int32)
    idx[groups.d, groups.day] = np.arange(groups.d.size, dtype=np.int32)
    pos = np.where(idx >= 0, np.arange(n_days, dtype=np.int32), 0)
    np.maximum.accumulate(pos, axis=1, out=pos)
    gi = np.take_along_axis(idx, pos, axis=1)
    valid = gi >= 0
    gi = np.where(valid, gi, 0)
    side = np.where(valid, groups.side[gi], unknown).astype(np.int8)
    basis = np.where(valid, groups.basis[gi], ASSUMED).astype(np.int8)
    cause = np.where(valid, groups.cause[gi], -1).astype(np.int32)
    set_day = np.where(valid, groups.day[gi], -1).astype(np.int32)
    return side, basis, cause, set_day


def window_active(d: np.ndarray, start: np.ndarray, end: np.ndarray,
                  n_d: int, n_days: int) -> np.ndarray:
    """Boolean (n_d, n_days): is any of the windows [start, end) open on the cell?"""
    width = n_days + 1
    start = np.clip(start, 0, n_days)
    end = np.clip(end, 0, n_days)
    flat = d.astype(np.int64) * width
    diff = np.bincount(flat + start, minlength=n_d * width) - np.bincount(
        flat + end, minlength=n_d * width
    )
    return np.cumsum(diff.reshape(n_d, width), axis=1)[:, :n_days] > 0


def apply_overlays(claims: Claims, base_side: np.ndarray, base_basis: np.ndarray,
                   sides: SideCodes) -> tuple[np.ndarray, np.ndarray]:
    """Contest the cells where an overlay's actor is not the holder (an actor of no known
    force, code ``unknown``, contests any holder); basis ``reported`` if any such overlay
    is reported (an event names the district), else ``inferred``."""
    n_d, n_days = base_side.shape
    reported = np.zeros((n_d, n_days), bool)
    inferred = np.zeros((n_d, n_days), bool)
    for actor in np.unique(claims.ov_actor).tolist():
        holder_differs = base_side != actor if actor != sides.unknown else True
        for basis_code, target in ((REPORTED, reported), (INFERRED, inferred)):
            sel = (claims.ov_actor == actor) & (claims.ov_basis == basis_code)
            if not sel.any():
                continue
            active = window_active(claims.ov_d[sel], claims.ov_start[sel], claims.ov_end[sel],
                                   n_d, n_days)
            target |= active & holder_differs
    contested = (reported | inferred) & (base_side != sides.contested)
    side = np.where(contested, np.int8(sides.contested), base_side).astype(np.int8)
    basis = np.where(contested, np.where(reported, REPORTED, INFERRED), base_basis)
    return side, basis.astype(np.int8)


def expire_contests(side: np.ndarray, base_side: np.ndarray, basis: np.ndarray,
                    set_day: np.ndarray, contested: int) -> np.ndarray:
    """Basis ``assumed`` on the cells back with their holder after a contesting window
    closed, until the next set claim (:data:`ASSUMED` in the module's rule 3)."""
    fought = (side == contested) & (base_side != contested)
    days = np.arange(side.shape[1], dtype=np.int32)
    last_fight = np.where(fought, days, -1).astype(np.int32)
    np.maximum.accumulate(last_fight, axis=1, out=last_fight)
    expired = (side != contested) & (last_fight > set_day)
    return np.where(expired, np.int8(ASSUMED), basis).astype(np.int8)


def last_claim_day(claims: Claims, n_d: int, n_days: int) -> np.ndarray:
    """Day of the latest claim naming each district, per cell (-1 before any); a day
    inside a contesting window counts as evidence of that day (fighting goes on)."""
    mark = np.full((n_d, n_days), -1, np.int32)
    ok = (claims.set_day >= 0) & (claims.set_day < n_days)
    mark[claims.set_d[ok], claims.set_day[ok]] = claims.set_day[ok]
    ongoing = window_active(claims.ov_d, claims.ov_start, claims.ov_end, n_d, n_days)
    mark = np.where(ongoing, np.arange(n_days, dtype=np.int32), mark)
    np.maximum.accumulate(mark, axis=1, out=mark)
    return mark


def apply_assumed(basis: np.ndarray, last_day: np.ndarray, after_days: int) -> np.ndarray:
    """Basis ``assumed`` where no claim has named the district for ``after_days``."""
    days = np.arange(basis.shape[1], dtype=np.int32)
    stale = (days - last_day) > after_days
    return np.where(stale, np.int8(ASSUMED), basis).astype(np.int8)


def since_of(side: np.ndarray) -> np.ndarray:
    """Day index at which each cell's current side began."""
    n_days = side.shape[1]
    changed = np.ones(side.shape, bool)
    changed[:, 1:] = side[:, 1:] != side[:, :-1]
    pos = np.where(changed, np.arange(n_days, dtype=np.int32), 0).astype(np.int32)
    np.maximum.accumulate(pos, axis=1, out=pos)
    return pos


def compute_state(claims: Claims, n_d: int, n_days: int, assumed_after: int,
                  causes: list[tuple[str, ...]],
                  sides: SideCodes) -> tuple[StateArrays, list[int]]:
    """All rules over the claims (side codes ``sides``): base sets, overlays, expired
    contests, assumed; plus contradictions."""
    groups, conflicting = resolve_sets(claims, n_days, causes, sides.contested)
    base_side, base_basis, base_cause, set_day = fill_base(groups, n_d, n_days, sides.unknown)
    side, basis = apply_overlays(claims, base_side, base_basis, sides)
    basis = expire_contests(side, base_side, basis, set_day, sides.contested)
    basis = apply_assumed(basis, last_claim_day(claims, n_d, n_days), assumed_after)
    return StateArrays(side, basis, state_since(side, base_side), base_cause), conflicting


def state_since(side: np.ndarray, base_side: np.ndarray) -> np.ndarray:
    """Day each cell's state began: a contesting window's first day while it lasts; after
    it, the underlying side's own start (fighting that took nothing does not make "ISIS
    since the day the fighting stopped")."""
    return np.where(side == base_side, since_of(base_side), since_of(side)).astype(np.int32)

