"""The page data as a static file of its build (:mod:`dashboard.page_data_file`): the
layout names it instead of carrying it, the server sends it from disk pre-compressed
with a strong ETag (304 when the browser holds it), and putting it back in the layout
gives the data the page had inside. Uses the real app on SYNTHETIC page data."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import brotli
import pytest

from dashboard import ids, page_data_file
from dashboard.app import create_app
from dashboard.reader_build import FOLDER, PAGE_DATA_FOLDER
from frontline.settings import Settings
from geodata.districts import build_districts
from geodata.theatre import load_theatre
from tests.unit.dashboard_synthetic import synthetic_extractions, synthetic_timeline
from viewmodel.page_data import build_page_data


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any], Path]:
    theatre = load_theatre()
    districts = build_districts(theatre)
    page = build_page_data(theatre, districts, synthetic_timeline(tuple(districts["id"])),
                           synthetic_extractions(theatre), fade_days=7)
    data_dir = tmp_path_factory.mktemp("data")
    app = create_app(theatre, page, settings=replace(Settings.from_env(), data_dir=data_dir))
    return app.server.test_client(), page.to_json(), data_dir / FOLDER / PAGE_DATA_FOLDER


def _store_data(layout: Any) -> Any:
    if isinstance(layout, dict):
        if layout.get("props", {}).get("id") == ids.PAGE_DATA:
            return layout["props"]["data"]
        return next((f for f in map(_store_data, layout.values()) if f is not None), None)
    if isinstance(layout, list):
        return next((f for f in map(_store_data, layout) if f is not None), None)
    return None


def test_the_layout_names_the_file_and_the_file_holds_the_page_data(served) -> None:  # type: ignore[no-untyped-def]
    client, data, folder = served
    text = client.get("/_dash-layout", headers={"Accept-Encoding": "identity"}).get_data(
        as_text=True)
    address = _store_data(json.loads(text))
    assert isinstance(address, str) and address.startswith(page_data_file.MARK)
    url = address[len(page_data_file.MARK):]
    assert len(text.encode()) * 4 < len(json.dumps(data).encode())  # the bulk left
    name = url.rsplit("/", 1)[1]
    assert sorted(p.name for p in folder.iterdir()) == [name, f"{name}.br", f"{name}.gz"]

    def fetch(path: str) -> str:
        assert path == url
        return str(client.get(path).get_data(as_text=True))

    whole = _store_data(json.loads(page_data_file.spliced(text, fetch)))
    assert whole == {**data, "version": whole["version"]}  # as the page had it inside


def test_the_file_is_sent_pre_compressed_and_revalidated(served) -> None:  # type: ignore[no-untyped-def]
    client, _data, folder = served
    address = _store_data(client.get("/_dash-layout").get_json())
    url = address[len(page_data_file.MARK):]
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    br = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    gz = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == br.status_code == gz.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert br.headers["Content-Encoding"] == "br" and gz.headers["Content-Encoding"] == "gzip"
    assert brotli.decompress(br.data) == gzip.decompress(gz.data) == plain.data
    # The disk's copies, never compressed again per request.
    name = url.rsplit("/", 1)[1]
    assert br.data == (folder / f"{name}.br").read_bytes()
    etag = br.headers["ETag"]
    assert etag == f'"{name.removesuffix(".json")}"'
    assert "immutable" in br.headers["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": etag, "Accept-Encoding": "br"})
    assert again.status_code == 304 and again.data == b""


def test_only_page_data_files_are_served(served) -> None:  # type: ignore[no-untyped-def]
    client, _data, _folder = served
    for name in ("secret_key", "x.json", "0" * 32 + ".json", "0" * 32 + ".json.br"):
        assert client.get(f"/{page_data_file.ROUTE}{name}").status_code == 404


def test_splicing_is_the_twin_of_the_browsers() -> None:
    # The cases of tests/js/page_data.test.js.
    layout = ('{"props":{"data":"frontline-page-data:\\u002fapp\\u002ffrontline-page-data'
              '\\u002fab12.json","id":"page-data"},"type":"Store"}')
    asked: list[str] = []

    def fetch(url: str) -> str:
        asked.append(url)
        return '{"version":"v2","strings":["al-Test \\"quoted\\""]}'

    text = page_data_file.spliced(layout, fetch)
    assert asked == ["/app/frontline-page-data/ab12.json"]
    assert json.loads(text)["props"]["data"] == {"version": "v2",
                                                "strings": ['al-Test "quoted"']}
    inside = '{"props":{"data":{"version":"v1"},"id":"page-data"}}'
    assert page_data_file.spliced(inside, lambda _: pytest.fail("nothing to fetch")) == inside


def test_a_folder_that_cannot_be_written_keeps_the_data_inside(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert page_data_file.write(blocker / "page-data", b"{}") is None
