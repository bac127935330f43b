"""Moving a store into a team database: ``python -m timeline store copy-to URL``.

Everything a reader or an auditor needs moves: the extractions, the district polygons
(as PostGIS layers), the built timeline, the analyst accounts (password hashes only)
and the whole decision log row by row (every decision and undo with its who, when and
why, its detail, its revision), so history, undo and "as it stood at" answer the same
in the new store. The target must hold no articles and no decisions: a copy never
merges two stores' logs. The log is copied in one transaction; the content after it,
each part all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Table, insert, select

from frontline.errors import InputError
from geodata.theatre import Theatre
from timeline.store.protocol import Store
from timeline.store.sql.schema import DETAIL_TABLES, AnalystRow, DecisionRow
from timeline.store.sql.store import SqlStore


@dataclass(frozen=True)
class Copied:
    """What a copy moved, for the summary line."""

    articles: int
    districts: int
    timeline: bool
    analysts: int
    decisions: int

    def line(self, target: str) -> str:
        return (f"copied {self.articles} articles, {self.districts} districts, "
                f"{'the built timeline' if self.timeline else 'no timeline (none built)'}, "
                f"{self.analysts} analysts and {self.decisions} log entries to {target}")


LOG_TABLES: tuple[Any, ...] = (AnalystRow, DecisionRow, *DETAIL_TABLES.values())


def copy_store(source: Store, source_log: Engine | None, target: SqlStore,
               theatre: Theatre) -> Copied:
    """Copy ``source`` (its decision database ``source_log``, None when it has none)
    into the empty ``target``."""
    held = len(target.article_ids()), target.decision_store().log_size()
    if any(held):
        raise InputError(f"{target} is not empty ({held[0]} articles, {held[1]} decisions): "
                         "copy into a new database")
    analysts, decisions = _copy_log(source_log, target.engine) if source_log else (0, 0)
    extractions = source.extractions()
    for extraction in extractions:
        target.save_extraction(extraction)
    districts = source.districts(theatre)
    target.publish_geometry(theatre, districts)
    built = source.has_timeline()
    if built:
        target.save_timeline(source.load_timeline())
    return Copied(len(extractions), len(districts), built, analysts, decisions)


def _copy_log(source: Engine, target: Engine) -> tuple[int, int]:
    rows: dict[str, list[dict[str, Any]]] = {}
    with source.connect() as conn:
        for model in LOG_TABLES:
            table: Table = model.__table__
            rows[table.name] = [dict(r._mapping) for r in conn.execute(select(table))]
    with target.begin() as conn:
        for model in LOG_TABLES:
            table = model.__table__
            found = rows[table.name]
            if table.name == DecisionRow.__tablename__:
                found = _retracted_after(found)
            for chunk in range(0, len(found), 500):
                conn.execute(insert(table), found[chunk:chunk + 500])
    return len(rows[AnalystRow.__tablename__]), len(rows[DecisionRow.__tablename__])


def _retracted_after(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Log rows ordered so that an undo comes after the row it retracts (the foreign key
    is checked row by row)."""
    placed: set[str] = set()
    ordered: list[dict[str, Any]] = []
    waiting = sorted(rows, key=lambda r: (r["decided_at"], r["revision"]))
    while waiting:
        ready = [r for r in waiting if r["retracts"] is None or r["retracts"] in placed]
        if not ready:  # a retraction of a row that is not in the log: keep it as is
            ready = waiting[:1]
        for row in ready:
            placed.add(row["id"])
        ordered.extend(ready)
        waiting = [r for r in waiting if r["id"] not in placed]
    return ordered
