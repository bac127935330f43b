"""Republish the store after an analyst's decision, fast enough for the open page.

A decision changes the hindsight timeline anywhere, so that is built again in full; but
it changes the "as known on" replay only from the first day the changed things were
known (:func:`changed_since`): a claim reviewed, edited or rejected from its report's
publication, a grade from the first publication of a claim of that outlet, an override
from the date of the source it cites (one citing none is hindsight only). The replay's
earlier days are copied from the timeline published before
(:class:`timeline.control.build.Reuse`), and only the knowledge days after are computed
again.

That is still seconds on Mosul when the change is early in the battle, so a decision is
published in two steps: at once, the hindsight timeline (the default view) with the
replay as it stood before the decision (:attr:`Republisher.pending` names the first day
of it that is out of date, and the page says so in "as known on" mode); then, in the
background, the replay from that day, saved as a second publication. A change that
alters no replay day (an accept that changes nothing, an override citing no source) is
published once.

:class:`Republisher` remembers the last timeline it built and the curated extractions
it was built from: that replay is right for what it was built from whatever was stored
since, so the diff against the decisions in force now says what to compute again. The
first decision after a start is a full build (as ``python -m timeline build``) unless
:meth:`Republisher.prime` ran before it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd

from frontline.settings import Settings
from geodata.theatre import Theatre
from timeline.control.build import (
    ControlRules,
    KnownReplay,
    Reuse,
    add_series,
    build_timeline,
    timeline_with_replay,
)
from timeline.control.credibility import grade_for
from timeline.control.model import ControlTimeline
from timeline.curation import claims_of
from timeline.decisions import applies_from
from timeline.known import known_from
from timeline.new_places import with_new_places
from timeline.pipeline import Curated, curated
from timeline.store.protocol import Store

NOTHING = dt.date.max  # nothing the replay reads changed


def changed_since(before: Curated, after: Curated) -> dt.date:
    """The first day whose "as known on" state the change from ``before`` to ``after``
    can alter (:data:`NOTHING` when none can)."""
    old = {c.id: c for ex in before.extractions for c in claims_of(ex)}
    new = {c.id: c for ex in after.extractions for c in claims_of(ex)}
    days = [known_from(c) for key in old.keys() | new.keys()
            for c in (old.get(key), new.get(key))
            if c is not None and old.get(key) != new.get(key)]
    b, a = before.decisions, after.decisions
    if set(b.grades) != set(a.grades):
        days += [known_from(c) for c in new.values()
                 if grade_for(b, c.provenance.source) != grade_for(a, c.provenance.source)]
    for o in set(b.overrides) ^ set(a.overrides):
        days.append(applies_from(o))
    return min((d for d in days if d is not None), default=NOTHING)


def replay_of(tl: ControlTimeline) -> KnownReplay | None:
    """The "as known on" replay a stored timeline carries (None when it has none)."""
    if tl.side_known is None or tl.basis_known is None or tl.since_known is None or \
            tl.cause_known is None:
        return None
    return KnownReplay(tl.side_known, tl.basis_known, tl.since_known, tl.cause_known,
                       list(tl.causes_known))


@dataclass(frozen=True)
class Built:
    """A timeline this process built, the curated extractions and the districts it was
    built from (what a reader would load back from the store, without loading it)."""

    timeline: ControlTimeline
    curated: Curated
    districts: gpd.GeoDataFrame


Later = Callable[[Callable[[], None]], None]  # runs a job in the background, when it likes


def in_a_thread(job: Callable[[], None]) -> None:
    """Run ``job`` in a daemon thread now: the default for the catch-up."""
    threading.Thread(target=job, name="replay-catch-up", daemon=True).start()


class Republisher:
    """Rebuild and save a store's timeline after each decision, reusing what it can."""

    def __init__(self, store: Store, theatre: Theatre, settings: Settings) -> None:
        self.store, self.theatre, self.settings = store, theatre, settings
        self._lock = threading.Lock()
        self._last: Built | None = None
        self.pending: dt.date | None = None  # the replay is out of date from this day
        self.generation = 0

    def republish(self, later: Later = in_a_thread) -> Built:
        """Build the timeline with the decisions in force and save it: at once with the
        replay reused up to what changed, the rest of the replay in the background.

        ``later`` starts the background step: the app defers it until the open page has
        received the decision, so that the catch-up (seconds of CPU) does not slow the
        page's own rebuild on a machine of few cores."""
        with self._lock:
            now = curated(self.store)
            reuse = self._reuse(now)
            districts = self.store.districts(self.theatre)
            rules = ControlRules.from_settings(self.settings)
            theatre = self._theatre(now)
            if reuse is None:
                tl = timeline_with_replay(theatre, districts, now.extractions, rules,
                                          decisions=now.decisions)
                self.pending = None
            else:
                tl = build_timeline(theatre, districts, now.extractions, series=False,
                                    rules=rules, decisions=now.decisions)
                old = reuse.replay
                tl.side_known, tl.basis_known, tl.since_known = old.side, old.basis, old.since
                tl.cause_known, tl.causes_known = old.cause, list(old.causes)
                add_series(tl, theatre, districts)
                self.pending = reuse.since if reuse.since != NOTHING else None
            self.store.save_timeline(tl)
            built = self._last = Built(tl, now, districts)
            self.generation += 1
            if self.pending is not None and reuse is not None:
                generation = self.generation
                later(lambda: self._complete(now, reuse, generation, districts))
            return built

    def busy(self) -> bool:
        """Whether a decision's timeline is being built and saved now (the store's
        version may already name the decision while the saved timeline does not)."""
        return self._lock.locked()

    def _complete(self, now: Curated, reuse: Reuse, generation: int,
                  districts: gpd.GeoDataFrame) -> None:
        """The second step: the replay from ``reuse.since``, saved unless a newer
        decision was published meanwhile (its own second step covers this one's days)."""
        if generation != self.generation:
            return  # a newer decision's own step covers these days
        tl = timeline_with_replay(self._theatre(now), districts, now.extractions,
                                  ControlRules.from_settings(self.settings),
                                  decisions=now.decisions, reuse=reuse)
        with self._lock:
            if generation != self.generation:
                return
            self.store.save_timeline(tl)
            self._last = Built(tl, now, districts)
            self.pending = None

    def prime(self) -> None:
        """Build the timeline of the decisions in force now (no save), so that the first
        decision can reuse its replay (run in the background when the app starts)."""
        with self._lock:
            if self._last is not None:
                return
            now = curated(self.store)
            districts = self.store.districts(self.theatre)
            tl = timeline_with_replay(self._theatre(now), districts, now.extractions,
                                      ControlRules.from_settings(self.settings),
                                      decisions=now.decisions)
            self._last = Built(tl, now, districts)

    def _theatre(self, now: Curated) -> Theatre:
        """The theatre with the places analysts added, as ``python -m timeline build``
        builds on (:func:`timeline.pipeline.build`)."""
        return with_new_places(self.theatre, now.decisions.places)

    def _reuse(self, now: Curated) -> Reuse | None:
        last = self._last
        if last is None:
            return None
        replay = replay_of(last.timeline)
        if replay is None:
            return None
        # A replay still being caught up is out of date from ``pending`` on as well.
        since = min(changed_since(last.curated, now), self.pending or NOTHING)
        return Reuse(replay, last.timeline.start, since)
