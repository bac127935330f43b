"""Analyst chronologies (CSV) and the article store (issue 4)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from timeline.extract.articles import load_article
from timeline.extract.chronology import load_chronology
from timeline.extract.extractor import extract_article
from timeline.records import BASIS_ANALYST, Extraction
from timeline.store.corpus import entry_path, load_extractions, save_extraction, stored_sha256

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "2017-05-10-iraqinews-al-maamel.md"
CHRONOLOGY = ROOT / "seeds" / "mosul-chronology.csv"
HEADER = "date,precision,kind,places,actor,side,status,value,source,note\n"


def test_shipped_chronology_covers_the_battle() -> None:
    x = load_chronology(CHRONOLOGY)
    assert x.warnings == ()
    days = [e.date.start for e in x.events]
    assert min(d for d in days if d.year >= 2016) <= dt.date(2016, 10, 31)
    assert max(days) >= dt.date(2017, 7, 10)
    assert all(e.provenance.basis == BASIS_ANALYST and e.provenance.source for e in x.events)
    claims = [e for e in x.events if e.date.iso() == "2016-11-04" and e.status == "claimed"]
    assert {p.id for p in claims[0].places} == {"al-malayeen", "al-samah", "al-khadra",
                                                "kirkukli", "al-quds", "al-karama"}
    east = [e for e in x.events if e.date.iso() == "2017-01-24"]
    assert ("capture", ["east-mosul"]) in [(e.kind, [p.id for p in e.places]) for e in east]


def test_every_shipped_row_is_resolved_or_an_honest_name() -> None:
    x = load_chronology(CHRONOLOGY)
    for event in x.events:
        for ref in event.places:
            assert ref.id is not None or ref.mention in x.unresolved_places


def test_rows_quote_their_csv_line(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "2017-06-29,day,capture,al-nuri-mosque;Nowhereville,Iraqi forces,"
                    "government,reported,,Test source,retaken\n"
                    "2017-06-18,day,trapped,old-city,United Nations,,,~100000,UN,trapped\n",
                    encoding="utf-8")
    x = load_chronology(path)
    (event,), (fig,) = x.events, x.figures
    start, end = event.provenance.span
    assert x.article.text[start:end] == event.provenance.quote
    assert event.provenance.quote.startswith("2017-06-29,day,capture")
    assert [p.id for p in event.places] == ["al-nuri-mosque", None]
    assert x.unresolved_places == ("Nowhereville",)
    assert (fig.kind, fig.value, fig.qualifier, fig.claimant) == ("trapped", 100000, "about",
                                                                  "United Nations")


def test_bad_rows_are_reported_by_line_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER
                    + "2017-13-01,day,capture,al-maamel,CTS,government,reported,,S,bad month\n"
                    + "2017-05-11,day,teleport,al-maamel,CTS,government,reported,,S,bad kind\n"
                    + "2017-05-11,day,capture,al-maamel,CTS,martians,reported,,S,bad side\n"
                    + "2017-05-11,day,killed,al-maamel,CTS,,,lots,S,bad value\n"
                    + "2017-05-11,day,capture,al-maamel,CTS,government,reported,,,no source\n"
                    + "2017-05-11,day,capture,al-maamel,CTS,government,reported,,S,good\n",
                    encoding="utf-8")
    x = load_chronology(path)
    assert len(x.events) == 1 and x.events[0].note == "good"
    lines = [w.split("line ")[1].split(":")[0] for w in x.warnings]
    assert lines == ["2", "3", "4", "5", "6"]


def test_store_round_trip_and_skip_by_hash(tmp_path: Path) -> None:
    x = extract_article(load_article(SEED))
    save_extraction(x, tmp_path)
    assert stored_sha256(x.article.id, tmp_path) == x.article.sha256
    (back,) = load_extractions(tmp_path)
    assert [e.to_json() for e in back.events] == [e.to_json() for e in x.events]
    assert [f.to_json() for f in back.figures] == [f.to_json() for f in x.figures]
    assert back.article.published == dt.date(2017, 5, 10)


def test_known_on_filters_articles_and_chronology_rows(tmp_path: Path) -> None:
    save_extraction(extract_article(load_article(SEED)), tmp_path)
    save_extraction(load_chronology(CHRONOLOGY), tmp_path)
    before = load_extractions(tmp_path, known_on=dt.date(2017, 1, 1))
    assert [x.article.id for x in before] == ["mosul-chronology"]
    assert all(e.date.start <= dt.date(2017, 1, 1) for e in before[0].events)
    after = load_extractions(tmp_path, known_on=dt.date(2017, 5, 10))
    assert len(after) == 2


def test_a_failed_write_keeps_the_stored_entry(tmp_path: Path) -> None:
    x = extract_article(load_article(SEED))
    path = save_extraction(x, tmp_path)
    good = path.read_text(encoding="utf-8")
    broken = Extraction(x.article, x.events, x.figures, (object(),))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        save_extraction(broken, tmp_path)
    assert path.read_text(encoding="utf-8") == good
    assert json.loads(good)["sha256"] == x.article.sha256
    assert sorted(p.name for p in entry_path(x.article.id, tmp_path).parent.iterdir()) == [
        path.name]
