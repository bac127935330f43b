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
