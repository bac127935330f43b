"""Decks in the export pool, in the real app and real Chromium (issue 19): with one slot,
a second deck says "Busy, queued" while it waits, the first arrives, and a deck job that
ends with nobody to fetch its result is reaped by the server (six decks once left
zombie processes behind).

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
        chromium: Any, one_slot: Server) -> None:
    """The queued deck's page is closed while it waits: its job still runs when the slot
    frees and ends with nobody to fetch the result (Dash joins a job only when its page
    fetches the result), so only the server's own reaping leaves no zombie."""
    pages = [new_page(chromium, one_slot.url) for _ in range(2)]
    downloads: dict[int, list[Any]] = {0: [], 1: []}
    try:
        for i, pg in enumerate(pages):
            _start_deck(pg)
            pg.on("download", lambda d, i=i: downloads[i].append(d))
        for pg in pages:
            pg.click(f"#{ids.DECK_BUTTON}")
        queued, said = _wait_for_queued(pages)
        assert said.startswith("Busy, queued (place 1)"), said
        running = pages[1 - queued]
        pages[queued].context.close()  # the analyst leaves before the deck is made
        deadline = time.monotonic() + 300
        while not downloads[1 - queued] and time.monotonic() < deadline:
            running.wait_for_timeout(500)
        [deck] = downloads[1 - queued]
        assert deck.suggested_filename == f"frontline-mosul-{DATE}-briefing.pptx"
        assert running.log.page_errors == []
    finally:
        for pg in pages:
            pg.context.close()
    _wait_until_no_job_runs(one_slot)
    assert _zombies_after_requests(one_slot) == []


def _wait_for_queued(pages: list[Any], seconds: float = 240) -> tuple[int, str]:
    """Which deck found the one slot taken (the other took it), and its step text."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for i, pg in enumerate(pages):
            text = pg.text_content(f"#{ids.DECK_STEP}") or ""
            if "queued" in text:
                return i, text
        pages[0].wait_for_timeout(200)
    raise AssertionError("no deck said it was queued: " + " | ".join(
        pg.text_content(f"#{ids.DECK_STEP}") or "" for pg in pages))


def _wait_until_no_job_runs(server: Server, seconds: float = 300) -> None:
    """Until no deck job (a fork of the server: the same command line) is running."""
    own = _cmdline(server.process.pid)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        jobs = [pid for pid, state in _children(server.process.pid)
                if state != "Z" and _cmdline(pid) == own]
        if not jobs:
            return
        time.sleep(1)
    raise AssertionError(f"deck jobs still running after {seconds} s: {jobs}")


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
    return [pid for pid, state in _children(parent) if state == "Z"]


def _children(parent: int) -> list[tuple[int, str]]:
    """(process id, state) of the processes whose parent is ``parent``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent:
            found.append((int(stat.parent.name), fields[0]))
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_the_fixture_server_is_a_child_of_this_run(one_slot: Server) -> None:
    # the zombie check reads the server's own children: it must be the server's pid
    assert Path(f"/proc/{one_slot.process.pid}/cmdline").read_bytes().split(b"\0")[1:3] == \
        [b"-m", b"dashboard"]
    assert os.getpid() != one_slot.process.pid
