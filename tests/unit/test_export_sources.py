"""The sources an export lists: an article by its publication, an analyst chronology by
the outlets its rows cite (SYNTHETIC rows, not real battle data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from exports import selection
from exports.context import ExportContext
from tests.unit.export_support import SYNTH_SOURCE, synthetic_context
from timeline.extract.chronology import load_chronology

HEADER = "date,precision,kind,places,actor,side,status,value,source,note,url\n"
ROWS = [
    "2017-05-01,day,capture,al-maamel,CTS,government,reported,,SYNTHETIC Wire A,"
    "took it,https://example.org/a\n",
    "2017-05-03,day,capture,al-islah-al-zirai,CTS,government,reported,,SYNTHETIC Wire B,"
    "took it,https://example.org/b\n",
    "2017-05-04,day,attack,al-islah-al-zirai,ISIS,isis,reported,,SYNTHETIC Wire B,"
    "counter-attack,https://example.org/b\n",
    "2017-06-20,day,capture,al-zanjili,CTS,government,reported,,SYNTHETIC Wire C,"
    "took it,https://example.org/c\n",
]


def with_chronology(tmp_path: Path) -> ExportContext:
    path = tmp_path / "synthetic-chronology.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    ctx = synthetic_context()
    return replace(ctx, extractions=(*ctx.extractions, load_chronology(path)))


def test_a_chronology_is_listed_by_the_sources_its_rows_cite_not_as_undated(
        tmp_path: Path) -> None:
    ctx = with_chronology(tmp_path)
    labels = [s.label() for s in selection.sources_of(ctx, dt.date(2017, 5, 11))]
    chronology = [label for label in labels if "synthetic-chronology.csv" in label]
    # Rows of 1, 3 and 4 May cite two outlets; the June row is not yet in view.
    assert chronology and "citing 2 source(s)" in chronology[0]
    assert not any("undated" in label for label in labels)
    assert any(label.startswith(SYNTH_SOURCE) and "2017-05-10" in label for label in labels)
    later = [s.label() for s in selection.sources_of(ctx, dt.date(2017, 7, 1))]
    assert any("citing 3 source(s)" in label for label in later)


def test_each_chronology_row_carries_its_own_outlet_and_address(tmp_path: Path) -> None:
    from exports.tables import event_table

    table = event_table(with_chronology(tmp_path), dt.date(2017, 5, 11))
    rows = table[table["source"].str.startswith("SYNTHETIC Wire")]
    assert sorted(zip(rows["source"], rows["url"], strict=True)) == [
        ("SYNTHETIC Wire A", "https://example.org/a"),
        ("SYNTHETIC Wire B", "https://example.org/b"),
        ("SYNTHETIC Wire B", "https://example.org/b")]
