"""The analysts' decisions a stored timeline was built with, as JSON beside it.

A timeline read back must show what the fresh one shows: the overrides (their evidence is
already in the evidence list, but the "as known on" replay, when rebuilt by a reader,
needs them), the source grades, and the annotations the page and exports draw. Claim and
name decisions act before the control build (on the extractions), so they are not kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from timeline.decisions import Annotation, Decided, Decisions, Override, SourceGrade


def decided_json(d: Decided) -> dict[str, Any]:
    return {"author": d.author, "at": d.at.isoformat(), "reason": d.reason}


def _decided(data: dict[str, Any]) -> Decided:
    return Decided(data["author"], dt.datetime.fromisoformat(data["at"]), data.get("reason", ""))


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def decisions_json(d: Decisions) -> dict[str, Any]:
    """The overrides, annotations and grades of ``d`` (empty lists when none)."""
    return {
        "overrides": [{
            "id": o.id, "district": o.district, "side": o.side, "start": o.start.isoformat(),
            "end": o.end.isoformat() if o.end else None, "source": o.source,
            "source_date": o.source_date.isoformat() if o.source_date else None,
            "note": o.note, "supersedes": list(o.supersedes),
            "decided": decided_json(o.decided)} for o in d.overrides],
        "annotations": [{
            "id": a.id, "place": a.place, "day": a.day.isoformat(), "text": a.text,
            "source": a.source,
            "source_date": a.source_date.isoformat() if a.source_date else None,
            "decided": decided_json(a.decided)} for a in d.annotations],
        "grades": [{"outlet": g.outlet, "grade": g.grade, "decided": decided_json(g.decided)}
                   for g in d.grades],
    }


def decisions_from_json(data: dict[str, Any] | None) -> Decisions:
    """Read :func:`decisions_json`; nothing (a timeline stored before) reads as none."""
    if not data:
        return Decisions()
    overrides = tuple(Override(
        id=o["id"], district=o["district"], side=o["side"],
        start=dt.date.fromisoformat(o["start"]), decided=_decided(o["decided"]),
        end=_day(o.get("end")), source=o.get("source", ""),
        source_date=_day(o.get("source_date")), note=o.get("note", ""),
        supersedes=tuple(o.get("supersedes", ()))) for o in data.get("overrides", ()))
    annotations = tuple(Annotation(
        id=a["id"], place=a["place"], day=dt.date.fromisoformat(a["day"]), text=a["text"],
        decided=_decided(a["decided"]), source=a.get("source", ""),
        source_date=_day(a.get("source_date"))) for a in data.get("annotations", ()))
    grades = tuple(SourceGrade(g["outlet"], g["grade"], _decided(g["decided"]))
                   for g in data.get("grades", ()))
    return Decisions(overrides=overrides, annotations=annotations, grades=grades)
