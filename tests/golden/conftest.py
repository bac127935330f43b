"""Fixtures the golden tests share: the Mosul theatre and its district polygons."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geodata.districts import build_districts
from geodata.theatre import Theatre, load_theatre


@pytest.fixture(scope="module")
def mosul() -> tuple[Theatre, gpd.GeoDataFrame]:
    theatre = load_theatre("mosul")
    return theatre, build_districts(theatre)
