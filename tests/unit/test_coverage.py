"""The README's Data section says what the shipped chronology covers (issue 14)."""

from __future__ import annotations

from pathlib import Path

from viewmodel.coverage import BLOCK_END, BLOCK_START, chronology_coverage, readme_block

ROOT = Path(__file__).resolve().parents[2]
HEADER = ("date,precision,kind,places,actor,side,status,value,source,note,since,subject,"
          "claimant,url,source_date,confidence\n")


def test_readme_states_the_coverage_the_chronology_gives() -> None:
    block = readme_block((ROOT / "README.md").read_text(encoding="utf-8"))
    assert block, "README.md has no coverage block"
    assert block == chronology_coverage().markdown(), (
        "README coverage is stale: run `python -m viewmodel.coverage` and paste its block")


def test_the_east_bank_is_dated_to_the_issue_aim() -> None:
    coverage = chronology_coverage()
    assert coverage.districts["east"] == 43
    assert coverage.dated["east"] >= 39


def test_only_rows_naming_a_district_date_it(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER
        + "2016-11-10,day,capture,al-zahraa,CTS,government,reported,,S,taken,,,,,,high\n"
        + "2016-11-17,day,capture,al-tahrir,CTS,government,claimed,,S,claimed,,,,,,\n"
        + "2016-11-04,day,attack,aden,CTS,government,reported,,S,entered,,,,,,high\n"
        + "2017-01-24,day,capture,east-mosul,Iraqi forces,government,reported,,S,all,,,,,,low\n"
        + "2016-11-25,day,displaced,mosul,IOM,,,71436,S,displaced,,people,,,,\n",
        encoding="utf-8")
    coverage = chronology_coverage(path)
    assert coverage.dated["east"] == 2 and coverage.dated["west"] == 0
    assert coverage.claimed_only == ("al-tahrir",)
    assert "aden" in coverage.undated
    assert coverage.confidence == {"high": 1, "low": 1, "not given": 1}
    assert coverage.series == {"Displaced": 1}
    text = coverage.markdown()
    assert text.startswith(BLOCK_START) and text.endswith(BLOCK_END)
    assert "**2 / 81**" in text
