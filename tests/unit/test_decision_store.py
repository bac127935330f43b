"""The SQL decision store: append-only log, undo, history, revisions, accounts, orphans."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from frontline.errors import ConflictError, InputError
from tests.builders import make_event, make_extraction
from timeline.decisions import (
    Annotation,
    ClaimDecision,
    Decided,
    NameDecision,
    Override,
    SourceGrade,
)
from timeline.store.files import FileStore
from timeline.store.sql import EMBEDDED_FILE, embedded_url
from timeline.store.sql.decisions import SqlDecisionStore
from timeline.store.sql.schema import DETAIL_TABLES, SCOPE_CLAIM, SCOPE_NAME, Base

PASSWORD = "correct horse battery"
AT = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)
CLAIM = "a:e-0123456789"


def by(who: str = "ana", reason: str = "the report names another district") -> Decided:
    return Decided(who, AT, reason)


@pytest.fixture
def store(tmp_path: Path) -> SqlDecisionStore:
    s = SqlDecisionStore(embedded_url(tmp_path))
    s.add_analyst("ana", PASSWORD)
    return s


def reject(claim_id: str = CLAIM, decision_id: str = "") -> ClaimDecision:
    return ClaimDecision(decision_id, claim_id, "reject", by())


def test_the_migrations_create_exactly_the_models_schema(tmp_path: Path) -> None:
    store = SqlDecisionStore(embedded_url(tmp_path))
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    tables = set(inspect(store.engine).get_table_names())
    assert tables == {*Base.metadata.tables, "alembic_version"}


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(store: SqlDecisionStore) -> None:
    with store.engine.connect() as conn:
        pragma = conn.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA busy_timeout").scalar() >= 1000


def test_a_decision_is_in_force_with_who_when_and_why(store: SqlDecisionStore) -> None:
    done = store.record(reject())
    assert (done.scope, done.subject, done.revision) == (SCOPE_CLAIM, CLAIM, 1)
    (got,) = store.in_force().claims
    assert (got.id, got.claim_id, got.action) == (done.id, CLAIM, "reject")
    assert got.decided == by()


def test_every_kind_round_trips(store: SqlDecisionStore) -> None:
    override = Override("o-1", "al-maamel", "isis", dt.date(2017, 5, 1), by(),
                        end=dt.date(2017, 5, 9), source="a map", source_date=dt.date(2017, 5, 2),
                        note="held", supersedes=("a:e-1",))
    note = Annotation("n-1", "old-city", dt.date(2017, 6, 1), "bridges down", by(), "r",
                      dt.date(2017, 6, 2))
    grade = SourceGrade("Synthetic News", "B", by())
    name = NameDecision("", "Maamli", "map", by(), "al-maamel")
    edit = ClaimDecision("", CLAIM, "edit", by(), {"places": ["al-maamel"], "value": 3.5},
                         dt.date(2017, 5, 10))
    for decision in (override, note, grade, name, edit):
        store.record(decision)
    now = store.in_force()
    assert now.overrides == (override,) and now.annotations == (note,)
    assert now.grades == (grade,) and now.grade_of("Synthetic News") == "B"
    assert now.names[0].place_id == "al-maamel" and now.names[0].name == "Maamli"
    assert now.claims[0].changes == edit.changes and now.claims[0].published == edit.published


def test_the_latest_decision_of_a_subject_is_in_force_and_history_keeps_all(
        store: SqlDecisionStore) -> None:
    first = store.record(reject())
    second = store.record(ClaimDecision("", CLAIM, "accept", by(reason="")))
    assert second.revision == 2
    assert [c.action for c in store.in_force().claims] == ["accept"]
    steps = store.history(CLAIM)
    assert [(s.id, s.action, s.in_force) for s in steps] == [
        (first.id, "reject", False), (second.id, "accept", True)]


def test_undo_retracts_and_an_undo_of_the_undo_puts_it_back(store: SqlDecisionStore) -> None:
    first = store.record(reject())
    second = store.record(ClaimDecision("", CLAIM, "accept", by(reason="")))
    undo = store.undo(second.id, by(reason="too hasty"))
    assert [c.action for c in store.in_force().claims] == ["reject"]
    with pytest.raises(InputError, match=f"already undone by {undo.id}"):
        store.undo(second.id, by())
    store.undo(undo.id, by(reason="it was right"))
    assert [c.id for c in store.in_force().claims] == [second.id]
    store.undo(second.id, by(reason="no"))
    store.undo(first.id, by(reason="nothing stands"))
    assert store.in_force().claims == ()
    steps = store.history(CLAIM)
    assert [s.action for s in steps] == ["reject", "accept", "undo", "undo", "undo", "undo"]
    assert steps[2].retracts == second.id and steps[2].retracted_by == steps[3].id
    assert [s.revision for s in steps] == [1, 2, 3, 4, 5, 6]


def test_undo_of_an_unknown_decision_names_it(store: SqlDecisionStore) -> None:
    with pytest.raises(InputError, match="no decision 'd-nothing'"):
        store.undo("d-nothing", by())


def test_a_write_on_a_moved_subject_is_refused_naming_what_is_in_force(
        store: SqlDecisionStore) -> None:
    store.record(reject(), expected_revision=0)
    store.record(ClaimDecision("", CLAIM, "accept", by("ana", "")), expected_revision=1)
    with pytest.raises(ConflictError, match=r"you read revision 1, it is now revision 2; "
                                            r"in force: ana .*: accept"):
        store.record(reject(), expected_revision=1)
    assert store.revision(SCOPE_CLAIM, CLAIM) == 2


def test_two_writers_racing_for_one_revision_meet_a_conflict(store: SqlDecisionStore,
                                                            tmp_path: Path) -> None:
    store.record(reject())
    # A second writer that read revision 1 too, bypassing the check: the unique
    # (scope, subject, revision) constraint stops the duplicate revision.
    with sqlite3.connect(tmp_path / EMBEDDED_FILE) as raw, pytest.raises(sqlite3.IntegrityError):
        raw.execute("INSERT INTO decisions (id, scope, subject, revision, action, author, "
                    "decided_at, reason) VALUES ('d-x', 'claim', ?, 1, 'accept', 'ana', "
                    "'2026-12-02 09:00:00', '')", (CLAIM,))


def test_a_taken_decision_id_is_refused_and_nothing_half_written(store: SqlDecisionStore) -> None:
    store.record(reject(decision_id="d-same"))
    with pytest.raises(ConflictError, match="d-same"):
        store.record(reject("b:e-1", decision_id="d-same"))
    assert store.revision(SCOPE_CLAIM, "b:e-1") == 0
    assert len(store.history()) == 1


def test_decisions_only_from_active_analysts(store: SqlDecisionStore) -> None:
    with pytest.raises(InputError, match="no active analyst 'bob'"):
        store.record(ClaimDecision("", CLAIM, "reject", by("bob")))
    assert store.history() == []


def test_passwords_are_hashed_checked_and_never_stored(store: SqlDecisionStore,
                                                       tmp_path: Path) -> None:
    assert store.check_password("ana", PASSWORD)
    assert not store.check_password("ana", "wrong password")
    assert not store.check_password("nobody", PASSWORD)
    with pytest.raises(InputError, match="already exists"):
        store.add_analyst("ana", "another password")
    with pytest.raises(InputError, match="at least 8"):
        store.add_analyst("bob", "short")
    with pytest.raises(InputError, match="analyst name"):
        store.add_analyst("bob smith", PASSWORD)
    raw = (tmp_path / EMBEDDED_FILE).read_bytes()
    wal = tmp_path / f"{EMBEDDED_FILE}-wal"
    raw += wal.read_bytes() if wal.exists() else b""
    assert PASSWORD.encode() not in raw and b"$argon2id$" in raw
    assert store.analysts() == [("ana", True)]


def test_names_are_one_subject_whatever_their_casing(store: SqlDecisionStore) -> None:
    store.record(NameDecision("", "Maamli", "map", by(), "al-maamel"))
    done = store.record(NameDecision("", "MAAMLI", "outside", by()))
    assert (done.scope, done.subject, done.revision) == (SCOPE_NAME, "maamli", 2)
    assert [n.action for n in store.in_force().names] == ["outside"]
    assert len(store.history("Maamli")) == 2


def test_orphans_are_the_decisions_whose_claim_or_name_is_gone(store: SqlDecisionStore) -> None:
    ev = make_event(id="a:e-kept", places=(None,), mentions=("Maamli",), article_id="a")
    extraction = make_extraction((ev,))
    store.record(reject("a:e-kept"))
    gone = store.record(reject("a:e-gone"))
    store.record(NameDecision("", "maamli", "map", by(), "al-maamel"))
    lost = store.record(NameDecision("", "Atlantis", "outside", by()))
    found = store.orphans([extraction])
    assert [o.decision.id for o in found] == [gone.id, lost.id]
    assert "no extraction holds it" in found[0].line()
    store.undo(gone.id, by())
    assert [o.decision.id for o in store.orphans([extraction])] == [lost.id]


def test_every_log_row_has_its_detail(store: SqlDecisionStore, tmp_path: Path) -> None:
    store.record(reject())
    store.record(SourceGrade("Synthetic News", "C", by()))
    with sqlite3.connect(tmp_path / EMBEDDED_FILE) as raw:
        for scope, table in DETAIL_TABLES.items():
            missing = raw.execute(
                f"SELECT count(*) FROM decisions d LEFT JOIN {table.__tablename__} t "
                f"ON t.decision_id = d.id WHERE d.scope = ? AND d.action != 'undo' "
                f"AND t.decision_id IS NULL", (scope,)).fetchone()[0]
            assert missing == 0


def test_the_file_store_reads_no_decisions_without_creating_the_database(tmp_path: Path) -> None:
    files = FileStore(tmp_path)
    assert files.decisions().claims == ()
    assert not (tmp_path / EMBEDDED_FILE).exists()
    files.decision_store().add_analyst("ana", PASSWORD)
    files.decision_store().record(reject())
    assert [c.claim_id for c in FileStore(tmp_path).decisions().claims] == [CLAIM]


def test_another_database_url_is_used_when_set(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    files = FileStore(tmp_path / "data", database_url=url)
    files.decision_store().add_analyst("ana", PASSWORD)
    files.decision_store().record(reject())
    assert (tmp_path / "elsewhere.db").is_file()
    assert len(create_engine(url).connect().exec_driver_sql(
        "SELECT id FROM decisions").fetchall()) == 1
