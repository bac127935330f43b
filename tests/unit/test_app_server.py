"""The app's server: the immutable layout is serialised once and sent compressed.

Uses the real app on labelled synthetic page data through Flask's test client.
"""

from __future__ import annotations

import gzip
import hashlib
import html as html_lib
import json
import re
from dataclasses import replace

import brotli
import pytest

from dashboard import lazy_scripts
from dashboard.app import create_app
from frontline.settings import Settings
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
    packed = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
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


def test_layout_is_brotli_compressed_and_revalidated_by_etag(client) -> None:  # type: ignore[no-untyped-def]
    plain = client.get("/_dash-layout", headers={"Accept-Encoding": "identity"})
    packed = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(packed.data) == plain.data
    etag = packed.headers["ETag"]
    assert etag == plain.headers["ETag"] and packed.headers["Cache-Control"] == "no-cache"
    again = client.get("/_dash-layout", headers={"If-None-Match": etag,
                                                 "Accept-Encoding": "br"})
    assert again.status_code == 304 and again.data == b""
    other = client.get("/_dash-layout", headers={"If-None-Match": '"not-it"'})
    assert other.status_code == 200


def test_the_page_loads_the_partial_plotly_bundle_and_no_polyfill(client) -> None:  # type: ignore[no-untyped-def]
    """dcc.Graph uses window.Plotly when a script set it: ours (map and scatter traces
    only, scripts/build-plotly-bundle.sh), served pre-compressed with a strong ETag."""
    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    bundle = [s for s in scripts if "plotly-frontline-" in s]
    assert len(bundle) == 1
    assert not any("polyfill" in s for s in scripts)
    assert scripts.index(bundle[0]) < min(i for i, s in enumerate(scripts)
                                          if "dash_core_components" in s)
    plain = client.get(bundle[0], headers={"Accept-Encoding": "identity"})
    br = client.get(bundle[0], headers={"Accept-Encoding": "gzip, br"})
    gz = client.get(bundle[0], headers={"Accept-Encoding": "gzip"})
    assert br.headers["Content-Encoding"] == "br" and gz.headers["Content-Encoding"] == "gzip"
    assert brotli.decompress(br.data) == plain.data == gzip.decompress(gz.data)
    assert b"regeneratorRuntime" in plain.data  # what Dash's scripts need of the polyfill
    assert "immutable" in plain.headers["Cache-Control"]
    cached = client.get(bundle[0], headers={"If-None-Match": plain.headers["ETag"]})
    assert cached.status_code == 304


def test_dash_scripts_are_sent_brotli_11_once_compressed(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/").get_data(as_text=True)
    dcc = next(s for s in re.findall(r'<script src="([^"]+)"', html)
               if "dash_core_components" in s)
    first = client.get(dcc, headers={"Accept-Encoding": "br"})
    again = client.get(dcc, headers={"Accept-Encoding": "br"})
    plain = client.get(dcc, headers={"Accept-Encoding": "identity"})
    assert first.headers["Content-Encoding"] == again.headers["Content-Encoding"] == "br"
    assert first.data == again.data
    assert brotli.decompress(first.data) == plain.data


@pytest.fixture(scope="module")
def warmed(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    import dash_ag_grid  # noqa: F401  (registers the library the page loads on demand)

    theatre = load_theatre()
    districts = build_districts(theatre)
    page = build_page_data(theatre, districts, synthetic_timeline(tuple(districts["id"])),
                           synthetic_extractions(theatre), fade_days=7)
    cache = tmp_path_factory.mktemp("cache")
    app = create_app(theatre, page, settings=replace(Settings.from_env(), cache_dir=cache))
    return app, app.warm(), cache


def test_warm_compresses_every_script_once_before_serving_and_keeps_it_on_disk(warmed) -> None:  # type: ignore[no-untyped-def]
    app, count, cache = warmed
    client = app.server.test_client()
    html = client.get("/").get_data(as_text=True)
    scripts = [s for s in re.findall(r'<script src="([^"]+)"', html)
               if "_dash-component-suites" in s or "/assets/" in s]
    kept = {p.name for p in cache.glob("*.br")}
    assert count >= len(scripts) and len(kept) >= len(scripts)
    for src in scripts:
        plain = client.get(src, headers={"Accept-Encoding": "identity"})
        br = client.get(src, headers={"Accept-Encoding": "br"})
        assert br.headers["Content-Encoding"] == "br", src
        assert brotli.decompress(br.data) == plain.data
        assert hashlib.sha256(plain.data).hexdigest() + ".br" in kept
        again = client.get(src, headers={"If-None-Match": br.headers["ETag"]})
        assert again.status_code == 304 and again.data == b""


def test_a_second_start_reads_the_copies_from_disk(warmed, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _app, _count, cache = warmed
    theatre = load_theatre()
    page = build_page_data(theatre, build_districts(theatre), synthetic_timeline(
        tuple(build_districts(theatre)["id"])), synthetic_extractions(theatre), fade_days=7)
    again = create_app(theatre, page, settings=replace(Settings.from_env(), cache_dir=cache))
    calls: list[bytes] = []
    real = brotli.compress
    monkeypatch.setattr(brotli, "compress",
                        lambda data, **kw: calls.append(data) or real(data, **kw))
    assert again.warm() > 0
    # Only the page's HTML is compressed again: Dash writes it anew in each process.
    assert [c[:15] for c in calls] in ([], [b"<!DOCTYPE html>"])


def test_grid_and_table_libraries_are_named_for_loading_on_demand(warmed) -> None:  # type: ignore[no-untyped-def]
    """dash-ag-grid and dash_table are not among the page's scripts (they load when a
    component of theirs is shown: assets/lazy_libraries.js), but are served."""
    app, _count, _cache = warmed
    client = app.server.test_client()
    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert not [s for s in scripts if "dash_ag_grid" in s or "dash_table" in s]
    meta = re.search(rf'<meta name="{lazy_scripts.META_NAME}" content="([^"]+)">', html)
    assert meta is not None
    urls = json.loads(html_lib.unescape(meta.group(1)))
    assert set(urls) == {"dash_ag_grid", "dash_table"}
    for url in urls.values():
        response = client.get(url, headers={"Accept-Encoding": "br"})
        assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"


def test_the_page_and_its_callback_graph_are_made_once_and_revalidated(client) -> None:  # type: ignore[no-untyped-def]
    """Both are fixed for the life of the process: a page load asks Dash for neither
    again, and a returning browser gets a 304 (the address's query changes nothing)."""
    for path, other in (("/", "/?date=2017-01-01&layers=events"),
                        ("/_dash-dependencies", None)):
        first = client.get(path, headers={"Accept-Encoding": "gzip, br"})
        again = client.get(other or path, headers={"Accept-Encoding": "gzip, br"})
        assert first.status_code == again.status_code == 200
        assert first.headers["Content-Encoding"] == "br" and first.data == again.data
        etag = first.headers["ETag"]
        assert again.headers["ETag"] == etag
        kept = client.get(other or path, headers={"If-None-Match": etag})
        assert kept.status_code == 304 and kept.data == b""
    graph = json.loads(client.get("/_dash-dependencies",
                                  headers={"Accept-Encoding": "identity"}).data)
    assert isinstance(graph, list) and graph  # Dash's callback graph, whole
