"""Decision records <-> rows of the decision log (:mod:`timeline.store.sql.schema`).

Times are kept as naive UTC (SQLite has no time zones) and come back as aware UTC; a
naive time given to the store is taken to be UTC already.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from timeline.decisions import (
    Annotation,
    ClaimDecision,
    Decided,
    NameDecision,
    NewPlace,
    Override,
    SourceGrade,
)
from timeline.ids import normalise
from timeline.store.sql.schema import (
    ACTION_SET,
    SCOPE_ANNOTATION,
    SCOPE_CLAIM,
    SCOPE_GRADE,
    SCOPE_NAME,
    SCOPE_OVERRIDE,
    SCOPE_PLACE,
    AnnotationRow,
    ClaimDecisionRow,
    DecisionRow,
    NameDecisionRow,
    NewPlaceRow,
    OverrideRow,
    SourceGradeRow,
)

AnyDecision = ClaimDecision | NameDecision | Override | Annotation | SourceGrade | NewPlace
DetailRow = (ClaimDecisionRow | NameDecisionRow | OverrideRow | AnnotationRow | SourceGradeRow
             | NewPlaceRow)


def subject_of(decision: AnyDecision) -> tuple[str, str]:
    """(scope, subject) of a decision: what its revisions are counted on."""
    if isinstance(decision, ClaimDecision):
        return SCOPE_CLAIM, decision.claim_id
    if isinstance(decision, NameDecision):
        return SCOPE_NAME, name_subject(decision.name)
    if isinstance(decision, Override):
        return SCOPE_OVERRIDE, decision.id
    if isinstance(decision, Annotation):
        return SCOPE_ANNOTATION, decision.id
    if isinstance(decision, NewPlace):
        return SCOPE_PLACE, decision.id
    return SCOPE_GRADE, decision.outlet.strip()


def name_subject(name: str) -> str:
    """Names are one subject however they are cased or quoted ("Maamli", "maamli")."""
    return normalise(name)


def action_of(decision: AnyDecision) -> str:
    return decision.action if isinstance(decision, ClaimDecision | NameDecision) else ACTION_SET


def to_utc(at: dt.datetime) -> dt.datetime:
    """``at`` as naive UTC, as the log keeps it."""
    return at.astimezone(dt.UTC).replace(tzinfo=None) if at.tzinfo else at


def decided_of(row: DecisionRow) -> Decided:
    return Decided(row.author, row.decided_at.replace(tzinfo=dt.UTC), row.reason)


def detail_row(decision: AnyDecision, decision_id: str) -> DetailRow:
    """The detail row saying what ``decision`` decides."""
    if isinstance(decision, ClaimDecision):
        return ClaimDecisionRow(decision_id=decision_id, claim_id=decision.claim_id,
                                changes=dict(decision.changes), published=decision.published)
    if isinstance(decision, NameDecision):
        return NameDecisionRow(decision_id=decision_id, name=decision.name,
                               place_id=decision.place_id)
    if isinstance(decision, Override):
        return OverrideRow(decision_id=decision_id, override_id=decision.id,
                           district=decision.district, side=decision.side,
                           start=decision.start, end=decision.end, source=decision.source,
                           source_date=decision.source_date, note=decision.note,
                           supersedes=list(decision.supersedes))
    if isinstance(decision, Annotation):
        return AnnotationRow(decision_id=decision_id, annotation_id=decision.id,
                             place=decision.place, day=decision.day, text=decision.text,
                             source=decision.source, source_date=decision.source_date)
    if isinstance(decision, NewPlace):
        return NewPlaceRow(decision_id=decision_id, place_id=decision.id, name=decision.name,
                           lat=decision.lat, lon=decision.lon, bank=decision.bank,
                           parent=decision.parent)
    return SourceGradeRow(decision_id=decision_id, outlet=decision.outlet.strip(),
                          grade=decision.grade)


def decision_of(row: DecisionRow, detail: Any) -> AnyDecision:
    """The record a log row and its detail row stand for."""
    decided = decided_of(row)
    if isinstance(detail, ClaimDecisionRow):
        return ClaimDecision(row.id, detail.claim_id, row.action, decided,
                             dict(detail.changes or {}), detail.published)
    if isinstance(detail, NameDecisionRow):
        return NameDecision(row.id, detail.name, row.action, decided, detail.place_id)
    if isinstance(detail, OverrideRow):
        return Override(detail.override_id, detail.district, detail.side, detail.start,
                        decided, detail.end, detail.source, detail.source_date, detail.note,
                        tuple(detail.supersedes or ()))
    if isinstance(detail, AnnotationRow):
        return Annotation(detail.annotation_id, detail.place, detail.day, detail.text,
                          decided, detail.source, detail.source_date)
    if isinstance(detail, NewPlaceRow):
        return NewPlace(detail.place_id, detail.name, detail.lat, detail.lon, detail.bank,
                        detail.parent, decided)
    assert isinstance(detail, SourceGradeRow), f"decision {row.id} has no detail"
    return SourceGrade(detail.outlet, detail.grade, decided)


def detail_json(detail: Any) -> dict[str, Any]:
    """What a detail row says, for history (the detail's own columns, JSON-ready)."""
    if detail is None:
        return {}
    out: dict[str, Any] = {}
    for column in detail.__table__.columns:
        if column.name == "decision_id":
            continue
        value = getattr(detail, column.name)
        out[column.name] = value.isoformat() if isinstance(value, dt.date) else value
    return out
