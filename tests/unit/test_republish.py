"""Publishing a decision fast must publish exactly what a full build would (SYNTHETIC
reports): the replay reused before the first changed day, the rest caught up."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from dashboard.curation.queue import REJECTED, UNREVIEWED, Filters, filtered, queue_rows
from frontline.settings import Settings
from geodata.theatre import load_theatre
from timeline import pipeline
from timeline.control.build import ControlRules, timeline_with_replay
from timeline.control.model import ControlTimeline
from timeline.curation import claims_of
from timeline.decisions import ClaimDecision, Decided, Override, SourceGrade
from timeline.republish import NOTHING, Republisher, changed_since
from timeline.store.files import FileStore

REPORTS = {
    "2017-03-02-first.md": ("2017-03-02", "Synthetic Wire",
                            "The Counter-Terrorism Service took over al-Maamel on Thursday."),
    "2017-03-20-second.md": ("2017-03-20", "Synthetic Herald",
                             "Iraqi forces recaptured al-Islah al-Zirai on Monday."),
}
AT = dt.datetime(2026, 12, 3, 6, 0, tzinfo=dt.UTC)
ARRAYS = ("side", "basis", "side_known", "basis_known", "since_known")


@pytest.fixture
def store(tmp_path: Path) -> tuple[FileStore, Settings]:
    settings = replace(Settings.from_env(), data_dir=tmp_path / "data",
                       seeds_dir=tmp_path / "in")
    settings.seeds_dir.mkdir()
    for name, (day, outlet, text) in REPORTS.items():
        (settings.seeds_dir / name).write_text(
            f'---\ntitle: "SYNTHETIC {name}"\nsource: "{outlet}"\npublished: {day}\n---\n'
            f"{text}\n", encoding="utf-8")
    files = FileStore.from_settings(settings)
    pipeline.ingest(files, settings.seeds_dir, settings)
    pipeline.build(files, load_theatre(settings.theatre), settings)
    files.decision_store().add_analyst("ana", "correct horse battery")
    return files, settings


def claim_of(files: FileStore, outlet: str) -> tuple[str, dt.date]:
    for ex in files.extractions():
        if ex.article.source == outlet:
            claim = claims_of(ex)[0]
            assert ex.article.published is not None
            return claim.id, ex.article.published
    raise AssertionError(outlet)


def full(files: FileStore, settings: Settings) -> ControlTimeline:
    c = pipeline.curated(files)
    theatre = load_theatre(settings.theatre)
    return timeline_with_replay(theatre, files.districts(theatre), c.extractions,
                                ControlRules.from_settings(settings), decisions=c.decisions)


def settled(publisher: Republisher) -> None:
    deadline = time.monotonic() + 300
    while publisher.pending is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert publisher.pending is None


def test_a_decision_published_fast_equals_a_full_build(store: tuple[FileStore, Settings]) -> None:
    files, settings = store
    publisher = Republisher(files, load_theatre(settings.theatre), settings)
    publisher.prime()
    claim, published = claim_of(files, "Synthetic Herald")
    files.decision_store().record(ClaimDecision(
        "d-000000000001", claim, "reject", Decided("ana", AT, "denied"), published=published))
    publisher.republish()
    assert publisher.pending == published  # the replay before the report is reused
    settled(publisher)
    stored, expected = files.load_timeline(), full(files, settings)
    for name in ARRAYS:
        assert np.array_equal(getattr(stored, name), getattr(expected, name)), name


def test_what_a_change_can_alter_starts_at_its_first_known_day(
        store: tuple[FileStore, Settings]) -> None:
    files, _ = store
    before = pipeline.curated(files)
    assert changed_since(before, before) == NOTHING
    log = files.decision_store()
    claim, published = claim_of(files, "Synthetic Herald")
    log.record(ClaimDecision("d-000000000002", claim, "reject", Decided("ana", AT, "no"),
                             published=published))
    assert changed_since(before, pipeline.curated(files)) == published
    after_claim = pipeline.curated(files)
    log.record(SourceGrade("Synthetic Wire", "E", Decided("ana", AT, "unreliable")))
    first, wire_day = claim_of(files, "Synthetic Wire")
    assert changed_since(after_claim, pipeline.curated(files)) == wire_day
    graded = pipeline.curated(files)
    log.record(Override("o-1", "al-maamel", "isis", dt.date(2017, 3, 5),
                        Decided("ana", AT, "hindsight")))
    assert changed_since(graded, pipeline.curated(files)) == NOTHING  # cites no source
    assert first


def test_the_queue_lists_rejected_claims_and_filters_them(
        store: tuple[FileStore, Settings]) -> None:
    files, settings = store
    theatre = load_theatre(settings.theatre)
    claim, published = claim_of(files, "Synthetic Herald")
    files.decision_store().record(ClaimDecision(
        "d-000000000003", claim, "reject", Decided("ana", AT, "denied"), published=published))
    rows = queue_rows(files.extractions(), files.decisions(), theatre,
                      files.load_timeline().evidence)
    by_id = {r.id: r for r in rows}
    assert by_id[claim].review == REJECTED and "rejected by ana: denied" in by_id[claim].reviewed
    assert all(r.grade == "F" for r in rows)  # nobody graded them
    unreviewed = filtered(rows, Filters(unreviewed=True))
    assert claim not in {r.id for r in unreviewed} and all(
        r.review == UNREVIEWED for r in unreviewed)
    herald = filtered(rows, Filters(article=by_id[claim].article))
    assert {r.id for r in herald} == {r.id for r in rows if r.outlet == "Synthetic Herald"}
    assert filtered(rows, Filters(status=REJECTED)) == [by_id[claim]]
