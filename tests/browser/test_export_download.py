"""Clicking an export button in the served app downloads a file named by the app."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from dashboard import ids
from exports.snapshot import HEIGHT, WIDTH

pytestmark = pytest.mark.browser
DATE = "2017-05-11"


def _open(page: Any) -> None:
    page.goto(f"{page.base_url}?date={DATE}")
    page.wait_for_selector(f"#{ids.MAP} canvas.maplibregl-canvas", timeout=30_000)
    page.wait_for_function(
        f"() => document.querySelector('#{ids.DATE_INPUT}').value === '{DATE}'",
        timeout=30_000)


def _download(page: Any, label: str, tmp_path: Path, timeout: float = 60_000) -> Path:
    button = page.locator(f".fl-export-buttons button:text-is('{label}')")
    with page.expect_download(timeout=timeout) as info:
        button.click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def test_csv_button_downloads_the_state_of_the_shown_date(page: Any, tmp_path: Path) -> None:
    _open(page)
    path = _download(page, "CSV", tmp_path)
    assert path.name == f"frontline-mosul-{DATE}.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows and all(r["as_of"] == DATE for r in rows)
    assert {r["side"] for r in rows} >= {"government", "isis"}
    assert page.log.page_errors == []


@pytest.mark.slow
def test_png_button_downloads_a_snapshot(page: Any, tmp_path: Path) -> None:
    _open(page)
    path = _download(page, "PNG", tmp_path, timeout=90_000)
    assert path.name == f"frontline-mosul-{DATE}.png"
    assert Image.open(path).size == (WIDTH, HEIGHT)
    status = page.text_content(f"#{ids.EXPORT_STATUS}") or ""
    assert "Exported" in status
    assert page.log.console_errors == [] and page.log.foreign_requests == []


@pytest.mark.slow
def test_deck_runs_in_the_background_and_downloads(page: Any, tmp_path: Path) -> None:
    from pptx import Presentation

    _open(page)
    page.fill(f"#{ids.DECK_DATES}", DATE)
    page.press(f"#{ids.DECK_DATES}", "Enter")
    with page.expect_download(timeout=120_000) as info:
        page.click(f"#{ids.DECK_BUTTON}")
    download = info.value
    assert download.suggested_filename == f"frontline-mosul-{DATE}-briefing.pptx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert len(Presentation(str(path)).slides) == 3  # title, one change, sources
    progress = page.locator(f"#{ids.DECK_PROGRESS}")
    assert progress.get_attribute("value") == progress.get_attribute("max")
    assert page.log.page_errors == []


@pytest.mark.slow
def test_svg_snapshot_leaves_out_the_layers_switched_off(page: Any, tmp_path: Path) -> None:
    _open(page)
    page.get_by_label("Events").uncheck()
    path = _download(page, "SVG", tmp_path, timeout=90_000)
    text = path.read_text(encoding="utf-8")
    assert "not shown: events" in text


@pytest.mark.slow
def test_a_snapshot_names_the_districts_in_the_language_the_analyst_reads(
        page: Any, tmp_path: Path) -> None:
    """With "بالعربية" on, the SVG's map names are the Arabic ones (text, right to left
    by the renderer's bidi), and the file says so in its name."""
    _open(page)
    page.get_by_label("بالعربية").check()
    path = _download(page, "SVG", tmp_path, timeout=90_000)
    assert path.name.endswith("-ar.svg")
    text = path.read_text(encoding="utf-8")
    assert "حي المعامل" in text and ">al-Maamel<" not in text
    assert page.log.page_errors == []
