"""The app's server: the immutable layout is serialised once and sent compressed.

Uses the real app on labelled synthetic page data through Flask's test client.
"""

from __future__ import annotations

import gzip
import json
import re

import pytest

from dashboard.app import create_app
from geodata.districts import build_districts
from geodata.theatre import load_theatre
from tests.unit.dashboard_synthetic import synthetic_extractions, synthetic_timeline
from viewmodel.page_data import build_page_data


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    theatre = load_theatre()
    districts = build_districts(theatre)
    page = build_page_data(theatre, districts, synthetic_timeline(tuple(districts["id"])),
                           synthetic_extractions(theatre), fade_days=7)
    return create_app(theatre, page).server.test_client()


def test_layout_is_gzipped_when_the_browser_accepts_it(client) -> None:  # type: ignore[no-untyped-def]
    packed = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip, br"})
    plain = client.get("/_dash-layout", headers={"Accept-Encoding": "identity"})
    assert packed.status_code == plain.status_code == 200
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) * 3 < len(plain.data)
    assert json.loads(plain.data)["type"]  # a real Dash layout


def test_layout_is_the_same_bytes_on_every_request(client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/_dash-layout", headers={"Accept-Encoding": "identity"}).data
    again = client.get("/_dash-layout", headers={"Accept-Encoding": "identity"}).data
    assert first == again


def test_scripts_are_compressed(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/", headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts, "the page loads its scripts from its own server"
    response = client.get(scripts[0].split("?")[0], headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == "gzip"
