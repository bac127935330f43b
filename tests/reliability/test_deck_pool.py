"""Decks in the export pool, in the real app and real Chromium (issue 19): with one slot,
a second deck says "Busy, queued" while it waits, both decks arrive, and the finished
deck job processes are reaped by the server (six decks once left zombies behind).

Served on its own copy of the data built from ``seeds/`` (the pool is per data folder).
"""

from __future__ import annotations

import os
import shutil
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from tests.browser.conftest import new_page
from tests.conftest import ROOT, Server, start_server, stop_server

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.hang_guard(420)]
DATE = "2017-05-11"


@pytest.fixture(scope="module")
def one_slot(data_env: dict[str, str],
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("deck-pool") / "data"
    shutil.copytree(data_env["FRONTLINE_DATA_DIR"], data,
                    ignore=shutil.ignore_patterns("export-jobs"))
    env = {**data_env, "FRONTLINE_DATA_DIR": str(data), "FRONTLINE_EXPORT_JOBS": "1",
           "FRONTLINE_EXPORT_QUEUE": "1", "PYTHONPATH": str(ROOT)}
    server = start_server(env, timeout=180)
    yield server
    stop_server(server)


def _start_deck(page: Any) -> None:
    page.goto(f"{page.base_url}?date={DATE}", timeout=120_000)
    page.wait_for_selector(f"#{ids.MAP} canvas.maplibregl-canvas", timeout=120_000)
    page.fill(f"#{ids.DECK_DATES}", DATE)
    page.press(f"#{ids.DECK_DATES}", "Enter")


def test_a_second_deck_waits_busy_queued_and_no_job_is_left_a_zombie(
        chromium: Any, one_slot: Server, tmp_path: Path) -> None:
    pages = [new_page(chromium, one_slot.url) for _ in range(2)]
    try:
        for pg in pages:
            _start_deck(pg)
        with pages[0].expect_download(timeout=300_000) as first, \
                pages[1].expect_download(timeout=300_000) as second:
            for pg in pages:
                pg.click(f"#{ids.DECK_BUTTON}")
            said = _wait_for_queued(pages)
        assert said.startswith("Busy, queued (place 1)"), said
        for info in (first, second):
            name = info.value.suggested_filename
            assert name == f"frontline-mosul-{DATE}-briefing.pptx"
            info.value.save_as(tmp_path / name)  # waits until the deck is whole
        assert all(pg.log.page_errors == [] for pg in pages)
    finally:
        for pg in pages:
            pg.context.close()
    assert _zombies_after_requests(one_slot) == []


def _wait_for_queued(pages: list[Any], seconds: float = 240) -> str:
    """The step text of whichever deck found the one slot taken (the other took it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for pg in pages:
            text = pg.text_content(f"#{ids.DECK_STEP}") or ""
            if "queued" in text:
                return text
        pages[0].wait_for_timeout(200)
    raise AssertionError("no deck said it was queued: " + " | ".join(
        pg.text_content(f"#{ids.DECK_STEP}") or "" for pg in pages))


def _zombies_after_requests(server: Server, seconds: float = 60) -> list[int]:
    """Zombie children of the server once a request has let it reap them (a job that
    just finished may still be exiting: asked again until none is left, or time is up)."""
    deadline = time.monotonic() + seconds
    while True:
        with urllib.request.urlopen(server.url + "_dash-layout", timeout=60) as response:
            response.read()
        zombies = _zombies(server.process.pid)
        if not zombies or time.monotonic() > deadline:
            return zombies
        time.sleep(1)


def _zombies(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] == "Z" and int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def test_the_fixture_server_is_a_child_of_this_run(one_slot: Server) -> None:
    # the zombie check reads the server's own children: it must be the server's pid
    assert Path(f"/proc/{one_slot.process.pid}/cmdline").read_bytes().split(b"\0")[1:3] == \
        [b"-m", b"dashboard"]
    assert os.getpid() != one_slot.process.pid
