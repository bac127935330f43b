"""The audit view: the map as it stood in the tool at a chosen moment.

"As known on" answers what the *reports* said by a day of the battle; the audit asks
what the *tool* showed at a moment of its own history: which analysts' decisions were in
force then (the log is append-only, so it can be read as it stood,
:meth:`SqlDecisionStore.in_force` with ``as_of``) and which reports were in it.

A report added in the app records when it was added (``added_at`` in the front matter
of its kept text, :mod:`timeline.intake`): one added after the moment is left out and
named. A report ingested from files has no such record and is taken as present; the
view says so in :attr:`Audit.untimed`.

Decisions in force now whose claim or name no extraction holds (after a re-extraction)
are listed with the view (:meth:`SqlDecisionStore.orphans`), never silently dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from frontline.errors import FrontlineError
from frontline.settings import Settings
from geodata.theatre import Theatre
from timeline.control.build import ControlRules, build_timeline
from timeline.control.model import ControlTimeline
from timeline.curation import apply_decisions
from timeline.decisions import Decisions
from timeline.extract.articles import FRONT_MATTER
from timeline.new_places import with_new_places
from timeline.records import Extraction
from timeline.store.files import FileStore

if TYPE_CHECKING:
    from timeline.store.sql.store import SqlStore


@dataclass(frozen=True)
class Audit:
    """What the tool held at ``moment``, and the timeline built from it."""

    moment: dt.datetime
    decisions: Decisions
    extractions: tuple[Extraction, ...]
    timeline: ControlTimeline | None
    theatre: Theatre
    left_out: tuple[str, ...]   # reports added in the app after the moment
    untimed: int                # reports with no record of when they were added
    unapplied: tuple[str, ...]  # decisions then in force that found nothing to apply to
    orphans: tuple[str, ...]    # decisions in force now whose claim or name is gone


def added_at(extraction: Extraction) -> dt.datetime | None:
    """When a report was added in the app (None: not recorded, e.g. a seed file)."""
    path = Path(extraction.article.path) if extraction.article.path else None
    if path is None or not path.is_file():
        return None
    try:
        head = path.read_text(encoding="utf-8")[:4000]
        match = FRONT_MATTER.match(head)
        meta = yaml.safe_load(match.group(1)) if match else None
        raw = meta.get("added_at") if isinstance(meta, dict) else None
        when = raw if isinstance(raw, dt.datetime) else (
            dt.datetime.fromisoformat(str(raw)) if raw else None)
    except (OSError, ValueError, yaml.YAMLError):
        return None
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when


def audit_at(store: FileStore | SqlStore, theatre: Theatre, settings: Settings,
             moment: dt.datetime) -> Audit:
    """The tool as it stood at ``moment`` (naive: UTC), with its control timeline."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    log = store.decision_store()
    decisions = log.in_force(moment)
    kept: list[Extraction] = []
    left_out: list[str] = []
    untimed = 0
    stored = store.extractions()
    for ex in stored:
        when = added_at(ex)
        if when is None:
            untimed += 1
        if when is not None and when > moment:
            left_out.append(ex.article.title or ex.article.id)
        else:
            kept.append(ex)
    corrected, unapplied = apply_decisions(kept, decisions)
    full = with_new_places(theatre, decisions.places)
    districts = store.districts(theatre)
    timeline: ControlTimeline | None = None
    if corrected:
        try:
            # The map as it stood, not its "as known on" replay: the audit asks what
            # the tool showed, and the replay would multiply the build's cost.
            timeline = build_timeline(full, districts, corrected,
                                      rules=ControlRules.from_settings(settings),
                                      decisions=decisions)
        except FrontlineError:
            timeline = None
    orphans = tuple(o.line() for o in log.orphans(stored))
    return Audit(moment, decisions, tuple(corrected), timeline, full, tuple(left_out),
                 untimed, tuple(unapplied), orphans)
