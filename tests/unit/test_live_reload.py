"""A running app serves a rebuilt store without a restart (SYNTHETIC articles).

The real app is served by waitress on a free loopback port, in a thread, from a
FileStore in a temporary folder. The store is then rebuilt through the pipeline with
other articles, as ``make data`` would while the app runs, and the next page load (and
the next export) must show the new data: the first reader after the change at once
gets the page before it (the new version is built in the background), the next ones
the new page once it is built.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from waitress import create_server

from dashboard import export_panel, ids, page_data_file
from dashboard.app import create_app
from frontline.settings import Settings
from geodata.theatre import load_theatre
from timeline import pipeline
from timeline.store.files import FileStore

ARTICLE = """---
title: "SYNTHETIC report {name}"
source: "Synthetic Wire {name}"
published: 2017-05-10
---
The Counter-Terrorism Service took over {place} on Wednesday.
"""


def rebuild(store: FileStore, seeds: Path, settings: Settings, name: str, place: str) -> None:
    """Replace the folder's only article and run ingest and build, as ``make data`` does."""
    for old in seeds.glob("*.md"):
        old.unlink()
    (seeds / f"{name}.md").write_text(ARTICLE.format(name=name, place=place), encoding="utf-8")
    report = pipeline.ingest(store, seeds, settings)
    assert report.extracted == 1 and not report.failures
    pipeline.build(store, load_theatre(settings.theatre), settings)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, FileStore, Path, Settings]]:
    settings = replace(Settings.from_env(), data_dir=tmp_path / "data", seeds_dir=tmp_path / "in")
    settings.seeds_dir.mkdir()
    store = FileStore.from_settings(settings)
    rebuild(store, settings.seeds_dir, settings, "alpha", "al-Maamel")
    app = create_app(store=store, settings=settings)
    server = create_server(app.server, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, name="live-reload-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}", store, settings.seeds_dir, settings
    finally:
        server.close()
        thread.join(timeout=10)


def page_data(base: str) -> dict[str, Any]:
    """The page data store of the layout the server sends now."""
    def text(url: str) -> str:
        with urllib.request.urlopen(base + url, timeout=60) as response:
            return str(response.read().decode("utf-8"))

    # As the browser does (assets/page_data.js): the page data file where its URL stands.
    layout = json.loads(page_data_file.spliced(text("/_dash-layout"), text))

    def find(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == ids.PAGE_DATA:
                return node["props"]["data"]
            return next((f for f in map(find, node.values()) if f is not None), None)
        if isinstance(node, list):
            return next((f for f in map(find, node) if f is not None), None)
        return None

    found = find(layout)
    assert isinstance(found, dict), "no page data in the layout"
    return found


def test_a_rebuilt_store_is_served_without_a_restart(
        served: tuple[str, FileStore, Path, Settings]) -> None:
    base, store, seeds, settings = served
    before = page_data(base)
    assert "Synthetic Wire alpha" in before["strings"]
    assert page_data(base) == before  # nothing changed: the same page
    assert [x.article.source for x in export_panel.context().extractions] == [
        "Synthetic Wire alpha"]

    rebuild(store, seeds, settings, "bravo", "al-Islah al-Zirai")

    assert page_data(base) == before  # at once: the newest complete build, while...
    deadline = time.monotonic() + 120
    while (after := page_data(base)) == before and time.monotonic() < deadline:
        time.sleep(0.2)  # ...the new version is built in the background
    assert "Synthetic Wire bravo" in after["strings"]
    assert "Synthetic Wire alpha" not in after["strings"]
    assert after["views"] != before["views"]  # the control timeline was rebuilt too
    assert [x.article.source for x in export_panel.context().extractions] == [
        "Synthetic Wire bravo"]
