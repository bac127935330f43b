"""One bad file never stops the rest: each is reported on one line and skipped, the
later files are still ingested and deleted articles still removed (issue 19).

Every article and chronology here is SYNTHETIC, written for these tests.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from frontline.budget import run_bounded
from frontline.errors import ArticleError, LimitError
from frontline.settings import Settings
from tests.conftest import run_cli
from timeline import pipeline
from timeline.extract.articles import load_article, read_bounded
from timeline.extract.chronology import load_chronology
from timeline.store.files import FileStore

SETTINGS = Settings.defaults()
GOOD = """---
title: "SYNTHETIC report"
source: "Synthetic Wire"
published: 2017-05-10
---
The Counter-Terrorism Service took over al-Maamel on Wednesday.
"""
HEADER = "date,precision,kind,places,actor,side,status,value,source,note\n"
ROW = "2017-05-10,day,capture,al-maamel,CTS,government,reported,,Synthetic Wire,{note}\n"


def article(published: str) -> str:
    return GOOD.replace("published: 2017-05-10", f"published: {published}")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "seeds"
    out.mkdir()
    return out


def ingest(folder: Path, tmp_path: Path, settings: Settings = SETTINGS) -> pipeline.IngestReport:
    return pipeline.ingest(FileStore(tmp_path / "data"), folder, settings)


@pytest.mark.parametrize("published", ["2017-02-30", "0000-01-01", "2017-05-10T25:00:00",
                                       "2017-13-01", "'2017-02-30'"])
def test_an_impossible_front_matter_date_is_skipped_not_stopped(
        folder: Path, tmp_path: Path, published: str) -> None:
    (folder / "gone.md").write_text(GOOD, encoding="utf-8")
    assert ingest(folder, tmp_path).extracted == 1
    (folder / "gone.md").unlink()
    (folder / "a-bad.md").write_text(article(published), encoding="utf-8")
    (folder / "z-good.md").write_text(GOOD, encoding="utf-8")
    report = ingest(folder, tmp_path)
    assert report.extracted == 1, report.failures  # the file after the bad one
    assert report.removed == ["gone.md"]  # the deleted article is still removed
    [line] = report.failures
    assert "a-bad.md" in line and "published" in line and "\n" not in line
    assert FileStore(tmp_path / "data").article_ids() == ["z-good"]


def test_a_yaml_alias_bomb_is_refused_at_once(folder: Path, tmp_path: Path) -> None:
    # About 400 bytes that a plain YAML loader expands to 9**9 list items.
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "---\n" + "\n".join(bomb) + "\npublished: 2017-05-10\n---\nForces advanced.\n"
    assert len(text.encode()) < 600
    (folder / "bomb.md").write_text(text, encoding="utf-8")
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    report = ingest(folder, tmp_path)
    assert report.extracted == 1
    [line] = report.failures
    assert "bomb.md" in line and "anchor" in line


def test_front_matter_over_its_size_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text("---\ntitle: " + "x" * 200_000 + "\npublished: 2017-05-10\n---\nText.\n",
                    encoding="utf-8")
    with pytest.raises(ArticleError, match=r"big.md: front matter is .* over the"):
        load_article(path)


@pytest.mark.parametrize("name", ["huge.md", "huge.csv"])
def test_a_sparse_2gb_file_is_refused_by_its_size_without_being_read(
        folder: Path, tmp_path: Path, name: str) -> None:
    huge = folder / name
    with huge.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: no disk used, 2 GB to read
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = ingest(folder, tmp_path)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert report.extracted == 1
    [line] = report.failures
    assert name in line and "FRONTLINE_MAX_ARTICLE_BYTES" in line
    assert f"{2 * 1024**3} bytes is over" in line  # refused by its size, before any read
    assert grown_kb < 1024 * 1024  # the 2 GB were never read into memory


def test_a_read_stops_at_the_cap_whatever_the_size_says(tmp_path: Path) -> None:
    """A file whose size says nothing (a device, a pipe, a file still growing) is read no
    further than the cap: ``/dev/zero`` reports 0 bytes and never ends."""
    with pytest.raises(ArticleError, match="over FRONTLINE_MAX_ARTICLE_BYTES=1000 bytes"):
        read_bounded(Path("/dev/zero"), 1000)


def test_a_chronology_read_alone_obeys_the_cap_too(tmp_path: Path) -> None:
    # ``python -m timeline extract table.csv`` reads it without the ingest's own check.
    path = tmp_path / "table.csv"
    path.write_text(HEADER + "".join(ROW.format(note=f"row {i}") for i in range(200)),
                    encoding="utf-8")
    with pytest.raises(ArticleError, match=r"table.csv: .* over FRONTLINE_MAX_ARTICLE_BYTES=4000"):
        load_chronology(path, max_bytes=4000)


def test_a_chronology_obeys_the_article_size_cap(folder: Path, tmp_path: Path) -> None:
    rows = "".join(ROW.format(note=f"row {i}") for i in range(200))
    (folder / "table.csv").write_text(HEADER + rows, encoding="utf-8")
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    small = dataclasses.replace(SETTINGS, max_article_bytes=4000)
    report = ingest(folder, tmp_path, small)
    assert report.extracted == 1
    [line] = report.failures
    assert "table.csv" in line and "FRONTLINE_MAX_ARTICLE_BYTES=4000" in line


def test_a_cell_over_the_csv_field_limit_skips_its_row_only(
        folder: Path, tmp_path: Path) -> None:
    text = (HEADER + ROW.format(note="first") + ROW.format(note="x" * 200_000)
            + ROW.format(note="third").replace("al-maamel", "gogjali"))
    (folder / "table.csv").write_text(text, encoding="utf-8")
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    report = ingest(folder, tmp_path)
    assert report.extracted == 2 and report.failures == []
    assert any("table.csv: line 3:" in w and "field" in w for w in report.warnings)
    [stored] = [e for e in FileStore(tmp_path / "data").extractions()
                if e.article.id == "table"]
    assert [e.note for e in stored.events] == ["first", "third"]


def test_a_file_over_its_time_budget_is_skipped_not_a_stall() -> None:
    before = _zombies()
    with pytest.raises(LimitError, match="longer than its 1 s budget"):
        run_bounded(lambda: time.sleep(120), seconds=1, memory_mb=512)
    assert _zombies() <= before


def ordinary_text(size: int) -> str:
    """SYNTHETIC: one ordinary sentence repeated to ``size`` bytes (a valid article)."""
    sentence = "Iraqi forces retook al-Maamel on Monday, the military said. "
    return article("2017-05-10").replace(
        "The Counter-Terrorism Service took over al-Maamel on Wednesday.\n",
        sentence * (size // len(sentence)) + "\n")


@pytest.mark.parametrize(("budget", "why"), [
    ({"FRONTLINE_INGEST_FILE_SECONDS": "3"}, "longer than its 3 s budget"),
    ({"FRONTLINE_INGEST_FILE_MEMORY_MB": "64"}, "more than its 64 MB memory budget"),
])
def test_a_file_over_its_budget_in_an_ingest_is_skipped_and_the_rest_goes_on(
        folder: Path, tmp_path: Path, budget: dict[str, str], why: str) -> None:
    """A 4.7 MB article (under the size cap) needs more than 64 MB and far more than
    3 s to extract: ``python -m timeline ingest`` reports it on one line, a MemoryError or
    a stall never reaches it, and the next file and the removal of a deleted one still
    happen. Run as the analyst runs it, in a fresh process: the memory budget is address
    space on top of the process's own, and a test process that has freed memory would
    let the child reuse it unseen."""
    env = {"FRONTLINE_DATA_DIR": str(tmp_path / "data"), **budget}
    (folder / "gone.md").write_text(GOOD, encoding="utf-8")
    assert run_cli("timeline", "ingest", str(folder), env=env, check=True)
    (folder / "gone.md").unlink()
    (folder / "a-greedy.md").write_text(ordinary_text(4_700_000), encoding="utf-8")
    (folder / "z-good.md").write_text(GOOD, encoding="utf-8")
    result = run_cli("timeline", "ingest", str(folder), env=env, check=True)
    assert "articles: 1 extracted, 0 unchanged, 1 failed, 1 removed" in result.stdout
    [line] = [x for x in result.stderr.splitlines() if "a-greedy.md" in x]
    assert why in line and "skipped" in line and "Traceback" not in result.stderr
    assert FileStore(tmp_path / "data").article_ids() == ["z-good"]


def test_a_memory_error_is_reported_not_raised() -> None:
    before = _zombies()
    with pytest.raises(LimitError, match="256 MB memory budget"):
        run_bounded(lambda: bytearray(8 * 1024**3), seconds=60, memory_mb=256)
    assert _zombies() <= before


def test_any_crash_of_one_file_comes_back_as_one_line() -> None:
    with pytest.raises(LimitError, match="unexpected ValueError: day is out of range"):
        run_bounded(lambda: int("x") if False else _raise(ValueError("day is out of range")),
                    seconds=60, memory_mb=512)
    assert run_bounded(lambda: {"ok": [1, 2]}, seconds=60, memory_mb=512) == {"ok": [1, 2]}


def test_pathological_text_is_extracted_or_skipped_and_the_rest_goes_on(
        folder: Path, tmp_path: Path) -> None:
    # A 120 KB run-on sentence full of trigger words and a 40 KB token without spaces:
    # each once took the extractor minutes. Whatever the extractor's speed, ingest goes
    # on within each file's budget.
    runon = " and ".join(f"forces took al-Maamel and attacked Gogjali {i}" for i in range(2600))
    token = "al-" * 14_000
    (folder / "a-runon.md").write_text(article("2017-05-10").replace(
        "The Counter-Terrorism Service took over al-Maamel on Wednesday.", runon),
        encoding="utf-8")
    (folder / "b-token.md").write_text(article("2017-05-10") + token + "\n", encoding="utf-8")
    (folder / "z-good.md").write_text(GOOD, encoding="utf-8")
    report = ingest(folder, tmp_path, dataclasses.replace(SETTINGS, ingest_file_seconds=5))
    assert report.extracted + len(report.failures) == 3
    assert "z-good" in FileStore(tmp_path / "data").article_ids()
    assert all("budget" in line for line in report.failures), report.failures


def test_temporaries_of_a_killed_write_are_removed_on_the_next_run(
        folder: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "corpus").mkdir(parents=True)
    script = textwrap.dedent(f"""
        import time
        from pathlib import Path
        from frontline.atomic import write_atomic
        def forever(handle):
            handle.write(b"half")
            handle.flush()
            print("writing", flush=True)
            time.sleep(600)
        write_atomic(Path({str(data / "corpus" / "x.json")!r}), forever)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(Path.cwd())})
    assert child.stdout is not None and child.stdout.readline() == b"writing\n"
    stray = [p for p in (data / "corpus").iterdir() if p.name.endswith(".tmp")]
    assert len(stray) == 1
    alive_tmp = data / f".timeline.npz.pid{os.getpid()}.abcd.tmp"
    alive_tmp.write_bytes(b"a write in progress")  # a live writer's: left alone
    child.kill()
    child.wait()
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    assert ingest(folder, tmp_path).extracted == 1
    assert not stray[0].exists()
    assert alive_tmp.exists()
    assert not (data / "corpus" / "x.json").exists()


def _raise(exc: Exception) -> None:
    raise exc


def _zombies() -> set[str]:
    """Zombie children of this process (finished but never waited for); a test compares
    them before and after, as another test's leftovers are not its own."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] == "Z" and int(fields[1]) == os.getpid():
            found.add(stat.parent.name)
    return found
