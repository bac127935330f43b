"""``python -m geodata`` against the contract: JSON shape, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pyogrio
import pytest

from tests.conftest import run_cli

CONTRACT_KEYS = {"query", "id", "name", "kind", "score", "lat", "lon", "bank", "candidates"}


def one_line_error(result: object) -> str:
    stderr = result.stderr.strip()  # type: ignore[attr-defined]
    assert result.returncode != 0  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == 1
    return stderr


def test_geocode_json_has_the_contract_shape() -> None:
    result = run_cli("geodata", "geocode", "Ma'amil", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) >= CONTRACT_KEYS
    assert payload["query"] == "Ma'amil"
    assert payload["id"] == "al-maamel" and payload["kind"] == "district"
    assert payload["bank"] == "west" and 0 < payload["score"] <= 1
    assert all(set(c) == {"id", "score"} for c in payload["candidates"])


def test_unknown_name_is_null_with_candidates_and_exit_zero() -> None:
    result = run_cli("geodata", "geocode", "Baghdad", "--json")
    assert result.returncode == 0
    payload = json.loads(result.stdout)
    assert payload["id"] is None and payload["candidates"]


def test_geocode_without_json_is_one_readable_line() -> None:
    result = run_cli("geodata", "geocode", "Islah al-Zeraie")
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and "al-islah-al-zirai" in lines[0]


@pytest.mark.parametrize("name", ["", "   ", "x" * 10_000])
def test_bad_names_fail_on_one_line(name: str) -> None:
    assert "geodata: error:" in one_line_error(run_cli("geodata", "geocode", name, "--json"))


def test_control_characters_do_not_crash() -> None:
    result = run_cli("geodata", "geocode", "al-\x01Maa\x07mel", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["id"] == "al-maamel"


def test_build_writes_then_reports_up_to_date(tmp_path: Path) -> None:
    env = {"FRONTLINE_DATA_DIR": str(tmp_path), "FRONTLINE_BOUNDARIES": ""}
    first = run_cli("geodata", "build", env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("built ")
    assert (tmp_path / "geodata.gpkg").is_file()
    second = run_cli("geodata", "build", "--json", env=env)
    assert json.loads(second.stdout)["built"] is False
    forced = run_cli("geodata", "build", "--force", "--json", env=env)
    assert json.loads(forced.stdout)["built"] is True


def test_import_boundaries_reports_and_rebuilds(tmp_path: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import box

    source = tmp_path / "synthetic.geojson"
    gdf = gpd.GeoDataFrame({"NAME_EN": ["al-Maamel", "Nowhere Town"]},
                           geometry=[box(43.07, 36.35, 43.08, 36.36),
                                     box(43.2, 36.3, 43.21, 36.31)], crs="EPSG:4326")
    pyogrio.write_dataframe(gdf, source)
    env = {"FRONTLINE_DATA_DIR": str(tmp_path / "data"), "FRONTLINE_BOUNDARIES": ""}
    result = run_cli("geodata", "import-boundaries", str(source), "--name-column", "NAME_EN",
                     "--json", env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["matched"] == {"al-Maamel": "al-maamel"}
    assert report["unmatched"] == ["Nowhere Town"]
    assert report["rebuilt"] is True


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["import-boundaries", "no/such/file.geojson", "--name-column", "n"], "does not exist"),
        (["import-boundaries", "README.md", "--name-column", "n"], "README.md"),
    ],
)
def test_import_errors_are_one_line(args: list[str], needle: str, tmp_path: Path) -> None:
    result = run_cli("geodata", *args, env={"FRONTLINE_DATA_DIR": str(tmp_path)})
    assert needle in one_line_error(result)


def test_missing_name_column_is_one_line(tmp_path: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import box

    source = tmp_path / "b.geojson"
    pyogrio.write_dataframe(gpd.GeoDataFrame({"n": ["x"]}, geometry=[box(0, 0, 1, 1)],
                                             crs="EPSG:4326"), source)
    result = run_cli("geodata", "import-boundaries", str(source), "--name-column", "NAME",
                     env={"FRONTLINE_DATA_DIR": str(tmp_path)})
    assert "no column 'NAME'" in one_line_error(result)
