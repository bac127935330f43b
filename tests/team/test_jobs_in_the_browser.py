"""The app's long jobs on Celery, clicked in real Chromium: a briefing deck and a movie
exported, and a pasted report read for its preview, through a real Redis and a real
``celery -A dashboard.worker`` process.

The server and the worker share one data folder built from seeds/ and one job queue of
this test alone; the app is the real ``python -m dashboard``. The worker's log must
name the app's job (a Dash background callback task) and say it succeeded: the file
came from the worker, not from a job process beside the app. Then the downloaded
files are opened.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from dashboard import ids
from tests.conftest import Server, build_data, start_server, stop_server
from tests.team.workers import Worker, start_worker
from timeline.store.sql import embedded_url
from timeline.store.sql.decisions import SqlDecisionStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DATE = "2017-05-11"
ANALYST, PASSWORD = "ana", "synthetic-pass-123"
PASTED = ("(SYNTHETIC report) Iraqi troops took over the al-Zanjili district on Thursday "
          "after two days of fighting, officers said.")
TASK_DONE = re.compile(r"Task background_callback_[0-9a-f]+\[[^\]]+\] succeeded")


@pytest.fixture(scope="module")
def on_celery(tmp_path_factory: pytest.TempPathFactory, redis_url: str
              ) -> Iterator[tuple[Server, Worker]]:
    queue = f"frontline-t-browser-{time.monotonic_ns()}"
    data = tmp_path_factory.mktemp("celery-data")
    env = {**build_data(data), "FRONTLINE_BROKER_URL": redis_url,
           "FRONTLINE_JOB_QUEUE": queue, "FRONTLINE_DATABASE_URL": ""}
    log = SqlDecisionStore(embedded_url(data))
    log.add_analyst(ANALYST, PASSWORD)
    log.engine.dispose()
    worker = start_worker(env, queue, timeout=180)
    # A generous start: CI runs this tier serially on two busy cores, and the app's
    # first page build then took over a minute once.
    server = start_server(env, timeout=180)
    try:
        yield server, worker
    finally:
        stop_server(server)
        worker.stop()


@pytest.fixture
def celery_page(chromium: Any, on_celery: tuple[Server, Worker]) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 800},
                                   accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.page_errors = errors
    pg.goto(f"{on_celery[0].url}?date={DATE}")
    pg.wait_for_selector(f"#{ids.MAP} canvas.maplibregl-canvas", timeout=60_000)
    pg.wait_for_function(
        f"() => document.querySelector('#{ids.DATE_INPUT}').value === '{DATE}'",
        timeout=60_000)
    yield pg
    context.close()


def _ran_on_the_worker(worker: Worker, before: int) -> None:
    deadline = time.monotonic() + 30  # the worker logs the success just after storing it
    while len(TASK_DONE.findall(worker.log())) <= before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(TASK_DONE.findall(worker.log())) > before, worker.log()[-3000:]


def test_a_deck_is_made_on_a_celery_worker_and_opens(
        celery_page: Any, on_celery: tuple[Server, Worker], tmp_path: Path) -> None:
    from pptx import Presentation

    worker = on_celery[1]
    before = len(TASK_DONE.findall(worker.log()))
    celery_page.fill(f"#{ids.DECK_DATES}", DATE)
    celery_page.press(f"#{ids.DECK_DATES}", "Enter")
    with celery_page.expect_download(timeout=240_000) as info:
        celery_page.click(f"#{ids.DECK_BUTTON}")
    download = info.value
    assert download.suggested_filename == f"frontline-mosul-{DATE}-briefing.pptx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert len(Presentation(str(path)).slides) == 3  # title, one change, sources
    celery_page.wait_for_function(
        f"() => (document.getElementById('{ids.DECK_STATUS}').textContent || '')"
        ".startsWith('Deck ready')", timeout=30_000)
    progress = celery_page.locator(f"#{ids.DECK_PROGRESS}")
    assert progress.get_attribute("value") == progress.get_attribute("max")  # progress came
    _ran_on_the_worker(worker, before)
    assert celery_page.page_errors == []


def test_a_movie_is_made_on_a_celery_worker_and_opens(
        celery_page: Any, on_celery: tuple[Server, Worker], tmp_path: Path) -> None:
    worker = on_celery[1]
    before = len(TASK_DONE.findall(worker.log()))
    celery_page.fill(f"#{ids.MOVIE_FROM}", "2017-05-09")
    celery_page.press(f"#{ids.MOVIE_FROM}", "Enter")
    celery_page.fill(f"#{ids.MOVIE_TO}", DATE)
    celery_page.press(f"#{ids.MOVIE_TO}", "Enter")
    with celery_page.expect_download(timeout=240_000) as info:
        celery_page.click(f"#{ids.MOVIE_BUTTON}")
    download = info.value
    assert download.suggested_filename == f"frontline-mosul-{DATE}-from-2017-05-09.gif"
    data = download.path().read_bytes()
    (tmp_path / download.suggested_filename).write_bytes(data)
    with Image.open(io.BytesIO(data)) as gif:
        assert gif.format == "GIF" and getattr(gif, "n_frames", 1) == 3  # a frame a day
    celery_page.wait_for_function(
        f"() => (document.getElementById('{ids.MOVIE_STATUS}').textContent || '')"
        ".startsWith('Movie ready')", timeout=30_000)
    _ran_on_the_worker(worker, before)
    assert celery_page.page_errors == []


def test_a_job_error_reaches_the_page_from_the_worker(
        celery_page: Any, on_celery: tuple[Server, Worker]) -> None:
    """A bad typed date fails in the worker and comes back as the status line."""
    celery_page.fill(f"#{ids.MOVIE_FROM}", "2017-13-45")
    celery_page.press(f"#{ids.MOVIE_FROM}", "Enter")
    worker = on_celery[1]
    before = len(TASK_DONE.findall(worker.log()))
    celery_page.click(f"#{ids.MOVIE_BUTTON}")
    celery_page.wait_for_function(
        f"() => (document.getElementById('{ids.MOVIE_STATUS}').textContent || '')"
        ".startsWith('Movie failed')", timeout=120_000)
    assert "2017-13-45" in (celery_page.text_content(f"#{ids.MOVIE_STATUS}") or "")
    _ran_on_the_worker(worker, before)


def test_a_pasted_report_is_read_on_a_celery_worker(
        celery_page: Any, on_celery: tuple[Server, Worker]) -> None:
    pg, worker = celery_page, on_celery[1]
    before = len(TASK_DONE.findall(worker.log()))
    pg.goto(f"{on_celery[0].url}sign-in?next=/")
    pg.fill("#sign-in-name", ANALYST)
    pg.fill("#sign-in-password", PASSWORD)
    with pg.expect_navigation(timeout=60_000):
        pg.click("button[type=submit]")
    pg.goto(on_celery[0].url)  # the map page, signed in
    pg.wait_for_selector(f"#{ids.MAP} canvas.maplibregl-canvas", timeout=60_000)
    pg.click("summary.fl-curation-head")  # the panel is folded under the map
    pg.wait_for_function(f"() => (document.getElementById('{ids.CURATION_USER}')"
                         f".textContent || '').includes('Signed in as {ANALYST}')", timeout=60_000)
    pg.locator(f"#{ids.CURATION_TABS} .tab:has-text('Add a report')").click()
    pg.fill(f"#{ids.CURATION_REPORT_TITLE}", "Troops take al-Zanjili")
    pg.fill(f"#{ids.CURATION_REPORT_OUTLET}", "Synthetic Wire")
    pg.fill(f"#{ids.CURATION_REPORT_URL}", "https://example.org/zanjili")
    pg.fill(f"#{ids.CURATION_REPORT_PUBLISHED}", "2017-05-12")
    pg.fill(f"#{ids.CURATION_REPORT_TEXT}", PASTED)
    read = pg.locator(f"#{ids.CURATION_REPORT_READ}")
    read.evaluate("(el) => el.scrollIntoView({block: 'end'})")
    read.click()
    pg.wait_for_function(
        f"() => (document.getElementById('{ids.CURATION_REPORT_STATUS}').textContent || '')"
        ".includes('Preview ready')", timeout=120_000)
    marks = pg.locator(f"#{ids.CURATION_REPORT_PREVIEW} mark")
    assert marks.count() >= 1 and "al-Zanjili" in marks.first.text_content()
    assert pg.get_attribute(f"#{ids.CURATION_REPORT_PROGRESS}", "value") == "100"  # progress came
    _ran_on_the_worker(worker, before)
    assert pg.page_errors == []
