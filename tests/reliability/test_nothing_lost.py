"""Nothing silently lost: article ids that read alike, a build killed while it saves,
and the chronology CSVs an analyst's spreadsheet writes (issue 19).

Every article, chronology and timeline here is SYNTHETIC, written for these tests.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from frontline.errors import StoreError
from frontline.settings import Settings
from geodata.theatre import load_theatre
from tests.builders import TOY_END, make_event, make_extraction, toy_districts, toy_theatre
from tests.unit.timeline_pair import to_old_pair
from timeline import pipeline
from timeline.control.build import build_timeline
from timeline.extract.chronology import load_chronology
from timeline.store.files import FileStore
from timeline.store.timeline_files import load_timeline, save_timeline

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Settings.defaults()
ARTICLE = """---
title: "SYNTHETIC report"
source: "Synthetic Wire"
published: 2017-05-10
---
The Counter-Terrorism Service took over {place} on Wednesday.
"""
HEADER = "date,precision,kind,places,actor,side,status,value,source,note\n"
PLACES = ("al-maamel", "gogjali", "old-city", "al-islah-al-zirai", "al-tahrir")


def chronology(rows: int) -> str:
    return HEADER + "".join(
        f"{dt.date(2017, 3, 1) + dt.timedelta(days=i)},day,capture,{PLACES[i % len(PLACES)]},"
        f"CTS,government,reported,,Synthetic Wire,row {i}\n" for i in range(rows))


def test_an_article_beside_a_chronology_of_the_same_name_keeps_both(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "mosul_chronology.md").write_text(ARTICLE.format(place="al-Maamel"),
                                                encoding="utf-8")
    (folder / "mosul-chronology.csv").write_text(chronology(43), encoding="utf-8")
    store = FileStore(tmp_path / "data")
    report = pipeline.ingest(store, folder, SETTINGS)
    assert report.extracted == 2 and report.failures == []
    assert len(report.collisions) == 1 and "kept apart" in report.collisions[0]
    by_id = {e.article.id: e for e in store.extractions()}
    assert len(by_id) == 2
    [table] = [e for e in by_id.values() if e.article.path.endswith(".csv")]
    assert len(table.events) == 43  # never replaced by the article's single event


def test_non_latin_and_punctuation_only_names_are_all_kept(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    names = ("الموصل.md", "معركة.md", "___.md", "---.md")
    for name, place in zip(names, PLACES, strict=False):
        (folder / name).write_text(ARTICLE.format(place=place), encoding="utf-8")
    store = FileStore(tmp_path / "data")
    report = pipeline.ingest(store, folder, SETTINGS)
    assert report.extracted == len(names) and report.failures == []
    ids = store.article_ids()
    assert len(ids) == len(names)  # the summary's count is what the store holds
    assert "الموصل" in ids and "معركة" in ids
    # ids are stable: a second run finds every file unchanged under the same id
    again = pipeline.ingest(store, folder, SETTINGS)
    assert (again.extracted, again.unchanged) == (0, len(names))
    assert store.article_ids() == ids


def _two_timelines() -> tuple[object, object]:
    theatre = toy_theatre()
    districts = toy_districts(theatre)
    first = build_timeline(theatre, districts, [], end=TOY_END)
    second = build_timeline(theatre, districts, [make_extraction(
        (make_event("capture", "2017-01-10", ("w-north",)),), published=dt.date(2017, 1, 11))],
        end=TOY_END)
    return first, second


def test_the_built_timeline_is_one_file_switched_by_one_rename(tmp_path: Path) -> None:
    first, _ = _two_timelines()
    (tmp_path / "timeline.json").write_text("{}", encoding="utf-8")  # an old pair's half
    save_timeline(first, tmp_path)  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.npz"]
    day = dt.date(2017, 1, 12)
    assert load_timeline(tmp_path).state_json(day) == first.state_json(day)  # type: ignore[attr-defined]


def sides(tl: object, day: dt.date) -> tuple[tuple[str, str], ...]:
    return tuple((d["id"], d["side"]) for d in tl.state_json(day)["districts"])  # type: ignore[attr-defined]


def test_a_build_killed_while_saving_leaves_a_readable_timeline(tmp_path: Path) -> None:
    """kill -9 at three moments of a loop of saves: the reader always finds one whole
    timeline, the one before or the one after, never a mixture."""
    first, second = _two_timelines()
    save_timeline(first, tmp_path)  # type: ignore[arg-type]
    day = dt.date(2017, 1, 12)
    states = {sides(t, day) for t in (first, second)}
    assert len(states) == 2
    script = textwrap.dedent(f"""
        import datetime as dt
        from pathlib import Path
        from tests.builders import TOY_END, make_event, make_extraction, toy_districts, toy_theatre
        from timeline.control.build import build_timeline
        from timeline.store.timeline_files import save_timeline
        theatre = toy_theatre()
        districts = toy_districts(theatre)
        tls = [build_timeline(theatre, districts, [], end=TOY_END),
               build_timeline(theatre, districts, [make_extraction(
                   (make_event("capture", "2017-01-10", ("w-north",)),),
                   published=dt.date(2017, 1, 11))], end=TOY_END)]
        print("saving", flush=True)
        n = 0
        while True:
            save_timeline(tls[n % 2], Path({str(tmp_path)!r}))
            n += 1
    """)
    for delay in (0.05, 0.4, 1.1):
        child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT,
                                 stdout=subprocess.PIPE,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert child.stdout is not None and child.stdout.readline() == b"saving\n"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert sides(load_timeline(tmp_path), day) in states
    store = FileStore(tmp_path)
    store.remove_stale_temporaries()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.npz"]


def test_an_old_pair_from_two_builds_is_refused_in_one_line(tmp_path: Path) -> None:
    first, second = _two_timelines()
    save_timeline(first, tmp_path / "a")  # type: ignore[arg-type]
    save_timeline(second, tmp_path / "b")  # type: ignore[arg-type]
    to_old_pair(tmp_path / "a")
    to_old_pair(tmp_path / "b")
    (tmp_path / "a" / "timeline.npz").write_bytes((tmp_path / "b" / "timeline.npz").read_bytes())
    with pytest.raises(StoreError) as caught:
        load_timeline(tmp_path / "a")
    assert "\n" not in str(caught.value) and "timeline build" in str(caught.value)


def test_a_quoted_header_is_valid_csv(tmp_path: Path) -> None:
    quoted = ",".join(f'"{h}"' for h in HEADER.strip().split(",")) + "\n"
    path = tmp_path / "table.csv"
    path.write_text(quoted + chronology(3).split("\n", 1)[1], encoding="utf-8")
    assert len(load_chronology(path).events) == 3


@pytest.mark.parametrize(("value", "why"), [
    ("5-3", "low end is above its high end"),
    ("1e32", "not a number"),
    ("100000000000000000000000000000000", "larger than any count"),
    ("7-2000000000000", "larger than any count"),
])
def test_impossible_figure_values_are_rejected_by_line(
        tmp_path: Path, value: str, why: str) -> None:
    path = tmp_path / "table.csv"
    path.write_text(
        HEADER + f"2017-05-10,day,killed,al-maamel,CTS,government,reported,{value},W,bad\n"
        + "2017-05-11,day,killed,al-maamel,CTS,government,reported,40,W,good\n",
        encoding="utf-8")
    extraction = load_chronology(path)
    assert [f.value for f in extraction.figures] == [40]
    [warning] = extraction.warnings
    assert "line 2:" in warning and why in warning and "row skipped" in warning


def test_a_quoted_note_spanning_lines_is_kept_whole(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    note = "Taken after a week.\n\nSecond paragraph, with a comma."
    path.write_text(
        HEADER + f'2017-05-10,day,capture,al-maamel,CTS,government,reported,,W,"{note}"\n'
        + "2017-05-12,day,capture,gogjali,CTS,government,reported,,W,after\n",
        encoding="utf-8")
    extraction = load_chronology(path)
    assert [e.note for e in extraction.events] == [note, "after"]
    first, second = extraction.events
    assert first.provenance.quote.endswith('with a comma."')
    assert second.provenance.quote.startswith("2017-05-12")
    assert extraction.warnings == ()


def test_a_build_removes_the_temporaries_of_a_killed_writer(tmp_path: Path) -> None:
    """The next build, like the next ingest, cleans what a ``kill -9`` left behind."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # its process id is now free: a writer that died
    (tmp_path / "corpus").mkdir()
    stray = [tmp_path / f".timeline.npz.pid{dead.pid}.abcd.tmp",
             tmp_path / "corpus" / f".x.json.pid{dead.pid}.abcd.tmp"]
    for path in stray:
        path.write_bytes(b"half a write")
    live = tmp_path / f".timeline.npz.pid{os.getpid()}.abcd.tmp"
    live.write_bytes(b"a write in progress")
    store = FileStore(tmp_path)
    store.save_extraction(make_extraction(
        (make_event("capture", "2017-01-10", ("al-maamel",)),), published=dt.date(2017, 1, 11)))
    pipeline.build(store, load_theatre("mosul"), SETTINGS)
    assert [p.exists() for p in stray] == [False, False]
    assert live.exists() and store.has_timeline()
