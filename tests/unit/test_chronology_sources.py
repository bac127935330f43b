"""A chronology row's source columns: url, source_date, confidence (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from timeline.extract.chronology import load_chronology
from timeline.records import Extraction
from timeline.store.corpus import load_extractions, save_extraction

HEADER = ("date,precision,kind,places,actor,side,status,value,source,note,since,subject,"
          "claimant,url,source_date,confidence\n")
ROW = ("2016-11-04,day,capture,gogjali,Counter-Terrorism Service,government,reported,,"
       "Reuters 'Iraqi forces advance',cleared,,,,https://example.org/a,2016-11-05,high\n")


def _write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "c.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


def test_source_columns_travel_on_the_provenance(tmp_path: Path) -> None:
    x = load_chronology(_write(tmp_path, ROW))
    assert x.warnings == ()
    (event,) = x.events
    p = event.provenance
    assert (p.url, p.source_date, p.confidence) == ("https://example.org/a",
                                                    dt.date(2016, 11, 5), "high")
    assert p.published == dt.date(2016, 11, 4)  # known from the event's day, not the source's
    data = event.to_json()
    assert (data["url"], data["source_date"], data["confidence"]) == (
        "https://example.org/a", "2016-11-05", "high")


def test_source_columns_round_trip_through_the_store(tmp_path: Path) -> None:
    x = load_chronology(_write(tmp_path, ROW, ROW.replace(",high", ",").replace(
        "https://example.org/a,2016-11-05", ",")))
    save_extraction(x, tmp_path / "store")
    (back,) = load_extractions(tmp_path / "store")
    assert [e.to_json() for e in back.events] == [e.to_json() for e in x.events]
    first, second = back.events
    assert (first.provenance.source_date, first.provenance.confidence) == (
        dt.date(2016, 11, 5), "high")
    assert (second.provenance.url, second.provenance.source_date,
            second.provenance.confidence) == ("", None, "")
    assert "source_date" not in second.to_json()


def test_an_old_store_entry_without_the_columns_still_loads(tmp_path: Path) -> None:
    x = load_chronology(_write(tmp_path, ROW))
    data = x.to_json()
    for event in data["events"]:
        for key in ("url", "source_date", "confidence"):
            del event[key]
    (event,) = Extraction.from_json(data).events
    assert (event.provenance.source_date, event.provenance.confidence) == (None, "")


def test_bad_source_date_or_confidence_skips_the_row_naming_the_column(
        tmp_path: Path) -> None:
    rows = (ROW.replace("2016-11-05", "5 Nov 2016"), ROW.replace("2016-11-05", "2016-11-31"),
            ROW.replace("20161105", "").replace(",high", ",certain"), ROW)
    x = load_chronology(_write(tmp_path, *rows))
    assert len(x.events) == 1
    assert [w.split(": ")[2].split(" ")[0] for w in x.warnings] == [
        "source_date", "source_date", "confidence"]
    assert all("row skipped" in w for w in x.warnings)


def test_a_file_without_the_new_columns_reads_as_before(tmp_path: Path) -> None:
    header = "date,precision,kind,places,actor,side,status,value,source,note\n"
    x = load_chronology(_write(tmp_path, ROW.split(",cleared")[0] + ",cleared\n",
                               header=header))
    (event,) = x.events
    assert (event.provenance.url, event.provenance.source_date) == ("", None)


def test_week_precision_is_an_approximate_day(tmp_path: Path) -> None:
    x = load_chronology(_write(tmp_path, ROW.replace("2016-11-04,day", "2016-11-04,week")))
    (event,) = x.events
    assert (event.date.precision, event.date.start) == ("week", dt.date(2016, 10, 31))
