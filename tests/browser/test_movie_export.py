"""The export panel's movie row in the served app: a background job with progress that
downloads a GIF of the range asked for, one dated frame per day."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dashboard import ids
from exports.animation import HEIGHT, WIDTH

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DATE = "2017-05-11"


def test_movie_row_runs_in_the_background_and_downloads_a_gif(page: Any,
                                                               tmp_path: Path) -> None:
    import imageio.v3 as iio

    page.goto(f"{page.base_url}?date={DATE}")
    page.wait_for_selector(f"#{ids.MAP} canvas.maplibregl-canvas", timeout=30_000)
    for field, value in ((ids.MOVIE_FROM, "2017-05-08"), (ids.MOVIE_TO, "2017-05-10")):
        page.fill(f"#{field}", value)
        page.press(f"#{field}", "Enter")
    page.fill(f"#{ids.MOVIE_FPS}", "4")
    step = page.locator(f"#{ids.MOVIE_STEP}")
    seen: list[str] = []
    with page.expect_download(timeout=180_000) as info:
        page.click(f"#{ids.MOVIE_BUTTON}")
        page.wait_for_function(  # the job says what it does while it runs
            f"() => document.querySelector('#{ids.MOVIE_STEP}').textContent.length > 0",
            timeout=30_000)
        seen.append(step.text_content() or "")
    download = info.value
    assert download.suggested_filename == "frontline-mosul-2017-05-10-from-2017-05-08.gif"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    frames = [np.asarray(f)[..., :3] for f in iio.imiter(path, extension=".gif")]
    assert len(frames) == 3 and frames[0].shape[:2] == (HEIGHT, WIDTH)
    assert iio.immeta(path, extension=".gif")["duration"] == 250
    assert any(word in seen[0] for word in ("Starting", "Drawing", "Rendered")), seen
    progress = page.locator(f"#{ids.MOVIE_PROGRESS}")
    page.wait_for_function(
        f"() => document.querySelector('#{ids.MOVIE_STATUS}').textContent.includes('ready')",
        timeout=30_000)
    assert progress.get_attribute("value") == progress.get_attribute("max")
    status = page.text_content(f"#{ids.MOVIE_STATUS}") or ""
    assert "3 frames, 2017-05-08 to 2017-05-10" in status
    assert page.log.page_errors == []
