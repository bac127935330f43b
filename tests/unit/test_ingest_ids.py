"""Ingest stores every file under its own id: nothing merged, collisions reported (issue 19)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from frontline.settings import Settings
from timeline import pipeline
from timeline.extract.sources import extract_path
from timeline.store.corpus import FORMAT, corpus_dir, load_extractions
from timeline.store.files import FileStore

ROOT = Path(__file__).resolve().parents[2]
CHRONOLOGY = ROOT / "seeds" / "mosul-chronology.csv"
ARTICLE = ("---\npublished: 2017-05-10\n---\n"
           "Iraqi forces took over al-Maamel on 10 May 2017.\n")


def stored(data: Path) -> dict[str, dict[str, object]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(corpus_dir(data).glob("*.json"))}


def test_arabic_and_punctuation_only_names_are_all_ingested(tmp_path: Path) -> None:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    for name in ("الموصل.md", "معركة.md", "___.md"):
        (seeds / name).write_text(ARTICLE, encoding="utf-8")
    report = pipeline.ingest(FileStore(data), seeds, Settings.from_env())
    assert report.extracted == 3 and report.collisions == []
    entries = stored(data)
    assert len(entries) == 3 and {"الموصل", "معركة"} < set(entries)
    assert len({e["events"][0]["id"] for e in entries.values()}) == 3  # type: ignore[index]


def test_a_chronology_beside_an_article_that_reads_alike_keeps_all_its_rows(tmp_path: Path,
                                                                           ) -> None:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    shutil.copy(CHRONOLOGY, seeds / "mosul-chronology.csv")
    (seeds / "mosul_chronology.md").write_text(ARTICLE, encoding="utf-8")
    report = pipeline.ingest(FileStore(data), seeds, Settings.from_env())
    assert report.extracted == 2
    (line,) = report.collisions
    assert "mosul-chronology.csv" in line and "mosul_chronology.md" in line
    assert line in report.lines()
    rows = len(extract_path(CHRONOLOGY).events)
    by_id = {x.article.id: x for x in load_extractions(data)}
    assert set(by_id) == {"mosul-chronology-csv", "mosul-chronology-md"}
    assert len(by_id["mosul-chronology-csv"].events) == rows > 1
    assert len(by_id["mosul-chronology-md"].events) == 1


def test_extract_gives_a_file_the_id_ingest_stores_it_under(tmp_path: Path) -> None:
    (tmp_path / "a_b.md").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(CHRONOLOGY, tmp_path / "a-b.csv")
    article = extract_path(tmp_path / "a_b.md")
    assert article.article.id == "a-b-md"
    assert article.events[0].id.startswith("a-b-md:e-")
    assert extract_path(tmp_path / "a-b.csv").article.id == "a-b-csv"


def test_a_new_file_that_reads_alike_moves_the_old_entry_to_its_new_id(tmp_path: Path) -> None:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    (seeds / "a_b.md").write_text(ARTICLE, encoding="utf-8")
    pipeline.ingest(FileStore(data), seeds, Settings.from_env())
    assert set(stored(data)) == {"a-b"}
    shutil.copy(CHRONOLOGY, seeds / "a-b.csv")
    report = pipeline.ingest(FileStore(data), seeds, Settings.from_env())
    assert report.extracted == 2 and report.removed == [] and len(report.collisions) == 1
    assert set(stored(data)) == {"a-b-md", "a-b-csv"}


def test_an_entry_of_an_older_store_format_is_extracted_again(tmp_path: Path) -> None:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    shutil.copy(CHRONOLOGY, seeds)
    pipeline.ingest(FileStore(data), seeds, Settings.from_env())
    entry = corpus_dir(data) / "mosul-chronology.json"
    old = json.loads(entry.read_text(encoding="utf-8"))
    old["format"] = FORMAT - 1
    old["events"][0]["id"] = "mosul-chronology:e1"
    entry.write_text(json.dumps(old), encoding="utf-8")
    report = pipeline.ingest(FileStore(data), seeds, Settings.from_env())
    assert (report.extracted, report.unchanged) == (1, 0)
    fresh = json.loads(entry.read_text(encoding="utf-8"))
    assert fresh["format"] == FORMAT and fresh["events"][0]["id"] != "mosul-chronology:e1"
    again = pipeline.ingest(FileStore(data), seeds, Settings.from_env())
    assert (again.unchanged, FORMAT) == (1, 3)


def test_a_renamed_file_with_the_same_id_and_content_is_extracted_again(tmp_path: Path) -> None:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    (seeds / "a_b.md").write_text(ARTICLE, encoding="utf-8")
    pipeline.ingest(FileStore(data), seeds, Settings.from_env())
    (seeds / "a_b.md").rename(seeds / "a-b.md")
    report = pipeline.ingest(FileStore(data), seeds, Settings.from_env())
    assert (report.extracted, report.unchanged, report.removed) == (1, 0, [])
    assert stored(data)["a-b"]["article"]["path"].endswith("a-b.md")  # type: ignore[index]
