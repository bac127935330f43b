"""Building a :class:`~timeline.control.model.ControlTimeline` from extractions.

The orchestration of the rules documented in :mod:`timeline.control.model`: frame the days
and districts, turn events into claims, infer from percentages, run the vectorised
rules, attach evidence, then the derived series. Also the "as known on" replay, built
once per timeline: day d of it is the timeline computed from what was known on d (the rule
of :mod:`timeline.known`).

The rules' numbers (:class:`ControlRules`) are passed in, never read from the
environment here: a build and every replay inside it use the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat

import geopandas as gpd
import numpy as np

from frontline.settings import Settings
from geodata.districts import AREA_KM2, BANK, ID
from geodata.districts import members as place_members
from geodata.theatre import Theatre
from timeline.control.claims import INFERRED, SPEC_AREA, ClaimLists, Frame, collect, effective_day
from timeline.control.credibility import CANNOT_JUDGE, Corroboration, demote_unreliable, grade_for
from timeline.control.inference import (
    DistrictGeometry,
    add_inferred,
    choose_districts,
    share_claims,
)
from timeline.control.lazy import Deferred, LazyValues
from timeline.control.model import ControlTimeline, Evidence
from timeline.control.overrides import apply_overrides, in_force
from timeline.control.plausibility import review_claims
from timeline.control.rules import compute_state
from timeline.control.series import add_series, changes_of
from timeline.decisions import Decisions, applies_from
from timeline.duplicates import article_texts
from timeline.known import knowledge_dates, known_extractions
from timeline.records import Event, Extraction, Figure

INITIAL_ID = "initial"


@dataclass(frozen=True)
class ControlRules:
    """The tunable numbers of the control rules (see :mod:`timeline.control.model`).

    Attributes
    ----------
    contested_days
        Days a district stays contested after fighting is reported in it (rule 5).
    assumed_after_days
        Days without new evidence after which a state is only ``assumed`` (rule 8).
    plausible_flips
        Most districts one source may flip against the evidence on its own (rule 9).
    """

    contested_days: int
    assumed_after_days: int
    plausible_flips: int = 5

    @classmethod
    def from_settings(cls, settings: Settings) -> ControlRules:
        return cls(settings.contested_days, settings.assumed_after_days,
                   settings.plausible_flips)


def rules_or_configured(rules: ControlRules | None) -> ControlRules:
    """``rules``, else the configured ones: for callers that pass none (scripts, tests)."""
    return rules if rules is not None else ControlRules.from_settings(Settings.from_env())


def last_day(theatre: Theatre, extractions: Sequence[Extraction], end: dt.date | None,
             today: dt.date) -> dt.date:
    """The timeline's last day: ``end``, else the battle's end or the latest evidence,
    never after today."""
    if end is not None:
        return min(end, today)
    dates = [effective_day(e.date) for x in extractions for e in x.events]
    dates += [f.as_of.end for x in extractions for f in x.figures if f.as_of]
    latest = max([d for d in dates if d <= today], default=theatre.battle_end)
    return min(max(theatre.battle_end, latest), today)


def make_frame(theatre: Theatre, districts: gpd.GeoDataFrame, last: dt.date,
               today: dt.date, contested_days: int) -> Frame:
    """Days from the theatre's initial date to ``last``; every place's district indices."""
    ids = tuple(str(i) for i in districts[ID])
    index = {d: i for i, d in enumerate(ids)}
    members: dict[str, tuple[int, ...]] = {d: (i,) for d, i in index.items()}
    kinds = {p.id: p.kind for p in theatre.places}
    kinds.update(dict.fromkeys(ids, "district"))
    for place in theatre.places:
        if place.id in index:
            continue
        # One rule for what a place stands for (a landmark: the district holding its
        # point), shared with the map: geodata.districts.members.
        found = place_members(theatre, place.id, ids, districts)
        members[place.id] = tuple(index[d] for d in found)
    n_days = (last - theatre.initial_since).days + 1
    broad = frozenset({theatre.city_area} | {p.id for p in theatre.places
                                             if p.kind == "area" and p.parent == theatre.city_area})
    return Frame(theatre.initial_since, max(n_days, 1), ids, kinds, members,
                 contested_days, today, theatre.side_codes, broad,
                 theatre.side_codes.code(theatre.advancing_side),
                 (theatre.battle_start, theatre.battle_end))


def geometry_of(districts: gpd.GeoDataFrame, theatre: Theatre) -> DistrictGeometry:
    """Areas, banks, metric centroids and same-bank borders (the advance of rule 6 goes
    from district to neighbouring district, never across the river)."""
    from geodata.context import river_line
    from geodata.front import adjacency_of

    centroids = districts.to_crs(theatre.crs).geometry.centroid
    try:
        river = river_line(theatre)
    except (OSError, ValueError):
        river = None
    adjacency = adjacency_of(districts, river, theatre.crs)
    n = len(districts)
    adjacent = np.zeros((n, n), bool)
    land = ~np.asarray(adjacency.across_river, bool)
    adjacent[adjacency.i[land], adjacency.j[land]] = True
    adjacent[adjacency.j[land], adjacency.i[land]] = True
    return DistrictGeometry(
        area=districts[AREA_KM2].to_numpy(dtype=float),
        bank=districts[BANK].astype(str).to_numpy(),
        x=centroids.x.to_numpy(), y=centroids.y.to_numpy(), adjacent=adjacent,
    )


def build_timeline(theatre: Theatre, districts: gpd.GeoDataFrame,
                   extractions: Sequence[Extraction], *, known_on: dt.date | None = None,
                   end: dt.date | None = None, series: bool = True,
                   rules: ControlRules | None = None,
                   decisions: Decisions = Decisions()) -> ControlTimeline:
    """Compute the control timeline (the rules are documented in
    :mod:`timeline.control.model`; their numbers are ``rules``, by default the
    configured ones). ``decisions``: the analysts' overrides (applied last,
    :mod:`timeline.control.overrides`), source grades (an E-graded outlet contests at
    most, :mod:`timeline.control.credibility`) and annotations (carried for readers)."""
    rules = rules_or_configured(rules)
    today = dt.date.today()
    used = known_extractions(extractions, known_on)
    frame = make_frame(theatre, districts, last_day(theatre, used, end, today), today,
                       rules.contested_days)
    lists = ClaimLists(order=-1)
    initial = theatre.side_codes.code(theatre.initial_side)
    lists.add_set(list(range(len(frame.district_ids))), 0, initial, INFERRED, SPEC_AREA,
                  lists.cause(INITIAL_ID))
    events = demote_unreliable([e for x in sorted(used, key=_published) for e in x.events],
                               decisions, lists)
    collect(frame, events, lists)
    texts = article_texts(used)
    review_claims(frame, lists, {e.id: e for e in events}, texts,
                  districts[BANK].astype(str).to_numpy(), rules.plausible_flips,
                  rules.contested_days)
    lists.order = len(events)  # inferences come after every event of their day
    _infer_percentages(frame, theatre, districts, used, lists)
    claims = lists.freeze()
    n_d = len(frame.district_ids)
    state, conflicting = compute_state(claims, n_d, frame.n_days,
                                       rules.assumed_after_days, claims.causes,
                                       frame.sides)
    for cause in conflicting:
        for eid in claims.causes[cause]:
            lists.flag(eid, "contradiction: another source names a different side that day")
    applied = apply_overrides(state, claims, frame, in_force(decisions.overrides, known_on),
                              lists)
    judged = Judged(decisions, Corroboration(frame, events, texts, lists.reviews,
                                             rules.contested_days))
    tl = ControlTimeline(
        start=frame.start, district_ids=frame.district_ids, side=state.side, basis=state.basis,
        since=state.since, changes={},
        evidence=evidence_of(theatre, used, lists, applied.evidence, judged),
        known_on=known_on, base_cause=state.base_cause, causes=claims.causes,
        side_codes=frame.sides.names, decisions=decisions,
        overlays={"ov_d": claims.ov_d, "ov_start": claims.ov_start, "ov_end": claims.ov_end,
                  "ov_actor": claims.ov_actor, "ov_cause": claims.ov_cause},
    )
    tl.changes = Deferred(lambda: changes_of(tl))
    if series:
        add_series(tl, theatre, districts)
    return tl


def _published(x: Extraction) -> dt.date:
    return x.article.published or dt.date.min


def _infer_percentages(frame: Frame, theatre: Theatre, districts: gpd.GeoDataFrame,
                       used: Sequence[Extraction], lists: ClaimLists) -> None:
    """Rule 6, one claim at a time in date order, each on the state the previous left."""
    claims = sorted((c for x in used for c in share_claims(frame, theatre, x, lists)),
                    key=lambda c: c.day)
    if not claims:
        return
    geom = geometry_of(districts, theatre)
    for claim in claims:
        current = lists.freeze()
        state, _ = compute_state(current, len(frame.district_ids), frame.n_days, 10**9,
                                 list(current.causes), frame.sides)
        chosen = choose_districts(claim, state.side[:, claim.day], geom, frame.sides,
                                  state.since[:, claim.day])
        add_inferred(claim, chosen, lists, frame.start)


@dataclass(frozen=True)
class Judged:
    """How evidence is graded: the outlets' grades and each claim's corroboration."""

    decisions: Decisions
    corroboration: Corroboration | None = None

    def grading(self, item: Event | Figure) -> tuple[str, int]:
        grade = grade_for(self.decisions, item.provenance.source)
        if isinstance(item, Event) and self.corroboration is not None:
            return grade, self.corroboration.credibility(item)
        return grade, CANNOT_JUDGE


def evidence_of(theatre: Theatre, used: Sequence[Extraction], lists: ClaimLists,
                extra: Mapping[str, Evidence] | None = None,
                judged: Judged | None = None) -> Mapping[str, Evidence]:
    """Evidence for the initial state, every event and every share figure (made lazily),
    and ``extra`` (the analysts' overrides); ``judged`` grades each claim."""
    initial = Evidence(INITIAL_ID, theatre.initial_evidence, f"theatre {theatre.name}",
                       theatre.initial_since.isoformat(), basis="theatre reference",
                       flags=tuple(lists.flags.get(INITIAL_ID, ())))
    source: dict[str, tuple[Event | Figure | Evidence, str]] = {INITIAL_ID: (initial, "")}
    source.update((k, (ev, "")) for k, ev in (extra or {}).items())
    for x in used:
        published = x.article.published.isoformat() if x.article.published else ""
        items: list[Event | Figure] = [*x.events]
        items += [f for f in x.figures if f.kind == "territory_percent"]
        source.update(zip([i.id for i in items], zip(items, repeat(published)), strict=True))

    def make(entry: tuple[Event | Figure | Evidence, str]) -> Evidence:
        item, published = entry
        if isinstance(item, Evidence):
            return item
        p = item.provenance
        date = item.date.iso() if isinstance(item, Event) else (
            item.as_of.iso() if item.as_of else published)
        flags = (*item.flags, *lists.flags.get(item.id, ()))
        grade, credibility = judged.grading(item) if judged is not None else ("", 0)
        return Evidence(item.id, p.excerpt(item.note), p.source, date, p.article_id, p.basis,
                        flags, published, lists.reviews.get(item.id), grade=grade,
                        credibility=credibility)

    return LazyValues(source, make)


@dataclass
class KnownReplay:
    """The "as known on" replay: per (district, day) the state on that day as computed
    from what was known by then (the rule of :mod:`timeline.known`; see
    :func:`replay_known`)."""

    side: np.ndarray
    basis: np.ndarray
    since: np.ndarray
    cause: np.ndarray
    causes: list[tuple[str, ...]] = field(default_factory=list)


def known_on_replay(theatre: Theatre, districts: gpd.GeoDataFrame,
                    extractions: Sequence[Extraction], *, end: dt.date | None = None,
                    rules: ControlRules | None = None,
                    decisions: Decisions = Decisions()) -> tuple[np.ndarray, np.ndarray]:
    """``side_known`` and ``basis_known``: day d as computed from what was known on d
    (the side and basis of :func:`replay_known`)."""
    r = replay_known(theatre, districts, extractions, end=end, rules=rules, decisions=decisions)
    return r.side, r.basis


@dataclass(frozen=True)
class Reuse:
    """An earlier replay whose days are still right before ``since``: what changed since
    it was computed (a decision on a claim, a grade, an override) is first known on
    ``since``, so no day's "as known on" state before it can differ."""

    replay: KnownReplay
    start: dt.date
    since: dt.date


def replay_known(theatre: Theatre, districts: gpd.GeoDataFrame,
                 extractions: Sequence[Extraction], *, end: dt.date | None = None,
                 rules: ControlRules | None = None,
                 decisions: Decisions = Decisions(),
                 reuse: Reuse | None = None) -> KnownReplay:
    """Day d shows the state computed from what was known on d: one timeline per day on
    which that changes (:func:`timeline.known.knowledge_dates`, and the source dates of
    the analysts' overrides), stitched along the days. Besides side and basis, each cell
    keeps the day its side began and the evidence behind it, as known then.

    With ``reuse`` (of the same days and districts) only the knowledge days whose span
    reaches ``reuse.since`` are computed again; the earlier days are copied, which is
    what makes an analyst's decision show at once (:mod:`timeline.republish`)."""
    rules = rules_or_configured(rules)
    today = dt.date.today()
    last = last_day(theatre, extractions, end, today)
    # Before the first thing known nothing is: no report and no override (``known_on``
    # before every source date).
    base = build_timeline(theatre, districts, [], end=last, series=False, rules=rules,
                          decisions=decisions, known_on=dt.date.min)
    intern: dict[tuple[str, ...], int] = {}
    old = reuse.replay if reuse is not None else None
    if old is not None and reuse is not None and reuse.start == base.start and \
            old.side.shape == base.side.shape:
        side, basis = old.side.copy(), old.basis.copy()
        since = old.since.astype(np.int32, copy=True)
        intern.update({c: i for i, c in enumerate(old.causes)})
        cause = old.cause.copy()
        redo_from = (reuse.since - base.start).days
    else:
        side, basis = base.side.copy(), base.basis.copy()
        since = base.since.astype(np.int32, copy=True)
        cause = _cell_causes(base, 0, base.n_days, intern)
        redo_from = -base.n_days
    dates = sorted(set(knowledge_dates(extractions)) | {
        d for o in decisions.overrides if (d := applies_from(o)) is not None})
    for k, pub in enumerate(dates):
        first = max((pub - base.start).days, 0)
        stop = (dates[k + 1] - base.start).days if k + 1 < len(dates) else base.n_days
        if first >= base.n_days or stop <= 0 or stop <= first or stop <= redo_from:
            continue
        tl = build_timeline(theatre, districts, extractions, known_on=pub, end=last, series=False,
                            rules=rules, decisions=decisions)
        side[:, first:stop] = tl.side[:, first:stop]
        basis[:, first:stop] = tl.basis[:, first:stop]
        since[:, first:stop] = tl.since[:, first:stop]
        cause[:, first:stop] = _cell_causes(tl, first, stop, intern)
    return KnownReplay(side, basis, since, cause, list(intern))


def _cell_causes(tl: ControlTimeline, first: int, stop: int,
                 intern: dict[tuple[str, ...], int]) -> np.ndarray:
    """Per cell of days ``first:stop``, the index in ``intern`` of the evidence ids behind
    it, exactly as :meth:`ControlTimeline.evidence_at` lists them (contesting windows open
    that day, then the last set), without building one tuple per cell."""
    def index(ids: Sequence[str]) -> int:
        key = tuple(e for e in dict.fromkeys(ids) if e in tl.evidence)
        return intern.setdefault(key, len(intern))

    n_d = len(tl.district_ids)
    if tl.base_cause is None:
        base = np.full((n_d, stop - first), -1, dtype=np.int64)
    else:
        base = tl.base_cause[:, first:stop].astype(np.int64)
    lut = np.array([index(c) for c in tl.causes] + [index(())], dtype=np.int32)
    out = lut[base]  # -1 (no cause) picks the last entry: no evidence
    ov = tl.overlays
    if not ov or not ov["ov_d"].size:
        return out
    contested = tl.side[:, first:stop] == tl.sides.contested
    lo = np.maximum(ov["ov_start"], first)
    hi = np.minimum(ov["ov_end"], stop)
    extra: dict[tuple[int, int], list[str]] = {}
    for k in np.flatnonzero(hi > lo).tolist():
        d = int(ov["ov_d"][k])
        cited = tl.causes[int(ov["ov_cause"][k])]
        for day in np.flatnonzero(contested[d, int(lo[k]) - first:int(hi[k]) - first]).tolist():
            extra.setdefault((d, day + int(lo[k]) - first), []).extend(cited)
    for (d, col), ids in extra.items():
        b = int(base[d, col])
        out[d, col] = index([*ids, *(tl.causes[b] if b >= 0 else ())])
    return out


def add_known_replay(tl: ControlTimeline, theatre: Theatre, districts: gpd.GeoDataFrame,
                     extractions: Sequence[Extraction],
                     rules: ControlRules | None = None,
                     decisions: Decisions = Decisions(), reuse: Reuse | None = None) -> None:
    """Fill the "as known on" replay of ``tl`` over its days: ``side_known``,
    ``basis_known``, ``since_known`` (the day the state began, as known then) and
    ``cause_known`` (per cell, an index into ``causes_known``: the evidence ids of the state
    as known then, contesting evidence first, as :meth:`ControlTimeline.evidence_at`)."""
    r = replay_known(theatre, districts, extractions, end=tl.end, rules=rules,
                     decisions=decisions, reuse=reuse)
    tl.side_known, tl.basis_known, tl.since_known = r.side, r.basis, r.since
    tl.cause_known, tl.causes_known = r.cause, r.causes


def timeline_with_replay(theatre: Theatre, districts: gpd.GeoDataFrame,
                         extractions: Sequence[Extraction],
                         rules: ControlRules | None = None,
                         decisions: Decisions = Decisions(),
                         reuse: Reuse | None = None) -> ControlTimeline:
    """The timeline as readers need it: the rules, the "as known on" replay, then the
    series over both (one front per distinct state of either), all with one ``rules``
    and one set of analysts' ``decisions`` (``reuse``: see :func:`replay_known`)."""
    tl = build_timeline(theatre, districts, extractions, series=False, rules=rules,
                        decisions=decisions)
    add_known_replay(tl, theatre, districts, extractions, rules, decisions, reuse)
    add_series(tl, theatre, districts)
    return tl


def needs_known_replay(tl: ControlTimeline) -> bool:
    """Whether ``tl`` lacks its "as known on" replay or the replay's fronts (what
    :func:`ensure_known_replay` adds)."""
    return not (tl.has_known_replay and (tl.front_index_known is not None or not tl.fronts))


def ensure_known_replay(tl: ControlTimeline, theatre: Theatre, districts: gpd.GeoDataFrame,
                        extractions: Sequence[Extraction],
                        rules: ControlRules | None = None) -> None:
    """Give ``tl`` its "as known on" replay and the replay's fronts, unless it holds them.

    ``python -m timeline build`` stores the replay; a timeline computed on the fly, or
    stored by an older build without the replay's details, gets it here, once for all its
    days, so that no reader rebuilds a timeline per date.
    """
    if not needs_known_replay(tl):
        return
    add_known_replay(tl, theatre, districts, extractions, rules, tl.decisions)
    add_series(tl, theatre, districts)
