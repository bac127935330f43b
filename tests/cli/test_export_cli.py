"""``python -m dashboard export`` per the CLI contract, on the data built from seeds/."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from exports.snapshot import HEIGHT, MAP_BOX, WIDTH
from geodata.theatre import load_theatre
from tests.conftest import run_cli
from tests.unit.export_support import side_pixels

DATE = "2017-05-11"


def export(out: Path, *extra: str, date: str = DATE, fmt: str = "png",
           env: dict[str, str] | None = None) -> object:
    return run_cli("dashboard", "export", "--date", date, "--format", fmt, "--out", str(out),
                   *extra, env=env)


def assert_one_line_failure(result: object, *words: str) -> None:
    assert result.returncode != 0  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err, err


@pytest.mark.slow
def test_png_of_the_al_maamel_day_shows_both_sides(data_env: dict[str, str],
                                                    tmp_path: Path) -> None:
    out = tmp_path / "snapshot.png"
    result = export(out, env=data_env)
    assert result.returncode == 0, result.stderr
    image = Image.open(out)
    assert image.size == (WIDTH, HEIGHT)
    rgb = np.asarray(image.convert("RGB"))
    area = rgb[MAP_BOX.top:int(MAP_BOX.bottom), MAP_BOX.left:int(MAP_BOX.right)]
    sides = load_theatre().sides
    assert side_pixels(area, sides["government"].color) > 2000
    assert side_pixels(area, sides["isis"].color) > 2000
    assert [p.name for p in tmp_path.iterdir()] == ["snapshot.png"]


@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml", "gpkg"])
def test_data_formats_write_a_valid_file(data_env: dict[str, str], tmp_path: Path,
                                         fmt: str) -> None:
    out = tmp_path / f"state.{fmt}"
    result = export(out, fmt=fmt, env=data_env)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    if fmt == "geojson":
        doc = json.loads(out.read_text(encoding="utf-8"))
        districts = [f for f in doc["features"] if f["properties"]["layer"] == "district"]
        ids = [f["properties"]["id"] for f in districts]
        assert len(ids) == len(set(ids)) > 50
        by_id = {f["properties"]["id"]: f["properties"] for f in districts}
        assert by_id["al-maamel"]["side"] == "government"
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert {"id", "side", "basis", "since", "evidence"} <= set(rows[0])


@pytest.mark.slow
def test_pptx_with_picked_dates(data_env: dict[str, str], tmp_path: Path) -> None:
    from pptx import Presentation

    out = tmp_path / "deck.pptx"
    result = export(out, "--dates", "2017-01-24,2017-05-11", fmt="pptx", env=data_env)
    assert result.returncode == 0, result.stderr
    assert len(Presentation(str(out)).slides) == 4


@pytest.mark.parametrize(("date", "words"), [
    ("2017-13-40", ("not a date", "2017-13-40", "no month 13")),
    ("2017-02-30", ("not a date", "February 2017 has 28 days")),
    ("yesterday", ("not a date", "YYYY-MM-DD")),
    ("2015-01-01", ("outside the battle", "2016-10-17")),
    ("2018-01-01", ("outside the battle",)),
])
def test_bad_dates_fail_on_one_line(tmp_path: Path, date: str, words: tuple[str, ...]) -> None:
    out = tmp_path / "x.png"
    assert_one_line_failure(export(out, date=date), *words)
    assert not list(tmp_path.iterdir())


def test_unknown_format_fails_on_one_line(tmp_path: Path) -> None:
    assert_one_line_failure(export(tmp_path / "x.docx", fmt="docx"), "docx")
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
def test_layers_flag_hides_layers_and_refuses_unknown_ones(data_env: dict[str, str],
                                                           tmp_path: Path) -> None:
    out = tmp_path / "x.svg"
    result = export(out, "--layers", "districts,front", fmt="svg", env=data_env)
    assert result.returncode == 0, result.stderr
    assert "not shown: events, bridges, context" in out.read_text(encoding="utf-8")
    assert_one_line_failure(export(tmp_path / "y.svg", "--layers", "roads", fmt="svg",
                                   env=data_env), "unknown layer 'roads'")
    assert_one_line_failure(export(tmp_path / "z.csv", "--layers", "front", fmt="csv",
                                   env=data_env), "--layers applies to png, svg and pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.svg"]


def test_a_file_named_for_another_format_is_refused(tmp_path: Path) -> None:
    assert_one_line_failure(export(tmp_path / "b.pdf", fmt="png"), "ends in .pdf", "png")
    assert not list(tmp_path.iterdir())


def test_an_empty_data_directory_is_refused_and_left_alone(tmp_path: Path) -> None:
    env = {"FRONTLINE_DATA_DIR": str(tmp_path / "nothing-built")}
    out = tmp_path / "x.png"
    assert_one_line_failure(export(out, env=env), "no articles", "make data")
    assert not out.exists() and not (tmp_path / "nothing-built").exists()


def test_missing_output_directory_fails_on_one_line(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "dir" / "x.csv"
    assert_one_line_failure(export(out, fmt="csv"), "does not exist")
    assert not (tmp_path / "no").exists()


def test_unwritable_output_directory_fails_on_one_line(data_env: dict[str, str]) -> None:
    out = Path("/sys/frontline-export-test.csv")  # not writable, even by root
    assert_one_line_failure(export(out, fmt="csv", env=data_env), "not writable")
    assert not out.exists()


@pytest.mark.slow
def test_renderer_failure_is_one_line_and_leaves_no_file(data_env: dict[str, str],
                                                         tmp_path: Path) -> None:
    # A "browser" that exits at once: the renderer cannot start.
    env = {**data_env, "BROWSER_PATH": "/bin/false"}
    result = export(tmp_path / "x.png", env=env)
    assert_one_line_failure(result, "cannot start the renderer", "BROWSER_PATH")
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
def test_compare_two_dates_as_csv_and_png(data_env: dict[str, str], tmp_path: Path) -> None:
    """``--compare D1`` writes the app panel's comparison: the districts that changed
    hands between D1 and --date with their evidence (CSV), and the outlined map (PNG)."""
    from exports.compare import COLUMNS
    from exports.compare import HEIGHT as CMP_H
    from exports.compare import WIDTH as CMP_W

    table = tmp_path / "changes.csv"
    result = export(table, "--compare", "2017-03-01", fmt="csv", env=data_env)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert rows and tuple(rows[0]) == COLUMNS
    maamel = next(r for r in rows if r["district"] == "al-maamel")
    assert maamel["to"] == "Iraqi government forces" and maamel["evidence"]
    assert all("2017-03-01" < r["when"] <= DATE for r in rows)
    picture = tmp_path / "changes.png"
    result = export(picture, "--compare", "known", date="2016-11-05", env=data_env)
    assert result.returncode == 0, result.stderr
    assert Image.open(picture).size == (CMP_W, CMP_H)


@pytest.mark.parametrize(("extra", "fmt", "words"), [
    (("--compare", "2017-06-01"), "csv", ("--compare 2017-06-01 is after --date",)),
    (("--compare", "2017-03-01"), "pdf", ("png or csv",)),
    (("--compare", "2017-03-01", "--known-on"), "csv", ("--known-on", "--compare")),
    (("--compare", "May"), "png", ("YYYY-MM-DD",)),
])
def test_bad_compare_requests_fail_on_one_line(tmp_path: Path, extra: tuple[str, ...],
                                               fmt: str, words: tuple[str, ...]) -> None:
    out = tmp_path / f"changes.{fmt}"
    assert_one_line_failure(export(out, *extra, fmt=fmt), *words)
    assert not out.exists()


@pytest.mark.parametrize(("fmt", "names", "words"), [
    ("png", "fr", ("--names must be one of en, ar",)),
    ("csv", "ar", ("--names applies to exports with a map", "csv")),
])
def test_bad_names_fail_on_one_line(tmp_path: Path, fmt: str, names: str,
                                    words: tuple[str, ...]) -> None:
    out = tmp_path / f"state.{fmt}"
    assert_one_line_failure(export(out, "--names", names, fmt=fmt), *words)
    assert not out.exists()
