"""The decision store on SQL: record, undo, history, what is in force, and orphans.

The log is append-only (:mod:`timeline.store.sql.schema`): :meth:`record` and
:meth:`undo` each add one row (and its detail) in one transaction, so a crash
mid-save loses nothing already committed and leaves no half decision. A write may
name the revision of its subject it read (``expected_revision``); when the subject has
moved since, it is refused with a :class:`ConflictError` naming what is now in force.
Two writers racing for the same revision meet the log's unique constraint, and the
loser gets the same error.

Decisions are accepted only from active analyst accounts (:mod:`.accounts`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from frontline.errors import ConflictError, InputError, StoreError
from timeline.curation import claims_of
from timeline.decisions import (
    Annotation,
    ClaimDecision,
    Decided,
    Decisions,
    NameDecision,
    NewPlace,
    Override,
    SourceGrade,
)
from timeline.records import Extraction
from timeline.store.sql import accounts
from timeline.store.sql.engine import open_engine
from timeline.store.sql.rows import (
    AnyDecision,
    action_of,
    decided_of,
    decision_of,
    detail_json,
    detail_row,
    name_subject,
    subject_of,
    to_utc,
)
from timeline.store.sql.schema import ACTION_UNDO, DETAIL_TABLES, DecisionRow


def new_decision_id() -> str:
    """A fresh decision id (``d-`` and 12 hex digits): short enough to type in ``undo``."""
    return f"d-{uuid.uuid4().hex[:12]}"


@dataclass(frozen=True)
class Recorded:
    """Where a write landed: the row's id and the subject's new revision."""

    id: str
    scope: str
    subject: str
    revision: int


@dataclass(frozen=True)
class HistoryEntry:
    """One step of the log as history shows it."""

    id: str
    scope: str
    subject: str
    revision: int
    action: str
    decided: Decided
    retracts: str | None = None
    retracted_by: str | None = None
    in_force: bool = False
    detail: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "scope": self.scope, "subject": self.subject,
                "revision": self.revision, "action": self.action,
                "author": self.decided.author, "at": self.decided.at.isoformat(),
                "reason": self.decided.reason, "retracts": self.retracts,
                "retracted_by": self.retracted_by, "in_force": self.in_force,
                **self.detail}


@dataclass(frozen=True)
class Orphan:
    """A decision in force whose claim or name no extraction holds any more."""

    decision: ClaimDecision | NameDecision

    def line(self) -> str:
        d = self.decision
        what = f"claim {d.claim_id}" if isinstance(d, ClaimDecision) else f"name {d.name!r}"
        return (f"{d.id}: {d.action} of {what} by {d.decided.author} "
                f"({d.decided.at:%Y-%m-%d}): no extraction holds it")


class SqlDecisionStore:
    """Analyst decisions and accounts in one SQL database (SQLite by default)."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = open_engine(url)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open the decision store {url}: {_first(exc)}") from None

    def __repr__(self) -> str:
        return f"SqlDecisionStore({self.url!r})"

    # accounts

    def add_analyst(self, name: str, password: str) -> None:
        accounts.add_analyst(self.engine, name, password)

    def check_password(self, name: str, password: str) -> bool:
        return accounts.check_password(self.engine, name, password)

    def analysts(self) -> list[tuple[str, bool]]:
        return accounts.analysts(self.engine)

    # writes

    def record(self, decision: AnyDecision, expected_revision: int | None = None) -> Recorded:
        """Add ``decision`` to the log; refused when its author is no active analyst, or
        when ``expected_revision`` is given and its subject has moved since."""
        scope, subject = subject_of(decision)
        given = getattr(decision, "id", "") if isinstance(
            decision, ClaimDecision | NameDecision) else ""
        row_id = given or new_decision_id()
        return self._append(scope, subject, action_of(decision), decision.decided, row_id,
                            expected_revision, decision)

    def undo(self, decision_id: str, decided: Decided,
             expected_revision: int | None = None) -> Recorded:
        """Retract decision ``decision_id`` (an undo too: that puts its target back)."""
        with Session(self.engine) as session:
            target = session.get(DecisionRow, decision_id)
            if target is None:
                raise InputError(f"no decision {decision_id!r} (see `decisions history`)")
            scope, subject = target.scope, target.subject
            undone = _retracted(session.scalars(
                select(DecisionRow).where(DecisionRow.scope == scope,
                                          DecisionRow.subject == subject)).all())
            if decision_id in undone:
                raise InputError(f"decision {decision_id} is already undone by "
                                 f"{undone[decision_id]}")
            read = _revision(session, scope, subject)
        # Checked against the revision just read, so two analysts undoing the same
        # decision at once cannot both succeed.
        return self._append(scope, subject, ACTION_UNDO, decided, new_decision_id(),
                            read if expected_revision is None else expected_revision, None,
                            retracts=decision_id)

    def _append(self, scope: str, subject: str, action: str, decided: Decided, row_id: str,
                expected: int | None, decision: AnyDecision | None,
                retracts: str | None = None) -> Recorded:
        try:
            with Session(self.engine) as session, session.begin():
                if not accounts.is_analyst(session, decided.author):
                    raise InputError(
                        f"no active analyst {decided.author!r} (add one with "
                        f"`python -m timeline analysts add {decided.author}`)")
                current = _revision(session, scope, subject)
                if expected is not None and expected != current:
                    raise ConflictError(self._moved(session, scope, subject, expected, current))
                revision = current + 1
                session.add(DecisionRow(
                    id=row_id, scope=scope, subject=subject, revision=revision, action=action,
                    author=decided.author, decided_at=to_utc(decided.at),
                    reason=decided.reason, retracts=retracts))
                session.flush()  # the log row first: the detail's foreign key names it
                if decision is not None:
                    session.add(detail_row(decision, row_id))
        except IntegrityError as exc:
            raise ConflictError(self._raced(scope, subject, row_id, expected, exc)) from None
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot save the decision: {_first(exc)}") from None
        return Recorded(row_id, scope, subject, revision)

    def _raced(self, scope: str, subject: str, row_id: str, expected: int | None,
               exc: IntegrityError) -> str:
        """The conflict line when another writer took the same revision at the same
        moment: what is in force now, as a stale read is told."""
        try:
            with Session(self.engine) as session:
                if session.get(DecisionRow, row_id) is None:
                    current = _revision(session, scope, subject)
                    read = current - 1 if expected is None else expected
                    return self._moved(session, scope, subject, read, current)
        except SQLAlchemyError:
            pass
        return (f"{scope} {subject!r}: another decision was saved at the same time or id "
                f"{row_id!r} is taken; read it again ({_first(exc)})")

    def _moved(self, session: Session, scope: str, subject: str, expected: int,
               current: int) -> str:
        now = self._in_force_on(session, scope, subject)
        said = (f"{now.decided.author} ({now.decided.at:%Y-%m-%d %H:%M}): "
                f"{_summary(now)}" if now else "nothing in force")
        return (f"{scope} {subject!r} moved while you decided: you read revision {expected}, "
                f"it is now revision {current}; in force: {said}")

    # reads

    def log_size(self) -> int:
        """How many steps the log holds: the log is append-only, so this changes with
        every decision and every undo (part of :meth:`FileStore.version`)."""
        with Session(self.engine) as session:
            return int(session.scalar(select(func.count()).select_from(DecisionRow)) or 0)

    def revision(self, scope: str, subject: str) -> int:
        """The subject's current revision (0: never decided)."""
        with Session(self.engine) as session:
            return _revision(session, scope, subject)

    def current(self, decision: AnyDecision) -> tuple[int, AnyDecision | None]:
        """(revision, decision in force) of the subject ``decision`` is about."""
        scope, subject = subject_of(decision)
        with Session(self.engine) as session:
            return _revision(session, scope, subject), self._in_force_on(session, scope,
                                                                         subject)

    def in_force_on(self, scope: str, subject: str) -> AnyDecision | None:
        with Session(self.engine) as session:
            return self._in_force_on(session, scope, subject)

    def _in_force_on(self, session: Session, scope: str, subject: str) -> AnyDecision | None:
        rows = session.scalars(select(DecisionRow).where(
            DecisionRow.scope == scope, DecisionRow.subject == subject)).all()
        forced = _forced(rows)
        return _decisions(session, forced)[0] if forced else None

    def in_force(self, as_of: dt.datetime | None = None) -> Decisions:
        """Every decision in force, one per subject, as the stages receive them.

        ``as_of``: as the log stood at that moment (the audit view): only the steps
        decided by then count, an undo included, so a decision undone later is shown
        in force and one undone by then is not.
        """
        with Session(self.engine) as session:
            query = select(DecisionRow)
            if as_of is not None:
                query = query.where(DecisionRow.decided_at <= to_utc(as_of))
            rows = session.scalars(query).all()
            found = _decisions(session, _forced(rows))
        by_type: defaultdict[type, list[Any]] = defaultdict(list)
        for d in found:
            by_type[type(d)].append(d)
        grades = sorted(by_type[SourceGrade], key=lambda g: g.decided.at)
        return Decisions(claims=tuple(by_type[ClaimDecision]), names=tuple(by_type[NameDecision]),
                         overrides=tuple(by_type[Override]),
                         annotations=tuple(by_type[Annotation]), grades=tuple(grades),
                         places=tuple(by_type[NewPlace]))

    def history(self, subject: str | None = None) -> list[HistoryEntry]:
        """Every step of the log, oldest first; of one subject when given (a claim id,
        a name in any casing, an override or annotation id, an outlet)."""
        with Session(self.engine) as session:
            query = select(DecisionRow)
            if subject is not None:
                query = query.where(DecisionRow.subject.in_({subject, name_subject(subject)}))
            rows = session.scalars(query).all()
            by_subject: defaultdict[tuple[str, str], list[DecisionRow]] = defaultdict(list)
            for r in rows:
                by_subject[(r.scope, r.subject)].append(r)
            undone: dict[str, str] = {}
            for same in by_subject.values():
                undone.update(_retracted(same))
            forced = {r.id for r in _forced(rows)}
            details = _details(session, [r for r in rows if r.action != ACTION_UNDO])
            return [HistoryEntry(r.id, r.scope, r.subject, r.revision, r.action,
                                 decided_of(r), r.retracts,
                                 undone.get(r.id), r.id in forced, detail_json(details.get(r.id)))
                    for r in sorted(rows, key=lambda r: (r.decided_at, r.scope, r.subject,
                                                         r.revision))]

    def orphans(self, extractions: Iterable[Extraction]) -> list[Orphan]:
        """Claim decisions in force whose claim no extraction holds, and name decisions
        whose name no extraction leaves unresolved: listed, never silently dropped."""
        claims: set[str] = set()
        names: set[str] = set()
        for ex in extractions:
            claims.update(c.id for c in claims_of(ex))
            names.update(name_subject(n) for n in ex.unresolved_places)
            names.update(name_subject(ref.mention) for c in claims_of(ex)
                         for ref in c.places if ref.id is None)
        now = self.in_force()
        return [*(Orphan(d) for d in now.claims if d.claim_id not in claims),
                *(Orphan(d) for d in now.names if name_subject(d.name) not in names)]


def _revision(session: Session, scope: str, subject: str) -> int:
    found = session.scalar(select(func.max(DecisionRow.revision)).where(
        DecisionRow.scope == scope, DecisionRow.subject == subject))
    return int(found or 0)


def _retracted(rows: Sequence[DecisionRow]) -> dict[str, str]:
    """Row id -> the undo in force that retracts it, among the rows of one subject.

    An undo always comes after its target on the same subject, so walking the revisions
    from the newest settles whether each undo is itself retracted before it counts.
    """
    undone: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: r.revision, reverse=True):
        if row.action == ACTION_UNDO and row.id not in undone and row.retracts:
            undone[row.retracts] = row.id
    return undone


def _forced(rows: Sequence[DecisionRow]) -> list[DecisionRow]:
    """The row in force of each subject among ``rows``: its newest row that is not an
    undo and is not retracted."""
    by_subject: defaultdict[tuple[str, str], list[DecisionRow]] = defaultdict(list)
    for row in rows:
        by_subject[(row.scope, row.subject)].append(row)
    out = []
    for key in sorted(by_subject):
        same = by_subject[key]
        undone = _retracted(same)
        live = [r for r in same if r.action != ACTION_UNDO and r.id not in undone]
        if live:
            out.append(max(live, key=lambda r: r.revision))
    return out


def _details(session: Session, rows: Sequence[DecisionRow]) -> dict[str, Any]:
    by_scope: defaultdict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_scope[row.scope].append(row.id)
    out: dict[str, Any] = {}
    for scope, ids in by_scope.items():
        table: Any = DETAIL_TABLES[scope]
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            out.update({d.decision_id: d for d in session.scalars(
                select(table).where(table.decision_id.in_(part)))})
    return out


def _decisions(session: Session, rows: Sequence[DecisionRow]) -> list[AnyDecision]:
    details = _details(session, rows)
    return [decision_of(r, details.get(r.id)) for r in rows]


def _summary(decision: AnyDecision) -> str:
    if isinstance(decision, ClaimDecision):
        return decision.action + (f" {decision.changes}" if decision.changes else "")
    if isinstance(decision, NameDecision):
        return decision.action + (f" -> {decision.place_id}" if decision.place_id else "")
    if isinstance(decision, Override):
        return f"{decision.district} {decision.side} from {decision.start}"
    if isinstance(decision, Annotation):
        return f"{decision.place} {decision.day}: {decision.text}"
    if isinstance(decision, NewPlace):
        return f"new place {decision.name} at ({decision.lat:.5f}, {decision.lon:.5f})"
    return f"grade {decision.grade}"


def _first(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__

