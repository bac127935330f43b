"""A second theatre is a folder: the SYNTHETIC Vellmar theatre (three forces, one bank, no
river file) builds, answers ``timeline state`` and exports, with its own side names and
colours, through the same commands as Mosul (``FRONTLINE_THEATRE`` set to its folder).

The theatre and its articles are invented; see ``tests/fixtures/theatres/vellmar``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from shapely.geometry import Point, shape

from exports.snapshot import HEIGHT, MAP_BOX, WIDTH
from geodata.theatre import load_theatre
from tests.conftest import ROOT, build_data, run_cli
from tests.unit.export_support import side_pixels

VELLMAR = ROOT / "tests" / "fixtures" / "theatres" / "vellmar"
FORCES = {"guard", "league", "union"}
DATE = "2021-04-10"
# On DATE (synthetic chronology + article): Dunmere is the Free League's, Elmgate the Hill
# Union's; they share the boundary at lon 20.02, north of lat 10.02.
LEAGUE_UNION_EDGE = Point(20.02, 10.03)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Data built from the Vellmar articles by the CLIs, with the Vellmar theatre selected."""
    return build_data(tmp_path_factory.mktemp("vellmar") / "data", VELLMAR / "articles",
                      theatre=VELLMAR)


def _state(env: dict[str, str], date: str = DATE) -> dict[str, object]:
    result = run_cli("timeline", "state", "--date", date, "--json", env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_state_names_the_three_forces_and_shares_the_one_bank(env: dict[str, str]) -> None:
    state = _state(env)
    sides = {d["id"]: d["side"] for d in state["districts"]}  # type: ignore[union-attr, index]
    assert sides == {"anvil-quarter": "league", "bellmoor": "guard", "cinder-row": "union",
                     "dunmere": "league", "elmgate": "union", "fallowmark": "union"}
    assert set(state["share"]) == {"harbour"}  # type: ignore[arg-type]
    harbour = state["share"]["harbour"]  # type: ignore[index]
    assert set(harbour) == FORCES | {"contested", "unknown"}
    assert harbour["union"] == pytest.approx(0.5, abs=0.01)
    assert state["share_city"] == harbour
    assert state["frontline_km"] > 0  # type: ignore[operator]


def test_fighting_by_another_force_contests_a_district(env: dict[str, str]) -> None:
    state = _state(env, "2021-03-22")  # the Free League attacked Guard-held Bellmoor on 03-20
    bellmoor = next(d for d in state["districts"] if d["id"] == "bellmoor")  # type: ignore
    assert bellmoor["side"] == "contested"


@pytest.mark.slow
def test_exports_carry_the_theatres_sides_and_the_front_between_two_non_guard_forces(
        env: dict[str, str], tmp_path: Path) -> None:
    out = {fmt: tmp_path / f"vellmar.{fmt}" for fmt in ("geojson", "csv", "png")}
    for fmt, path in out.items():
        result = run_cli("dashboard", "export", "--date", DATE, "--format", fmt,
                         "--out", str(path), env=env)
        assert result.returncode == 0, f"{fmt}: {result.stderr}"

    doc = json.loads(out["geojson"].read_text(encoding="utf-8"))
    districts = [f for f in doc["features"] if f["properties"]["layer"] == "district"]
    assert {f["properties"]["side"] for f in districts} == FORCES
    theatre = load_theatre(str(VELLMAR))
    assert doc["frontline"]["sides"]["union"] == {"label": "Hill Union", "color": "#CC79A7"}
    front = next(f for f in doc["features"] if f["properties"]["layer"] == "front")
    assert shape(front["geometry"]).distance(LEAGUE_UNION_EDGE) < 1e-6

    rows = list(csv.DictReader(io.StringIO(out["csv"].read_text(encoding="utf-8"))))
    assert {r["side"] for r in rows} == FORCES and {r["bank"] for r in rows} == {"harbour"}

    image = Image.open(out["png"])
    assert image.size == (WIDTH, HEIGHT)
    rgb = np.asarray(image.convert("RGB"))
    area = rgb[MAP_BOX.top:int(MAP_BOX.bottom), MAP_BOX.left:int(MAP_BOX.right)]
    for force in FORCES:
        assert side_pixels(area, theatre.sides[force].color) > 2000, force
