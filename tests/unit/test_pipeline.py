"""The one pipeline: ingest, build, timeline_on, load_published and Reloading.

Ingest runs on real files into a FileStore; builds run on the SYNTHETIC Toyville
theatre through the in-memory store (tests/unit/memory_store.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from frontline.errors import InputError
from frontline.settings import Settings
from tests.builders import make_event, make_extraction, toy_districts, toy_theatre
from tests.unit.memory_store import MemoryStore
from timeline import pipeline
from timeline.decisions import ClaimDecision, Decided, Decisions, NameDecision
from timeline.records import Extraction
from timeline.store.files import FileStore

ARTICLE = """---
title: "SYNTHETIC report {n}"
source: "Synthetic Wire"
published: 2017-05-10
---
The Counter-Terrorism Service took over {place} on Wednesday.
"""
SETTINGS = Settings.defaults()


def write(folder: Path, name: str, place: str = "al-Maamel") -> Path:
    path = folder / name
    path.write_text(ARTICLE.format(n=name, place=place), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "seeds"
    out.mkdir()
    return out


def test_ingest_extracts_skips_unchanged_and_drops_deleted(folder: Path, tmp_path: Path) -> None:
    store = FileStore(tmp_path / "data")
    write(folder, "a.md")
    b = write(folder, "b.md", "al-Islah al-Zirai")
    (folder / "README.md").write_text("not an article", encoding="utf-8")
    first = pipeline.ingest(store, folder, SETTINGS)
    assert (first.extracted, first.unchanged, first.failures) == (2, 0, [])
    assert store.article_ids() == ["a", "b"] and first.events == 2
    assert pipeline.ingest(store, folder, SETTINGS).unchanged == 2
    write(folder, "b.md", "al-Maamel")
    assert pipeline.ingest(store, folder, SETTINGS).extracted == 1
    b.unlink()
    last = pipeline.ingest(store, folder, SETTINGS)
    assert last.removed == ["b.md"] and store.article_ids() == ["a"]
    assert "1 removed (no longer in the folder: b.md)" in last.lines()[0]


def test_ingest_keeps_going_past_a_bad_file(folder: Path, tmp_path: Path) -> None:
    store = FileStore(tmp_path / "data")
    (folder / "broken.md").write_bytes(b"\x00\x01binary")
    only_bad = pipeline.ingest(store, folder, SETTINGS)
    assert only_bad.all_failed and "broken.md" in only_bad.failures[0]
    write(folder, "a.md")
    mixed = pipeline.ingest(store, folder, SETTINGS)
    assert (mixed.extracted, len(mixed.failures), mixed.all_failed) == (1, 1, False)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not pipeline.ingest(store, empty, SETTINGS).all_failed


def test_ingest_applies_the_runs_article_size_limit(folder: Path, tmp_path: Path) -> None:
    write(folder, "a.md")
    report = pipeline.ingest(FileStore(tmp_path / "data"), folder,
                             replace(SETTINGS, max_article_bytes=50))
    assert report.extracted == 0
    assert "over FRONTLINE_MAX_ARTICLE_BYTES=50" in report.failures[0]


def test_ingest_of_a_missing_folder_is_one_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder of articles"):
        pipeline.ingest(FileStore(tmp_path / "data"), tmp_path / "nope", SETTINGS)


def test_ingest_shows_progress_over_the_files_it_reads(folder: Path, tmp_path: Path) -> None:
    write(folder, "a.md")
    write(folder, "b.md")
    seen: list[str] = []

    def progress(files: Sequence[Path]) -> Iterable[Path]:
        seen.extend(p.name for p in files)
        return files

    pipeline.ingest(FileStore(tmp_path / "data"), folder, SETTINGS, progress=progress)
    assert seen == ["a.md", "b.md"]


def toy_store(*extractions: Extraction) -> MemoryStore:
    store = MemoryStore(toy_districts(toy_theatre()))
    for x in extractions:
        store.save_extraction(x)
    return store


def captured() -> Extraction:
    return make_extraction((make_event("capture", "2017-01-10", ("w-north",)),),
                           published=dt.date(2017, 1, 11))


def test_build_saves_the_timeline_with_its_known_replay_and_series() -> None:
    store = toy_store(captured())
    tl = pipeline.build(store, toy_theatre(), SETTINGS)
    assert store.has_timeline()
    saved = store.load_timeline()
    assert saved.side_known is not None and saved.since_known is not None
    assert saved.front_index is not None and saved.share
    day = tl.day_index(dt.date(2017, 1, 10))  # captured that day, published the next
    w = tl.district_ids.index("w-north")
    assert tl.side[w, day] != saved.side_known[w, day]


def test_build_uses_the_rules_of_the_settings_it_is_given() -> None:
    theatre = toy_theatre()
    short = pipeline.build(toy_store(captured()), theatre, replace(SETTINGS, assumed_after_days=5))
    long = pipeline.build(toy_store(captured()), theatre, replace(SETTINGS, assumed_after_days=30))
    day = dt.date(2017, 1, 16)
    basis = {d["id"]: d["basis"] for d in short.state_json(day)["districts"]}
    assert basis["w-north"] == "assumed"
    assert {d["id"]: d["basis"] for d in long.state_json(day)["districts"]}["w-north"] == "reported"


def test_timeline_on_prefers_the_stored_one_unless_asked_for_earlier_knowledge() -> None:
    theatre = toy_theatre()
    store = toy_store(captured())
    computed = pipeline.timeline_on(store, theatre, SETTINGS)
    assert computed.state_json(dt.date(2017, 1, 12))["districts"][0]["side"]
    pipeline.build(store, theatre, SETTINGS)
    assert pipeline.timeline_on(store, theatre, SETTINGS) is store.load_timeline()
    early = pipeline.timeline_on(store, theatre, SETTINGS, known_on=dt.date(2017, 1, 5))
    assert early.known_on == dt.date(2017, 1, 5)
    sides = {d["id"]: d["side"] for d in early.state_json(dt.date(2017, 1, 12))["districts"]}
    assert sides["w-north"] == "isis"  # the capture was not yet published


def test_load_published_reads_everything_at_one_version() -> None:
    theatre = toy_theatre()
    store = toy_store(captured())
    plain = pipeline.load_published(store, theatre, SETTINGS)
    assert plain.timeline is None and len(plain.extractions) == 1
    assert plain.version == store.version()
    assert pipeline.load_published(store, theatre, SETTINGS, compute=True).timeline is not None
    pipeline.build(store, theatre, SETTINGS)
    after = pipeline.load_published(store, theatre, SETTINGS)
    assert after.timeline is not None and after.version != plain.version


def test_reloading_loads_once_per_store_version() -> None:
    store = toy_store()
    loads: list[int] = []
    value = pipeline.Reloading(store.version, lambda: loads.append(1) or len(store.article_ids()))
    assert (value.get(), value.get(), len(loads)) == (0, 0, 1)
    store.save_extraction(captured())
    assert (value.get(), value.get(), len(loads)) == (1, 1, 2)


def test_ingest_reads_with_the_theatre_of_its_settings(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's Settings decide the theatre, not whatever the environment says: the
    SYNTHETIC three-force theatre's article yields its captures with Mosul configured."""
    vellmar = Path(__file__).resolve().parents[1] / "fixtures" / "theatres" / "vellmar"
    monkeypatch.delenv("FRONTLINE_THEATRE", raising=False)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    article = next((vellmar / "articles").glob("*.md"))
    (seeds / article.name).write_bytes(article.read_bytes())
    settings = replace(Settings.from_env(), theatre=str(vellmar))
    store = FileStore(tmp_path / "data")
    report = pipeline.ingest(store, seeds, settings)
    (stored,) = store.extractions()
    assert report.extracted == 1
    assert {ref.id for e in stored.events for ref in e.places} >= {"dunmere", "elmgate"}


def test_build_and_load_published_apply_the_decisions_in_force() -> None:
    """A rejected capture leaves the map and the lists; the known-on replay follows it,
    since the correction rides on the claim (from its report's publication)."""
    theatre = toy_theatre()
    store = toy_store(captured())
    claim_id = store.extractions()[0].events[0].id
    who = Decided("ana", dt.datetime(2026, 12, 2, tzinfo=dt.UTC), "the report was denied")
    store.decided = Decisions(claims=(ClaimDecision("d-1", claim_id, "reject", who),))
    tl = pipeline.build(store, theatre, SETTINGS)
    sides = {d["id"]: d["side"] for d in tl.state_json(dt.date(2017, 1, 12))["districts"]}
    assert sides["w-north"] == "isis"
    assert tl.side_known is not None
    w, day = tl.district_ids.index("w-north"), tl.day_index(dt.date(2017, 1, 12))
    assert tl.side_known[w, day] == tl.side[w, day]
    published = pipeline.load_published(store, theatre, SETTINGS)
    assert published.extractions[0].events == ()
    assert store.extractions()[0].events, "the stored extraction itself is left as extracted"
    on_the_fly = pipeline.timeline_on(store, theatre, SETTINGS, known_on=dt.date(2017, 2, 1))
    assert {d["id"]: d["side"] for d in on_the_fly.state_json(dt.date(2017, 1, 12))[
        "districts"]}["w-north"] == "isis"


def test_ingest_does_not_report_a_name_an_analyst_has_settled(folder: Path,
                                                              tmp_path: Path) -> None:
    store = FileStore(tmp_path / "data")
    write(folder, "a.md", "al-Maamel. Shelling went on in Zarqawiyya")
    assert pipeline.ingest(store, folder, SETTINGS).unresolved == {"Zarqawiyya"}
    decisions = store.decision_store()
    decisions.add_analyst("ana", "correct horse battery")
    who = Decided("ana", dt.datetime(2026, 12, 2, tzinfo=dt.UTC), "a village outside the city")
    decisions.record(NameDecision("", "zarqawiyya", "outside", who))
    write(folder, "a.md", "al-Maamel. Shelling went on in Zarqawiyya,")  # read again
    assert pipeline.ingest(store, folder, SETTINGS).unresolved == set()
    built = pipeline.curated(store)
    assert built.extractions[0].unresolved_places == () and built.unapplied == []
