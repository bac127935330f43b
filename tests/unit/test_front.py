"""The front line on toy layouts with known lengths, across a river, and on Mosul.

Toy layouts are synthetic: 1 km squares laid out in UTM 38N (EPSG:32638) near Mosul and
stored in EPSG:4326 as the districts table is.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import LineString, box

from geodata.context import city_outline, river_line
from geodata.districts import build_districts
from geodata.front import Adjacency, build_adjacency, front_length_km, front_line
from geodata.sides import MOSUL_CODES
from geodata.theatre import load_theatre

UTM = "EPSG:32638"
X0, Y0 = 330_000.0, 4_020_000.0
KM = 1000.0


def squares(cells: list[tuple[float, float]], banks: list[str] | None = None,
            width: float = KM) -> gpd.GeoDataFrame:
    """Synthetic districts: squares with lower-left corners in km from (X0, Y0)."""
    geoms = [box(X0 + x * KM, Y0 + y * KM, X0 + x * KM + width, Y0 + y * KM + KM)
             for x, y in cells]
    gdf = gpd.GeoDataFrame({"id": [f"d{k}" for k in range(len(cells))]}, geometry=geoms, crs=UTM)
    if banks is not None:
        gdf["bank"] = banks
    return gdf.to_crs("EPSG:4326")


@pytest.fixture(scope="module")
def grid() -> Adjacency:
    """A B / C D: A=(0,1) B=(1,1) C=(0,0) D=(1,0); A and D touch only at a corner."""
    return build_adjacency(squares([(0, 1), (1, 1), (0, 0), (1, 0)]), None, UTM)


def pairs(adj: Adjacency) -> set[tuple[int, int]]:
    return set(zip(adj.i.tolist(), adj.j.tolist(), strict=True))


def test_grid_edges_are_the_shared_sides(grid: Adjacency) -> None:
    assert pairs(grid) == {(0, 1), (2, 3), (0, 2), (1, 3)}
    assert grid.length_km == pytest.approx([1.0] * 4, abs=1e-6)


@pytest.mark.parametrize(
    ("sides", "km"),
    [
        (["government", "isis", "government", "isis"], 2.0),
        (["government"] * 4, 0.0),
        (["contested", "government", "government", "government"], 2.0),
        (["contested", "contested", "isis", "government"], 3.0),
        (["unknown", "isis", "government", "isis"], 1.0),
        (["government", "isis", "isis", "government"], 4.0),
        (["unknown", "contested", "unknown", "unknown"], 0.0),
    ],
)
def test_front_length_follows_the_rule(grid: Adjacency, sides: list[str], km: float) -> None:
    front = front_line(grid, sides, MOSUL_CODES)
    assert front.length_km == pytest.approx(km, abs=1e-6)
    length = front_length_km(grid, MOSUL_CODES.encode(sides), MOSUL_CODES)
    assert length == pytest.approx(km, abs=1e-6)
    assert front.line.geom_type == "MultiLineString"
    measured = gpd.GeoSeries([front.line], crs="EPSG:4326").to_crs(UTM).length.iloc[0]
    assert measured / KM == pytest.approx(km, abs=1e-3)


def test_contested_zone_is_the_union_of_contested_districts(grid: Adjacency) -> None:
    front = front_line(grid, ["contested", "contested", "isis", "government"], MOSUL_CODES)
    expected = shapely.union_all(grid.polygons[:2])
    assert front.contested.symmetric_difference(expected).area == pytest.approx(0, abs=1e-12)
    assert front_line(grid, ["isis"] * 4, MOSUL_CODES).contested.is_empty


@given(st.lists(st.integers(0, 3), min_size=4, max_size=4))
def test_vectorised_length_matches_front_line(codes: list[int]) -> None:
    adj = build_adjacency(squares([(0, 1), (1, 1), (0, 0), (1, 0)]), None, UTM)
    names = ["government", "isis", "contested", "unknown"]
    front = front_line(adj, [names[c] for c in codes], MOSUL_CODES)
    length = front_length_km(adj, np.asarray(codes, dtype=np.int8), MOSUL_CODES)
    assert length == pytest.approx(front.length_km)


def test_wrong_number_of_sides_is_refused(grid: Adjacency) -> None:
    with pytest.raises(ValueError, match="3 sides for 4"):
        front_line(grid, ["isis"] * 3, MOSUL_CODES)
    with pytest.raises(ValueError):
        front_length_km(grid, np.zeros(5, dtype=np.int8), MOSUL_CODES)


def _river_x(x_km: float) -> LineString:
    line = gpd.GeoSeries([LineString([(X0 + x_km * KM, Y0 - 2 * KM),
                                      (X0 + x_km * KM, Y0 + 3 * KM)])], crs=UTM)
    return line.to_crs("EPSG:4326").iloc[0]


def test_banks_split_by_the_river_meet_across_it_once() -> None:
    """Two squares touching along the river (as Voronoi cells split by it are)."""
    gdf = squares([(0, 0), (1, 0)], banks=["west", "east"])
    adj = build_adjacency(gdf, _river_x(1.0), UTM)
    assert pairs(adj) == {(0, 1)}
    assert adj.across_river.tolist() == [True]
    assert adj.length_km[0] == pytest.approx(1.0, abs=0.03)


def test_banks_with_the_river_between_them_face_each_other() -> None:
    """Imported boundaries leave the river's width (here 200 m) between the banks."""
    gdf = squares([(0, 0), (1.2, 0)], banks=["west", "east"])
    adj = build_adjacency(gdf, _river_x(1.1), UTM)
    assert pairs(adj) == {(0, 1)}
    assert adj.length_km[0] == pytest.approx(1.0, abs=0.06)
    front = front_line(adj, ["government", "isis"], MOSUL_CODES)
    assert front.length_km == pytest.approx(adj.length_km[0])


def test_same_bank_neighbours_do_not_meet_across_the_river() -> None:
    gdf = squares([(0, 0), (0, 1)], banks=["west", "west"])
    adj = build_adjacency(gdf, _river_x(1.1), UTM)
    assert pairs(adj) == {(0, 1)}
    assert not adj.across_river.any()


def test_mosul_adjacency_accounts_for_every_boundary() -> None:
    """Perimeters = 2 x inner borders + outline + 2 x river: no edge missed or doubled."""
    theatre = load_theatre("mosul")
    districts = build_districts(theatre)
    river, outline = river_line(theatre), city_outline(theatre)
    adj = build_adjacency(districts, river, theatre.crs)
    def km(geoms: list[shapely.Geometry]) -> float:
        return float(gpd.GeoSeries(geoms, crs="EPSG:4326").to_crs(theatre.crs).length.sum()) / KM

    river_in_city = km([river.intersection(outline)])
    inner = adj.length_km[~adj.across_river].sum()
    assert km(list(districts.geometry)) == pytest.approx(
        2 * inner + km([outline.exterior]) + 2 * river_in_city, rel=1e-4
    )
    across = front_line(adj, ["isis" if b == "west" else "government" for b in districts.bank],
                        MOSUL_CODES)
    assert across.length_km == pytest.approx(river_in_city, rel=1e-3)
