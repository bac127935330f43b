"""The served page loads in headless Chromium, draws the map, and stays offline."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import ids

pytestmark = pytest.mark.browser


def test_page_draws_map_with_no_console_errors_and_no_foreign_requests(page: Any) -> None:
    page.goto(page.base_url)
    page.wait_for_selector(f"#{ids.MAP} .js-plotly-plot", timeout=30_000)
    # MapLibre draws into a canvas once the map is ready.
    page.wait_for_selector(f"#{ids.MAP} canvas.maplibregl-canvas", timeout=30_000)
    page.wait_for_timeout(1500)  # let late map errors (glyphs, tiles) surface
    title = page.text_content(f"#{ids.TITLE}")
    assert title and "Mosul" in title
    n_traces = page.evaluate(
        f"() => document.querySelector('#{ids.MAP} .js-plotly-plot').data.length"
    )
    assert n_traces >= 1
    assert page.log.console_errors == []
    assert page.log.page_errors == []
    assert page.log.failed_requests == []
    assert page.log.foreign_requests == []


def test_curation_grids_load_only_when_the_panel_opens(page: Any) -> None:
    """The first load asks for no grid library (dashboard/lazy_scripts.py) and no curation
    tab; opening the panel brings both, and the review grid shows rows from the store."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(page.base_url)
    page.wait_for_function(
        "() => window.frontline && window.frontline.mapView"
        " && window.frontline.mapView.drawnDay() !== null", timeout=30_000)
    page.wait_for_load_state("networkidle", timeout=30_000)
    assert not [u for u in asked if "dash_ag_grid" in u or "dash_table" in u]
    assert page.locator(f"#{ids.CURATION_TABS}").count() == 0
    head = page.locator("summary.fl-curation-head")
    # Clicked where the map (which stays in view at the top) cannot cover it.
    head.evaluate("(el) => el.scrollIntoView({block: 'end'})")
    head.click()
    page.wait_for_selector(f"#{ids.CURATION_QUEUE} .ag-center-cols-container .ag-row",
                           timeout=60_000)
    assert [u for u in asked if "/dash_ag_grid/dash_ag_grid." in u]
    for _ in range(2):  # fold and unfold (the map now covers the head): tabs stay
        head.evaluate("(el) => el.click()")
    page.wait_for_selector(f"#{ids.CURATION_QUEUE} .ag-row", state="visible")
    assert page.log.console_errors == []
    assert page.log.page_errors == []
    assert page.log.foreign_requests == []
