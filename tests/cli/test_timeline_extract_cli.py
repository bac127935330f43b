"""``python -m timeline extract`` and ``ingest`` per the CLI contract (issue 4)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

SEED = "seeds/2017-05-10-iraqinews-al-maamel.md"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def one_line_error(result: object, *words: str) -> None:
    assert result.returncode != 0  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0]


def test_extract_json_contract() -> None:
    result = run_cli("timeline", "extract", SEED, "--json", check=True)
    data = json.loads(result.stdout)
    assert data["article"]["published"] == "2017-05-10"
    assert set(data["article"]) >= {"path", "title", "published", "source"}
    capture = data["events"][0]
    assert capture["id"] == "2017-05-10-iraqinews-al-maamel:e-9915466947"
    assert (capture["kind"], capture["date"], capture["date_precision"]) == (
        "capture", "2017-05-10", "day")
    assert capture["places"] == [{"id": "al-maamel", "mention": "al-Maamel"}]
    assert capture["actor"] == "Counter-Terrorism Service" and capture["status"] == "reported"
    killed = next(f for f in data["figures"] if f["value"] == 3320)
    assert (killed["qualifier"], killed["as_of"], killed["since"], killed["claimant"]) == (
        "exact", "2017-05-08", "2017-02", "Interior Ministry")
    assert isinstance(data["unresolved_places"], list)


def test_extract_needs_published_for_relative_dates() -> None:
    path = str(FIXTURES / "undated.txt")
    one_line_error(run_cli("timeline", "extract", path, "--json"), "undated.txt", "--published")
    result = run_cli("timeline", "extract", path, "--published", "2017-03-07", "--json",
                     check=True)
    (event,) = json.loads(result.stdout)["events"]
    assert event["date"] == "2017-03-07" and event["places"][0]["id"] == "al-dawasa"


def test_extract_bad_published_value() -> None:
    one_line_error(run_cli("timeline", "extract", SEED, "--published", "yesterday"),
                   "--published", "yesterday")


@pytest.mark.parametrize(("name", "data", "word"), [
    ("empty.md", b"", "empty"),
    ("binary.txt", b"\x00\x01\x02ELF", "binary"),
])
def test_extract_bad_files(tmp_path: Path, name: str, data: bytes, word: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    one_line_error(run_cli("timeline", "extract", str(path)), name, word)


def test_extract_html_warns_about_scripts_on_stderr() -> None:
    result = run_cli("timeline", "extract", str(FIXTURES / "police-report.html"), "--json",
                     check=True)
    assert "<script>" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["events"][0]["places"][0]["id"] == "al-zanjili"


def test_ingest_goes_on_after_bad_files_and_skips_unchanged(tmp_path: Path) -> None:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    shutil.copy(ROOT / SEED, seeds)
    shutil.copy(ROOT / "seeds" / "mosul-chronology.csv", seeds)
    (seeds / "broken.md").write_bytes(b"\x00binary")
    env = {"FRONTLINE_DATA_DIR": str(data)}
    first = run_cli("timeline", "ingest", str(seeds), env=env)
    assert first.returncode == 0, first.stderr
    assert "articles: 2 extracted, 0 unchanged, 1 failed, 0 removed" in first.stdout
    assert "from the extracted articles:" in first.stdout
    assert "unresolved names:" in first.stdout
    assert "broken.md" in first.stderr and "Traceback" not in first.stderr
    stored = sorted(p.name for p in (data / "corpus").glob("*.json"))
    assert stored == ["2017-05-10-iraqinews-al-maamel.json", "mosul-chronology.json"]
    second = run_cli("timeline", "ingest", str(seeds), env=env)
    assert "0 extracted, 2 unchanged, 1 failed" in second.stdout
    # The seed goes bad: its stored extraction survives.
    before = (data / "corpus" / "2017-05-10-iraqinews-al-maamel.json").read_text()
    (seeds / SEED.split("/")[1]).write_bytes(b"")
    third = run_cli("timeline", "ingest", str(seeds), env=env)
    assert third.returncode == 0 and "2 failed" in third.stdout
    assert (data / "corpus" / "2017-05-10-iraqinews-al-maamel.json").read_text() == before
    # The chronology is deleted: its entry goes too, and the summary names it.
    (seeds / "mosul-chronology.csv").unlink()
    fourth = run_cli("timeline", "ingest", str(seeds), env=env)
    assert "1 removed (no longer in the folder: mosul-chronology.csv)" in fourth.stdout
    assert not (data / "corpus" / "mosul-chronology.json").exists()
    assert (data / "corpus" / "2017-05-10-iraqinews-al-maamel.json").read_text() == before


def test_ingest_leaves_entries_of_other_folders_alone(tmp_path: Path) -> None:
    env = {"FRONTLINE_DATA_DIR": str(tmp_path / "data")}
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(ROOT / "seeds" / "mosul-chronology.csv", tmp_path / name / f"{name}.csv")
        assert run_cli("timeline", "ingest", str(tmp_path / name), env=env).returncode == 0
    (tmp_path / "b" / "b.csv").unlink()
    again = run_cli("timeline", "ingest", str(tmp_path / "a"), env=env)
    assert "0 removed" in again.stdout
    assert (tmp_path / "data" / "corpus" / "b.json").exists()  # only b's own ingest drops it


def test_ingest_keeps_files_that_read_alike_apart_and_says_so(tmp_path: Path) -> None:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / "mosul-chronology.csv", seeds)
    shutil.copy(ROOT / SEED, seeds / "mosul_chronology.md")
    for name in ("الموصل.md", "معركة.md", "___.md"):
        shutil.copy(ROOT / SEED, seeds / name)
    result = run_cli("timeline", "ingest", str(seeds), env={"FRONTLINE_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert "articles: 5 extracted, 0 unchanged, 0 failed, 0 removed" in result.stdout
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("id collision:")]
    assert "mosul-chronology.csv" in line and "mosul_chronology.md" in line
    assert len(list((data / "corpus").glob("*.json"))) == 5
    extracted = run_cli("timeline", "extract", str(seeds / "mosul_chronology.md"), "--json",
                        check=True)
    assert json.loads(extracted.stdout)["events"][0]["id"].startswith("mosul-chronology-md:e-")


def test_ingest_fails_when_every_file_fails(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"")
    result = run_cli("timeline", "ingest", str(tmp_path),
                     env={"FRONTLINE_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 1 and "a.md" in result.stderr


def test_ingest_missing_folder_is_one_line_error(tmp_path: Path) -> None:
    one_line_error(run_cli("timeline", "ingest", str(tmp_path / "nope"),
                           env={"FRONTLINE_DATA_DIR": str(tmp_path / "data")}), "nope")
